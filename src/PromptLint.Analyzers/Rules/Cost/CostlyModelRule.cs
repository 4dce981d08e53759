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
/// registration, a Responses request, a Betalgo request, <c>modelId</c> argument or <c>DefaultModelId</c>. Ids from configuration, ids the catalog does not know, and ids in other APIs (a
/// tokenizer's <c>CreateForModel</c>, a service key) are not reported. An Azure OpenAI deployment name is reported only
/// when <c>promptlint.azure_deployments</c> maps it to a costly model.
/// </summary>
internal static class CostlyModelRule
{
    /// <summary>Property of the diagnostic: cheaper models of the same provider, comma-separated, for the fix.</summary>
    public const string AlternativesProperty = "alternatives";

    /// <summary>Property of the diagnostic: set when the id is part of a larger constant (a JSON string, a URL) no fix can replace.</summary>
    public const string NoFixProperty = "noFix";

    /// <summary>Property of the diagnostic: the Azure OpenAI deployment reported, when the id is a deployment name.</summary>
    public const string DeploymentProperty = "deployment";

    private static readonly string[] s_modelParameters = { "model", "modelId", "defaultModelId" };
    private static readonly string[] s_sdkNamespaces = { "OpenAI", "Anthropic", "Microsoft.Extensions.AI", "Microsoft.SemanticKernel", "Azure.AI.OpenAI" };

    /// <summary>
    /// The model-id expressions an operation passes to an SDK, if any, each marked when it is an Azure OpenAI
    /// deployment name rather than a model id.
    /// </summary>
    public static IEnumerable<(IOperation Expression, bool IsDeployment)> ModelExpressions(
        IOperation operation, SdkSymbols sdk, CancellationToken cancellationToken)
    {
        switch (operation)
        {
            case IObjectCreationOperation { Constructor: { } constructor } creation when IsSdkMember(constructor):
                return ModelArguments(creation.Arguments, SentToAzure(creation, sdk, cancellationToken));
            // Betalgo: the modelId of a chat completion and SetDefaultModelId; not RetrieveModel, DeleteModel and the like.
            case IInvocationOperation invocation when sdk.HasBetalgo && TakesBetalgoModel(invocation.TargetMethod, sdk):
                return ModelArguments(invocation.Arguments, deployments: false);
            case IInvocationOperation invocation when IsSdkMember(invocation.TargetMethod):
                // GetChatClient on an AzureOpenAIClient typed as OpenAIClient, or a Responses client taken from one.
                var deployments = invocation.Arguments.Any(static a => a.Parameter?.Name is { } name && s_modelParameters.Contains(name))
                    && IsAzureReceiver(invocation, sdk, cancellationToken);
                return ModelArguments(invocation.Arguments, deployments);
            case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment
                when IsModelProperty(property.Property, sdk):
                return new[] { (assignment.Value, assignment.Parent?.Parent is IObjectCreationOperation options && SentToAzure(options, sdk, cancellationToken)) };
            default:
                return Array.Empty<(IOperation, bool)>();
        }
    }

    public static Diagnostic? Check(
        IOperation expression, bool isDeployment, ModelCatalog catalog, PromptLintOptions options, CancellationToken cancellationToken)
    {
        string? id;
        string? deployment = null;
        if (isDeployment)
        {
            // A deployment is reported only through the model configuration says it serves: its name is never a guess.
            deployment = AzureOpenAIDeployments.FromExpression(expression, cancellationToken).Deployment;
            id = deployment is null ? null : CallEstimate.MappedModel(deployment, options);
        }
        else
        {
            id = ModelIds.FromExpression(expression, ModelSource.Call, cancellationToken).Id;
        }

        return id is null ? null : Check(id, deployment, OperationFlow.Unwrap(expression).Syntax, catalog, options, fixable: true);
    }

    /// <summary>
    /// PL1002 for a model id a raw JSON request sends, at <paramref name="expression"/>: a value in the body, or the
    /// URL that names a Gemini model. Only a value written on its own is offered the code fixes; a model inside a JSON
    /// string or a URL is not an expression they can replace.
    /// </summary>
    public static Diagnostic? Check(string id, IOperation expression, ModelCatalog catalog, PromptLintOptions options, CancellationToken cancellationToken)
    {
        var fixable = ModelIds.FromExpression(expression, ModelSource.Call, cancellationToken).Id == id;
        return Check(id, null, OperationFlow.Unwrap(expression).Syntax, catalog, options, fixable);
    }

