using Microsoft.CodeAnalysis;
using PromptLint.Analyzers.Sdk;

namespace PromptLint.Analyzers.Rules.Reliability;

/// <summary>The types that carry a client's retry budget, looked up once per compilation.</summary>
internal sealed class RetrySymbols
{
    private RetrySymbols(Compilation compilation, SdkSymbols sdk)
    {
        ClientPipelineOptions = compilation.GetTypeByMetadataName("System.ClientModel.Primitives.ClientPipelineOptions");
        ClientRetryPolicy = compilation.GetTypeByMetadataName("System.ClientModel.Primitives.ClientRetryPolicy");
        OpenAIAssembly = sdk.OpenAIClient?.ContainingAssembly;
        AzureOpenAIAssembly = compilation.GetTypeByMetadataName("Azure.AI.OpenAI.AzureOpenAIClient")?.ContainingAssembly;

        AnthropicClient = compilation.GetTypeByMetadataName("Anthropic.AnthropicClient");
        AnthropicClientInterface = compilation.GetTypeByMetadataName("Anthropic.IAnthropicClient");
        AnthropicClientOptions = compilation.GetTypeByMetadataName("Anthropic.Core.ClientOptions");

        BetalgoService = sdk.BetalgoService;
        BetalgoServiceCollectionExtensions = sdk.BetalgoServiceCollectionExtensions;

        // The HttpClient types matter to raw requests and to Betalgo, whose service sends through an HttpClient.
        if (!sdk.HasRawHttp && !sdk.HasBetalgo)
            return;

        HttpClient = sdk.HttpClient;
        HttpClientHandler = compilation.GetTypeByMetadataName("System.Net.Http.HttpClientHandler");
        SocketsHttpHandler = compilation.GetTypeByMetadataName("System.Net.Http.SocketsHttpHandler");
        HttpClientFactoryExtensions = compilation.GetTypeByMetadataName(
            "Microsoft.Extensions.DependencyInjection.HttpClientFactoryServiceCollectionExtensions");
    }

    public INamedTypeSymbol? ClientPipelineOptions { get; }

    public INamedTypeSymbol? ClientRetryPolicy { get; }

    public IAssemblySymbol? OpenAIAssembly { get; }

    public IAssemblySymbol? AzureOpenAIAssembly { get; }

    public INamedTypeSymbol? AnthropicClient { get; }

    public INamedTypeSymbol? AnthropicClientInterface { get; }

    public INamedTypeSymbol? AnthropicClientOptions { get; }

    public INamedTypeSymbol? BetalgoService { get; }

    public INamedTypeSymbol? BetalgoServiceCollectionExtensions { get; }

    public INamedTypeSymbol? HttpClient { get; }

    public INamedTypeSymbol? HttpClientHandler { get; }

    public INamedTypeSymbol? SocketsHttpHandler { get; }

    public INamedTypeSymbol? HttpClientFactoryExtensions { get; }

    public static RetrySymbols For(Compilation compilation, SdkSymbols sdk) => new(compilation, sdk);

    /// <summary>The display name of the SDK whose pipeline client this type is, or null when it is none PromptLint knows.</summary>
    public string? PipelineClientSdk(ITypeSymbol? type)
    {
        if (type is null || ClientPipelineOptions is null)
            return null;

        var assembly = type.ContainingAssembly;
        if (SymbolEqualityComparer.Default.Equals(assembly, OpenAIAssembly))
            return "OpenAI";
        if (SymbolEqualityComparer.Default.Equals(assembly, AzureOpenAIAssembly))
            return "Azure OpenAI";
        return null;
    }

    public bool IsPipelineOptions(ITypeSymbol? type) => SdkSymbols.IsOrDerives(type, ClientPipelineOptions);
}
