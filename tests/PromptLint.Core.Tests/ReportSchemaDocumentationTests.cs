using System.Text.Json;
using System.Text.RegularExpressions;
using PromptLint.Core.Reports;

namespace PromptLint.Core.Tests;

/// <summary>Keeps docs/report-schema.md and the JSON the writers produce in step, field by field.</summary>
public sealed class ReportSchemaDocumentationTests
{
    private static readonly string s_page = File.ReadAllText(Path.Combine(FindRepoRoot(), "docs", "report-schema.md"));

    /// <summary>A project report with every field written: traffic, savings, prompt text and a comparison with all three kinds of change.</summary>
    private static CostReport EveryField()
    {
        var answer = SampleReports.AnswerWriterWithTraffic();
        answer.PromptText = "You answer support tickets.";
        var report = SampleReports.Of(answer, SampleReports.TriageWithTraffic());
        var baseline = SampleReports.Of(SampleReports.AnswerWriter(), SampleReports.Legacy());
        report.Comparison = CostComparison.Compare(baseline, report, "baseline.json");
        return report;
    }

    [Fact]
    public void Every_field_of_a_project_report_is_documented_and_every_documented_field_is_written()
    {
        using var document = JsonDocument.Parse(CostReportJson.Write(EveryField()));

        var written = Paths(document.RootElement, "");

        Assert.Equal(DocumentedProjectFields().Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_field_of_a_solution_report_is_documented()
    {
        var solution = new SolutionCostReport { Projects = { new ProjectCostReport { ReportFile = "a.json", Report = EveryField() } } };
        using var document = JsonDocument.Parse(SolutionReportJson.Write(solution));

        var written = Paths(document.RootElement, "");

        // projects[].* is every field of a project report but schemaVersion; totals.* every field of its totals.
        var project = DocumentedProjectFields().Where(static f => f != "schemaVersion").ToList();
        var expected = new[] { "schemaVersion", "totals", "totals.projects", "projects", "projects[].report" }
            .Concat(project.Where(static f => f.StartsWith("totals.", StringComparison.Ordinal)))
            .Concat(project.Select(static f => "projects[]." + f));
        Assert.Equal(expected.Order(StringComparer.Ordinal), written.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Documents_the_fields_of_a_call_site_in_the_order_they_are_written()
    {
        using var document = JsonDocument.Parse(CostReportJson.Write(EveryField()));

        var written = document.RootElement.GetProperty("callSites")[0].EnumerateObject().Select(static p => "callSites[]." + p.Name);

        Assert.Equal(DocumentedProjectFields().Where(static f => f.StartsWith("callSites[].", StringComparison.Ordinal)), written);
    }

    /// <summary>The first column of the page's field tables, before the solution report's section.</summary>
    private static List<string> DocumentedProjectFields()
    {
        var projectPart = s_page.Substring(0, s_page.IndexOf("## Solution report", StringComparison.Ordinal));
        var fields = Regex.Matches(projectPart, @"^\| `([^`]+)` \|", RegexOptions.Multiline).Select(static m => m.Groups[1].Value).ToList();

        // "after" and the new and removed arrays are documented by reference to "before" and changedCallSites[].
        var before = fields.Where(static f => f.StartsWith("comparison.changedCallSites[].before.", StringComparison.Ordinal)).ToList();
        fields.AddRange(before.Select(static f => f.Replace(".before.", ".after.")));
        var change = fields.Where(static f => f.StartsWith("comparison.changedCallSites[].", StringComparison.Ordinal)).ToList();
        // A new call site's "before" and a removed one's "after" are always null, so they have no fields below them.
        fields.AddRange(change.Where(static f => !f.Contains(".before.")).Select(static f => f.Replace("changedCallSites", "newCallSites")));
        fields.AddRange(change.Where(static f => !f.Contains(".after.")).Select(static f => f.Replace("changedCallSites", "removedCallSites")));
        fields.AddRange(new[] { "catalog", "totals", "comparison.before", "comparison.after" });
        return fields.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Every property path in the JSON, arrays written as <c>[]</c> with the union of their elements' fields.</summary>
    private static HashSet<string> Paths(JsonElement element, string prefix)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                var path = prefix.Length == 0 ? property.Name : prefix + "." + property.Name;
                paths.Add(path);
                paths.UnionWith(Paths(property.Value, path));
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
                paths.UnionWith(Paths(item, prefix + "[]"));
        }

        return paths;
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromptLint.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("PromptLint.sln not found above " + AppContext.BaseDirectory);
    }
}
