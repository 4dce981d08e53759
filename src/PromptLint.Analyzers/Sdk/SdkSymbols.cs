using Microsoft.CodeAnalysis;

namespace PromptLint.Analyzers.Sdk;

/// <summary>The LLM SDK types a compilation references, looked up once per compilation.</summary>
internal sealed class SdkSymbols
{
    private SdkSymbols(Compilation compilation, CancellationToken cancellationToken)
    {
        OpenAIChatClient = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatClient");
        OpenAIClient = compilation.GetTypeByMetadataName("OpenAI.OpenAIClient");
        OpenAIChatCompletionOptions = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatCompletionOptions");
        OpenAIChatMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.ChatMessage");
        OpenAISystemMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.SystemChatMessage");
        OpenAIDeveloperMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.DeveloperChatMessage");
        OpenAIUserMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.UserChatMessage");
        OpenAIAssistantMessage = compilation.GetTypeByMetadataName("OpenAI.Chat.AssistantChatMessage");
        OpenAIResponsesClient = compilation.GetTypeByMetadataName("OpenAI.Responses.ResponsesClient");
        OpenAIResponseOptions = compilation.GetTypeByMetadataName("OpenAI.Responses.CreateResponseOptions");
        OpenAIResponseItem = compilation.GetTypeByMetadataName("OpenAI.Responses.ResponseItem");
        AzureOpenAIClient = compilation.GetTypeByMetadataName("Azure.AI.OpenAI.AzureOpenAIClient");

        AnthropicMessageService = compilation.GetTypeByMetadataName("Anthropic.Services.IMessageService");
        AnthropicBetaMessageService = compilation.GetTypeByMetadataName("Anthropic.Services.Beta.IMessageService");
        AnthropicCreateParams = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.MessageCreateParams");
        AnthropicBetaCreateParams = compilation.GetTypeByMetadataName("Anthropic.Models.Beta.Messages.MessageCreateParams");
        AnthropicModel = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.Model");
        AnthropicTextBlock = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.TextBlockParam");
        AnthropicUserMessage = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.UserMessageParam");
        AnthropicAssistantMessage = compilation.GetTypeByMetadataName("Anthropic.Models.Messages.AssistantMessageParam");
        AnthropicChatClientExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.AnthropicClientExtensions");

        ChatClientInterface = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.IChatClient");
        ChatClientExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatClientExtensions");
        ChatClientStructuredOutputExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatClientStructuredOutputExtensions");
        ChatOptions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatOptions");
        ChatMessage = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatMessage");
        ChatRole = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.ChatRole");
        OpenAIClientExtensions = compilation.GetTypeByMetadataName("Microsoft.Extensions.AI.OpenAIClientExtensions");
        ConfigureOptionsExtensions = compilation.GetTypeByMetadataName(
            "Microsoft.Extensions.AI.ConfigureOptionsChatClientBuilderExtensions");

        KernelExtensions = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelExtensions");
        KernelArguments = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.KernelArguments");
        PromptExecutionSettings = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.PromptExecutionSettings");
        ChatCompletionService = compilation.GetTypeByMetadataName("Microsoft.SemanticKernel.ChatCompletion.IChatCompletionService");
        ChatCompletionServiceExtensions = compilation.GetTypeByMetadataName(
            "Microsoft.SemanticKernel.ChatCompletion.ChatCompletionServiceExtensions");

        BetalgoChatCompletionService = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.Interfaces.IChatCompletionService");
        BetalgoChatCompletionExtension = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.Interfaces.IChatCompletionServiceExtension");
        BetalgoChatRequest = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.ChatCompletionCreateRequest");
        BetalgoChatMessage = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.ObjectModels.RequestModels.ChatMessage");
        BetalgoService = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.Managers.OpenAIService");
        BetalgoServiceInterface = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.Interfaces.IOpenAIService");
        BetalgoOptions = compilation.GetTypeByMetadataName("Betalgo.Ranul.OpenAI.OpenAIOptions");
        BetalgoServiceCollectionExtensions = compilation.GetTypeByMetadataName(
            "Betalgo.Ranul.OpenAI.Extensions.OpenAIServiceCollectionExtensions");

        // HttpClient is in every .NET project: the raw HTTP adapter is on only when the source shows raw LLM requests.
        HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
        HasRawHttp = HttpClient is not null && RawHttpGate.AnyFileHasSign(compilation, cancellationToken);
        if (!HasRawHttp)
            return;

        HttpRequestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
        StringContent = compilation.GetTypeByMetadataName("System.Net.Http.StringContent");
        JsonContent = compilation.GetTypeByMetadataName("System.Net.Http.Json.JsonContent");
        HttpClientJsonExtensions = compilation.GetTypeByMetadataName("System.Net.Http.Json.HttpClientJsonExtensions");
        HttpMethod = compilation.GetTypeByMetadataName("System.Net.Http.HttpMethod");
        JsonNode = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonNode");
        JsonObject = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonObject");
        JsonValue = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonValue");
        JsonSerializer = compilation.GetTypeByMetadataName("System.Text.Json.JsonSerializer");
        Uri = compilation.GetTypeByMetadataName("System.Uri");
        Dictionary = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");
    }

