using System.Globalization;
using Microsoft.CodeAnalysis;
using PromptLint.Analyzers.CallSites;
using PromptLint.Core.Costs;

namespace PromptLint.Analyzers.Rules.Cost;

/// <summary>
/// PL1004: a constant output cap above the resolved model's maximum output, reported on the cap's value, or a prompt
/// whose constant text alone does not fit the model's context window, reported on the call. The API rejects both.
/// </summary>
internal static class ModelLimitRule
{
    public static IEnumerable<Diagnostic> Check(CallSite callSite, CallEstimate estimate)
    {
        if (estimate.Model is not { } model)
            yield break;

        var call = callSite.Invocation.Syntax;
        if (callSite.Cap is { State: CapState.Set, Value: { } cap } && model.MaxOutputTokens > 0 && cap > model.MaxOutputTokens)
        {
            var at = callSite.Cap.ValueSyntax is { } value && value.SyntaxTree == call.SyntaxTree ? value.GetLocation() : call.GetLocation();
            yield return Diagnostic.Create(
                Descriptors.CapAboveModelLimit,
                at,
                additionalLocations: new[] { call.GetLocation() },
                properties: null,
                $"The output cap of {Count(cap)} tokens is above the {Count(model.MaxOutputTokens)} tokens {model.Id} can return; the API rejects the request");
        }

        if (model.ContextWindow > 0 && estimate.StaticInputTokens > model.ContextWindow)
        {
            var approximately = estimate.TokensApproximate ? "about " : "";
            yield return Diagnostic.Create(
                Descriptors.CapAboveModelLimit,
                call.GetLocation(),
                $"The constant prompt alone is {approximately}{Count(estimate.StaticInputTokens)} tokens, more than the {Count(model.ContextWindow)}-token context window of {model.Id}; the API rejects the request");
        }
    }

    private static string Count(int value) => CountText.Format(value);
}
