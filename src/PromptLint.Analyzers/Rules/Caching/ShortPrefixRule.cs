using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;
using PromptLint.Analyzers.Configuration;
using PromptLint.Core.Catalog;
using PromptLint.Core.Costs;

namespace PromptLint.Analyzers.Rules.Caching;

/// <summary>
/// PL2002: a constant prefix worth caching (at least <c>promptlint.min_prefix_tokens_of_interest</c> tokens) that
/// is still below the model's minimum cacheable length. Where the count comes from a stand-in tokenizer it must be
/// below 80% of the minimum, so an undercount does not raise a false alarm.
/// </summary>
internal static class ShortPrefixRule
{
    private const decimal ApproximateMargin = 0.8m;

    public static IEnumerable<Diagnostic> Check(CallSite callSite, ModelInfo? model, PromptTokens tokens, PromptLintOptions options)
    {
        if (model is not { MinCacheableTokens: { } minimum, CacheReadPerMTok: not null })
            yield break;

        if (tokens.Prefix(callSite.Prompt, model) is not { } prefix || prefix < options.MinPrefixTokensOfInterest)
            yield break;

        var limit = model.TokensAreExact ? minimum : minimum * ApproximateMargin;
        if (prefix >= limit)
            yield break;

        var call = callSite.Invocation.Syntax;
        var declaration = PromptLocations.Declaration(callSite.Prompt[0].Source, call.SyntaxTree);
        yield return Diagnostic.Create(
            Descriptors.PrefixTooShort,
            call.GetLocation(),
            additionalLocations: declaration is null ? null : new[] { declaration },
            properties: null,
            Count(prefix),
            Count(minimum - prefix),
            Count(minimum),
            model.Id);
    }


    private static string Count(int value) => CountText.Format(value);
}
