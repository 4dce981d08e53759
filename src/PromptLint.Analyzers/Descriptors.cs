using Microsoft.CodeAnalysis;

namespace PromptLint.Analyzers;

internal static class Descriptors
{
    public static readonly DiagnosticDescriptor MissingOutputCap = new(
        RuleIds.MissingOutputCap,
        title: "LLM call has no output-token cap",
        messageFormat: "This {0} call sets no output-token cap ({1}), so {2}",
        RuleCategories.Cost,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Output tokens cost four to eight times input tokens. A call without a cap pays for whatever length the model chooses.",
        helpLinkUri: HelpLinks.For(RuleIds.MissingOutputCap));

    public static readonly DiagnosticDescriptor CallCost = new(
        RuleIds.CallCost,
        title: "Estimated cost of this call",
        messageFormat: "{0}: {1} input tokens ({2}), {3} output tokens ({4}); {5} per call{6}",
        RuleCategories.Cost,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "The estimated tokens and dollars of one request sent from this call site, from the model catalog's prices.",
        helpLinkUri: HelpLinks.For(RuleIds.CallCost));

    public static readonly DiagnosticDescriptor OverBudget = new(
        RuleIds.OverBudget,
        title: "Estimated cost over budget",
        messageFormat: "{0}, over the {1} budget of {2}",
        RuleCategories.Cost,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The estimated cost of this call, or the monthly cost of the project's LLM calls, is above the budget "
            + "set with PromptLintMaxCostPerCall or PromptLintMaxMonthlyCost. Raise it to an error to gate CI on the budget.",
        helpLinkUri: HelpLinks.For(RuleIds.OverBudget),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor TrafficFileUnusable = new(
        RuleIds.TrafficFileUnusable,
        title: "The traffic and assumptions file cannot be used",
        messageFormat: "Traffic and assumptions file '{0}'{1}: {2}; {3}",
        RuleCategories.Configuration,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Part of promptlint.json (or the file PromptLintConfigFile names) could not be used. PromptLint goes on "
            + "with the rest of the file, and with the .editorconfig options and built-in assumptions for what is left out.",
        helpLinkUri: HelpLinks.For(RuleIds.TrafficFileUnusable),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor CatalogUnusable = new(
        RuleIds.CatalogUnusable,
        title: "The model catalog file cannot be used",
        messageFormat: "Model catalog '{0}', line {1}, field '{2}': {3}; {4}",
        RuleCategories.Configuration,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The file named by PromptLintModelCatalog could not be read. PromptLint goes on with the rest of the file or the built-in catalog.",
        helpLinkUri: HelpLinks.For(RuleIds.CatalogUnusable),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor InvalidOption = new(
        RuleIds.InvalidOption,
        title: "A PromptLint option has an invalid value",
        messageFormat: "The option '{0}' has the value '{1}', which is not {2}; PromptLint uses {3} instead",
        RuleCategories.Configuration,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An .editorconfig option or MSBuild property that PromptLint reads could not be understood.",
        helpLinkUri: HelpLinks.For(RuleIds.InvalidOption),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor CallSiteLogFailed = new(
        RuleIds.CallSiteLogFailed,
        title: "PromptLint could not write its call-site data",
        messageFormat: "PromptLint could not write the call-site data for the cost report to '{0}': {1}",
        RuleCategories.Configuration,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The cost report is built from data the analyzers write during compilation. The build goes on without it.",
        helpLinkUri: HelpLinks.For(RuleIds.CallSiteLogFailed),
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    public static readonly DiagnosticDescriptor VolatileBeforePrefix = new(
        RuleIds.VolatileBeforePrefix,
        title: "Volatile content before the cacheable prefix",
        messageFormat: "'{0}' changes on every request and comes before {1} tokens of constant prompt text, which the provider's prompt cache can then never reuse",
        RuleCategories.Caching,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Provider caches reuse only an exact prefix of the request. Per-request content near the top makes everything after it a cache miss on every call.",
        helpLinkUri: HelpLinks.For(RuleIds.VolatileBeforePrefix));

    public static readonly DiagnosticDescriptor PrefixTooShort = new(
        RuleIds.PrefixTooShort,
        title: "Prompt prefix is shorter than the provider's minimum cacheable length",
        messageFormat: "The constant start of this prompt is about {0} tokens, {1} short of the {2} tokens {3} needs before it caches anything, so every call pays the full input price",
        RuleCategories.Caching,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        description: "Below the model's minimum cacheable length a request is never served from the prompt cache.",
        helpLinkUri: HelpLinks.For(RuleIds.PrefixTooShort));

    public static readonly DiagnosticDescriptor MissingCacheBreakpoint = new(
        RuleIds.MissingCacheBreakpoint,
        title: "Anthropic request has a cacheable prefix but no cache breakpoint",
        messageFormat: "This {0} request sends {1} constant system-prompt tokens (the model caches from {2}) with {3}, so every call pays full input price for them",
        RuleCategories.Caching,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "Anthropic caches a prompt only up to a cache_control breakpoint. Without one, a long constant system prompt is billed at the full input price on every call instead of a tenth of it on a cache hit.",
        helpLinkUri: HelpLinks.For(RuleIds.MissingCacheBreakpoint));

    public static readonly DiagnosticDescriptor CostlyModel = new(
        RuleIds.CostlyModel,
        title: "Costly model hardcoded",
        messageFormat: "{0} is a costly model ({1} input / {2} output per 1M tokens) written into the code; the cheapest {3} model in the catalog, {4}, costs {5} / {6}",
        RuleCategories.Cost,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A frontier model chosen in code is paid for on every call, whatever the task needs. Choose it in configuration, or use a cheaper model where it does the job.",
        helpLinkUri: HelpLinks.For(RuleIds.CostlyModel));

    public static readonly DiagnosticDescriptor CapAboveModelLimit = new(
        RuleIds.CapAboveModelLimit,
        title: "Output cap above the model's maximum, or prompt over the context window",
        messageFormat: "{0}",
        RuleCategories.Cost,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "The API rejects a request whose output cap exceeds the model's maximum output, or whose prompt does not fit the context window: every such call fails and may be retried.",
        helpLinkUri: HelpLinks.For(RuleIds.CapAboveModelLimit));

    public static readonly DiagnosticDescriptor NoRetryBudget = new(
        RuleIds.NoRetryBudget,
        title: "No retry budget on the LLM client",
        messageFormat: "This {0} client {1}",
        RuleCategories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "An LLM client needs a small, bounded number of retries: with none, every rate limit fails the request (and invites an unbounded retry loop around it); with too many, an outage multiplies the requests sent.",
        helpLinkUri: HelpLinks.For(RuleIds.NoRetryBudget));

    public static readonly DiagnosticDescriptor UnboundedAgentLoop = new(
        RuleIds.UnboundedAgentLoop,
        title: "LLM call inside a loop with no iteration or token ceiling",
        messageFormat: "This {0} call is inside {1} with no iteration or token ceiling: {2}",
        RuleCategories.Reliability,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A loop that calls a model until the model says it is done has no upper bound on its cost. Count the iterations or the tokens, and stop at a ceiling.",
        helpLinkUri: HelpLinks.For(RuleIds.UnboundedAgentLoop));
}
