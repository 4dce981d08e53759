using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PromptLint.Core.Reports;

/// <summary>
/// Reads and writes <see cref="CostReport"/> as JSON (schema version 2, documented in <c>docs/report-schema.md</c>).
/// Property order and call-site order are fixed, so two reports of the same code are byte-identical.
/// </summary>
public static class CostReportJson
{
    /// <summary>Writes the report as indented UTF-8 JSON.</summary>
    public static string Write(CostReport report, Func<string, string>? displayPath = null)
    {
        displayPath ??= static p => p;
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", CostReport.CurrentSchemaVersion);
            json.WriteString("project", report.Project);
            json.WriteStartObject("catalog");
            json.WriteString("source", report.CatalogSource);
            json.WriteString("asOf", report.CatalogAsOf);
            json.WriteString("priceDataAsOf", report.PriceDataAsOf);
            json.WriteEndObject();
            json.WriteStartObject("totals");
            json.WriteNumber("callSites", report.CallSites.Count);
            json.WriteNumber("unpricedCallSites", report.UnpricedCallSites);
            json.WriteNumber("costPerRequestSet", Round(report.CostPerRequestSet));
            json.WriteNumber("costPerRequestSetWarmCache", Round(report.CostPerRequestSetWarmCache));
            json.WriteNumber("callSitesWithoutTraffic", report.CallSitesWithoutTraffic);
            json.WriteNumber("monthlyCost", Round(report.MonthlyCost));
            json.WriteNumber("monthlyCostCached", Round(report.MonthlyCostCached));
            json.WriteEndObject();
            json.WriteStartArray("callSites");
            foreach (var site in report.CallSites)
                WriteCallSite(json, site, displayPath);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Reads a report written by <see cref="Write"/>. Throws <see cref="JsonException"/> on malformed input.</summary>
    public static CostReport Read(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var version = root.GetProperty("schemaVersion").GetInt32();
        if (version != CostReport.CurrentSchemaVersion)
            throw new JsonException($"schemaVersion {version} is not supported; this PromptLint reads version {CostReport.CurrentSchemaVersion}.");

        var catalog = root.GetProperty("catalog");
        var report = new CostReport
        {
            Project = root.GetProperty("project").GetString() ?? "",
            CatalogSource = catalog.GetProperty("source").GetString() ?? "",
            CatalogAsOf = catalog.GetProperty("asOf").GetString() ?? "",
            PriceDataAsOf = catalog.GetProperty("priceDataAsOf").GetString() ?? "",
        };

        foreach (var item in root.GetProperty("callSites").EnumerateArray())
            report.CallSites.Add(ReadCallSite(item));

        return report;
    }

    private static void WriteCallSite(Utf8JsonWriter json, CallSiteRecord site, Func<string, string> displayPath)
    {
        json.WriteStartObject();
        json.WriteString("file", displayPath(site.File));
        json.WriteNumber("line", site.Line);
        json.WriteNumber("column", site.Column);
        json.WriteString("member", site.Member);
        json.WriteNumber("ordinal", site.Ordinal);
        json.WriteString("sdk", site.Sdk);
        json.WriteString("method", site.Method);
        WriteNullable(json, "model", site.Model);
        json.WriteString("modelSource", site.ModelSource);
        json.WriteBoolean("modelKnown", site.ModelKnown);
        json.WriteNumber("staticInputTokens", site.StaticInputTokens);
        json.WriteNumber("dynamicSegments", site.DynamicSegments);
        json.WriteNumber("assumedDynamicTokens", site.AssumedDynamicTokens);
        json.WriteString("dynamicTokensSource", site.DynamicTokensSource);
        json.WriteNumber("prefixTokens", site.PrefixTokens);
        if (site.OutputCap is { } cap)
            json.WriteNumber("outputCap", cap);
        else
            json.WriteNull("outputCap");
        json.WriteNumber("outputTokens", site.OutputTokens);
        json.WriteBoolean("outputAssumed", site.OutputAssumed);
        json.WriteBoolean("tokensApproximate", site.TokensApproximate);
        WriteCost(json, "costPerCall", site.CostPerCall);
        WriteCost(json, "costPerCallWarmCache", site.CostPerCallWarmCache);
        json.WriteNumber("cacheHitRate", site.CacheHitRate);
        WriteCost(json, "costPerCallCached", site.CostPerCallCached);
        WriteNullable(json, "cheapestModel", site.CheapestModel);
        WriteCost(json, "costPerCallCheapest", site.CostPerCallCheapest);
        if (site.CallsPerMonth is { } calls)
            json.WriteNumber("callsPerMonth", calls);
        else
            json.WriteNull("callsPerMonth");
        json.WriteString("trafficSource", site.TrafficSource);
        WriteCost(json, "monthlyCost", site.MonthlyCost);
        WriteCost(json, "monthlyCostCached", site.MonthlyCostCached);
        WriteCost(json, "monthlyCostCheapest", site.MonthlyCostCheapest);
        if (site.PromptText is { } text)
            json.WriteString("promptText", text);
        json.WriteEndObject();
    }

    private static CallSiteRecord ReadCallSite(JsonElement item) => new()
    {
        File = item.GetProperty("file").GetString() ?? "",
        Line = item.GetProperty("line").GetInt32(),
        Column = item.GetProperty("column").GetInt32(),
        Member = item.GetProperty("member").GetString() ?? "",
        Ordinal = item.GetProperty("ordinal").GetInt32(),
        Sdk = item.GetProperty("sdk").GetString() ?? "",
        Method = item.GetProperty("method").GetString() ?? "",
        Model = item.GetProperty("model").GetString(),
        ModelSource = item.GetProperty("modelSource").GetString() ?? "none",
        ModelKnown = item.GetProperty("modelKnown").GetBoolean(),
        StaticInputTokens = item.GetProperty("staticInputTokens").GetInt32(),
        DynamicSegments = item.GetProperty("dynamicSegments").GetInt32(),
        AssumedDynamicTokens = item.GetProperty("assumedDynamicTokens").GetInt32(),
        DynamicTokensSource = item.GetProperty("dynamicTokensSource").GetString() ?? "none",
        PrefixTokens = item.GetProperty("prefixTokens").GetInt32(),
        OutputCap = item.GetProperty("outputCap").ValueKind == JsonValueKind.Null ? null : item.GetProperty("outputCap").GetInt32(),
        OutputTokens = item.GetProperty("outputTokens").GetInt32(),
        OutputAssumed = item.GetProperty("outputAssumed").GetBoolean(),
        TokensApproximate = item.GetProperty("tokensApproximate").GetBoolean(),
        CostPerCall = ReadCost(item, "costPerCall"),
        CostPerCallWarmCache = ReadCost(item, "costPerCallWarmCache"),
        CacheHitRate = item.GetProperty("cacheHitRate").GetDecimal(),
        CostPerCallCached = ReadCost(item, "costPerCallCached"),
        CheapestModel = item.GetProperty("cheapestModel").GetString(),
        CostPerCallCheapest = ReadCost(item, "costPerCallCheapest"),
        CallsPerMonth = item.GetProperty("callsPerMonth").ValueKind == JsonValueKind.Null ? null : item.GetProperty("callsPerMonth").GetInt64(),
        TrafficSource = item.GetProperty("trafficSource").GetString() ?? "none",
        PromptText = item.TryGetProperty("promptText", out var text) ? text.GetString() : null,
    };

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }

    private static void WriteCost(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } cost)
            json.WriteNumber(name, Round(cost));
        else
            json.WriteNull(name);
    }

    private static decimal? ReadCost(JsonElement item, string name) =>
        item.GetProperty(name).ValueKind == JsonValueKind.Null ? null : item.GetProperty(name).GetDecimal();

    // Eight decimal places keep sub-cent costs exact for token counts below a billion.
    private static decimal Round(decimal value) => Math.Round(value, 8, MidpointRounding.AwayFromZero);
}
