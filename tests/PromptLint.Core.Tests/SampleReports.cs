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

    public static CostReport Of(params CallSiteRecord[] callSites) => new()
    {
        Project = "SupportBot",
        CatalogSource = "built-in",
        CatalogAsOf = "2026-12-03",
        PriceDataAsOf = "2026-07-18",
        CallSites = callSites.ToList(),
    };

    public static CostReport AllKinds() => Of(AnswerWriter(), Triage(), Legacy(), NoModel());
}
