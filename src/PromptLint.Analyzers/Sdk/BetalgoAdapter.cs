using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Sdk;

/// <summary>
/// Betalgo's community OpenAI SDK, <c>Betalgo.Ranul.OpenAI</c> (read from 9.2.6):
/// <list type="bullet">
/// <item><c>OpenAIService</c> (namespace <c>Betalgo.Ranul.OpenAI.Managers</c>) implements <c>IOpenAIService</c>, whose
/// <c>ChatCompletion</c> property is an <c>IChatCompletionService</c> (<c>Betalgo.Ranul.OpenAI.Interfaces</c>) with
/// <c>CreateCompletion(ChatCompletionCreateRequest, string? modelId = null, CancellationToken = default)</c> and
/// <c>CreateCompletionAsStream(ChatCompletionCreateRequest, string? modelId = null, bool justDataMode = true,
/// CancellationToken = default)</c>; <c>OpenAIService</c> implements both itself, and the extension
/// <c>IChatCompletionServiceExtension.Create(service, request, Models.Model modelId, CancellationToken)</c> takes an
/// enum model.</item>
/// <item><c>ChatCompletionCreateRequest</c> (<c>...ObjectModels.RequestModels</c>) has <c>Model</c>,
/// <c>MaxTokens</c> and <c>MaxCompletionTokens</c> (<c>int?</c>) and <c>Messages</c> (<c>IList&lt;ChatMessage&gt;</c>);
/// messages are made with <c>ChatMessage.FromSystem(content, name)</c>, <c>FromUser</c>, <c>FromAssistant</c>,
/// <c>FromTool</c>, or <c>new ChatMessage(ChatCompletionRole role, string content, ...)</c>, where
/// <c>ChatCompletionRole</c> is a class with static <c>System</c>, <c>User</c>, ... and a conversion from string.</item>
/// <item>The model sent is the <c>modelId</c> argument, else the request's <c>Model</c>, else the service's
/// <c>DefaultModelId</c> (checked against the real SDK with a capturing handler).</item>
/// <item><c>OpenAIOptions</c> (<c>Betalgo.Ranul.OpenAI</c>) has <c>ApiKey</c>, <c>Organization</c>, <c>BaseDomain</c>,
/// <c>DefaultModelId</c>, <c>ProviderType</c> (<c>OpenAI</c> or <c>Azure</c>), <c>DeploymentId</c>, <c>ResourceName</c>,
/// <c>ApiVersion</c>.</item>
/// <item>The service is made with <c>new OpenAIService(OpenAIOptions, HttpClient? httpClient = null)</c> or
/// <c>new OpenAIService(IOptions&lt;OpenAIOptions&gt;, HttpClient)</c>, or registered with
/// <c>services.AddOpenAIService(Action&lt;OpenAIOptions&gt;?)</c> (also with a name), which returns the
/// <c>IHttpClientBuilder</c> of the service's typed client.</item>
/// <item>The SDK has no retry: a 429 is sent once and comes back as an error response.</item>
/// <item>Model ids: <c>Models.Gpt_4o</c> and the other static string properties of <c>ObjectModels.Models</c>, and the
/// <c>Models.Model</c> enum; neither is a constant, so <see cref="BetalgoModelNames"/> maps the member name.</item>
/// </list>
/// The legacy <c>CreateCompletion(CompletionCreateRequest)</c> of the completions API is not read.
/// </summary>
internal sealed class BetalgoAdapter : ICallSiteAdapter
{
    /// <summary>The cap the PL1001 code fix adds: <c>max_completion_tokens</c>, which the reasoning models require.</summary>
    public const string CapProperty = "MaxCompletionTokens";

    /// <summary>The older cap, <c>max_tokens</c>, which the SDK still sends.</summary>
    public const string LegacyCapProperty = "MaxTokens";

    public bool TryRead(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken, out CallSite callSite)
    {
        callSite = null!;
        if (!sdk.HasBetalgo || !IsChatCompletion(invocation.TargetMethod, sdk))
            return false;

        var request = invocation.Arguments.FirstOrDefault(a => SdkSymbols.Is(a.Parameter?.Type, sdk.BetalgoChatRequest));
        if (request is null)
            return false;

        var requestValue = OperationFlow.Unwrap(request.Value);
        var creation = OperationFlow.Origin(requestValue, cancellationToken) as IObjectCreationOperation;
        if (creation is not null && !SdkSymbols.IsOrDerives(creation.Type, sdk.BetalgoChatRequest))
            creation = null;

        var model = ModelOfCall(invocation, creation, sdk, cancellationToken);
        var cap = Cap(requestValue, invocation, sdk, cancellationToken);
        var segments = new List<PromptSegment>();
        var count = 0;
        if (creation is null)
        {
            segments.Add(PromptText.Dynamic("messages", request.Value, cancellationToken));
        }
        else if (Member(creation, "Messages") is { } messages)
        {
            count = MessageSegments(messages, invocation, sdk, segments, cancellationToken);
        }
        else
        {
            segments.Add(PromptSegment.Dynamic("messages", null, Stability.Unknown));
        }

        callSite = new CallSite(invocation, LlmSdk.Betalgo, model, cap, PromptText.Merge(segments), count);
        return true;
    }

