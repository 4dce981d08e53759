using PromptLint.Analyzers.Rules.Cost;
using PromptLint.Core.Reports;

namespace PromptLint.Analyzers.Tests;

/// <summary>The report carries prompt text only when the project opts in with PromptLintIncludePromptText.</summary>
public sealed class PromptTextOptInTests
{
    private const string Source = """
        using Microsoft.Extensions.AI;

        class Desk(IChatClient chat)
        {
            const string Policy = "Answer in two sentences.";

            async Task Answer(string name, string question) =>
                await chat.GetResponseAsync(
                    [new ChatMessage(ChatRole.System, Policy), new ChatMessage(ChatRole.User, $"Customer {name} asks: {question}")],
                    new ChatOptions { ModelId = "gpt-4o-mini", MaxOutputTokens = 100 });
        }
        """;

    private static async Task<CallSiteRecord> Record(string? includePromptText)
    {
        var log = Path.Combine(Path.GetTempPath(), "promptlint-tests", Guid.NewGuid().ToString("N"), "callsites.json");
        var runner = new AnalyzerRunner().WithGlobalOption("build_property.PromptLintCallSiteLog", log);
        if (includePromptText is not null)
            runner.WithGlobalOption("build_property.PromptLintIncludePromptText", includePromptText);

        await runner.RunAsync<CostAnalyzer>(Source);
        var text = File.ReadAllText(log);
        Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);
        return Assert.Single(CostReportJson.Read(text).CallSites);
    }

    [Fact]
    public async Task No_prompt_text_by_default()
    {
        var record = await Record(includePromptText: null);

        Assert.Null(record.PromptText);
    }

    [Fact]
    public async Task No_prompt_text_when_switched_off()
    {
        var record = await Record(includePromptText: "false");

        Assert.Null(record.PromptText);
    }

    [Fact]
    public async Task Constant_text_with_holes_marked_when_opted_in()
    {
        var record = await Record(includePromptText: "true");

        Assert.Equal("Answer in two sentences.\n\nCustomer {…} asks: {…}", record.PromptText);
    }

    [Fact]
    public async Task An_invalid_switch_is_reported_and_no_text_is_written()
    {
        var log = Path.Combine(Path.GetTempPath(), "promptlint-tests", Guid.NewGuid().ToString("N"), "callsites.json");
        var diagnostics = await new AnalyzerRunner()
            .WithGlobalOption("build_property.PromptLintCallSiteLog", log)
            .WithGlobalOption("build_property.PromptLintIncludePromptText", "yes")
            .RunAsync<CostAnalyzer>(Source);

        var problem = Assert.Single(diagnostics, static d => d.Id == "PL9002");
        Assert.Equal(
            "The option 'PromptLintIncludePromptText' has the value 'yes', which is not true or false; PromptLint uses false instead",
            problem.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Null(Assert.Single(CostReportJson.Read(File.ReadAllText(log)).CallSites).PromptText);
    }
}
