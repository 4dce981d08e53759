using System.Text.Json;

namespace PromptLint.EndToEnd.Tests;

/// <summary>The compiler's SARIF 2.1 log, as docs/ci.md tells users to produce it for code scanning.</summary>
[Collection(PackageCollection.Name)]
public sealed class SarifTests(PackageFixture package)
{
    [Fact]
    public async Task ErrorLog_with_version_2_1_writes_a_sarif_log_with_the_PromptLint_results()
    {
        var project = package.CreateProject("Sarif", ConsumerSources.AssistantOnly);
        var sarif = Path.Combine(project.Directory, "artifacts", "Sarif.sarif");
        Directory.CreateDirectory(Path.GetDirectoryName(sarif)!);

        // The comma is escaped as %2C: on the command line MSBuild would otherwise split the value into two properties.
        var build = await project.BuildAsync($"-p:ErrorLog={sarif}%2Cversion=2.1");

        build.AssertSucceeded();
        build.AssertWrote(sarif);
        using var document = JsonDocument.Parse(File.ReadAllText(sarif));
        var root = document.RootElement;
        Assert.Equal("2.1.0", root.GetProperty("version").GetString());
        Assert.EndsWith("sarif-2.1.0", root.GetProperty("$schema").GetString(), StringComparison.Ordinal);
        var run = Assert.Single(root.GetProperty("runs").EnumerateArray());

        var missingCaps = run.GetProperty("results").EnumerateArray()
            .Where(static r => r.GetProperty("ruleId").GetString() == "PL1001")
            .ToList();
        Assert.Equal(2, missingCaps.Count);
        Assert.All(missingCaps, static result => Assert.Equal("warning", result.GetProperty("level").GetString()));
        var places = missingCaps
            .Select(static r => r.GetProperty("locations")[0].GetProperty("physicalLocation"))
            .Select(static l => (Uri: l.GetProperty("artifactLocation").GetProperty("uri").GetString()!, Line: l.GetProperty("region").GetProperty("startLine").GetInt32()))
            .OrderBy(static p => p.Line)
            .ToList();
        Assert.All(places, static p => Assert.EndsWith("/" + ConsumerSources.AssistantFile, p.Uri, StringComparison.Ordinal));
        Assert.Equal([ConsumerSources.LineOfUncappedOpenAICall, ConsumerSources.LineOfUncappedExtensionsAICall], places.Select(static p => p.Line));

        var rule = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray()
            .Single(static r => r.GetProperty("id").GetString() == "PL1001");
        Assert.EndsWith("/docs/rules/PL1001.md", rule.GetProperty("helpUri").GetString(), StringComparison.Ordinal);
    }
}
