using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.ML.Tokenizers;
using PromptLint.Analyzers.Rules.Cost;
using PromptLint.Core.Costs;

namespace PromptLint.Analyzers.Tests;

public sealed class PL1005OverBudgetTests
{
    private const string ConfigPath = "/0/promptlint.json";

    private static readonly Tokenizer s_o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");

    private static Task Verify(string source, string properties, string? traffic = null)
    {
        var test = new AnalyzerTest<CostAnalyzer>(Usings.Common + source, "PL1001", "PL1002", "PL1003", "PL1004");
        var config = "is_global = true\n" + properties + "\n";
        if (traffic is not null)
        {
            test.TestState.AdditionalFiles.Add((ConfigPath, traffic));
            config += $"\n[{ConfigPath}]\nbuild_metadata.AdditionalFiles.PromptLintKind = Config\n";
        }

        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", config));
        return test.RunAsync();
    }

    private static async Task<List<Diagnostic>> Run(string source, AnalyzerRunner runner) =>
        (await runner.RunAsync<CostAnalyzer>(source)).Where(static d => d.Id == "PL1005").ToList();

    private static string Message(Diagnostic diagnostic) => diagnostic.GetMessage(CultureInfo.InvariantCulture);

    // Three features of one project, each a constant prompt with a cap of 1,000 tokens on gpt-4o.
    private static string ThreeFeatures(bool answerReported, bool summarizeReported) => $$"""
        using Microsoft.Extensions.AI;

        class Features(IChatClient chat)
        {
            async Task Answer() => await {{(answerReported ? "{|PL1005:" : "")}}chat.GetResponseAsync("Answer the ticket.", new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 1000 }){{(answerReported ? "|}" : "")}};
            async Task Summarize() => await {{(summarizeReported ? "{|PL1005:" : "")}}chat.GetResponseAsync("Summarize the ticket.", new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 1000 }){{(summarizeReported ? "|}" : "")}};
            async Task Tag() => await chat.GetResponseAsync("Tag the ticket.", new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 1000 });
        }
        """;

    // About $1,000, $500 and $100 a month: 1,000 output tokens x $10/1M = $0.01 a call, plus a few input tokens.
    private const string ThreeFeaturesTraffic = """
        { "callSites": {
            "Features.Answer": { "callsPerMonth": 100000 },
            "Features.Summarize": { "callsPerMonth": 50000 },
            "Features.Tag": { "callsPerMonth": 10000 } } }
        """;

    [Fact]
    public Task Reports_a_call_above_the_per_call_budget() => Verify("""
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        class C
        {
            async Task Run(string key, IChatClient chat, string question)
            {
                // 500 output tokens x $10/1M = $0.005, above $0.001 before any input.
                await {|PL1005:new ChatClient("gpt-4o", key).CompleteChatAsync([new UserChatMessage(question)], new ChatCompletionOptions { MaxOutputTokenCount = 500 })|};
                // gpt-4o-mini: (a dozen tokens + 200 assumed) x $0.15/1M + 10 x $0.60/1M, about $0.00004.
                await new ChatClient("gpt-4o-mini", key).CompleteChatAsync([new UserChatMessage(question)], new ChatCompletionOptions { MaxOutputTokenCount = 10 });
                // An unknown model has no price, so no budget can be checked.
                await new ChatClient("acme-llm-7", key).CompleteChatAsync([new UserChatMessage(question)], new ChatCompletionOptions { MaxOutputTokenCount = 500 });
            }
        }
        """, "build_property.PromptLintMaxCostPerCall = 0.001");

    [Fact]
    public Task No_report_without_a_budget() => Verify("""
        using OpenAI.Chat;

        class C
        {
            async Task Run(string key, string question) =>
                await new ChatClient("gpt-4o", key).CompleteChatAsync([new UserChatMessage(question)], new ChatCompletionOptions { MaxOutputTokenCount = 500 });
        }
        """, "build_property.PromptLintMaxCostPerCall = ");

