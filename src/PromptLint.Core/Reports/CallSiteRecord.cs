namespace PromptLint.Core.Reports;

/// <summary>What PromptLint knows about one call site: where it is, what it sends, and what it costs.</summary>
public sealed class CallSiteRecord
{
    /// <summary>The source file, as the compiler saw it.</summary>
    public string File { get; set; } = "";

    /// <summary>1-based line of the call.</summary>
    public int Line { get; set; }

    /// <summary>1-based column of the call.</summary>
    public int Column { get; set; }

    /// <summary>The member that contains the call, for example <c>SupportBot.AnswerWriter.WriteAsync(string)</c>.</summary>
    public string Member { get; set; } = "";

    /// <summary>The call's position among the call sites of its member, from 1; with <see cref="Member"/> a stable identity.</summary>
    public int Ordinal { get; set; }

    /// <summary>The SDK: <c>OpenAI</c>, <c>Anthropic</c>, <c>Microsoft.Extensions.AI</c> or <c>Semantic Kernel</c>.</summary>
    public string Sdk { get; set; } = "";

    /// <summary>The SDK method called.</summary>
    public string Method { get; set; } = "";

    /// <summary>The model id the call resolves to, or null when none could be seen.</summary>
    public string? Model { get; set; }

    /// <summary>
    /// Where the model id came from: <c>call</c>, <c>client</c>, <c>deployment</c> (an Azure OpenAI deployment mapped in
    /// <c>promptlint.azure_deployments</c>, or not mapped), <c>default</c> or <c>none</c>.
    /// </summary>
    public string ModelSource { get; set; } = "none";

    /// <summary>True when the model id is in the catalog and the costs are priced.</summary>
    public bool ModelKnown { get; set; }

    /// <summary>The Azure OpenAI deployment the call is sent to, or null for other SDKs.</summary>
    public string? Deployment { get; set; }

    /// <summary>Tokens of the prompt text the analyzer can see, with chat framing.</summary>
    public int StaticInputTokens { get; set; }

    /// <summary>Prompt parts whose text is not known at compile time.</summary>
    public int DynamicSegments { get; set; }

    /// <summary>Tokens assumed for the dynamic parts.</summary>
    public int AssumedDynamicTokens { get; set; }

    /// <summary>Tokens of the constant start of the prompt, the part a provider cache can reuse.</summary>
    public int PrefixTokens { get; set; }

    /// <summary>The output-token cap set on the call, or null when none is set or it is not a constant.</summary>
    public int? OutputCap { get; set; }

    /// <summary>The output tokens priced: the cap where one is known, else the assumed output.</summary>
    public int OutputTokens { get; set; }

    /// <summary>True when <see cref="OutputTokens"/> is an assumption rather than the cap.</summary>
    public bool OutputAssumed { get; set; }

    /// <summary>True when the token counts come from a stand-in encoding (Claude, Gemini).</summary>
    public bool TokensApproximate { get; set; }

    /// <summary>USD per call, uncached; null when the model is unknown.</summary>
    public decimal? CostPerCall { get; set; }

    /// <summary>USD per call with a warm prompt cache; null when the model is unknown.</summary>
    public decimal? CostPerCallWarmCache { get; set; }

    /// <summary>
    /// Where <see cref="AssumedDynamicTokens"/> comes from: <c>none</c> (the prompt has no dynamic part),
    /// <c>callSite</c>, <c>member</c> or <c>project</c> (stated in <c>promptlint.json</c>), <c>editorconfig</c>
    /// (<c>promptlint.assumed_dynamic_tokens</c>) or <c>default</c> (the built-in assumption). When the parts come from
    /// different places, the least specific of them.
    /// </summary>
    public string DynamicTokensSource { get; set; } = "none";

    /// <summary>Expected requests per month from this call site, or null when no traffic is stated for it.</summary>
    public long? CallsPerMonth { get; set; }

    /// <summary>Where <see cref="CallsPerMonth"/> comes from: <c>callSite</c>, <c>member</c>, <c>project</c> or <c>none</c>.</summary>
    public string TrafficSource { get; set; } = "none";

    /// <summary>The share of requests assumed to find the prompt prefix in a warm cache, from 0 to 1.</summary>
    public decimal CacheHitRate { get; set; }

    /// <summary>
    /// USD per call at <see cref="CacheHitRate"/>: hits read the prefix at the cache-read price, misses write it at the
    /// cache-write price (Anthropic's premium included). Null when the model is unknown.
    /// </summary>
    public decimal? CostPerCallCached { get; set; }

    /// <summary>
    /// The cheapest active catalog model of the same provider, or null when the model is unknown, is that model, or
    /// the cheapest would not cost less for this call.
    /// </summary>
    public string? CheapestModel { get; set; }

    /// <summary>USD per call, uncached, on <see cref="CheapestModel"/>; null when there is none.</summary>
    public decimal? CostPerCallCheapest { get; set; }

    /// <summary>The prompt text the analyzer could see, only when the project opts in with <c>PromptLintIncludePromptText</c>.</summary>
    public string? PromptText { get; set; }

    /// <summary>Input tokens + assumed dynamic tokens.</summary>
    public int InputTokens => StaticInputTokens + AssumedDynamicTokens;

    /// <summary>USD per month, uncached; null without traffic or a priced model.</summary>
    public decimal? MonthlyCost => Monthly(CostPerCall);

    /// <summary>USD per month at <see cref="CacheHitRate"/>; null without traffic or a priced model.</summary>
    public decimal? MonthlyCostCached => Monthly(CostPerCallCached);

    /// <summary>USD per month, uncached, on <see cref="CheapestModel"/>; null without traffic or a cheaper model.</summary>
    public decimal? MonthlyCostCheapest => Monthly(CostPerCallCheapest);

    /// <summary>What the prompt cache saves per month at <see cref="CacheHitRate"/>; null when not known. Can be negative
    /// when misses pay a write premium that hits do not earn back.</summary>
    public decimal? MonthlySavingsFromCache => MonthlyCost - MonthlyCostCached;

    /// <summary>What moving to <see cref="CheapestModel"/> saves per month, uncached; null when not known.</summary>
    public decimal? MonthlySavingsFromCheapestModel => MonthlyCost - MonthlyCostCheapest;

    private decimal? Monthly(decimal? perCall) => perCall is { } cost && CallsPerMonth is { } calls ? cost * calls : null;
}
