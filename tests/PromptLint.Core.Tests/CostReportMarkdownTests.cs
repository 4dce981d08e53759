using PromptLint.Core.Reports;
using static PromptLint.Core.Tests.MarkdownText;

namespace PromptLint.Core.Tests;

public sealed class CostReportMarkdownTests
{
    private static string Write(CostReport report) => CostReportMarkdown.Write(report, SampleReports.RelativeToRoot);

    private static string[] Rows(string markdown) => TableRows(Section(markdown, "## Call sites"));

    [Fact]
    public void Writes_one_table_row_per_call_site()
    {
        var markdown = Write(SampleReports.AllKinds());

        Assert.Equal(4, Rows(markdown).Length);
    }

    [Fact]
    public void Tells_apart_same_named_types_of_two_namespaces_in_every_part_of_the_report()
    {
        // Two Writer.Run(string) methods with 1,000 calls each: 1,000 x $0.0142 = $14.20 and 1,000 x $0.01125 = $11.25.
        var billing = SampleReports.AnswerWriterWithTraffic();
        (billing.Member, billing.File, billing.CallsPerMonth) = ("Alpha.Billing.Writer.Run(string)", "/repo/src/Writers.cs", 1_000);
        var shipping = SampleReports.TriageWithTraffic();
        (shipping.Member, shipping.File, shipping.CallsPerMonth) = ("Alpha.Shipping.Writer.Run(string)", "/repo/src/ShippingWriter.cs", 1_000);

        var markdown = Write(SampleReports.Of(billing, shipping));

        var rows = Rows(markdown);
        Assert.StartsWith("| `src/Writers.cs:42` `Alpha.Billing.Writer.Run(string)` | gpt-4o |", rows[0]);
        Assert.StartsWith("| `src/ShippingWriter.cs:18` `Alpha.Shipping.Writer.Run(string)` | claude-sonnet-4-5 |", rows[1]);
        Assert.Equal("""
            pie title Monthly cost by call site, uncached (USD)
                "Alpha.Billing.Writer.Run" : 14.20
                "Alpha.Shipping.Writer.Run" : 11.25
            """, MermaidBlocks(markdown)[0]);
    }

    [Fact]
    public void Writes_the_table_header_with_no_prompt_column()
    {
        var section = Section(Write(SampleReports.AllKinds()), "## Call sites");

        Assert.Equal(
            "| call site | model | input tokens | output tokens | per call | per call, warm cache | calls per month | per month | per month, cached |",
            section[1]);
        Assert.Equal("|---|---|---:|---:|---:|---:|---:|---:|---:|", section[2]);
    }

    [Fact]
    public void Writes_a_priced_call_site_row_that_names_its_assumptions()
    {
        var markdown = Write(SampleReports.Of(SampleReports.AnswerWriter()));

        Assert.Equal(
            "| `src/SupportBot/AnswerWriter.cs:42` `SupportBot.AnswerWriter.WriteAsync(string)` | gpt-4o | "
            + "3,180 + 500 assumed (default) | 500 assumed | $0.0142 | $0.010371 | – | – | – |",
            Assert.Single(Rows(markdown)));
    }

    [Fact]
    public void Marks_a_capped_output_and_approximate_tokens()
    {
        var markdown = Write(SampleReports.Of(SampleReports.Triage()));

        Assert.Equal(
            "| `src/SupportBot/Triage.cs:18` `SupportBot.Triage.ClassifyAsync(Ticket)` | claude-sonnet-4-5 | "
            + "≈2,350 | 280 cap | $0.01125 | $0.01125 | – | – | – |",
            Assert.Single(Rows(markdown)));
    }

    [Theory]
    [InlineData("project", "3,180 + 500 assumed (project)")]
    [InlineData("callSite", "3,180 + 500 assumed (call site)")]
    [InlineData("default", "3,180 + 500 assumed (default)")]
    public void Says_where_the_assumed_dynamic_tokens_come_from(string source, string cell)
    {
        var site = SampleReports.AnswerWriter();
        site.DynamicTokensSource = source;

        var markdown = Write(SampleReports.Of(site));

        Assert.Contains($"| {cell} |", Assert.Single(Rows(markdown)));
    }