    [Fact]
    public async Task Per_call_message_names_the_cost_the_tokens_and_the_budget()
    {
        var runner = new AnalyzerRunner().WithGlobalOption("build_property.PromptLintMaxCostPerCall", "$0.005");

        const string Source = """
            using Microsoft.Extensions.AI;

            class C
            {
                async Task Run(IChatClient chat, string question) =>
                    await chat.GetResponseAsync(question, new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 600 });
            }
            """;

        var problem = Assert.Single(await Run(Source, runner));

        // 3 + 3 framing + 200 assumed for the question: 206 x $2.50/1M + 600 x $10/1M = 0.000515 + 0.006
        Assert.Equal(
            "This call costs about $0.006515 per call (gpt-4o, 206 input and 600 output tokens), over the PromptLintMaxCostPerCall budget of $0.0050",
            Message(problem));
        Assert.Equal(DiagnosticSeverity.Warning, problem.Severity);
        Assert.Equal(AnalyzerRunner.LineOf(Source, "chat.GetResponseAsync"), problem.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public async Task No_report_when_the_cost_is_exactly_the_budget()
    {
        // 206 x $2.50/1M + 600 x $10/1M = 0.006515
        var runner = new AnalyzerRunner().WithGlobalOption("build_property.PromptLintMaxCostPerCall", "0.006515");

        Assert.Empty(await Run("""
            using Microsoft.Extensions.AI;

            class C
            {
                async Task Run(IChatClient chat, string question) =>
                    await chat.GetResponseAsync(question, new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 600 });
            }
            """, runner));
    }

    [Fact]
    public Task Monthly_budget_reports_the_largest_call_sites_until_the_rest_fits() =>
        // About $1,600 in all against $400: without the $1,000 one $600 is left, without the $500 one about $100 fits.
        Verify(ThreeFeatures(answerReported: true, summarizeReported: true),
            "build_property.PromptLintMaxMonthlyCost = 400", ThreeFeaturesTraffic);

    [Fact]
    public Task Monthly_budget_reports_only_the_largest_when_the_rest_fits() =>
        // Without the $1,000 one about $600 is left, which fits $1,000.
        Verify(ThreeFeatures(answerReported: true, summarizeReported: false),
            "build_property.PromptLintMaxMonthlyCost = 1000", ThreeFeaturesTraffic);

    [Fact]
    public Task No_report_when_the_month_fits_the_budget() =>
        Verify(ThreeFeatures(answerReported: false, summarizeReported: false),
            "build_property.PromptLintMaxMonthlyCost = 2000", ThreeFeaturesTraffic);

    [Fact]
    public async Task Monthly_message_names_the_call_site_the_traffic_and_the_project_total()
    {
        var runner = new AnalyzerRunner()
            .WithGlobalOption("build_property.PromptLintMaxMonthlyCost", "500")
            .WithAdditionalFile("/src/promptlint.json", """{ "callSites": { "Features.Answer": { "callsPerMonth": 100000 } } }""", "Config");

        var problem = Assert.Single(await Run("""
            using Microsoft.Extensions.AI;

            class Features(IChatClient chat)
            {
                async Task Answer() => await chat.GetResponseAsync("Answer the ticket.", new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 1000 });
            }
            """, runner));

        // ("Answer the ticket." + 3 + 3 framing) x $2.50/1M + 1,000 x $10/1M per call, 100,000 calls a month.
        var perCall = (s_o200k.CountTokens("Answer the ticket.") + 6) * 2.5m / 1_000_000m + 1_000 * 10m / 1_000_000m;
        var monthly = perCall * 100_000;
        Assert.Equal(
            $"This call site costs about {MoneyText.Format(monthly)} a month (100,000 calls at {MoneyText.Format(perCall)}); "
            + $"the project's LLM calls come to about {MoneyText.Format(monthly)} a month, over the PromptLintMaxMonthlyCost budget of $500.00",
            Message(problem));
    }

    [Fact]
    public async Task Monthly_budget_is_checked_against_the_cost_at_the_stated_cache_hit_rate()
    {
        var longPolicy = string.Join(" ", Enumerable.Repeat("Check the order number before answering.", 200));
        var source = $$"""
            using Microsoft.Extensions.AI;

            class Features(IChatClient chat)
            {
                const string Policy = "{{longPolicy}}";

                async Task Answer() => await chat.GetResponseAsync(Policy, new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 100 });
            }
            """;
        var prefix = s_o200k.CountTokens(longPolicy);
        // gpt-4o: uncached (prefix + 6) x $2.50/1M + 100 x $10/1M; at 0.9, 90% of calls read the prefix at $1.25/1M.
        var uncached = (prefix + 6) * 2.5m / 1_000_000m + 100 * 10m / 1_000_000m;
        var cached = 6 * 2.5m / 1_000_000m + 100 * 10m / 1_000_000m + 0.9m * prefix * 1.25m / 1_000_000m + 0.1m * prefix * 2.5m / 1_000_000m;
        var budget = Math.Round((uncached + cached) / 2 * 10_000, 2);
        var runner = new AnalyzerRunner()
            .WithGlobalOption("build_property.PromptLintMaxMonthlyCost", budget.ToString(CultureInfo.InvariantCulture))
            .WithAdditionalFile("/src/promptlint.json", """{ "defaults": { "callsPerMonth": 10000, "cacheHitRate": 0.9 } }""", "Config");

        Assert.True(cached * 10_000 < budget && budget < uncached * 10_000, "the budget must lie between the cached and uncached month");
        Assert.Empty(await Run(source, runner));
    }

    [Fact]
    public async Task Monthly_message_names_the_hit_rate_when_the_cache_changes_the_figure()
    {
        var longPolicy = string.Join(" ", Enumerable.Repeat("Check the order number before answering.", 200));
        var runner = new AnalyzerRunner()
            .WithGlobalOption("build_property.PromptLintMaxMonthlyCost", "1")
            .WithAdditionalFile("/src/promptlint.json", """{ "defaults": { "callsPerMonth": 10000, "cacheHitRate": 0.9 } }""", "Config");

        var problem = Assert.Single(await Run($$"""
            using Microsoft.Extensions.AI;

            class Features(IChatClient chat)
            {
                const string Policy = "{{longPolicy}}";

                async Task Answer() => await chat.GetResponseAsync(Policy, new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 100 });
            }
            """, runner));

        var prefix = s_o200k.CountTokens(longPolicy);
        // 6 framing tokens and the output uncached; 90% of calls read the prefix at $1.25/1M, 10% write it at $2.50/1M.
        var cached = 6 * 2.5m / 1_000_000m + 100 * 10m / 1_000_000m + 0.9m * prefix * 1.25m / 1_000_000m + 0.1m * prefix * 2.5m / 1_000_000m;
        Assert.Contains($"(10,000 calls at {MoneyText.Format(cached)} each, cache hit rate 90%)", Message(problem));
    }

    [Theory]
    [InlineData("PromptLintMaxCostPerCall", "cheap")]
    [InlineData("PromptLintMaxMonthlyCost", "-5")]
    [InlineData("PromptLintMaxMonthlyCost", "2,5")]
    public async Task Reports_an_invalid_budget_naming_the_property(string property, string value)
    {
        var runner = new AnalyzerRunner().WithGlobalOption("build_property." + property, value);

        var diagnostics = await runner.RunAsync<CostAnalyzer>("""
            using Microsoft.Extensions.AI;

            class C
            {
                async Task Run(IChatClient chat) => await chat.GetResponseAsync("Hi", new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 5000 });
            }
            """);

        var problem = Assert.Single(diagnostics, static d => d.Id == "PL9002");
        Assert.Equal(
            $"The option '{property}' has the value '{value}', which is not an amount in US dollars above zero, such as 0.05 or 2500; PromptLint uses no budget instead",
            Message(problem));
        Assert.DoesNotContain(diagnostics, static d => d.Id == "PL1005");
    }
}
