using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Sdk;

/// <summary>
/// The OpenAI .NET SDK's Responses client (2.10 and later, <c>OpenAI.Responses.ResponsesClient</c>):
/// <c>CreateResponse</c>, <c>CreateResponseAsync</c> and <c>CreateResponseStreamingAsync</c>, with
/// <c>CreateResponseOptions</c> or with a model and the input. The model is given per request, not to the client. The
/// protocol overloads that take raw <c>BinaryContent</c> are not call sites PromptLint can read.
/// </summary>
internal sealed class ResponsesAdapter : ICallSiteAdapter
{
    public const string CapProperty = "MaxOutputTokenCount";

    public bool TryRead(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken, out CallSite callSite)
    {
        callSite = null!;
        var method = invocation.TargetMethod;
        if (!IsCreateResponse(method.Name) || !SdkSymbols.IsOrDerives(method.ContainingType, sdk.OpenAIResponsesClient)
            || method.Parameters.Length == 0)
        {
            return false;
        }

        var azure = AzureOpenAIDeployments.IsAzureResponsesClient(invocation.Instance, sdk, cancellationToken);
        var sdkKind = azure ? LlmSdk.AzureOpenAI : LlmSdk.OpenAI;
        var first = method.Parameters[0];
        if (SdkSymbols.Is(first.Type, sdk.OpenAIResponseOptions))
        {
            callSite = FromOptions(invocation, first, sdk, azure, sdkKind, cancellationToken);
            return true;
        }

        if (first.Type.SpecialType != SpecialType.System_String || method.Parameters.Length < 2)
            return false;

        var model = ModelOf(Argument(invocation, first), azure, cancellationToken);
        var input = method.Parameters[1];
        var segments = new List<PromptSegment>();
        int count;
        if (input.Type.SpecialType == SpecialType.System_String)
        {
            PromptText.AppendText(Argument(invocation, input), "user", segments, cancellationToken);
            count = 1;
        }
        else
        {
            count = ItemSegments(Argument(invocation, input), invocation, sdk, segments, cancellationToken);
        }

        // These overloads take no options, so they cannot carry a cap; the fix moves the call to the options overload.
        var cap = OutputCap.Missing("this overload takes no options", CapFix.UseOptionsOverload, invocation.Syntax, sdk.OpenAIResponseOptions, CapProperty);
        callSite = new CallSite(invocation, sdkKind, model, cap, PromptText.Merge(segments), count);
        return true;
    }

    /// <summary>
    /// The model of an <c>AsIChatClient(defaultModelId)</c> bridge over a Responses client: the default model id, a
    /// deployment when the Responses client comes from Azure OpenAI.
    /// </summary>
    public static ModelReference ModelOfBridge(IInvocationOperation bridge, IOperation responsesClient, SdkSymbols sdk, CancellationToken cancellationToken)
    {
        var modelArgument = bridge.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "defaultModelId");
        if (modelArgument is null || modelArgument.ArgumentKind == ArgumentKind.DefaultValue)
            return ModelReference.None;

