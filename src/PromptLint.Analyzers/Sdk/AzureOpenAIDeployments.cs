using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Sdk;

/// <summary>
/// Azure.AI.OpenAI: an <c>AzureOpenAIClient</c> is an <c>OpenAIClient</c> whose <c>GetChatClient</c> takes a
/// deployment name, and whose Responses client takes one where OpenAI takes a model. A deployment name is a name the
/// user chose in Azure, so it is read as a deployment, never as a model id; <c>promptlint.azure_deployments</c> says
/// which model it serves.
/// </summary>
internal static class AzureOpenAIDeployments
{
    /// <summary>True when a client is, or was created as, an Azure OpenAI client where the code shows it.</summary>
    public static bool IsAzureClient(IOperation? client, SdkSymbols sdk, CancellationToken cancellationToken)
    {
        if (client is null || sdk.AzureOpenAIClient is null)
            return false;

        if (SdkSymbols.IsOrDerives(client.Type, sdk.AzureOpenAIClient))
            return true;

        // OpenAIClient client = new AzureOpenAIClient(...): the static type hides it, the creation does not.
        return SdkSymbols.IsOrDerives(OperationFlow.Origin(client, cancellationToken).Type, sdk.AzureOpenAIClient);
    }

    /// <summary>True when a Responses client was taken from an Azure OpenAI client, so its model arguments are deployments.</summary>
    public static bool IsAzureResponsesClient(IOperation? client, SdkSymbols sdk, CancellationToken cancellationToken)
    {
        if (client is null)
            return false;

        return OperationFlow.Origin(client, cancellationToken) is IInvocationOperation { TargetMethod.Name: "GetResponsesClient" } call
            && IsAzureClient(call.Instance, sdk, cancellationToken);
    }

    /// <summary>The deployment an expression names, where it is a constant; no model otherwise.</summary>
    public static ModelReference FromExpression(IOperation? expression, CancellationToken cancellationToken)
    {
        if (expression is null)
            return ModelReference.None;

        var origin = OperationFlow.Origin(expression, cancellationToken);
        return origin.ConstantValue is { HasValue: true, Value: string name } && name.Length > 0
            ? ModelReference.ForDeployment(name, expression)
            : ModelReference.None;
    }
}
