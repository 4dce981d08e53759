using PromptLint.Core.Catalog;
using PromptLint.Core.Costs;

namespace PromptLint.Core.Tests;

public sealed class CostEstimateTests
{
    private static ModelInfo BuiltIn(string id)
    {
        Assert.True(ModelCatalog.BuiltIn.TryFind(id, out var model));
        return model;
    }

    [Fact]
    public void Prices_an_uncached_gpt_4o_call()
    {
        var cost = CostEstimate.Of(BuiltIn("gpt-4o"), inputTokens: 3_680, outputTokens: 500, prefixTokens: 3_063);

        // 3,680 x $2.50/1M + 500 x $10/1M = 0.0092 + 0.005
        Assert.Equal(0.0142m, cost.Uncached);
    }

    [Fact]
    public void Prices_a_warm_gpt_4o_call_with_the_prefix_at_the_cache_read_price()
    {
        var cost = CostEstimate.Of(BuiltIn("gpt-4o"), inputTokens: 3_680, outputTokens: 500, prefixTokens: 3_063);

        // 3,063 x $1.25/1M + (3,680 - 3,063) x $2.50/1M + 500 x $10/1M = 0.00382875 + 0.0015425 + 0.005
        Assert.Equal(0.01037125m, cost.WarmCache);
        Assert.Equal(3_063, cost.CachedTokens);
    }

    [Fact]
    public void Does_not_cache_a_prefix_one_token_below_the_minimum()
    {
        var cost = CostEstimate.Of(BuiltIn("gpt-4o"), inputTokens: 3_680, outputTokens: 500, prefixTokens: 1_023);

        Assert.Equal(0, cost.CachedTokens);
        Assert.Equal(0.0142m, cost.WarmCache);
        Assert.Equal(cost.Uncached, cost.WarmCache);
    }

    [Fact]
    public void Caches_a_prefix_of_exactly_the_minimum()
    {
        var cost = CostEstimate.Of(BuiltIn("gpt-4o"), inputTokens: 3_680, outputTokens: 500, prefixTokens: 1_024);

        // 1,024 x $1.25/1M + 2,656 x $2.50/1M + 500 x $10/1M = 0.00128 + 0.00664 + 0.005
        Assert.Equal(1_024, cost.CachedTokens);
        Assert.Equal(0.01292m, cost.WarmCache);
    }

    [Fact]
    public void Does_not_cache_on_a_model_without_a_cache_read_price()
    {
        var model = new ModelInfo
        {
            Id = "no-cache-llm", InputPerMTok = 2.5m, OutputPerMTok = 10m, CacheReadPerMTok = null, MinCacheableTokens = 1024,
        };

        var cost = CostEstimate.Of(model, inputTokens: 3_680, outputTokens: 500, prefixTokens: 3_063);

        Assert.Equal(0, cost.CachedTokens);
        Assert.Equal(0.0142m, cost.Uncached);
        Assert.Equal(0.0142m, cost.WarmCache);
    }

    [Fact]
    public void Does_not_cache_on_o1_pro_which_has_no_cache_price()
    {
        var cost = CostEstimate.Of(BuiltIn("o1-pro"), inputTokens: 10_000, outputTokens: 1_000, prefixTokens: 9_000);

        // 10,000 x $150/1M + 1,000 x $600/1M = 1.5 + 0.6
        Assert.Equal(2.1m, cost.Uncached);
        Assert.Equal(2.1m, cost.WarmCache);
        Assert.Equal(0, cost.CachedTokens);
    }

    [Fact]
    public void Does_not_cache_when_the_minimum_is_unknown()
    {
        // claude-opus-5-5 has a cache-read price ($0.20) but no documented minimum, so nothing is counted as cached.
        var cost = CostEstimate.Of(BuiltIn("claude-opus-5-5"), inputTokens: 5_000, outputTokens: 1_000, prefixTokens: 4_000);

        // 5,000 x $4/1M + 1,000 x $20/1M = 0.02 + 0.02
        Assert.Equal(0.04m, cost.Uncached);
        Assert.Equal(0.04m, cost.WarmCache);
        Assert.Equal(0, cost.CachedTokens);
    }

    [Fact]
    public void Prices_the_worked_example_of_the_brief()
    {
        var cost = CostEstimate.Of(BuiltIn("claude-sonnet-4-5"), inputTokens: 2_350, outputTokens: 280, prefixTokens: 0);

        // 2,350 x $3/1M + 280 x $15/1M = 0.00705 + 0.0042
        Assert.Equal(0.01125m, cost.Uncached);
        Assert.Equal(0.01125m, cost.WarmCache);
        // 250,000 requests x $0.01125
        Assert.Equal(2_812.50m, cost.Uncached * 250_000);
        Assert.Equal("$2,812.50", MoneyText.Format(cost.Uncached * 250_000));
    }

    [Fact]
    public void Prices_a_warm_claude_call_at_a_tenth_of_input_for_the_prefix()
    {
        var cost = CostEstimate.Of(BuiltIn("claude-sonnet-4-5"), inputTokens: 2_350, outputTokens: 280, prefixTokens: 2_000);

        // 2,000 x $0.30/1M + 350 x $3/1M + 280 x $15/1M = 0.0006 + 0.00105 + 0.0042
        Assert.Equal(0.00585m, cost.WarmCache);
        Assert.Equal(2_000, cost.CachedTokens);
    }

    [Fact]
    public void Caches_no_more_than_the_input_when_the_prefix_is_larger()
    {
        var cost = CostEstimate.Of(BuiltIn("gpt-4o"), inputTokens: 2_000, outputTokens: 0, prefixTokens: 2_500);

        // 2,000 x $1.25/1M
        Assert.Equal(2_000, cost.CachedTokens);
        Assert.Equal(0.0025m, cost.WarmCache);
        Assert.Equal(0.005m, cost.Uncached);
    }

    [Fact]
    public void Prices_a_call_with_no_tokens_at_zero()
    {
        var cost = CostEstimate.Of(BuiltIn("gpt-4o"), inputTokens: 0, outputTokens: 0, prefixTokens: 0);

        Assert.Equal(0m, cost.Uncached);
        Assert.Equal(0m, cost.WarmCache);
    }
}
