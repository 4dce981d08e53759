using PromptLint.Core.Reports;
using static PromptLint.Core.Tests.MarkdownText;

namespace PromptLint.Core.Tests;

public sealed class CostComparisonTests
{
    /// <summary>Triage grown from 2,350 to 3,140 input tokens: 3,140 x $3/1M + 280 x $15/1M = $0.00942 + $0.0042 = $0.01362.</summary>
    private static CallSiteRecord LongerTriage()
    {
        var site = SampleReports.Triage();
        site.StaticInputTokens = 3_140;
        site.CostPerCall = 0.01362m;
        site.CostPerCallWarmCache = 0.01362m;
        return site;
    }

    private static CallSiteRecord Moved(CallSiteRecord site, int lines)
    {
        site.Line += lines;
        return site;
    }

    [Fact]
    public void Finds_no_change_when_an_unrelated_edit_moves_every_call_site()
    {
        var baseline = SampleReports.AllKinds();
        var current = SampleReports.Of(
            Moved(SampleReports.AnswerWriter(), 12),
            Moved(SampleReports.Triage(), 3),
            Moved(SampleReports.Legacy(), 40),
            Moved(SampleReports.NoModel(), -5));

        var comparison = CostComparison.Compare(baseline, current, "baseline.json");

        Assert.False(comparison.HasChanges);
        Assert.Equal(4, comparison.UnchangedCallSites);
        Assert.Empty(comparison.Changed);
        Assert.Empty(comparison.Added);
        Assert.Empty(comparison.Removed);
    }

    [Fact]
    public void Matches_a_call_site_by_member_and_ordinal_when_another_call_is_inserted_above_it()
    {
        var baseline = SampleReports.Of(SampleReports.Triage());
        var inserted = SampleReports.AnswerWriter();
        inserted.File = SampleReports.Triage().File;
        inserted.Line = 10;
        var current = SampleReports.Of(inserted, Moved(SampleReports.Triage(), 6));

        var comparison = CostComparison.Compare(baseline, current, "baseline.json");

        Assert.Equal(1, comparison.UnchangedCallSites);
        Assert.Empty(comparison.Changed);
        Assert.Equal("SupportBot.AnswerWriter.WriteAsync(string)", Assert.Single(comparison.Added).Member);
    }

    [Fact]
    public void Reports_the_change_in_tokens_and_cost_per_call()
    {
        var comparison = CostComparison.Compare(
            SampleReports.Of(SampleReports.AnswerWriter(), SampleReports.Triage()),
            SampleReports.Of(SampleReports.AnswerWriter(), Moved(LongerTriage(), 20)),
            "baseline.json");

        var change = Assert.Single(comparison.Changed);
        Assert.Equal("SupportBot.Triage.ClassifyAsync(Ticket)", change.Member);
        Assert.Equal(38, change.Line); // the current line: 18 + 20
        Assert.Equal(2_350, change.Before!.InputTokens);
        Assert.Equal(3_140, change.After!.InputTokens);
        Assert.Equal(0.00237m, change.CostPerCallChange); // $0.01362 - $0.01125
        Assert.Null(change.MonthlyCostChange);
        Assert.Equal(1, comparison.UnchangedCallSites);
        Assert.Equal(0.02545m, comparison.CostPerRequestSetBefore); // $0.0142 + $0.01125
        Assert.Equal(0.02782m, comparison.CostPerRequestSetAfter); // $0.0142 + $0.01362
    }

    [Fact]
    public void Reports_a_change_of_model_or_traffic()
    {
        var cheaper = SampleReports.AnswerWriterWithTraffic();
        cheaper.Model = "gpt-4o-mini";
        cheaper.CostPerCall = 0.000852m;
        var busier = SampleReports.TriageWithTraffic();
        busier.CallsPerMonth = 300_000;

        var comparison = CostComparison.Compare(
            SampleReports.Of(SampleReports.AnswerWriterWithTraffic(), SampleReports.TriageWithTraffic()),
            SampleReports.Of(cheaper, busier),
            "baseline.json");

        Assert.Equal(2, comparison.Changed.Count);
        Assert.Equal(("gpt-4o", "gpt-4o-mini"), (comparison.Changed[0].Before!.Model, comparison.Changed[0].After!.Model));
        Assert.Equal(-1_334.80m, comparison.Changed[0].MonthlyCostChange); // 100,000 x ($0.000852 - $0.0142)
        Assert.Equal(562.50m, comparison.Changed[1].MonthlyCostChange); // 50,000 more calls x $0.01125
        Assert.Equal(4_232.50m, comparison.MonthlyCostBefore); // $1,420.00 + $2,812.50
        Assert.Equal(3_460.20m, comparison.MonthlyCostAfter); // $85.20 + $3,375.00
    }

