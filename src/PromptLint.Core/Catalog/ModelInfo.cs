namespace PromptLint.Core.Catalog;

/// <summary>One model of the catalog: its prices per million tokens, cache rules, limits and tokenizer.</summary>
public sealed class ModelInfo
{
    /// <summary>The canonical id as sent to the provider's first-party API.</summary>
    public string Id { get; set; } = "";

    /// <summary>Dated snapshots and other ids that have the same price.</summary>
    public IReadOnlyList<string> Aliases { get; set; } = Array.Empty<string>();

    /// <summary><c>openai</c>, <c>anthropic</c> or <c>google</c>.</summary>
    public string Provider { get; set; } = "";

    /// <summary><c>frontier</c>, <c>standard</c> or <c>small</c>.</summary>
    public string Tier { get; set; } = "";

    /// <summary>Uncached input price in USD per 1M tokens.</summary>
    public decimal InputPerMTok { get; set; }

    /// <summary>Output price in USD per 1M tokens.</summary>
    public decimal OutputPerMTok { get; set; }

    /// <summary>Price of a cache hit in USD per 1M tokens; null when the model has no cache discount.</summary>
    public decimal? CacheReadPerMTok { get; set; }

    /// <summary>Price of a cache write in USD per 1M tokens; null when writes cost the same as plain input.</summary>
    public decimal? CacheWritePerMTok { get; set; }

    /// <summary>
    /// Price of a cache write with a one-hour lifetime in USD per 1M tokens (Anthropic's <c>ttl: "1h"</c>, twice the input
    /// price); null when the provider has no such write, and then <see cref="CacheWritePerMTok"/> applies.
    /// </summary>
    public decimal? CacheWrite1hPerMTok { get; set; }

    /// <summary>The shortest prefix the provider caches; null when unknown or not applicable.</summary>
    public int? MinCacheableTokens { get; set; }

    /// <summary>The largest output the API accepts.</summary>
    public int MaxOutputTokens { get; set; }

    /// <summary>The total context window.</summary>
    public int ContextWindow { get; set; }

    /// <summary>The public encoding used to count tokens for this model.</summary>
    public string Encoding { get; set; } = TokenEncodings.O200kBase;

    /// <summary>The factor applied to the <see cref="Encoding"/> count; 1 for an exact encoding.</summary>
    public decimal TokenMultiplier { get; set; } = 1m;

    /// <summary><c>active</c>, <c>deprecated</c>, <c>legacy</c> or <c>retired-or-deprecated</c>.</summary>
    public string Status { get; set; } = "active";

    /// <summary>True when the model's own tokenizer is public and is the <see cref="Encoding"/>.</summary>
    public bool TokensAreExact { get; set; }
}

/// <summary>The public encodings PromptLint counts tokens with.</summary>
public static class TokenEncodings
{
    /// <summary>The encoding of GPT-4o and later OpenAI models.</summary>
    public const string O200kBase = "o200k_base";

    /// <summary>The encoding of GPT-4 and GPT-3.5 era models.</summary>
    public const string Cl100kBase = "cl100k_base";
}
