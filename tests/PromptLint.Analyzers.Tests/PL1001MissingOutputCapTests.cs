using PromptLint.Analyzers.Rules.Cost;

namespace PromptLint.Analyzers.Tests;

public sealed class PL1001MissingOutputCapTests
{
    private static Task Verify(string source) =>
        new AnalyzerTest<CostAnalyzer>(Usings.Common + source, "PL1003").RunAsync();

    [Fact]
    public Task Reports_OpenAI_call_without_options() => Verify("""
        using OpenAI.Chat;

        class C
        {
            async Task<string> Run(ChatClient client, string ticket)
            {
                ChatCompletion completion = await {|PL1001:client.CompleteChatAsync(
                    new SystemChatMessage("Summarize the ticket."),
                    new UserChatMessage(ticket))|};
                return completion.Content[0].Text;
            }
        }
        """);

    [Fact]
    public Task Reports_OpenAI_options_without_cap() => Verify("""
        using OpenAI.Chat;

        class C
        {
            async Task Run(ChatClient client, string ticket)
            {
                var options = new ChatCompletionOptions { Temperature = 0.2f };
                await {|PL1001:client.CompleteChatAsync([new UserChatMessage(ticket)], options)|};
            }
        }
        """);

    [Fact]
    public Task Reports_OpenAI_cap_set_to_null() => Verify("""
        using OpenAI.Chat;

        class C
        {
            void Run(ChatClient client, string ticket)
            {
                var options = new ChatCompletionOptions { MaxOutputTokenCount = null };
                {|PL1001:client.CompleteChat([new UserChatMessage(ticket)], options)|};
            }
        }
        """);

    [Fact]
    public Task Reports_OpenAI_options_passed_as_null() => Verify("""
        using OpenAI.Chat;

        class C
        {
            void Run(ChatClient client, List<ChatMessage> messages)
            {
                {|PL1001:client.CompleteChat(messages, null)|};
            }
        }
        """);

    [Fact]
    public Task Reports_OpenAI_streaming_forms() => Verify("""
        using OpenAI.Chat;

        class C
        {
            async Task Run(ChatClient client, string ticket)
            {
                foreach (var update in {|PL1001:client.CompleteChatStreaming(new UserChatMessage(ticket))|})
                {
                }

                await foreach (var update in {|PL1001:client.CompleteChatStreamingAsync(new UserChatMessage(ticket))|})
                {
                }
            }
        }
        """);

    [Fact]
    public Task Reports_chained_client_from_OpenAIClient() => Verify("""
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            async Task<string> Run(OpenAIClient openAI, string question)
            {
                var completion = (await {|PL1001:openAI.GetChatClient("gpt-4o").CompleteChatAsync(new UserChatMessage(question))|}).Value;
                return completion.Content[0].Text;
            }
        }
        """);

    [Fact]
    public Task No_report_when_cap_is_in_the_initializer() => Verify("""
        using OpenAI.Chat;

        class C
        {
            async Task Run(ChatClient client, string ticket)
            {
                var options = new ChatCompletionOptions { MaxOutputTokenCount = 200 };
                await client.CompleteChatAsync([new UserChatMessage(ticket)], options);
                await client.CompleteChatAsync([new UserChatMessage(ticket)], new ChatCompletionOptions { MaxOutputTokenCount = 50 });
            }
        }
        """);

    [Fact]
    public Task No_report_when_cap_is_assigned_before_the_call() => Verify("""
        using OpenAI.Chat;

        class C
        {
            async Task Run(ChatClient client, string ticket)
            {
                var options = new ChatCompletionOptions();
                options.MaxOutputTokenCount = 150;
                await client.CompleteChatAsync([new UserChatMessage(ticket)], options);
            }
        }
        """);

    [Fact]
    public Task Reports_when_cap_is_assigned_only_after_the_call() => Verify("""
        using OpenAI.Chat;

        class C
        {
            async Task Run(ChatClient client, string ticket)
            {
                var options = new ChatCompletionOptions();
                await {|PL1001:client.CompleteChatAsync([new UserChatMessage(ticket)], options)|};
                options.MaxOutputTokenCount = 150;
            }
        }
        """);

