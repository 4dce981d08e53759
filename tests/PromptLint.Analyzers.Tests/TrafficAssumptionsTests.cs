using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.ML.Tokenizers;
using PromptLint.Analyzers.Rules.Cost;
using PromptLint.Core.Reports;

namespace PromptLint.Analyzers.Tests;

/// <summary>
/// promptlint.json as the analyzers apply it: traffic, dynamic-part sizes, output and hit rate per call site, member
/// and project, and the monthly, cached and cheapest-model figures that follow, in PL1003 and in the report records.
/// </summary>
public sealed class TrafficAssumptionsTests
{
    private const string ConfigPath = "/src/promptlint.json";
    private const string Policy = "You are the support assistant for Acme Cloud Backup. Answer in two sentences and never promise refunds.";

    private static readonly Tokenizer s_o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");

    private static AnalyzerRunner WithTraffic(string json) => new AnalyzerRunner().WithAdditionalFile(ConfigPath, json, "Config");

    private static async Task<List<Diagnostic>> Costs(string source, AnalyzerRunner runner) =>
        (await runner.RunAsync<CostAnalyzer>(source))
            .Where(static d => d.Id == "PL1003")
            .OrderBy(static d => d.Location.SourceSpan.Start)
            .ToList();

    private static string? Property(Diagnostic diagnostic, string name) => diagnostic.Properties[name];

    private static decimal Money(Diagnostic diagnostic, string name) =>
        decimal.Parse(diagnostic.Properties[name]!, CultureInfo.InvariantCulture);

    private static int Int(Diagnostic diagnostic, string name) =>
        int.Parse(diagnostic.Properties[name]!, CultureInfo.InvariantCulture);

    // Claude has no public tokenizer: o200k_base scaled by the catalog's multiplier, rounded half away from zero.
    private static int Claude(string text, decimal multiplier) =>
        (int)Math.Round(s_o200k.CountTokens(text) * multiplier, MidpointRounding.AwayFromZero);

    private static string OpenAICall(string member, string model = "gpt-4o-mini", string cap = "200") => $$"""
        using OpenAI.Chat;

        namespace Shop;

        class Answers
        {
            const string Policy = "{{Policy}}";

            async Task {{member}}(string key, string question)
            {
                var client = new ChatClient("{{model}}", key);
                await client.CompleteChatAsync(
                    [new SystemChatMessage(Policy), new UserChatMessage(question)],
                    new ChatCompletionOptions { MaxOutputTokenCount = {{cap}} });
            }
        }
        """;

