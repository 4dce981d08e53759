using System.Globalization;
using PromptLint.Analyzers.Rules.Cost;

namespace PromptLint.Analyzers.Tests;

public sealed class PL1004ModelLimitTests
{
    private static Task Verify(string source) =>
        new AnalyzerTest<CostAnalyzer>(Usings.Common + source, "PL1001", "PL1002", "PL1003").RunAsync();

    [Fact]
    public Task Reports_a_cap_above_the_model_maximum_on_the_cap() => Verify("""
        using Anthropic;
        using Anthropic.Models.Messages;
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        class C
        {
            async Task Run(string key, AnthropicClient anthropic, string q)
            {
                await new ChatClient("gpt-4o", key).CompleteChatAsync([new UserChatMessage(q)],
                    new ChatCompletionOptions { MaxOutputTokenCount = {|PL1004:100_000|} });
                await anthropic.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-3-5-haiku", MaxTokens = {|PL1004:10_000|}, Messages = [new UserMessageParam { Content = q }],
                });
                IChatClient chat = new ChatClient("gpt-4o-mini", key).AsIChatClient();
                await chat.GetResponseAsync(q, new ChatOptions { MaxOutputTokens = {|PL1004:20000|} });
            }
        }
        """);

    [Fact]
    public Task Reports_a_Semantic_Kernel_cap_above_the_maximum_of_the_model_the_options_resolve() =>
        new AnalyzerTest<CostAnalyzer>(Usings.Common + """
            using Microsoft.SemanticKernel;
            using Microsoft.SemanticKernel.Connectors.OpenAI;

            class C
            {
                async Task Run(Kernel kernel, string text)
                {
                    await kernel.InvokePromptAsync("Translate: {{$input}}",
                        new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = {|PL1004:100_000|} }) { ["input"] = text });
                    await kernel.InvokePromptAsync("Summarise: {{$input}}",
                        new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 16_384 }) { ["input"] = text });
                }
            }
            """, "PL1001", "PL1002", "PL1003")
            .WithEditorConfig("promptlint.default_model = gpt-4o")
            .RunAsync();

    [Fact]
    public Task No_report_on_a_Semantic_Kernel_cap_when_no_model_is_resolved() => Verify("""
        using Microsoft.SemanticKernel;
        using Microsoft.SemanticKernel.Connectors.OpenAI;

        class C
        {
            // The kernel's model is set where it is built; without promptlint.default_model it is not known here.
            async Task Run(Kernel kernel, string text) =>
                await kernel.InvokePromptAsync("Translate: {{$input}}",
                    new KernelArguments(new OpenAIPromptExecutionSettings { MaxTokens = 100_000 }) { ["input"] = text });
        }
        """);

    [Fact]
    public Task No_report_at_or_below_the_maximum_or_for_unknown_models() => Verify("""
        using OpenAI.Chat;

        class C
        {
            async Task Run(string key, string q)
            {
                await new ChatClient("gpt-4o", key).CompleteChatAsync([new UserChatMessage(q)], new ChatCompletionOptions { MaxOutputTokenCount = 16_384 });
                await new ChatClient("acme-llm-7", key).CompleteChatAsync([new UserChatMessage(q)], new ChatCompletionOptions { MaxOutputTokenCount = 1_000_000 });
            }
        }
        """);

    [Fact]
    public async Task Reports_a_constant_prompt_larger_than_the_context_window()
    {
        var huge = string.Join(" ", Enumerable.Repeat("refund", 140_000));
        var diagnostics = await new AnalyzerRunner().RunAsync<CostAnalyzer>($$"""
            using OpenAI.Chat;

            class C
            {
                const string Everything = "{{huge}}";

                async Task Run(string key) =>
                    await new ChatClient("gpt-4o", key).CompleteChatAsync(new SystemChatMessage(Everything));
            }
            """);

        var diagnostic = Assert.Single(diagnostics, static d => d.Id == "PL1004");
        Assert.Contains("more than the 128,000-token context window of gpt-4o", diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task Reports_caps_above_the_maximum_of_a_mapped_deployment_and_of_a_Responses_request() =>
        new AnalyzerTest<CostAnalyzer>(Usings.Common + """
            #pragma warning disable OPENAI001
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;
            using OpenAI.Responses;

            class C
            {
                async Task Run(Uri endpoint, string key, ResponsesClient responses, string q)
                {
                    var azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key));
                    await azure.GetChatClient("support-prod").CompleteChatAsync([new UserChatMessage(q)],
                        new ChatCompletionOptions { MaxOutputTokenCount = {|PL1004:50_000|} });
                    await azure.GetChatClient("unmapped").CompleteChatAsync([new UserChatMessage(q)],
                        new ChatCompletionOptions { MaxOutputTokenCount = 50_000 });
                    await responses.CreateResponseAsync(new CreateResponseOptions("gpt-4o", []) { MaxOutputTokenCount = {|PL1004:100_000|} });
                }
            }
            """, "PL1001", "PL1002", "PL1003")
            .WithEditorConfig("promptlint.azure_deployments = support-prod=gpt-4o-mini\n")
            .RunAsync();

    [Fact]
    public Task Reports_a_raw_body_cap_above_the_model_maximum_on_the_cap() => Verify(""""
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json.Nodes;

        class C(HttpClient http)
        {
            async Task Run(string q)
            {
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o", max_tokens = {|PL1004:100_000|}, messages = new[] { q } });
                var body = new JsonObject { ["model"] = "claude-opus-4-1", ["max_tokens"] = {|PL1004:64_000|}, ["messages"] = new JsonArray() };
                await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", body);
                await http.PostAsJsonAsync(
                    "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
                    new { contents = new[] { new { parts = new[] { new { text = q } } } }, generationConfig = new { maxOutputTokens = {|PL1004:70_000|} } });
            }
        }
        """");

    [Fact]
    public Task No_report_when_the_raw_body_cap_fits_or_the_model_is_unknown() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;

        class C(HttpClient http)
        {
            async Task Run(string q, string model)
            {
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o", max_tokens = 16_000, messages = new[] { q } });
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "acme-large", max_tokens = 100_000, messages = new[] { q } });
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model, max_tokens = 100_000, messages = new[] { q } });
            }
        }
        """);

    [Fact]
    public Task Reports_a_Betalgo_cap_above_the_model_maximum_and_not_for_an_unknown_model() => Verify("""
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

        class C(IOpenAIService service)
        {
            async Task Run(string q)
            {
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest
                {
                    Model = "gpt-4o", MaxCompletionTokens = {|PL1004:100_000|}, Messages = [ChatMessage.FromUser(q)],
                });
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { MaxTokens = {|PL1004:50_000|}, Messages = [ChatMessage.FromUser(q)] }, "gpt-4o-mini");
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = "gpt-4o", MaxTokens = 16_384, Messages = [ChatMessage.FromUser(q)] });
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = "acme-llm-7", MaxTokens = 1_000_000, Messages = [ChatMessage.FromUser(q)] });
            }
        }
        """);
}