    [Fact]
    public void Says_when_the_model_maximum_and_not_the_cap_bounds_the_output()
    {
        var site = SampleReports.Triage();
        site.OutputCap = 32_000;
        site.OutputTokens = 16_384;

        var markdown = Write(SampleReports.Of(site));

        Assert.Contains("| 16,384 model maximum (cap 32,000) |", Assert.Single(Rows(markdown)));
    }

    [Fact]
    public void Marks_an_unknown_model_and_leaves_its_costs_blank()
    {
        var markdown = Write(SampleReports.Of(SampleReports.Legacy()));

        Assert.Equal(
            "| `src/SupportBot/Legacy.cs:7` `SupportBot.Legacy.Run()` | unknown model `my-gpt4o-deployment` | "
            + "120 + 1,000 assumed (default) | 800 assumed | – | – | – | – | – |",
            Assert.Single(Rows(markdown)));
    }

    [Fact]
    public void Marks_a_call_site_where_no_model_was_seen()
    {
        var markdown = Write(SampleReports.Of(SampleReports.NoModel()));

        Assert.Contains("| unknown model (none seen) | 64 | 200 cap | – | – | – | – | – |", Assert.Single(Rows(markdown)));
    }

    [Fact]
    public void Names_an_azure_deployment_that_is_not_mapped_to_a_model()
    {
        var site = SampleReports.NoModel();
        site.ModelSource = "deployment";
        site.Deployment = "support-prod";

        var markdown = Write(SampleReports.Of(site));

        Assert.Contains("| Azure deployment `support-prod`, not mapped to a model | 64 | 200 cap |", Assert.Single(Rows(markdown)));
    }

    [Fact]
    public void Names_the_azure_deployment_beside_the_model_it_is_mapped_to()
    {
        var site = SampleReports.AnswerWriter();
        site.ModelSource = "deployment";
        site.Deployment = "support-prod";

        var markdown = Write(SampleReports.Of(site));

        Assert.Contains("| gpt-4o (Azure deployment `support-prod`) |", Assert.Single(Rows(markdown)));
    }

    [Fact]
    public void Marks_a_model_taken_from_the_default_model_option()
    {
        var site = SampleReports.AnswerWriter();
        site.ModelSource = "default";

        var markdown = Write(SampleReports.Of(site));

        Assert.Contains("| gpt-4o (default model) |", Assert.Single(Rows(markdown)));
    }

