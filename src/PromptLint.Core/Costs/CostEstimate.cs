using PromptLint.Core.Catalog;

namespace PromptLint.Core.Costs;

/// <summary>What one request costs, uncached and with a warm prompt cache.</summary>
public readonly struct CostEstimate
{
    private const decimal TokensPerPriceUnit = 1_000_000m;

    private CostEstimate(decimal uncached, decimal warmCache, int cachedTokens)
    {
        Uncached = uncached;
        WarmCache = warmCache;
        CachedTokens = cachedTokens;
    }

    /// <summary>USD per call when nothing is read from the cache.</summary>
    public decimal Uncached { get; }

    /// <summary>USD per call when the cacheable prefix is read from a warm cache.</summary>
    public decimal WarmCache { get; }

    /// <summary>The input tokens billed at the cache-read price on a warm call; 0 when the prefix cannot be cached.</summary>
    public int CachedTokens { get; }

    /// <summary>
    /// Prices one call. The prefix counts as cached on a warm call only when the model has a cache-read price and the
    /// prefix reaches the model's minimum cacheable length.
    /// </summary>
    /// <param name="model">The catalog entry whose prices apply.</param>
    /// <param name="inputTokens">All input tokens of the request, static and assumed dynamic.</param>
    /// <param name="outputTokens">The output tokens: the cap where one is set, else the assumed output.</param>
    /// <param name="prefixTokens">The tokens of the constant or stable start of the prompt.</param>
    public static CostEstimate Of(ModelInfo model, int inputTokens, int outputTokens, int prefixTokens)
    {
        var outputCost = outputTokens * model.OutputPerMTok / TokensPerPriceUnit;
        var uncached = inputTokens * model.InputPerMTok / TokensPerPriceUnit + outputCost;

        var cached = 0;
        if (model.CacheReadPerMTok is not null && model.MinCacheableTokens is { } minimum && prefixTokens >= minimum)
            cached = Math.Min(prefixTokens, inputTokens);

        var warm = uncached;
        if (cached > 0)
        {
            var readPrice = model.CacheReadPerMTok!.Value;
            warm = cached * readPrice / TokensPerPriceUnit
                + (inputTokens - cached) * model.InputPerMTok / TokensPerPriceUnit
                + outputCost;
        }

        return new CostEstimate(uncached, warm, cached);
    }
}
