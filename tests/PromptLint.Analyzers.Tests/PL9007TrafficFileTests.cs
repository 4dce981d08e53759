using System.Globalization;
using Microsoft.CodeAnalysis;
using PromptLint.Analyzers.Rules.Cost;

namespace PromptLint.Analyzers.Tests;

public sealed class PL9007TrafficFileTests
{
    private const string ConfigPath = "/src/promptlint.json";

    private const string TwoCalls = """
        using Microsoft.Extensions.AI;

        namespace Shop;

        class Bot(IChatClient chat)
        {
            async Task Ask(string question)
            {
                await chat.GetResponseAsync(question, new ChatOptions { ModelId = "gpt-4o-mini", MaxOutputTokens = 5 });
                await chat.GetResponseAsync("Again: " + question, new ChatOptions { ModelId = "gpt-4o-mini", MaxOutputTokens = 5 });
            }
        }
        """;

    private static async Task<(List<Diagnostic> Problems, List<Diagnostic> Costs)> Run(string json, string source = TwoCalls)
    {
        var diagnostics = await new AnalyzerRunner().WithAdditionalFile(ConfigPath, json, "Config").RunAsync<CostAnalyzer>(source);
        return (diagnostics.Where(static d => d.Id == "PL9007").ToList(),
            diagnostics.Where(static d => d.Id == "PL1003").OrderBy(static d => d.Location.SourceSpan.Start).ToList());
    }

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Reports_a_negative_traffic_in_the_file_at_its_line_and_keeps_the_rest_of_the_entry()
    {
        var (problems, costs) = await Run("""
            {
              "callSites": {
                "Bot.Ask": { "callsPerMonth": -100, "dynamicTokens": 30 }
              }
            }
            """);

        var problem = Assert.Single(problems);
        Assert.Equal(
            "Traffic and assumptions file '/src/promptlint.json', line 3: 'callsPerMonth' of the entry 'Bot.Ask' must be a "
            + "whole number of zero or more, but is -100; PromptLint ignores this value",
            Message(problem));
        Assert.Equal(ConfigPath, problem.Location.GetLineSpan().Path);
        Assert.Equal(2, problem.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(DiagnosticSeverity.Warning, problem.Severity);

        Assert.All(costs, static c => Assert.Null(c.Properties[CostAnalyzer.Properties.CallsPerMonth]));
        Assert.All(costs, static c => Assert.Equal("30", c.Properties[CostAnalyzer.Properties.AssumedDynamicTokens]));
    }

    [Fact]
    public async Task Reports_each_problem_once_however_many_calls_there_are()
    {
        var (problems, _) = await Run("""
            { "defaults": { "cacheHitRate": 2, "retrievedTokens": 3200 } }
            """);

        Assert.Equal(2, problems.Count);
        Assert.Contains("'cacheHitRate' of 'defaults' must be a number from 0 to 1", Message(problems[0]));
        Assert.Contains("'retrievedTokens' is not a key PromptLint knows in 'defaults'", Message(problems[1]));
    }

    [Fact]
    public async Task Malformed_json_is_reported_and_the_build_goes_on_with_the_options()
    {
        var (problems, costs) = await Run("""
            { "defaults": { "callsPerMonth": 1000 }
            """);

        var problem = Assert.Single(problems);
        Assert.Contains("not valid JSON", Message(problem));
        Assert.EndsWith("; PromptLint ignores the file", Message(problem), StringComparison.Ordinal);
        Assert.All(costs, static c => Assert.Null(c.Properties[CostAnalyzer.Properties.CallsPerMonth]));
    }

    [Fact]
    public async Task Reports_a_key_that_matches_no_call_site()
    {
        var (problems, _) = await Run("""
            {
              "callSites": {
                "Bot.Ask": { "callsPerMonth": 100 },
                "Bot.Answer": { "callsPerMonth": 100 }
              }
            }
            """);

        var problem = Assert.Single(problems);
        Assert.StartsWith(
            "Traffic and assumptions file '/src/promptlint.json', line 4: 'Bot.Answer' matches no call site in this project",
            Message(problem),
            StringComparison.Ordinal);
        Assert.Equal(3, problem.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public async Task Reports_a_call_site_number_beyond_the_calls_of_the_member()
    {
        var (problems, costs) = await Run("""{ "callSites": { "Bot.Ask#3": { "callsPerMonth": 100 } } }""");

        var problem = Assert.Single(problems);
        Assert.Contains("'Bot.Ask#3' asks for call site #3, but 'Bot.Ask' has only 2 call sites; PromptLint ignores this entry", Message(problem));
        Assert.All(costs, static c => Assert.Null(c.Properties[CostAnalyzer.Properties.CallsPerMonth]));
    }

    [Fact]
    public async Task Reports_a_named_part_that_no_prompt_has()
    {
        var (problems, costs) = await Run("""
            { "callSites": { "Bot.Ask": { "dynamicParts": { "question": 40, "documents": 3200 } } } }
            """);

        var problem = Assert.Single(problems);
        Assert.Contains("the dynamic part 'documents' matches no part of the prompt of the call sites of 'Bot.Ask'", Message(problem));
        Assert.Equal("40", costs[0].Properties[CostAnalyzer.Properties.AssumedDynamicTokens]);
    }

    [Fact]
    public async Task A_project_part_shadowed_by_a_member_size_is_not_reported()
    {
        var (problems, costs) = await Run("""
            { "defaults": { "dynamicParts": { "question": 40 } }, "callSites": { "Bot.Ask": { "dynamicTokens": 90 } } }
            """);

        Assert.Empty(problems);
        Assert.Equal("90", costs[0].Properties[CostAnalyzer.Properties.AssumedDynamicTokens]);
    }

    [Fact]
    public async Task A_valid_file_gives_no_warning()
    {
        var (problems, costs) = await Run("""
            {
              "defaults": { "callsPerMonth": 0, "dynamicTokens": 200, "outputTokens": 500, "cacheHitRate": 0.8 },
              "callSites": { "Shop.Bot.Ask(string)#2": { "callsPerMonth": 250000 } }
            }
            """);

        Assert.Empty(problems);
        Assert.Equal(["0", "250000"], costs.Select(static c => c.Properties[CostAnalyzer.Properties.CallsPerMonth]));
    }

    [Fact]
    public async Task Additional_files_not_marked_as_the_config_are_not_read()
    {
        var diagnostics = await new AnalyzerRunner().WithAdditionalFile("/src/other.json", "not json", promptLintKind: null)
            .RunAsync<CostAnalyzer>(TwoCalls);

        Assert.DoesNotContain(diagnostics, static d => d.Id == "PL9007");
    }
}
