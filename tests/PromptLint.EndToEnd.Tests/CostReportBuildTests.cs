namespace PromptLint.EndToEnd.Tests;

/// <summary>
/// A user's first build of a project with two uncapped calls and one capped call, and the incremental build after it.
/// The first build runs once; each test checks one part of it.
/// </summary>
[Collection(PackageCollection.Name)]
public sealed class CostReportBuildTests(PackageFixture package)
{
    private const string ProjectName = "Assistant";

    [Fact]
    public async Task Build_succeeds_without_analyzer_failures()
    {
        var built = await BuildAsync();

        built.Build.AssertSucceeded();
        Assert.DoesNotContain("AD0001", built.Build.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_reports_PL1001_at_the_uncapped_calls_only()
    {
        var built = await BuildAsync();
        var file = built.Project.PathOf(ConsumerSources.AssistantFile);

        var reported = BuildOutput.Diagnostics(built.Build.Output, "PL1001");

        built.Build.AssertSucceeded();
        Assert.All(reported, diagnostic =>
        {
            Assert.Equal("warning", diagnostic.Severity);
            Assert.Equal(file, diagnostic.File);
        });
        Assert.Equal(
            [ConsumerSources.LineOfUncappedOpenAICall, ConsumerSources.LineOfUncappedExtensionsAICall],
            reported.Select(static d => d.Line).Order());
        Assert.DoesNotContain(ConsumerSources.LineOfCappedOpenAICall, reported.Select(static d => d.Line));
    }

    [Fact]
    public async Task Build_writes_a_cost_report_priced_from_the_catalog()
    {
        var built = await BuildAsync();
        built.WrittenMarkdownReport();

        var report = ReportedCosts.Parse(built.WrittenJsonReport());

        Assert.Equal("built-in", report.CatalogSource);
        Assert.Equal(3, report.CallSiteCount);
        Assert.Equal(0, report.UnpricedCallSites);
        // Rows are sorted by file, then member (ClassifyAsync, SummarizeAsync, TranslateAsync), not by line.
        Assert.Equal(
            [
                ConsumerSources.LineOfCappedOpenAICall,
                ConsumerSources.LineOfUncappedOpenAICall,
                ConsumerSources.LineOfUncappedExtensionsAICall,
            ],
            report.CallSites.Select(static site => site.Line));
        Assert.All(report.CallSites, static site =>
        {
            Assert.Equal(ConsumerSources.AssistantFile, site.File);
            Assert.Equal(Gpt4oMini.Id, site.Model);
            Assert.True(site.ModelKnown);
            Assert.True(site.StaticInputTokens > 0, $"line {site.Line}: staticInputTokens is {site.StaticInputTokens}");
            Assert.Equal(Gpt4oMini.CostPerCall(site), site.CostPerCall);
        });
        var capped = report.CallSites[0];
        Assert.Equal(100, capped.OutputCap);
        Assert.Equal(100, capped.OutputTokens);
        Assert.Equal(report.CallSites.Sum(static site => site.CostPerCall!.Value), report.CostPerRequestSet);
    }

    [Fact]
    public async Task Build_logs_one_summary_line()
    {
        var built = await BuildAsync();

        var summary = Assert.Single(BuildOutput.SummaryLines(built.Build.Output));
        Assert.StartsWith($"PromptLint: 3 LLM call sites in {ProjectName}, est. $", summary, StringComparison.Ordinal);
        Assert.EndsWith(" per request set, report: bin/Debug/net10.0/promptlint-costs.md", summary);
    }

    [Fact]
    public async Task Incremental_build_skips_the_compiler_and_writes_the_report_again()
    {
        var built = await BuildAsync();
        var (json, markdown) = (built.WrittenJsonReport(), built.WrittenMarkdownReport());
        var project = built.Project;
        var compiledAt = File.GetLastWriteTimeUtc(project.IntermediateAssemblyPath);
        File.Delete(project.JsonReportPath);
        File.Delete(project.MarkdownReportPath);

        var rebuild = await project.BuildAsync();

        rebuild.AssertSucceeded();
        Assert.True(
            compiledAt == File.GetLastWriteTimeUtc(project.IntermediateAssemblyPath),
            $"CoreCompile ran again, so this is not the incremental build under test.\n{rebuild.Describe()}");
        var summary = Assert.Single(BuildOutput.SummaryLines(rebuild.Output));
        Assert.StartsWith($"PromptLint: 3 LLM call sites in {ProjectName}, ", summary, StringComparison.Ordinal);
        rebuild.AssertWrote(project.JsonReportPath);
        rebuild.AssertWrote(project.MarkdownReportPath);
        Assert.Equal(json, File.ReadAllText(project.JsonReportPath));
        Assert.Equal(markdown, File.ReadAllText(project.MarkdownReportPath));
    }

    [Fact]
    public async Task A_build_with_nothing_changed_skips_the_report_task_and_keeps_the_report()
    {
        var project = package.CreateProject("NothingChanged", ConsumerSources.AssistantOnly);
        (await project.BuildAsync()).AssertSucceeded();
        var writtenAt = File.GetLastWriteTimeUtc(project.JsonReportPath);
        var baseline = Path.Combine(project.Directory, "baseline.json");
        File.Copy(project.JsonReportPath, baseline);

        var again = await project.BuildAsync();

        again.AssertSucceeded();
        Assert.Empty(BuildOutput.SummaryLines(again.Output));
        Assert.True(File.Exists(project.MarkdownReportPath), "an incremental clean must not remove the report");
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(project.JsonReportPath));

        // A new setting is a change: the report runs again and compares.
        var withBaseline = await project.BuildAsync($"-p:PromptLintBaseline={baseline}");
        withBaseline.AssertSucceeded();
        Assert.Contains("no change against the baseline", Assert.Single(BuildOutput.SummaryLines(withBaseline.Output)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_that_loses_its_last_LLM_code_gets_no_report_no_summary_and_no_warning()
    {
        var project = package.CreateProject("LosesLlmCode", ConsumerSources.AssistantOnly);
        (await project.BuildAsync()).AssertSucceeded();
        Assert.True(File.Exists(project.JsonReportPath));

        // The SDK references go and the code no longer calls an LLM: what every project without LLM code looks like.
        var projectFile = Path.Combine(project.Directory, project.Name + ".csproj");
        var xml = System.Xml.Linq.XDocument.Load(projectFile);
        System.Xml.Linq.Extensions.Remove(xml.Descendants("PackageReference").Where(static r => (string?)r.Attribute("Include") != "PromptLint"));
        xml.Save(projectFile);
        foreach (var source in Directory.GetFiles(project.Directory, "*.cs"))
            File.Delete(source);
        File.WriteAllText(project.PathOf("Greeter.cs"), "namespace Plain; public static class Greeter { public static string Greet(string name) => $\"Hello, {name}\"; }\n");

        var build = await project.BuildAsync();

        build.AssertSucceeded();
        Assert.Empty(BuildOutput.SummaryLines(build.Output));
        Assert.DoesNotContain("warning PL", build.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(project.JsonReportPath), "the report of the build that still had LLM code would look current");
        Assert.False(File.Exists(project.MarkdownReportPath));
        Assert.False(File.Exists(Path.Combine(project.Directory, "obj", "Debug", "net10.0", "promptlint", "callsites.json")));
    }

    [Fact]
    public async Task A_project_that_references_an_SDK_but_calls_nothing_gets_no_report_and_no_warning()
    {
        var project = package.CreateProject("CallsNothing", ConsumerSources.AssistantOnly);
        (await project.BuildAsync()).AssertSucceeded();
        foreach (var source in Directory.GetFiles(project.Directory, "*.cs"))
            File.Delete(source);
        File.WriteAllText(project.PathOf("Settings.cs"), "namespace Plain; public sealed class Settings { public string Model { get; init; } = \"gpt-4o\"; }\n");

        var build = await project.BuildAsync();
        var switchedOff = await project.BuildAsync("-p:RunAnalyzers=false");

        build.AssertSucceeded();
        Assert.Empty(BuildOutput.SummaryLines(build.Output));
        Assert.False(File.Exists(project.JsonReportPath), "the report of the build that still called the SDK would look current");
        switchedOff.AssertSucceeded();
        Assert.DoesNotContain("warning PL", switchedOff.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_build_without_analyzers_warns_PL9004_and_leaves_no_stale_report()
    {
        var project = package.CreateProject("NoAnalyzers", ConsumerSources.AssistantOnly);
        (await project.BuildAsync()).AssertSucceeded();
        Assert.True(File.Exists(project.JsonReportPath));

        var build = await project.BuildAsync("-p:RunAnalyzers=false");

        build.AssertSucceeded();
        var warning = Assert.Single(BuildOutput.Diagnostics(build.Output, "PL9004"));
        Assert.Contains("no cost report was written", warning.Message, StringComparison.Ordinal);
        Assert.Empty(BuildOutput.SummaryLines(build.Output));
        Assert.False(File.Exists(project.JsonReportPath), "a report from the earlier build would look current");

        // Said once: a build that switches the analyzers off on purpose every time must not warn every time.
        var again = await project.BuildAsync("-p:RunAnalyzers=false");
        again.AssertSucceeded();
        Assert.Empty(BuildOutput.Diagnostics(again.Output, "PL9004"));
        Assert.False(File.Exists(project.JsonReportPath));

        // With the analyzers back, the compile runs again and the report returns.
        var back = await project.BuildAsync();
        back.AssertSucceeded();
        Assert.Single(BuildOutput.SummaryLines(back.Output));
        Assert.True(File.Exists(project.JsonReportPath));
    }

    [Fact]
    public async Task Switching_every_rule_off_after_a_build_with_records_warns_PL9004_and_removes_the_report()
    {
        var project = package.CreateProject("RulesOff", ConsumerSources.AssistantOnly);
        (await project.BuildAsync()).AssertSucceeded();
        Assert.True(File.Exists(project.JsonReportPath));

        // With every rule at none in a global config the compiler skips PromptLint's analyzers: the records of the
        // build before stay behind, older than this compile, and must not pass for its figures.
        string[] ids = ["PL1001", "PL1002", "PL1003", "PL1004", "PL1005", "PL2001", "PL2002", "PL2003", "PL3001", "PL3002", "PL9001", "PL9002", "PL9003", "PL9007"];
        File.WriteAllText(project.PathOf(".globalconfig"), "is_global = true\n" + string.Concat(ids.Select(static id => $"dotnet_diagnostic.{id}.severity = none\n")));
        var build = await project.BuildAsync();

        build.AssertSucceeded();
        var warning = Assert.Single(BuildOutput.Diagnostics(build.Output, "PL9004"));
        Assert.Contains("the compiler ran without the PromptLint analyzers", warning.Message, StringComparison.Ordinal);
        Assert.Empty(BuildOutput.SummaryLines(build.Output));
        Assert.False(File.Exists(project.JsonReportPath), "a report from the earlier build would look current");
    }

    [Fact]
    public async Task A_full_rebuild_writes_byte_identical_reports_and_the_same_warnings()
    {
        var project = package.CreateProject("Deterministic", ConsumerSources.AssistantOnly);
        var first = await project.BuildAsync("--no-incremental");
        first.AssertSucceeded();
        var (json, markdown) = (File.ReadAllBytes(project.JsonReportPath), File.ReadAllBytes(project.MarkdownReportPath));
        // The next two builds compare with the first, so their reports also hold a comparison.
        var baseline = Path.Combine(project.Directory, "baseline.json");
        File.Copy(project.JsonReportPath, baseline);

        var second = await project.BuildAsync("--no-incremental");
        var (secondJson, secondMarkdown) = (File.ReadAllBytes(project.JsonReportPath), File.ReadAllBytes(project.MarkdownReportPath));
        var withBaseline = await project.BuildAsync("--no-incremental", $"-p:PromptLintBaseline={baseline}");
        var (comparedJson, comparedMarkdown) = (File.ReadAllBytes(project.JsonReportPath), File.ReadAllBytes(project.MarkdownReportPath));
        var again = await project.BuildAsync("--no-incremental", $"-p:PromptLintBaseline={baseline}");

        second.AssertSucceeded();
        Assert.Equal(json, secondJson);
        Assert.Equal(markdown, secondMarkdown);
        // The compiler prints analyzer warnings in the order its threads finish them, so compare them as a set.
        Assert.Equal(InSourceOrder(BuildOutput.Diagnostics(first.Output, "PL1001")), InSourceOrder(BuildOutput.Diagnostics(second.Output, "PL1001")));
        withBaseline.AssertSucceeded();
        again.AssertSucceeded();
        Assert.NotEqual(markdown, comparedMarkdown);
        Assert.Equal(comparedJson, File.ReadAllBytes(project.JsonReportPath));
        Assert.Equal(comparedMarkdown, File.ReadAllBytes(project.MarkdownReportPath));
        Assert.Contains("; no change against the baseline, ", Assert.Single(BuildOutput.SummaryLines(again.Output)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_compile_is_given_the_token_counts_and_leaves_them_when_no_prompt_changed()
    {
        var project = package.CreateProject("TokenCounts", ConsumerSources.AssistantOnly);
        (await project.BuildAsync()).AssertSucceeded();
        var counts = Path.Combine(project.Directory, "obj", "Debug", "net10.0", "promptlint", "token-counts.json");
        Assert.True(File.Exists(counts), "the first build writes the token counts beside its call-site records");
        var written = File.ReadAllText(counts);
        var writtenAt = File.GetLastWriteTimeUtc(counts);
        var compiledAt = File.GetLastWriteTimeUtc(project.IntermediateAssemblyPath);
        // An edit that touches no prompt: the compiler runs again, with the same prompts.
        File.AppendAllText(project.PathOf(ConsumerSources.AssistantFile), "\n// an edit that touches no prompt\n");

        var again = await project.BuildAsync("-v:n");

        again.AssertSucceeded();
        Assert.NotEqual(compiledAt, File.GetLastWriteTimeUtc(project.IntermediateAssemblyPath));
        Assert.Contains("/additionalfile:" + counts, again.Output, StringComparison.Ordinal);
        Assert.Equal(written, File.ReadAllText(counts));
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(counts));
        // The counts are an input of the compile that wrote them, written before its assembly: no compile follows.
        var third = await project.BuildAsync();
        third.AssertSucceeded();
        Assert.Empty(BuildOutput.SummaryLines(third.Output));
    }

    [Fact]
    public async Task A_build_that_does_not_compile_gives_the_compiler_error_and_no_PromptLint_warning()
    {
        var project = package.CreateProject("DoesNotCompile", new Dictionary<string, string>
        {
            [ConsumerSources.AssistantFile] = ConsumerSources.Assistant,
            ["Broken.cs"] = "class Broken { int Half() => ; }\n",
        });

        var build = await project.BuildAsync();

        Assert.False(build.Succeeded, build.Describe());
        Assert.Contains("error CS1525", build.Output, StringComparison.Ordinal);
        Assert.Empty(BuildOutput.Diagnostics(build.Output, "PL9004"));
        Assert.Empty(BuildOutput.Diagnostics(build.Output, "PL9005"));
    }

    private static List<BuildDiagnostic> InSourceOrder(IEnumerable<BuildDiagnostic> diagnostics) =>
        diagnostics.OrderBy(static d => d.File, StringComparer.Ordinal).ThenBy(static d => d.Line).ThenBy(static d => d.Column).ToList();

    private Task<BuiltProject> BuildAsync() => package.BuildOnceAsync(ProjectName, ConsumerSources.AssistantOnly);
}
