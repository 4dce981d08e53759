namespace PromptLint.Core.Reports;

/// <summary>The cost reports of several projects combined into one, as <c>PromptLintCombineReports</c> writes it.</summary>
public sealed class SolutionCostReport
{
    /// <summary>The projects, ordered by project name and then report file.</summary>
    public List<ProjectCostReport> Projects { get; set; } = new();

    /// <summary>Every call site of every project.</summary>
    public List<CallSiteRecord> CallSites => Projects.SelectMany(static p => p.Report.CallSites).ToList();
}

/// <summary>One project's report inside a <see cref="SolutionCostReport"/>.</summary>
public sealed class ProjectCostReport
{
    /// <summary>The project's <c>promptlint-costs.json</c>, as the combined report shows it.</summary>
    public string ReportFile { get; set; } = "";

    /// <summary>The project's report; its file paths stay relative to its project folder.</summary>
    public CostReport Report { get; set; } = new();
}
