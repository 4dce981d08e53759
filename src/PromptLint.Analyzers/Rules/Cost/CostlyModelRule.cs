using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;
using PromptLint.Analyzers.Configuration;
using PromptLint.Analyzers.Sdk;
using PromptLint.Core.Catalog;
using PromptLint.Core.Costs;

namespace PromptLint.Analyzers.Rules.Cost;

/// <summary>
/// PL1002: a costly model id written into the code where an SDK takes the model: a client constructor, a
/// <c>GetChatClient</c> call, request or chat options, an <c>AsIChatClient</c> bridge, or a Semantic Kernel
/// registration. Ids from configuration, ids the catalog does not know, and ids in other APIs (a tokenizer's
/// <c>CreateForModel</c>, a service key) are not reported.
/// </summary>
internal static class CostlyModelRule
{
    /// <summary>Property of the diagnostic: cheaper models of the same provider, comma-separated, for the fix.</summary>
    public const string AlternativesProperty = "alternatives";

    private static readonly string[] s_modelParameters = { "model", "modelId", "defaultModelId" };
    private static readonly string[] s_sdkNamespaces = { "OpenAI", "Anthropic", "Microsoft.Extensions.AI", "Microsoft.SemanticKernel" };

    /// <summary>The model-id expressions an operation passes to an SDK, if any.</summary>
    public static IEnumerable<IOperation> ModelExpressions(IOperation operation, SdkSymbols sdk)
    {
        switch (operation)
        {
            case IObjectCreationOperation { Constructor: { } constructor } creation when IsSdkMember(constructor):
                return ModelArguments(creation.Arguments);
            case IInvocationOperation invocation when IsSdkMember(invocation.TargetMethod):
                return ModelArguments(invocation.Arguments);
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                when IsModelProperty(property.Property, sdk):
                return new[] { assignment.Value };
            default:
                return Array.Empty<IOperation>();
        }
    }

    public static Diagnostic? Check(IOperation expression, ModelCatalog catalog, PromptLintOptions options, CancellationToken cancellationToken)
    {
        var reference = ModelIds.FromExpression(expression, ModelSource.Call, cancellationToken);
        if (reference.Id is not { } id || options.AllowedModels.Contains(id, StringComparer.OrdinalIgnoreCase))
            return null;

        if (!catalog.TryFind(id, out var model) || options.AllowedModels.Contains(model.Id, StringComparer.OrdinalIgnoreCase) || !IsCostly(model, options))
            return null;

        var alternatives = catalog.Models
            .Where(m => m.Provider == model.Provider && !IsCostly(m, options) && m.Status == "active")
            .OrderBy(static m => m.OutputPerMTok)
            .ThenBy(static m => m.InputPerMTok)
            .ToList();
        var cheapest = alternatives.FirstOrDefault() ?? catalog.CheapestOf(model.Provider) ?? model;

        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(AlternativesProperty, string.Join(",", alternatives.OrderByDescending(static m => m.OutputPerMTok).Take(3).Select(static m => m.Id)));

        var syntax = OperationFlow.Unwrap(expression).Syntax;
        return Diagnostic.Create(
            Descriptors.CostlyModel,
            syntax.GetLocation(),
            properties,
            id,
            MoneyText.Price(model.InputPerMTok),
            MoneyText.Price(model.OutputPerMTok),
            model.Provider,
            cheapest.Id,
            MoneyText.Price(cheapest.InputPerMTok),
            MoneyText.Price(cheapest.OutputPerMTok));
    }

    private static bool IsCostly(ModelInfo model, PromptLintOptions options) =>
        model.Tier == "frontier"
        || (options.CostlyInputPrice is { } input && model.InputPerMTok >= input)
        || (options.CostlyOutputPrice is { } output && model.OutputPerMTok >= output);

    private static IEnumerable<IOperation> ModelArguments(ImmutableArray<IArgumentOperation> arguments) =>
        arguments.Where(static a => a.ArgumentKind != ArgumentKind.DefaultValue
                && a.Parameter is { } p && s_modelParameters.Contains(p.Name)
                && (p.Type.SpecialType == SpecialType.System_String || p.Type.TypeKind == TypeKind.Enum))
            .Select(static a => a.Value);

    private static bool IsSdkMember(IMethodSymbol method)
    {
        var ns = method.ContainingType?.ContainingNamespace?.ToDisplayString() ?? "";
        if (s_sdkNamespaces.Any(root => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal)))
            return true;

        // Semantic Kernel and Microsoft.Extensions.AI register clients through extensions in this namespace.
        return ns == "Microsoft.Extensions.DependencyInjection"
            && method.ContainingType!.Name.IndexOf("OpenAI", StringComparison.Ordinal) >= 0;
    }

    private static bool IsModelProperty(IPropertySymbol property, SdkSymbols sdk) =>
        (property.Name == "ModelId" && SdkSymbols.IsOrDerives(property.ContainingType, sdk.ChatOptions))
        || (property.Name == "Model" && (SdkSymbols.Is(property.ContainingType, sdk.AnthropicCreateParams)
            || SdkSymbols.Is(property.ContainingType, sdk.AnthropicBetaCreateParams)));
}
