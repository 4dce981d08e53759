using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Microsoft.CodeAnalysis;

namespace PromptLint.Benchmarks;

/// <summary>
/// The compilation-start check of the raw HttpClient adapter on the 1,000-file project with no LLM SDK: every file's
/// text is searched for a sign of raw LLM requests, once per syntax tree. Each iteration gets new tree objects (the
/// same text), so the search runs in full every time, as in a build; the steady state of
/// <see cref="NoSdkAnalyzerBenchmarks"/> finds every tree's answer cached.
/// </summary>
[Config(typeof(FreshTreesConfig))]
[BenchmarkCategory("Analyzers")]
public class RawHttpGateBenchmarks
{
    private Compilation _template = null!;
    private Compilation _compilation = null!;
    private int _generation;

    [ParamsSource(nameof(FileCounts))]
    public int Files { get; set; }

    public static IEnumerable<int> FileCounts => Program.Smoke ? [30] : [1000];

    [GlobalSetup]
    public void Setup() => _template = SyntheticCompilation.Create(Files, withSdk: false, verify: true);

    [IterationSetup]
    public void FreshTrees()
    {
        // A new path makes a new tree object over the same text: nothing PromptLint cached for the old one applies.
        var generation = ++_generation;
        var trees = _template.SyntaxTrees.Select(t => t.WithFilePath(t.FilePath + "." + generation)).ToList();
        _compilation = _template.RemoveAllSyntaxTrees().AddSyntaxTrees(trees);
        _ = _compilation.GetDeclarationDiagnostics();
    }

    [Benchmark(Baseline = true, Description = "Empty analyzer, new trees")]
    public int Empty() =>
        SyntheticCompilation.Analyze(_compilation, SyntheticCompilation.Options(null), new EmptyAnalyzer()).Length;

    [Benchmark(Description = "PromptLint (all analyzers), new trees")]
    public int PromptLint()
    {
        var diagnostics = SyntheticCompilation.Analyze(_compilation, SyntheticCompilation.Options(null), SyntheticCompilation.PromptLintAnalyzers());
        if (diagnostics.Length != 0)
            throw new InvalidOperationException($"PromptLint reported {diagnostics.Length} diagnostics on a project with no LLM request.");
        return diagnostics.Length;
    }
}

/// <summary>Ten measured iterations of one operation each, after two warm-up iterations, with a setup before each.</summary>
public sealed class FreshTreesConfig : ManualConfig
{
    public FreshTreesConfig() => Add(Jobs.Create(
        Job.Default.WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10).WithInvocationCount(1).WithUnrollFactor(1)
            .WithId("FreshTrees")));
}
