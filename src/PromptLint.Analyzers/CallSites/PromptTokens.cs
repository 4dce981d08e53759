using System.Collections.Concurrent;
using PromptLint.Core.Catalog;
using PromptLint.Core.Tokens;

namespace PromptLint.Analyzers.CallSites;

/// <summary>
/// Token counts of prompt segments for a model, for one compilation: its public encoding, scaled where that is a
/// stand-in. Counts that an earlier build of the project wrote (see <see cref="TokenCountFile"/>) are used before the
/// tokenizer, and every text counted here is noted, so that the next build can be given the counts of this one.
/// </summary>
internal sealed class PromptTokens
{
    // Keyed by the text's instance, not its content: the rules of a call site share its strings, and hashing a long
    // prompt for every rule that asks would cost more than the lookup saves. Equal texts held twice are one entry of
    // the file.
    private readonly ConcurrentDictionary<(string Encoding, string Text), int> _counted = new(ByInstance.Comparer);

    // Made once: a lambda that reads Earlier would otherwise be allocated on every count.
    private readonly Func<(string Encoding, string Text), int> _countOne;

    public PromptTokens(TokenCountFile earlier)
    {
        Earlier = earlier;
        _countOne = key => TokenCounter.Count(key.Text, key.Encoding, Earlier);
    }

    /// <summary>The counts an earlier build wrote; empty on a first build and where none were passed in.</summary>
    public TokenCountFile Earlier { get; }

    /// <summary>The tokens of <paramref name="text"/> in <paramref name="encoding"/>, unscaled.</summary>
    public int Count(string text, string encoding) =>
        _counted.GetOrAdd((encoding, text), _countOne);

    public int Count(string text, ModelInfo? model)
    {
        var tokens = Count(text, model?.Encoding ?? TokenEncodings.O200kBase);
        var multiplier = model?.TokenMultiplier ?? 1m;
        return multiplier == 1m ? tokens : (int)Math.Round(tokens * multiplier, MidpointRounding.AwayFromZero);
    }

    /// <summary>The tokens of the constant segments from <paramref name="start"/> on.</summary>
    public int ConstantFrom(IReadOnlyList<PromptSegment> prompt, int start, ModelInfo? model)
    {
        var tokens = 0;
        for (var i = start; i < prompt.Count; i++)
        {
            if (prompt[i].Text is { } text)
                tokens += Count(text, model);
        }

        return tokens;
    }

    /// <summary>
    /// The tokens of the cacheable start of the prompt (constant and stable segments before the first other one), or
    /// null when a stable segment in it has no known text, so its size cannot be known.
    /// </summary>
    public int? Prefix(IReadOnlyList<PromptSegment> prompt, ModelInfo? model)
    {
        var tokens = 0;
        foreach (var segment in prompt)
        {
            if (!segment.IsCacheable)
                break;
            if (segment.Text is null)
                return null;
            tokens += Count(segment.Text, model);
        }

        return tokens;
    }

    private sealed class ByInstance : IEqualityComparer<(string Encoding, string Text)>
    {
        public static readonly ByInstance Comparer = new();

        public bool Equals((string Encoding, string Text) x, (string Encoding, string Text) y) =>
            ReferenceEquals(x.Text, y.Text) && string.Equals(x.Encoding, y.Encoding, StringComparison.Ordinal);

        public int GetHashCode((string Encoding, string Text) key) =>
            unchecked(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Text) * 31 + key.Encoding.GetHashCode());
    }

    /// <summary>The counts of every text counted in this compilation, as the file the next build reads.</summary>
    public string ForNextBuild() =>
        TokenCountFile.Write(_counted.Select(static c => (c.Key.Encoding, c.Key.Text, c.Value)));
}
