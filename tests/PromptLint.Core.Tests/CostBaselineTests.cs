using PromptLint.Core.Reports;

namespace PromptLint.Core.Tests;

public sealed class CostBaselineTests
{
    private static (bool Read, CostReport? Baseline, string Problem) Read(string text, string project = "SupportBot")
    {
        var read = CostBaseline.TryRead(text, project, out var baseline, out var problem);
        return (read, baseline, problem);
    }

    [Fact]
    public void Reads_a_project_report()
    {
        var (read, baseline, problem) = Read(CostReportJson.Write(SampleReports.AllKinds()));

        Assert.True(read, problem);
        Assert.Equal(4, baseline!.CallSites.Count);
    }

    [Fact]
    public void Reads_a_report_that_has_a_comparison_of_its_own()
    {
        var report = SampleReports.AllKinds();
        report.Comparison = CostComparison.Compare(SampleReports.Of(), report, "older.json");

        var (read, baseline, _) = Read(CostReportJson.Write(report));

        Assert.True(read);
        Assert.Equal(4, baseline!.CallSites.Count);
    }

    [Fact]
    public void Rejects_text_that_is_not_json_and_gives_the_line_from_one()
    {
        var (read, baseline, problem) = Read("{ \"schemaVersion\": 3, ");

        Assert.False(read);
        Assert.Null(baseline);
        Assert.StartsWith("it is not valid JSON (", problem);
        Assert.DoesNotContain("LineNumber", problem);
        Assert.DoesNotContain("BytePositionInLine", problem);
    }

    [Fact]
    public void Names_the_first_line_for_an_html_page()
    {
        var (_, _, problem) = Read("<html>not found</html>");

        // The parser counts lines and bytes from 0; the message counts them from 1, as editors do.
        Assert.Equal("it is not valid JSON (line 1, character 1: '<' is an invalid start of a value)", problem);
    }

    [Fact]
    public void Names_the_line_where_the_text_stops_being_json()
    {
        var (_, _, problem) = Read("{\n  \"schemaVersion\": 3,\n  oops\n}");

        Assert.Equal("it is not valid JSON (line 3, character 3: 'o' is an invalid start of a property name. Expected a '\"')", problem);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{ \"version\": 2 }")]
    [InlineData("{ \"schemaVersion\": \"2\" }")]
    public void Rejects_json_that_is_not_a_cost_report(string text)
    {
        var (read, _, problem) = Read(text);

        Assert.False(read);
        Assert.Equal("it is not a PromptLint cost report (it has no schemaVersion)", problem);
    }

    [Fact]
    public void Rejects_a_report_of_schema_version_2_and_says_why_it_cannot_be_matched()
    {
        var text = CostReportJson.Write(SampleReports.AllKinds()).Replace("\"schemaVersion\": 3", "\"schemaVersion\": 2");

        var (read, _, problem) = Read(text);

        Assert.False(read);
        Assert.Equal(
            "it is a report of schema version 2, which names call sites without their namespace, and this PromptLint compares "
            + "only with version 3; build the baseline again with this PromptLint",
            problem);
    }

    [Fact]
    public void Rejects_an_older_schema_version()
    {
        var text = CostReportJson.Write(SampleReports.AllKinds()).Replace("\"schemaVersion\": 3", "\"schemaVersion\": 1");

        var (read, _, problem) = Read(text);

        Assert.False(read);
        Assert.Equal(
            "it is a report of schema version 1, and this PromptLint compares only with version 3; build the baseline again with this PromptLint",
            problem);
    }

    [Fact]
    public void Rejects_a_report_with_a_missing_field_and_names_it()
    {
        var text = CostReportJson.Write(SampleReports.AllKinds()).Replace("\"callSites\": [", "\"sites\": [");

        var (read, _, problem) = Read(text);

        Assert.False(read);
        Assert.Equal("it is not a PromptLint cost report ('callSites' is missing)", problem);
    }

    [Fact]
    public void Rejects_the_report_of_another_project()
    {
        var (read, _, problem) = Read(CostReportJson.Write(SampleReports.AllKinds()), project: "Billing");

        Assert.False(read);
        Assert.Equal("it is the report of project 'SupportBot', not of 'Billing'", problem);
    }

    [Fact]
    public void Takes_the_project_part_of_a_solution_report()
    {
        var billing = SampleReports.Of(SampleReports.Legacy());
        billing.Project = "Billing";
        var solution = new SolutionCostReport
        {
            Projects =
            {
                new ProjectCostReport { ReportFile = "src/Billing/bin/promptlint-costs.json", Report = billing },
                new ProjectCostReport { ReportFile = "src/SupportBot/bin/promptlint-costs.json", Report = SampleReports.AllKinds() },
            },
        };

        var (read, baseline, _) = Read(SolutionReportJson.Write(solution));

        Assert.True(read);
        Assert.Equal("SupportBot", baseline!.Project);
        Assert.Equal(4, baseline.CallSites.Count);
    }

    [Fact]
    public void Reads_a_solution_report_without_the_project_as_an_empty_baseline()
    {
        var billing = SampleReports.Of(SampleReports.Legacy());
        billing.Project = "Billing";
        var solution = new SolutionCostReport { Projects = { new ProjectCostReport { ReportFile = "b.json", Report = billing } } };

        var (read, baseline, _) = Read(SolutionReportJson.Write(solution));

        Assert.True(read);
        Assert.Equal("SupportBot", baseline!.Project);
        Assert.Empty(baseline.CallSites);
    }
}
