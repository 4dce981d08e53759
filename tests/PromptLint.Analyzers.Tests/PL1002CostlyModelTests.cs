using System.Globalization;
using PromptLint.Analyzers.Rules.Cost;
using PromptLint.CodeFixes.Rules.Cost;

namespace PromptLint.Analyzers.Tests;

public sealed class PL1002CostlyModelTests
{
    private static Task Verify(string source, string? editorConfig = null)
    {
        var test = new AnalyzerTest<CostAnalyzer>(Usings.Common + source, "PL1001", "PL1003", "PL1004");
        if (editorConfig is not null)
            test.WithEditorConfig(editorConfig);
        return test.RunAsync();
    }

    [Fact]
    public Task Reports_frontier_models_written_at_clients_requests_and_registrations() => Verify("""
        using Anthropic;
        using Anthropic.Models.Messages;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            const string Reasoner = "o3-pro";

            void Run(string key, OpenAIClient openAI, IKernelBuilder builder)
            {
                _ = new ChatClient({|PL1002:"o1"|}, key);
                _ = openAI.GetChatClient({|PL1002:Reasoner|});
                _ = new ChatOptions { ModelId = {|PL1002:"gpt-5-pro"|} };
                _ = new MessageCreateParams { Model = {|PL1002:"claude-opus-4-1-20250805"|}, MaxTokens = 10, Messages = [] };
                _ = new MessageCreateParams { Model = {|PL1002:Model.ClaudeOpus4_5|}, MaxTokens = 10, Messages = [] };
                builder.AddOpenAIChatCompletion({|PL1002:"gpt-5.2-pro"|}, key);
            }
        }
        """);

    [Fact]
    public Task No_report_for_cheap_models_named_like_costly_ones_configuration_or_unknown_ids() => Verify("""
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;
        using Microsoft.ML.Tokenizers;
        using OpenAI.Chat;

        class C
        {
            void Run(string key, IConfiguration config)
            {
                _ = new ChatClient("gpt-4o-mini", key);
                _ = new ChatClient("gpt-4.1-mini", key);
                _ = new ChatClient("gpt-5-mini", key);
                _ = new ChatClient("o3-mini", key);
                _ = new ChatClient(config["Llm:Model"], key);
                _ = new ChatClient(config["Llm:Model"] ?? "o1", key);
                _ = new ChatClient("my-gpt4o-deployment", key);
                _ = new ChatOptions { ModelId = "gpt-4o" };
                _ = TiktokenTokenizer.CreateForModel("gpt-4o");
            }
        }
        """);

    [Fact]
    public Task Allowed_models_and_price_thresholds_come_from_editorconfig() => Verify("""
        using OpenAI.Chat;

        class C
        {
            void Run(string key)
            {
                _ = new ChatClient("o1", key);
                _ = new ChatClient({|PL1002:"gpt-4o"|}, key);
                _ = new ChatClient("gpt-4o-mini", key);
            }
        }
        """, "promptlint.allowed_models = o1, o3\npromptlint.costly_output_price_per_mtok = 10\n");

