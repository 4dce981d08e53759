using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Sdk;

/// <summary>
/// Raw LLM requests over <c>HttpClient</c>: <c>PostAsJsonAsync</c>, <c>PostAsync</c> with <c>JsonContent.Create</c> or
/// a <c>StringContent</c> of JSON, and <c>SendAsync</c> of a POST <c>HttpRequestMessage</c> built in the same method. A
/// request counts when its URL (or the client's base address) names the OpenAI Chat Completions or Responses, Anthropic
/// Messages or Gemini <c>generateContent</c> endpoint, or, when no URL is visible, when its body has a provider's shape
/// (a <c>model</c> with <c>messages</c> or <c>input</c>). A visible URL of any other API rules the request out. The
/// adapter is on only when <see cref="RawHttpGate"/> finds a sign of such requests in the compilation.
/// </summary>
internal sealed class HttpAdapter : ICallSiteAdapter
{
    public bool TryRead(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken, out CallSite callSite)
    {
        callSite = null!;
        if (!sdk.HasRawHttp || !Request.TryRead(invocation, sdk, cancellationToken, out var request))
            return false;

        var url = UrlText.Read(request.Url, cancellationToken);
        var baseAddress = BaseAddress(request.Client, invocation, sdk, cancellationToken);
        var api = RestEndpoint.Classify(url?.Text, baseAddress, out var ruledOut);
        if (ruledOut)
            return false;

        if (api == RestApi.None)
            api = ApiOfShape(request.Body, cancellationToken);
        if (api == RestApi.None)
            return false;

        callSite = Build(invocation, api, request.Body, url, cancellationToken);
        return true;
    }

    /// <summary>The client a recognised request is sent through: the receiver, or the first argument of the extension.</summary>
    public static IOperation? ClientOf(IInvocationOperation invocation) =>
        invocation.Instance ?? invocation.Arguments.FirstOrDefault(static a => a.Parameter?.Ordinal == 0)?.Value;

    /// <summary>
    /// Where a client comes from, following locals, readonly fields with an initializer or set once in a constructor of
    /// the same file, and helpers with a single return.
    /// </summary>
    public static IOperation? ClientOrigin(IOperation? client, CancellationToken cancellationToken)
    {
        if (client is null)
            return null;

        var origin = OperationFlow.Origin(client, cancellationToken);
        if (origin is IFieldReferenceOperation field && ConstructorAssignment(field, cancellationToken) is { } assigned)
            origin = OperationFlow.Origin(assigned, cancellationToken);
        return origin;
    }

    private static CallSite Build(IInvocationOperation invocation, RestApi api, JsonPart body, UrlText? url, CancellationToken cancellationToken)
    {
        var segments = new List<PromptSegment>();
        var blocks = api == RestApi.Anthropic ? new List<Block>() : null;
        var count = 0;
        var sdk = api switch
        {
            RestApi.Anthropic => LlmSdk.AnthropicRest,
            RestApi.Gemini => LlmSdk.GeminiRest,
            _ => LlmSdk.OpenAIRest,
        };

        var model = api == RestApi.Gemini ? GeminiModel(url, cancellationToken) : ModelOf(body.Member("model"), cancellationToken);
        var cap = CapOf(body, api);
        if (body.Kind != JsonKind.Object)
        {
            segments.Add(PromptText.Dynamic("messages", body.Operation, cancellationToken));
            blocks?.Add(new Block(Stability.Unknown, Breakpoint.Maybe));
            return new CallSite(invocation, sdk, model, cap, segments, 0, Breakpoints(body, blocks));
        }

        switch (api)
        {
            case RestApi.OpenAIChat:
                count = Messages(body, "messages", segments, null, cancellationToken);
                break;
            case RestApi.OpenAIResponses:
                if (body.Member("instructions") is { Kind: not JsonKind.Null } instructions)
                {
                    AppendText(instructions, "system", segments, cancellationToken);
                    count++;
                }

                if (body.Member("input") is { Kind: JsonKind.Value } text)
                {
                    AppendText(text, "user", segments, cancellationToken);
                    count++;
                }
                else
                {
                    count += Messages(body, "input", segments, null, cancellationToken);
                }

                break;
            case RestApi.Anthropic:
                // The provider reads the system prompt before the messages, whatever order the body is written in.
                if (body.Member("system") is { Kind: not JsonKind.Null } system)
                    Content(system, "system", segments, blocks, cancellationToken);
                count = Messages(body, "messages", segments, blocks, cancellationToken);
                break;
            case RestApi.Gemini:
                if (body.Member("systemInstruction", "system_instruction") is { Kind: not JsonKind.Null } instruction)
                    Content(instruction.Kind == JsonKind.Object ? instruction.Member("parts") ?? instruction : instruction, "system", segments, null, cancellationToken);
                count = Messages(body, "contents", segments, null, cancellationToken);
                break;
        }

        return new CallSite(invocation, sdk, model, cap, PromptText.Merge(segments), count, Breakpoints(body, blocks));
    }