    public INamedTypeSymbol? OpenAIChatClient { get; }
    public INamedTypeSymbol? OpenAIClient { get; }
    public INamedTypeSymbol? OpenAIChatCompletionOptions { get; }
    public INamedTypeSymbol? OpenAIChatMessage { get; }
    public INamedTypeSymbol? OpenAISystemMessage { get; }
    public INamedTypeSymbol? OpenAIDeveloperMessage { get; }
    public INamedTypeSymbol? OpenAIUserMessage { get; }
    public INamedTypeSymbol? OpenAIAssistantMessage { get; }
    public INamedTypeSymbol? OpenAIResponsesClient { get; }
    public INamedTypeSymbol? OpenAIResponseOptions { get; }
    public INamedTypeSymbol? OpenAIResponseItem { get; }
    public INamedTypeSymbol? AzureOpenAIClient { get; }

    public INamedTypeSymbol? AnthropicMessageService { get; }
    public INamedTypeSymbol? AnthropicBetaMessageService { get; }
    public INamedTypeSymbol? AnthropicCreateParams { get; }
    public INamedTypeSymbol? AnthropicBetaCreateParams { get; }
    public INamedTypeSymbol? AnthropicModel { get; }
    public INamedTypeSymbol? AnthropicTextBlock { get; }
    public INamedTypeSymbol? AnthropicUserMessage { get; }
    public INamedTypeSymbol? AnthropicAssistantMessage { get; }
    public INamedTypeSymbol? AnthropicChatClientExtensions { get; }

    public INamedTypeSymbol? ChatClientInterface { get; }
    public INamedTypeSymbol? ChatClientExtensions { get; }
    public INamedTypeSymbol? ChatClientStructuredOutputExtensions { get; }
    public INamedTypeSymbol? ChatOptions { get; }
    public INamedTypeSymbol? ChatMessage { get; }
    public INamedTypeSymbol? ChatRole { get; }
    public INamedTypeSymbol? OpenAIClientExtensions { get; }
    public INamedTypeSymbol? ConfigureOptionsExtensions { get; }

    public INamedTypeSymbol? KernelExtensions { get; }
    public INamedTypeSymbol? KernelArguments { get; }
    public INamedTypeSymbol? PromptExecutionSettings { get; }
    public INamedTypeSymbol? ChatCompletionService { get; }
    public INamedTypeSymbol? ChatCompletionServiceExtensions { get; }

    public INamedTypeSymbol? BetalgoChatCompletionService { get; }
    public INamedTypeSymbol? BetalgoChatCompletionExtension { get; }
    public INamedTypeSymbol? BetalgoChatRequest { get; }
    public INamedTypeSymbol? BetalgoChatMessage { get; }
    public INamedTypeSymbol? BetalgoService { get; }
    public INamedTypeSymbol? BetalgoServiceInterface { get; }
    public INamedTypeSymbol? BetalgoOptions { get; }
    public INamedTypeSymbol? BetalgoServiceCollectionExtensions { get; }

    public INamedTypeSymbol? HttpClient { get; }
    public INamedTypeSymbol? HttpRequestMessage { get; }
    public INamedTypeSymbol? StringContent { get; }
    public INamedTypeSymbol? JsonContent { get; }
    public INamedTypeSymbol? HttpClientJsonExtensions { get; }
    public INamedTypeSymbol? HttpMethod { get; }
    public INamedTypeSymbol? JsonNode { get; }
    public INamedTypeSymbol? JsonObject { get; }
    public INamedTypeSymbol? JsonValue { get; }
    public INamedTypeSymbol? JsonSerializer { get; }
    public INamedTypeSymbol? Uri { get; }
    public INamedTypeSymbol? Dictionary { get; }

    public bool HasOpenAI => OpenAIChatClient is not null;

    public bool HasAnthropic => AnthropicMessageService is not null;

    public bool HasExtensionsAI => ChatClientInterface is not null;

    public bool HasSemanticKernel => PromptExecutionSettings is not null;

    /// <summary>True when the compilation references Betalgo's community OpenAI SDK (<c>Betalgo.Ranul.OpenAI</c>).</summary>
    public bool HasBetalgo => BetalgoChatCompletionService is not null && BetalgoChatRequest is not null;

    /// <summary>True when a source file shows a sign of raw LLM requests over <c>HttpClient</c> (see <see cref="RawHttpGate"/>).</summary>
    public bool HasRawHttp { get; }

    /// <summary>True when the compilation references at least one SDK PromptLint understands, or sends raw LLM requests.</summary>
    public bool Any => HasOpenAI || HasAnthropic || HasExtensionsAI || HasSemanticKernel || HasBetalgo || HasRawHttp;

    public static SdkSymbols For(Compilation compilation, CancellationToken cancellationToken = default) => new(compilation, cancellationToken);

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
        type is not null && expected is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, expected);

    public static bool IsOrDerives(ITypeSymbol? type, INamedTypeSymbol? expected)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (Is(current, expected))
                return true;
        }

        return false;
    }

    public static bool Implements(ITypeSymbol? type, INamedTypeSymbol? @interface) =>
        type is not null && @interface is not null
        && (Is(type, @interface) || type.AllInterfaces.Any(i => Is(i, @interface)));
}