    [Fact]
    public Task No_report_when_options_come_from_a_parameter_or_are_handed_to_other_code() => Verify("""
        using OpenAI.Chat;

        class C
        {
            async Task Run(ChatClient client, string ticket, ChatCompletionOptions options)
            {
                await client.CompleteChatAsync([new UserChatMessage(ticket)], options);

                var configured = new ChatCompletionOptions();
                Configure(configured);
                await client.CompleteChatAsync([new UserChatMessage(ticket)], configured);
            }

            static void Configure(ChatCompletionOptions options) => options.MaxOutputTokenCount = 10;
        }
        """);

    [Fact]
    public Task No_report_when_options_come_from_a_helper_that_sets_the_cap() => Verify("""
        using OpenAI.Chat;

        class C
        {
            async Task Run(ChatClient client, string ticket)
            {
                await client.CompleteChatAsync([new UserChatMessage(ticket)], Options());
                await {|PL1001:client.CompleteChatAsync([new UserChatMessage(ticket)], UncappedOptions())|};
            }

            static ChatCompletionOptions Options() => new() { MaxOutputTokenCount = 300 };

            static ChatCompletionOptions UncappedOptions()
            {
                return new ChatCompletionOptions { Temperature = 0 };
            }
        }
        """);

    [Fact]
    public Task No_report_on_protocol_overloads_and_other_methods() => Verify("""
        using System.ClientModel;
        using OpenAI.Chat;

        class C
        {
            void Run(ChatClient client, BinaryContent body)
            {
                client.CompleteChat(body);
            }
        }
        """);

    [Fact]
    public Task Reports_ExtensionsAI_string_and_message_overloads() => Verify("""
        using Microsoft.Extensions.AI;

        class C
        {
            async Task Run(IChatClient chat, string question)
            {
                await {|PL1001:chat.GetResponseAsync(question)|};
                await {|PL1001:chat.GetResponseAsync(new ChatMessage(ChatRole.User, question))|};
                await {|PL1001:chat.GetResponseAsync([new ChatMessage(ChatRole.User, question)], new ChatOptions { Temperature = 0.1f })|};
                await foreach (var update in {|PL1001:chat.GetStreamingResponseAsync(question, new ChatOptions())|})
                {
                }
            }
        }
        """);

    [Fact]
    public Task Reports_ExtensionsAI_structured_output_and_static_call() => Verify("""
        using Microsoft.Extensions.AI;

        record Verdict(bool Spam);

        class C
        {
            async Task Run(IChatClient chat, string text)
            {
                await {|PL1001:chat.GetResponseAsync<Verdict>(text)|};
                await {|PL1001:ChatClientExtensions.GetResponseAsync(chat, text)|};
            }
        }
        """);

    [Fact]
    public Task No_report_when_ChatOptions_carry_a_cap() => Verify("""
        using Microsoft.Extensions.AI;

        class C
        {
            static readonly ChatOptions Shared = new() { MaxOutputTokens = 100 };

            async Task Run(IChatClient chat, string question, ChatOptions passedIn)
            {
                await chat.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 300 });
                await chat.GetResponseAsync(question, BuildOptions());
                await chat.GetResponseAsync(question, passedIn);
                await chat.GetResponseAsync(question, Shared);
            }

            static ChatOptions BuildOptions() => new() { MaxOutputTokens = 250, Temperature = 0.3f };
        }
        """);

    [Fact]
    public Task Reports_bridged_OpenAI_client_and_respects_client_level_defaults() => Verify("""
        using Anthropic;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        class C
        {
            async Task Run(string key, string question)
            {
                IChatClient bridged = new ChatClient("gpt-4o-mini", key).AsIChatClient();
                await {|PL1001:bridged.GetResponseAsync(question)|};

                IChatClient claude = new AnthropicClient { ApiKey = key }.AsIChatClient("claude-sonnet-4-5", defaultMaxOutputTokens: 400);
                await claude.GetResponseAsync(question);

                IChatClient configured = bridged.AsBuilder().ConfigureOptions(o => o.MaxOutputTokens = 200).Build();
                await configured.GetResponseAsync(question);
            }
        }
        """);