    [Fact]
    public async Task Message_names_prices_and_the_cheapest_model_of_the_provider()
    {
        var diagnostics = await new AnalyzerRunner().RunAsync<CostAnalyzer>("""
            using OpenAI.Chat;

            class C
            {
                ChatClient Client(string key) => new("o1", key);
            }
            """);

        var diagnostic = Assert.Single(diagnostics, static d => d.Id == "PL1002");
        Assert.Equal(
            "'o1' is a costly model ($15.00 input / $60.00 output per 1M tokens) written into the code; the cheapest openai model in the catalog, gpt-5-nano, costs $0.05 / $0.40",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task Code_fix_replaces_the_id_with_a_cheaper_model_of_the_same_provider() =>
        new CodeFixTest<CostAnalyzer, UseCheaperModelCodeFix>(
            Usings.Common + """
            using Anthropic.Models.Messages;

            class C
            {
                MessageCreateParams Request() => new() { Model = {|PL1002:"claude-opus-4-1"|}, MaxTokens = 10, Messages = [] };
            }
            """,
            Usings.Common + """
            using Anthropic.Models.Messages;

            class C
            {
                MessageCreateParams Request() => new() { Model = "claude-sonnet-4-5", MaxTokens = 10, Messages = [] };
            }
            """,
            "PL1001", "PL1003", "PL1004")
        {
            CodeActionEquivalenceKey = "UseCheaperModelCodeFix:claude-sonnet-4-5",
        }.RunAsync();

    [Fact]
    public Task Reports_an_Azure_deployment_through_the_model_it_is_mapped_to() => Verify("""
        using System.ClientModel;
        using Azure.AI.OpenAI;
        using Microsoft.SemanticKernel;
        using OpenAI;

        class C
        {
            void Run(Uri endpoint, string key, IKernelBuilder builder)
            {
                var azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key));
                _ = azure.GetChatClient({|PL1002:"reasoner"|});
                _ = azure.GetChatClient("support-prod");
                _ = azure.GetChatClient("o1");

                OpenAIClient typed = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key));
                _ = typed.GetChatClient({|PL1002:"reasoner"|});
                _ = typed.GetChatClient("o3-pro");

                builder.AddAzureOpenAIChatCompletion({|PL1002:"reasoner"|}, endpoint.ToString(), key);
                builder.AddAzureOpenAIChatCompletion("reasoner", endpoint.ToString(), key, modelId: "gpt-4o-mini");
            }
        }
        """, "promptlint.azure_deployments = reasoner=o1, support-prod=gpt-4o-mini\n");

    [Fact]
    public Task No_report_on_an_unmapped_deployment_even_when_it_is_named_like_a_costly_model() => Verify("""
        using System.ClientModel;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using OpenAI;

        class C
        {
            void Run(Uri endpoint, string key, IKernelBuilder builder)
            {
                var azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key));
                _ = azure.GetChatClient("o1");
                _ = azure.GetChatClient("gpt-5-pro").AsIChatClient();

                OpenAIClient typed = azure;
                _ = typed.GetChatClient("o3-pro");

                builder.AddAzureOpenAIChatCompletion("o1", endpoint.ToString(), key);
            }
        }
        """);

    [Fact]
    public async Task Message_names_the_deployment_and_the_model_and_offers_no_model_id_in_its_place()
    {
        var diagnostics = await new AnalyzerRunner()
            .WithOption("promptlint.azure_deployments", "reasoner=o1")
            .RunAsync<CostAnalyzer>("""
                using System.ClientModel;
                using Azure.AI.OpenAI;
                using OpenAI.Chat;

                class C
                {
                    ChatClient Client(Uri endpoint, string key) =>
                        new AzureOpenAIClient(endpoint, new ApiKeyCredential(key)).GetChatClient("reasoner");
                }
                """);

        var diagnostic = Assert.Single(diagnostics, static d => d.Id == "PL1002");
        Assert.Equal(
            "'reasoner' (Azure deployment of o1) is a costly model ($15.00 input / $60.00 output per 1M tokens) written into the code; the cheapest openai model in the catalog, gpt-5-nano, costs $0.05 / $0.40",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("reasoner", diagnostic.Properties[CostlyModelRule.DeploymentProperty]);
        Assert.Equal("", diagnostic.Properties[CostlyModelRule.AlternativesProperty]);
    }

    [Fact]
    public Task Reports_costly_models_of_Responses_requests_and_not_the_deployments_of_Azure_ones() => Verify("""
        #pragma warning disable OPENAI001
        using System.ClientModel;
        using Azure.AI.OpenAI;
        using Microsoft.Extensions.AI;
        using OpenAI.Responses;

        class C
        {
            async Task Run(ResponsesClient responses, Uri endpoint, string key, string question)
            {
                await responses.CreateResponseAsync({|PL1002:"o1"|}, question);
                await responses.CreateResponseAsync(new CreateResponseOptions { Model = {|PL1002:"gpt-5-pro"|}, MaxOutputTokenCount = 100 });
                await responses.CreateResponseAsync(new CreateResponseOptions({|PL1002:"o3-pro"|}, []) { MaxOutputTokenCount = 100 });
                _ = responses.AsIChatClient({|PL1002:"o1"|});
                await responses.CreateResponseAsync("gpt-5-mini", question);

                var azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key)).GetResponsesClient();
                await azure.CreateResponseAsync("o1", question);
                await azure.CreateResponseAsync({|PL1002:"reasoner"|}, question);
                await azure.CreateResponseAsync(new CreateResponseOptions { Model = "o1", MaxOutputTokenCount = 100 });
                await azure.CreateResponseAsync(new CreateResponseOptions({|PL1002:"reasoner"|}, []) { MaxOutputTokenCount = 100 });
            }
        }
        """, "promptlint.azure_deployments = reasoner=o1\n");

    [Fact]
    public Task No_report_for_a_model_id_the_catalog_does_not_know() => Verify("""
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        class C
        {
            void Run(string key)
            {
                _ = new ChatClient("acme-llm-7", key);
                _ = new ChatClient("o1-but-not-really", key);
                _ = new ChatOptions { ModelId = "gpt-9-ultra" };
            }
        }
        """);

    [Fact]
    public Task No_report_for_a_model_id_built_at_run_time() => Verify("""
        using OpenAI.Chat;

        class C
        {
            static readonly string Family = Environment.GetEnvironmentVariable("MODEL_FAMILY") ?? "o";

            void Run(string key, int version)
            {
                _ = new ChatClient($"o{version}", key);
                _ = new ChatClient("o" + version, key);
                _ = new ChatClient(Family + "1", key);
                _ = new ChatClient(string.Concat("o", "1"), key);
            }
        }
        """);

    [Fact]
    public Task No_report_at_a_call_site_whose_client_another_assembly_created() =>
        new AnalyzerTest<CostAnalyzer>(Usings.Common + """
            using OpenAI.Chat;

            class C
            {
                async Task Run(string key) =>
                    await Library.Clients.Reasoner(key).CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });
            }
            """, "PL1001", "PL1003", "PL1004")
            .WithReference(CompiledLibrary.Compile("Library", ReasonerLibrary))
            .RunAsync();

    [Fact]
    public Task Reports_the_costly_id_in_the_referenced_project_that_writes_it_not_at_the_call() =>
        new AnalyzerTest<CostAnalyzer>(Usings.Common + """
            using OpenAI.Chat;

            class C
            {
                async Task Run(string key) =>
                    await Library.Clients.Reasoner(key).CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });
            }
            """, "PL1001", "PL1003", "PL1004")
            .WithReferencedProject("Library", ReasonerLibrary.Replace("new ChatClient(\"o1\"", "new ChatClient({|PL1002:\"o1\"|}"))
            .RunAsync();

    // A library that creates a client for a costly model with retries off, and hands it out.
    private const string ReasonerLibrary = """
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
        """;

    // Raw HttpClient requests: the model is a value of the JSON body, or part of a Gemini URL.

    [Fact]
    public Task Reports_a_costly_model_in_a_raw_JSON_body() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json.Nodes;

        class C(HttpClient http)
        {
            const string Reasoner = "o3-pro";

            async Task Run(string question)
            {
                await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new
                {
                    model = {|PL1002:"claude-opus-4-1"|},
                    max_tokens = 400,
                    messages = new[] { new { role = "user", content = question } },
                });

                var body = new JsonObject { ["model"] = {|PL1002:Reasoner|}, ["input"] = question, ["max_output_tokens"] = 400 };
                await http.PostAsync("https://api.openai.com/v1/responses", JsonContent.Create(body));
            }
        }
        """);

    [Fact]
    public Task Reports_a_Gemini_model_named_in_the_URL_at_the_URL() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;

        class C(HttpClient http)
        {
            async Task Run(string question) =>
                await http.PostAsJsonAsync(
                    {|PL1002:"https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:generateContent"|},
                    new { contents = new[] { new { parts = new[] { new { text = question } } } } });
        }
        """, "promptlint.costly_input_price_per_mtok = 1");

    [Fact]
    public Task No_report_for_raw_requests_with_a_cheap_unknown_or_run_time_model() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;

        class C(HttpClient http)
        {
            async Task Run(string question, string modelFromSettings)
            {
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", messages = new[] { question } });
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "acme-support-ft-7", messages = new[] { question } });
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = modelFromSettings, messages = new[] { question } });
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-" + modelFromSettings, messages = new[] { question } });
            }
        }
        """);

    [Fact]
    public async Task The_model_inside_a_constant_JSON_string_is_reported_without_a_code_fix()
    {
        var diagnostics = await new AnalyzerRunner().RunAsync<CostAnalyzer>(""""
            using System.Net.Http;
            using System.Text;

            class C(HttpClient http)
            {
                const string Json = """{"model": "claude-opus-4-1", "max_tokens": 100, "messages": [{"role": "user", "content": "Hi"}]}""";

                async Task Run() =>
                    await http.PostAsync("https://api.anthropic.com/v1/messages", new StringContent(Json, Encoding.UTF8, "application/json"));
            }
            """");

        var diagnostic = Assert.Single(diagnostics, static d => d.Id == "PL1002");
        Assert.StartsWith("'claude-opus-4-1' is a costly model ($15.00 input / $75.00 output per 1M tokens)", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("true", diagnostic.Properties[CostlyModelRule.NoFixProperty]);
        Assert.Equal("", diagnostic.Properties[CostlyModelRule.AlternativesProperty]);
    }

    // Betalgo.Ranul.OpenAI: the request's Model, the options' DefaultModelId, the modelId argument and SetDefaultModelId.

    [Fact]
    public Task Reports_costly_models_written_at_Betalgo_requests_options_and_arguments() => Verify("""
        using Betalgo.Ranul.OpenAI;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.Managers;
        using Betalgo.Ranul.OpenAI.ObjectModels;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

        class C
        {
            async Task Run(IOpenAIService service, string q)
            {
                _ = new OpenAIService(new OpenAIOptions { ApiKey = "k", DefaultModelId = {|PL1002:"o1"|} });
                service.SetDefaultModelId({|PL1002:"gpt-5-pro"|});
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = {|PL1002:"o3-pro"|}, MaxTokens = 10, Messages = [ChatMessage.FromUser(q)] });
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { MaxTokens = 10, Messages = [ChatMessage.FromUser(q)] }, {|PL1002:"o1-2024-12-17"|});
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = {|PL1002:Models.O1|}, MaxTokens = 10, Messages = [] });
                await service.ChatCompletion.Create(new ChatCompletionCreateRequest { MaxTokens = 10, Messages = [] }, {|PL1002:Models.Model.O1|});
            }
        }
        """);

    [Fact]
    public Task No_report_for_Betalgo_cheap_unknown_run_time_or_non_chat_models() => Verify("""
        using Betalgo.Ranul.OpenAI;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
        using Microsoft.Extensions.Configuration;

        class C
        {
            async Task Run(IOpenAIService service, IConfiguration config, string tier, string q)
            {
                _ = new OpenAIOptions { DefaultModelId = "gpt-4o-mini" };
                _ = new OpenAIOptions { DefaultModelId = config["Llm:Model"] };
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = "acme-llm-7", MaxTokens = 10, Messages = [] });
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = $"o{tier}", MaxTokens = 10, Messages = [] });
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = Models.Gpt_4o_mini, MaxTokens = 10, Messages = [] });

                // A Models name the SDK spells its own way gives no id rather than a guess.
                await service.ChatCompletion.Create(new ChatCompletionCreateRequest { MaxTokens = 10, Messages = [] }, Models.Model.ChatGpt3_5Turbo);

                // Looking a model up or deleting it costs no tokens.
                await service.Models.RetrieveModel("o1");
                await service.Models.DeleteModel("o1");
            }
        }
        """);

    [Fact]
    public async Task Cheaper_model_fix_is_offered_for_Betalgo_strings_and_Models_properties_but_not_the_enum()
    {
        var diagnostics = await new AnalyzerRunner().RunAsync<CostAnalyzer>("""
            using Betalgo.Ranul.OpenAI.Interfaces;
            using Betalgo.Ranul.OpenAI.ObjectModels;
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

            class C
            {
                Task Run(IOpenAIService service) =>
                    service.ChatCompletion.Create(new ChatCompletionCreateRequest { Model = Models.O1, MaxTokens = 10, Messages = [] }, Models.Model.O1);
            }
            """);

        var costly = diagnostics.Where(static d => d.Id == "PL1002").OrderBy(static d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(2, costly.Count);
        Assert.All(costly, static d => Assert.StartsWith("'o1' is a costly model ($15.00 input / $60.00 output per 1M tokens)", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.NotEqual("", costly[0].Properties[CostlyModelRule.AlternativesProperty]);
    }

    [Fact]
    public Task Code_fix_replaces_a_Betalgo_Models_property_with_a_cheaper_model() =>
        new CodeFixTest<CostAnalyzer, UseCheaperModelCodeFix>(
            Usings.Common + """
            using Betalgo.Ranul.OpenAI.ObjectModels;
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

            class C
            {
                ChatCompletionCreateRequest Request() => new() { Model = {|PL1002:Models.O1|}, MaxTokens = 10, Messages = [] };
            }
            """,
            Usings.Common + """
            using Betalgo.Ranul.OpenAI.ObjectModels;
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

            class C
            {
                ChatCompletionCreateRequest Request() => new() { Model = "gpt-5.2", MaxTokens = 10, Messages = [] };
            }
            """,
            "PL1001", "PL1003", "PL1004")
        {
            CodeActionEquivalenceKey = "UseCheaperModelCodeFix:gpt-5.2",
        }.RunAsync();

    [Fact]
    public void Betalgo_Models_members_map_to_the_ids_the_SDK_sends_or_to_none()
    {
        var models = typeof(Betalgo.Ranul.OpenAI.ObjectModels.Models);
        var pairs = models.GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(static p => p.PropertyType == typeof(string))
            .Select(static p => (p.Name, Id: (string)p.GetValue(null)!))
            .Concat(Enum.GetValues<Betalgo.Ranul.OpenAI.ObjectModels.Models.Model>()
                .Select(static m => (m.ToString(), Betalgo.Ranul.OpenAI.ObjectModels.Models.EnumToString(m))))
            .ToList();

        var mapped = 0;
        foreach (var (name, id) in pairs)
        {
            var result = Sdk.BetalgoModelNames.FromMemberName(name);
            if (result is null)
                continue;
            Assert.True(result == id, $"{name}: mapped to {result}, the SDK sends {id}");
            mapped++;
        }

        Assert.True(pairs.Count > 150, $"only {pairs.Count} members");
        Assert.True(mapped > pairs.Count / 2, $"only {mapped} of {pairs.Count} mapped");
        Assert.Equal("gpt-4.1-mini", Sdk.BetalgoModelNames.FromMemberName("Gpt_4_1_mini"));
        Assert.Equal("o1", Sdk.BetalgoModelNames.FromMemberName("O1"));
        Assert.Equal("gpt-3.5-turbo", Sdk.BetalgoModelNames.FromMemberName("Gpt_3_5_Turbo"));
        Assert.Null(Sdk.BetalgoModelNames.FromMemberName("ChatGpt3_5Turbo"));
    }

    [Fact]
    public Task A_Betalgo_request_Model_is_read_as_a_model_id_also_with_the_Azure_provider_pinned_limitation() => Verify("""
        using Betalgo.Ranul.OpenAI;
        using Betalgo.Ranul.OpenAI.Managers;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

        class C
        {
            readonly OpenAIService _azure = new(new OpenAIOptions { ProviderType = ProviderType.Azure, DeploymentId = "support-prod", ResourceName = "acme", ApiKey = "k" });

            Task Run(string q) =>
                _azure.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = {|PL1002:"o1"|}, MaxTokens = 10, Messages = [ChatMessage.FromUser(q)] });
        }
        """);
}