    private static RestApi ApiOfShape(JsonPart body, CancellationToken cancellationToken)
    {
        if (body.Kind != JsonKind.Object || body.Member("model") is not { Kind: not JsonKind.Null } model)
            return RestApi.None;

        if (body.Member("messages") is { Kind: not JsonKind.Null })
        {
            var id = ModelOf(model, cancellationToken).Id;
            return id?.StartsWith("claude", StringComparison.OrdinalIgnoreCase) == true || body.Member("system") is not null
                ? RestApi.Anthropic
                : RestApi.OpenAIChat;
        }

        return body.Member("input") is { Kind: not JsonKind.Null } ? RestApi.OpenAIResponses : RestApi.None;
    }

    private static ModelReference ModelOf(JsonPart? part, CancellationToken cancellationToken)
    {
        if (part is null || part.Kind == JsonKind.Null)
            return ModelReference.None;

        if (part.Text is { } id)
            return id.Length == 0 ? ModelReference.None : new ModelReference(id, ModelSource.Call, part.Operation);

        return ModelIds.FromExpression(part.Operation, ModelSource.Call, cancellationToken);
    }

    private static ModelReference GeminiModel(UrlText? url, CancellationToken cancellationToken)
    {
        if (url is not { } visible)
            return ModelReference.None;

        var (id, hole) = RestEndpoint.GeminiModel(visible);
        if (id is not null)
            return new ModelReference(id, ModelSource.Call, visible.Source);

        return hole is null ? ModelReference.None : ModelIds.FromExpression(hole, ModelSource.Call, cancellationToken);
    }

    private static OutputCap CapOf(JsonPart body, RestApi api)
    {
        if (body.Kind != JsonKind.Object)
            return OutputCap.Unknown;

        var owner = body;
        string[] keys;
        switch (api)
        {
            case RestApi.Gemini:
                var config = body.Member("generationConfig", "generation_config");
                if (config is null || config.Kind == JsonKind.Null)
                {
                    return body.Complete
                        ? OutputCap.MissingFromBody("the body sets no generationConfig.maxOutputTokens", CapFix.None, null, "maxOutputTokens", required: false)
                        : OutputCap.Unknown;
                }

                if (config.Kind != JsonKind.Object)
                    return OutputCap.Unknown;
                owner = config;
                keys = new[] { "maxOutputTokens", "max_output_tokens" };
                break;
            case RestApi.Anthropic:
                keys = new[] { "max_tokens" };
                break;
            case RestApi.OpenAIResponses:
                keys = new[] { "max_output_tokens" };
                break;
            default:
                keys = new[] { "max_completion_tokens", "max_tokens" };
                break;
        }

        foreach (var key in keys)
        {
            if (owner.Member(key) is not { } value)
                continue;

            if (value.Kind == JsonKind.Null)
                return OutputCap.MissingFromBody($"{key} is null", CapFix.None, null, key, api == RestApi.Anthropic);

            var number = value.Number ?? (value.Text is null && value.Operation is { } op ? CapReader.ConstantInt(op) : null);
            return OutputCap.Set(number, value.Syntax);
        }

        if (!owner.Complete)
            return OutputCap.Unknown;

        return OutputCap.MissingFromBody(
            $"the body has no {(api == RestApi.Gemini ? "generationConfig." : "")}{keys[0]}",
            CapFix.AddJsonMember,
            owner.Declaration,
            keys[0],
            required: api == RestApi.Anthropic);
    }

