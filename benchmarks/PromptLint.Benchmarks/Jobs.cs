using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PromptLint.Benchmarks;

/// <summary>
/// The jobs, sized for a 2-core machine so that a full run takes minutes. A smoke run replaces each with a dry job in
/// this process (no separate build, one invocation, no warm-up).
/// </summary>
internal static class Jobs
{
    public static EnvironmentVariable NoTiering { get; } = new("DOTNET_TieredCompilation", "0");

    public static Job Dry { get; } = Job.Dry.WithToolchain(InProcessEmitToolchain.Instance).WithId("Smoke");

    public static IConfig Create(Job job) =>
        ManualConfig.CreateEmpty()
            .AddJob(Program.Smoke ? Dry : job)
            .AddDiagnoser(MemoryDiagnoser.Default);
}

/// <summary>Short runs for the fast benchmarks: one process, three warm-up and three measured iterations.</summary>
public sealed class ShortRunConfig : ManualConfig
{
    public ShortRunConfig() => Add(Jobs.Create(Job.ShortRun));
}

/// <summary>
/// For benchmarks that take seconds per operation (analyzers on up to 5,000 files): three measured iterations of one
/// operation each, after the first (JIT) one. Tiered compilation is off: Roslyn from NuGet is not precompiled as the
/// SDK's compiler is, and with tiering the same operation kept getting faster for a dozen iterations (10.6 s down to
/// 2.4 s at 1,000 files); code optimised from the first call gives the steady state at once.
/// </summary>
public sealed class LongOperationConfig : ManualConfig
{
    public LongOperationConfig() => Add(Jobs.Create(
        Job.Default.WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(3).WithInvocationCount(1).WithUnrollFactor(1)
            .WithEnvironmentVariables(Jobs.NoTiering)
            .WithId("LongOp")));
}

/// <summary>
/// First-run cost: a fresh process per launch, no warm-up, one measured operation, three launches. What a build pays
/// when the compiler loads PromptLint for the first time.
/// </summary>
public sealed class FirstRunConfig : ManualConfig
{
    public FirstRunConfig() => Add(Jobs.Create(
        Job.Default.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(3).WithWarmupCount(0).WithIterationCount(1)
            .WithId("FirstRun")));
}

/// <summary>
/// First-run cost of the analyzers inside a warm compiler: as <see cref="FirstRunConfig"/>, with tiered compilation
/// off so that the setup's warm-up pass leaves Roslyn's code fully optimised, as the SDK's precompiled compiler is.
/// PromptLint's own code is then compiled on its first call with full optimisation, which costs somewhat more JIT
/// time than the quick first-tier JIT a real compiler process would use.
/// </summary>
public sealed class AnalyzerFirstRunConfig : ManualConfig
{
    public AnalyzerFirstRunConfig() => Add(Jobs.Create(
        Job.Default.WithStrategy(RunStrategy.ColdStart).WithLaunchCount(3).WithWarmupCount(0).WithIterationCount(1)
            .WithEnvironmentVariables(Jobs.NoTiering)
            .WithId("FirstRun")));
}
