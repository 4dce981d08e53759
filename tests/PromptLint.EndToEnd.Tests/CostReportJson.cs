using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>The parts of <c>promptlint-costs.json</c> the tests check, read with plain System.Text.Json.</summary>
internal sealed record ReportedCallSite(
    string File,
    int Line,
    string? Model,
    bool ModelKnown,
    int StaticInputTokens,
    int AssumedDynamicTokens,
    int? OutputCap,
    int OutputTokens,
    decimal? CostPerCall);

internal sealed record ReportedCosts(
    string CatalogSource,
    int CallSiteCount,
    int UnpricedCallSites,
    decimal CostPerRequestSet,
    IReadOnlyList<ReportedCallSite> CallSites)
{
    public static ReportedCosts Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var totals = root.GetProperty("totals");
        var callSites = root.GetProperty("callSites").EnumerateArray()
            .Select(static site => new ReportedCallSite(
                site.GetProperty("file").GetString()!,
                site.GetProperty("line").GetInt32(),
                site.GetProperty("model").GetString(),
                site.GetProperty("modelKnown").GetBoolean(),
                site.GetProperty("staticInputTokens").GetInt32(),
                site.GetProperty("assumedDynamicTokens").GetInt32(),
                site.GetProperty("outputCap") is { ValueKind: JsonValueKind.Number } cap ? cap.GetInt32() : null,
                site.GetProperty("outputTokens").GetInt32(),
                site.GetProperty("costPerCall") is { ValueKind: JsonValueKind.Number } cost ? cost.GetDecimal() : null))
            .ToList();

        return new ReportedCosts(
            root.GetProperty("catalog").GetProperty("source").GetString()!,
            totals.GetProperty("callSites").GetInt32(),
            totals.GetProperty("unpricedCallSites").GetInt32(),
            totals.GetProperty("costPerRequestSet").GetDecimal(),
            callSites);
    }
}

/// <summary>The built-in catalog's gpt-4o-mini prices, in USD per million tokens.</summary>
internal static class Gpt4oMini
{
    public const string Id = "gpt-4o-mini";

    private const decimal InputPerMTok = 0.15m;
    private const decimal OutputPerMTok = 0.60m;

    public static decimal CostPerCall(ReportedCallSite site) =>
        (site.StaticInputTokens + site.AssumedDynamicTokens) * InputPerMTok / 1_000_000m
        + site.OutputTokens * OutputPerMTok / 1_000_000m;
}
