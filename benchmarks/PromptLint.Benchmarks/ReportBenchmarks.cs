using BenchmarkDotNet.Attributes;
using PromptLint.Core.Reports;

namespace PromptLint.Benchmarks;

/// <summary>
/// The cost report of 1,000 call sites: writing the JSON and the Markdown, reading the JSON back, and the three
/// together, which is the work the cost task does after a compile (less two small file writes).
/// </summary>
[Config(typeof(ShortRunConfig))]
[BenchmarkCategory("Reports")]
public class ReportBenchmarks
{
    private static readonly string[] s_sdks = ["OpenAI", "Anthropic", "Microsoft.Extensions.AI"];
    private static readonly string[] s_models = ["gpt-4o-mini", "claude-sonnet-4-5", "gpt-4.1", null!];

    private CostReport _report = null!;
    private string _json = null!;

    [Params(1000)]
    public int CallSites { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(7);
        _report = new CostReport
        {
            Project = "Synthetic",
            CatalogSource = "built-in",
            CatalogAsOf = "2026-01-15",
            PriceDataAsOf = "2026-01-10",
        };
        for (var i = 0; i < CallSites; i++)
        {
            var model = s_models[i % s_models.Length];
            var input = 100 + random.Next(20_000);
            _report.CallSites.Add(new CallSiteRecord
            {
                File = $"/home/user/src/Synthetic/Features/Feature{i:D4}.cs",
                Line = 10 + random.Next(500),
                Column = 9,
                Member = $"Synthetic.Feature{i:D4}.AskAsync(string)",
                Ordinal = 1,
                Sdk = s_sdks[i % s_sdks.Length],
                Method = "CompleteChatAsync",
                Model = model,
                ModelSource = model is null ? "none" : "call",
                ModelKnown = model is not null,
                StaticInputTokens = input,
                DynamicSegments = 1,
                AssumedDynamicTokens = 200,
                PrefixTokens = input - 20,
                OutputCap = i % 2 == 0 ? 400 : null,
                OutputTokens = i % 2 == 0 ? 400 : 500,
                OutputAssumed = i % 2 != 0,
                TokensApproximate = i % 3 == 1,
                CostPerCall = model is null ? null : input * 0.0000025m + 0.004m,
                CostPerCallWarmCache = model is null ? null : input * 0.00000125m + 0.004m,
            });
        }

        _json = CostReportJson.Write(_report);
    }

    [Benchmark(Description = "CostReportJson.Write")]
    public string WriteJson() => CostReportJson.Write(_report, static p => p.Substring(p.LastIndexOf('/') + 1));

    [Benchmark(Description = "CostReportMarkdown.Write")]
    public string WriteMarkdown() => CostReportMarkdown.Write(_report, static p => p.Substring(p.LastIndexOf('/') + 1));

    [Benchmark(Description = "CostReportJson.Read")]
    public CostReport ReadJson() => CostReportJson.Read(_json);

    [Benchmark(Description = "Cost task work: read + write both")]
    public int CostTaskWork()
    {
        var report = CostReportJson.Read(_json);
        return CostReportJson.Write(report).Length + CostReportMarkdown.Write(report).Length;
    }
}
