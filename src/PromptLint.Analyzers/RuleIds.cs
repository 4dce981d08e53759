namespace PromptLint.Analyzers;

/// <summary>Every PromptLint diagnostic id, in one place.</summary>
internal static class RuleIds
{
    public const string MissingOutputCap = "PL1001";
    public const string CostlyModel = "PL1002";
    public const string CallCost = "PL1003";
    public const string CapAboveModelLimit = "PL1004";
    public const string OverBudget = "PL1005";
    public const string VolatileBeforePrefix = "PL2001";
    public const string PrefixTooShort = "PL2002";
    public const string MissingCacheBreakpoint = "PL2003";
    public const string NoRetryBudget = "PL3001";
    public const string UnboundedAgentLoop = "PL3002";
    public const string CatalogUnusable = "PL9001";
    public const string InvalidOption = "PL9002";
    public const string CallSiteLogFailed = "PL9003";
    public const string TrafficFileUnusable = "PL9007";
}

internal static class RuleCategories
{
    public const string Cost = "Cost";
    public const string Caching = "Caching";
    public const string Reliability = "Reliability";
    public const string Configuration = "Configuration";
}

internal static class HelpLinks
{
    public const string Base = "https://github.com/promptlint/promptlint/blob/main/docs/rules/";

    public static string For(string id) => Base + id + ".md";
}
