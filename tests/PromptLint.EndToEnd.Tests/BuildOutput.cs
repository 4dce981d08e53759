using System.Text.RegularExpressions;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// A diagnostic as the console logger prints it: <c>file(line,column): warning ID: message</c>, or
/// <c>file : warning ID: message</c> for a build warning with no position (line and column 0).
/// </summary>
internal sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message);

internal static partial class BuildOutput
{
    /// <summary>
    /// The diagnostics with the given id, in the order printed, from the build log before its closing summary: the
    /// console logger repeats every warning there (<c>dotnet build</c> overrides <c>-clp:NoSummary</c>), so a
    /// diagnostic found twice was reported twice.
    /// </summary>
    public static IReadOnlyList<BuildDiagnostic> Diagnostics(string output, string id) =>
        BeforeSummary(output)
            .Select(static line => DiagnosticLine().Match(line.TrimEnd('\r')))
            .Where(static match => match.Success)
            .Select(static match => new BuildDiagnostic(
                match.Groups["file"].Value.Trim(),
                match.Groups["line"].Success ? int.Parse(match.Groups["line"].Value) : 0,
                match.Groups["column"].Success ? int.Parse(match.Groups["column"].Value) : 0,
                match.Groups["severity"].Value,
                match.Groups["id"].Value,
                match.Groups["message"].Value))
            .Where(diagnostic => diagnostic.Id == id)
            .ToList();

    /// <summary>The cost task's summary lines, for example <c>PromptLint: 3 LLM call sites, ...</c>.</summary>
    public static IReadOnlyList<string> SummaryLines(string output) =>
        output.Split('\n')
            .Select(static line => line.Trim())
            .Where(static line => line.StartsWith("PromptLint: ", StringComparison.Ordinal))
            .Where(static line => line.Contains(" LLM call site", StringComparison.Ordinal))
            .ToList();

    // The tests run the CLI in English, so the summary always starts with one of these lines.
    private static IEnumerable<string> BeforeSummary(string output) =>
        output.Split('\n').TakeWhile(static line => line.Trim() is not ("Build succeeded." or "Build FAILED."));

    [GeneratedRegex(
        @"^(?<file>[^(]+?)(?:\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\))? ?: "
        + @"(?<severity>warning|error|info) (?<id>[A-Z]+\d+): (?<message>.*?)(?: \[[^\]]+\])?$")]
    private static partial Regex DiagnosticLine();
}
