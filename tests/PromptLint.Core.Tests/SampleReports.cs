using PromptLint.Core.Reports;

namespace PromptLint.Core.Tests;

/// <summary>Reports with call sites of every kind the report writers distinguish.</summary>
internal static class SampleReports
{
    public const string Root = "/repo";

    /// <summary>Shows a path relative to <see cref="Root"/>, as the build task does for the project folder.</summary>
    public static string RelativeToRoot(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    /// <summary>gpt-4o, priced, output assumed, prefix cached on a warm call.</summary>
    public static CallSiteRecord AnswerWriter() => new()
    {
        File = "/repo/src/SupportBot/AnswerWriter.cs",
        Line = 42,
        Column = 13,
        Member = "SupportBot.AnswerWriter.WriteAsync(string)",
        Ordinal = 1,
        Sdk = "OpenAI",
        Method = "CompleteChatAsync",
        Model = "gpt-4o",
        ModelSource = "call",
        ModelKnown = true,
        StaticInputTokens = 3_180,
        DynamicSegments = 1,
        AssumedDynamicTokens = 500,
        DynamicTokensSource = "default",
        PrefixTokens = 3_063,
        OutputCap = null,
        OutputTokens = 500,
        OutputAssumed = true,
        TokensApproximate = false,
        CostPerCall = 0.0142m, // 3,680 x $2.50/1M + 500 x $10/1M
        CostPerCallWarmCache = 0.01037125m, // 3,063 x $1.25/1M + 617 x $2.50/1M + 500 x $10/1M
    };

    /// <summary>claude-sonnet-4-5, priced, output capped, approximate tokens.</summary>
    public static CallSiteRecord Triage() => new()
    {
        File = "/repo/src/SupportBot/Triage.cs",
        Line = 18,
        Column = 9,
        Member = "SupportBot.Triage.ClassifyAsync(Ticket)",
        Ordinal = 1,
        Sdk = "Anthropic",
        Method = "Messages.Create",
        Model = "claude-sonnet-4-5",
        ModelSource = "client",
        ModelKnown = true,
        StaticInputTokens = 2_350,
        DynamicSegments = 0,
        AssumedDynamicTokens = 0,
        PrefixTokens = 0,
        OutputCap = 280,
        OutputTokens = 280,
        OutputAssumed = false,
        TokensApproximate = true,
        CostPerCall = 0.01125m, // 2,350 x $3/1M + 280 x $15/1M
        CostPerCallWarmCache = 0.01125m,
    };

    /// <summary>A model id the catalog does not know: not priced.</summary>
    public static CallSiteRecord Legacy() => new()
    {
        File = "/repo/src/SupportBot/Legacy.cs",
        Line = 7,
        Column = 5,
        Member = "SupportBot.Legacy.Run()",
        Ordinal = 2,
        Sdk = "Microsoft.Extensions.AI",
        Method = "GetResponseAsync",
        Model = "my-gpt4o-deployment",
        ModelSource = "default",
        ModelKnown = false,
        StaticInputTokens = 120,
        DynamicSegments = 2,
        AssumedDynamicTokens = 1_000,
        DynamicTokensSource = "default",
        PrefixTokens = 0,
        OutputTokens = 800,
        OutputAssumed = true,
    };

    /// <summary>No model id seen at all: not priced.</summary>
    public static CallSiteRecord NoModel() => new()
    {
        File = "/repo/src/SupportBot/Summaries.cs",
        Line = 30,
        Column = 17,
        Member = "SupportBot.Summaries.MakeAsync()",
        Ordinal = 1,
        Sdk = "OpenAI",
        Method = "CompleteChat",
        Model = null,
        ModelSource = "none",
        ModelKnown = false,
        StaticInputTokens = 64,
        OutputCap = 200,
        OutputTokens = 200,
    };

    /// <summary>
    /// <see cref="AnswerWriter"/> with 100,000 calls a month for the whole project, an 80% cache hit rate and gpt-4o-mini
    /// as the cheapest OpenAI model: $1,420.00 a month uncached, $1,113.70 cached, $85.20 on gpt-4o-mini.
    /// </summary>
    public static CallSiteRecord AnswerWriterWithTraffic()
    {
        var site = AnswerWriter();
        site.CallsPerMonth = 100_000;
        site.TrafficSource = "project";
        site.DynamicTokensSource = "project";
        site.CacheHitRate = 0.8m;
        site.CostPerCallCached = 0.011137m; // 0.8 x $0.01037125 + 0.2 x $0.0142 = $0.008297 + $0.00284
        site.CheapestModel = "gpt-4o-mini";
        site.CostPerCallCheapest = 0.000852m; // 3,680 x $0.15/1M + 500 x $0.60/1M = $0.000552 + $0.0003
        return site;
    }

    /// <summary>
    /// <see cref="Triage"/> with 250,000 calls a month stated for the call site, no cacheable prefix, and
    /// claude-haiku-4-5 as the cheapest Anthropic model: 250,000 x $0.01125 = $2,812.50 a month, $937.50 on Haiku.
    /// </summary>
    public static CallSiteRecord TriageWithTraffic()
    {
        var site = Triage();
        site.CallsPerMonth = 250_000;
        site.TrafficSource = "callSite";
        site.CacheHitRate = 0m;
        site.CostPerCallCached = 0.01125m;
        site.CheapestModel = "claude-haiku-4-5";
        site.CostPerCallCheapest = 0.00375m; // 2,350 x $1/1M + 280 x $5/1M = $0.00235 + $0.0014
        return site;
    }

    public static CostReport Of(params CallSiteRecord[] callSites) => new()
    {
        Project = "SupportBot",
        CatalogSource = "built-in",
        CatalogAsOf = "2026-12-03",
        PriceDataAsOf = "2026-07-18",
        CallSites = callSites.ToList(),
    };

    public static CostReport AllKinds() => Of(AnswerWriter(), Triage(), Legacy(), NoModel());

    /// <summary>Two call sites with traffic and two without (one of them unpriced as well).</summary>
    public static CostReport WithTraffic() => Of(AnswerWriterWithTraffic(), TriageWithTraffic(), Legacy(), NoModel());
}
