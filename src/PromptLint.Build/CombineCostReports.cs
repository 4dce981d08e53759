using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PromptLint.Core.Costs;
using PromptLint.Core.Reports;

namespace PromptLint.Build;

/// <summary>
/// Combines the <c>promptlint-costs.json</c> of several projects into one solution report (JSON and Markdown), for the
/// <c>PromptLintCombineReports</c> target. Like the report task it never fails the build: a report it cannot read is a
/// PL9008 warning and is left out.
/// </summary>
public sealed class CombineCostReports : Microsoft.Build.Utilities.Task
{
    /// <summary>The project reports to combine.</summary>
    [Required]
    public ITaskItem[] Reports { get; set; } = Array.Empty<ITaskItem>();

    /// <summary>The combined JSON report to write; the Markdown report goes beside it with the extension <c>.md</c>.</summary>
    [Required]
    public string OutputFile { get; set; } = "";

    /// <summary>The folder the combined report shows the project reports' paths relative to; by default the output's.</summary>
    public string BaseDirectory { get; set; } = "";

    /// <summary>The combined JSON and Markdown files, when written.</summary>
    [Output]
    public ITaskItem[] CombinedFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        var jsonPath = Path.GetFullPath(OutputFile);
        var markdownPath = Path.ChangeExtension(jsonPath, ".md");
        var baseDirectory = BaseDirectory.Trim().Length > 0 ? BaseDirectory : Path.GetDirectoryName(jsonPath) ?? "";

        var solution = new SolutionCostReport();
        var files = Reports
            .Select(static item => Path.GetFullPath(item.ItemSpec))
            .Where(path => !string.Equals(path, jsonPath, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .OrderBy(static path => path, StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (Read(file) is { } report)
                solution.Projects.Add(new ProjectCostReport { ReportFile = Shown(baseDirectory, file), Report = report });
        }

        if (solution.Projects.Count == 0)
        {
            Log.LogWarning(null, "PL9008", null, jsonPath, 0, 0, 0, 0,
                "PromptLint found no project cost report to combine, so '{0}' was not written. Build the projects first, or set "
                + "PromptLintReportsToCombine to where their promptlint-costs.json files are.", jsonPath);
            return true;
        }

        solution.Projects = solution.Projects
            .OrderBy(static p => p.Report.Project, StringComparer.Ordinal)
            .ThenBy(static p => p.ReportFile, StringComparer.Ordinal)
            .ToList();

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(jsonPath)!);
            WriteIfChanged(jsonPath, SolutionReportJson.Write(solution));
            WriteIfChanged(markdownPath, SolutionReportMarkdown.Write(solution));
            CombinedFiles = new ITaskItem[] { new TaskItem(jsonPath), new TaskItem(markdownPath) };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogWarning(null, "PL9006", null, jsonPath, 0, 0, 0, 0,
                "PromptLint could not write the combined cost report to '{0}': {1}", jsonPath, ex.Message);
            return true;
        }

        var all = new CostReport { CallSites = solution.CallSites };
        var projects = solution.Projects.Count == 1 ? "1 project report" : $"{solution.Projects.Count} project reports";
        var sites = all.CallSites.Count == 1 ? "1 LLM call site" : $"{all.CallSites.Count} LLM call sites";
        var monthly = all.HasMonthlyFigures ? $", {MoneyText.Format(all.MonthlyCost)} per month" : "";
        Log.LogMessage(MessageImportance.High,
            $"PromptLint: combined {projects}, {sites}, est. {MoneyText.Format(all.CostPerRequestSet)} per request set{monthly}, "
            + $"report: {Shown(baseDirectory, markdownPath)}");
        foreach (var project in solution.Projects)
        {
            var report = project.Report;
            Log.LogMessage(MessageImportance.Low, "PromptLint:   {0}: {1} call sites, {2} per request set, from {3}",
                report.Project, report.CallSites.Count, MoneyText.Format(report.CostPerRequestSet), project.ReportFile);
        }

        return true;
    }

    private CostReport? Read(string file)
    {
        string? problem;
        try
        {
            return CostReportJson.Read(File.ReadAllText(file));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            var version = CostReport.CurrentSchemaVersion;
            var reason = ex is JsonException json ? CostReportJson.Explain(json) : ex.Message.TrimEnd('.');
            problem = $"it is not a project cost report of schema version {version} ({reason})";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"it could not be read ({ex.Message.TrimEnd('.')})";
        }

        Log.LogWarning(null, "PL9008", null, file, 0, 0, 0, 0,
            "PromptLint cannot combine the cost report '{0}': {1}; the combined report leaves it out.", file, problem);
        return null;
    }

    private static string Shown(string baseDirectory, string path) =>
        baseDirectory.Length > 0 && WriteCostReport.RelativeTo(baseDirectory, path) is { } relative ? relative : path;

    private static void WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
            return;
        File.WriteAllText(path, content);
    }
}
