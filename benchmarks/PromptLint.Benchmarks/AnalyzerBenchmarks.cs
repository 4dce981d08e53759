using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PromptLint.Benchmarks;

/// <summary>
/// PromptLint's analyzers (every rule family it ships) on the synthetic project compiled in memory, at 100, 1,000
/// and 5,000 files with a call site in 30% of them, against an analyzer that asks for the same invocations and does
/// nothing. Steady state: the compiler and PromptLint are warm and the token counts of the prompts are cached, as in
/// a compiler server that builds the project again; <see cref="AnalyzerFirstRunBenchmarks"/> measures the first run.
/// </summary>
[Config(typeof(LongOperationConfig))]
[BenchmarkCategory("Analyzers")]
public class AnalyzerBenchmarks
{
    private Compilation _compilation = null!;
    private string _callSiteLog = null!;

    [ParamsSource(nameof(FileCounts))]
    public int Files { get; set; }

    public static IEnumerable<int> FileCounts => Program.Smoke ? [30] : [100, 1000, 5000];

    [GlobalSetup]
    public void Setup()
    {
        _compilation = SyntheticCompilation.Create(Files, withSdk: true, verify: Files <= 1000);
        _callSiteLog = Path.Combine(Path.GetTempPath(), $"promptlint-bench-{Environment.ProcessId}", "callsites.json");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var folder = Path.GetDirectoryName(_callSiteLog)!;
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Invocation floor (no-op analyzer)")]
    public int InvocationFloor() =>
        SyntheticCompilation.Analyze(_compilation, SyntheticCompilation.Options(null), new InvocationFloorAnalyzer()).Length;

    [Benchmark(Description = "PromptLint (all analyzers)")]
    public int PromptLint()
    {
        var diagnostics = SyntheticCompilation.Analyze(
            _compilation, SyntheticCompilation.Options(_callSiteLog), SyntheticCompilation.PromptLintAnalyzers());

        // Every call site must be recognised, or the figure would flatter PromptLint.
        var costs = diagnostics.Count(static d => d.Id == "PL1003");
        if (costs != SyntheticCompilation.CallSitesFor(Files))
        {
            throw new InvalidOperationException(
                $"PromptLint found {costs} call sites of {SyntheticCompilation.CallSitesFor(Files)}.");
        }

        return diagnostics.Length;
    }
}

/// <summary>
/// The same 1,000-file project with no LLM SDK referenced: PromptLint registers nothing after its compilation-start
/// check, so it should cost what an analyzer that registers nothing costs.
/// </summary>
[Config(typeof(ShortRunConfig))]
[BenchmarkCategory("Analyzers")]
public class NoSdkAnalyzerBenchmarks
{
    private Compilation _compilation = null!;

    [ParamsSource(nameof(FileCounts))]
    public int Files { get; set; }

    public static IEnumerable<int> FileCounts => Program.Smoke ? [30] : [1000];

    [GlobalSetup]
    public void Setup() => _compilation = SyntheticCompilation.Create(Files, withSdk: false, verify: true);

    [Benchmark(Baseline = true, Description = "Empty analyzer")]
    public int Empty() =>
        SyntheticCompilation.Analyze(_compilation, SyntheticCompilation.Options(null), new EmptyAnalyzer()).Length;

    [Benchmark(Description = "PromptLint (all analyzers)")]
    public int PromptLint() =>
        SyntheticCompilation.Analyze(
            _compilation, SyntheticCompilation.Options(null), SyntheticCompilation.PromptLintAnalyzers()).Length;
}

/// <summary>
/// The first run of the analyzers in a process whose compiler is already warm (a build server that loads PromptLint
/// for the first time): loading the tokenizer data and the catalog, JIT, counting every prompt, writing the call-site
/// log. Each launch is a fresh process; the setup warms the compiler with the floor analyzer, so the floor shows a warm
/// compiler's time. Without an SDK the floor is an analyzer that registers nothing.
/// </summary>
[Config(typeof(AnalyzerFirstRunConfig))]
[BenchmarkCategory("Analyzers")]
public class AnalyzerFirstRunBenchmarks
{
    private Compilation _compilation = null!;
    private string _callSiteLog = null!;

    [ParamsSource(nameof(FileCounts))]
    public int Files { get; set; }

    public static IEnumerable<int> FileCounts => Program.Smoke ? [30] : [1000];

    [Params(true, false)]
    public bool SdkReferenced { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _compilation = SyntheticCompilation.Create(Files, withSdk: SdkReferenced, verify: false);
        _callSiteLog = Path.Combine(Path.GetTempPath(), $"promptlint-bench-{Environment.ProcessId}", "callsites.json");
        Floor();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var folder = Path.GetDirectoryName(_callSiteLog)!;
        if (Directory.Exists(folder))
            Directory.Delete(folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "Floor (no-op or empty analyzer)")]
    public int Floor() => SyntheticCompilation.Analyze(
        _compilation,
        SyntheticCompilation.Options(null),
        SdkReferenced ? new InvocationFloorAnalyzer() : new EmptyAnalyzer()).Length;

    [Benchmark(Description = "PromptLint (all analyzers), first run")]
    public int PromptLint() =>
        SyntheticCompilation.Analyze(
            _compilation, SyntheticCompilation.Options(_callSiteLog), SyntheticCompilation.PromptLintAnalyzers()).Length;
}

/// <summary>
/// Each rule family of PromptLint alone on the 1,000-file project, steady state, to show where the analyzers' time
/// goes. The families share one call-site index per compilation, so their sum exceeds the time of all together.
/// </summary>
[Config(typeof(LongOperationConfig))]
[BenchmarkCategory("Analyzers")]
public class AnalyzerFamilyBenchmarks
{
    private Compilation _compilation = null!;

    [ParamsSource(nameof(FileCounts))]
    public int Files { get; set; }

    public static IEnumerable<int> FileCounts => Program.Smoke ? [30] : [1000];

    [ParamsSource(nameof(Families))]
    public string Family { get; set; } = "";

    public static IEnumerable<string> Families =>
        SyntheticCompilation.PromptLintAnalyzers().Select(static a => a.GetType().Name);

    [GlobalSetup]
    public void Setup() => _compilation = SyntheticCompilation.Create(Files, withSdk: true, verify: false);

    [Benchmark(Description = "One family")]
    public int OneFamily() => SyntheticCompilation.Analyze(
        _compilation,
        SyntheticCompilation.Options(null),
        SyntheticCompilation.PromptLintAnalyzers().Where(a => a.GetType().Name == Family).ToArray()).Length;
}
