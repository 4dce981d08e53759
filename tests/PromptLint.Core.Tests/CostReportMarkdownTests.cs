using PromptLint.Core.Reports;

namespace PromptLint.Core.Tests;

public sealed class CostReportMarkdownTests
{
    private static string[] Lines(string markdown) => markdown.Replace("\r\n", "\n").Split('\n');

    private static string[] Rows(string markdown) =>
        Lines(markdown).Where(static l => l.StartsWith("| `", StringComparison.Ordinal)).ToArray();

    private static string Write(CostReport report) => CostReportMarkdown.Write(report, SampleReports.RelativeToRoot);

    [Fact]
    public void Writes_one_table_row_per_call_site()
    {
        var markdown = Write(SampleReports.AllKinds());

        Assert.Equal(4, Rows(markdown).Length);
    }

    [Fact]
    public void Writes_a_priced_call_site_row_with_location_tokens_and_costs()
    {
        var markdown = Write(SampleReports.Of(SampleReports.AnswerWriter()));

        Assert.Equal(
            "| `src/SupportBot/AnswerWriter.cs:42` `SupportBot.AnswerWriter.WriteAsync(string)` | OpenAI | gpt-4o | "
            + "3,180 + 500 | 500 (assumed) | $0.0142 | $0.010371 |",
            Assert.Single(Rows(markdown)));
    }

    [Fact]
    public void Marks_a_capped_output_and_approximate_tokens()
    {
        var markdown = Write(SampleReports.Of(SampleReports.Triage()));

        Assert.Equal(
            "| `src/SupportBot/Triage.cs:18` `SupportBot.Triage.ClassifyAsync(Ticket)` | Anthropic | claude-sonnet-4-5 | "
            + "2,350 + 0 ≈ | 280 (cap) | $0.01125 | $0.01125 |",
            Assert.Single(Rows(markdown)));
    }

    [Fact]
    public void Says_when_the_model_maximum_and_not_the_cap_bounds_the_output()
    {
        var site = SampleReports.Triage();
        site.OutputCap = 32_000;
        site.OutputTokens = 16_384;

        var markdown = Write(SampleReports.Of(site));

        Assert.Contains("| 16,384 (model maximum; cap 32,000) |", markdown);
    }

    [Fact]
    public void Marks_an_unknown_model_and_leaves_its_costs_blank()
    {
        var markdown = Write(SampleReports.Of(SampleReports.Legacy()));

        Assert.Equal(
            "| `src/SupportBot/Legacy.cs:7` `SupportBot.Legacy.Run()` | Microsoft.Extensions.AI | "
            + "unknown model `my-gpt4o-deployment` | 120 + 1,000 | 800 (assumed) | – | – |",
            Assert.Single(Rows(markdown)));
    }

    [Fact]
    public void Writes_a_four_digit_line_number_without_a_thousands_separator()
    {
        var site = SampleReports.Legacy();
        site.Line = 1_207;

        var markdown = Write(SampleReports.Of(site));

        Assert.StartsWith("| `src/SupportBot/Legacy.cs:1207` ", Assert.Single(Rows(markdown)));
    }

    [Fact]
    public void Marks_a_call_site_where_no_model_was_seen()
    {
        var markdown = Write(SampleReports.Of(SampleReports.NoModel()));

        Assert.Contains("| OpenAI | unknown model (none seen) | 64 + 0 | 200 (cap) | – | – |", Assert.Single(Rows(markdown)));
    }

    [Fact]
    public void Writes_the_table_header_with_no_prompt_column()
    {
        var lines = Lines(Write(SampleReports.AllKinds()));

        var header = Array.IndexOf(lines,
            "| location | SDK | model | input tokens (static + assumed) | output tokens | per call | per call, warm cache |");
        Assert.True(header > 0, "header row not found");
        Assert.Equal("|---|---|---|---:|---:|---:|---:|", lines[header + 1]);
    }

    [Fact]
    public void Writes_the_totals_and_the_unpriced_count()
    {
        var lines = Lines(Write(SampleReports.AllKinds()));

        Assert.Equal("# PromptLint cost report: SupportBot", lines[0]);
        // 0.0142 + 0.01125 = 0.02545 uncached; 0.01037125 + 0.01125 = 0.02162125 warm, shown to six decimals
        Assert.Contains(
            "4 LLM call sites. Sending each once costs about **$0.02545** uncached, **$0.021621** with warm prompt caches.",
            lines);
        Assert.Contains("2 call sites use a model the catalog does not know and are not priced.", lines);
    }

    [Fact]
    public void Writes_the_singular_for_one_call_site()
    {
        var markdown = Write(SampleReports.Of(SampleReports.Legacy()));

        Assert.DoesNotContain("1 LLM call sites", markdown);
        Assert.DoesNotContain("1 call sites", markdown);
    }

    [Fact]
    public void Leaves_out_the_unpriced_sentence_when_every_model_is_known()
    {
        var markdown = Write(SampleReports.Of(SampleReports.AnswerWriter(), SampleReports.Triage()));

        Assert.DoesNotContain("not priced", markdown);
    }

    [Fact]
    public void Names_the_built_in_catalog_and_its_dates()
    {
        var markdown = Write(SampleReports.AllKinds());

        Assert.Contains("Prices from the built-in model catalog (catalog 2026-12-03, price data 2026-07-18), in USD.", markdown);
    }

    [Fact]
    public void Names_a_user_catalog_by_its_path()
    {
        var report = SampleReports.AllKinds();
        report.CatalogSource = "config/models.json";

        var markdown = Write(report);

        Assert.Contains("Prices from the `config/models.json` model catalog", markdown);
    }

    [Fact]
    public void Writes_absolute_paths_without_a_display_path_function()
    {
        var markdown = CostReportMarkdown.Write(SampleReports.Of(SampleReports.AnswerWriter()));

        Assert.StartsWith("| `/repo/src/SupportBot/AnswerWriter.cs:42` ", Assert.Single(Rows(markdown)));
    }
}
