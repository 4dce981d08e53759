using System.Text.Json;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;
using PromptLint.Core.Costs;
using PromptLint.Core.Reports;

namespace PromptLint.Build;

/// <summary>
/// Turns the call-site data the analyzers wrote during compilation into <c>promptlint-costs.json</c> and
/// <c>promptlint-costs.md</c> in the output folder, and logs one summary line. It never fails the build: a problem
/// is a PL9xxx warning and the build goes on.
/// </summary>
public sealed class WriteCostReport : Microsoft.Build.Utilities.Task
{
    /// <summary>The file the analyzers wrote (<c>PromptLintCallSiteLog</c>).</summary>
    [Required]
    public string CallSiteLog { get; set; } = "";

    /// <summary>The folder the reports go to, normally <c>$(OutDir)</c>.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>The project folder; paths in the reports are written relative to it.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>The report files written, for <c>FileWrites</c>.</summary>
    [Output]
    public ITaskItem[] ReportFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        if (!File.Exists(CallSiteLog))
        {
            Log.LogWarning(null, "PL9004", null, CallSiteLog, 0, 0, 0, 0,
                "PromptLint found no call-site data, so no cost report was written. The PromptLint analyzers did not run in "
                + "this build (is RunAnalyzers or RunAnalyzersDuringBuild false, or are all PromptLint rules disabled?).");
            return true;
        }

        CostReport report;
        try
        {
            report = CostReportJson.Read(File.ReadAllText(CallSiteLog));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            Log.LogWarning(null, "PL9005", null, CallSiteLog, 0, 0, 0, 0,
                "PromptLint could not read its call-site data ({0}); no cost report was written. Rebuild the project to refresh it.", ex.Message);
            return true;
        }

        try
        {
            Directory.CreateDirectory(OutputDirectory);
            var jsonPath = Path.Combine(OutputDirectory, "promptlint-costs.json");
            var markdownPath = Path.Combine(OutputDirectory, "promptlint-costs.md");
            WriteIfChanged(jsonPath, CostReportJson.Write(report, DisplayPath));
            WriteIfChanged(markdownPath, CostReportMarkdown.Write(report, DisplayPath));
            ReportFiles = new ITaskItem[] { new TaskItem(jsonPath), new TaskItem(markdownPath) };

            Log.LogMessage(MessageImportance.High, Summary(report, markdownPath));
            foreach (var site in report.CallSites)
            {
                Log.LogMessage(MessageImportance.Low, "PromptLint:   {0}:{1} {2} {3}: {4} input + {5} output tokens, {6}",
                    DisplayPath(site.File), site.Line, site.Sdk, site.Model ?? "(no model)", site.InputTokens, site.OutputTokens,
                    site.CostPerCall is { } cost ? Money(cost) : "not priced");
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Log.LogWarning(null, "PL9006", null, OutputDirectory, 0, 0, 0, 0,
                "PromptLint could not write the cost report to '{0}': {1}", OutputDirectory, ex.Message);
        }

        return true;
    }

    internal string Summary(CostReport report, string markdownPath)
    {
        var sites = report.CallSites.Count == 1 ? "1 LLM call site" : $"{report.CallSites.Count} LLM call sites";
        var unpriced = report.UnpricedCallSites > 0 ? $" ({report.UnpricedCallSites} not priced: unknown model)" : "";
        return $"PromptLint: {sites}, est. {Money(report.CostPerRequestSet)} per request set{unpriced}, report: {DisplayPath(markdownPath)}";
    }

    private string DisplayPath(string path)
    {
        if (path.Length == 0 || ProjectDirectory.Length == 0)
            return path;

        var root = ProjectDirectory.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal)
            ? ProjectDirectory
            : ProjectDirectory + Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(path);
        return full.StartsWith(root, StringComparison.Ordinal) ? full.Substring(root.Length).Replace('\\', '/') : full;
    }

    // Rewriting an identical report would only touch timestamps and wake up file watchers.
    private static void WriteIfChanged(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
            return;
        File.WriteAllText(path, content);
    }

    private static string Money(decimal value) => MoneyText.Format(value);
}
