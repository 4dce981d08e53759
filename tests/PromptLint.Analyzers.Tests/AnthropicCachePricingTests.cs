using System.Globalization;
using Microsoft.CodeAnalysis;
using PromptLint.Analyzers.Rules.Cost;

namespace PromptLint.Analyzers.Tests;

/// <summary>
/// What an Anthropic request's prompt cache costs: the prefix ends at the last <c>cache_control</c> breakpoint, and a
/// breakpoint with a one-hour TTL writes at the catalog's one-hour price.
/// </summary>
public sealed class AnthropicCachePricingTests
{
    // 250 x 6 o200k_base tokens = 1,500; claude-opus-4-1 counts o200k_base x 1.2: 1,800 tokens, over its minimum of 1,024.
    private static readonly string s_policy = string.Concat(Enumerable.Repeat("Refunds need a receipt. ", 250)).TrimEnd();

    // 5 x 6 o200k_base tokens = 30, x 1.2: 36 tokens of constant user-message text after the system breakpoint.
    private static readonly string s_instructions = string.Concat(Enumerable.Repeat("Classify the ticket below. ", 5)).TrimEnd();

    private static string Triage(string cacheControl) => $$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class TicketTriage(AnthropicClient client)
        {
            const string Policy = "{{s_policy}}";
            const string Instructions = "{{s_instructions}}";

            async Task TriageAsync(string ticket) => await client.Messages.Create(new MessageCreateParams
            {
                Model = "claude-opus-4-1",
                MaxTokens = 100,
                System = new List<TextBlockParam> { new() { Text = Policy, CacheControl = {{cacheControl}} } },
                Messages = [new UserMessageParam { Content = $"{Instructions}\n\n{ticket}" }],
            });
        }
        """;

    private static async Task<Diagnostic> Cost(string source)
    {
        var runner = new AnalyzerRunner().WithAdditionalFile("/src/promptlint.json", """{ "defaults": { "cacheHitRate": 0 } }""", "Config");
        return Assert.Single(await runner.RunAsync<CostAnalyzer>(source), static d => d.Id == "PL1003");
    }

    private static decimal Money(Diagnostic diagnostic, string name) =>
        decimal.Parse(diagnostic.Properties[name]!, CultureInfo.InvariantCulture);

    private static int Int(Diagnostic diagnostic, string name) =>
        int.Parse(diagnostic.Properties[name]!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_cached_prefix_ends_at_the_system_breakpoint()
    {
        var cost = await Cost(Triage("new CacheControlEphemeral()"));

        // The 1,800 policy tokens only: the 36 tokens of instructions in the user message come after the last breakpoint.
        Assert.Equal(1_800, Int(cost, CostAnalyzer.Properties.PrefixTokens));
    }

    [Fact]
    public async Task A_five_minute_breakpoint_writes_at_1_25_times_the_input_price()
    {
        var cost = await Cost(Triage("new CacheControlEphemeral()"));

        // Input: 1,800 policy + ≈36 instructions and "\n\n" + framing (3 for the message, 3 for the reply) + 200 assumed.
        var input = Int(cost, CostAnalyzer.Properties.StaticInputTokens) + 200;
        // At a hit rate of 0 every call writes: 1,800 x $18.75/1M = $0.03375; the rest of the input at $15/1M, and
        // 100 x $75/1M = $0.0075 of output.
        var expected = 0.03375m + (input - 1_800) * 15m / 1_000_000m + 0.0075m;
        Assert.Equal(expected, Money(cost, CostAnalyzer.Properties.CostPerCallCached));
    }

    [Fact]
    public async Task A_one_hour_breakpoint_writes_at_twice_the_input_price()
    {
        var cost = await Cost(Triage("new CacheControlEphemeral { Ttl = Ttl.Ttl1h }"));

        var input = Int(cost, CostAnalyzer.Properties.StaticInputTokens) + 200;
        // 1,800 x $30/1M = $0.054 to write the prefix on every call, the rest of the input at $15/1M, 100 x $75/1M of output.
        var expected = 0.054m + (input - 1_800) * 15m / 1_000_000m + 0.0075m;
        Assert.Equal(expected, Money(cost, CostAnalyzer.Properties.CostPerCallCached));
        Assert.Equal(1_800, Int(cost, CostAnalyzer.Properties.PrefixTokens));
    }

    [Fact]
    public async Task A_one_hour_breakpoint_reads_at_the_same_price_on_a_warm_call()
    {
        var cost = await Cost(Triage("new CacheControlEphemeral { Ttl = Ttl.Ttl1h }"));

        var input = Int(cost, CostAnalyzer.Properties.StaticInputTokens) + 200;
        // 1,800 x $1.50/1M = $0.0027 read, the rest of the input at $15/1M, 100 x $75/1M of output.
        var expected = 0.0027m + (input - 1_800) * 15m / 1_000_000m + 0.0075m;
        Assert.Equal(expected, Money(cost, CostAnalyzer.Properties.CostPerCallWarmCache));
    }

    [Fact]
    public async Task A_five_minute_ttl_written_out_is_the_default_price()
    {
        var cost = await Cost(Triage("new CacheControlEphemeral { Ttl = Ttl.Ttl5m }"));

        var input = Int(cost, CostAnalyzer.Properties.StaticInputTokens) + 200;
        var expected = 0.03375m + (input - 1_800) * 15m / 1_000_000m + 0.0075m;
        Assert.Equal(expected, Money(cost, CostAnalyzer.Properties.CostPerCallCached));
    }

    [Fact]
    public async Task Without_a_breakpoint_the_prefix_is_the_constant_start_and_is_priced_uncached()
    {
        var source = Triage("null").Replace(
            "System = new List<TextBlockParam> { new() { Text = Policy, CacheControl = null } },", "System = Policy,");

        var cost = await Cost(source);

        // 1,800 policy + 36 instruction tokens: what a breakpoint at the end of the constant text would cache. No
        // breakpoint, so nothing is cached: at any hit rate the call costs what it costs uncached.
        Assert.Equal(1_836, Int(cost, CostAnalyzer.Properties.PrefixTokens));
        Assert.Equal(Money(cost, CostAnalyzer.Properties.CostPerCall), Money(cost, CostAnalyzer.Properties.CostPerCallCached));
    }
}
