using PromptLint.Core.Catalog;

namespace PromptLint.Core.Tests;

/// <summary><see cref="ModelCatalog.TryFind"/> on the built-in catalog.</summary>
public sealed class ModelLookupTests
{
    private static string? Lookup(string? modelId) =>
        ModelCatalog.BuiltIn.TryFind(modelId, out var model) ? model.Id : null;

    [Theory]
    [InlineData("gpt-4o")]
    [InlineData("claude-sonnet-4-5")]
    [InlineData("gemini-2.5-pro")]
    [InlineData("o3-mini")]
    public void Finds_a_model_by_its_canonical_id(string id)
    {
        Assert.Equal(id, Lookup(id));
    }

    [Theory]
    [InlineData("gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("gpt-4o-2024-11-20", "gpt-4o")]
    [InlineData("claude-sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("claude-3-5-haiku-latest", "claude-3-5-haiku")]
    [InlineData("claude-4-sonnet-20250514", "claude-sonnet-4")]
    [InlineData("gemini-2.0-flash-001", "gemini-2.0-flash")]
    public void Finds_a_dated_snapshot_listed_as_an_alias(string alias, string expected)
    {
        Assert.Equal(expected, Lookup(alias));
    }

    [Theory]
    [InlineData("us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5")]
    [InlineData("global.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5")]
    [InlineData("eu.anthropic.claude-3-5-haiku-20241022-v1:0", "claude-3-5-haiku")]
    [InlineData("apac.anthropic.claude-sonnet-4-20250514-v1:0", "claude-sonnet-4")]
    [InlineData("anthropic.claude-3-7-sonnet-20250219-v1:0", "claude-3-7-sonnet")]
    [InlineData("anthropic.claude-opus-4-1-20250805-v1:0", "claude-opus-4-1")]
    [InlineData("bedrock/us.anthropic.claude-sonnet-4-5-20250929-v1:0", "claude-sonnet-4-5")]
    public void Finds_a_bedrock_id_with_region_vendor_and_version_suffix(string bedrockId, string expected)
    {
        Assert.Equal(expected, Lookup(bedrockId));
    }

    [Theory]
    [InlineData("anthropic.claude-sonnet-4-6", "claude-sonnet-4-6")]
    [InlineData("global.anthropic.claude-sonnet-4-6", "claude-sonnet-4-6")]
    [InlineData("us.anthropic.claude-opus-4-8", "claude-opus-4-8")]
    public void Finds_a_newer_bedrock_id_without_date_or_version(string bedrockId, string expected)
    {
        Assert.Equal(expected, Lookup(bedrockId));
    }

    [Theory]
    [InlineData("anthropic.claude-opus-4-6-v1", "claude-opus-4-6")]
    [InlineData("global.anthropic.claude-opus-4-6-v1", "claude-opus-4-6")]
    public void Finds_a_bedrock_id_whose_version_suffix_has_no_colon(string bedrockId, string expected)
    {
        Assert.Equal(expected, Lookup(bedrockId));
    }

    [Theory]
    [InlineData("claude-sonnet-4-5@20250929", "claude-sonnet-4-5")]
    [InlineData("claude-opus-4-8@default", "claude-opus-4-8")]
    [InlineData("vertex_ai/claude-sonnet-4-5@20250929", "claude-sonnet-4-5")]
    [InlineData("vertex_ai/gemini-2.5-pro", "gemini-2.5-pro")]
    public void Finds_a_vertex_id_with_an_at_suffix_or_litellm_prefix(string vertexId, string expected)
    {
        Assert.Equal(expected, Lookup(vertexId));
    }

    [Theory]
    [InlineData("azure/gpt-4o", "gpt-4o")]
    [InlineData("azure/gpt-4o-2024-08-06", "gpt-4o")]
    [InlineData("azure_ai/claude-sonnet-4-5", "claude-sonnet-4-5")]
    [InlineData("gemini/gemini-2.5-flash", "gemini-2.5-flash")]
    [InlineData("openai/gpt-4o-mini", "gpt-4o-mini")]
    [InlineData("anthropic/claude-haiku-4-5", "claude-haiku-4-5")]
    public void Finds_a_litellm_style_id_with_a_provider_prefix(string litellmId, string expected)
    {
        Assert.Equal(expected, Lookup(litellmId));
    }

    [Theory]
    [InlineData("GPT-4o", "gpt-4o")]
    [InlineData("Claude-Sonnet-4-5-20250929", "claude-sonnet-4-5")]
    [InlineData("Azure/GPT-4O", "gpt-4o")]
    [InlineData("US.Anthropic.Claude-Sonnet-4-5-20250929-V1:0", "claude-sonnet-4-5")]
    [InlineData("  gpt-4o  ", "gpt-4o")]
    public void Ignores_case_and_surrounding_spaces(string modelId, string expected)
    {
        Assert.Equal(expected, Lookup(modelId));
    }

    [Theory]
    [InlineData("gpt-4o-2024-05-13")] // priced $5/$15, so it is deliberately not an alias of gpt-4o
    [InlineData("gpt-4o-2099-01-01")]
    [InlineData("claude-sonnet-4-6-20260101")]
    [InlineData("us.anthropic.claude-sonnet-4-5-20990101-v1:0")]
    [InlineData("azure/gpt-4o-2024-05-13")]
    public void Does_not_find_a_dated_snapshot_that_is_not_an_alias(string snapshot)
    {
        Assert.Null(Lookup(snapshot));
    }

    [Theory]
    [InlineData("gpt-4")]
    [InlineData("my-gpt4o-deployment")]
    [InlineData("azure/us/gpt-5.4")] // data-zone deployments cost about 1.1x list price
    [InlineData("llama-3.1-70b")]
    [InlineData("gpt-4o-mini-tts")]
    public void Does_not_find_an_unknown_id(string modelId)
    {
        Assert.Null(Lookup(modelId));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Does_not_find_a_missing_id(string? modelId)
    {
        Assert.False(ModelCatalog.BuiltIn.TryFind(modelId, out _));
    }
}
