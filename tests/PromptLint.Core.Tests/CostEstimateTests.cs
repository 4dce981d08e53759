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
    public void Writes_a_one_hour_prefix_at_twice_the_input_price_on_claude()
    {
        var cost = CostEstimate.Of(BuiltIn("claude-opus-4-1"), inputTokens: 10_000, outputTokens: 100, prefixTokens: 8_000, oneHourWrite: true);

        // Every call misses: 8,000 x $30/1M + 2,000 x $15/1M + 100 x $75/1M = 0.24 + 0.03 + 0.0075
        Assert.Equal(0.2775m, cost.AtCacheHitRate(0m));
        // Hits read at the same price whatever the lifetime: 8,000 x $1.50/1M + 0.03 + 0.0075 = 0.012 + 0.0375
        Assert.Equal(0.0495m, cost.WarmCache);
    }

    [Fact]
    public void Writes_a_five_minute_prefix_at_1_25_times_the_input_price_on_claude()
    {
        var cost = CostEstimate.Of(BuiltIn("claude-opus-4-1"), inputTokens: 10_000, outputTokens: 100, prefixTokens: 8_000);

        // 8,000 x $18.75/1M + 2,000 x $15/1M + 100 x $75/1M = 0.15 + 0.03 + 0.0075
        Assert.Equal(0.1875m, cost.AtCacheHitRate(0m));
    }

    [Fact]
    public void Writes_a_one_hour_prefix_at_the_write_price_where_the_catalog_has_no_one_hour_price()
    {
        var model = new ModelInfo
        {
            Id = "short-cache-llm", InputPerMTok = 2m, OutputPerMTok = 8m, CacheReadPerMTok = 0.2m, CacheWritePerMTok = 2.5m,
            MinCacheableTokens = 1024,
        };

        var cost = CostEstimate.Of(model, inputTokens: 2_000, outputTokens: 0, prefixTokens: 2_000, oneHourWrite: true);

        // 2,000 x $2.50/1M
        Assert.Equal(0.005m, cost.AtCacheHitRate(0m));
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

    [Fact]
    public void Prices_the_worked_example_at_a_90_percent_hit_rate_with_the_anthropic_write_premium()
    {
        var cost = CostEstimate.Of(BuiltIn("claude-sonnet-4-5"), inputTokens: 2_350, outputTokens: 280, prefixTokens: 2_000);

        // Not cached: 350 x $3/1M + 280 x $15/1M = 0.00105 + 0.0042 = 0.00525
        // Hits read the prefix: 2,000 x $0.30/1M = 0.0006; misses write it at 1.25x input: 2,000 x $3.75/1M = 0.0075
        // 0.00525 + 0.9 x 0.0006 + 0.1 x 0.0075 = 0.00525 + 0.00054 + 0.00075
        Assert.Equal(0.00654m, cost.AtCacheHitRate(0.9m));
        // 250,000 requests: $1,635.00 a month instead of $2,812.50 uncached, $1,177.50 saved
        Assert.Equal(1_635.00m, cost.AtCacheHitRate(0.9m) * 250_000);
        Assert.Equal(1_177.50m, (cost.Uncached - cost.AtCacheHitRate(0.9m)) * 250_000);
    }

    [Fact]
    public void Anthropic_cache_at_a_zero_hit_rate_costs_more_than_no_cache()
    {
        var cost = CostEstimate.Of(BuiltIn("claude-sonnet-4-5"), inputTokens: 2_350, outputTokens: 280, prefixTokens: 2_000);

        // Every request writes the prefix and none reads it: 0.00525 + 2,000 x $3.75/1M = 0.00525 + 0.0075
        Assert.Equal(0.01275m, cost.AtCacheHitRate(0m));
        Assert.True(cost.AtCacheHitRate(0m) > cost.Uncached);
        // 250,000 x 0.01275 = 3,187.50, which is 375.00 more than 2,812.50 uncached
        Assert.Equal(3_187.50m, cost.AtCacheHitRate(0m) * 250_000);
    }

    [Fact]
    public void A_hit_rate_of_one_is_the_warm_cache_price()
    {
        var cost = CostEstimate.Of(BuiltIn("claude-sonnet-4-5"), inputTokens: 2_350, outputTokens: 280, prefixTokens: 2_000);

        // 0.00525 + 2,000 x $0.30/1M
        Assert.Equal(0.00585m, cost.AtCacheHitRate(1m));
        Assert.Equal(cost.WarmCache, cost.AtCacheHitRate(1m));
    }

    [Fact]
    public void OpenAI_misses_pay_the_plain_input_price_so_a_zero_hit_rate_is_the_uncached_price()
    {
        var cost = CostEstimate.Of(BuiltIn("gpt-4o"), inputTokens: 3_680, outputTokens: 500, prefixTokens: 3_063);

        // Not cached: 617 x $2.50/1M + 500 x $10/1M = 0.0015425 + 0.005 = 0.0065425
        // Read: 3,063 x $1.25/1M = 0.00382875; write (no premium): 3,063 x $2.50/1M = 0.0076575
        // 0.0065425 + 0.8 x 0.00382875 + 0.2 x 0.0076575 = 0.0065425 + 0.003063 + 0.0015315
        Assert.Equal(0.011137m, cost.AtCacheHitRate(0.8m));
        Assert.Equal(0.0142m, cost.AtCacheHitRate(0m));
        Assert.Equal(cost.Uncached, cost.AtCacheHitRate(0m));
    }

    [Fact]
    public void The_hit_rate_changes_nothing_when_the_prefix_is_below_the_minimum()
    {
        var cost = CostEstimate.Of(BuiltIn("claude-sonnet-4-5"), inputTokens: 2_350, outputTokens: 280, prefixTokens: 1_023);

        Assert.Equal(0.01125m, cost.AtCacheHitRate(0m));
        Assert.Equal(0.01125m, cost.AtCacheHitRate(0.9m));
    }

    [Fact]
    public void Monthly_figures_of_a_record_multiply_the_per_call_costs_by_the_traffic()
    {
        var record = new Reports.CallSiteRecord
        {
            CallsPerMonth = 250_000,
            CostPerCall = 0.01125m,
            CostPerCallCached = 0.00654m,
            CheapestModel = "claude-haiku-5-5",
            // claude-haiku-5-5, same tokens: 2,350 x $0.10/1M + 280 x $0.50/1M = 0.000235 + 0.00014
            CostPerCallCheapest = 0.000375m,
        };

        Assert.Equal(2_812.50m, record.MonthlyCost);
        Assert.Equal(1_635.00m, record.MonthlyCostCached);
        // 250,000 x 0.000375
        Assert.Equal(93.75m, record.MonthlyCostCheapest);
        Assert.Equal(1_177.50m, record.MonthlySavingsFromCache);
        Assert.Equal(2_718.75m, record.MonthlySavingsFromCheapestModel);
    }
}
