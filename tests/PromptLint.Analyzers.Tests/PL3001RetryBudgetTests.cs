using Microsoft.CodeAnalysis;
using PromptLint.Analyzers.Rules.Cost;
using PromptLint.Analyzers.Rules.Reliability;

namespace PromptLint.Analyzers.Tests;

public sealed class PL3001RetryBudgetTests
{
    private static Task Verify(string source, string? editorConfig = null)
    {
        var test = new AnalyzerTest<ReliabilityAnalyzer>(Usings.Common + source, "PL3002");
        if (editorConfig is not null)
            test.WithEditorConfig(editorConfig);
        return test.RunAsync();
    }

    private static async Task<Diagnostic> Single(string source, AnalyzerRunner? runner = null)
    {
        var diagnostics = await (runner ?? new AnalyzerRunner()).RunAsync<ReliabilityAnalyzer>(source);
        return Assert.Single(diagnostics, static d => d.Id == "PL3001");
    }

    [Fact]
    public Task Reports_OpenAI_clients_with_retries_switched_off() => Verify("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            ChatClient Inline(string key) =>
                {|PL3001:new("gpt-4o-mini", new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) })|};

            OpenAIClient FromLocal(string key)
            {
                var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
                return {|PL3001:new OpenAIClient(new ApiKeyCredential(key), options)|};
            }

            OpenAIClient AssignedLater(string key)
            {
                var options = new OpenAIClientOptions();
                options.RetryPolicy = new ClientRetryPolicy(0);
                return {|PL3001:new OpenAIClient(new ApiKeyCredential(key), options)|};
            }

            const int NoRetries = 0;

            OpenAIClient ThroughAConstantAndALocal(string key)
            {
                var policy = new ClientRetryPolicy(NoRetries);
                return {|PL3001:new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = policy })|};
            }
        }
        """);

    [Fact]
    public Task Reports_a_budget_above_the_default_maximum_of_five() => Verify("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            ChatClient Runaway(string key) =>
                {|PL3001:new ChatClient("gpt-4o", new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(50) })|};

            ChatClient AtTheLimit(string key) =>
                new ChatClient("gpt-4o", new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(5) });
        }
        """);

    [Fact]
    public Task Reports_Anthropic_clients_with_retries_off_or_too_many() => Verify("""
        using Anthropic;
        using Anthropic.Core;

        class C
        {
            AnthropicClient Off() => {|PL3001:new() { MaxRetries = 0 }|};

            AnthropicClient Runaway() => {|PL3001:new AnthropicClient { MaxRetries = 50 }|};

            AnthropicClient ThroughOptions() => {|PL3001:new AnthropicClient(new ClientOptions { MaxRetries = 0 })|};

            AnthropicClient ThroughAnOptionsLocal()
            {
                var options = new ClientOptions();
                options.MaxRetries = 12;
                return {|PL3001:new AnthropicClient(options)|};
            }

            // The client's own initializer wins over the options it is given.
            AnthropicClient Overridden() => new AnthropicClient(new ClientOptions { MaxRetries = 0 }) { MaxRetries = 3 };
        }
        """);

    [Fact]
    public Task Reports_an_Anthropic_view_that_switches_retries_off() => Verify("""
        using Anthropic;

        class C
        {
            IAnthropicClient Impatient(AnthropicClient client) => {|PL3001:client.WithOptions(o => o with { MaxRetries = 0 })|};

            IAnthropicClient Patient(AnthropicClient client) => client.WithOptions(o => o with { MaxRetries = 4 });

            IAnthropicClient OtherOptions(AnthropicClient client) => client.WithOptions(o => o with { Timeout = TimeSpan.FromSeconds(30) });
        }
        """);

    [Fact]
    public Task Reports_Azure_OpenAI_clients() => Verify("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Azure.AI.OpenAI;

        class C
        {
            AzureOpenAIClient Off(Uri endpoint, string key) =>
                {|PL3001:new AzureOpenAIClient(endpoint, new ApiKeyCredential(key), new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) })|};

            AzureOpenAIClient Default(Uri endpoint, string key) => new AzureOpenAIClient(endpoint, new ApiKeyCredential(key));
        }
        """);

    [Fact]
    public Task Reports_clients_created_in_a_dependency_injection_registration() => Verify("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Anthropic;
        using Microsoft.Extensions.DependencyInjection;
        using OpenAI;

        static class Registration
        {
            public static IServiceCollection AddLlmClients(this IServiceCollection services, string key) => services
                .AddSingleton({|PL3001:new AnthropicClient { MaxRetries = 0 }|})
                .AddSingleton(_ => {|PL3001:new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) })|});
        }
        """);

    [Fact]
    public Task Reports_a_client_bridged_to_Microsoft_Extensions_AI_at_its_creation() => Verify("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Microsoft.Extensions.AI;
        using OpenAI;

        class C
        {
            IChatClient Create(string key) =>
                {|PL3001:new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) })|}
                    .GetChatClient("gpt-4o-mini")
                    .AsIChatClient();
        }
        """);

    [Fact]
    public Task Reports_Semantic_Kernel_registrations_that_leave_the_SDK_without_retries() => Verify("""
        using System.Net.Http;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        class C
        {
            Kernel Chained(string key) => {|PL3001:Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key)|}.Build();

            Kernel ThroughALocal(string key, Uri endpoint)
            {
                var builder = Kernel.CreateBuilder();
                {|PL3001:builder.AddAzureOpenAIChatCompletion("chat", endpoint.ToString(), key)|};
                builder.Plugins.AddFromType<Clock>();
                return builder.Build();
            }

            Kernel WithABareHttpClient(string key) =>
                {|PL3001:Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key, httpClient: new HttpClient())|}.Build();

            OpenAIChatCompletionService Service(string key) =>
                {|PL3001:new OpenAIChatCompletionService("gpt-4o-mini", key, httpClient: new HttpClient(new HttpClientHandler()))|};
        }

        sealed class Clock
        {
            [KernelFunction]
            public string Now() => DateTime.UtcNow.ToString("O");
        }
        """);

    [Fact]
    public Task No_report_for_Semantic_Kernel_where_a_retrying_handler_may_be_added() => Verify("""
        using System.ClientModel;
        using System.Net.Http;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.OpenAI;
        using OpenAI;

        sealed class RetryHandler : DelegatingHandler;

        class C(HttpClient resilient)
        {
            Kernel ServicesTouched(string key)
            {
                var builder = Kernel.CreateBuilder();
                builder.Services.AddSingleton(new HttpClient(new RetryHandler()));
                builder.AddOpenAIChatCompletion("gpt-4o-mini", key);
                return builder.Build();
            }

            Kernel ServicesTouchedAfterwards(string key)
            {
                var builder = Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key);
                builder.Services.AddSingleton(resilient);
                return builder.Build();
            }

            IKernelBuilder HandedBack(string key) => Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key);

            Kernel HttpClientFromElsewhere(string key) => Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key, httpClient: resilient).Build();

            Kernel HttpClientWithAHandler(string key) =>
                Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key, httpClient: new HttpClient(new RetryHandler())).Build();

            Kernel OwnClient(string key) =>
                Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", new OpenAIClient(new ApiKeyCredential(key))).Build();

            // The host's container may add retries to every HttpClient (a resilience handler in shared service defaults).
            IServiceCollection Host(IServiceCollection services, string key) => services.AddOpenAIChatCompletion("gpt-4o-mini", key);

            // Without an HttpClient the connector keeps the SDK's default of three retries.
            OpenAIChatCompletionService Service(string key) => new("gpt-4o-mini", key);

            IKernelBuilder FromParameter(IKernelBuilder builder, string key) => builder.AddOpenAIChatCompletion("gpt-4o-mini", key);
        }
        """);

    [Fact]
    public Task No_report_for_clients_on_their_SDK_default() => Verify("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Anthropic;
        using Anthropic.Core;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            ChatClient NoOptions(string key) => new("gpt-4o-mini", key);
            OpenAIClient OptionsWithoutPolicy(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions { OrganizationId = "org" });
            OpenAIClient NullOptions(string key) => new(new ApiKeyCredential(key), null);
            OpenAIClient NullPolicy(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = null });
            OpenAIClient DefaultPolicy(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = ClientRetryPolicy.Default });
            OpenAIClient PolicyWithDefaultCount(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy() });
            AnthropicClient AnthropicDefault() => new();
            AnthropicClient NullMaxRetries() => new() { MaxRetries = null };
            AnthropicClient DefaultField() => new() { MaxRetries = ClientOptions.DefaultMaxRetries };
            AnthropicClient DefaultOptions() => new(default(ClientOptions));
            AnthropicClient Bounded() => new() { MaxRetries = 3 };
        }
        """);

    [Fact]
    public Task No_report_when_the_budget_is_not_visible() => Verify("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Anthropic;
        using Anthropic.Core;
        using OpenAI;

        sealed class PatientPolicy() : ClientRetryPolicy(0);

        class C(int configuredRetries)
        {
            OpenAIClient FromParameter(string key, OpenAIClientOptions options) => new(new ApiKeyCredential(key), options);
            OpenAIClient CustomPolicy(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new PatientPolicy() });
            OpenAIClient FromConfiguration(string key) =>
                new(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(configuredRetries) });
            AnthropicClient AnthropicFromConfiguration() => new() { MaxRetries = configuredRetries };
            AnthropicClient AnthropicOptionsFromParameter(ClientOptions options) => new(options);

            OpenAIClient OptionsHandedToAHelperFirst(string key)
            {
                var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) };
                Configure(options);
                return new OpenAIClient(new ApiKeyCredential(key), options);
            }

            static void Configure(OpenAIClientOptions options) => options.RetryPolicy = new ClientRetryPolicy(3);
        }
        """);

    [Fact]
    public Task No_report_for_clients_created_elsewhere() => Verify("""
        using Anthropic;
        using Microsoft.Extensions.AI;
        using OpenAI;
        using OpenAI.Chat;

        class C(OpenAIClient openAI, AnthropicClient anthropic, IChatClient chat)
        {
            ChatClient Derived() => openAI.GetChatClient("gpt-4o-mini");
            IAnthropicClient View() => anthropic.WithOptions(o => o);
            IChatClient Pipeline() => chat.AsBuilder().UseFunctionInvocation().Build();
        }
        """);

    [Fact]
    public Task No_report_for_a_Microsoft_Extensions_AI_pipeline_built_by_hand() => Verify("""
        using System.Net.Http;
        using Microsoft.Extensions.AI;

        // A client of its own on HttpClient: whether it retries is not visible here, so nothing is claimed.
        sealed class GatewayChatClient(HttpClient http) : IChatClient
        {
            public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                throw new NotImplementedException();
            public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
                throw new NotImplementedException();
            public object? GetService(Type serviceType, object? serviceKey = null) => null;
            public void Dispose() => http.Dispose();
        }

        class C
        {
            IChatClient Build() => new ChatClientBuilder(new GatewayChatClient(new HttpClient())).UseFunctionInvocation().Build();
        }
        """);

    [Fact]
    public Task Max_retries_option_raises_or_lowers_the_ceiling() => Verify("""
        using Anthropic;

        class C
        {
            AnthropicClient Ten() => new() { MaxRetries = 10 };
            AnthropicClient Eleven() => {|PL3001:new() { MaxRetries = 11 }|};
        }
        """, "promptlint.max_retries = 10\n");

    [Fact]
    public Task Require_explicit_budget_reports_SDK_defaults() => Verify("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Anthropic;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            ChatClient NoOptions(string key) => {|PL3001:new("gpt-4o-mini", key)|};
            OpenAIClient OptionsWithoutPolicy(string key) => {|PL3001:new(new ApiKeyCredential(key), new OpenAIClientOptions())|};
            AnthropicClient AnthropicDefault() => {|PL3001:new()|};
            AnthropicClient Explicit() => new() { MaxRetries = 2 };
            OpenAIClient ExplicitPolicy(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(3) });
        }
        """, "promptlint.require_explicit_retry_budget = true\n");

    [Fact]
    public async Task Message_says_retries_are_off_and_names_the_setting()
    {
        var diagnostic = await Single("""
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using OpenAI.Chat;
            using OpenAI;

            class C
            {
                ChatClient Create(string key) =>
                    new("gpt-4o-mini", new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });
            }
            """);

        Assert.Equal(
            "This OpenAI client has retries switched off (ClientRetryPolicy(0)), so a rate limit or a transient server error fails the request at once",
            diagnostic.GetMessage());
        Assert.Equal(ReliabilityAnalyzer.Reasons.RetriesOff, diagnostic.Properties[ReliabilityAnalyzer.Properties.Reason]);
        Assert.Equal("0", diagnostic.Properties[ReliabilityAnalyzer.Properties.Retries]);
        Assert.Equal("3", diagnostic.Properties[ReliabilityAnalyzer.Properties.SuggestedRetries]);
    }

    [Fact]
    public async Task Message_gives_the_budget_the_ceiling_and_the_requests_sent_in_an_outage()
    {
        var diagnostic = await Single("""
            using Anthropic;

            class C
            {
                AnthropicClient Create() => new() { MaxRetries = 50 };
            }
            """);

        Assert.Equal(
            "This Anthropic client retries a failed request up to 50 times (MaxRetries = 50), above the budget of 5 (promptlint.max_retries), "
            + "so in an outage each request is sent up to 51 times",
            diagnostic.GetMessage());
        Assert.Equal(ReliabilityAnalyzer.Reasons.AboveBudget, diagnostic.Properties[ReliabilityAnalyzer.Properties.Reason]);
    }

    [Fact]
    public async Task Message_names_the_SDK_default_when_an_explicit_budget_is_required()
    {
        var runner = new AnalyzerRunner().WithOption("promptlint.require_explicit_retry_budget", "true");
        var diagnostic = await Single("""
            using Anthropic;

            class C
            {
                AnthropicClient Create() => new();
            }
            """, runner);

        Assert.Equal(
            "This Anthropic client relies on the SDK's default of 2 retries; promptlint.require_explicit_retry_budget asks for the budget to be set in the code",
            diagnostic.GetMessage());
        Assert.Equal(ReliabilityAnalyzer.Reasons.SdkDefault, diagnostic.Properties[ReliabilityAnalyzer.Properties.Reason]);
    }

    [Fact]
    public async Task Message_explains_that_Semantic_Kernel_switches_the_SDK_retries_off()
    {
        var diagnostic = await Single("""
            using Microsoft.SemanticKernel;

            class C
            {
                Kernel Create(string key) => Kernel.CreateBuilder().AddOpenAIChatCompletion("gpt-4o-mini", key).Build();
            }
            """);

        Assert.Equal(
            "This Semantic Kernel client has retries switched off (Semantic Kernel gives the SDK an HttpClient with no retrying handler "
            + "and sets ClientRetryPolicy(0)), so a rate limit or a transient server error fails the request at once",
            diagnostic.GetMessage());
        Assert.Equal(nameof(RetryFix.None), diagnostic.Properties[ReliabilityAnalyzer.Properties.RetryFix]);
    }

    [Fact]
    public async Task Suggested_budget_never_exceeds_the_configured_maximum()
    {
        var runner = new AnalyzerRunner().WithOption("promptlint.max_retries", "1");
        var diagnostic = await Single("""
            using Anthropic;

            class C
            {
                AnthropicClient Create() => new() { MaxRetries = 2 };
            }
            """, runner);

        Assert.Equal("1", diagnostic.Properties[ReliabilityAnalyzer.Properties.SuggestedRetries]);
    }

    [Theory]
    [InlineData("promptlint.max_retries", "lots")]
    [InlineData("promptlint.max_retries", "0")]
    [InlineData("promptlint.require_explicit_retry_budget", "sometimes")]
    public async Task Invalid_option_is_reported_and_the_default_used(string key, string value)
    {
        const string source = """
            using Anthropic;
            using Microsoft.Extensions.AI;

            class C
            {
                AnthropicClient Runaway() => new() { MaxRetries = 6 };
                AnthropicClient Default() => new();
                Task<ChatResponse> Ask(IChatClient chat) => chat.GetResponseAsync("Hello", new ChatOptions { MaxOutputTokens = 100 });
            }
            """;

        var configuration = await new AnalyzerRunner().WithOption(key, value).RunAsync<CostAnalyzer>(source);
        var problem = Assert.Single(configuration, static d => d.Id == "PL9002");
        Assert.Contains($"'{key}'", problem.GetMessage());

        var findings = await new AnalyzerRunner().WithOption(key, value).RunAsync<ReliabilityAnalyzer>(source);
        var finding = Assert.Single(findings, static d => d.Id == "PL3001");
        Assert.Equal(AnalyzerRunner.LineOf(source, "Runaway"), finding.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public Task Code_with_compile_errors_is_not_reported_until_it_is_complete() => Verify("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Anthropic;
        using OpenAI;

        class C
        {
            AnthropicClient HalfTyped() => new() { MaxRetries = Math.Max(0,{|CS1525:)|} };
            AnthropicClient Misspelt() => new() { {|CS0117:MaxRetry|} = 0 };
            OpenAIClient Unfinished(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(Math.Min(0,{|CS1525:)|}) });
            AnthropicClient Complete() => {|PL3001:new() { MaxRetries = 0 }|};
        }
        """);

    [Fact]
    public Task Reports_with_new_syntax_primary_constructors_and_target_typed_new() => Verify("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Anthropic;
        using OpenAI;

        sealed class Clients(string key)
        {
            public OpenAIClient OpenAI { get; } = {|PL3001:new(new ApiKeyCredential(key), new() { RetryPolicy = new ClientRetryPolicy(0) })|};
            public AnthropicClient Anthropic { get; } = {|PL3001:new() { ApiKey = key, MaxRetries = 0 }|};
        }
        """);

    [Fact]
    public Task Reports_Responses_clients_with_retries_switched_off() => Verify("""
        #pragma warning disable OPENAI001
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI.Responses;

        class C
        {
            ResponsesClient Off(string key) =>
                {|PL3001:new ResponsesClient(new ApiKeyCredential(key), new ResponsesClientOptions { RetryPolicy = new ClientRetryPolicy(0) })|};

            ResponsesClient Default(string key) => new ResponsesClient(key);
        }
        """);

    [Fact]
    public async Task An_Azure_OpenAI_client_on_its_default_has_three_retries()
    {
        var runner = new AnalyzerRunner().WithOption("promptlint.require_explicit_retry_budget", "true");
        var diagnostic = await Single("""
            using System.ClientModel;
            using Azure.AI.OpenAI;

            class C
            {
                AzureOpenAIClient Client(Uri endpoint, string key) => new AzureOpenAIClient(endpoint, new ApiKeyCredential(key), new AzureOpenAIClientOptions());
            }
            """, runner);

        Assert.Equal("3", diagnostic.Properties[ReliabilityAnalyzer.Properties.Retries]);
        Assert.Contains("relies on the SDK's default of 3 retries", diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task No_report_at_a_call_site_whose_client_another_assembly_created() =>
        new AnalyzerTest<ReliabilityAnalyzer>(Usings.Common + """
            using OpenAI.Chat;

            class C
            {
                async Task Run(string key) =>
                    await Library.Clients.Reasoner(key).CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });
            }
            """, "PL3002")
            .WithReference(CompiledLibrary.Compile("Library", """
                using System.ClientModel;
                using System.ClientModel.Primitives;
                using OpenAI;
                using OpenAI.Chat;

                namespace Library;

                public static class Clients
                {
                    public static ChatClient Reasoner(string key) =>
                        new ChatClient("o1", new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });
                }
                """))
            .RunAsync();

    // Raw HttpClient requests: HttpClient never retries, so only a handler can give the client a budget.

    [Fact]
    public Task Reports_a_new_HttpClient_that_a_raw_request_goes_through() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;

        class Local
        {
            async Task Run(string q)
            {
                var http = {|PL3001:new HttpClient()|};
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", max_tokens = 100, messages = new[] { q } });
            }
        }

        class Field
        {
            private readonly HttpClient _http = {|PL3001:new HttpClient(new SocketsHttpHandler())|};

            Task Run(string q) =>
                _http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "claude-haiku-4-5", max_tokens = 100, messages = new[] { q } });
        }

        class Constructed
        {
            private readonly HttpClient _http;

            public Constructed() => _http = {|PL3001:new HttpClient(new HttpClientHandler()) { BaseAddress = new Uri("https://api.openai.com/") }|};

            Task Run(string q) =>
                _http.PostAsJsonAsync("v1/chat/completions", new { model = "gpt-4o-mini", max_tokens = 100, messages = new[] { q } });
        }
        """);

    [Fact]
    public Task No_report_for_raw_requests_whose_client_origin_is_not_visible_or_has_a_handler() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;

        class RetryHandler : DelegatingHandler
        {
        }

        class C(HttpClient injected, IHttpClientFactory factory)
        {
            async Task Run(string q, HttpMessageHandler handler)
            {
                await injected.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", max_tokens = 100, messages = new[] { q } });
                await factory.CreateClient("openai").PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", max_tokens = 100, messages = new[] { q } });

                var retrying = new HttpClient(new RetryHandler { InnerHandler = new HttpClientHandler() });
                await retrying.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", max_tokens = 100, messages = new[] { q } });

                var given = new HttpClient(handler);
                await given.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", max_tokens = 100, messages = new[] { q } });

                // Not an LLM request: its client is not PromptLint's concern.
                var other = new HttpClient();
                await other.PostAsJsonAsync("https://inventory.example.com/api/cars", new { model = "Corolla" });
            }
        }
        """);

    [Fact]
    public Task Reports_an_LLM_client_registration_that_adds_no_handler() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;
        using Microsoft.Extensions.DependencyInjection;

        class AnthropicRest(HttpClient http)
        {
            public Task<HttpResponseMessage> Ask(string q) =>
                http.PostAsJsonAsync("v1/messages", new { model = "claude-haiku-4-5", max_tokens = 100, messages = new[] { q } });
        }

        static class Registrations
        {
            public static void Add(IServiceCollection services)
            {
                {|PL3001:services.AddHttpClient("openai", c => c.BaseAddress = new Uri("https://api.openai.com/v1/"))|};
                {|PL3001:services.AddHttpClient<AnthropicRest>(c => c.BaseAddress = new Uri("https://api.anthropic.com/"))|}.SetHandlerLifetime(TimeSpan.FromMinutes(5));
            }
        }
        """);

    [Fact]
    public Task Reports_only_the_typed_client_whose_own_code_calls_an_LLM_not_its_neighbour_in_the_file() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;
        using Microsoft.Extensions.DependencyInjection;

        sealed class Llm(HttpClient http)
        {
            public Task<HttpResponseMessage> Ask(string q) =>
                http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", max_tokens = 50, messages = new[] { q } });
        }

        sealed class Crm(HttpClient http)
        {
            public Task<HttpResponseMessage> Send(string name) => http.PostAsJsonAsync("https://crm.example.com/leads", new { name });
        }

        static class Registrations
        {
            public static void Add(IServiceCollection services)
            {
                {|PL3001:services.AddHttpClient<Llm>()|};
                services.AddHttpClient<Crm>();
            }
        }
        """);

    [Fact]
    public Task No_report_for_a_registration_with_a_resilience_handler_or_of_another_API() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Http.Resilience;
        using Polly;

        class AnthropicRest(HttpClient http)
        {
            public Task<HttpResponseMessage> Ask(string q) =>
                http.PostAsJsonAsync("v1/messages", new { model = "claude-haiku-4-5", max_tokens = 100, messages = new[] { q } });
        }

        class RetryHandler : DelegatingHandler
        {
        }

        static class Registrations
        {
            public static void Add(IServiceCollection services)
            {
                services.AddHttpClient("standard", c => c.BaseAddress = new Uri("https://api.openai.com/")).AddStandardResilienceHandler();
                services.AddHttpClient("custom", c => c.BaseAddress = new Uri("https://api.openai.com/"))
                    .AddResilienceHandler("llm", b => b.AddRetry(new HttpRetryStrategyOptions { MaxRetryAttempts = 3 }));
                services.AddHttpClient("polly", c => c.BaseAddress = new Uri("https://api.openai.com/"))
                    .AddTransientHttpErrorPolicy(p => p.WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt)));
                services.AddHttpClient("handler", c => c.BaseAddress = new Uri("https://api.openai.com/")).AddHttpMessageHandler<RetryHandler>();

                var builder = services.AddHttpClient<AnthropicRest>(c => c.BaseAddress = new Uri("https://api.anthropic.com/"));
                builder.AddStandardResilienceHandler();

                // Not an LLM API, and a registration that shows nothing of its use.
                services.AddHttpClient("inventory", c => c.BaseAddress = new Uri("https://inventory.example.com/"));
                services.AddHttpClient("unknown");
            }
        }
        """);

    [Fact]
    public Task No_report_for_registrations_when_the_file_configures_defaults_for_every_client() => Verify("""
        using Microsoft.Extensions.DependencyInjection;

        static class Registrations
        {
            public static void Add(IServiceCollection services)
            {
                services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
                services.AddHttpClient("openai", c => c.BaseAddress = new Uri("https://api.openai.com/"));
            }
        }
        """);

    [Fact]
    public async Task The_raw_client_message_says_what_is_missing_and_offers_no_budget_to_set()
    {
        var diagnostic = await Single("""
            using System.Net.Http;
            using System.Net.Http.Json;

            class C
            {
                async Task Run(string q) =>
                    await new HttpClient().PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", max_tokens = 100, messages = new[] { q } });
            }
            """);

        Assert.Equal(
            "This raw HTTP client has no retry of its own and none is added (new HttpClient()), so a rate limit or a transient server "
            + "error fails the request at once; create it with IHttpClientFactory and AddStandardResilienceHandler, or give it a retrying DelegatingHandler",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ReliabilityAnalyzer.Reasons.NoRetry, diagnostic.Properties[ReliabilityAnalyzer.Properties.Reason]);
        Assert.Equal(nameof(RetryFix.None), diagnostic.Properties[ReliabilityAnalyzer.Properties.RetryFix]);
    }

    // Betalgo.Ranul.OpenAI has no retry of its own: only a handler on the service's HttpClient retries.

    [Fact]
    public Task Reports_a_Betalgo_service_created_without_a_retrying_HttpClient() => Verify("""
        using System.Net.Http;
        using Betalgo.Ranul.OpenAI;
        using Betalgo.Ranul.OpenAI.Managers;

        class C
        {
            readonly OpenAIService _field = {|PL3001:new OpenAIService(new OpenAIOptions { ApiKey = "k" })|};

            void Run(string key)
            {
                _ = {|PL3001:new OpenAIService(new OpenAIOptions { ApiKey = key }, null)|};
                _ = {|PL3001:new OpenAIService(new OpenAIOptions { ApiKey = key }, new HttpClient())|};
                var http = new HttpClient(new SocketsHttpHandler());
                _ = {|PL3001:new OpenAIService(new OpenAIOptions { ApiKey = key }, http)|};
            }
        }
        """);

    [Fact]
    public Task No_report_for_a_Betalgo_service_whose_HttpClient_comes_from_elsewhere_or_has_a_handler() => Verify("""
        using System.Net.Http;
        using Betalgo.Ranul.OpenAI;
        using Betalgo.Ranul.OpenAI.Managers;
        using Microsoft.Extensions.Options;

        class RetryHandler : DelegatingHandler
        {
        }

        class C(HttpClient injected, IHttpClientFactory factory, IOptions<OpenAIOptions> configured)
        {
            void Run(string key, HttpMessageHandler handler)
            {
                _ = new OpenAIService(new OpenAIOptions { ApiKey = key }, injected);
                _ = new OpenAIService(new OpenAIOptions { ApiKey = key }, factory.CreateClient("openai"));
                _ = new OpenAIService(new OpenAIOptions { ApiKey = key }, new HttpClient(new RetryHandler { InnerHandler = new HttpClientHandler() }));
                _ = new OpenAIService(new OpenAIOptions { ApiKey = key }, new HttpClient(handler));
                _ = new OpenAIService(configured, injected);

                // The options alone are not the service.
                _ = new OpenAIOptions { ApiKey = key };
            }
        }
        """);

    [Fact]
    public Task Reports_an_AddOpenAIService_registration_with_no_handler() => Verify("""
        using Microsoft.Extensions.DependencyInjection;
        using Betalgo.Ranul.OpenAI.Extensions;
        using Betalgo.Ranul.OpenAI.Interfaces;

        static class Registrations
        {
            public static void Add(IServiceCollection services)
            {
                {|PL3001:services.AddOpenAIService(o => o.ApiKey = "k")|};
                {|PL3001:services.AddOpenAIService<IOpenAIService>("named", o => o.ApiKey = "k")|}.SetHandlerLifetime(TimeSpan.FromMinutes(5));
            }
        }
        """);

    [Fact]
    public Task No_report_for_an_AddOpenAIService_registration_with_a_resilience_handler() => Verify("""
        using Microsoft.Extensions.DependencyInjection;
        using Betalgo.Ranul.OpenAI.Extensions;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Polly;

        static class Registrations
        {
            public static void Add(IServiceCollection services)
            {
                services.AddOpenAIService(o => o.ApiKey = "k").AddStandardResilienceHandler();
                var builder = services.AddOpenAIService<IOpenAIService>("named");
                builder.AddTransientHttpErrorPolicy(p => p.WaitAndRetryAsync(3, attempt => TimeSpan.FromSeconds(attempt)));
            }
        }
        """);

    [Fact]
    public Task No_report_for_an_AddOpenAIService_registration_when_the_file_configures_defaults_for_every_client() => Verify("""
        using Microsoft.Extensions.DependencyInjection;
        using Betalgo.Ranul.OpenAI.Extensions;
        using Betalgo.Ranul.OpenAI.Interfaces;

        static class Registrations
        {
            public static void Add(IServiceCollection services)
            {
                services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
                services.AddOpenAIService(o => o.ApiKey = "k");
            }
        }
        """);

    [Fact]
    public async Task The_Betalgo_message_says_the_SDK_has_no_retries_and_what_to_add()
    {
        var diagnostic = await Single("""
            using Betalgo.Ranul.OpenAI;
            using Betalgo.Ranul.OpenAI.Managers;

            class C
            {
                OpenAIService Create(string key) => new(new OpenAIOptions { ApiKey = key });
            }
            """);

        Assert.Equal(
            "This Betalgo client has no retries in this SDK and none is added (no HttpClient is passed, so the SDK makes a plain one), "
            + "so a rate limit or a transient server error fails the request at once; register it with "
            + "services.AddOpenAIService(...).AddStandardResilienceHandler(), or pass an HttpClient that has a resilience handler",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ReliabilityAnalyzer.Reasons.NoRetry, diagnostic.Properties[ReliabilityAnalyzer.Properties.Reason]);
        Assert.Equal(nameof(RetryFix.None), diagnostic.Properties[ReliabilityAnalyzer.Properties.RetryFix]);
    }

    [Fact]
    public Task No_crash_on_half_typed_Betalgo_services() => Verify("""
        using System.Net.Http;
        using Betalgo.Ranul.OpenAI;
        using Betalgo.Ranul.OpenAI.Managers;
        using Microsoft.Extensions.DependencyInjection;
        using Betalgo.Ranul.OpenAI.Extensions;

        class C
        {
            void Run(IServiceCollection services)
            {
                _ = new OpenAIService(new OpenAIOptions { ApiKey = {|CS1525:}|});
                _ = new OpenAIService({|CS1503:"key"|});
                services.AddOpenAIService(o => o.{|CS1061:ApiKy|} = "k").AddStandardResilienceHandler();
            }
        }
        """);
}
