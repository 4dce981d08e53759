using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace PromptLint.Benchmarks;

/// <summary>
/// Runs the benchmarks with BenchmarkDotNet's own command line (<c>--filter</c>, <c>--list flat</c>, ...). With
/// <c>--smoke</c> every benchmark runs once, in this process, on the smallest inputs: a check that they still compile
/// and run, not a measurement.
/// </summary>
public static class Program
{
    /// <summary>True in a <c>--smoke</c> run: jobs and inputs shrink to the least that still runs every benchmark.</summary>
    public static bool Smoke { get; private set; }

    public static int Main(string[] args)
    {
        Smoke = args.Contains("--smoke");
        var rest = args.Where(static a => a != "--smoke").ToList();
        if (Smoke && !rest.Any(static a => a is "--filter" or "-f"))
            rest.AddRange(["--filter", "*"]);

        var config = DefaultConfig.Instance
            .WithArtifactsPath(Path.Combine(RepositoryRoot() ?? Directory.GetCurrentDirectory(), "artifacts", "benchmarks"))
            .AddColumn(PerThousandFilesColumn.Instance);
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(rest.ToArray(), config).ToList();

        // BenchmarkDotNet reports a benchmark that threw in its summary and still exits 0; a smoke run must fail.
        var failed = summaries.Any(static s => s.HasCriticalValidationErrors || s.Reports.Any(static r => !r.Success));
        return failed || summaries.Count == 0 ? 1 : 0;
    }

    private static string? RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PromptLint.sln")))
                return folder.FullName;
        }

        return null;
    }
}
