using System.Globalization;
using PromptLint.Analyzers.Rules.Caching;

namespace PromptLint.Analyzers.Tests;

public sealed class PL2002ShortPrefixTests
{
    private static string Words(int count) => string.Join(" ", Enumerable.Repeat("refund", count));

    private static Task Verify(string source, string? editorConfig = null)
    {
        var test = new AnalyzerTest<CachingAnalyzer>(Usings.Common + source, "PL2001");
        if (editorConfig is not null)
            test.WithEditorConfig(editorConfig);
        return test.RunAsync();
    }

    [Fact]
    public Task Reports_a_prefix_between_the_threshold_of_interest_and_the_minimum() => Verify($$"""
        using OpenAI.Chat;

        class C
        {
            const string Prompt = "{{Words(600)}}";
            readonly ChatClient _client = new("gpt-4o-mini", "key");

            async Task Run(string question) =>
                await {|PL2002:_client.CompleteChatAsync([new SystemChatMessage(Prompt), new UserChatMessage(question)])|};
        }
        """);

    [Fact]
    public Task No_report_above_the_minimum_below_the_threshold_or_without_a_model() => Verify($$"""
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        class C(IChatClient chat)
        {
            const string Long = "{{Words(1100)}}";
            const string Tiny = "Answer in one word.";
            const string Medium = "{{Words(600)}}";
            readonly ChatClient _client = new("gpt-4o-mini", "key");

            async Task Run(string question)
            {
                await _client.CompleteChatAsync([new SystemChatMessage(Long), new UserChatMessage(question)]);
                await _client.CompleteChatAsync([new SystemChatMessage(Tiny), new UserChatMessage(question)]);
                await chat.GetResponseAsync([new(ChatRole.System, Medium), new(ChatRole.User, question)]);
            }
        }
        """);

    [Fact]
    public Task No_report_for_a_model_without_a_known_minimum_or_a_stable_part_of_unknown_size() => Verify($$"""
        using OpenAI.Chat;

        class C(string tenantPolicy)
        {
            const string Medium = "{{Words(600)}}";
            readonly ChatClient _pro = new("o1-pro", "key");
            readonly ChatClient _mini = new("gpt-4o-mini", "key");

            async Task Run(string question)
            {
                await _pro.CompleteChatAsync([new SystemChatMessage(Medium), new UserChatMessage(question)]);
                await _mini.CompleteChatAsync([new SystemChatMessage(Medium + tenantPolicy), new UserChatMessage(question)]);
            }
        }
        """);

    [Fact]
    public Task Approximate_counts_must_fall_clearly_below_the_minimum() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            // About 840 Claude tokens (o200k x 1.2): below 1,024 but not below 80% of it.
            const string Near = "{{Words(700)}}";
            // About 480 Claude tokens: well below.
            const string Far = "{{Words(400)}}";

            async Task Run(string q)
            {
                await client.Messages.Create(new MessageCreateParams { Model = "claude-sonnet-4-5", MaxTokens = 10, System = Near, Messages = [new UserMessageParam { Content = q }] });
                await {|PL2002:client.Messages.Create(new MessageCreateParams { Model = "claude-sonnet-4-5", MaxTokens = 10, System = Far, Messages = [new UserMessageParam { Content = q }] })|};
            }
        }
        """);

    [Fact]
    public async Task Message_says_how_far_short_and_points_at_the_prompt()
    {
        var source = $$"""
            using OpenAI.Chat;

            class C
            {
                const string Prompt = "{{Words(600)}}";
                readonly ChatClient _client = new("gpt-4o-mini", "key");

                async Task Run(string question) =>
                    await _client.CompleteChatAsync([new SystemChatMessage(Prompt), new UserChatMessage(question)]);
            }
            """;

        var diagnostics = await new AnalyzerRunner().RunAsync<CachingAnalyzer>(source);

        var diagnostic = Assert.Single(diagnostics, static d => d.Id == "PL2002");
        var prefix = Microsoft.ML.Tokenizers.TiktokenTokenizer.CreateForEncoding("o200k_base").CountTokens(Words(600));
        Assert.Equal(
            $"The constant start of this prompt is about {prefix:N0} tokens, {1024 - prefix:N0} short of the 1,024 tokens gpt-4o-mini needs before it caches anything, so every call pays the full input price",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(AnalyzerRunner.LineOf(source, "const string Prompt"), diagnostic.AdditionalLocations[0].GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public Task The_threshold_of_interest_is_configurable() => Verify($$"""
        using OpenAI.Chat;

        class C
        {
            const string Prompt = "{{Words(600)}}";
            readonly ChatClient _client = new("gpt-4o-mini", "key");

            async Task Run(string question) =>
                await _client.CompleteChatAsync([new SystemChatMessage(Prompt), new UserChatMessage(question)]);
        }
        """, "promptlint.min_prefix_tokens_of_interest = 800\n");

    [Fact]
    public Task Reports_short_prefixes_of_Responses_requests_and_of_mapped_Azure_deployments() =>
        new AnalyzerTest<CachingAnalyzer>(Usings.Common + $$"""
            #pragma warning disable OPENAI001
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;
            using OpenAI.Responses;

            class C(ResponsesClient responses, AzureOpenAIClient azure)
            {
                const string Prompt = "{{Words(600)}}";

                async Task Run(string question)
                {
                    await {|PL2002:responses.CreateResponseAsync(new CreateResponseOptions("gpt-4o-mini", [ResponseItem.CreateUserMessageItem(question)])
                    {
                        Instructions = Prompt,
                    })|};
                    await {|PL2002:azure.GetChatClient("support-prod").CompleteChatAsync([new SystemChatMessage(Prompt), new UserChatMessage(question)])|};
                    await azure.GetChatClient("unmapped").CompleteChatAsync([new SystemChatMessage(Prompt), new UserChatMessage(question)]);
                }
            }
            """, "PL2001")
            .WithEditorConfig("promptlint.azure_deployments = support-prod=gpt-4o-mini\n")
            .RunAsync();

    [Fact]
    public Task Reports_a_short_prefix_of_a_raw_request_and_not_a_long_one() => Verify($$"""
        using System.Net.Http;
        using System.Net.Http.Json;

        class C(HttpClient http)
        {
            const string Short = "{{Words(600)}}";
            const string Long = "{{Words(1500)}}";

            async Task Run(string question)
            {
                await {|PL2002:http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                {
                    model = "gpt-4o-mini",
                    max_tokens = 100,
                    messages = new object[] { new { role = "system", content = Short }, new { role = "user", content = question } },
                })|};
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                {
                    model = "gpt-4o-mini",
                    max_tokens = 100,
                    messages = new object[] { new { role = "system", content = Long }, new { role = "user", content = question } },
                });
            }
        }
        """);

    [Fact]
    public Task Reports_a_short_Betalgo_prefix_and_not_a_long_one_or_one_without_a_model() => Verify($$"""
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

        class C(IOpenAIService service)
        {
            const string Medium = "{{Words(600)}}";
            const string Long = "{{Words(1100)}}";

            async Task Run(string question)
            {
                await {|PL2002:service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = [ChatMessage.FromSystem(Medium), ChatMessage.FromUser(question)] }, "gpt-4o-mini")|};
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = [ChatMessage.FromSystem(Long), ChatMessage.FromUser(question)] }, "gpt-4o-mini");
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Messages = [ChatMessage.FromSystem(Medium), ChatMessage.FromUser(question)] });
            }
        }
        """);
}
