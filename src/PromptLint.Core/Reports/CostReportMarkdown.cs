using System.Globalization;
using System.Net;
using System.Text;
using static PromptLint.Core.Reports.ReportText;

namespace PromptLint.Core.Reports;

/// <summary>
/// Renders a <see cref="CostReport"/> as a Markdown page that reads well as a pull-request comment or a GitHub job
/// summary: a headline, the change against a baseline, the top savings, Mermaid charts, a table of the call sites
/// that says which figures are assumed, and the prompt text only when the project opted in.
/// </summary>
public static class CostReportMarkdown
{
    private const int MaxSavingsRows = 10;
    private const int MaxPieSlices = 8;

    /// <summary>Renders the report; <paramref name="displayPath"/> turns a source path into the text shown.</summary>
    public static string Write(CostReport report, Func<string, string>? displayPath = null) => Write(report, displayPath, 1);

    internal static string Write(CostReport report, Func<string, string>? displayPath, int headingLevel)
    {
        displayPath ??= static p => p;
        var heading = new string('#', headingLevel);
        var section = heading + "#";
        var md = new StringBuilder();
        md.AppendLine($"{heading} PromptLint cost report: {report.Project}");
        md.AppendLine();
        Headline(md, report.CallSites, projects: null);

        if (report.Comparison is { } comparison)
            Comparison(md, section, comparison, displayPath);

        TopSavings(md, section, report.CallSites.Select(static site => (Project: (string?)null, Site: site)));
        Charts(md, section, Slices(report.CallSites), "call site", report.CallSites);

        if (report.CallSites.Count > 0)
        {
            md.AppendLine($"{section} Call sites");
            md.AppendLine();
            md.AppendLine("| call site | model | input tokens | output tokens | per call | per call, warm cache | calls per month "
                + "| per month | per month, cached |");
            md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var site in report.CallSites)
            {
                md.AppendLine($"| {Location(site.File, site.Line, displayPath)} {Code(site.Member)} | {Model(site)} | "
                    + $"{Input(site)} | {Output(site)} | {MoneyOrDash(site.CostPerCall)} | {MoneyOrDash(site.CostPerCallWarmCache)} | "
                    + $"{Traffic(site)} | {MoneyOrDash(site.MonthlyCost)} | {Cached(site)} |");
            }

            md.AppendLine();
        }