        return AzureOpenAIDeployments.IsAzureResponsesClient(responsesClient, sdk, cancellationToken)
            ? AzureOpenAIDeployments.FromExpression(modelArgument.Value, cancellationToken)
            : ModelIds.FromExpression(modelArgument.Value, ModelSource.Client, cancellationToken);
    }

    private static CallSite FromOptions(
        IInvocationOperation invocation,
        IParameterSymbol optionsParameter,
        SdkSymbols sdk,
        bool azure,
        LlmSdk sdkKind,
        CancellationToken cancellationToken)
    {
        var cap = CapReader.FromOptionsArgument(invocation, optionsParameter, sdk.OpenAIResponseOptions, CapProperty, cancellationToken);
        var options = Argument(invocation, optionsParameter);
        var segments = new List<PromptSegment>();
        var request = options is null ? null : Request.Of(options, invocation, sdk, cancellationToken);
        if (request is null)
        {
            segments.Add(PromptText.Dynamic("input", options, cancellationToken));
            return new CallSite(invocation, sdkKind, ModelReference.None, cap, segments, 0);
        }

        var model = ModelOf(request.Value.Model, azure, cancellationToken);
        var count = 0;
        if (request.Value.Instructions is { } instructions)
        {
            // The provider reads the instructions before the input items, as a system message.
            PromptText.AppendText(instructions, "system", segments, cancellationToken);
            count++;
        }

        if (request.Value.Items is { } items)
        {
            foreach (var item in items)
                ItemSegment(item, sdk, segments, cancellationToken);
            count += items.Count;
        }
        else
        {
            segments.Add(PromptText.Dynamic("input", options, cancellationToken));
        }

        return new CallSite(invocation, sdkKind, model, cap, PromptText.Merge(segments), count);
    }

    private static ModelReference ModelOf(IOperation? value, bool azure, CancellationToken cancellationToken) =>
        azure
            ? AzureOpenAIDeployments.FromExpression(value, cancellationToken)
            : ModelIds.FromExpression(value, ModelSource.Call, cancellationToken);

    private static IOperation? Argument(IInvocationOperation invocation, IParameterSymbol parameter) =>
        invocation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, parameter))?.Value;

    private static bool IsCreateResponse(string name) =>
        name is "CreateResponse" or "CreateResponseAsync" or "CreateResponseStreaming" or "CreateResponseStreamingAsync";

    private static int ItemSegments(
        IOperation? items,
        IInvocationOperation invocation,
        SdkSymbols sdk,
        List<PromptSegment> segments,
        CancellationToken cancellationToken)
    {
        var elements = PromptText.Elements(items, invocation, cancellationToken);
        if (elements is null)
        {
            segments.Add(PromptText.Dynamic("input", items, cancellationToken));
            return 0;
        }

        foreach (var element in elements)
            ItemSegment(element, sdk, segments, cancellationToken);
        return elements.Count;
    }

    // ResponseItem.CreateUserMessageItem("...") and its developer, system and assistant forms; any other item (a
    // function call output, content parts, an item from elsewhere) is dynamic.
    private static void ItemSegment(IOperation item, SdkSymbols sdk, List<PromptSegment> segments, CancellationToken cancellationToken)
    {
        if (OperationFlow.Origin(item, cancellationToken) is IInvocationOperation { TargetMethod.IsStatic: true, Arguments.Length: >= 1 } factory
            && SdkSymbols.Is(factory.TargetMethod.ContainingType, sdk.OpenAIResponseItem)
            && RoleOfFactory(factory.TargetMethod.Name) is { } role
            && factory.Arguments[0].Value.Type?.SpecialType == SpecialType.System_String)
        {
            PromptText.AppendText(factory.Arguments[0].Value, role, segments, cancellationToken);
            return;
        }

        segments.Add(PromptText.Dynamic("input", item, cancellationToken));
    }

    private static string? RoleOfFactory(string name) => name switch
    {
        "CreateUserMessageItem" => "user",
        "CreateSystemMessageItem" => "system",
        "CreateDeveloperMessageItem" => "developer",
        "CreateAssistantMessageItem" => "assistant",
        _ => null,
    };

    /// <summary>What a <c>CreateResponseOptions</c> the code builds in view says: its model, instructions and input items.</summary>
    private readonly struct Request
    {
        private Request(IOperation? model, IOperation? instructions, List<IOperation>? items)
        {
            Model = model;
            Instructions = instructions;
            Items = items;
        }

        public IOperation? Model { get; }

        public IOperation? Instructions { get; }

        /// <summary>The input items, or null when they are not all in view.</summary>
        public List<IOperation>? Items { get; }

        public static Request? Of(IOperation options, IOperation use, SdkSymbols sdk, CancellationToken cancellationToken)
        {
            var value = OperationFlow.Unwrap(options);
            var local = value as ILocalReferenceOperation;
            var origin = local is null
                ? OperationFlow.Origin(value, cancellationToken)
                : OperationFlow.SingleDefinition(local.Local, use) is { } definition ? OperationFlow.Origin(definition, cancellationToken) : null;
            if (origin is not IObjectCreationOperation creation || !SdkSymbols.IsOrDerives(creation.Type, sdk.OpenAIResponseOptions))
                return null;

            var model = creation.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "model")?.Value;
            var itemsArgument = creation.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "inputItems")?.Value;
            var items = itemsArgument is null ? new List<IOperation>() : PromptText.Elements(itemsArgument, use, cancellationToken);
            IOperation? instructions = null;

            foreach (var member in creation.Initializer?.Initializers ?? Enumerable.Empty<IOperation>())
            {
                switch (member)
                {
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Model" } } assignment:
                        model = assignment.Value;
                        break;
                    case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "Instructions" } } assignment:
                        instructions = assignment.Value;
                        break;
                    case IMemberInitializerOperation { InitializedMember: IPropertyReferenceOperation { Property.Name: "InputItems" }, Initializer: { } added }:
                        foreach (var add in added.Initializers)
                        {
                            if (add is IInvocationOperation { Arguments.Length: 1 } call)
                                items?.Add(call.Arguments[0].Value);
                            else
                                items = null;
                        }

                        break;
                }
            }

            if (local is not null)
                FollowLocal(local.Local, use, ref model, ref instructions, ref items);

            return new Request(model, instructions, items);
        }

        // options.Model = ...; options.Instructions = ...; options.InputItems.Add(...) before the call.
        private static void FollowLocal(ILocalSymbol local, IOperation use, ref IOperation? model, ref IOperation? instructions, ref List<IOperation>? items)
        {
            var useStart = use.Syntax.SpanStart;
            foreach (var reference in OperationFlow.References(local, use).OrderBy(static r => r.Syntax.SpanStart))
            {
                if (reference.Syntax.SpanStart >= useStart)
                    break;

                switch (reference.Parent)
                {
                    case IPropertyReferenceOperation { Property.Name: "Model", Parent: ISimpleAssignmentOperation assignment } property
                        when assignment.Target == property:
                        model = assignment.Value;
                        break;
                    case IPropertyReferenceOperation { Property.Name: "Instructions", Parent: ISimpleAssignmentOperation assignment } property
                        when assignment.Target == property:
                        instructions = assignment.Value;
                        break;
                    case IPropertyReferenceOperation { Property.Name: "InputItems", Parent: IInvocationOperation { TargetMethod.Name: "Add", Arguments.Length: 1 } add }:
                        items?.Add(add.Arguments[0].Value);
                        break;
                    case IPropertyReferenceOperation { Property.Name: "InputItems" }:
                        // Inserted into, cleared or handed on: the items at the call are not known.
                        items = null;
                        break;
                    case IArgumentOperation:
                        // Handed to code that may change the request.
                        items = null;
                        break;
                }
            }
        }
    }
}
