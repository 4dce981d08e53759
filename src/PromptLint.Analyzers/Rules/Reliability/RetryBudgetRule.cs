using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using PromptLint.Analyzers.Configuration;
using PromptLint.Core.Costs;

namespace PromptLint.Analyzers.Rules.Reliability;

/// <summary>
/// PL3001: a client created with retries switched off, or with more retries than <c>promptlint.max_retries</c>. A client
/// left on its SDK's default (3 retries for OpenAI, 2 for Anthropic) has a bounded budget and is reported only when
/// <c>promptlint.require_explicit_retry_budget</c> is true.
/// </summary>
internal static class RetryBudgetRule
{
    /// <summary>The budget the code fix writes, lowered to <c>promptlint.max_retries</c> when that is smaller.</summary>
    public const int SuggestedRetries = 3;

    public static Diagnostic? Check(RetryBudget budget, string sdk, SyntaxNode client, PromptLintOptions options)
    {
        string? reason;
        string detail;
        switch (budget.Kind)
        {
            case RetryBudgetKind.Explicit when budget.Retries <= 0:
                reason = ReliabilityAnalyzer.Reasons.RetriesOff;
                detail = $"has retries switched off ({budget.Setting}), "
                    + "so a rate limit or a transient server error fails the request at once";
                break;
            case RetryBudgetKind.Explicit when budget.Retries > options.MaxRetries:
                reason = ReliabilityAnalyzer.Reasons.AboveBudget;
                detail = $"retries a failed request up to {Count(budget.Retries!.Value)} times ({budget.Setting}), above the budget of "
                    + $"{Count(options.MaxRetries)} (promptlint.max_retries), so in an outage each request is sent up to "
                    + $"{Count(budget.Retries.Value + 1)} times";
                break;
            case RetryBudgetKind.SdkDefault when options.RequireExplicitRetryBudget:
                reason = ReliabilityAnalyzer.Reasons.SdkDefault;
                var retries = budget.Retries is { } known
                    ? $"the SDK's default of {Count(known)} retries"
                    : "the SDK's default retry budget";
                detail = $"relies on {retries}; promptlint.require_explicit_retry_budget asks for the budget to be set in the code";
                break;
            default:
                return null;
        }

        var suggested = Math.Min(SuggestedRetries, options.MaxRetries);
        var properties = ImmutableDictionary.CreateBuilder<string, string?>();
        properties[ReliabilityAnalyzer.Properties.Reason] = reason;
        properties[ReliabilityAnalyzer.Properties.Retries] = budget.Retries?.ToString(CultureInfo.InvariantCulture);
        properties[ReliabilityAnalyzer.Properties.RetryFix] = budget.Fix.ToString();
        properties[ReliabilityAnalyzer.Properties.Member] = budget.Member;
        properties[ReliabilityAnalyzer.Properties.OptionsType] = budget.OptionsType;
        properties[ReliabilityAnalyzer.Properties.SuggestedRetries] = suggested.ToString(CultureInfo.InvariantCulture);

        var additional = budget.FixTarget is { } target ? new[] { target.GetLocation() } : Array.Empty<Location>();
        return Diagnostic.Create(
            Descriptors.NoRetryBudget, client.GetLocation(), additional, properties.ToImmutable(), sdk, detail);
    }

    private static string Count(int value) => CountText.Format(value);
}
