using System.Text;
using PromptLint.Core.Costs;
using System.Globalization;

namespace PromptLint.Core.Reports;

/// <summary>Renders a <see cref="CostReport"/> as a Markdown page that reads well as a pull-request comment.</summary>
public static class CostReportMarkdown
{
    /// <summary>Renders the report; <paramref name="displayPath"/> turns a source path into the text shown.</summary>
    public static string Write(CostReport report, Func<string, string>? displayPath = null)
    {
        displayPath ??= static p => p;
        var md = new StringBuilder();
        md.AppendLine($"# PromptLint cost report: {report.Project}");
        md.AppendLine();
        md.AppendLine($"{Plural(report.CallSites.Count, "LLM call site")}. Sending each once costs about "
            + $"**{Money(report.CostPerRequestSet)}** uncached, **{Money(report.CostPerRequestSetWarmCache)}** with warm prompt caches.");
        if (report.UnpricedCallSites > 0)
            md.AppendLine($"{Plural(report.UnpricedCallSites, "call site")} {(report.UnpricedCallSites == 1 ? "uses" : "use")} a model the catalog does not know and {(report.UnpricedCallSites == 1 ? "is" : "are")} not priced.");
        md.AppendLine();
        md.AppendLine("| location | SDK | model | input tokens (static + assumed) | output tokens | per call | per call, warm cache |");
        md.AppendLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var site in report.CallSites)
        {
            var model = site.Model is null ? "unknown model (none seen)" : site.ModelKnown ? site.Model : $"unknown model `{site.Model}`";
            var approx = site.TokensApproximate ? " ≈" : "";
            var output = site.OutputAssumed ? $"{Count(site.OutputTokens)} (assumed)"
                : site.OutputCap > site.OutputTokens ? $"{Count(site.OutputTokens)} (model maximum; cap {Count(site.OutputCap.Value)})"
                : $"{Count(site.OutputTokens)} (cap)";
            md.AppendLine($"| `{displayPath(site.File)}:{site.Line}` `{site.Member}` | {site.Sdk} | {model} | "
                + $"{Count(site.StaticInputTokens)} + {Count(site.AssumedDynamicTokens)}{approx} | {output} | "
                + $"{MoneyOrDash(site.CostPerCall)} | {MoneyOrDash(site.CostPerCallWarmCache)} |");
        }

        md.AppendLine();
        md.AppendLine($"Prices from the {(report.CatalogSource == "built-in" ? "built-in" : $"`{report.CatalogSource}`")} model catalog "
            + $"(catalog {report.CatalogAsOf}, price data {report.PriceDataAsOf}), in USD. "
            + "≈ marks token counts from a stand-in encoding (Claude and Gemini have no public tokenizer here). "
            + "Assumed figures come from `promptlint.assumed_*` options; the cap is used where one is set.");
        return md.ToString();
    }

    private static string MoneyOrDash(decimal? value) => value is { } v ? Money(v) : "–";

    private static string Money(decimal value) => MoneyText.Format(value);

    private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{Count(count)} {noun}s";

    private static string Count(int value) => CountText.Format(value);
}
