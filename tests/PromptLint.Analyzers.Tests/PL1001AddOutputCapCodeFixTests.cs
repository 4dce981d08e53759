using PromptLint.Analyzers.Rules.Cost;
using PromptLint.CodeFixes.Rules.Cost;

namespace PromptLint.Analyzers.Tests;

public sealed class PL1001AddOutputCapCodeFixTests
{
    private static CodeFixTest<CostAnalyzer, AddOutputCapCodeFix> Test(string source, string fixedSource) =>
        new(Usings.Common + source, Usings.Common + fixedSource, "PL1003");

    [Fact]
    public Task Adds_the_cap_to_an_existing_initializer() => Test("""
        using OpenAI.Chat;

        class C
        {
            async Task Run(ChatClient client, string ticket)
            {
                var options = new ChatCompletionOptions { Temperature = 0.2f };
                await {|PL1001:client.CompleteChatAsync([new UserChatMessage(ticket)], options)|};
            }
        }
        """, """
        using OpenAI.Chat;

        class C
        {
            async Task Run(ChatClient client, string ticket)
            {
                var options = new ChatCompletionOptions { Temperature = 0.2f, MaxOutputTokenCount = 1024 };
                await client.CompleteChatAsync([new UserChatMessage(ticket)], options);
            }
        }
        """).RunAsync();

    [Fact]
    public Task Adds_an_initializer_to_options_created_without_one() => Test("""
        using Microsoft.Extensions.AI;

        class C
        {
            async Task Run(IChatClient chat, string question)
            {
                await {|PL1001:chat.GetResponseAsync(question, new ChatOptions())|};
            }
        }
        """, """
        using Microsoft.Extensions.AI;

        class C
        {
            async Task Run(IChatClient chat, string question)
            {
                await chat.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 1024 });
            }
        }
        """).RunAsync();

    [Fact]
    public Task Passes_new_options_when_the_call_has_none() => Test("""
        using Microsoft.Extensions.AI;

        class C
        {
            async Task Run(IChatClient chat, string question, CancellationToken token)
            {
                await {|PL1001:chat.GetResponseAsync(question)|};
                await {|PL1001:chat.GetResponseAsync(question, cancellationToken: token)|};
            }
        }
        """, """
        using Microsoft.Extensions.AI;

        class C
        {
            async Task Run(IChatClient chat, string question, CancellationToken token)
            {
                await chat.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 1024 });
                await chat.GetResponseAsync(question, options: new ChatOptions { MaxOutputTokens = 1024 }, cancellationToken: token);
            }
        }
        """).RunAsync();

    [Fact]
    public Task Wraps_params_messages_in_a_collection_to_pass_options() => Test("""
        using OpenAI.Chat;

        class C
        {
            async Task Run(ChatClient client, string ticket)
            {
                await {|PL1001:client.CompleteChatAsync(new SystemChatMessage("Summarize."), new UserChatMessage(ticket))|};
            }
        }
        """, """
        using OpenAI.Chat;

        class C
        {
            async Task Run(ChatClient client, string ticket)
            {
                await client.CompleteChatAsync([new SystemChatMessage("Summarize."), new UserChatMessage(ticket)], new ChatCompletionOptions { MaxOutputTokenCount = 1024 });
            }
        }
        """).RunAsync();

    [Fact]
    public Task Replaces_a_null_cap_and_null_options() => Test("""
        using OpenAI.Chat;

        class C
        {
            void Run(ChatClient client, List<ChatMessage> messages)
            {
                var options = new ChatCompletionOptions { MaxOutputTokenCount = null };
                {|PL1001:client.CompleteChat(messages, options)|};
                {|PL1001:client.CompleteChat(messages, null)|};
            }
        }
        """, """
        using OpenAI.Chat;

        class C
        {
            void Run(ChatClient client, List<ChatMessage> messages)
            {
                var options = new ChatCompletionOptions { MaxOutputTokenCount = 1024 };
                client.CompleteChat(messages, options);
                client.CompleteChat(messages, new ChatCompletionOptions { MaxOutputTokenCount = 1024 });
            }
        }
        """).RunAsync();

