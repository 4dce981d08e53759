using PromptLint.Core.Catalog;
using PromptLint.Core.Tokens;

namespace PromptLint.Analyzers.CallSites;

/// <summary>Token counts of prompt segments for a model: its public encoding, scaled where that is a stand-in.</summary>
internal static class PromptTokens
{
    public static int Count(string text, ModelInfo? model)
    {
        var tokens = TokenCounter.Count(text, model?.Encoding ?? TokenEncodings.O200kBase);
        var multiplier = model?.TokenMultiplier ?? 1m;
        return multiplier == 1m ? tokens : (int)Math.Round(tokens * multiplier, MidpointRounding.AwayFromZero);
    }

    /// <summary>The tokens of the constant segments from <paramref name="start"/> on.</summary>
    public static int ConstantFrom(IReadOnlyList<PromptSegment> prompt, int start, ModelInfo? model)
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
    public static int? Prefix(IReadOnlyList<PromptSegment> prompt, ModelInfo? model)
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
}