    [Fact]
    public Task No_report_on_Anthropic_where_the_cap_is_mandatory() => Verify("""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C
        {
            async Task Run(AnthropicClient client, string question)
            {
                await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    Messages = [new UserMessageParam { Content = question }],
                });

                await foreach (var e in client.Messages.CreateStreaming(new MessageCreateParams
                {
                    Model = Model.ClaudeHaiku4_5,
                    MaxTokens = 100,
                    Messages = [new UserMessageParam { Content = question }],
                }))
                {
                }
            }
        }
        """);

    [Fact]
    public Task No_crash_on_half_typed_calls() => new AnalyzerTest<CostAnalyzer>(Usings.Common + """
        using OpenAI.Chat;
        using Microsoft.Extensions.AI;

        class C
        {
            async Task Run(ChatClient client, IChatClient chat, string q)
            {
                await client.CompleteChatAsync(new UserChatMessage(q),{|CS1525:)|};
                await client.CompleteChatAsync(new UserChatMessage(q){|CS1026:;|}
                await chat.{|CS1061:GetResponseAsyn|}(q);
                var options = new ChatCompletionOptions { {|CS0117:MaxOutput|} = 5 };
                await {|PL1001:client.CompleteChatAsync([new UserChatMessage(q)], options)|};
            }
        }
        """, "PL1003").RunAsync();

    [Fact]
    public Task Reports_Semantic_Kernel_prompts_without_MaxTokens() => Verify("""
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        class C
        {
            async Task Run(Kernel kernel, IChatCompletionService chat, string text)
            {
                await {|PL1001:kernel.InvokePromptAsync("Translate to French: {{$input}}")|};
                await {|PL1001:kernel.InvokePromptAsync("Translate: {{$input}}", new KernelArguments { ["input"] = text })|};
                await {|PL1001:kernel.InvokePromptAsync("Translate: {{$input}}",
                    new KernelArguments(new OpenAIPromptExecutionSettings { Temperature = 0 }) { ["input"] = text })|};
                await {|PL1001:chat.GetChatMessageContentAsync(new ChatHistory("Be brief."))|};
            }
        }
        """);

    [Fact]
    public Task No_report_when_Semantic_Kernel_settings_carry_MaxTokens_or_cannot_be_seen() => Verify("""
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.ChatCompletion;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        class C
        {
            async Task Run(Kernel kernel, IChatCompletionService chat, KernelArguments passedIn, string text)
            {
                await kernel.InvokePromptAsync("Translate: {{$input}}",
                    new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 400 }) { ["input"] = text });
                await kernel.InvokePromptAsync("Translate: {{$input}}", passedIn);
                await kernel.InvokePromptAsync("Hi", new KernelArguments(new PromptExecutionSettings()));

                var settings = new OpenAIPromptExecutionSettings();
                settings.MaxTokens = 100;
                await chat.GetChatMessageContentAsync(new ChatHistory("Be brief."), settings);
            }
        }
        """);

    [Fact]
    public Task Reports_Responses_calls_without_a_cap() => Verify("""
        #pragma warning disable OPENAI001
        using OpenAI.Responses;

        class C
        {
            async Task Run(ResponsesClient responses, string question, List<ResponseItem> items)
            {
                await {|PL1001:responses.CreateResponseAsync("gpt-5-mini", question)|};
                await {|PL1001:responses.CreateResponseAsync("gpt-5-mini", items, previousResponseId: "resp_1")|};
                await {|PL1001:responses.CreateResponseAsync(new CreateResponseOptions("gpt-5-mini", items))|};
                {|PL1001:responses.CreateResponse(new CreateResponseOptions { Model = "gpt-5-mini", MaxOutputTokenCount = null })|};
                _ = await {|PL1001:responses.CreateResponseStreamingAsync("gpt-5-mini", question)|};
            }
        }
        """);

    [Fact]
    public Task No_report_when_Responses_options_carry_a_cap_or_cannot_be_seen() => Verify("""
        #pragma warning disable OPENAI001
        using System.ClientModel;
        using OpenAI.Responses;

        class C
        {
            async Task Run(ResponsesClient responses, CreateResponseOptions given, List<ResponseItem> items)
            {
                await responses.CreateResponseAsync(new CreateResponseOptions("gpt-5-mini", items) { MaxOutputTokenCount = 500 });
                var options = new CreateResponseOptions("gpt-5-mini", items);
                options.MaxOutputTokenCount = 500;
                await responses.CreateResponseAsync(options);
                await responses.CreateResponseAsync(given);
                await responses.GetResponseAsync("resp_1");
                await responses.CreateResponseAsync(BinaryContent.Create(BinaryData.FromString("{}")));
            }
        }
        """);

