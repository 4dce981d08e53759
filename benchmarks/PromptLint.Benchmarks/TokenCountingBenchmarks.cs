using BenchmarkDotNet.Attributes;
using Microsoft.ML.Tokenizers;
using PromptLint.Core.Tokens;
using SharpToken;

namespace PromptLint.Benchmarks;

/// <summary>
/// Counting the o200k_base tokens of every prompt of the 1,000-file synthetic project (300 texts, 5.5 MB) with
/// PromptLint's <see cref="TokenCounter"/>, cold (texts it has not seen) and warm (texts in its cache), against
/// Microsoft.ML.Tokenizers called directly and SharpToken, in the same run. "From the earlier build" is what a
/// compile does when the build before it wrote <see cref="TokenCountFile"/>: texts this process has not seen, each
/// hashed and found in that file instead of tokenized.
/// </summary>
[Config(typeof(ShortRunConfig))]
[BenchmarkCategory("Tokens")]
public class TokenCountingBenchmarks
{
    private const string Encoding = "o200k_base";

    private string[] _texts = null!;
    private string[] _unseen = null!;
    private TokenCountFile _earlier = TokenCountFile.Empty;
    private int _round;
    private Tokenizer _tokenizer = null!;
    private GptEncoding _sharpToken = null!;

    [Params(Corpus.Synthetic, Corpus.Varied)]
    public Corpus Corpus { get; set; }

    [GlobalSetup(Targets = [nameof(PromptLintCold), nameof(PromptLintFromEarlierBuild), nameof(PromptLintWarm), nameof(MLTokenizers)])]
    public void Setup()
    {
        _texts = PromptCorpus.Create(Corpus, Program.Smoke ? 30 : 1000);
        _unseen = _texts;
        _tokenizer = TiktokenTokenizer.CreateForEncoding(Encoding);

        // The warm benchmark reads the cache; this fills it.
        foreach (var text in _texts)
            TokenCounter.Count(text, Encoding);
    }

    // SharpToken takes seconds to load its data; only its own benchmark waits for that.
    [GlobalSetup(Target = nameof(SharpToken))]
    public void SetupSharpToken()
    {
        _texts = PromptCorpus.Create(Corpus, Program.Smoke ? 30 : 1000);
        _sharpToken = GptEncoding.GetEncoding(Encoding);
    }

    // Texts the counter has never seen, made before each measured operation and not timed.
    [IterationSetup(Target = nameof(PromptLintCold))]
    public void MakeUnseenTexts() => _unseen = PromptCorpus.Distinct(_texts, ++_round);

    // Texts the process has never seen, with the counts an earlier build wrote for them; neither is timed.
    [IterationSetup(Target = nameof(PromptLintFromEarlierBuild))]
    public void MakeUnseenTextsWithEarlierCounts()
    {
        _unseen = PromptCorpus.Distinct(_texts, ++_round);
        _earlier = TokenCountFile.Parse(TokenCountFile.Write(_unseen.Select(t => (Encoding, t, _tokenizer.CountTokens(t)))));
    }

    [Benchmark(Description = "PromptLint TokenCounter, cold cache")]
    public long PromptLintCold() => CountAll(_unseen, static t => TokenCounter.Count(t, Encoding));

    [Benchmark(Description = "PromptLint TokenCounter, cold cache, counts from the earlier build")]
    public long PromptLintFromEarlierBuild() => CountAll(_unseen, t => TokenCounter.Count(t, Encoding, _earlier));

    [Benchmark(Description = "PromptLint TokenCounter, warm cache")]
    public long PromptLintWarm() => CountAll(_texts, static t => TokenCounter.Count(t, Encoding));

    [Benchmark(Baseline = true, Description = "Microsoft.ML.Tokenizers CountTokens")]
    public long MLTokenizers() => CountAll(_texts, t => _tokenizer.CountTokens(t));

    [Benchmark(Description = "SharpToken CountTokens")]
    public long SharpToken() => CountAll(_texts, t => _sharpToken.CountTokens(t));

    private static long CountAll(string[] texts, Func<string, int> count)
    {
        long total = 0;
        foreach (var text in texts)
            total += count(text);
        return total;
    }
}

/// <summary>
/// Loading the o200k_base data in a fresh process, which PromptLint does once per process on first use (both
/// libraries keep the loaded data for the life of the process, so only a first call shows the cost).
/// </summary>
[Config(typeof(FirstRunConfig))]
[BenchmarkCategory("Tokens")]
public class TokenizerLoadBenchmarks
{
    [Benchmark(Baseline = true, Description = "Microsoft.ML.Tokenizers o200k_base, first load")]
    public Tokenizer MLTokenizers() => TiktokenTokenizer.CreateForEncoding("o200k_base");

    [Benchmark(Description = "SharpToken o200k_base, first load")]
    public GptEncoding SharpToken() => GptEncoding.GetEncoding("o200k_base");
}