    [Fact]
    public void Writes_traffic_with_its_source_and_the_monthly_costs()
    {
        var markdown = Write(SampleReports.Of(SampleReports.AnswerWriterWithTraffic(), SampleReports.TriageWithTraffic()));

        var rows = Rows(markdown);
        // 100,000 x $0.0142 = $1,420.00; 100,000 x $0.011137 = $1,113.70
        Assert.EndsWith("| 100,000 (project) | $1,420.00 | $1,113.70 at 80% hits |", rows[0]);
        // 250,000 x $0.01125 = $2,812.50, and the same cached: no prefix to cache
        Assert.EndsWith("| 250,000 (call site) | $2,812.50 | $2,812.50 at 0% hits |", rows[1]);
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
    public void Writes_a_headline_with_monthly_totals_and_what_they_leave_out()
    {
        var lines = Lines(Write(SampleReports.WithTraffic()));

        Assert.Equal("# PromptLint cost report: SupportBot", lines[0]);
        // $1,420.00 + $2,812.50 = $4,232.50 uncached; $1,113.70 + $2,812.50 = $3,926.20 cached
        Assert.Equal(
            "**$4,232.50 per month** uncached, **$3,926.20** at each call site's cache hit rate, from 2 of 4 call sites.",
            lines[2]);
        // $0.0142 + $0.01125 = $0.02545; $0.01037125 + $0.01125 = $0.02162125, shown to six decimals
        Assert.Equal(
            "4 LLM call sites; sending each once costs about **$0.02545** uncached, **$0.021621** with warm prompt caches.",
            lines[3]);
        Assert.Equal("2 call sites have no traffic stated and are left out of the monthly figures.", lines[4]);
        Assert.Equal("2 call sites use a model the catalog does not know and are not priced.", lines[5]);
    }

    [Fact]
    public void Names_the_one_cache_hit_rate_when_every_call_site_shares_it()
    {
        var lines = Lines(Write(SampleReports.Of(SampleReports.AnswerWriterWithTraffic())));

        Assert.Equal("**$1,420.00 per month** uncached, **$1,113.70** at a cache hit rate of 80%.", lines[2]);
        Assert.DoesNotContain(lines, static l => l.Contains("no traffic stated", StringComparison.Ordinal));
    }

    [Fact]
    public void Says_there_are_no_monthly_figures_when_no_call_site_has_traffic()
    {
        var lines = Lines(Write(SampleReports.AllKinds()));

        Assert.Equal("No monthly figures: no call site has traffic stated (calls per month in `promptlint.json`).", lines[2]);
        Assert.Equal(
            "4 LLM call sites; sending each once costs about **$0.02545** uncached, **$0.021621** with warm prompt caches.",
            lines[3]);
        Assert.Equal("2 call sites use a model the catalog does not know and are not priced.", lines[4]);
    }

    [Fact]
    public void Says_there_are_no_monthly_figures_when_only_unpriced_call_sites_have_traffic()
    {
        var legacy = SampleReports.Legacy();
        legacy.CallsPerMonth = 10_000;
        legacy.TrafficSource = "member";

        var lines = Lines(Write(SampleReports.Of(legacy, SampleReports.Triage())));

        Assert.Equal("No monthly figures: the call sites with traffic stated are not priced.", lines[2]);
        Assert.Contains("| 10,000 (member) | – | – |", Assert.Single(Rows(Write(SampleReports.Of(legacy)))));
    }

    [Fact]
    public void Writes_the_singular_for_one_call_site()
    {
        var markdown = Write(SampleReports.Of(SampleReports.Legacy()));

        Assert.Contains("1 LLM call site; sending each once", markdown);
        Assert.Contains("1 call site uses a model the catalog does not know and is not priced.", markdown);
    }

    [Fact]
    public void Leaves_out_the_unpriced_sentence_when_every_model_is_known()
    {
        var markdown = Write(SampleReports.Of(SampleReports.AnswerWriter(), SampleReports.Triage()));

        Assert.DoesNotContain("not priced", markdown);
    }

    [Fact]
    public void Writes_a_report_without_call_sites_as_one_sentence_and_the_catalog()
    {
        var markdown = Write(SampleReports.Of());

        Assert.Equal("No LLM call sites.", Lines(markdown)[2]);
        Assert.Empty(Section(markdown, "## Call sites"));
        Assert.Empty(MermaidBlocks(markdown));
    }

    [Fact]
    public void Lists_the_top_savings_largest_first_naming_the_cheaper_model()
    {
        var markdown = Write(SampleReports.WithTraffic());

        Assert.Equal(
            new[]
            {
                // $2,812.50 - 250,000 x $0.00375 = $2,812.50 - $937.50
                "| $1,875.00 | `SupportBot.Triage.ClassifyAsync(Ticket)` | claude-haiku-4-5 instead of claude-sonnet-4-5: "
                + "$2,812.50 → $937.50 per month |",
                // $1,420.00 - 100,000 x $0.000852 = $1,420.00 - $85.20
                "| $1,334.80 | `SupportBot.AnswerWriter.WriteAsync(string)` | gpt-4o-mini instead of gpt-4o: $1,420.00 → $85.20 per month |",
                // $1,420.00 - $1,113.70; Triage saves nothing from a cache at 0% hits and is not listed
                "| $306.30 | `SupportBot.AnswerWriter.WriteAsync(string)` | prompt cache at 80% hits: $1,420.00 → $1,113.70 per month |",
            },
            TableRows(Section(markdown, "## Top savings")));
    }

    [Fact]
    public void Leaves_out_the_top_savings_without_traffic()
    {
        var markdown = Write(SampleReports.AllKinds());

        Assert.DoesNotContain("## Top savings", markdown);
    }

    [Fact]
    public void Leaves_out_a_negative_cache_saving()
    {
        // Misses pay a write premium that a low hit rate does not earn back: the cache costs more than it saves.
        var site = SampleReports.TriageWithTraffic();
        site.CheapestModel = null;
        site.CostPerCallCheapest = null;
        site.CacheHitRate = 0.1m;
        site.CostPerCallCached = 0.0118m;

        var markdown = Write(SampleReports.Of(site));

        Assert.DoesNotContain("## Top savings", markdown);
        Assert.Empty(MermaidBlocks(markdown));
    }

    [Fact]
    public void Shows_the_ten_largest_savings_and_counts_the_rest()
    {
        var sites = Enumerable.Range(1, 6).Select(static i =>
        {
            var site = SampleReports.AnswerWriterWithTraffic();
            site.Member = $"SupportBot.Writer{i}.WriteAsync(string)";
            return site;
        }).ToArray();

        var section = Section(Write(SampleReports.Of(sites)), "## Top savings");

        // Six call sites with two savings each: 12, of which 10 are shown.
        Assert.Equal(10, TableRows(section).Length);
        Assert.Contains("2 smaller savings not shown; the JSON report has every call site's figures.", section);
    }

    [Fact]
    public void Draws_monthly_cost_by_call_site_and_savings_by_kind()
    {
        var blocks = MermaidBlocks(Write(SampleReports.WithTraffic()));

        Assert.Equal(2, blocks.Count);
        Assert.Equal("""
            pie title Monthly cost by call site, uncached (USD)
                "SupportBot.Triage.ClassifyAsync" : 2812.50
                "SupportBot.AnswerWriter.WriteAsync" : 1420.00
            """, blocks[0]);
        // prompt cache: $306.30; cheapest model: $1,875.00 + $1,334.80 = $3,209.80
        Assert.Equal("""
            xychart-beta
                title "Savings per month by kind (USD)"
                x-axis ["prompt cache", "cheapest model"]
                y-axis "USD per month"
                bar [306.30, 3209.80]
            """, blocks[1]);
    }

    [Fact]
    public void Draws_no_chart_without_monthly_figures()
    {
        var markdown = Write(SampleReports.AllKinds());

        Assert.Empty(MermaidBlocks(markdown));
        Assert.DoesNotContain("## Where the money goes", markdown);
    }

    [Fact]
    public void Draws_no_pie_with_a_single_slice()
    {
        var blocks = MermaidBlocks(Write(SampleReports.Of(SampleReports.AnswerWriterWithTraffic(), SampleReports.Triage())));

        // One call site with traffic: no pie, but its savings still make the bar chart.
        var block = Assert.Single(blocks);
        Assert.StartsWith("xychart-beta", block);
    }

    [Fact]
    public void Draws_no_pie_whose_second_slice_is_nothing()
    {
        var free = SampleReports.TriageWithTraffic();
        free.CostPerCall = 0m;
        free.CostPerCallCached = 0m;
        free.CheapestModel = null;
        free.CostPerCallCheapest = null;
        var site = SampleReports.AnswerWriterWithTraffic();
        site.CheapestModel = null;
        site.CostPerCallCheapest = null;
        site.CostPerCallCached = site.CostPerCall;

        var markdown = Write(SampleReports.Of(site, free));

        Assert.Empty(MermaidBlocks(markdown));
    }

    [Fact]
    public void Labels_slices_of_one_member_by_call_and_overloads_by_parameters()
    {
        var first = SampleReports.AnswerWriterWithTraffic();
        var second = SampleReports.AnswerWriterWithTraffic();
        second.Ordinal = 2;
        second.CallsPerMonth = 50_000;
        var overload = SampleReports.TriageWithTraffic();
        overload.Member = "SupportBot.AnswerWriter.WriteAsync(Ticket)";

        var pie = MermaidBlocks(Write(SampleReports.Of(first, second, overload)))[0];

        Assert.Equal("""
            pie title Monthly cost by call site, uncached (USD)
                "SupportBot.AnswerWriter.WriteAsync(Ticket)" : 2812.50
                "SupportBot.AnswerWriter.WriteAsync(string) (call 1)" : 1420.00
                "SupportBot.AnswerWriter.WriteAsync(string) (call 2)" : 710.00
            """, pie);
    }

    [Fact]
    public void Gathers_the_smallest_slices_into_one_beyond_eight()
    {
        var sites = Enumerable.Range(1, 10).Select(static i =>
        {
            var site = SampleReports.TriageWithTraffic();
            site.Member = $"SupportBot.Step{i:00}.RunAsync()";
            site.CallsPerMonth = 1_000 * i;
            return site;
        }).ToArray();

        var pie = Lines(MermaidBlocks(Write(SampleReports.Of(sites)))[0]);

        // Seven largest (10,000 down to 4,000 calls x $0.01125), then steps 1 to 3: (1,000 + 2,000 + 3,000) x $0.01125 = $67.50
        Assert.Equal(9, pie.Length);
        Assert.Equal("    \"SupportBot.Step10.RunAsync\" : 112.50", pie[1]);
        Assert.Equal("    \"SupportBot.Step04.RunAsync\" : 45.00", pie[7]);
        Assert.Equal("    \"other (3 call sites)\" : 67.50", pie[8]);
    }

    [Fact]
    public void Shows_no_prompt_text_when_the_records_carry_none()
    {
        var markdown = Write(SampleReports.AllKinds());

        Assert.DoesNotContain("<details>", markdown);
        Assert.DoesNotContain("## Prompt text", markdown);
    }

    [Fact]
    public void Shows_prompt_text_in_a_collapsed_block_when_a_record_has_it()
    {
        var site = SampleReports.AnswerWriter();
        site.PromptText = "You answer support tickets for Contoso.\nUse the ``` fence rules.";

        var section = Section(Write(SampleReports.Of(site, SampleReports.Triage())), "## Prompt text");

        // Only the call site with text gets a block; a fence longer than any run of backticks in the text keeps it intact.
        Assert.Equal(
            new[]
            {
                "",
                "Shown because the project sets `PromptLintIncludePromptText`; prompt parts known only at run time are not in it.",
                "",
                "<details>",
                "<summary><code>SupportBot.AnswerWriter.WriteAsync(string)</code> at src/SupportBot/AnswerWriter.cs:42</summary>",
                "",
                "````text",
                "You answer support tickets for Contoso.",
                "Use the ``` fence rules.",
                "````",
                "",
                "</details>",
                "",
            },
            section);
    }

    [Fact]
    public void Escapes_generic_members_in_the_prompt_text_summary()
    {
        var site = SampleReports.AnswerWriter();
        site.Member = "SupportBot.Writer<T>.WriteAsync(T)";
        site.PromptText = "Answer.";

        var markdown = Write(SampleReports.Of(site));

        Assert.Contains("<summary><code>SupportBot.Writer&lt;T&gt;.WriteAsync(T)</code> at", markdown);
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

    [Fact]
    public void Writes_the_same_text_for_the_same_report()
    {
        var first = Write(SampleReports.WithTraffic());

        var second = Write(SampleReports.WithTraffic());

        Assert.Equal(first, second);
    }
}
