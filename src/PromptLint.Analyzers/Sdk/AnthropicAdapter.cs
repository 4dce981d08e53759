using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Sdk;

/// <summary>
/// The official Anthropic .NET SDK: <c>client.Messages.Create</c> and <c>CreateStreaming</c>, and their beta forms.
/// The SDK declares <c>MessageCreateParams.MaxTokens</c> as a required member, so a request without a cap does not
/// compile: the cap is read for the cost estimate but never reported missing.
/// </summary>
internal sealed class AnthropicAdapter : ICallSiteAdapter
{
    public bool TryRead(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken, out CallSite callSite)
    {
        callSite = null!;
        var method = invocation.TargetMethod;
        if (method.Name is not ("Create" or "CreateStreaming"))
            return false;

        if (!SdkSymbols.Implements(method.ContainingType, sdk.AnthropicMessageService)
            && !SdkSymbols.Implements(method.ContainingType, sdk.AnthropicBetaMessageService))
        {
            return false;
        }

        var parameters = invocation.Arguments.FirstOrDefault(a =>
            SdkSymbols.Is(a.Parameter?.Type, sdk.AnthropicCreateParams) || SdkSymbols.Is(a.Parameter?.Type, sdk.AnthropicBetaCreateParams));
        if (parameters is null)
            return false;

        var creation = OperationFlow.Origin(parameters.Value, cancellationToken) as IObjectCreationOperation;
        var cap = OutputCap.Unknown;
        var model = ModelReference.None;
        var segments = new List<PromptSegment>();
        var messageCount = 0;

        if (creation?.Initializer is { } initializer)
        {
            foreach (var member in initializer.Initializers)
            {
                if (member is not ISimpleAssignmentOperation { Target: IPropertyReferenceOperation property } assignment)
                    continue;

                switch (property.Property.Name)
                {
                    case "MaxTokens":
                        cap = OutputCap.Set(CapReader.ConstantInt(assignment.Value), assignment.Value.Syntax);
                        break;
                    case "Model":
                        model = ModelIds.FromExpression(assignment.Value, ModelSource.Call, cancellationToken);
                        break;
                }
            }

            // The provider reads the system prompt before the messages, whatever order the initializer uses.
            if (Member(initializer, "System") is { } system)
                SystemSegments(system, invocation, segments, cancellationToken);
            if (Member(initializer, "Messages") is { } messages)
                messageCount = MessageSegments(messages, invocation, segments, cancellationToken);
            else
                segments.Add(PromptSegment.Dynamic("messages", null, Stability.Unknown));
        }
        else
        {
            segments.Add(PromptText.Dynamic("messages", parameters.Value, cancellationToken));
        }

        callSite = new CallSite(invocation, LlmSdk.Anthropic, model, cap, PromptText.Merge(segments), messageCount);
        return true;
    }

    private static IOperation? Member(IObjectOrCollectionInitializerOperation initializer, string name) =>
        initializer.Initializers.OfType<ISimpleAssignmentOperation>()
            .FirstOrDefault(a => a.Target is IPropertyReferenceOperation p && p.Property.Name == name)?.Value;

    private static void SystemSegments(IOperation system, IOperation use, List<PromptSegment> segments, CancellationToken cancellationToken)
    {
        var value = OperationFlow.Unwrap(system);
        if (value.Type?.SpecialType == SpecialType.System_String || value.ConstantValue.HasValue)
        {
            PromptText.AppendText(value, "system", segments, cancellationToken);
            return;
        }

        var blocks = PromptText.Elements(value, use, cancellationToken);
        if (blocks is null)
        {
            segments.Add(PromptText.Dynamic("system", system, cancellationToken));
            return;
        }

        foreach (var block in blocks)
            AppendInitializedText(block, "Text", "system", segments, cancellationToken);
    }

    private static int MessageSegments(IOperation messages, IOperation use, List<PromptSegment> segments, CancellationToken cancellationToken)
    {
        var elements = PromptText.Elements(messages, use, cancellationToken);
        if (elements is null)
        {
            segments.Add(PromptText.Dynamic("messages", messages, cancellationToken));
            return 0;
        }

        foreach (var element in elements)
        {
            var role = OperationFlow.Unwrap(element).Type?.Name == "AssistantMessageParam" ? "assistant" : "user";
            AppendInitializedText(element, "Content", role, segments, cancellationToken);
        }

        return elements.Count;
    }

    private static void AppendInitializedText(
        IOperation element,
        string property,
        string role,
        List<PromptSegment> segments,
        CancellationToken cancellationToken)
    {
        if (OperationFlow.Origin(element, cancellationToken) is IObjectCreationOperation { Initializer: { } initializer }
            && Member(initializer, property) is { } text
            && OperationFlow.Unwrap(text).Type?.SpecialType == SpecialType.System_String)
        {
            PromptText.AppendText(OperationFlow.Unwrap(text), role, segments, cancellationToken);
            return;
        }

        segments.Add(PromptText.Dynamic(role, element, cancellationToken));
    }
}
