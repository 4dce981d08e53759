using System.Collections.Concurrent;
using Microsoft.ML.Tokenizers;
using PromptLint.Core.Catalog;

namespace PromptLint.Core.Tokens;

/// <summary>
/// Counts tokens with the public tiktoken encodings from Microsoft.ML.Tokenizers. Each encoding's data is loaded
/// once per process on first use, and each distinct text is counted once (a bounded cache keyed by content).
/// </summary>
public static class TokenCounter
{
    internal const int CacheCapacity = 8192;

    private static readonly Lazy<Tokenizer> s_o200k = new(static () => TiktokenTokenizer.CreateForEncoding("o200k_base"));
    private static readonly Lazy<Tokenizer> s_cl100k = new(static () => TiktokenTokenizer.CreateForEncoding("cl100k_base"));
    private static readonly ConcurrentDictionary<(string Encoding, string Text), int> s_cache = new();
    private static long s_tokenizations;

    /// <summary>Texts held in the content cache; never more than <see cref="CacheCapacity"/>.</summary>
    internal static int CachedTexts => s_cache.Count;

    /// <summary>Texts actually run through the tokenizer since the process started (cache misses).</summary>
    internal static long Tokenizations => Interlocked.Read(ref s_tokenizations);

    /// <summary>The number of tokens <paramref name="text"/> encodes to in <paramref name="encoding"/>.</summary>
    public static int Count(string text, string encoding)
    {
        if (text.Length == 0)
            return 0;

        var key = (encoding, text);
        if (s_cache.TryGetValue(key, out var cached))
            return cached;

        var tokenizer = encoding == TokenEncodings.Cl100kBase ? s_cl100k.Value : s_o200k.Value;
        var count = CountInPieces(tokenizer, text);
        Interlocked.Increment(ref s_tokenizations);

        // Clearing all at once keeps the bound simple; a build rarely has more distinct prompts than the capacity.
        if (s_cache.Count >= CacheCapacity)
            s_cache.Clear();
        s_cache[key] = count;
        return count;
    }

    // Byte-pair encoding takes time quadratic in the length of a word: 50,000 characters with no space take seconds.
    // Runs longer than this are counted in pieces of this length, which can shift the count by a token per piece.
    internal const int MaxRunLength = 1000;

    private static int CountInPieces(Tokenizer tokenizer, string text)
    {
        var count = 0;
        var start = 0;
        var run = 0;
        for (var i = 0; i < text.Length; i++)
        {
            run = char.IsWhiteSpace(text[i]) ? 0 : run + 1;
            if (run < MaxRunLength)
                continue;

            count += tokenizer.CountTokens(text.Substring(start, i + 1 - start));
            start = i + 1;
            run = 0;
        }

        return start == 0 ? tokenizer.CountTokens(text) : count + (start < text.Length ? tokenizer.CountTokens(text.Substring(start)) : 0);
    }

    /// <summary>The token count of <paramref name="text"/> for <paramref name="model"/>, scaled by its multiplier.</summary>
    public static int Count(string text, ModelInfo model)
    {
        var count = Count(text, model.Encoding);
        return model.TokenMultiplier == 1m ? count : (int)Math.Round(count * model.TokenMultiplier, MidpointRounding.AwayFromZero);
    }
}