    [Fact]
    public Task Reports_Azure_OpenAI_chat_and_Responses_calls_without_a_cap() => Verify("""
        #pragma warning disable OPENAI001
        using System.ClientModel;
        using Azure.AI.OpenAI;
        using OpenAI.Chat;

        class C
        {
            async Task Run(Uri endpoint, string key, string question)
            {
                var azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key));
                await {|PL1001:azure.GetChatClient("support-prod").CompleteChatAsync([new UserChatMessage(question)])|};
                await {|PL1001:azure.GetResponsesClient().CreateResponseAsync("support-prod", question)|};
                await azure.GetChatClient("support-prod").CompleteChatAsync([new UserChatMessage(question)], new ChatCompletionOptions { MaxOutputTokenCount = 300 });
            }
        }
        """);

    [Fact]
    public async Task Message_names_Azure_OpenAI_and_the_maximum_of_the_mapped_model()
    {
        var diagnostics = await new AnalyzerRunner()
            .WithOption("promptlint.azure_deployments", "support-prod=gpt-4o-mini")
            .RunAsync<CostAnalyzer>("""
                using System.ClientModel;
                using Azure.AI.OpenAI;
                using OpenAI.Chat;

                class C
                {
                    async Task Run(Uri endpoint, string key, string question) =>
                        await new AzureOpenAIClient(endpoint, new ApiKeyCredential(key)).GetChatClient("support-prod")
                            .CompleteChatAsync([new UserChatMessage(question)]);
                }
                """);

        var diagnostic = Assert.Single(diagnostics, static d => d.Id == "PL1001");
        Assert.Equal(
            "This Azure OpenAI call sets no output-token cap (no options are passed), so gpt-4o-mini may answer with up to 16,384 tokens",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    // Raw HttpClient requests: the cap is a key of the JSON body.

    [Fact]
    public Task Reports_raw_OpenAI_requests_whose_body_has_no_cap() => Verify(""""
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json.Nodes;

        class C(HttpClient http)
        {
            async Task Run(string question)
            {
                await {|PL1001:http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                {
                    model = "gpt-4o-mini",
                    messages = new[] { new { role = "user", content = question } },
                })|};

                var body = new JsonObject { ["model"] = "gpt-4o-mini", ["input"] = question };
                await {|PL1001:http.PostAsync("https://api.openai.com/v1/responses", JsonContent.Create(body))|};

                const string Json = """{"model": "gpt-4o", "messages": [{"role": "user", "content": "Say hi."}]}""";
                await {|PL1001:http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(Json, Encoding.UTF8, "application/json"))|};
            }
        }
        """");

    [Fact]
    public Task No_report_when_the_raw_body_sets_a_cap() => Verify(""""
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json.Nodes;

        class C(HttpClient http)
        {
            async Task Run(string question)
            {
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                {
                    model = "gpt-4o-mini",
                    max_completion_tokens = 300,
                    messages = new[] { new { role = "user", content = question } },
                });

                var body = new JsonObject { ["model"] = "gpt-4o-mini", ["input"] = question };
                body["max_output_tokens"] = 200;
                await http.PostAsync("https://api.openai.com/v1/responses", JsonContent.Create(body));

                var request = new HttpRequestMessage(HttpMethod.Post, "https://api.anthropic.com/v1/messages")
                {
                    Content = JsonContent.Create(new Dictionary<string, object>
                    {
                        ["model"] = "claude-sonnet-4-5",
                        ["max_tokens"] = 512,
                        ["messages"] = new[] { new { role = "user", content = question } },
                    }),
                };
                await http.SendAsync(request);

                const string Json = """{"model": "gpt-4o", "max_tokens": 50, "messages": [{"role": "user", "content": "Say hi."}]}""";
                await http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(Json, Encoding.UTF8, "application/json"));

                await http.PostAsJsonAsync(
                    "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
                    new { contents = new[] { new { parts = new[] { new { text = question } } } }, generationConfig = new { maxOutputTokens = 256 } });
            }
        }
        """");

    [Fact]
    public Task Reports_a_Gemini_request_without_generationConfig_maxOutputTokens() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;

        class C(HttpClient http)
        {
            const string Model = "gemini-2.5-flash";

            async Task Run(string question)
            {
                await {|PL1001:http.PostAsJsonAsync(
                    $"https://generativelanguage.googleapis.com/v1beta/models/{Model}:generateContent",
                    new { contents = new[] { new { parts = new[] { new { text = question } } } } })|};
                await {|PL1001:http.PostAsJsonAsync(
                    $"https://generativelanguage.googleapis.com/v1beta/models/{Model}:generateContent",
                    new { contents = new[] { new { parts = new[] { new { text = question } } } }, generationConfig = new { temperature = 0.2 } })|};
            }
        }
        """);

    [Fact]
    public async Task An_Anthropic_request_without_max_tokens_is_reported_as_rejected_by_the_API()
    {
        var diagnostics = await new AnalyzerRunner().RunAsync<CostAnalyzer>("""
            using System.Net.Http;
            using System.Net.Http.Json;

            class C(HttpClient http)
            {
                async Task Run(string question) =>
                    await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new
                    {
                        model = "claude-sonnet-4-5",
                        messages = new[] { new { role = "user", content = question } },
                    });
            }
            """);

        var diagnostic = Assert.Single(diagnostics, static d => d.Id == "PL1001");
        Assert.Equal(
            "This Anthropic REST call sets no output-token cap (the body has no max_tokens), so the API rejects the request: "
            + "Anthropic's Messages API requires max_tokens",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(nameof(CallSites.CapFix.AddJsonMember), diagnostic.Properties[CostAnalyzer.Properties.CapFix]);
        Assert.Equal("max_tokens", diagnostic.Properties[CostAnalyzer.Properties.CapProperty]);
    }

    [Fact]
    public Task No_report_for_raw_requests_the_analyzer_cannot_read_or_that_are_not_LLM_requests() => Verify("""
        using System.IO;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json;
        using System.Text.Json.Nodes;

        record ChatRequest(string Model, object[] Messages);

        class C(HttpClient http)
        {
            async Task Run(string question, string url, JsonObject extra)
            {
                // A car's model is not a language model: the URL is visible and names no LLM API.
                await http.PostAsJsonAsync("https://inventory.example.com/api/cars", new { model = "gpt-4o", messages = new[] { question } });

                // Nor a printer's, sent to a relative path the code writes in full, whatever the client's base address.
                await http.PostAsJsonAsync("/printers/register", new { model = "LaserJet 4000", messages = new[] { question } });
                await http.PostAsJsonAsync("api/tickets", new { model = "gpt-4o", messages = new[] { question } });

                // No URL in view and a body without an LLM request's shape.
                await http.PostAsJsonAsync(url, new { model = "Corolla", year = 2020 });

                // A body read from a file, or serialized from a type of the application: the cap is not visible.
                var json = File.ReadAllText("request.json");
                await http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(json, Encoding.UTF8, "application/json"));
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new ChatRequest("gpt-4o", [question]));

                // A body handed to other code before it is sent may gain the cap there.
                var body = new JsonObject { ["model"] = "gpt-4o", ["messages"] = new JsonArray() };
                AddDefaults(body);
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", body);

                // A GET is not a request for a completion.
                await http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "https://api.openai.com/v1/chat/completions"));
            }

