using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// promptlint.json and the budget properties as a user's build sees them: picked up by the package's build logic,
/// problems as warnings in the file, and PL1005 raised to an error failing the build.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class TrafficFileBuildTests(PackageFixture package)
{
    private static JsonElement[] CallSites(string reportPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(reportPath));
        return document.RootElement.GetProperty("callSites").EnumerateArray().Select(static site => site.Clone()).ToArray();
    }

    [Fact]
    public async Task Promptlint_json_beside_the_project_is_read_with_no_configuration()
    {
        var project = package.CreateProject("TrafficFile", new Dictionary<string, string>
        {
            [ConsumerSources.AssistantFile] = ConsumerSources.Assistant,
            ["promptlint.json"] = """
                {
                  "defaults": { "callsPerMonth": 1000 },
                  "callSites": { "Assistant.ClassifyAsync": { "callsPerMonth": 50000 } }
                }
                """,
        });

        var build = await project.BuildAsync("-p:PromptLintIncludePromptText=true");

        build.AssertSucceeded();
        Assert.Empty(BuildOutput.Diagnostics(build.Output, "PL9007"));
        build.AssertWrote(project.JsonReportPath);
        var sites = CallSites(project.JsonReportPath);
        // The report orders rows by file, then member: ClassifyAsync, SummarizeAsync, TranslateAsync.
        Assert.Equal([50000L, 1000L, 1000L], sites.Select(static s => s.GetProperty("callsPerMonth").GetInt64()));
        Assert.Equal(["member", "project", "project"], sites.Select(static s => s.GetProperty("trafficSource").GetString()));
        Assert.Equal("Classify the ticket: billing, bug or other.\n\n{…}", sites[0].GetProperty("promptText").GetString());
    }

    [Fact]
    public async Task A_budget_raised_to_an_error_fails_the_build_and_a_bad_key_is_a_warning_in_the_file()
    {
        var project = package.CreateProject("OverBudget", new Dictionary<string, string>
        {
            [ConsumerSources.AssistantFile] = ConsumerSources.Assistant,
            [".editorconfig"] = "root = true\n\n[*.cs]\ndotnet_diagnostic.PL1005.severity = error\n",
            ["promptlint.json"] = """
                {
                  "callSites": {
                    "Assistant.ClassifyAsync": { "callsPerMonth": 50000, "retrievedTokens": 3200 }
                  }
                }
                """,
        });

        // gpt-4o-mini at $0.15 input and $0.60 output per 1M tokens: the uncapped calls assume 500 output tokens,
        // 500 x $0.60/1M = $0.0003 before any input, above $0.0001; the call capped at 100 costs about
        // (19 + 200) x $0.15/1M + 100 x $0.60/1M = $0.000093, below it.
        var build = await project.BuildAsync("-p:PromptLintMaxCostPerCall=0.0001");

        Assert.False(build.Succeeded, build.Describe());
        var overBudget = BuildOutput.Diagnostics(build.Output, "PL1005");
        Assert.All(overBudget, diagnostic =>
        {
            Assert.Equal("error", diagnostic.Severity);
            Assert.Equal(project.PathOf(ConsumerSources.AssistantFile), diagnostic.File);
            Assert.Contains("over the PromptLintMaxCostPerCall budget of $0.0001", diagnostic.Message, StringComparison.Ordinal);
        });
        Assert.Equal(
            [ConsumerSources.LineOfUncappedOpenAICall, ConsumerSources.LineOfUncappedExtensionsAICall],
            overBudget.Select(static d => d.Line).Order());

        // The build that breaks the budget still writes its report, the one a reviewer needs to see.
        Assert.StartsWith("PromptLint: 3 LLM call sites in OverBudget, ", Assert.Single(BuildOutput.SummaryLines(build.Output)), StringComparison.Ordinal);
        Assert.Equal(3, JsonDocument.Parse(File.ReadAllText(project.JsonReportPath)).RootElement.GetProperty("callSites").GetArrayLength());
        Assert.True(File.Exists(project.MarkdownReportPath));

        var badKey = Assert.Single(BuildOutput.Diagnostics(build.Output, "PL9007"));
        Assert.Equal("warning", badKey.Severity);
        Assert.Equal(project.PathOf("promptlint.json"), badKey.File);
        Assert.Equal(3, badKey.Line);
        Assert.Contains("'retrievedTokens' is not a key PromptLint knows", badKey.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_config_file_that_does_not_exist_is_a_build_warning_and_the_build_goes_on()
    {
        var project = package.CreateProject("MissingTrafficFile", ConsumerSources.AssistantOnly);
        var configPath = Path.Combine(project.Directory, "no-such-promptlint.json");

        var build = await project.BuildAsync($"-p:PromptLintConfigFile={configPath}");

        build.AssertSucceeded();
        Assert.DoesNotContain("CS2001", build.Output, StringComparison.Ordinal);
        var warning = Assert.Single(BuildOutput.Diagnostics(build.Output, "PL9007"));
        Assert.Equal("warning", warning.Severity);
        Assert.Contains(configPath, warning.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", warning.Message, StringComparison.Ordinal);
        build.AssertWrote(project.JsonReportPath);
    }
}
