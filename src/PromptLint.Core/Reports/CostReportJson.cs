using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PromptLint.Core.Reports;

/// <summary>
/// Reads and writes <see cref="CostReport"/> as JSON (schema version 3, documented in <c>docs/report-schema.md</c>).
/// Property order is fixed and call sites are written in the order given, so two reports of the same code are
/// byte-identical.
/// </summary>
public static class CostReportJson
{
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the report as indented UTF-8 JSON.</summary>
    public static string Write(CostReport report, Func<string, string>? displayPath = null)
    {
        displayPath ??= static p => p;
        return Written(json =>
        {
            json.WriteStartObject();
            json.WriteNumber("schemaVersion", CostReport.CurrentSchemaVersion);
            WriteBody(json, report, displayPath);
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// Reads a report written by <see cref="Write"/>. Throws <see cref="JsonException"/> with a plain reason on malformed
    /// input, a missing field or another schema version.
    /// </summary>
    public static CostReport Read(string text)
    {
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        var version = SchemaVersion(root);
        if (version != CostReport.CurrentSchemaVersion)
            throw UnsupportedVersion(version);

        return ReadBody(root);
    }

    /// <summary>
    /// What is wrong with text that is not JSON, in plain words with the line and character counted from 1:
    /// <c>line 1, character 1: '&lt;' is an invalid start of a value</c>. The parser's own message counts both from 0.
    /// </summary>
    public static string Explain(JsonException exception)
    {
        var message = exception.Message;
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (position >= 0)
            message = message.Substring(0, position);
        message = message.Trim().TrimEnd('.');

        if (exception.LineNumber is not { } line)
            return message;

        // BytePositionInLine counts UTF-8 bytes; in the ASCII that JSON's syntax is written in, a byte is a character.
        var where = $"line {line + 1}";
        if (exception.BytePositionInLine is { } bytes)
            where += $", character {bytes + 1}";
        return $"{where}: {message}";
    }

    internal static JsonException UnsupportedVersion(int version) =>
        new($"schemaVersion {version} is not supported; this PromptLint reads version {CostReport.CurrentSchemaVersion}.");

    internal static string Written(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, s_writerOptions))
            write(json);

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>The <c>schemaVersion</c> of a report's root object.</summary>
    internal static int SchemaVersion(JsonElement root) => Required(root, "schemaVersion").GetInt32();

    /// <summary>Everything of a project report after <c>schemaVersion</c>; a solution report nests these per project.</summary>
    internal static void WriteBody(Utf8JsonWriter json, CostReport report, Func<string, string> displayPath)
    {
        json.WriteString("project", report.Project);
        json.WriteStartObject("catalog");
        json.WriteString("source", report.CatalogSource);
        json.WriteString("asOf", report.CatalogAsOf);
        json.WriteString("priceDataAsOf", report.PriceDataAsOf);
        json.WriteEndObject();
        json.WriteStartObject("totals");
        WriteTotals(json, report.CallSites);
        json.WriteEndObject();
        WriteComparison(json, report.Comparison, displayPath);
        json.WriteStartArray("callSites");
        foreach (var site in report.CallSites)
            WriteCallSite(json, site, displayPath);
        json.WriteEndArray();
    }

    /// <summary>The totals over a set of call sites, of one project or of a solution.</summary>
    internal static void WriteTotals(Utf8JsonWriter json, IReadOnlyCollection<CallSiteRecord> callSites)
    {
        var totals = new CostReport { CallSites = callSites.ToList() };
        json.WriteNumber("callSites", totals.CallSites.Count);
        json.WriteNumber("unpricedCallSites", totals.UnpricedCallSites);
        json.WriteNumber("costPerRequestSet", Round(totals.CostPerRequestSet));
        json.WriteNumber("costPerRequestSetWarmCache", Round(totals.CostPerRequestSetWarmCache));
        json.WriteNumber("callSitesWithoutTraffic", totals.CallSitesWithoutTraffic);
        json.WriteNumber("monthlyCost", Round(totals.MonthlyCost));
        json.WriteNumber("monthlyCostCached", Round(totals.MonthlyCostCached));
    }

    internal static CostReport ReadBody(JsonElement root)
    {
        var catalog = Required(root, "catalog");
        var report = new CostReport
        {
            Project = Required(root, "project").GetString() ?? "",
            CatalogSource = Required(catalog, "source").GetString() ?? "",
            CatalogAsOf = Required(catalog, "asOf").GetString() ?? "",
            PriceDataAsOf = Required(catalog, "priceDataAsOf").GetString() ?? "",
        };

        foreach (var item in Required(root, "callSites").EnumerateArray())
            report.CallSites.Add(ReadCallSite(item));

        if (root.TryGetProperty("comparison", out var comparison) && comparison.ValueKind != JsonValueKind.Null)
            report.Comparison = ReadComparison(comparison);

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
        WriteNullable(json, "deployment", site.Deployment);
        json.WriteNumber("staticInputTokens", site.StaticInputTokens);
        json.WriteNumber("dynamicSegments", site.DynamicSegments);
        json.WriteNumber("assumedDynamicTokens", site.AssumedDynamicTokens);
        json.WriteString("dynamicTokensSource", site.DynamicTokensSource);
        json.WriteNumber("prefixTokens", site.PrefixTokens);
        WriteNullable(json, "outputCap", site.OutputCap);
        json.WriteNumber("outputTokens", site.OutputTokens);
        json.WriteBoolean("outputAssumed", site.OutputAssumed);
        json.WriteBoolean("tokensApproximate", site.TokensApproximate);
        WriteCost(json, "costPerCall", site.CostPerCall);
        WriteCost(json, "costPerCallWarmCache", site.CostPerCallWarmCache);
        json.WriteNumber("cacheHitRate", site.CacheHitRate);
        WriteCost(json, "costPerCallCached", site.CostPerCallCached);
        WriteNullable(json, "cheapestModel", site.CheapestModel);
        WriteCost(json, "costPerCallCheapest", site.CostPerCallCheapest);
        WriteNullable(json, "callsPerMonth", site.CallsPerMonth);
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
        File = Required(item, "file").GetString() ?? "",
        Line = Required(item, "line").GetInt32(),
        Column = Required(item, "column").GetInt32(),
        Member = Required(item, "member").GetString() ?? "",
        Ordinal = Required(item, "ordinal").GetInt32(),
        Sdk = Required(item, "sdk").GetString() ?? "",
        Method = Required(item, "method").GetString() ?? "",
        Model = Required(item, "model").GetString(),
        ModelSource = Required(item, "modelSource").GetString() ?? "none",
        ModelKnown = Required(item, "modelKnown").GetBoolean(),
        Deployment = Required(item, "deployment").GetString(),
        StaticInputTokens = Required(item, "staticInputTokens").GetInt32(),
        DynamicSegments = Required(item, "dynamicSegments").GetInt32(),
        AssumedDynamicTokens = Required(item, "assumedDynamicTokens").GetInt32(),
        DynamicTokensSource = Required(item, "dynamicTokensSource").GetString() ?? "none",
        PrefixTokens = Required(item, "prefixTokens").GetInt32(),
        OutputCap = NullableInt(item, "outputCap"),
        OutputTokens = Required(item, "outputTokens").GetInt32(),
        OutputAssumed = Required(item, "outputAssumed").GetBoolean(),
        TokensApproximate = Required(item, "tokensApproximate").GetBoolean(),
        CostPerCall = NullableDecimal(item, "costPerCall"),
        CostPerCallWarmCache = NullableDecimal(item, "costPerCallWarmCache"),
        CacheHitRate = Required(item, "cacheHitRate").GetDecimal(),
        CostPerCallCached = NullableDecimal(item, "costPerCallCached"),
        CheapestModel = Required(item, "cheapestModel").GetString(),
        CostPerCallCheapest = NullableDecimal(item, "costPerCallCheapest"),
        CallsPerMonth = NullableLong(item, "callsPerMonth"),
        TrafficSource = Required(item, "trafficSource").GetString() ?? "none",
        PromptText = item.TryGetProperty("promptText", out var text) ? text.GetString() : null,
    };

    private static void WriteComparison(Utf8JsonWriter json, CostComparison? comparison, Func<string, string> displayPath)
    {
        if (comparison is null)
        {
            json.WriteNull("comparison");
            return;
        }

        json.WriteStartObject("comparison");
        json.WriteString("baseline", comparison.BaselineFile);
        json.WriteStartObject("before");
        WriteComparisonTotals(json, comparison.CallSitesBefore, comparison.CostPerRequestSetBefore, comparison.MonthlyCostBefore);
        json.WriteEndObject();
        json.WriteStartObject("after");
        WriteComparisonTotals(json, comparison.CallSitesAfter, comparison.CostPerRequestSetAfter, comparison.MonthlyCostAfter);
        json.WriteEndObject();
        json.WriteNumber("unchangedCallSites", comparison.UnchangedCallSites);
        WriteChanges(json, "changedCallSites", comparison.Changed, displayPath);
        WriteChanges(json, "newCallSites", comparison.Added, displayPath);
        WriteChanges(json, "removedCallSites", comparison.Removed, displayPath);
        json.WriteEndObject();
    }

    private static void WriteComparisonTotals(Utf8JsonWriter json, int callSites, decimal perRequestSet, decimal monthly)
    {
        json.WriteNumber("callSites", callSites);
        json.WriteNumber("costPerRequestSet", Round(perRequestSet));
        json.WriteNumber("monthlyCost", Round(monthly));
    }

    private static void WriteChanges(
        Utf8JsonWriter json, string name, List<CallSiteChange> changes, Func<string, string> displayPath)
    {
        json.WriteStartArray(name);
        foreach (var change in changes)
        {
            json.WriteStartObject();
            json.WriteString("member", change.Member);
            json.WriteNumber("ordinal", change.Ordinal);
            json.WriteString("file", displayPath(change.File));
            json.WriteNumber("line", change.Line);
            WriteFigures(json, "before", change.Before);
            WriteFigures(json, "after", change.After);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteFigures(Utf8JsonWriter json, string name, CallSiteFigures? figures)
    {
        if (figures is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartObject(name);
        WriteNullable(json, "model", figures.Model);
        json.WriteNumber("inputTokens", figures.InputTokens);
        json.WriteNumber("outputTokens", figures.OutputTokens);
        WriteCost(json, "costPerCall", figures.CostPerCall);
        WriteNullable(json, "callsPerMonth", figures.CallsPerMonth);
        WriteCost(json, "monthlyCost", figures.MonthlyCost);
        json.WriteEndObject();
    }

    private static CostComparison ReadComparison(JsonElement item)
    {
        var before = Required(item, "before");
        var after = Required(item, "after");
        return new CostComparison
        {
            BaselineFile = Required(item, "baseline").GetString() ?? "",
            CallSitesBefore = Required(before, "callSites").GetInt32(),
            CostPerRequestSetBefore = Required(before, "costPerRequestSet").GetDecimal(),
            MonthlyCostBefore = Required(before, "monthlyCost").GetDecimal(),
            CallSitesAfter = Required(after, "callSites").GetInt32(),
            CostPerRequestSetAfter = Required(after, "costPerRequestSet").GetDecimal(),
            MonthlyCostAfter = Required(after, "monthlyCost").GetDecimal(),
            UnchangedCallSites = Required(item, "unchangedCallSites").GetInt32(),
            Changed = ReadChanges(item, "changedCallSites"),
            Added = ReadChanges(item, "newCallSites"),
            Removed = ReadChanges(item, "removedCallSites"),
        };
    }

    private static List<CallSiteChange> ReadChanges(JsonElement item, string name) =>
        Required(item, name).EnumerateArray().Select(static change => new CallSiteChange
        {
            Member = Required(change, "member").GetString() ?? "",
            Ordinal = Required(change, "ordinal").GetInt32(),
            File = Required(change, "file").GetString() ?? "",
            Line = Required(change, "line").GetInt32(),
            Before = ReadFigures(Required(change, "before")),
            After = ReadFigures(Required(change, "after")),
        }).ToList();

    private static CallSiteFigures? ReadFigures(JsonElement item) =>
        item.ValueKind == JsonValueKind.Null ? null : new CallSiteFigures
    {
        Model = Required(item, "model").GetString(),
        InputTokens = Required(item, "inputTokens").GetInt32(),
        OutputTokens = Required(item, "outputTokens").GetInt32(),
        CostPerCall = NullableDecimal(item, "costPerCall"),
        CallsPerMonth = NullableLong(item, "callsPerMonth"),
        MonthlyCost = NullableDecimal(item, "monthlyCost"),
    };

    /// <summary>A property that must be present; its absence is a <see cref="JsonException"/> that names it.</summary>
    internal static JsonElement Required(JsonElement item, string name)
    {
        if (item.ValueKind != JsonValueKind.Object)
            throw new JsonException($"expected an object with '{name}' but found {Describe(item.ValueKind)}");
        if (!item.TryGetProperty(name, out var value))
            throw new JsonException($"'{name}' is missing");
        return value;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "nothing",
    };

    private static int? NullableInt(JsonElement item, string name) =>
        Required(item, name) is { ValueKind: not JsonValueKind.Null } value ? value.GetInt32() : null;

    private static long? NullableLong(JsonElement item, string name) =>
        Required(item, name) is { ValueKind: not JsonValueKind.Null } value ? value.GetInt64() : null;

    private static decimal? NullableDecimal(JsonElement item, string name) =>
        Required(item, name) is { ValueKind: not JsonValueKind.Null } value ? value.GetDecimal() : null;

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
            json.WriteNull(name);
        else
            json.WriteString(name, value);
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, long? value)
    {
        if (value is { } number)
            json.WriteNumber(name, number);
        else
            json.WriteNull(name);
    }

    private static void WriteCost(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } cost)
            json.WriteNumber(name, Round(cost));
        else
            json.WriteNull(name);
    }

    // Eight decimal places keep sub-cent costs exact for token counts below a billion. Dividing by 1.000... drops
    // trailing zeros, so 100,000 x $0.0142 is written 1420 and not 1420.0000 however the product was scaled.
    internal static decimal Round(decimal value) =>
        Math.Round(value, 8, MidpointRounding.AwayFromZero) / 1.0000000000000000000000000000m;

    internal static decimal? Round(decimal? value) => value is { } v ? Round(v) : null;
}