    /// <summary>
    /// <c>CreateCompletion</c> and <c>CreateCompletionAsStream</c> of the chat-completion service (declared on
    /// <c>IChatCompletionService</c> and on <c>OpenAIService</c>), and the enum-model <c>Create</c> extension.
    /// </summary>
    public static bool IsChatCompletion(IMethodSymbol? method, SdkSymbols sdk)
    {
        if (method is null || method.Parameters.Length == 0)
            return false;

        if (method.Name == "Create")
            return SdkSymbols.Is(method.ContainingType, sdk.BetalgoChatCompletionExtension);

        return method.Name is "CreateCompletion" or "CreateCompletionAsStream"
            && SdkSymbols.Implements(method.ContainingType, sdk.BetalgoChatCompletionService)
            && method.Parameters.Any(p => SdkSymbols.Is(p.Type, sdk.BetalgoChatRequest));
    }

    private static ModelReference ModelOfCall(
        IInvocationOperation invocation, IObjectCreationOperation? request, SdkSymbols sdk, CancellationToken cancellationToken)
    {
        // The SDK sends the modelId argument first, then the request's Model, then the service's DefaultModelId.
        var argument = invocation.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "modelId");
        if (argument is not null && argument.ArgumentKind != ArgumentKind.DefaultValue && !IsNull(argument.Value))
            return ModelIds.FromExpression(argument.Value, ModelSource.Call, cancellationToken);

        if (request is not null && Member(request, "Model") is { } assigned)
            return IsNull(assigned) ? DefaultModel(invocation, sdk, cancellationToken) : ModelIds.FromExpression(assigned, ModelSource.Call, cancellationToken);

        // A request that comes from elsewhere may carry a model of its own: no claim about the default.
        return request is null ? ModelReference.None : DefaultModel(invocation, sdk, cancellationToken);
    }

    // service.ChatCompletion.CreateCompletion(...), service.CreateCompletion(...), or the extension's first argument.
    private static ModelReference DefaultModel(IInvocationOperation invocation, SdkSymbols sdk, CancellationToken cancellationToken)
    {
        var receiver = HttpAdapter.ClientOf(invocation);
        if (receiver is not null && OperationFlow.Unwrap(receiver) is IPropertyReferenceOperation { Property.Name: "ChatCompletion", Instance: { } service })
            receiver = service;

        if (HttpAdapter.ClientOrigin(receiver, cancellationToken) is not IObjectCreationOperation creation
            || !SdkSymbols.IsOrDerives(creation.Type, sdk.BetalgoService))
        {
            return ModelReference.None;
        }

        var options = creation.Arguments.FirstOrDefault(a => SdkSymbols.Is(a.Parameter?.Type, sdk.BetalgoOptions));
        if (options is null
            || OperationFlow.Origin(options.Value, cancellationToken) is not IObjectCreationOperation optionsCreation
            || !SdkSymbols.Is(optionsCreation.Type, sdk.BetalgoOptions))
        {
            return ModelReference.None;
        }

        return Member(optionsCreation, "DefaultModelId") is { } id
            ? ModelIds.FromExpression(id, ModelSource.Client, cancellationToken)
            : ModelReference.None;
    }

    // The request carries two caps: MaxCompletionTokens, and the older MaxTokens. Either one set is a cap.
    private static OutputCap Cap(IOperation request, IOperation use, SdkSymbols sdk, CancellationToken cancellationToken)
    {
        var completion = CapReader.FromOptions(request, use, sdk.BetalgoChatRequest, CapProperty, cancellationToken);
        if (completion.State == CapState.Set)
            return completion;

        var legacy = CapReader.FromOptions(request, use, sdk.BetalgoChatRequest, LegacyCapProperty, cancellationToken);
        if (legacy.State == CapState.Set)
            return legacy;
        if (completion.State == CapState.Unknown || legacy.State == CapState.Unknown)
            return OutputCap.Unknown;

        // The request is passed as null (the SDK then fails before sending) or is created without either cap.
        var reason = completion.Fix == CapFix.AddToInitializer ? "the request sets no cap" : completion.Reason;
        return OutputCap.Missing(reason, completion.Fix, completion.FixTarget, sdk.BetalgoChatRequest, CapProperty);
    }

    private static int MessageSegments(
        IOperation messages, IInvocationOperation invocation, SdkSymbols sdk, List<PromptSegment> segments, CancellationToken cancellationToken)
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
        switch (OperationFlow.Origin(element, cancellationToken))
        {
            case IInvocationOperation { TargetMethod: { IsStatic: true } factory } call
                when SdkSymbols.Is(factory.ContainingType, sdk.BetalgoChatMessage)
                && call.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "content") is { } content
                && content.Value.Type?.SpecialType == SpecialType.System_String:
                PromptText.AppendText(content.Value, RoleOfFactory(factory.Name), segments, cancellationToken);
                return;

            case IObjectCreationOperation creation when SdkSymbols.Is(creation.Type, sdk.BetalgoChatMessage):
                var text = creation.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "content")?.Value ?? Member(creation, "Content");
                var role = creation.Arguments.FirstOrDefault(static a => a.Parameter?.Name == "role")?.Value ?? Member(creation, "Role");
                if (text is not null && OperationFlow.Unwrap(text).Type?.SpecialType == SpecialType.System_String)
                {
                    PromptText.AppendText(text, RoleOf(role, cancellationToken), segments, cancellationToken);
                    return;
                }

                break;
        }

        segments.Add(PromptText.Dynamic("message", element, cancellationToken));
    }

    private static string RoleOfFactory(string name) => name switch
    {
        "FromSystem" => "system",
        "FromAssistant" => "assistant",
        "FromTool" => "tool",
        _ => "user",
    };

    // ChatCompletionRole.System, or a string that converts to a role ("system").
    private static string RoleOf(IOperation? role, CancellationToken cancellationToken)
    {
        if (role is null)
            return "user";

        var origin = OperationFlow.Origin(role, cancellationToken);
        var name = origin switch
        {
            { ConstantValue: { HasValue: true, Value: string text } } => text,
            IPropertyReferenceOperation { Property.IsStatic: true } property => property.Property.Name,
            _ => "user",
        };
        return name.ToLowerInvariant() switch
        {
            "system" => "system",
            "developer" => "developer",
            "assistant" => "assistant",
            "tool" or "function" => "tool",
            _ => "user",
        };
    }

    private static IOperation? Member(IObjectCreationOperation creation, string name) =>
        CapReader.InitializerAssignment(creation, name)?.Value;

    private static bool IsNull(IOperation value)
    {
        var unwrapped = OperationFlow.Unwrap(value);
        return unwrapped.ConstantValue is { HasValue: true, Value: null } || unwrapped is IDefaultValueOperation;
    }
}

