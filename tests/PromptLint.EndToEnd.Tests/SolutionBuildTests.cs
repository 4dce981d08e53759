using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// A solution of two projects built as CI builds it: one report per project named in the log, both appended to the
/// GitHub step summary, combined into one solution report, and that report used as the baseline of the next build.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class SolutionBuildTests(PackageFixture package)
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Solution_build_names_each_report_and_their_combination_is_a_baseline_that_ignores_moved_lines()
    {
        package.AssertPacked();
        var root = Path.Combine(package.TempRoot, "Solution");
        var alpha = ConsumerProject.Create(Path.Combine(root, "Alpha"), "Alpha", package.Version, ConsumerSources.AssistantOnly);
        ConsumerProject.Create(Path.Combine(root, "Beta"), "Beta", package.Version,
            new Dictionary<string, string> { [ConsumerSources.UnknownModelFile] = ConsumerSources.UnknownModel });
        File.WriteAllText(Path.Combine(root, "Solution.slnx"),
            "<Solution>\n  <Project Path=\"Alpha/Alpha.csproj\" />\n  <Project Path=\"Beta/Beta.csproj\" />\n</Solution>\n");
        var stepSummary = Path.Combine(root, "step-summary.md");

        // 1. The solution build: one summary line per project, each naming its own report.
        var build = await Dotnet.RunAsync(root, s_timeout, new Dictionary<string, string> { ["GITHUB_STEP_SUMMARY"] = stepSummary },
            "build", "Solution.slnx", "-nologo", "--disable-build-servers", "-p:UseSharedCompilation=false");

        build.AssertSucceeded();
        var lines = BuildOutput.SummaryLines(build.Output);
        Assert.Equal(2, lines.Count);
        var alphaLine = Assert.Single(lines, static l => l.Contains(" in Alpha,", StringComparison.Ordinal));
        Assert.StartsWith("PromptLint: 3 LLM call sites in Alpha, est. $", alphaLine, StringComparison.Ordinal);
        Assert.EndsWith(", report: Alpha/bin/Debug/net10.0/promptlint-costs.md", alphaLine, StringComparison.Ordinal);
        Assert.Contains(
            "PromptLint: 1 LLM call site in Beta, est. $0.0000 per request set (1 not priced: unknown model), "
            + "report: Beta/bin/Debug/net10.0/promptlint-costs.md",
            lines);

        // 2. Both Markdown reports are in the step summary, each once.
        var summary = File.ReadAllText(stepSummary);
        var alphaMarkdown = File.ReadAllText(alpha.MarkdownReportPath);
        var betaMarkdown = File.ReadAllText(Path.Combine(root, "Beta", "bin", "Debug", "net10.0", "promptlint-costs.md"));
        Assert.True(summary == alphaMarkdown + "\n" + betaMarkdown || summary == betaMarkdown + "\n" + alphaMarkdown, summary);

        // 3. The documented command combines them.
        var combine = await Dotnet.RunAsync(root, s_timeout,
            "msbuild", Path.Combine("Alpha", "Alpha.csproj"), "-t:PromptLintCombineReports", "-nologo", "-nodeReuse:false");

        combine.AssertSucceeded();
        Assert.Contains("PromptLint: combined 2 project reports, 4 LLM call sites, est. $", combine.Output, StringComparison.Ordinal);
        var combinedPath = Path.Combine(root, "promptlint-solution-costs.json");
        combine.AssertWrote(combinedPath);
        combine.AssertWrote(Path.Combine(root, "promptlint-solution-costs.md"));
        using (var combined = JsonDocument.Parse(File.ReadAllText(combinedPath)))
        {
            Assert.Equal(
                [("Alpha", "Alpha/bin/Debug/net10.0/promptlint-costs.json"), ("Beta", "Beta/bin/Debug/net10.0/promptlint-costs.json")],
                combined.RootElement.GetProperty("projects").EnumerateArray()
                    .Select(static p => (p.GetProperty("project").GetString(), p.GetProperty("report").GetString())));
            Assert.Equal(4, combined.RootElement.GetProperty("totals").GetProperty("callSites").GetInt32());
        }

        // 4. An edit that only moves Alpha's calls down, built against the combined report: no change for either project.
        File.WriteAllText(alpha.PathOf(ConsumerSources.AssistantFile),
            "// Licensed to the support team.\n// Moves every call down three lines.\n\n" + ConsumerSources.Assistant);

        var rebuild = await Dotnet.RunAsync(root, s_timeout,
            "build", "Solution.slnx", "-nologo", "--disable-build-servers", "-p:UseSharedCompilation=false",
            $"-p:PromptLintBaseline={combinedPath}");

        rebuild.AssertSucceeded();
        Assert.Empty(BuildOutput.Diagnostics(rebuild.Output, "PL9008"));
        var relines = BuildOutput.SummaryLines(rebuild.Output);
        Assert.Equal(2, relines.Count);
        Assert.All(relines, static line => Assert.Contains("; no change against the baseline, report: ", line, StringComparison.Ordinal));
        var report = ReportedCosts.Parse(File.ReadAllText(alpha.JsonReportPath));
        Assert.Equal(
            [ConsumerSources.LineOfUncappedOpenAICall + 3, ConsumerSources.LineOfCappedOpenAICall + 3, ConsumerSources.LineOfUncappedExtensionsAICall + 3],
            report.CallSites.Select(static site => site.Line).Order());
    }
}