    private static Diagnostic? Check(
        string id, string? deployment, SyntaxNode syntax, ModelCatalog catalog, PromptLintOptions options, bool fixable)
    {
        if (options.AllowedModels.Contains(id, StringComparer.OrdinalIgnoreCase))
            return null;

        if (!catalog.TryFind(id, out var model) || options.AllowedModels.Contains(model.Id, StringComparer.OrdinalIgnoreCase) || !IsCostly(model, options))
            return null;

        var alternatives = catalog.Models
            .Where(m => m.Provider == model.Provider && !IsCostly(m, options) && m.Status == "active")
            .OrderBy(static m => m.OutputPerMTok)
            .ThenBy(static m => m.InputPerMTok)
            .ToList();
        var cheapest = alternatives.FirstOrDefault() ?? catalog.CheapestOf(model.Provider) ?? model;

        // A deployment name replaced by a model id would send requests to a deployment that does not exist.
        var properties = ImmutableDictionary<string, string?>.Empty
            .Add(AlternativesProperty, deployment is not null || !fixable
                ? ""
                : string.Join(",", alternatives.OrderByDescending(static m => m.OutputPerMTok).Take(3).Select(static m => m.Id)))
            .Add(DeploymentProperty, deployment);
        if (!fixable)
            properties = properties.Add(NoFixProperty, "true");

        return Diagnostic.Create(
            Descriptors.CostlyModel,
            syntax.GetLocation(),
            properties,
            deployment is null ? $"'{id}'" : $"'{deployment}' (Azure deployment of {id})",
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

    private static IEnumerable<(IOperation, bool)> ModelArguments(ImmutableArray<IArgumentOperation> arguments, bool deployments)
    {
        var written = arguments.Where(static a => a.ArgumentKind != ArgumentKind.DefaultValue && a.Parameter is not null).ToList();
        var models = written.Where(static a => s_modelParameters.Contains(a.Parameter!.Name) && IsIdType(a.Parameter!.Type)).ToList();
        foreach (var argument in models)
            yield return (argument.Value, deployments);

        // AzureOpenAIClient.GetChatClient(deploymentName), AddAzureOpenAIChatCompletion(deploymentName, ...): a deployment,
        // unless the same call also names the model, which is then what PL1002 reads.
        if (models.Count > 0)
            yield break;
        foreach (var argument in written.Where(static a => a.Parameter!.Name == "deploymentName" && a.Parameter.Type.SpecialType == SpecialType.System_String))
            yield return (argument.Value, true);
    }

    private static bool IsIdType(ITypeSymbol type) => type.SpecialType == SpecialType.System_String || type.TypeKind == TypeKind.Enum;

    // new CreateResponseOptions(...) written as the argument of a request to a Responses client taken from Azure OpenAI.
    private static bool SentToAzure(IObjectCreationOperation creation, SdkSymbols sdk, CancellationToken cancellationToken)
    {
        if (sdk.AzureOpenAIClient is null || !SdkSymbols.Is(creation.Type, sdk.OpenAIResponseOptions))
            return false;

        var parent = creation.Parent;
        while (parent is IConversionOperation)
            parent = parent.Parent;
        return parent is IArgumentOperation { Parent: IInvocationOperation call }
            && SdkSymbols.IsOrDerives(call.TargetMethod.ContainingType, sdk.OpenAIResponsesClient)
            && AzureOpenAIDeployments.IsAzureResponsesClient(call.Instance, sdk, cancellationToken);
    }

    private static bool IsAzureReceiver(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken) =>
        sdk.AzureOpenAIClient is not null
        && (AzureOpenAIDeployments.IsAzureClient(invocation.Instance, sdk, cancellationToken)
            || (SdkSymbols.IsOrDerives(invocation.TargetMethod.ContainingType, sdk.OpenAIResponsesClient)
                && AzureOpenAIDeployments.IsAzureResponsesClient(invocation.Instance, sdk, cancellationToken))
            || (invocation.TargetMethod.Name == "AsIChatClient" && invocation.Arguments.Length > 0
                && AzureOpenAIDeployments.IsAzureResponsesClient(invocation.Arguments[0].Value, sdk, cancellationToken)));

    private static bool IsSdkMember(IMethodSymbol method)
    {
        var ns = method.ContainingType?.ContainingNamespace?.ToDisplayString() ?? "";
        if (s_sdkNamespaces.Any(root => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal)))
            return true;

        // Semantic Kernel and Microsoft.Extensions.AI register clients through extensions in this namespace.
        return ns == "Microsoft.Extensions.DependencyInjection"
            && method.ContainingType!.Name.IndexOf("OpenAI", StringComparison.Ordinal) >= 0;
    }

    private static bool TakesBetalgoModel(IMethodSymbol method, SdkSymbols sdk) =>
        BetalgoAdapter.IsChatCompletion(method, sdk)
        || (method.Name == "SetDefaultModelId" && SdkSymbols.Implements(method.ContainingType, sdk.BetalgoServiceInterface));

    private static bool IsModelProperty(IPropertySymbol property, SdkSymbols sdk) =>
        (property.Name == "Model" && SdkSymbols.Is(property.ContainingType, sdk.BetalgoChatRequest))
        || (property.Name == "DefaultModelId" && SdkSymbols.Is(property.ContainingType, sdk.BetalgoOptions))
        || (property.Name == "ModelId" && SdkSymbols.IsOrDerives(property.ContainingType, sdk.ChatOptions))
        || (property.Name == "Model" && SdkSymbols.Is(property.ContainingType, sdk.OpenAIResponseOptions))
        || (property.Name == "Model" && (SdkSymbols.Is(property.ContainingType, sdk.AnthropicCreateParams)
            || SdkSymbols.Is(property.ContainingType, sdk.AnthropicBetaCreateParams)));
}
