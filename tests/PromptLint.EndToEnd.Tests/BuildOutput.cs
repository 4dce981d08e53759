using System.Text.RegularExpressions;

namespace PromptLint.EndToEnd.Tests;

/// <summary>A diagnostic as MSBuild's console logger prints it: <c>file(line,column): warning ID: message [project]</c>.</summary>
internal sealed record BuildDiagnostic(string File, int Line, int Column, string Severity, string Id, string Message);

internal static partial class BuildOutput
{
    /// <summary>
    /// The diagnostics with the given id, each once: the console logger prints every warning a second time in its
    /// summary at the end of the build.
    /// </summary>
    public static IReadOnlyList<BuildDiagnostic> Diagnostics(string output, string id) =>
        output.Split('\n')
            .Select(static line => DiagnosticLine().Match(line.TrimEnd('\r')))
            .Where(static match => match.Success)
            .Select(static match => new BuildDiagnostic(
                match.Groups["file"].Value.Trim(),
                int.Parse(match.Groups["line"].Value),
                int.Parse(match.Groups["column"].Value),
                match.Groups["severity"].Value,
                match.Groups["id"].Value,
                match.Groups["message"].Value))
            .Where(diagnostic => diagnostic.Id == id)
            .Distinct()
            .ToList();

    /// <summary>The lines that carry PromptLint's summary, for example <c>PromptLint: 3 LLM call sites, ...</c>.</summary>
    public static IReadOnlyList<string> SummaryLines(string output) =>
        output.Split('\n')
            .Select(static line => line.Trim())
            .Where(static line => line.StartsWith("PromptLint: ", StringComparison.Ordinal) && line.Contains(" LLM call site", StringComparison.Ordinal))
            .ToList();

    [GeneratedRegex(@"^(?<file>[^(]+?)\((?<line>\d+),(?<column>\d+)(,\d+,\d+)?\): (?<severity>warning|error|info) (?<id>[A-Z]+\d+): (?<message>.*?)(?: \[[^\]]+\])?$")]
    private static partial Regex DiagnosticLine();
}
