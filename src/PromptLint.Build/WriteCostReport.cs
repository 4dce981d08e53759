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
    private static readonly System.Text.UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The file the analyzers wrote (<c>PromptLintCallSiteLog</c>).</summary>
    [Required]
    public string CallSiteLog { get; set; } = "";

    /// <summary>The folder the reports go to, normally <c>$(OutDir)</c>.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>The project folder; paths in the reports are written relative to it.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>
    /// Where the build was started (<c>$(MSBuildStartupDirectory)</c>): the summary line shows the report's path relative
    /// to it, so each project of a solution build names its own report. Empty to show it relative to the project.
    /// </summary>
    public string StartupDirectory { get; set; } = "";

    /// <summary>When the compile of this build started (round-trip format), to tell fresh call-site data from stale.</summary>
    public string CompileStartedUtc { get; set; } = "";

    /// <summary>The assembly the compiler writes (<c>@(IntermediateAssembly)</c>): newer than the compile start when it ran.</summary>
    public string IntermediateAssembly { get; set; } = "";

    /// <summary>
    /// True when the targets run the task after a compile that failed: the report is then written only from call-site
    /// data that compile wrote, and nothing is said when it wrote none.
    /// </summary>
    public bool CompileFailed { get; set; }

    /// <summary>True when the build switches analyzers off (<c>RunAnalyzers</c> or <c>RunAnalyzersDuringBuild</c> false).</summary>
    public bool AnalyzersDisabled { get; set; }

    /// <summary>
    /// A previous <c>promptlint-costs.json</c>, or a combined solution report, to compare with (<c>PromptLintBaseline</c>);
    /// a relative path is taken from the project folder. Empty for no comparison.
    /// </summary>
    public string Baseline { get; set; } = "";

    /// <summary>
    /// A file the Markdown report is appended to: in GitHub Actions the targets pass the <c>GITHUB_STEP_SUMMARY</c>
    /// environment variable here (unless <c>PromptLintStepSummary</c> is false), so the report shows on the job's page.
    /// Empty for none.
    /// </summary>
    public string StepSummaryFile { get; set; } = "";

    /// <summary>The report files written, for <c>FileWrites</c>.</summary>
    [Output]
    public ITaskItem[] ReportFiles { get; private set; } = Array.Empty<ITaskItem>();

    /// <inheritdoc />
    public override bool Execute()
    {
        if (AnalyzersDisabled)
            return NoData("analyzers are switched off in this build (RunAnalyzers or RunAnalyzersDuringBuild is false)");

        if (FailedBeforeRecords())
        {
            // The compiler's own errors say what went wrong; the reports of the last good build stay, like its assembly.
            Log.LogMessage(MessageImportance.Low, "PromptLint: the compile failed before the analyzers wrote call-site data; no cost report this time.");
            return true;
        }

        if (IsStale())
        {
            // Figures from an older compile would look current: remove them rather than report them.
            return NoData("the compiler ran without the PromptLint analyzers (are all PromptLint rules disabled?)");
        }

        if (!File.Exists(CallSiteLog))
            return NoData("the PromptLint analyzers did not run (is RunAnalyzers false, or are all PromptLint rules disabled?)");

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

        // Paths are shown relative to the project from here on, and the rows sorted by that path, so the order is the
        // same on every machine.
        foreach (var site in report.CallSites)
            site.File = DisplayPath(site.File);
        report.CallSites = CallSiteOrder.Sort(report.CallSites);
        report.Comparison = CompareWithBaseline(report);

        try
        {
            Directory.CreateDirectory(OutputDirectory);
            var jsonPath = Path.Combine(OutputDirectory, "promptlint-costs.json");
            var markdownPath = Path.Combine(OutputDirectory, "promptlint-costs.md");
            var markdown = CostReportMarkdown.Write(report);
            WriteIfChanged(jsonPath, CostReportJson.Write(report));
            WriteIfChanged(markdownPath, markdown);
            ReportFiles = new ITaskItem[] { new TaskItem(jsonPath), new TaskItem(markdownPath) };
            AppendToStepSummary(markdown);

            Log.LogMessage(MessageImportance.High, Summary(report, markdownPath));

            // One line per call site only where a logger shows them: formatting 1,000 lines nobody reads costs time.
            var perCallSite = Log.LogsMessagesOfImportance(MessageImportance.Low) ? report.CallSites : new List<CallSiteRecord>();
            foreach (var site in perCallSite)
            {
                Log.LogMessage(MessageImportance.Low, "PromptLint:   {0}:{1} {2} {3}: {4} input + {5} output tokens, {6}",
                    site.File, site.Line, site.Sdk, site.Model ?? "(no model)", site.InputTokens, site.OutputTokens,
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

    private void AppendToStepSummary(string markdown)
    {
        var path = StepSummaryFile.Trim();
        if (path.Length == 0)
            return;

        try
        {
            AppendOnce(path, markdown);
            Log.LogMessage(MessageImportance.Low, "PromptLint: added the cost report to the step summary {0}", path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            Log.LogWarning(null, "PL9006", null, path, 0, 0, 0, 0,
                "PromptLint could not add the cost report to the GitHub step summary '{0}': {1}", path, ex.Message);
        }
    }

    // The projects of a solution build append to one file at the same time: an exclusive handle, retried while another
    // project holds it, keeps each report whole. A report the file already holds (the same build run twice in one
    // step, say by `dotnet build` and then `dotnet test`) is not added again.
    private static void AppendOnce(string path, string markdown)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                string existing;
                using (var reader = new StreamReader(stream, s_utf8, true, 4096, leaveOpen: true))
                    existing = reader.ReadToEnd();
                if (existing.Contains(markdown))
                    return;

                var separator = existing.Length == 0 ? "" : existing.EndsWith("\n", StringComparison.Ordinal) ? "\n" : "\n\n";
                var bytes = s_utf8.GetBytes(separator + markdown);
                stream.Seek(0, SeekOrigin.End);
                stream.Write(bytes, 0, bytes.Length);
                return;
            }
            catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException && attempt < 10)
            {
                Thread.Sleep(50 * attempt);
            }
        }
    }

    private CostComparison? CompareWithBaseline(CostReport report)
    {
        if (Baseline.Trim().Length == 0)
            return null;

        var path = Path.GetFullPath(Path.Combine(ProjectDirectory, Baseline.Trim()));
        string? problem = null;
        CostReport? baseline = null;
        if (Directory.Exists(path))
        {
            problem = "it is a folder, not a file";
        }
        else if (!File.Exists(path))
        {
            problem = "the file does not exist";
        }
        else
        {
            try
            {
                if (!CostBaseline.TryRead(File.ReadAllText(path), report.Project, out baseline, out var reason))
                    problem = reason;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problem = $"it could not be read ({ex.Message.TrimEnd('.')})";
            }
        }

        if (problem is not null || baseline is null)
        {
            Log.LogWarning(null, "PL9008", null, path, 0, 0, 0, 0,
                "PromptLint cannot compare with the baseline '{0}' named by PromptLintBaseline: {1}; "
                + "the cost report is written without a comparison.",
                path, problem ?? "it could not be read");
            return null;
        }

        return CostComparison.Compare(baseline, report, DisplayPath(path));
    }

    // The compiler ran in this build (its output is newer than the compile start) but the call-site data was not
    // rewritten: the analyzers were skipped. A second of slack absorbs coarse file-system timestamps.
    /// <summary>
    /// True when the compile failed and left no call-site data of its own: the compiler stopped on its own errors
    /// before the analyzers wrote anything. A compile that failed on an analyzer error (PL1005 raised to an error) has
    /// fresh data, and its report is written.
    /// </summary>
    private bool FailedBeforeRecords()
    {
        if (!CompileFailed)
            return false;

        return !File.Exists(CallSiteLog) || !TryGetCompileStart(out var since) || File.GetLastWriteTimeUtc(CallSiteLog) < since;
    }

    private bool IsStale()
    {
        if (!TryGetCompileStart(out var since) || IntermediateAssembly.Length == 0 || !File.Exists(IntermediateAssembly) || !File.Exists(CallSiteLog))
            return false;

        var compiled = File.GetLastWriteTimeUtc(IntermediateAssembly) >= since;
        return compiled && File.GetLastWriteTimeUtc(CallSiteLog) < since;
    }

    /// <summary>When this build's compile started, less a second of slack for coarse file-system timestamps.</summary>
    private bool TryGetCompileStart(out DateTime since)
    {
        since = default;
        if (!DateTime.TryParse(CompileStartedUtc, null, System.Globalization.DateTimeStyles.RoundtripKind, out var started))
            return false;

        since = started.ToUniversalTime() - TimeSpan.FromSeconds(1);
        return true;
    }

    // Any records there are an earlier build's: they go with the reports, so this is said once and the target has nothing
    // to run on until a compile with the analyzers writes records again.
    private bool NoData(string reason)
    {
        Log.LogWarning(null, "PL9004", null, CallSiteLog, 0, 0, 0, 0,
            "PromptLint has no call-site data from this build, so no cost report was written: {0}.", reason);
        TryDelete(CallSiteLog);
        TryDelete(Path.Combine(OutputDirectory, "promptlint-costs.json"));
        TryDelete(Path.Combine(OutputDirectory, "promptlint-costs.md"));
        return true;
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
                File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stale file that cannot be removed is still named in the warning.
        }
    }

    internal string Summary(CostReport report, string markdownPath)
    {
        var count = report.CallSites.Count == 1 ? "1 LLM call site" : $"{report.CallSites.Count} LLM call sites";
        var sites = report.Project.Length > 0 ? $"{count} in {report.Project}" : count;
        var unpriced = report.UnpricedCallSites > 0 ? $" ({report.UnpricedCallSites} not priced: unknown model)" : "";
        var monthly = report.HasMonthlyFigures ? $", {Money(report.MonthlyCost)} per month" : "";
        var comparison = report.Comparison is { } c ? "; " + c.Summary() : "";
        var shown = StartupDirectory.Length > 0 && RelativeTo(StartupDirectory, markdownPath) is { } fromStart
            ? fromStart
            : DisplayPath(markdownPath);
        return $"PromptLint: {sites}, est. {Money(report.CostPerRequestSet)} per request set{unpriced}{monthly}{comparison}, "
            + $"report: {shown}";
    }


    private string DisplayPath(string path)
    {
        if (path.Length == 0 || ProjectDirectory.Length == 0)
            return path;

        return RelativeTo(ProjectDirectory, path) ?? Path.GetFullPath(path);
    }

    /// <summary>The path relative to <paramref name="folder"/> with forward slashes, or null when it is not inside it.</summary>
    internal static string? RelativeTo(string folder, string path)
    {
        var root = Path.GetFullPath(folder);
        if (!root.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal))
            root += Path.DirectorySeparatorChar;
        var full = Path.GetFullPath(path);
        return full.StartsWith(root, StringComparison.Ordinal) ? full.Substring(root.Length).Replace('\\', '/') : null;
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
