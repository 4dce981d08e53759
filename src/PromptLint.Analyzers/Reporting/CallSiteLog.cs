using System.Diagnostics.CodeAnalysis;
using PromptLint.Analyzers.CallSites;
using PromptLint.Core.Reports;

namespace PromptLint.Analyzers.Reporting;

/// <summary>
/// Writes the call-site records of a compilation to the path the build passes in <c>PromptLintCallSiteLog</c>, for
/// the cost report task, and the compilation's token counts beside them, for the next build. These are the only
/// files an analyzer writes, a documented exception to RS1035: the build sets the path only in command-line builds
/// (never in design-time builds or the IDE), so the data comes from the compile that already runs, without a second
/// analysis or a forced SARIF log.
/// </summary>
internal static class CallSiteLog
{
    /// <summary>The name of the token-count file, in the folder of the call-site log.</summary>
    public const string TokenCountsFileName = "token-counts.json";

    public static string? TryWrite(string path, CostReport report) => TryWriteFile(path, CostReportJson.Write(report));

    /// <summary>
    /// Removes the call-site log of an earlier compile: a compilation with no LLM code leaves none, so the build skips
    /// the report task and removes the reports an earlier build wrote.
    /// </summary>
    [SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1035:Do not use APIs banned for analyzers",
        Justification = "The cost report's documented channel; see the README's design section.")]
    public static void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
                File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            // A log that cannot be removed is older than this compile, and the report task treats it as stale.
        }
    }

    /// <summary>
    /// Writes the token counts of this compilation beside the call-site log, unless they are the counts the build
    /// passed in: a build whose prompts did not change leaves the file alone.
    /// </summary>
    public static string? TryWriteTokenCounts(string logPath, PromptTokens tokens)
    {
        var text = tokens.ForNextBuild();
        if (text == tokens.Earlier.Text)
            return null;

        var directory = Path.GetDirectoryName(logPath);
        return TryWriteFile(string.IsNullOrEmpty(directory) ? TokenCountsFileName : Path.Combine(directory, TokenCountsFileName), text);
    }

    [SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1035:Do not use APIs banned for analyzers",
        Justification = "The cost report's documented channel; see the README's design section.")]
    private static string? TryWriteFile(string path, string content)
    {
        try
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
                Directory.CreateDirectory(directory);

            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, content);
            if (File.Exists(path))
                File.Delete(path);
            File.Move(temporary, path);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return ex.Message;
        }
    }
}