        Legend(md, report);
        PromptText(md, section, report.CallSites, displayPath);
        return md.ToString();
    }

    /// <summary>The totals: per month uncached and cached, per request set, and what is left out of them.</summary>
    internal static void Headline(StringBuilder md, IReadOnlyList<CallSiteRecord> callSites, int? projects)
    {
        var all = new CostReport { CallSites = callSites.ToList() };
        var inProjects = projects is { } projectCount ? $" in {Plural(projectCount, "project")}" : "";
        if (all.CallSites.Count == 0)
        {
            md.AppendLine($"No LLM call sites{inProjects}.");
            md.AppendLine();
            return;
        }

        if (all.HasMonthlyFigures)
        {
            var monthly = all.CallSites.Where(static c => c.MonthlyCost is not null).ToList();
            var cached = monthly.Where(static c => c.MonthlyCostCached is not null).ToList();
            var rates = cached.Select(static c => c.CacheHitRate).Distinct().ToList();
            var rate = rates.Count == 1 ? $"a cache hit rate of {Rate(rates[0])}" : "each call site's cache hit rate";
            var cachedText = cached.Count == 0 ? "" : $", **{Money(all.MonthlyCostCached)}** at {rate}";
            var from = monthly.Count == all.CallSites.Count
                ? ""
                : $", from {Count(monthly.Count)} of {Plural(all.CallSites.Count, "call site")}";
            md.AppendLine($"**{Money(all.MonthlyCost)} per month** uncached{cachedText}{from}.");
        }
        else if (all.CallSitesWithoutTraffic == all.CallSites.Count)
        {
            md.AppendLine("No monthly figures: no call site has traffic stated (calls per month in `promptlint.json`).");
        }
        else
        {
            md.AppendLine("No monthly figures: the call sites with traffic stated are not priced.");
        }

        md.AppendLine($"{Plural(all.CallSites.Count, "LLM call site")}{inProjects}; sending each once costs about "
            + $"**{Money(all.CostPerRequestSet)}** uncached, **{Money(all.CostPerRequestSetWarmCache)}** with warm prompt "
            + "caches.");
        if (all.HasMonthlyFigures && all.CallSitesWithoutTraffic > 0)
        {
            var count = all.CallSitesWithoutTraffic;
            md.AppendLine($"{Plural(count, "call site")} {Verb(count, "has", "have")} no traffic stated and "
                + $"{Verb(count, "is", "are")} left out of the monthly figures.");
        }

        if (all.UnpricedCallSites > 0)
        {
            var count = all.UnpricedCallSites;
            md.AppendLine($"{Plural(count, "call site")} {Verb(count, "uses", "use")} a model the catalog does not know and "
                + $"{Verb(count, "is", "are")} not priced.");
        }

        md.AppendLine();
    }

    private static void Comparison(StringBuilder md, string section, CostComparison comparison, Func<string, string> displayPath)
    {
        md.AppendLine($"{section} Against the baseline");
        md.AppendLine();
        var totals = $"Compared with {Code(comparison.BaselineFile)}: per request set "
            + Pair(Money(comparison.CostPerRequestSetBefore), Money(comparison.CostPerRequestSetAfter),
                PercentChange(comparison.CostPerRequestSetBefore, comparison.CostPerRequestSetAfter));
        if (comparison.MonthlyCostBefore != 0m || comparison.MonthlyCostAfter != 0m)
        {
            totals += "; per month " + Pair(Money(comparison.MonthlyCostBefore), Money(comparison.MonthlyCostAfter),
                PercentChange(comparison.MonthlyCostBefore, comparison.MonthlyCostAfter));
        }

        md.AppendLine(totals + ".");
        if (!comparison.HasChanges)
        {
            md.AppendLine($"No change: the same {Plural(comparison.UnchangedCallSites, "call site")} with the same models, "
                + "tokens, traffic and costs.");
            md.AppendLine();
            return;
        }

        var counts = new List<string>();
        if (comparison.Changed.Count > 0)
            counts.Add($"{Plural(comparison.Changed.Count, "call site")} changed");
        if (comparison.Added.Count > 0)
            counts.Add($"{Count(comparison.Added.Count)} new");
        if (comparison.Removed.Count > 0)
            counts.Add($"{Count(comparison.Removed.Count)} removed");
        counts.Add($"{Count(comparison.UnchangedCallSites)} unchanged");
        md.AppendLine(string.Join(", ", counts) + ".");
        md.AppendLine();
        md.AppendLine("| call site | model | input tokens | output tokens | per call | per month |");
        md.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var change in comparison.LargestFirst())
            md.AppendLine(ChangeRow(change, "", displayPath));
        foreach (var change in comparison.Added)
            md.AppendLine(ChangeRow(change, " **new**", displayPath));
        foreach (var change in comparison.Removed)
            md.AppendLine(ChangeRow(change, " **removed**", displayPath));
        md.AppendLine();
    }

    private static string ChangeRow(CallSiteChange change, string mark, Func<string, string> displayPath)
    {
        var before = change.Before;
        var after = change.After;
        string Side(Func<CallSiteFigures, string> text, Func<CallSiteFigures, decimal?>? amount = null)
        {
            var was = before is null ? null : text(before);
            var now = after is null ? null : text(after);
            var percent = amount is not null && before is not null && after is not null
                && amount(before) is { } b && amount(after) is { } a ? PercentChange(b, a) : null;
            return Pair(was, now, percent);
        }

        return $"| {Location(change.File, change.Line, displayPath)} {Code(change.Member)}{mark} | "
            + $"{Side(static f => Cell(f.Model ?? "none seen"))} | {Side(static f => Count(f.InputTokens))} | "
            + $"{Side(static f => Count(f.OutputTokens))} | "
            + $"{Side(static f => MoneyOrDash(f.CostPerCall), static f => f.CostPerCall)} | "
            + $"{Side(static f => MoneyOrDash(f.MonthlyCost), static f => f.MonthlyCost)} |";
    }

    /// <summary>The prompt-cache and cheaper-model savings per month, largest first, with the project when there are several.</summary>
    internal static void TopSavings(
        StringBuilder md, string section, IEnumerable<(string? Project, CallSiteRecord Site)> callSites)
    {
        var savings = Savings(callSites).ToList();
        if (savings.Count == 0)
            return;

        md.AppendLine($"{section} Top savings");
        md.AppendLine();
        md.AppendLine("What each call site would save per month, largest first. The two kinds do not add up: a cheaper model "
            + "also changes what its cache saves.");
        md.AppendLine();
        md.AppendLine("| saving per month | call site | how |");
        md.AppendLine("|---:|---|---|");
        foreach (var saving in savings.Take(MaxSavingsRows))
        {
            var site = saving.Site;
            var project = saving.Project is { } name ? $"{Cell(name)}: " : "";
            var now = Money(site.MonthlyCost!.Value);
            var how = saving.ByCache
                ? $"prompt cache at {Rate(site.CacheHitRate)} hits: {now} → {Money(site.MonthlyCostCached!.Value)} per month"
                : $"{Cell(site.CheapestModel!)} instead of {Cell(site.Model!)}: {now} → {Money(site.MonthlyCostCheapest!.Value)} per month";
            md.AppendLine($"| {Money(saving.Amount)} | {project}{Code(site.Member)} | {how} |");
        }

        if (savings.Count > MaxSavingsRows)
        {
            md.AppendLine();
            md.AppendLine($"{Plural(savings.Count - MaxSavingsRows, "smaller saving")} not shown; "
                + "the JSON report has every call site's figures.");
        }

        md.AppendLine();
    }

    private static IEnumerable<(string? Project, CallSiteRecord Site, bool ByCache, decimal Amount)> Savings(
        IEnumerable<(string? Project, CallSiteRecord Site)> callSites) =>
        callSites
            .SelectMany(static c => new[]
            {
                (c.Project, c.Site, ByCache: true, Amount: c.Site.MonthlySavingsFromCache ?? 0m),
                (c.Project, c.Site, ByCache: false, Amount: CheapestModelSaving(c.Site)),
            })
            .Select(static (s, index) => (Saving: s, Index: index))
            .Where(static s => Math.Round(s.Saving.Amount, 2, MidpointRounding.AwayFromZero) > 0m)
            .OrderByDescending(static s => s.Saving.Amount)
            .ThenBy(static s => s.Index)
            .Select(static s => s.Saving);

    private static decimal CheapestModelSaving(CallSiteRecord site) =>
        site.CheapestModel is null ? 0m : site.MonthlySavingsFromCheapestModel ?? 0m;

    /// <summary>A pie slice per call site with a monthly cost, labelled by member (and call number when a member has several).</summary>
    private static List<(string Label, decimal Value)> Slices(IReadOnlyList<CallSiteRecord> callSites)
    {
        var priced = callSites.Where(static c => c.MonthlyCost is not null).ToList();
        var shortNames = priced.GroupBy(static c => ShortMember(c.Member), StringComparer.Ordinal)
            .ToDictionary(
                static g => g.Key, static g => g.Select(static c => c.Member).Distinct(StringComparer.Ordinal).Count(), StringComparer.Ordinal);
        var perMember = priced.GroupBy(static c => c.Member, StringComparer.Ordinal)
            .ToDictionary(static g => g.Key, static g => g.Count(), StringComparer.Ordinal);
        return priced.Select(site =>
        {
            // Overloads share a short name; then the parameter list tells them apart.
            var label = shortNames[ShortMember(site.Member)] > 1 ? site.Member : ShortMember(site.Member);
            if (perMember[site.Member] > 1)
                label += $" (call {site.Ordinal.ToString(CultureInfo.InvariantCulture)})";
            return (label, site.MonthlyCost!.Value);
        }).ToList();
    }

    /// <summary>
    /// The pie of monthly cost by <paramref name="sliceNoun"/> and the bar chart of savings by kind, when they have something
    /// to show: the pie needs two slices, the bars one saving.
    /// </summary>
    internal static void Charts(
        StringBuilder md,
        string section,
        List<(string Label, decimal Value)> slices,
        string sliceNoun,
        IReadOnlyList<CallSiteRecord> callSites)
    {
        var shown = slices
            .Select(static (s, index) => (Slice: s, Index: index, Value: ChartValue(s.Value)))
            .Where(static s => s.Value > 0m)
            .OrderByDescending(static s => s.Value)
            .ThenBy(static s => s.Index)
            .ToList();
        var cacheSavings = callSites.Sum(static c => Math.Max(c.MonthlySavingsFromCache ?? 0m, 0m));
        var modelSavings = callSites.Sum(static c => Math.Max(CheapestModelSaving(c), 0m));
        var pie = shown.Count >= 2;
        var bars = ChartValue(cacheSavings) > 0m || ChartValue(modelSavings) > 0m;
        if (!pie && !bars)
            return;

        md.AppendLine($"{section} Where the money goes");
        md.AppendLine();
        if (pie)
        {
            md.AppendLine("```mermaid");
            md.AppendLine($"pie title Monthly cost by {sliceNoun}, uncached (USD)");
            foreach (var slice in shown.Take(shown.Count > MaxPieSlices ? MaxPieSlices - 1 : MaxPieSlices))
                md.AppendLine($"    \"{ChartLabel(slice.Slice.Label)}\" : {Number(slice.Value)}");
            if (shown.Count > MaxPieSlices)
            {
                var rest = shown.Skip(MaxPieSlices - 1).ToList();
                md.AppendLine($"    \"other ({Plural(rest.Count, sliceNoun)})\" : {Number(rest.Sum(static s => s.Value))}");
            }

            md.AppendLine("```");
            md.AppendLine();
        }

        if (bars)
        {
            md.AppendLine("```mermaid");
            md.AppendLine("xychart-beta");
            md.AppendLine("    title \"Savings per month by kind (USD)\"");
            md.AppendLine("    x-axis [\"prompt cache\", \"cheapest model\"]");
            md.AppendLine("    y-axis \"USD per month\"");
            md.AppendLine($"    bar [{Number(ChartValue(cacheSavings))}, {Number(ChartValue(modelSavings))}]");
            md.AppendLine("```");
            md.AppendLine();
        }
    }

    private static void Legend(StringBuilder md, CostReport report)
    {
        var catalog = report.CatalogSource == "built-in" ? "built-in" : Code(report.CatalogSource);
        md.AppendLine($"Prices from the {catalog} model catalog (catalog {report.CatalogAsOf}, price data {report.PriceDataAsOf}), in USD. "
            + "Figures not marked are exact. *Assumed* input tokens stand for prompt parts known only at run time, from the "
            + "call site's or the project's size in `promptlint.json` or the default (`promptlint.assumed_dynamic_tokens`); "
            + "*assumed* output is used where no constant cap is set (the call site's, member's or project's `outputTokens` in "
            + "`promptlint.json`, else `promptlint.assumed_output_tokens`); *(default model)* is "
            + "`promptlint.default_model`. ≈ marks token counts from a stand-in encoding (Claude and Gemini have no public "
            + "tokenizer here). Calls per month are stated in `promptlint.json` for the call site, its member or the project. "
            + "The warm-cache column has every request find its prefix cached; the cached monthly figure uses the stated "
            + "hit rate.");
    }

    private static void PromptText(
        StringBuilder md, string section, IReadOnlyList<CallSiteRecord> callSites, Func<string, string> displayPath)
    {
        var withText = callSites.Where(static c => c.PromptText is not null).ToList();
        if (withText.Count == 0)
            return;

        md.AppendLine();
        md.AppendLine($"{section} Prompt text");
        md.AppendLine();
        md.AppendLine("Shown because the project sets `PromptLintIncludePromptText`; "
            + "prompt parts known only at run time are not in it.");
        foreach (var site in withText)
        {
            var text = site.PromptText!.Replace("\r\n", "\n");
            var fence = new string('`', Math.Max(3, LongestRun(text, '`') + 1));
            md.AppendLine();
            md.AppendLine("<details>");
            var where = $"{displayPath(site.File)}:{site.Line.ToString(CultureInfo.InvariantCulture)}";
            md.AppendLine($"<summary><code>{WebUtility.HtmlEncode(site.Member)}</code> at {WebUtility.HtmlEncode(where)}</summary>");
            md.AppendLine();
            md.AppendLine(fence + "text");
            md.AppendLine(text);
            md.AppendLine(fence);
            md.AppendLine();
            md.AppendLine("</details>");
        }
    }

    private static string Model(CallSiteRecord site) =>
        site.Deployment is { } deployment
            ? site.Model is null ? $"Azure deployment {Code(deployment)}, not mapped to a model"
            : !site.ModelKnown ? $"unknown model {Code(site.Model)} (Azure deployment {Code(deployment)})"
            : $"{Cell(site.Model)} (Azure deployment {Code(deployment)})"
        : site.Model is null ? "unknown model (none seen)"
            : !site.ModelKnown ? $"unknown model {Code(site.Model)}"
            : site.ModelSource == "default" ? $"{Cell(site.Model)} (default model)"
            : Cell(site.Model);

    private static string Input(CallSiteRecord site)
    {
        var approx = site.TokensApproximate ? "≈" : "";
        if (site.DynamicSegments == 0 && site.AssumedDynamicTokens == 0)
            return approx + Count(site.StaticInputTokens);

        var source = site.DynamicTokensSource switch
        {
            "callSite" => " (call site)",
            "project" => " (project)",
            "default" => " (default)",
            "none" or "" => "",
            var other => $" ({Cell(other)})",
        };
        return $"{approx}{Count(site.StaticInputTokens)} + {Count(site.AssumedDynamicTokens)} assumed{source}";
    }

    private static string Output(CallSiteRecord site) =>
        site.OutputAssumed ? $"{Count(site.OutputTokens)} assumed"
            : site.OutputCap is { } cap && cap > site.OutputTokens
                ? $"{Count(site.OutputTokens)} model maximum (cap {Count(cap)})"
            : $"{Count(site.OutputTokens)} cap";

    private static string Traffic(CallSiteRecord site)
    {
        if (site.CallsPerMonth is not { } calls)
            return "–";

        var source = site.TrafficSource switch
        {
            "callSite" => "call site",
            "none" or "" => "",
            var other => Cell(other),
        };
        return source.Length == 0 ? Count(calls) : $"{Count(calls)} ({source})";
    }

    private static string Cached(CallSiteRecord site) =>
        site.MonthlyCostCached is { } cached ? $"{Money(cached)} at {Rate(site.CacheHitRate)} hits" : "–";

    private static string Location(string file, int line, Func<string, string> displayPath) =>
        Code($"{displayPath(file)}:{line.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>Before and after: one value when they are equal, else <c>a → b (+12%)</c>; one side may be missing.</summary>
    private static string Pair(string? before, string? after, string? percent)
    {
        if (before is null || after is null)
            return before ?? after ?? "–";
        if (before == after)
            return before;
        return percent is null ? $"{before} → {after}" : $"{before} → {after} ({percent})";
    }

    private static string Code(string text) => "`" + Cell(text).Replace("`", "'") + "`";

    // A pipe would end a table cell, also inside a code span.
    private static string Cell(string text) => text.Replace("|", "\\|");

    private static string ChartLabel(string text) => text.Replace("\"", "'");

    private static decimal ChartValue(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string Number(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Verb(int count, string singular, string plural) => count == 1 ? singular : plural;

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }
}
