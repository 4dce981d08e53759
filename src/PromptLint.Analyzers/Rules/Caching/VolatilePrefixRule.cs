using System.Globalization;
using Microsoft.CodeAnalysis;
using PromptLint.Analyzers.CallSites;
using PromptLint.Analyzers.Configuration;
using PromptLint.Core.Catalog;
using PromptLint.Core.Costs;

namespace PromptLint.Analyzers.Rules.Caching;

/// <summary>
/// PL2001: the first segment that changes per request, when enough constant text follows it to matter. Only that
/// one is reported: everything after it is already out of the cache, and once it is moved the next one shows.
/// </summary>
internal static class VolatilePrefixRule
{
    public static IEnumerable<Diagnostic> Check(CallSite callSite, ModelInfo? model, PromptTokens tokens, PromptLintOptions options)
    {
        var prompt = callSite.Prompt;
        var first = -1;
        for (var i = 0; i < prompt.Count; i++)
        {
            if (prompt[i].Stability == Stability.Volatile)
            {
                first = i;
                break;
            }
        }

        if (first < 0)
            yield break;

        var pushedOut = tokens.ConstantFrom(prompt, first + 1, model);
        if (pushedOut < options.MinStaticTokensAfterVolatile)
            yield break;

        var volatileSegment = prompt[first];
        var call = callSite.Invocation.Syntax;
        var location = volatileSegment.Source?.Syntax is { } syntax && syntax.SyntaxTree == call.SyntaxTree
            ? syntax.GetLocation()
            : call.GetLocation();

        yield return Diagnostic.Create(
            Descriptors.VolatileBeforePrefix,
            location,
            additionalLocations: new[] { call.GetLocation() },
            properties: null,
            Describe(volatileSegment),
            CountText.Format(pushedOut));
    }

    private static string Describe(PromptSegment segment)
    {
        var text = segment.Source?.Syntax.ToString() ?? segment.Role + " message";
        text = string.Join(" ", text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(static l => l.Trim()));
        return text.Length <= 60 ? text : text.Substring(0, 57) + "...";
    }
}
