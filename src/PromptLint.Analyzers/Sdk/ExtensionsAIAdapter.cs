using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Sdk;

/// <summary>
/// Microsoft.Extensions.AI: <c>IChatClient.GetResponseAsync</c> and <c>GetStreamingResponseAsync</c>, the extension
/// overloads that take a string or one message, and the structured-output <c>GetResponseAsync&lt;T&gt;</c>.
/// Calls on concrete clients that implement <c>IChatClient</c> count too.
/// </summary>
internal sealed class ExtensionsAIAdapter : ICallSiteAdapter
{
    public const string CapProperty = "MaxOutputTokens";

    public bool TryRead(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken, out CallSite callSite)
    {
        callSite = null!;
        var method = invocation.TargetMethod;
        if (method.Name is not ("GetResponseAsync" or "GetStreamingResponseAsync"))
            return false;

        var client = Receiver(invocation, method, sdk);
        if (client is null)
            return false;

        var optionsParameter = method.Parameters.FirstOrDefault(p => SdkSymbols.Is(p.Type, sdk.ChatOptions));
        var cap = CapReader.FromOptionsArgument(invocation, optionsParameter, sdk.ChatOptions, CapProperty, cancellationToken);
        var options = optionsParameter is null
            ? null
            : invocation.Arguments.FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.Parameter, optionsParameter))?.Value;

        var clientSetup = ClientSetup.Of(client, sdk, cancellationToken);
        if (cap.State == CapState.Missing && clientSetup.Cap is { } clientCap)
            cap = clientCap;

        var model = ModelOfOptions(options, cancellationToken);
        if (!model.IsKnown)
            model = clientSetup.Model;

        var segments = new List<PromptSegment>();
        var messages = invocation.Arguments.FirstOrDefault(a => a.Parameter is { } p && p.Ordinal == (method.IsExtensionMethod || method.IsStatic ? 1 : 0));
        var count = MessageSegments(messages?.Value, invocation, sdk, segments, cancellationToken);
        callSite = new CallSite(invocation, LlmSdk.ExtensionsAI, model, cap, PromptText.Merge(segments), count);
        return true;
    }

    private static IOperation? Receiver(IInvocationOperation invocation, IMethodSymbol method, SdkSymbols sdk)
    {
        if (method.IsStatic)
        {
            var declaring = method.ContainingType;
            var isKnownExtension = SdkSymbols.Is(declaring, sdk.ChatClientExtensions)
                || SdkSymbols.Is(declaring, sdk.ChatClientStructuredOutputExtensions);
            if (!isKnownExtension || method.Parameters.Length == 0 || !SdkSymbols.Implements(method.Parameters[0].Type, sdk.ChatClientInterface))
                return null;

            return invocation.Arguments.FirstOrDefault(static a => a.Parameter?.Ordinal == 0)?.Value;
        }

        if (!SdkSymbols.Implements(method.ContainingType, sdk.ChatClientInterface))
            return null;

        // An instance method on IChatClient itself, or the implementation of its member on a concrete client.
        if (!SdkSymbols.Is(method.ContainingType, sdk.ChatClientInterface))
        {
            var member = sdk.ChatClientInterface!.GetMembers(method.Name).FirstOrDefault();
            var implementation = member is null ? null : method.ContainingType.FindImplementationForInterfaceMember(member);
            if (implementation is null || !SymbolEqualityComparer.Default.Equals(implementation.OriginalDefinition, method.OriginalDefinition))
                return null;
        }

        return invocation.Instance;
    }

    private static ModelReference ModelOfOptions(IOperation? options, CancellationToken cancellationToken)
    {
        if (options is null || OperationFlow.Origin(options, cancellationToken) is not IObjectCreationOperation creation)
            return ModelReference.None;

        var assignment = CapReader.InitializerAssignment(creation, "ModelId");
        return ModelIds.FromExpression(assignment?.Value, ModelSource.Call, cancellationToken);
    }

    private static int MessageSegments(
        IOperation? messages,
        IInvocationOperation invocation,
        SdkSymbols sdk,
        List<PromptSegment> segments,
        CancellationToken cancellationToken)
    {
        if (messages is null)
        {
            segments.Add(PromptSegment.Dynamic("messages", null, Stability.Unknown));
            return 0;
        }

        var value = OperationFlow.Unwrap(messages);
        if (value.Type?.SpecialType == SpecialType.System_String || value.ConstantValue.HasValue)
        {
            PromptText.AppendText(value, "user", segments, cancellationToken);
            return 1;
        }

        if (SdkSymbols.IsOrDerives(value.Type, sdk.ChatMessage))
        {
            MessageSegment(value, segments, cancellationToken);
            return 1;
        }

        var elements = PromptText.Elements(value, invocation, cancellationToken);
        if (elements is null)
        {
            segments.Add(PromptText.Dynamic("messages", messages, cancellationToken));
            return 0;
        }

        foreach (var element in elements)
            MessageSegment(element, segments, cancellationToken);
        return elements.Count;
    }

    private static void MessageSegment(IOperation element, List<PromptSegment> segments, CancellationToken cancellationToken)
    {
        if (OperationFlow.Origin(element, cancellationToken) is IObjectCreationOperation { Arguments.Length: 2 } creation
            && creation.Arguments[1].Value.Type?.SpecialType == SpecialType.System_String)
        {
            PromptText.AppendText(creation.Arguments[1].Value, RoleOf(creation.Arguments[0].Value), segments, cancellationToken);
            return;
        }

        segments.Add(PromptText.Dynamic("message", element, cancellationToken));
    }

    private static string RoleOf(IOperation role) =>
        OperationFlow.Unwrap(role) is IPropertyReferenceOperation { Property.Name: var name } ? name.ToLowerInvariant() : "user";

    /// <summary>What the construction of an <c>IChatClient</c> says about its model and cap, where it can be seen.</summary>
    private readonly struct ClientSetup
    {
        private ClientSetup(ModelReference model, OutputCap? cap)
        {
            Model = model;
            Cap = cap;
        }

        public ModelReference Model { get; }

        /// <summary>A cap the client applies to every request, or null when the setup shows none.</summary>
        public OutputCap? Cap { get; }

        public static ClientSetup Of(IOperation client, SdkSymbols sdk, CancellationToken cancellationToken)
        {
            var origin = OperationFlow.Origin(client, cancellationToken);
            var model = ModelReference.None;
            OutputCap? cap = null;

            // Walk a builder chain such as chatClient.AsIChatClient().AsBuilder().ConfigureOptions(...).Build().
            for (var depth = 0; depth < 8 && origin is IInvocationOperation call; depth++)
            {
                var target = call.TargetMethod;
                if (target.Name == "AsIChatClient" && SdkSymbols.Is(target.ContainingType, sdk.OpenAIClientExtensions))
                {
                    var inner = call.Arguments.FirstOrDefault(static a => a.Parameter?.Ordinal == 0)?.Value;
                    if (inner is not null)
                        model = OpenAIAdapter.ModelOfClient(inner, sdk, cancellationToken);
                    if (inner is not null && SdkSymbols.Is(inner.Type, sdk.OpenAIResponsesClient))
                        model = ResponsesAdapter.ModelOfBridge(call, inner, sdk, cancellationToken);
                    break;
                }

                if (target.Name == "AsIChatClient" && SdkSymbols.Is(target.ContainingType, sdk.AnthropicChatClientExtensions))
                {
                    var modelArgument = call.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "defaultModelId");
                    model = ModelIds.FromExpression(modelArgument?.Value, ModelSource.Client, cancellationToken);
                    var capArgument = call.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "defaultMaxOutputTokens");
                    if (capArgument is { ArgumentKind: not ArgumentKind.DefaultValue }
                        && OperationFlow.Unwrap(capArgument.Value).ConstantValue is not { HasValue: true, Value: null })
                    {
                        cap = OutputCap.Set(CapReader.ConstantInt(capArgument.Value), capArgument.Value.Syntax);
                    }

                    break;
                }

                // ConfigureOptions can set the cap on every request; what its callback does is not followed.
                if (target.Name == "ConfigureOptions" && SdkSymbols.Is(target.ContainingType, sdk.ConfigureOptionsExtensions))
                    cap = OutputCap.Unknown;

                var next = call.Instance ?? call.Arguments.FirstOrDefault(static a => a.Parameter?.Ordinal == 0)?.Value;
                if (next is null)
                    break;
                origin = OperationFlow.Origin(next, cancellationToken);
                if (origin is IObjectCreationOperation builder && builder.Arguments.Length > 0)
                    origin = OperationFlow.Origin(builder.Arguments[0].Value, cancellationToken);
            }

            return new ClientSetup(model, cap);
        }
    }
}