/// <summary>
/// The model ids behind Betalgo's <c>Models</c> members. <c>Models.Gpt_4o</c> is a static property and
/// <c>Models.Model.Gpt_4o</c> an enum member, so neither has a constant value; their names follow one pattern
/// (<c>Gpt_4_1_mini</c> is <c>gpt-4.1-mini</c>, <c>O3_mini</c> is <c>o3-mini</c>). Names outside the pattern
/// (<c>ChatGpt3_5Turbo</c>, <c>TextDavinciV3</c>) give no id rather than a guess; a test checks every member of
/// the real SDK against the id it returns.
/// </summary>
internal static class BetalgoModelNames
{
    private const string ModelsType = "Betalgo.Ranul.OpenAI.ObjectModels.Models";

    /// <summary>True for a static property of <c>Models</c> or a member of the <c>Models.Model</c> enum.</summary>
    public static bool IsModelsMember(ISymbol symbol) => symbol switch
    {
        IPropertySymbol { IsStatic: true, Type.SpecialType: SpecialType.System_String } property =>
            FullName(property.ContainingType) == ModelsType,
        IFieldSymbol { ContainingType: { TypeKind: TypeKind.Enum, Name: "Model" } enumType } =>
            FullName(enumType.ContainingType) == ModelsType,
        _ => false,
    };

    /// <summary>The id a member name stands for, or null when the name does not follow the pattern.</summary>
    public static string? FromMemberName(string name)
    {
        if (name.Length == 0 || !char.IsLetter(name[0]))
            return null;

        for (var i = 1; i < name.Length; i++)
        {
            // A capital inside a word (TextDavinciV3, ChatGpt3_5Turbo) is a name the SDK spells its own way.
            if (char.IsUpper(name[i]) && name[i - 1] != '_')
                return null;
            if (!char.IsLetterOrDigit(name[i]) && name[i] != '_')
                return null;
        }

        var id = new StringBuilder(name.ToLowerInvariant().Replace('_', '-'));

        // gpt-4-1-mini is gpt-4.1-mini and gpt-3-5-turbo is gpt-3.5-turbo; gpt-4-0613 and gpt-4-32k stay as they are.
        if (id.Length >= 7 && id.ToString(0, 4) == "gpt-" && char.IsDigit(id[4]) && id[5] == '-' && char.IsDigit(id[6])
            && (id.Length == 7 || id[7] == '-'))
        {
            id[5] = '.';
        }

        return id.ToString();
    }

    private static string FullName(INamedTypeSymbol? type) => type is null ? "" : type.ToDisplayString();
}