    [Fact]
    public void Lists_new_and_removed_call_sites()
    {
        var comparison = CostComparison.Compare(
            SampleReports.Of(SampleReports.AnswerWriter(), SampleReports.Legacy()),
            SampleReports.Of(SampleReports.AnswerWriter(), SampleReports.Triage(), SampleReports.NoModel()),
            "baseline.json");

        Assert.Equal(
            new[] { "SupportBot.Triage.ClassifyAsync(Ticket)", "SupportBot.Summaries.MakeAsync()" },
            comparison.Added.Select(static c => c.Member));
        var removed = Assert.Single(comparison.Removed);
        Assert.Equal("SupportBot.Legacy.Run()", removed.Member);
        Assert.Null(removed.After);
        Assert.Equal(1_120, removed.Before!.InputTokens); // 120 static + 1,000 assumed
        Assert.Equal((2, 3), (comparison.CallSitesBefore, comparison.CallSitesAfter));
    }

    [Fact]
    public void Treats_a_second_call_in_a_member_as_a_different_call_site()
    {
        var second = SampleReports.AnswerWriter();
        second.Ordinal = 2;

        var comparison = CostComparison.Compare(
            SampleReports.Of(SampleReports.AnswerWriter()),
            SampleReports.Of(SampleReports.AnswerWriter(), second),
            "baseline.json");

        Assert.Equal(2, Assert.Single(comparison.Added).Ordinal);
        Assert.Equal(1, comparison.UnchangedCallSites);
    }

    [Fact]
    public void Ignores_cost_differences_below_the_report_precision()
    {
        var current = SampleReports.AnswerWriter();
        current.CostPerCall = 0.014200000004m; // written as 0.0142

        var comparison = CostComparison.Compare(SampleReports.Of(SampleReports.AnswerWriter()), SampleReports.Of(current), "b.json");

        Assert.False(comparison.HasChanges);
    }

    [Fact]
    public void Orders_changes_with_monthly_figures_first_and_then_by_dollars_per_call()
    {
        // Triage with traffic: +$0.00237 per call x 250,000 = +$592.50 a month.
        var busy = LongerTriage();
        busy.CallsPerMonth = 250_000;
        var busyBefore = SampleReports.Triage();
        busyBefore.CallsPerMonth = 250_000;
        // AnswerWriter without traffic, a larger change per call: +$0.0142.
        var doubled = SampleReports.AnswerWriter();
        doubled.CostPerCall = 0.0284m;
        // Legacy, unpriced: only its tokens changed.
        var legacy = SampleReports.Legacy();
        legacy.StaticInputTokens = 500;

        var comparison = CostComparison.Compare(
            SampleReports.Of(SampleReports.AnswerWriter(), SampleReports.Legacy(), busyBefore),
            SampleReports.Of(doubled, legacy, busy),
            "baseline.json");

        Assert.Equal(
            new[] { "SupportBot.Triage.ClassifyAsync(Ticket)", "SupportBot.AnswerWriter.WriteAsync(string)", "SupportBot.Legacy.Run()" },
            comparison.LargestFirst().Select(static c => c.Member));
        Assert.Equal(592.50m, comparison.LargestFirst().First().MonthlyCostChange);
    }

