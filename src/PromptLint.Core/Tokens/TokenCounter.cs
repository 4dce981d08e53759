using System.Collections.Concurrent;
using System.IO.Compression;
using System.Runtime.CompilerServices;
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

    /// <summary>
    /// Words (the pieces the encoding's pattern splits a text into) each tokenizer keeps encoded. The library's default
    /// of 8,192 is fewer than the distinct words of a large project's prompts, and once it overflows every word is
    /// encoded again: on 1.2 MB of text with 32,000 distinct words, counting took three times as long. A full cache
    /// holds about 15 MB.
    /// </summary>
    internal const int WordCacheSize = 65_536;

    private sealed class EncodingData(string encoding, string model, string dataType, string resource)
    {
        public string Encoding { get; } = encoding;
        public string Model { get; } = model;
        public string DataType { get; } = dataType;
        public string Resource { get; } = resource;
    }

    // Where the Microsoft.ML.Tokenizers.Data packages keep each encoding's ranks: the names the library itself looks up.
    private static readonly EncodingData O200kData = new(
        TokenEncodings.O200kBase,
        "gpt-4o",
        "Microsoft.ML.Tokenizers.O200kBaseTokenizerData, Microsoft.ML.Tokenizers.Data.O200kBase, Version=1.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51",
        "o200k_base.tiktoken.deflate");

    private static readonly EncodingData Cl100kData = new(
        TokenEncodings.Cl100kBase,
        "gpt-4",
        "Microsoft.ML.Tokenizers.Cl100kBaseTokenizerData, Microsoft.ML.Tokenizers.Data.Cl100kBase, Version=1.0.0.0, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51",
        "cl100k_base.tiktoken.deflate");

    private static readonly Lazy<Tokenizer> s_o200k = new(static () => Create(O200kData));
    private static readonly Lazy<Tokenizer> s_cl100k = new(static () => Create(Cl100kData));
    // A Lazy per text: when two analyzers ask for the same text at once, one counts and the other waits for it, so a
    // build never spends a core counting what another core is already counting.
    private static readonly ConcurrentDictionary<(string Encoding, string Text), Lazy<int>> s_cache = new();
    // Replaced, not cleared, by ForgetCounts: netstandard2.0's ConditionalWeakTable has no Clear.
    private static ConditionalWeakTable<string, Lazy<int>> s_o200kByInstance = new();
    private static ConditionalWeakTable<string, Lazy<int>> s_cl100kByInstance = new();
    private static int s_cached;
    private static long s_tokenizations;
    private static long s_fromFile;
    private static int s_withWordCache;
    private static int s_preloadStarted;

    /// <summary>Texts held in the content cache; never more than <see cref="CacheCapacity"/>.</summary>
    internal static int CachedTexts => s_cache.Count;

    /// <summary>Texts actually run through the tokenizer since the process started (cache misses).</summary>
    internal static long Tokenizations => Interlocked.Read(ref s_tokenizations);

    /// <summary>Counts taken from a <see cref="TokenCountFile"/> instead of the tokenizer since the process started.</summary>
    internal static long CountsFromFile => Interlocked.Read(ref s_fromFile);

    /// <summary>Forgets every count held in memory, as a new process would; the tokenizers stay loaded.</summary>
    internal static void ForgetCounts()
    {
        Volatile.Write(ref s_o200kByInstance, new ConditionalWeakTable<string, Lazy<int>>());
        Volatile.Write(ref s_cl100kByInstance, new ConditionalWeakTable<string, Lazy<int>>());
        s_cache.Clear();
        Volatile.Write(ref s_cached, 0);
    }

    /// <summary>The number of tokens <paramref name="text"/> encodes to in <paramref name="encoding"/>.</summary>
    public static int Count(string text, string encoding) => Count(text, encoding, null);

    /// <summary>
    /// The number of tokens <paramref name="text"/> encodes to in <paramref name="encoding"/>, taken from
    /// <paramref name="known"/> when an earlier build counted the same text, so the tokenizer is loaded only for
    /// texts no earlier build has seen.
    /// </summary>
    public static int Count(string text, string encoding, TokenCountFile? known)
    {
        if (text.Length == 0)
            return 0;

        // The rules of one call site share its prompt strings: asking by instance first saves hashing long texts
        // again for every rule. The content-keyed cache below still finds equal texts held by other instances.
        var byInstance = encoding switch
        {
            TokenEncodings.O200kBase => Volatile.Read(ref s_o200kByInstance),
            TokenEncodings.Cl100kBase => Volatile.Read(ref s_cl100kByInstance),
            _ => null,
        };
        if (byInstance is not null && byInstance.TryGetValue(text, out var counted))
            return counted.Value;

        // Clearing all at once keeps the bound simple; a build rarely has more distinct prompts than the capacity. Once
        // full, the next call clears it, whether or not its own text is in it.
        if (Volatile.Read(ref s_cached) >= CacheCapacity)
        {
            s_cache.Clear();
            Volatile.Write(ref s_cached, 0);
        }

        // One GetOrAdd: each lookup hashes the whole text, and a first count would otherwise hash it twice.
        var cached = s_cache.GetOrAdd((encoding, text), k =>
        {
            Interlocked.Increment(ref s_cached);
            return new Lazy<int>(() => Known(known, k.Encoding, k.Text) ?? Tokenize(k.Encoding, k.Text));
        });

        var count = cached;
        return byInstance is null ? count.Value : byInstance.GetValue(text, _ => count).Value;
    }

    /// <summary>
    /// Starts loading the o200k_base data on a thread-pool thread, so that the load overlaps with the compiler's own
    /// work instead of waiting for the first call site. Later calls do nothing; a failed load surfaces on first use.
    /// </summary>
    public static void Preload()
    {
        if (Interlocked.Exchange(ref s_preloadStarted, 1) != 0 || s_o200k.IsValueCreated)
            return;

        _ = Task.Run(static () =>
        {
            try
            {
                _ = s_o200k.Value;
            }
            catch (Exception)
            {
                // The Lazy keeps the exception; the first Count reports it where it can be handled.
            }
        });
    }

    /// <summary>Tokenizers loaded with <see cref="WordCacheSize"/> rather than the library's default cache.</summary>
    internal static int LoadedWithWordCache => Volatile.Read(ref s_withWordCache);

    // CreateForEncoding fixes the word cache at the library's default; CreateForModel takes a size, with the same
    // pattern and special tokens, when given the ranks. Should a data package ever store them under another name or
    // in another form, the default cache is used: slower on prompts with many distinct words, and the same counts.
    private static Tokenizer Create(EncodingData data)
    {
        try
        {
            var ranks = Type.GetType(data.DataType, throwOnError: false)?.Assembly.GetManifestResourceStream(data.Resource);
            if (ranks is not null)
            {
                using var inflated = new DeflateStream(ranks, CompressionMode.Decompress);
                var tokenizer = TiktokenTokenizer.CreateForModel(data.Model, inflated, extraSpecialTokens: null, cacheSize: WordCacheSize);
                Interlocked.Increment(ref s_withWordCache);
                return tokenizer;
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or InvalidOperationException or FormatException
            or ArgumentException or NotSupportedException or BadImageFormatException)
        {
            // The library's own loader below reports a data package that is really missing or damaged.
        }

        return TiktokenTokenizer.CreateForEncoding(data.Encoding);
    }

    private static int? Known(TokenCountFile? known, string encoding, string text)
    {
        if (known is null || known.Count == 0 || !known.TryGet(encoding, text, out var count))
            return null;

        Interlocked.Increment(ref s_fromFile);
        return count;
    }

    // The library's word cache takes a lock for every word. Two analyzer threads counting different texts with one
    // tokenizer spent more time spinning on it than they gained: 5.5 MB took the same wall time on two threads as on
    // one, and 46% more CPU (430 ms against 295 ms). Each tokenizer counts one text at a time; a thread that waits
    // blocks and leaves its core to the compiler. Measured on 2 cores only.
    private static readonly object s_o200kTokenizing = new();
    private static readonly object s_cl100kTokenizing = new();

    private static int Tokenize(string encoding, string text)
    {
        var cl100k = encoding == TokenEncodings.Cl100kBase;
        var tokenizer = cl100k ? s_cl100k.Value : s_o200k.Value;
        int count;
        lock (cl100k ? s_cl100kTokenizing : s_o200kTokenizing)
            count = CountInPieces(tokenizer, text);
        Interlocked.Increment(ref s_tokenizations);
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
