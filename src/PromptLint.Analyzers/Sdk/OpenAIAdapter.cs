using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Sdk;

/// <summary>
/// The official OpenAI .NET SDK 2.x: <c>ChatClient.CompleteChat</c>, <c>CompleteChatAsync</c> and their streaming
/// forms. The protocol overloads that take raw <c>BinaryContent</c> are not call sites PromptLint can read.
/// </summary>
internal sealed class OpenAIAdapter : ICallSiteAdapter
{
    public const string CapProperty = "MaxOutputTokenCount";

    public bool TryRead(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken, out CallSite callSite)
    {
        callSite = null!;
        var method = invocation.TargetMethod;
        if (!IsCompleteChat(method.Name) || !SdkSymbols.IsOrDerives(method.ContainingType, sdk.OpenAIChatClient))
            return false;

        if (method.Parameters.Length == 0 || !IsMessages(method.Parameters[0].Type, sdk))
            return false;

        var optionsParameter = method.Parameters.FirstOrDefault(p => SdkSymbols.Is(p.Type, sdk.OpenAIChatCompletionOptions));
        var cap = CapReader.FromOptionsArgument(invocation, optionsParameter, sdk.OpenAIChatCompletionOptions, CapProperty, cancellationToken);
        var azure = false;
        var model = invocation.Instance is null ? ModelReference.None : ModelOfClient(invocation.Instance, sdk, cancellationToken, out azure);

        var messages = invocation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, method.Parameters[0]));
        var segments = new List<PromptSegment>();
        var count = MessageSegments(messages?.Value, invocation, sdk, segments, cancellationToken);

        callSite = new CallSite(invocation, azure ? LlmSdk.AzureOpenAI : LlmSdk.OpenAI, model, cap, PromptText.Merge(segments), count);
        return true;
    }

    /// <summary>The model an OpenAI <c>ChatClient</c> was created for, where the creation can be seen.</summary>
    public static ModelReference ModelOfClient(IOperation client, SdkSymbols sdk, CancellationToken cancellationToken) =>
        ModelOfClient(client, sdk, cancellationToken, out _);

    /// <summary>
    /// The model an OpenAI <c>ChatClient</c> was created for, where the creation can be seen; the deployment, when it
    /// comes from an Azure OpenAI client (<paramref name="azure"/>).
    /// </summary>
    public static ModelReference ModelOfClient(IOperation client, SdkSymbols sdk, CancellationToken cancellationToken, out bool azure)
    {
        azure = false;
        var origin = OperationFlow.Origin(client, cancellationToken);
        switch (origin)
        {
            case IObjectCreationOperation creation when SdkSymbols.IsOrDerives(creation.Type, sdk.OpenAIChatClient):
                var modelArgument = creation.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "model");
                return ModelIds.FromExpression(modelArgument?.Value, ModelSource.Client, cancellationToken);

            case IInvocationOperation { TargetMethod.Name: "GetChatClient" } call
                when SdkSymbols.IsOrDerives(call.TargetMethod.ContainingType, sdk.OpenAIClient):
                // The one string parameter is named model on OpenAIClient and deploymentName on AzureOpenAIClient.
                var argument = call.Arguments.FirstOrDefault(static a => a.Parameter?.Ordinal == 0)?.Value;
                azure = AzureOpenAIDeployments.IsAzureClient(call.Instance, sdk, cancellationToken);
                return azure
                    ? AzureOpenAIDeployments.FromExpression(argument, cancellationToken)
                    : ModelIds.FromExpression(argument, ModelSource.Client, cancellationToken);

            default:
                return ModelReference.None;
        }
    }

    private static bool IsCompleteChat(string name) =>
        name is "CompleteChat" or "CompleteChatAsync" or "CompleteChatStreaming" or "CompleteChatStreamingAsync";

    private static bool IsMessages(ITypeSymbol type, SdkSymbols sdk) => type switch
    {
        IArrayTypeSymbol array => SdkSymbols.IsOrDerives(array.ElementType, sdk.OpenAIChatMessage),
        INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named =>
            SdkSymbols.IsOrDerives(named.TypeArguments[0], sdk.OpenAIChatMessage),
        _ => false,
    };

    private static int MessageSegments(
        IOperation? messages,
        IInvocationOperation invocation,
        SdkSymbols sdk,
        List<PromptSegment> segments,
        CancellationToken cancellationToken)
    {
        var elements = PromptText.Elements(messages, invocation, cancellationToken);
        if (elements is null)
        {
            segments.Add(PromptText.Dynamic("messages", messages, cancellationToken));
            return 0;
        }

        foreach (var element in elements)
            MessageSegment(element, sdk, segments, cancellationToken);

        return elements.Count;
    }

    private static void MessageSegment(IOperation element, SdkSymbols sdk, List<PromptSegment> segments, CancellationToken cancellationToken)
    {
        var origin = OperationFlow.Origin(element, cancellationToken);
        switch (origin)
        {
            case IObjectCreationOperation creation when creation.Arguments.Length >= 1
                && creation.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String:
                PromptText.AppendText(creation.Arguments[0].Value, RoleOf(creation.Type, sdk), segments, cancellationToken);
                return;
            case IInvocationOperation { TargetMethod.IsStatic: true, Arguments.Length: >= 1 } factory
                when SdkSymbols.IsOrDerives(factory.TargetMethod.ContainingType, sdk.OpenAIChatMessage)
                && factory.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String:
                PromptText.AppendText(factory.Arguments[0].Value, RoleOfFactory(factory.TargetMethod.Name), segments, cancellationToken);
                return;
            default:
                segments.Add(PromptText.Dynamic("message", element, cancellationToken));
                return;
        }
    }

    private static string RoleOf(ITypeSymbol? type, SdkSymbols sdk)
    {
        if (SdkSymbols.IsOrDerives(type, sdk.OpenAISystemMessage))
            return "system";
        if (SdkSymbols.IsOrDerives(type, sdk.OpenAIDeveloperMessage))
            return "developer";
        if (SdkSymbols.IsOrDerives(type, sdk.OpenAIAssistantMessage))
            return "assistant";
        return "user";
    }

    private static string RoleOfFactory(string name) => name switch
    {
        "CreateSystemMessage" => "system",
        "CreateDeveloperMessage" => "developer",
        "CreateAssistantMessage" => "assistant",
        _ => "user",
    };
}
