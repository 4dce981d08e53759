using PromptLint.Core.Reports;
using static PromptLint.Core.Tests.MarkdownText;

namespace PromptLint.Core.Tests;

public sealed class SolutionReportTests
{
    /// <summary>SupportBot with traffic on two call sites; Billing with one unpriced call site.</summary>
    private static SolutionCostReport TwoProjects()
    {
        var billing = SampleReports.Of(SampleReports.Legacy());
        billing.Project = "Billing";
        var supportBot = SampleReports.Of(SampleReports.AnswerWriterWithTraffic(), SampleReports.TriageWithTraffic());
        return new SolutionCostReport
        {
            Projects =
            {
                new ProjectCostReport { ReportFile = "src/Billing/bin/Debug/net10.0/promptlint-costs.json", Report = billing },
                new ProjectCostReport { ReportFile = "src/SupportBot/bin/Debug/net10.0/promptlint-costs.json", Report = supportBot },
            },
        };
    }

    [Fact]
    public void Json_reads_back_what_it_wrote_with_the_same_bytes()
    {
        var written = SolutionReportJson.Write(TwoProjects());

        var read = SolutionReportJson.Read(written);

        Assert.Equal(written, SolutionReportJson.Write(read));
        Assert.Equal(new[] { "Billing", "SupportBot" }, read.Projects.Select(static p => p.Report.Project));
    }

    [Fact]
    public void Json_starts_with_the_solution_totals()
    {
        var json = SolutionReportJson.Write(TwoProjects()).Replace("\r\n", "\n");

        Assert.StartsWith("""
            {
              "schemaVersion": 3,
              "totals": {
                "projects": 2,
                "callSites": 3,
                "unpricedCallSites": 1,
                "costPerRequestSet": 0.02545,
                "costPerRequestSetWarmCache": 0.02162125,
                "callSitesWithoutTraffic": 1,
                "monthlyCost": 4232.5,
                "monthlyCostCached": 3926.2
              },
              "projects": [
                {
                  "report": "src/Billing/bin/Debug/net10.0/promptlint-costs.json",
                  "project": "Billing",
            """, json);
    }

    [Fact]
    public void Markdown_has_a_headline_over_all_projects_and_a_row_per_project()
    {
        var markdown = SolutionReportMarkdown.Write(TwoProjects());

        var lines = Lines(markdown);
        Assert.Equal("# PromptLint cost report: 2 projects", lines[0]);
        // $1,420.00 + $2,812.50 = $4,232.50; $1,113.70 + $2,812.50 = $3,926.20
        Assert.Equal(
            "**$4,232.50 per month** uncached, **$3,926.20** at each call site's cache hit rate, from 2 of 3 call sites.", lines[2]);
        Assert.Equal(
            "3 LLM call sites in 2 projects; sending each once costs about **$0.02545** uncached, **$0.021621** with warm prompt caches.",
            lines[3]);
        Assert.Contains("| Billing | 1 | $0.0000 | – | – | `src/Billing/bin/Debug/net10.0/promptlint-costs.json` |", lines);
        Assert.Contains(
            "| SupportBot | 2 | $0.02545 | $4,232.50 | $3,926.20 | `src/SupportBot/bin/Debug/net10.0/promptlint-costs.json` |", lines);
    }

    [Fact]
    public void Markdown_names_the_project_of_each_saving_and_then_each_project_report_one_level_down()
    {
        var markdown = SolutionReportMarkdown.Write(TwoProjects());

        Assert.StartsWith(
            "| $1,875.00 | SupportBot: `SupportBot.Triage.ClassifyAsync(Ticket)` | claude-haiku-4-5 instead of claude-sonnet-4-5: ",
            TableRows(Section(markdown, "## Top savings"))[0]);
        Assert.Contains("## PromptLint cost report: Billing", Lines(markdown));
        Assert.Contains("### Call sites", Lines(markdown));
    }

    [Fact]
    public void Markdown_draws_no_pie_of_projects_when_only_one_has_monthly_figures()
    {
        var blocks = MermaidBlocks(SolutionReportMarkdown.Write(TwoProjects()));

        // The solution's charts: savings by kind only (one project with monthly figures); then SupportBot's own pie and bars.
        Assert.Equal(3, blocks.Count);
        Assert.StartsWith("xychart-beta", blocks[0]);
        Assert.StartsWith("pie title Monthly cost by call site", blocks[1]);
    }

    [Fact]
    public void Markdown_draws_monthly_cost_by_project()
    {
        var solution = TwoProjects();
        var billing = solution.Projects[0].Report.CallSites[0];
        billing.ModelKnown = true;
        billing.CostPerCall = 0.001m;
        billing.CallsPerMonth = 30_000;

        var pie = MermaidBlocks(SolutionReportMarkdown.Write(solution))[0];

        // SupportBot $4,232.50; Billing 30,000 x $0.001 = $30.00
        Assert.Equal("""
            pie title Monthly cost by project, uncached (USD)
                "SupportBot" : 4232.50
                "Billing" : 30.00
            """, pie);
    }

    [Fact]
    public void Markdown_tells_apart_two_reports_of_one_project()
    {
        var solution = TwoProjects();
        solution.Projects[0].Report.Project = "SupportBot";

        var markdown = SolutionReportMarkdown.Write(solution);

        Assert.Contains("| SupportBot (src/Billing/bin/Debug/net10.0/promptlint-costs.json) | 1 |", markdown);
    }
}