    [Fact]
    public void Markdown_shows_the_totals_and_each_change_against_the_baseline()
    {
        var report = SampleReports.Of(SampleReports.AnswerWriter(), LongerTriage(), SampleReports.NoModel());
        report.Comparison = CostComparison.Compare(
            SampleReports.Of(SampleReports.AnswerWriter(), SampleReports.Triage(), SampleReports.Legacy()), report, "baseline/promptlint-costs.json");

        var section = Section(CostReportMarkdown.Write(report, SampleReports.RelativeToRoot), "## Against the baseline");

        // Per request set: $0.0142 + $0.01125 = $0.02545 before, $0.0142 + $0.01362 = $0.02782 after: +$0.00237 / $0.02545 = +9.3%
        Assert.Equal("Compared with `baseline/promptlint-costs.json`: per request set $0.02545 → $0.02782 (+9%).", section[1]);
        Assert.Equal("1 call site changed, 1 new, 1 removed, 1 unchanged.", section[2]);
        Assert.Equal(
            new[]
            {
                // +$0.00237 / $0.01125 = +21.1%
                "| `src/SupportBot/Triage.cs:18` `SupportBot.Triage.ClassifyAsync(Ticket)` | claude-sonnet-4-5 | 2,350 → 3,140 | 280 | "
                + "$0.01125 → $0.01362 (+21%) | – |",
                "| `src/SupportBot/Summaries.cs:30` `SupportBot.Summaries.MakeAsync()` **new** | none seen | 64 | 200 | – | – |",
                "| `src/SupportBot/Legacy.cs:7` `SupportBot.Legacy.Run()` **removed** | my-gpt4o-deployment | 1,120 | 800 | – | – |",
            },
            TableRows(section));
    }

    [Fact]
    public void Markdown_shows_monthly_changes_when_there_is_traffic()
    {
        var busier = SampleReports.TriageWithTraffic();
        busier.CallsPerMonth = 300_000;
        var report = SampleReports.Of(SampleReports.AnswerWriterWithTraffic(), busier);
        report.Comparison = CostComparison.Compare(
            SampleReports.Of(SampleReports.AnswerWriterWithTraffic(), SampleReports.TriageWithTraffic()), report, "b.json");

        var section = Section(CostReportMarkdown.Write(report), "## Against the baseline");

        // $1,420.00 + $2,812.50 = $4,232.50 before; $1,420.00 + 300,000 x $0.01125 = $4,795.00 after: +$562.50 / $4,232.50 = +13.3%
        Assert.Equal(
            "Compared with `b.json`: per request set $0.02545; per month $4,232.50 → $4,795.00 (+13%).", section[1]);
        // +$562.50 / $2,812.50 = +20%
        Assert.EndsWith("| 2,350 | 280 | $0.01125 | $2,812.50 → $3,375.00 (+20%) |", Assert.Single(TableRows(section)));
    }

    [Fact]
    public void Counts_a_call_site_listed_twice_in_a_hand_made_baseline_as_removed()
    {
        var baseline = SampleReports.Of(SampleReports.AnswerWriter(), SampleReports.AnswerWriter(), SampleReports.Triage());
        var current = SampleReports.Of(SampleReports.AnswerWriter(), SampleReports.Triage());

        var comparison = CostComparison.Compare(baseline, current, "baseline.json");
        current.Comparison = comparison;

        // 3 call sites before and 2 after: the second AnswerWriter entry matches nothing now.
        Assert.True(comparison.HasChanges);
        Assert.Equal(2, comparison.UnchangedCallSites);
        var removed = Assert.Single(comparison.Removed);
        Assert.Equal("SupportBot.AnswerWriter.WriteAsync(string)", removed.Member);
        // $0.0142 + $0.0142 + $0.01125 = $0.03965 before, $0.0142 + $0.01125 = $0.02545 after: -$0.0142 / $0.03965 = -35.8%
        Assert.Equal("against the baseline: -36% per request set, 1 removed call site", comparison.Summary());
        var markdown = CostReportMarkdown.Write(current, SampleReports.RelativeToRoot);
        Assert.DoesNotContain("No change", markdown);
        Assert.Contains("1 removed, 2 unchanged.", markdown);
    }

    [Fact]
    public void Markdown_says_so_when_nothing_changed()
    {
        var report = SampleReports.Of(Moved(SampleReports.AnswerWriter(), 7), SampleReports.Triage());
        report.Comparison = CostComparison.Compare(SampleReports.Of(SampleReports.AnswerWriter(), SampleReports.Triage()), report, "b.json");

        var section = Section(CostReportMarkdown.Write(report), "## Against the baseline");

        Assert.Equal("No change: the same 2 call sites with the same models, tokens, traffic and costs.", section[2]);
        Assert.Empty(TableRows(section));
    }
}