    [Fact]
    public async Task Member_traffic_and_a_named_part_give_the_monthly_cost()
    {
        var runner = WithTraffic("""
            { "callSites": { "Answers.WriteAsync": { "callsPerMonth": 120000, "dynamicParts": { "question": 150 } } } }
            """);

        var cost = Assert.Single(await Costs(OpenAICall("WriteAsync"), runner));

        // Policy, then framing of 3 per message for 2 messages and 3 for the reply; the question is the stated 150.
        var input = s_o200k.CountTokens(Policy) + 9 + 150;
        // gpt-4o-mini: $0.15 input and $0.60 output per 1M tokens; the cap of 200 is the output.
        var perCall = input * 0.15m / 1_000_000m + 200 * 0.60m / 1_000_000m;
        Assert.Equal(150, Int(cost, CostAnalyzer.Properties.AssumedDynamicTokens));
        Assert.Equal("member", Property(cost, CostAnalyzer.Properties.DynamicTokensSource));
        Assert.Equal("120000", Property(cost, CostAnalyzer.Properties.CallsPerMonth));
        Assert.Equal("member", Property(cost, CostAnalyzer.Properties.TrafficSource));
        Assert.Equal(perCall * 120_000, Money(cost, CostAnalyzer.Properties.MonthlyCost));
        Assert.Contains("per month at 120,000 calls", cost.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Prices_the_worked_example_at_2812_dollars_50_a_month()
    {
        var source = $$"""
            using Anthropic;
            using Anthropic.Models.Messages;

            class Support(AnthropicClient client)
            {
                async Task AnswerAsync(string question) =>
                    await client.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 280,
                        System = "{{Policy}}",
                        Messages = [new UserMessageParam { Content = question }],
                    });
            }
            """;

        // claude-sonnet-4-5 counts o200k_base x 1.2, plus framing for one message; the question makes up the rest of 2,350.
        var staticTokens = Claude(Policy, 1.2m) + 3 + 3;
        var runner = WithTraffic($$"""
            { "callSites": { "Support.AnswerAsync": { "callsPerMonth": 250000, "dynamicParts": { "question": {{2_350 - staticTokens}} } } } }
            """);

        var cost = Assert.Single(await Costs(source, runner));

        Assert.Equal(2_350, Int(cost, CostAnalyzer.Properties.StaticInputTokens) + Int(cost, CostAnalyzer.Properties.AssumedDynamicTokens));
        Assert.Equal(280, Int(cost, CostAnalyzer.Properties.OutputTokens));
        // 2,350 x $3/1M + 280 x $15/1M = 0.00705 + 0.0042 = 0.01125 per call; x 250,000 = 2,812.50 a month
        Assert.Equal(0.01125m, Money(cost, CostAnalyzer.Properties.CostPerCall));
        Assert.Equal(2_812.50m, Money(cost, CostAnalyzer.Properties.MonthlyCost));
        Assert.Contains("$2,812.50 per month at 250,000 calls", cost.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_call_site_entry_picks_the_Nth_call_and_the_others_take_the_project_default()
    {
        var runner = WithTraffic("""
            {
              "defaults": { "callsPerMonth": 1000 },
              "callSites": { "Shop.Triage.RunAsync#2": { "callsPerMonth": 5000 } }
            }
            """);

        var costs = await Costs("""
            using Microsoft.Extensions.AI;

            namespace Shop;

            class Triage
            {
                async Task RunAsync(IChatClient chat, string text)
                {
                    await chat.GetResponseAsync("Classify: " + text, new ChatOptions { ModelId = "gpt-4o-mini", MaxOutputTokens = 5 });
                    await chat.GetResponseAsync("Summarize: " + text, new ChatOptions { ModelId = "gpt-4o-mini", MaxOutputTokens = 50 });
                }
            }
            """, runner);

        Assert.Equal(2, costs.Count);
        Assert.Equal(("1000", "project"), (Property(costs[0], CostAnalyzer.Properties.CallsPerMonth), Property(costs[0], CostAnalyzer.Properties.TrafficSource)));
        Assert.Equal(("5000", "callSite"), (Property(costs[1], CostAnalyzer.Properties.CallsPerMonth), Property(costs[1], CostAnalyzer.Properties.TrafficSource)));
    }

    [Fact]
    public async Task Call_sites_in_lambdas_and_local_functions_count_in_source_order_of_their_member()
    {
        var log = Path.Combine(Path.GetTempPath(), "promptlint-tests", Guid.NewGuid().ToString("N"), "callsites.json");
        var runner = WithTraffic("""{ "callSites": { "Agent.Run#2": { "callsPerMonth": 2 }, "Agent.Run#3": { "callsPerMonth": 3 } } }""")
            .WithGlobalOption("build_property.PromptLintCallSiteLog", log);

        var costs = await Costs("""
            using Microsoft.Extensions.AI;

            class Agent(IChatClient chat)
            {
                async Task Run(string text)
                {
                    Func<Task> later = async () => await chat.GetResponseAsync("One " + text, new ChatOptions { MaxOutputTokens = 5 });
                    await Local();
                    await chat.GetResponseAsync("Three " + text, new ChatOptions { MaxOutputTokens = 5 });

                    async Task Local() => await chat.GetResponseAsync("Two " + text, new ChatOptions { MaxOutputTokens = 5 });
                }
            }
            """, runner);
        var records = CostReportJson.Read(File.ReadAllText(log)).CallSites;
        Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);

        // Source order: "One" (1), "Three" (2), "Two" (3), as the report numbers them.
        Assert.Equal([null, "2", "3"], costs.Select(static c => Property(c, CostAnalyzer.Properties.CallsPerMonth)));
        Assert.Equal([(1, (long?)null), (2, 2L), (3, 3L)], records.Select(static r => (r.Ordinal, r.CallsPerMonth)));
    }

    [Fact]
    public async Task A_key_with_parameters_names_one_overload_and_a_bare_name_all_of_them()
    {
        var runner = WithTraffic("""
            { "callSites": { "Bot.Ask(string)": { "callsPerMonth": 10 }, "Bot.Ask": { "callsPerMonth": 20 } } }
            """);

        var costs = await Costs("""
            using Microsoft.Extensions.AI;

            class Bot(IChatClient chat)
            {
                async Task Ask(string question) => await chat.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 5 });
                async Task Ask(int ticket) => await chat.GetResponseAsync($"Ticket {ticket}", new ChatOptions { MaxOutputTokens = 5 });
            }
            """, runner);

        Assert.Equal(["10", "20"], costs.Select(static c => Property(c, CostAnalyzer.Properties.CallsPerMonth)));
    }

    [Fact]
    public async Task Each_figure_comes_from_the_most_specific_level_that_states_it()
    {
        // The call site states the hit rate, the member the output, the project the traffic and the part size.
        var runner = WithTraffic("""
            {
              "defaults": { "callsPerMonth": 3000, "dynamicTokens": 120, "outputTokens": 900, "cacheHitRate": 0.1 },
              "callSites": {
                "Bot.Ask": { "outputTokens": 300, "cacheHitRate": 0.2 },
                "Bot.Ask#1": { "cacheHitRate": 0.9 }
              }
            }
            """).WithOption("promptlint.assumed_dynamic_tokens", "50").WithOption("promptlint.assumed_output_tokens", "700");

        var cost = Assert.Single(await Costs("""
            using Microsoft.Extensions.AI;

            class Bot(IChatClient chat)
            {
                async Task Ask(string question) => await chat.GetResponseAsync(question, new ChatOptions { ModelId = "gpt-4o" });
            }
            """, runner));

        Assert.Equal("0.9", Property(cost, CostAnalyzer.Properties.CacheHitRate));
        Assert.Equal(300, Int(cost, CostAnalyzer.Properties.OutputTokens));
        Assert.Equal("true", Property(cost, CostAnalyzer.Properties.OutputAssumed));
        Assert.Equal(("3000", "project"), (Property(cost, CostAnalyzer.Properties.CallsPerMonth), Property(cost, CostAnalyzer.Properties.TrafficSource)));
        Assert.Equal(120, Int(cost, CostAnalyzer.Properties.AssumedDynamicTokens));
        Assert.Equal("project", Property(cost, CostAnalyzer.Properties.DynamicTokensSource));
    }

    [Fact]
    public async Task Editorconfig_assumptions_apply_below_the_file_and_built_in_ones_below_them()
    {
        const string Source = """
            using Microsoft.Extensions.AI;

            class Bot(IChatClient chat)
            {
                async Task Ask(string question) => await chat.GetResponseAsync(question, new ChatOptions { ModelId = "gpt-4o" });
            }
            """;

        var stated = Assert.Single(await Costs(Source, WithTraffic("""{ "defaults": { "callsPerMonth": 10 } }""")
            .WithOption("promptlint.assumed_dynamic_tokens", "50")
            .WithOption("promptlint.assumed_cache_hit_rate", "0.25")));
        var builtIn = Assert.Single(await Costs(Source, WithTraffic("""{ "defaults": { "callsPerMonth": 10 } }""")));

        Assert.Equal((50, "editorconfig", "0.25"), (Int(stated, CostAnalyzer.Properties.AssumedDynamicTokens),
            Property(stated, CostAnalyzer.Properties.DynamicTokensSource), Property(stated, CostAnalyzer.Properties.CacheHitRate)));
        Assert.Equal((200, "default", "0.5"), (Int(builtIn, CostAnalyzer.Properties.AssumedDynamicTokens),
            Property(builtIn, CostAnalyzer.Properties.DynamicTokensSource), Property(builtIn, CostAnalyzer.Properties.CacheHitRate)));
        Assert.Equal(500, Int(builtIn, CostAnalyzer.Properties.OutputTokens));
    }

    [Fact]
    public async Task The_cap_wins_over_a_stated_output()
    {
        var runner = WithTraffic("""{ "callSites": { "Answers.WriteAsync": { "outputTokens": 900 } } }""");

        var cost = Assert.Single(await Costs(OpenAICall("WriteAsync", cap: "64"), runner));

        Assert.Equal(64, Int(cost, CostAnalyzer.Properties.OutputTokens));
        Assert.Equal("false", Property(cost, CostAnalyzer.Properties.OutputAssumed));
    }

    [Fact]
    public async Task A_part_size_from_a_less_specific_level_makes_the_source_that_level()
    {
        // The question is named at the call site; the tone is left to the built-in assumption, so the figure as a
        // whole is only as good as that assumption.
        var runner = WithTraffic("""{ "callSites": { "Bot.Ask": { "dynamicParts": { "question": 40 } } } }""");

        var cost = Assert.Single(await Costs("""
            using Microsoft.Extensions.AI;

            class Bot(IChatClient chat)
            {
                async Task Ask(string question, string tone) =>
                    await chat.GetResponseAsync($"Answer {question} in a {tone} tone.", new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 5 });
            }
            """, runner));

        // 40 stated for the question + 200 built-in for the tone
        Assert.Equal(240, Int(cost, CostAnalyzer.Properties.AssumedDynamicTokens));
        Assert.Equal("default", Property(cost, CostAnalyzer.Properties.DynamicTokensSource));
    }

    [Fact]
    public async Task Parts_built_by_a_helper_are_named_by_what_the_caller_passes_and_by_their_expression()
    {
        var runner = WithTraffic("""
            { "callSites": { "Writer.WriteAsync": { "dynamicParts": { "category": 10, "Format(articles)": 3000 } } } }
            """);

        var cost = Assert.Single(await Costs("""
            using OpenAI.Chat;

            class Writer(ChatClient client)
            {
                async Task WriteAsync(string category, string[] articles) =>
                    await client.CompleteChatAsync(Build(category, articles), new ChatCompletionOptions { MaxOutputTokenCount = 10 });

                static List<ChatMessage> Build(string category, string[] articles) =>
                    [new SystemChatMessage($"Category: {category}\nArticles:\n{Format(articles)}")];

                static string Format(string[] articles)
                {
                    if (articles.Length == 0)
                        return "none";
                    return string.Join("\n", articles);
                }
            }
            """, runner));

        Assert.Equal(3_010, Int(cost, CostAnalyzer.Properties.AssumedDynamicTokens));
        Assert.Equal("member", Property(cost, CostAnalyzer.Properties.DynamicTokensSource));
    }

    [Fact]
    public async Task A_Semantic_Kernel_template_variable_is_a_named_part()
    {
        var runner = WithTraffic("""{ "defaults": { "dynamicParts": { "$input": 700 } } }""");

        var cost = Assert.Single(await Costs("""
            using Microsoft.SemanticKernel;

            class Translator(Kernel kernel)
            {
                async Task Run() => await kernel.InvokePromptAsync("Translate to French: {{$input}}");
            }
            """, runner));

        Assert.Equal(700, Int(cost, CostAnalyzer.Properties.AssumedDynamicTokens));
        Assert.Equal("project", Property(cost, CostAnalyzer.Properties.DynamicTokensSource));
    }

    [Fact]
    public async Task Cost_at_the_stated_hit_rate_reads_hits_and_writes_misses()
    {
        var longPolicy = string.Join(" ", Enumerable.Repeat("Check the order number before answering.", 200));
        var runner = WithTraffic("""{ "callSites": { "Answers.WriteAsync": { "cacheHitRate": 0.9, "dynamicParts": { "question": 100 } } } }""");

        var cost = Assert.Single(await Costs(OpenAICall("WriteAsync", model: "gpt-4o", cap: "100").Replace(Policy, longPolicy), runner));

        var prefix = s_o200k.CountTokens(longPolicy);
        Assert.True(prefix >= 1024, "the test needs a prefix above gpt-4o's 1,024-token minimum");
        var rest = 9 + 100;
        // gpt-4o: $2.50 input, $1.25 cache read, no write premium (misses write at $2.50), $10 output per 1M tokens.
        var notCached = rest * 2.5m / 1_000_000m + 100 * 10m / 1_000_000m;
        var expected = notCached + 0.9m * (prefix * 1.25m / 1_000_000m) + 0.1m * (prefix * 2.5m / 1_000_000m);
        Assert.Equal(expected, Money(cost, CostAnalyzer.Properties.CostPerCallCached));
    }

    [Fact]
    public async Task Anthropic_cost_at_a_zero_hit_rate_pays_the_write_premium_only_with_a_breakpoint()
    {
        var longPolicy = string.Join(" ", Enumerable.Repeat("Check the order number before answering.", 250));
        var source = $$"""
            using Anthropic;
            using Anthropic.Models.Messages;

            class Desk(AnthropicClient client)
            {
                const string Policy = "{{longPolicy}}";

                async Task Plain(string q) => await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5", MaxTokens = 100, System = Policy,
                    Messages = [new UserMessageParam { Content = q }],
                });

                async Task Marked(string q) => await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5", MaxTokens = 100,
                    System = new List<TextBlockParam> { new() { Text = Policy, CacheControl = new CacheControlEphemeral() } },
                    Messages = [new UserMessageParam { Content = q }],
                });
            }
            """;
        var runner = WithTraffic("""{ "defaults": { "cacheHitRate": 0 } }""");

        var costs = await Costs(source, runner);

        var prefix = Claude(longPolicy, 1.2m);
        var input = prefix + 3 + 3 + 200;
        // claude-sonnet-4-5: $3 input, $3.75 cache write (1.25x), $15 output per 1M tokens.
        var uncached = input * 3m / 1_000_000m + 100 * 15m / 1_000_000m;
        var everyCallWrites = (input - prefix) * 3m / 1_000_000m + prefix * 3.75m / 1_000_000m + 100 * 15m / 1_000_000m;
        Assert.Equal(uncached, Money(costs[0], CostAnalyzer.Properties.CostPerCallCached));
        Assert.Equal(everyCallWrites, Money(costs[1], CostAnalyzer.Properties.CostPerCallCached));
        Assert.True(everyCallWrites > uncached);
    }

    [Fact]
    public async Task Prices_the_same_tokens_on_the_cheapest_model_of_the_provider()
    {
        var cost = Assert.Single(await Costs(OpenAICall("WriteAsync", model: "gpt-4o"), new AnalyzerRunner()));

        var input = s_o200k.CountTokens(Policy) + 9 + 200;
        // gpt-5-nano, OpenAI's cheapest active model: $0.05 input, $0.40 output per 1M tokens; same encoding.
        Assert.Equal("gpt-5-nano", Property(cost, CostAnalyzer.Properties.CheapestModel));
        Assert.Equal(input * 0.05m / 1_000_000m + 200 * 0.40m / 1_000_000m, Money(cost, CostAnalyzer.Properties.CostPerCallCheapest));
    }

    [Fact]
    public async Task Recounts_claude_tokens_with_the_cheaper_models_multiplier()
    {
        var cost = Assert.Single(await Costs($$"""
            using Anthropic;
            using Anthropic.Models.Messages;

            class Triage(AnthropicClient client)
            {
                async Task Run(string q) => await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-opus-4-1", MaxTokens = 800, System = "{{Policy}}",
                    Messages = [new UserMessageParam { Content = q }],
                });
            }
            """, new AnalyzerRunner()));

        // claude-opus-4-1 counts o200k_base x 1.2; claude-haiku-5-5, the cheapest active Claude, x 1.6.
        Assert.Equal(Claude(Policy, 1.2m) + 6, Int(cost, CostAnalyzer.Properties.StaticInputTokens));
        var input = Claude(Policy, 1.6m) + 6 + 200;
        // claude-haiku-5-5: $0.10 input, $0.50 output per 1M tokens.
        Assert.Equal("claude-haiku-5-5", Property(cost, CostAnalyzer.Properties.CheapestModel));
        Assert.Equal(input * 0.10m / 1_000_000m + 800 * 0.50m / 1_000_000m, Money(cost, CostAnalyzer.Properties.CostPerCallCheapest));
    }

    [Fact]
    public async Task The_cheapest_model_is_priced_with_the_output_priced_here()
    {
        // A cap of 32,000 is bounded by gpt-4o-mini's maximum of 16,384; gpt-5-nano could return more, but the
        // comparison keeps the output as priced for the call.
        var cost = Assert.Single(await Costs(OpenAICall("WriteAsync", cap: "32_000"), new AnalyzerRunner()));

        var input = s_o200k.CountTokens(Policy) + 9 + 200;
        Assert.Equal(16_384, Int(cost, CostAnalyzer.Properties.OutputTokens));
        Assert.Equal(input * 0.05m / 1_000_000m + 16_384 * 0.40m / 1_000_000m, Money(cost, CostAnalyzer.Properties.CostPerCallCheapest));
    }

    [Fact]
    public async Task No_cheaper_model_when_the_call_already_uses_the_cheapest()
    {
        var cost = Assert.Single(await Costs(OpenAICall("WriteAsync", model: "gpt-5-nano"), new AnalyzerRunner()));

        Assert.Null(Property(cost, CostAnalyzer.Properties.CheapestModel));
        Assert.Null(Property(cost, CostAnalyzer.Properties.CostPerCallCheapest));
    }

    [Fact]
    public async Task No_traffic_means_no_monthly_figures()
    {
        var cost = Assert.Single(await Costs(OpenAICall("WriteAsync"), new AnalyzerRunner()));

        Assert.Null(Property(cost, CostAnalyzer.Properties.CallsPerMonth));
        Assert.Null(Property(cost, CostAnalyzer.Properties.TrafficSource));
        Assert.Null(Property(cost, CostAnalyzer.Properties.MonthlyCost));
        Assert.DoesNotContain("per month", cost.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Records_carry_traffic_sources_and_savings_figures()
    {
        var log = Path.Combine(Path.GetTempPath(), "promptlint-tests", Guid.NewGuid().ToString("N"), "callsites.json");
        var runner = WithTraffic("""
            { "defaults": { "cacheHitRate": 0.8 }, "callSites": { "Shop.Answers.WriteAsync#1": { "callsPerMonth": 40000 } } }
            """).WithGlobalOption("build_property.PromptLintCallSiteLog", log);

        var cost = Assert.Single(await Costs(OpenAICall("WriteAsync", model: "gpt-4o"), runner));
        var record = Assert.Single(CostReportJson.Read(File.ReadAllText(log)).CallSites);
        Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);

        Assert.Equal("Shop.Answers.WriteAsync(string, string)", record.Member);
        Assert.Equal(1, record.Ordinal);
        Assert.Equal(40_000, record.CallsPerMonth);
        Assert.Equal("callSite", record.TrafficSource);
        Assert.Equal("default", record.DynamicTokensSource);
        Assert.Equal(0.8m, record.CacheHitRate);
        Assert.Equal("gpt-5-nano", record.CheapestModel);
        // The report rounds to eight decimal places.
        Assert.Equal(Math.Round(Money(cost, CostAnalyzer.Properties.CostPerCallCached), 8), record.CostPerCallCached);
        Assert.Equal(Math.Round(Money(cost, CostAnalyzer.Properties.CostPerCallCheapest), 8), record.CostPerCallCheapest);
        Assert.Null(record.PromptText);
    }
}
