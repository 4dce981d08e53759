namespace PromptLint.EndToEnd.Tests;

/// <summary>What a user sees when the catalog named by PromptLintModelCatalog is broken or lacks a model.</summary>
[Collection(PackageCollection.Name)]
public sealed class ModelCatalogTests(PackageFixture package)
{
    // The trailing comma before the ']' makes the JSON malformed at line 4. Were the file read anyway, it would
    // raise gpt-4o-mini's input price and the costs would show it.
    private const string MalformedCatalog = """
        {
          "models": [
            { "id": "gpt-4o-mini", "inputPerMTok": 1.0 },
          ]
        """;

    [Fact]
    public async Task Malformed_catalog_gives_PL9001_and_the_report_keeps_built_in_prices()
    {
        var project = package.CreateProject("MalformedCatalog", ConsumerSources.AssistantOnly);
        var catalogPath = Path.Combine(project.Directory, "broken-models.json");
        File.WriteAllText(catalogPath, MalformedCatalog);

        var build = await project.BuildAsync($"-p:PromptLintModelCatalog={catalogPath}");

        build.AssertSucceeded();
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
        var warning = Assert.Single(BuildOutput.Diagnostics(build.Output, "PL9001"));
        Assert.Equal("warning", warning.Severity);
        Assert.Equal(catalogPath, warning.File);
        Assert.Equal(4, warning.Line);
        Assert.Contains(catalogPath, warning.Message, StringComparison.Ordinal);
        Assert.Contains("line 4", warning.Message, StringComparison.Ordinal);
        Assert.Single(BuildOutput.SummaryLines(build.Output));

        build.AssertWrote(project.JsonReportPath);
        var report = ReportedCosts.Parse(File.ReadAllText(project.JsonReportPath));
        Assert.Equal("built-in", report.CatalogSource);
        Assert.Equal(3, report.CallSiteCount);
        Assert.All(report.CallSites, static site =>
        {
            Assert.True(site.ModelKnown);
            Assert.Equal(Gpt4oMini.CostPerCall(site), site.CostPerCall);
        });
    }

    [Fact]
    public async Task Missing_catalog_file_gives_PL9001_instead_of_a_compiler_error()
    {
        var project = package.CreateProject("MissingCatalog", ConsumerSources.AssistantOnly);
        var catalogPath = Path.Combine(project.Directory, "no-such-models.json");

        var build = await project.BuildAsync($"-p:PromptLintModelCatalog={catalogPath}");

        build.AssertSucceeded();
        Assert.DoesNotContain("CS2001", build.Output, StringComparison.Ordinal);
        var warning = Assert.Single(BuildOutput.Diagnostics(build.Output, "PL9001"));
        Assert.Equal("warning", warning.Severity);
        Assert.Contains(catalogPath, warning.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", warning.Message, StringComparison.Ordinal);
        build.AssertWrote(project.JsonReportPath);
        Assert.Equal("built-in", ReportedCosts.Parse(File.ReadAllText(project.JsonReportPath)).CatalogSource);
    }

    [Fact]
    public async Task Unknown_model_is_reported_but_not_priced()
    {
        var project = package.CreateProject("UnknownModel", new Dictionary<string, string>
        {
            [ConsumerSources.UnknownModelFile] = ConsumerSources.UnknownModel,
        });

        var build = await project.BuildAsync();

        build.AssertSucceeded();
        Assert.DoesNotContain("AD0001", build.Output, StringComparison.Ordinal);
        var summary = Assert.Single(BuildOutput.SummaryLines(build.Output));
        Assert.Contains("1 LLM call site in UnknownModel, ", summary, StringComparison.Ordinal);
        Assert.Contains("(1 not priced: unknown model)", summary, StringComparison.Ordinal);

        build.AssertWrote(project.JsonReportPath);
        var report = ReportedCosts.Parse(File.ReadAllText(project.JsonReportPath));
        var site = Assert.Single(report.CallSites);
        Assert.Equal("acme-llm-7", site.Model);
        Assert.False(site.ModelKnown);
        Assert.Null(site.CostPerCall);
        Assert.Equal(1, report.UnpricedCallSites);

        build.AssertWrote(project.MarkdownReportPath);
        Assert.Contains("unknown model `acme-llm-7`", File.ReadAllText(project.MarkdownReportPath));
    }
}