    private static int Messages(JsonPart body, string key, List<PromptSegment> segments, List<Block>? blocks, CancellationToken cancellationToken)
    {
        var messages = body.Member(key);
        if (messages is null)
        {
            if (!body.Complete)
            {
                segments.Add(PromptSegment.Dynamic(key, null, Stability.Unknown));
                blocks?.Add(new Block(Stability.Unknown, Breakpoint.Maybe));
            }

            return 0;
        }

        if (messages.Kind != JsonKind.Array)
        {
            var dynamic = PromptText.Dynamic(key, messages.Operation, cancellationToken);
            segments.Add(dynamic);
            blocks?.Add(new Block(dynamic.Stability, Breakpoint.Maybe));
            return 0;
        }

        foreach (var message in messages.Items)
        {
            if (message.Kind != JsonKind.Object)
            {
                var dynamic = PromptText.Dynamic("message", message.Operation, cancellationToken);
                segments.Add(dynamic);
                blocks?.Add(new Block(dynamic.Stability, Breakpoint.Maybe));
                continue;
            }

            var role = message.Member("role")?.ConstantText switch
            {
                null => "user",
                "model" => "assistant",
                var named => named,
            };

            if (message.Member("content", "parts") is { } content)
                Content(content, role, segments, blocks, cancellationToken);
        }

        return messages.Items.Count;
    }

    // A string, or a list of parts or blocks each with its text (and, for Anthropic, maybe a cache_control).
    private static void Content(JsonPart content, string role, List<PromptSegment> segments, List<Block>? blocks, CancellationToken cancellationToken)
    {
        if (content.Kind != JsonKind.Array)
        {
            var start = segments.Count;
            AppendText(content, role, segments, cancellationToken);
            var breakpoint = content.Kind == JsonKind.Unknown ? Breakpoint.Maybe : Breakpoint.No;
            blocks?.Add(new Block(Worst(segments, start), breakpoint));
            return;
        }

        foreach (var part in content.Items)
        {
            var start = segments.Count;
            if (part.Kind == JsonKind.Object && part.Member("text") is { } text)
                AppendText(text, role, segments, cancellationToken);
            else
                segments.Add(PromptText.Dynamic(role, part.Operation, cancellationToken));

            var breakpoint = part.Kind != JsonKind.Object ? Breakpoint.Maybe
                : part.Member("cache_control") is { Kind: not JsonKind.Null } ? Breakpoint.Yes
                : part.Complete ? Breakpoint.No
                : Breakpoint.Maybe;
            blocks?.Add(new Block(Worst(segments, start), breakpoint));
        }
    }

    private static void AppendText(JsonPart part, string role, List<PromptSegment> segments, CancellationToken cancellationToken)
    {
        if (part.Text is { } text)
        {
            segments.Add(new PromptSegment(role, text, part.Operation));
            return;
        }

        if (part.Kind == JsonKind.Value && part.Operation is { } value && OperationFlow.Unwrap(value).Type?.SpecialType == SpecialType.System_String)
        {
            PromptText.AppendText(value, role, segments, cancellationToken);
            return;
        }

        segments.Add(PromptText.Dynamic(role, part.Operation, cancellationToken));
    }

    private static Stability Worst(List<PromptSegment> segments, int start)
    {
        var worst = Stability.Constant;
        for (var i = start; i < segments.Count; i++)
            worst = StabilityClassifier.Worst(worst, segments[i].Stability);
        return worst;
    }

    // Anthropic writes to the cache at a breakpoint that comes before the first block that changes per request, or at
    // the request-level cache_control.
    private static CacheBreakpoints? Breakpoints(JsonPart body, List<Block>? blocks)
    {
        if (blocks is null)
            return null;

        var automatic = body.Kind == JsonKind.Object && body.Member("cache_control") is { Kind: not JsonKind.Null };
        var tools = body.Kind == JsonKind.Object && body.Member("tools") is { Kind: JsonKind.Array } list
            ? list.Items.Count(static t => t.Kind == JsonKind.Object && t.Member("cache_control") is { Kind: not JsonKind.Null })
            : 0;
        var covered = automatic || body.Kind != JsonKind.Object;
        foreach (var block in blocks)
        {
            if (covered || block.Stability == Stability.Volatile)
                break;
            if (block.Breakpoint != Breakpoint.No)
                covered = true;
        }

        var count = (automatic ? 1 : 0) + tools + blocks.Count(static b => b.Breakpoint == Breakpoint.Yes);
        return new CacheBreakpoints(covered, count);
    }