            static void AddDefaults(JsonObject body) => body["max_tokens"] = 100;
        }
        """);

    [Fact]
    public Task Reports_a_raw_request_recognised_by_its_body_or_the_client_base_address() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;

        class C
        {
            async Task Run(HttpClient injected, string url, string modelId, string question)
            {
                // No URL in view: a model with messages is a chat completion request.
                await {|PL1001:injected.PostAsJsonAsync(url, new { model = modelId, messages = new[] { new { role = "user", content = question } } })|};

                var http = new HttpClient { BaseAddress = new Uri("https://api.anthropic.com/") };
                await {|PL1001:http.PostAsJsonAsync("v1/messages", new { model = "claude-haiku-4-5", messages = new[] { new { role = "user", content = question } } })|};
            }
        }
        """);

    [Fact]
    public Task No_crash_on_half_typed_raw_requests() => new AnalyzerTest<CostAnalyzer>(Usings.Common + """
        using System.Net.Http;
        using System.Net.Http.Json;

        class C(HttpClient http)
        {
            async Task Run(string q)
            {
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o", messages = {|CS1525:}|} );
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o", {|CS0103:max_tokens|} });
                await {|PL1001:http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o", messages = new[] { q } })|};
            }
        }
        """, "PL1003").RunAsync();

    // Betalgo.Ranul.OpenAI: the cap is MaxCompletionTokens or the older MaxTokens of the ChatCompletionCreateRequest.

    [Fact]
    public Task Reports_Betalgo_requests_without_a_cap() => Verify("""
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.Managers;
        using Betalgo.Ranul.OpenAI.ObjectModels;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

        class C(IOpenAIService service, OpenAIService concrete)
        {
            async Task Run(string q)
            {
                await {|PL1001:service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest
                {
                    Model = "gpt-4o-mini",
                    Messages = [ChatMessage.FromSystem("Answer briefly."), ChatMessage.FromUser(q)],
                })|};

                await foreach (var chunk in {|PL1001:service.ChatCompletion.CreateCompletionAsStream(new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser(q)] }, "gpt-4o-mini")|})
                {
                }

                var request = new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser(q)], MaxCompletionTokens = null };
                await {|PL1001:concrete.CreateCompletion(request)|};
                await {|PL1001:service.ChatCompletion.Create(new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser(q)] }, Models.Model.Gpt_4o_mini)|};
            }
        }
        """);

    [Fact]
    public Task No_report_for_Betalgo_requests_with_either_cap_or_from_elsewhere() => Verify("""
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

        class C(IOpenAIService service)
        {
            async Task Run(string q, ChatCompletionCreateRequest given)
            {
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser(q)], MaxCompletionTokens = 300 }, "gpt-4o-mini");
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser(q)], MaxTokens = 200 }, "gpt-4o-mini");

                var later = new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser(q)] };
                later.MaxTokens = 100;
                await service.ChatCompletion.CreateCompletion(later, "gpt-4o-mini");

                // A request built elsewhere may carry a cap; and the legacy completions API is not a chat call site.
                await service.ChatCompletion.CreateCompletion(given);
                await service.Completions.CreateCompletion(new CompletionCreateRequest { Prompt = q }, "gpt-3.5-turbo-instruct");
            }
        }

        // A method of the same name on the user's own type is not the SDK's.
        class Own
        {
            Task CreateCompletion(ChatCompletionCreateRequest request, string? modelId = null) => Task.CompletedTask;
            Task Run() => CreateCompletion(new ChatCompletionCreateRequest());
        }
        """);

    [Fact]
    public async Task Betalgo_message_names_the_request_and_the_model_maximum()
    {
        var diagnostics = await new AnalyzerRunner().RunAsync<CostAnalyzer>("""
            using Betalgo.Ranul.OpenAI.Interfaces;
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

            class C
            {
                Task Run(IOpenAIService service, string q) =>
                    service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = "gpt-4o", Messages = [ChatMessage.FromUser(q)] });
            }
            """);

        var diagnostic = Assert.Single(diagnostics, static d => d.Id == "PL1001");
        Assert.Equal(
            "This Betalgo call sets no output-token cap (the request sets no cap), so gpt-4o may answer with up to 16,384 tokens",
            diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("AddToInitializer", diagnostic.Properties[CostAnalyzer.Properties.CapFix]);
        Assert.Equal("MaxCompletionTokens", diagnostic.Properties[CostAnalyzer.Properties.CapProperty]);
    }

    [Fact]
    public Task No_crash_on_half_typed_Betalgo_requests() => new AnalyzerTest<CostAnalyzer>(Usings.Common + """
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

        class C(IOpenAIService service)
        {
            async Task Run(string q)
            {
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { MaxTokens = {|CS1525:}|}, "gpt-4o-mini");
                await service.ChatCompletion.CreateCompletion({|CS1503:"not a request"|});
                await service.ChatCompletion.{|CS1061:CreateCompletio|}(new ChatCompletionCreateRequest());
                await {|PL1001:service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = [ChatMessage.{|CS0117:FromUsr|}(q)] })|};
            }
        }
        """, "PL1003").RunAsync();
}
