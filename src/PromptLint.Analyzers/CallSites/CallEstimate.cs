using PromptLint.Analyzers.Configuration;
using PromptLint.Core.Catalog;
using PromptLint.Core.Costs;
using PromptLint.Core.Tokens;

namespace PromptLint.Analyzers.CallSites;

/// <summary>The tokens and dollars of one request from a call site, with what was assumed to get them.</summary>
internal sealed class CallEstimate
{
    // Chat framing, per the catalog's tokenizer notes: about 3 tokens per message plus 3 to prime the reply.
    private const int FramingTokensPerMessage = 3;
    private const int FramingTokensPerRequest = 3;

    public string? ModelId { get; private set; }

    public ModelSource ModelSource { get; private set; }

    /// <summary>The Azure OpenAI deployment the call sends to, or null when the code names a model (or nothing).</summary>
    public string? Deployment { get; private set; }

    /// <summary>The catalog entry, or null when the model is unknown or none was seen.</summary>
    public ModelInfo? Model { get; private set; }

    public int StaticInputTokens { get; private set; }

    public int DynamicSegments { get; private set; }

    public int AssumedDynamicTokens { get; private set; }

    public int PrefixTokens { get; private set; }

    public int OutputTokens { get; private set; }

    public bool OutputAssumed { get; private set; }

    public bool TokensApproximate { get; private set; }

    public CostEstimate? Cost { get; private set; }

    /// <summary>Where the weakest of the dynamic-part sizes comes from; null when the prompt has no dynamic part.</summary>
    public AssumptionSource? DynamicTokensSource { get; private set; }

    public long? CallsPerMonth { get; private set; }

    public AssumptionSource? TrafficSource { get; private set; }

    public decimal CacheHitRate { get; private set; }

    /// <summary>USD per call at <see cref="CacheHitRate"/>; null when the model is unknown.</summary>
    public decimal? CostPerCallCached => Cost?.AtCacheHitRate(CacheHitRate);

    /// <summary>The cheapest active catalog model of the same provider, when it is another model and costs less here.</summary>
    public ModelInfo? CheapestModel { get; private set; }

    /// <summary>USD per call, uncached, on <see cref="CheapestModel"/> with the same prompt and output.</summary>
    public decimal? CostPerCallCheapest { get; private set; }

    public decimal? MonthlyCost => Cost is { } cost && CallsPerMonth is { } calls ? cost.Uncached * calls : null;

    public decimal? MonthlyCostCached => CostPerCallCached is { } cost && CallsPerMonth is { } calls ? cost * calls : null;

    /// <param name="callSite">The call site.</param>
    /// <param name="catalog">The catalog its model is looked up in.</param>
    /// <param name="tokens">The compilation's token counts.</param>
    /// <param name="options">The options of its file.</param>
    /// <param name="cachedPrefix">What the cache reuses: nothing for an Anthropic request without a breakpoint (its
    /// warm-cache price is its uncached price), the prompt up to the last breakpoint and at the lifetime it asks for
    /// for one with breakpoints; null for the constant start at the default lifetime.</param>
    /// <param name="assumptions">Traffic and sizes from the traffic file; null for the options alone.</param>
    public static CallEstimate For(
        CallSite callSite,
        ModelCatalog catalog,
        PromptTokens tokens,
        PromptLintOptions options,
        CachedPrefix? cachedPrefix = null,
        CallAssumptions? assumptions = null)
    {
        assumptions ??= CallAssumptions.FromOptions(options);
        cachedPrefix ??= CachedPrefix.ConstantStart;
        var estimate = new CallEstimate();
        (estimate.ModelId, estimate.ModelSource, estimate.Model) = ResolveModel(callSite, catalog, options);
        estimate.Deployment = callSite.Model.Deployment;
        var encoding = estimate.Model?.Encoding ?? TokenEncodings.O200kBase;

        var staticTokens = 0;
        var prefix = 0;
        var inPrefix = true;
        foreach (var segment in callSite.Prompt)
        {
            if (segment.Text is null)
            {
                estimate.DynamicSegments++;
                var (dynamicTokens, source) = assumptions.DynamicTokens(segment);
                estimate.AssumedDynamicTokens += dynamicTokens;
                estimate.DynamicTokensSource = estimate.DynamicTokensSource is { } weakest && weakest > source ? weakest : source;
                inPrefix = false;
                continue;
            }

            if (!segment.IsCacheable)
                inPrefix = false;

            var count = tokens.Count(segment.Text, encoding);
            staticTokens += count;
            if (inPrefix)
                prefix += count;
        }

        // A breakpoint before the end of the constant start ends what the cache keeps.
        if (cachedPrefix.UpTo is { } upTo)
            prefix = Math.Min(prefix, ConstantStart(upTo, encoding, tokens));

        var framing = Framing(callSite);
        var multiplier = estimate.Model?.TokenMultiplier ?? 1m;
        estimate.StaticInputTokens = Scale(staticTokens, multiplier) + framing;
        estimate.PrefixTokens = Scale(prefix, multiplier);
        estimate.TokensApproximate = estimate.Model is { TokensAreExact: false };
        estimate.OutputTokens = OutputFor(callSite, estimate.Model, assumptions, out var assumed);
        estimate.OutputAssumed = assumed;
        estimate.CallsPerMonth = assumptions.CallsPerMonth;
        estimate.TrafficSource = assumptions.TrafficSource;
        estimate.CacheHitRate = assumptions.CacheHitRate ?? options.AssumedCacheHitRate;

        if (estimate.Model is not { } model)
            return estimate;

        estimate.Cost = CostEstimate.Of(
            model,
            estimate.StaticInputTokens + estimate.AssumedDynamicTokens,
            estimate.OutputTokens,
            cachedPrefix.CanBeCached ? estimate.PrefixTokens : 0,
            cachedPrefix.OneHour);

        // The same prompt on the provider's cheapest model, counted with that model's encoding and multiplier, with
        // the same dynamic-part sizes and the same output as priced here.
        if (catalog.CheapestOf(model.Provider) is { } cheapest && !string.Equals(cheapest.Id, model.Id, StringComparison.OrdinalIgnoreCase))
        {
            var cheapestStatic = cheapest.Encoding == encoding ? staticTokens : CountStatic(callSite, cheapest.Encoding, tokens);
            var input = Scale(cheapestStatic, cheapest.TokenMultiplier) + framing + estimate.AssumedDynamicTokens;
            var cost = CostEstimate.Of(cheapest, input, estimate.OutputTokens, 0).Uncached;
            if (cost < estimate.Cost.Value.Uncached)
            {
                estimate.CheapestModel = cheapest;
                estimate.CostPerCallCheapest = cost;
            }
        }

        return estimate;
    }

