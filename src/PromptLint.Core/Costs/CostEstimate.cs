using PromptLint.Core.Catalog;

namespace PromptLint.Core.Costs;

/// <summary>What one request costs: uncached, with a warm prompt cache, and at any cache hit rate in between.</summary>
public readonly struct CostEstimate
{
    private const decimal TokensPerPriceUnit = 1_000_000m;

    // The part of the cost the cache does not change (input after the prefix, and the output), and the prefix at the
    // cache-read and the cache-write price; with the uncached price they give the cost at any hit rate.
    private readonly decimal _notCached;
    private readonly decimal _prefixRead;
    private readonly decimal _prefixWrite;

    private CostEstimate(decimal uncached, int cachedTokens, decimal notCached, decimal prefixRead, decimal prefixWrite)
    {
        Uncached = uncached;
        CachedTokens = cachedTokens;
        _notCached = notCached;
        _prefixRead = prefixRead;
        _prefixWrite = prefixWrite;
    }

    /// <summary>USD per call when nothing is read from the cache.</summary>
    public decimal Uncached { get; }

    /// <summary>USD per call when the cacheable prefix is read from a warm cache: the cost at a hit rate of 1.</summary>
    public decimal WarmCache => AtCacheHitRate(1m);

    /// <summary>The input tokens billed at the cache-read price on a warm call; 0 when the prefix cannot be cached.</summary>
    public int CachedTokens { get; }

    /// <summary>
    /// USD per call when a share <paramref name="hitRate"/> of requests finds the prefix in the cache. Hits read the
    /// prefix at the cache-read price; misses write it at the cache-write price (Anthropic's write premium, 1.25x the
    /// input price for the default five minutes and 2x for one hour, or the plain input price where the catalog has
    /// no write price). When the prefix cannot be cached this is
    /// <see cref="Uncached"/> at any rate; otherwise, on a model with a write premium, a low hit rate costs more than
    /// sending the request uncached.
    /// </summary>
    /// <param name="hitRate">The share of requests served from the cache, from 0 to 1; values outside are clamped.</param>
    public decimal AtCacheHitRate(decimal hitRate)
    {
        if (CachedTokens == 0)
            return Uncached;

        var hits = Math.Min(1m, Math.Max(0m, hitRate));
        return _notCached + hits * _prefixRead + (1m - hits) * _prefixWrite;
    }

    /// <summary>
    /// Prices one call. The prefix counts as cacheable only when the model has a cache-read price and the prefix
    /// reaches the model's minimum cacheable length.
    /// </summary>
    /// <param name="model">The catalog entry whose prices apply.</param>
    /// <param name="inputTokens">All input tokens of the request, static and assumed dynamic.</param>
    /// <param name="outputTokens">The output tokens: the cap where one is set, else the assumed output.</param>
    /// <param name="prefixTokens">The tokens of the constant or stable start of the prompt; 0 when the request is
    /// known never to be cached (an Anthropic request without a breakpoint).</param>
    /// <param name="oneHourWrite">True when the request asks the cache to keep the prefix for an hour (an Anthropic
    /// breakpoint with <c>ttl: "1h"</c>): misses write at the catalog's one-hour price where it has one.</param>
    public static CostEstimate Of(ModelInfo model, int inputTokens, int outputTokens, int prefixTokens, bool oneHourWrite = false)
    {
        var outputCost = outputTokens * model.OutputPerMTok / TokensPerPriceUnit;
        var uncached = inputTokens * model.InputPerMTok / TokensPerPriceUnit + outputCost;

        var cached = 0;
        if (model.CacheReadPerMTok is not null && model.MinCacheableTokens is { } minimum && prefixTokens >= minimum)
            cached = Math.Min(prefixTokens, inputTokens);

        if (cached == 0)
            return new CostEstimate(uncached, 0, uncached, 0m, 0m);

        var notCached = (inputTokens - cached) * model.InputPerMTok / TokensPerPriceUnit + outputCost;
        var read = cached * model.CacheReadPerMTok!.Value / TokensPerPriceUnit;
        var writePrice = (oneHourWrite ? model.CacheWrite1hPerMTok : null) ?? model.CacheWritePerMTok ?? model.InputPerMTok;
        var write = cached * writePrice / TokensPerPriceUnit;
        return new CostEstimate(uncached, cached, notCached, read, write);
    }
}
