using PromptLint.Core.Catalog;

namespace PromptLint.Core.Tests;

public sealed class BuiltInCatalogTests
{
    private static ModelInfo Find(string id)
    {
        Assert.True(ModelCatalog.BuiltIn.TryFind(id, out var model), $"'{id}' is not in the built-in catalog");
        return model;
    }

    [Fact]
    public void Loads_every_model_of_the_shipped_file()
    {
        var catalog = ModelCatalog.BuiltIn;

        // models.json holds 58 entries; LoadBuiltIn throws when any of them has a problem, so all must be kept.
        Assert.Equal(58, catalog.Models.Count);
        Assert.Equal("gpt-4o", catalog.Models[0].Id);
        Assert.Equal("gemini-3.5-flash", catalog.Models[^1].Id);
    }

    [Fact]
    public void Carries_the_catalog_dates_and_source()
    {
        var catalog = ModelCatalog.BuiltIn;

        Assert.Equal("2026-12-03", catalog.AsOf);
        Assert.Equal("2026-07-18", catalog.PriceDataAsOf);
        Assert.Equal("built-in", catalog.Source);
    }

    [Fact]
    public void Has_the_prices_and_limits_of_gpt_4o()
    {
        var model = Find("gpt-4o");

        Assert.Equal("openai", model.Provider);
        Assert.Equal("standard", model.Tier);
        Assert.Equal(2.5m, model.InputPerMTok);
        Assert.Equal(10m, model.OutputPerMTok);
        Assert.Equal(1.25m, model.CacheReadPerMTok);
        Assert.Null(model.CacheWritePerMTok);
        Assert.Equal(1024, model.MinCacheableTokens);
        Assert.Equal(16384, model.MaxOutputTokens);
        Assert.Equal(128000, model.ContextWindow);
        Assert.Equal(new[] { "gpt-4o-2024-11-20", "gpt-4o-2024-08-06" }, model.Aliases);
    }

    [Fact]
    public void Counts_gpt_4o_tokens_exactly_with_o200k_base()
    {
        var model = Find("gpt-4o");

        Assert.Equal(TokenEncodings.O200kBase, model.Encoding);
        Assert.True(model.TokensAreExact);
        Assert.Equal(1m, model.TokenMultiplier);
    }

    [Fact]
    public void Has_the_prices_and_limits_of_claude_sonnet_4_5()
    {
        var model = Find("claude-sonnet-4-5");

        Assert.Equal("anthropic", model.Provider);
        Assert.Equal(3m, model.InputPerMTok);
        Assert.Equal(15m, model.OutputPerMTok);
        Assert.Equal(0.3m, model.CacheReadPerMTok);
        Assert.Equal(3.75m, model.CacheWritePerMTok);
        Assert.Equal(1024, model.MinCacheableTokens);
        Assert.Equal(64000, model.MaxOutputTokens);
    }

    [Fact]
    public void Approximates_claude_sonnet_4_5_tokens_with_o200k_base_times_1_2()
    {
        var model = Find("claude-sonnet-4-5");

        Assert.Equal(TokenEncodings.O200kBase, model.Encoding);
        Assert.False(model.TokensAreExact);
        Assert.Equal(1.2m, model.TokenMultiplier);
    }

    [Fact]
    public void Approximates_claude_opus_4_7_tokens_with_the_new_tokenizer_multiplier_1_6()
    {
        var model = Find("claude-opus-4-7");

        Assert.False(model.TokensAreExact);
        Assert.Equal(1.6m, model.TokenMultiplier);
    }

    [Theory]
    [InlineData("gemini-2.0-flash")]
    [InlineData("gemini-2.5-flash")]
    [InlineData("gemini-2.5-pro")]
    [InlineData("gemini-3-pro-preview")]
    [InlineData("gemini-3.5-flash")]
    public void Approximates_gemini_tokens_with_o200k_base_because_sentencepiece_is_not_shipped(string id)
    {
        var model = Find(id);

        Assert.Equal("google", model.Provider);
        Assert.Equal(TokenEncodings.O200kBase, model.Encoding);
        Assert.False(model.TokensAreExact);
        Assert.Equal(1m, model.TokenMultiplier);
    }

    [Fact]
    public void Has_the_prices_and_cache_minimum_of_gemini_2_5_pro()
    {
        var model = Find("gemini-2.5-pro");

        Assert.Equal(1.25m, model.InputPerMTok);
        Assert.Equal(10m, model.OutputPerMTok);
        Assert.Equal(0.125m, model.CacheReadPerMTok);
        Assert.Equal(2048, model.MinCacheableTokens);
        Assert.Equal(65535, model.MaxOutputTokens);
    }

    [Fact]
    public void Has_no_cache_price_nor_minimum_for_o1_pro()
    {
        var model = Find("o1-pro");

        Assert.Equal("frontier", model.Tier);
        Assert.Null(model.CacheReadPerMTok);
        Assert.Null(model.MinCacheableTokens);
    }

    [Fact]
    public void Carries_the_observed_2048_minimum_for_claude_sonnet_4_6()
    {
        var model = Find("claude-sonnet-4-6");

        Assert.Equal(2048, model.MinCacheableTokens);
    }

    [Fact]
    public void Picks_the_cheapest_model_of_a_provider_by_output_then_input_price()
    {
        // gpt-5-nano and gpt-4.1-nano both cost $0.40 output; gpt-5-nano's $0.05 input beats $0.10.
        Assert.Equal("gpt-5-nano", ModelCatalog.BuiltIn.CheapestOf("openai")?.Id);
        Assert.Equal("claude-haiku-5-5", ModelCatalog.BuiltIn.CheapestOf("Anthropic")?.Id);
        Assert.Null(ModelCatalog.BuiltIn.CheapestOf("mistral"));
    }

    [Fact]
    public void Cheapest_model_leaves_out_deprecated_ones()
    {
        // gemini-2.0-flash-lite ($0.075 / $0.30) is cheaper but deprecated; gemini-2.5-flash-lite ($0.10 / $0.40) is active.
        Assert.Equal("deprecated", Find("gemini-2.0-flash-lite").Status);
        Assert.Equal("gemini-2.5-flash-lite", ModelCatalog.BuiltIn.CheapestOf("google")?.Id);
    }
}
