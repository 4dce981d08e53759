using System.Diagnostics.CodeAnalysis;
using PromptLint.Core.Reports;

namespace PromptLint.Analyzers.Reporting;

/// <summary>
/// Writes the call-site records of a compilation to the path the build passes in <c>PromptLintCallSiteLog</c>, for
/// the cost report task. This is the one place an analyzer writes a file, a documented exception to RS1035: the
/// build sets the path only in command-line builds (never in design-time builds or the IDE), so the data comes from
/// the compile that already runs, without a second analysis or a forced SARIF log.
/// </summary>
internal static class CallSiteLog
{
    [SuppressMessage("MicrosoftCodeAnalysisCorrectness", "RS1035:Do not use APIs banned for analyzers",
        Justification = "The cost report's documented channel; see the README's design section.")]
    public static string? TryWrite(string path, CostReport report)
    {
        try
        {
            var directory = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(directory))
                Directory.CreateDirectory(directory);

            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            File.WriteAllText(temporary, CostReportJson.Write(report));
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