    private static string? BaseAddress(IOperation? client, IOperation use, SdkSymbols sdk, CancellationToken cancellationToken)
    {
        if (client is null)
            return null;

        // client.BaseAddress = new Uri("...") on a local before the request.
        if (OperationFlow.Unwrap(client) is ILocalReferenceOperation local)
        {
            IOperation? assigned = null;
            foreach (var reference in OperationFlow.References(local.Local, use))
            {
                if (reference.Syntax.SpanStart < use.Syntax.SpanStart
                    && reference.Parent is IPropertyReferenceOperation { Property.Name: "BaseAddress", Parent: ISimpleAssignmentOperation assignment } property
                    && assignment.Target == property)
                {
                    assigned = assignment.Value;
                }
            }

            if (assigned is not null)
                return UrlText.Read(assigned, cancellationToken)?.Text;
        }

        if (ClientOrigin(client, cancellationToken) is IObjectCreationOperation { Initializer: { } initializer } creation
            && SdkSymbols.IsOrDerives(creation.Type, sdk.HttpClient))
        {
            var baseAddress = initializer.Initializers.OfType<ISimpleAssignmentOperation>()
                .LastOrDefault(static a => a.Target is IPropertyReferenceOperation { Property.Name: "BaseAddress" });
            return baseAddress is null ? null : UrlText.Read(baseAddress.Value, cancellationToken)?.Text;
        }

        return null;
    }

    /// <summary>The one value a readonly field is given in the constructors of its type in the same file, or null.</summary>
    private static IOperation? ConstructorAssignment(IFieldReferenceOperation reference, CancellationToken cancellationToken)
    {
        var field = reference.Field;
        if (!field.IsReadOnly || reference.SemanticModel is not { } model)
            return null;

        IOperation? value = null;
        foreach (var constructor in field.ContainingType.InstanceConstructors.Concat(field.ContainingType.StaticConstructors))
        {
            foreach (var syntaxReference in constructor.DeclaringSyntaxReferences)
            {
                if (syntaxReference.SyntaxTree != model.SyntaxTree
                    || model.GetOperation(syntaxReference.GetSyntax(cancellationToken), cancellationToken) is not { } body)
                {
                    continue;
                }

                foreach (var assignment in OperationFlow.Descendants(body).OfType<ISimpleAssignmentOperation>())
                {
                    if (assignment.Target is IFieldReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Field, field))
                    {
                        if (value is not null)
                            return null;
                        value = assignment.Value;
                    }
                }
            }
        }

