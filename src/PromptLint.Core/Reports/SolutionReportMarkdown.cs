using System.Text;
using static PromptLint.Core.Reports.ReportText;

namespace PromptLint.Core.Reports;

/// <summary>
/// Renders a <see cref="SolutionCostReport"/>: the solution's headline, a table of projects, the top savings across
/// them, a chart of monthly cost by project, then each project's own report one heading level down.
/// </summary>
public static class SolutionReportMarkdown
{
    /// <summary>Renders the combined report.</summary>
    public static string Write(SolutionCostReport solution)
    {
        var md = new StringBuilder();
        var callSites = solution.CallSites;
        md.AppendLine($"# PromptLint cost report: {Plural(solution.Projects.Count, "project")}");
        md.AppendLine();
        CostReportMarkdown.Headline(md, callSites, solution.Projects.Count);

        if (solution.Projects.Count > 0)
        {
            md.AppendLine("| project | call sites | per request set | per month | per month, cached | report |");
            md.AppendLine("|---|---:|---:|---:|---:|---|");
            foreach (var project in solution.Projects)
            {
                var report = project.Report;
                var monthly = report.HasMonthlyFigures;
                md.AppendLine($"| {Label(project, solution).Replace("|", "\\|")} | {Count(report.CallSites.Count)} | "
                    + $"{Money(report.CostPerRequestSet)} | {(monthly ? Money(report.MonthlyCost) : "–")} | "
                    + $"{(monthly ? Money(report.MonthlyCostCached) : "–")} | `{project.ReportFile.Replace("|", "\\|")}` |");
            }

            md.AppendLine();
        }

        var labelled = solution.Projects.SelectMany(p => p.Report.CallSites.Select(site => ((string?)Label(p, solution), site)));
        CostReportMarkdown.TopSavings(md, "##", labelled);
        var slices = solution.Projects
            .Where(static p => p.Report.HasMonthlyFigures)
            .Select(p => (Label(p, solution), p.Report.MonthlyCost))
            .ToList();
        CostReportMarkdown.Charts(md, "##", slices, "project", callSites);

        foreach (var project in solution.Projects)
        {
            md.AppendLine(CostReportMarkdown.Write(project.Report, null, 2));
        }

        return md.ToString().TrimEnd('\n', '\r') + Environment.NewLine;
    }

    // A project built for several target frameworks has one report per framework; the report file tells them apart.
    private static string Label(ProjectCostReport project, SolutionCostReport solution) =>
        solution.Projects.Count(p => p.Report.Project == project.Report.Project) > 1
            ? $"{project.Report.Project} ({project.ReportFile})"
            : project.Report.Project;
}