    /// <summary>The output priced: a positive constant cap bounded by the model's maximum, else the assumed output.</summary>
    private static int OutputFor(CallSite callSite, ModelInfo? model, CallAssumptions assumptions, out bool assumed)
    {
        // A cap the API would reject (zero or less) says nothing about the output; one above the model's maximum is
        // bounded by that maximum (PL1004 reports it).
        assumed = false;
        if (callSite.Cap is { State: CapState.Set, Value: > 0 and var cap })
            return model is { MaxOutputTokens: > 0 and var maximum } ? Math.Min(cap, maximum) : cap;

        assumed = true;
        return assumptions.OutputTokens ?? PromptLintOptions.DefaultAssumedOutputTokens;
    }

    /// <summary>The tokens of the constant or stable start of <paramref name="segments"/>, up to the first part that is not.</summary>
    private static int ConstantStart(IReadOnlyList<PromptSegment> segments, string encoding, PromptTokens tokens)
    {
        var count = 0;
        foreach (var segment in segments)
        {
            if (segment.Text is null || !segment.IsCacheable)
                break;
            count += tokens.Count(segment.Text, encoding);
        }

        return count;
    }

    private static int CountStatic(CallSite callSite, string encoding, PromptTokens tokens)
    {
        var count = 0;
        foreach (var segment in callSite.Prompt)
        {
            if (segment.Text is { } text)
                count += tokens.Count(text, encoding);
        }

        return count;
    }

    private static int Framing(CallSite callSite) =>
        callSite.MessageCount > 0 ? callSite.MessageCount * FramingTokensPerMessage + FramingTokensPerRequest : 0;

    /// <summary>
    /// The model a call site sends to: the one the code shows, else <c>promptlint.default_model</c>; with its catalog
    /// entry, or null when the catalog does not know it. Rules that need only the model ask this, not a full estimate.
    /// An Azure OpenAI deployment is the model <c>promptlint.azure_deployments</c> maps it to, or no model at all: a
    /// deployment name is never taken for a model id, and the default model is not assumed for it.
    /// </summary>
    public static (string? Id, ModelSource Source, ModelInfo? Model) ResolveModel(CallSite callSite, ModelCatalog catalog, PromptLintOptions options)
    {
        if (callSite.Model.Deployment is { } deployment)
        {
            var mapped = MappedModel(deployment, options);
            return (mapped, ModelSource.Deployment, catalog.TryFind(mapped, out var served) ? served : null);
        }

        var (id, source) = callSite.Model.Id is null && options.DefaultModel is { } fallback
            ? (fallback, ModelSource.Default)
            : (callSite.Model.Id, callSite.Model.Source);
        return (id, source, catalog.TryFind(id, out var model) ? model : null);
    }

    /// <summary>The model <c>promptlint.azure_deployments</c> maps a deployment to, or null when it is not mapped.</summary>
    public static string? MappedModel(string deployment, PromptLintOptions options) =>
        options.AzureDeployments.TryGetValue(deployment, out var model) ? model : null;

    private static int Scale(int tokens, decimal multiplier) =>
        multiplier == 1m ? tokens : (int)Math.Round(tokens * multiplier, MidpointRounding.AwayFromZero);
}