        return value;
    }

    private enum Breakpoint
    {
        No,
        Yes,

        /// <summary>Content the analyzer cannot see into, which may carry one.</summary>
        Maybe,
    }

    private readonly struct Block
    {
        public Block(Stability stability, Breakpoint breakpoint)
        {
            Stability = stability;
            Breakpoint = breakpoint;
        }

        public Stability Stability { get; }

        public Breakpoint Breakpoint { get; }
    }

    /// <summary>The client, URL and body of a raw request, as the call shows them.</summary>
    private readonly struct Request
    {
        private Request(IOperation? client, IOperation? url, JsonPart body)
        {
            Client = client;
            Url = url;
            Body = body;
        }

        public IOperation? Client { get; }

        public IOperation? Url { get; }

        public JsonPart Body { get; }

        public static bool TryRead(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken, out Request request)
        {
            request = default;
            var method = invocation.TargetMethod;
            if (method.Name == "PostAsJsonAsync" && SdkSymbols.Is(method.ContainingType, sdk.HttpClientJsonExtensions))
            {
                var body = JsonPart.Read(Argument(invocation, "value"), invocation, sdk, cancellationToken);
                request = new Request(ClientOf(invocation), Argument(invocation, "requestUri"), body);
                return true;
            }

            if (!SdkSymbols.IsOrDerives(method.ContainingType, sdk.HttpClient))
                return false;

            if (method.Name == "PostAsync")
            {
                var body = Content(Argument(invocation, "content"), invocation, sdk, cancellationToken);
                request = new Request(invocation.Instance, Argument(invocation, "requestUri"), body);
                return true;
            }

            if (method.Name is "SendAsync" or "Send")
                return TryReadMessage(invocation, sdk, cancellationToken, out request);

            return false;
        }

        // new HttpRequestMessage(HttpMethod.Post, url) { Content = ... }, or the same set on a local before it is sent.
        private static bool TryReadMessage(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken, out Request request)
        {
            request = default;
            if (Argument(invocation, "request") is not { } message)
                return false;

            var value = OperationFlow.Unwrap(message);
            var local = value as ILocalReferenceOperation;
            var definition = local is null ? value : OperationFlow.SingleDefinition(local.Local, invocation);
            if (definition is null
                || OperationFlow.Origin(definition, cancellationToken) is not IObjectCreationOperation creation
                || !SdkSymbols.IsOrDerives(creation.Type, sdk.HttpRequestMessage))
            {
                return false;
            }

            var httpMethod = creation.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "method")?.Value;
            var url = creation.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "requestUri")?.Value;
            IOperation? content = null;
            foreach (var assignment in creation.Initializer?.Initializers.OfType<ISimpleAssignmentOperation>() ?? Enumerable.Empty<ISimpleAssignmentOperation>())
                Assign(assignment, ref httpMethod, ref url, ref content);

            if (local is not null)
            {
                foreach (var reference in OperationFlow.References(local.Local, invocation))
                {
                    if (reference.Syntax.SpanStart < invocation.Syntax.SpanStart
                        && reference.Parent is IPropertyReferenceOperation { Parent: ISimpleAssignmentOperation assignment } property
                        && assignment.Target == property)
                    {
                        Assign(assignment, ref httpMethod, ref url, ref content);
                    }
                }
            }

            if (!IsPost(httpMethod, cancellationToken))
                return false;

            request = new Request(invocation.Instance, url, Content(content, invocation, sdk, cancellationToken));
            return true;
        }

        private static void Assign(ISimpleAssignmentOperation assignment, ref IOperation? httpMethod, ref IOperation? url, ref IOperation? content)
        {
            switch ((assignment.Target as IPropertyReferenceOperation)?.Property.Name)
            {
                case "Method":
                    httpMethod = assignment.Value;
                    break;
                case "RequestUri":
                    url = assignment.Value;
                    break;
                case "Content":
                    content = assignment.Value;
                    break;
            }
        }

        private static bool IsPost(IOperation? httpMethod, CancellationToken cancellationToken)
        {
            if (httpMethod is null)
                return false;

            return OperationFlow.Origin(httpMethod, cancellationToken) switch
            {
                IPropertyReferenceOperation { Property: { Name: "Post", IsStatic: true } } => true,
                IObjectCreationOperation { Arguments.Length: 1 } created =>
                    created.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string name }
                    && string.Equals(name, "POST", StringComparison.OrdinalIgnoreCase),
                _ => false,
            };
        }

        private static JsonPart Content(IOperation? content, IOperation use, SdkSymbols sdk, CancellationToken cancellationToken)
        {
            if (content is null)
                return JsonPart.Unknown(null);

            switch (OperationFlow.Origin(content, cancellationToken))
            {
                case IInvocationOperation { TargetMethod.Name: "Create" } create when SdkSymbols.Is(create.TargetMethod.ContainingType, sdk.JsonContent):
                    return JsonPart.Read(Argument(create, "inputValue"), use, sdk, cancellationToken);
                case IObjectCreationOperation { Arguments.Length: >= 1 } text when SdkSymbols.IsOrDerives(text.Type, sdk.StringContent):
                    return JsonPart.FromString(text.Arguments[0].Value, use, sdk, cancellationToken);
                default:
                    return JsonPart.Unknown(content);
            }
        }

        private static IOperation? Argument(IInvocationOperation invocation, string name) =>
            invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == name && a.ArgumentKind != ArgumentKind.DefaultValue)?.Value;
    }
}