    [Fact]
    public Task Uses_the_cap_from_editorconfig()
    {
        var test = Test("""
            using Microsoft.Extensions.AI;

            class C
            {
                async Task Run(IChatClient chat) => await {|PL1001:chat.GetResponseAsync("Hi")|};
            }
            """, """
            using Microsoft.Extensions.AI;

            class C
            {
                async Task Run(IChatClient chat) => await chat.GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 256 });
            }
            """);
        test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\npromptlint.default_max_output_tokens = 256\n"));
        return test.RunAsync();
    }

    [Fact]
    public Task Fixes_every_call_in_the_document_at_once()
    {
        var test = Test("""
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            class C
            {
                async Task Run(IChatClient chat, ChatClient client, string q)
                {
                    await {|PL1001:chat.GetResponseAsync(q)|};
                    await {|PL1001:chat.GetResponseAsync(q, new ChatOptions { Temperature = 0 })|};
                    await {|PL1001:client.CompleteChatAsync(new UserChatMessage(q))|};
                }
            }
            """, """
            using Microsoft.Extensions.AI;
            using OpenAI.Chat;

            class C
            {
                async Task Run(IChatClient chat, ChatClient client, string q)
                {
                    await chat.GetResponseAsync(q, new ChatOptions { MaxOutputTokens = 1024 });
                    await chat.GetResponseAsync(q, new ChatOptions { Temperature = 0, MaxOutputTokens = 1024 });
                    await client.CompleteChatAsync([new UserChatMessage(q)], new ChatCompletionOptions { MaxOutputTokenCount = 1024 });
                }
            }
            """);
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public Task Uses_an_array_before_CSharp_12()
    {
        var test = Test("""
            using OpenAI.Chat;

            class C
            {
                async Task Run(ChatClient client, string q)
                {
                    await {|PL1001:client.CompleteChatAsync(new UserChatMessage(q))|};
                }
            }
            """, """
            using OpenAI.Chat;

            class C
            {
                async Task Run(ChatClient client, string q)
                {
                    await client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(q) }, new ChatCompletionOptions { MaxOutputTokenCount = 1024 });
                }
            }
            """);
        test.LanguageVersion = Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp11;
        return test.RunAsync();
    }

    [Fact]
    public Task Adds_the_cap_to_Responses_options() => Test("""
        #pragma warning disable OPENAI001
        using OpenAI.Responses;

        class C
        {
            async Task Run(ResponsesClient responses, List<ResponseItem> items)
            {
                await {|PL1001:responses.CreateResponseAsync(new CreateResponseOptions("gpt-5-mini", items) { Instructions = "Be brief." })|};
            }
        }
        """, """
        #pragma warning disable OPENAI001
        using OpenAI.Responses;

        class C
        {
            async Task Run(ResponsesClient responses, List<ResponseItem> items)
            {
                await responses.CreateResponseAsync(new CreateResponseOptions("gpt-5-mini", items) { Instructions = "Be brief.", MaxOutputTokenCount = 1024 });
            }
        }
        """).RunAsync();

    [Fact]
    public Task Moves_a_Responses_call_with_a_model_and_input_to_the_options_overload() => Test("""
        #pragma warning disable OPENAI001
        using OpenAI.Responses;

        class C
        {
            async Task Run(ResponsesClient responses, string question, List<ResponseItem> items, string previous, CancellationToken token)
            {
                await {|PL1001:responses.CreateResponseAsync("gpt-5-mini", question)|};
                await {|PL1001:responses.CreateResponseAsync("gpt-5-mini", items, previous, token)|};
                await {|PL1001:responses.CreateResponseAsync("gpt-5-mini", question, cancellationToken: token)|};
            }
        }
        """, """
        #pragma warning disable OPENAI001
        using OpenAI.Responses;

        class C
        {
            async Task Run(ResponsesClient responses, string question, List<ResponseItem> items, string previous, CancellationToken token)
            {
                await responses.CreateResponseAsync(new CreateResponseOptions("gpt-5-mini", [ResponseItem.CreateUserMessageItem(question)]) { MaxOutputTokenCount = 1024 });
                await responses.CreateResponseAsync(new CreateResponseOptions("gpt-5-mini", items) { PreviousResponseId = previous, MaxOutputTokenCount = 1024 }, token);
                await responses.CreateResponseAsync(new CreateResponseOptions("gpt-5-mini", [ResponseItem.CreateUserMessageItem(question)]) { MaxOutputTokenCount = 1024 }, cancellationToken: token);
            }
        }
        """).RunAsync();

    [Fact]
    public Task Adds_the_cap_key_to_raw_JSON_bodies_written_in_code() => Test("""
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json.Nodes;

        class C(HttpClient http)
        {
            async Task Run(string question)
            {
                await {|PL1001:http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = question } } })|};
                await {|PL1001:http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "claude-haiku-4-5", messages = new[] { new { role = "user", content = question } } })|};

                var body = new JsonObject { ["model"] = "gpt-5-mini", ["input"] = question };
                await {|PL1001:http.PostAsync("https://api.openai.com/v1/responses", JsonContent.Create(body))|};

                var entries = new Dictionary<string, object> { { "model", "gpt-4o-mini" }, { "messages", new[] { new { role = "user", content = question } } } };
                await {|PL1001:http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", entries)|};
            }
        }
        """, """
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text.Json.Nodes;

        class C(HttpClient http)
        {
            async Task Run(string question)
            {
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = question } }, max_completion_tokens = 1024 });
                await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new { model = "claude-haiku-4-5", messages = new[] { new { role = "user", content = question } }, max_tokens = 1024 });

                var body = new JsonObject { ["model"] = "gpt-5-mini", ["input"] = question, ["max_output_tokens"] = 1024 };
                await http.PostAsync("https://api.openai.com/v1/responses", JsonContent.Create(body));

                var entries = new Dictionary<string, object> { { "model", "gpt-4o-mini" }, { "messages", new[] { new { role = "user", content = question } } }, { "max_completion_tokens", 1024 } };
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", entries);
            }
        }
        """).RunAsync();

    [Fact]
    public Task Offers_no_fix_for_a_constant_JSON_string_or_a_missing_Gemini_generationConfig() => Test(""""
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;

        class C(HttpClient http)
        {
            const string Json = """{"model": "gpt-4o", "messages": [{"role": "user", "content": "Say hi."}]}""";

            async Task Run(string question)
            {
                await {|PL1001:http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(Json, Encoding.UTF8, "application/json"))|};
                await {|PL1001:http.PostAsJsonAsync(
                    "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
                    new { contents = new[] { new { parts = new[] { new { text = question } } } } })|};
            }
        }
        """", """"
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;

        class C(HttpClient http)
        {
            const string Json = """{"model": "gpt-4o", "messages": [{"role": "user", "content": "Say hi."}]}""";

            async Task Run(string question)
            {
                await {|PL1001:http.PostAsync("https://api.openai.com/v1/chat/completions", new StringContent(Json, Encoding.UTF8, "application/json"))|};
                await {|PL1001:http.PostAsJsonAsync(
                    "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
                    new { contents = new[] { new { parts = new[] { new { text = question } } } } })|};
            }
        }
        """").RunAsync();

    [Fact]
    public Task Adds_MaxCompletionTokens_to_Betalgo_requests_fix_all_too() => Test("""
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

        class C(IOpenAIService service)
        {
            async Task Run(string q)
            {
                await {|PL1001:service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = "gpt-4o-mini", Messages = [ChatMessage.FromUser(q)] })|};
                var request = new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser(q)] };
                await {|PL1001:service.ChatCompletion.CreateCompletion(request, "gpt-4o-mini")|};
            }
        }
        """, """
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

        class C(IOpenAIService service)
        {
            async Task Run(string q)
            {
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = "gpt-4o-mini", Messages = [ChatMessage.FromUser(q)], MaxCompletionTokens = 1024 });
                var request = new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser(q)], MaxCompletionTokens = 1024 };
                await service.ChatCompletion.CreateCompletion(request, "gpt-4o-mini");
            }
        }
        """).RunAsync();
}
