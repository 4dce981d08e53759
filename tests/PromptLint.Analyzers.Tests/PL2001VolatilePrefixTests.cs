using PromptLint.Analyzers.Rules.Caching;

namespace PromptLint.Analyzers.Tests;

public sealed class PL2001VolatilePrefixTests
{
    // About 1,000 o200k tokens of constant policy text.
    private static readonly string s_policy = string.Join(" ", Enumerable.Repeat("Check the order number before answering and never promise refunds.", 90));

    private static Task Verify(string source, string? editorConfig = null)
    {
        var test = new AnalyzerTest<CachingAnalyzer>(Usings.Common + source.Replace("POLICY", s_policy), "PL2002");
        if (editorConfig is not null)
            test.WithEditorConfig(editorConfig);
        return test.RunAsync();
    }

    [Fact]
    public Task Reports_timestamp_before_long_system_prompt() => Verify("""
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            const string Policy = "POLICY";

            async Task Run(string question)
            {
                var system = $"Current time: {{|PL2001:DateTime.UtcNow|}:O}\n{Policy}";
                await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(question)]);
            }
        }
        """);

    [Fact]
    public Task No_report_when_dynamic_part_is_last() => Verify("""
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            const string Policy = "POLICY";

            async Task Run(string question)
            {
                var system = $"{Policy}\nCurrent time: {DateTime.UtcNow:O}";
                await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(question)]);
            }
        }
        """);

    [Fact]
    public Task Reports_per_request_message_before_constant_system_message() => Verify("""
        using Microsoft.Extensions.AI;

        class C(IChatClient chat)
        {
            const string Rules = "POLICY";

            async Task Run(string customer, string text)
            {
                List<ChatMessage> messages =
                [
                    new(ChatRole.User, $"Customer {{|PL2001:customer|}} wrote: {text}"),
                    new(ChatRole.System, Rules),
                ];
                await chat.GetResponseAsync(messages);
            }
        }
        """);

    [Fact]
    public Task Reports_guid_appended_to_a_StringBuilder_before_constant_text() => Verify("""
        using System.Text;
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            const string Guidelines = "POLICY";

            async Task Run(string data)
            {
                var sb = new StringBuilder();
                sb.AppendLine($"Request {{|PL2001:Guid.NewGuid()|}}");
                sb.AppendLine(Guidelines);
                sb.AppendLine(data);
                await client.CompleteChatAsync([new SystemChatMessage(sb.ToString())]);
            }
        }
        """);

    [Fact]
    public Task Reports_volatile_value_hidden_in_a_helper_and_string_Format() => Verify("""
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            const string Policy = "POLICY";

            static string Stamp() => DateTime.Now.ToString("f");

            async Task Run()
            {
                await client.CompleteChatAsync(new SystemChatMessage(string.Format("Now: {0}. {1}", {|PL2001:Stamp()|}, Policy)));
                await client.CompleteChatAsync(new SystemChatMessage({|PL2001:Random.Shared.Next()|} + " " + Policy));
            }
        }
        """);

    [Fact]
    public Task Reports_Anthropic_and_Semantic_Kernel_prompts() => Verify("""
        using Anthropic;
        using Anthropic.Models.Messages;
        using Microsoft.SemanticKernel;

        class C(AnthropicClient client, Kernel kernel)
        {
            const string Policy = "POLICY";

            async Task Run(string user)
            {
                await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 100,
                    System = $"User: {{|PL2001:user|}}\n{Policy}",
                    Messages = [new UserMessageParam { Content = "Hi" }],
                });

                await kernel.InvokePromptAsync({|PL2001:"Today is {{time.Today}}. POLICY"|});
            }
        }
        """);

    [Fact]
    public Task No_report_for_stable_per_instance_or_per_process_values() => Verify("""
        using Microsoft.Extensions.Configuration;
        using OpenAI.Chat;

        class C(ChatClient client, IConfiguration configuration, string tenant)
        {
            const string Policy = "POLICY";
            static readonly string StartedAt = DateTime.UtcNow.ToString("O");
            readonly string _product = configuration["Product"] ?? "Acme";

            async Task Run(string question)
            {
                var system = $"Tenant {tenant}, product {_product}, build {StartedAt}, region {configuration["Region"]}.\n{Policy}";
                await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(question)]);
            }
        }
        """);

    [Fact]
    public Task No_report_for_prompts_read_from_a_fixed_file_or_resource() => Verify("""
        using System.IO;
        using System.Reflection;
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            const string Policy = "POLICY";

            async Task Run(string question)
            {
                var header = await File.ReadAllTextAsync("prompts/header.md");
                var legal = new StreamReader(Assembly.GetExecutingAssembly().GetManifestResourceStream("Legal.md")!).ReadToEnd();
                var system = $"{header}\n{legal}\n{File.ReadAllText("prompts/tone.md")}\n{Policy}";
                await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(question)]);
            }
        }
        """);

    [Fact]
    public Task No_report_when_little_constant_text_follows() => Verify("""
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            async Task Run(string question)
            {
                await client.CompleteChatAsync(new SystemChatMessage($"Time: {DateTime.UtcNow}. Answer briefly and politely."), new UserChatMessage(question));
            }
        }
        """);

    [Fact]
    public Task No_report_for_a_guid_near_the_prompt_but_not_in_it() => Verify("""
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            const string Policy = "POLICY";

            async Task<string> Run(string question)
            {
                var requestId = Guid.NewGuid();
                var result = await client.CompleteChatAsync([new SystemChatMessage(Policy), new UserChatMessage(question)]);
                return requestId + result.Value.Content[0].Text;
            }
        }
        """);

    [Fact]
    public Task The_threshold_is_configurable() => Verify("""
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            async Task Run(string question)
            {
                await client.CompleteChatAsync(new SystemChatMessage($"Time: {{|PL2001:DateTime.UtcNow|}}. Answer briefly and politely."), new UserChatMessage(question));
            }
        }
        """, "promptlint.min_static_tokens_after_volatile = 3\n");

    [Fact]
    public async Task Handles_huge_prompts_and_deep_concatenations()
    {
        var terms = string.Join(" + ", Enumerable.Range(0, 2000).Select(static i => $"\"part {i} \""));
        var huge = new string('x', 200_000);
        var source = $$"""
            using OpenAI.Chat;

            class C(ChatClient client)
            {
                async Task Run(string question)
                {
                    await client.CompleteChatAsync(new SystemChatMessage(question + {{terms}}));
                    await client.CompleteChatAsync(new SystemChatMessage("{{huge}}" + question));
                }
            }
            """;

        var diagnostics = await new AnalyzerRunner().RunAsync<CachingAnalyzer>(source);

        var diagnostic = Assert.Single(diagnostics, static d => d.Id == "PL2001");
        Assert.Equal(AnalyzerRunner.LineOf(source, "question + \"part 0"), diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal("question", source.Substring(diagnostic.Location.SourceSpan.Start - Usings.Common.Length, "question".Length));
        var call = Assert.Single(diagnostic.AdditionalLocations);
        Assert.StartsWith("client.CompleteChatAsync(new SystemChatMessage(question", source.Substring(call.SourceSpan.Start - Usings.Common.Length));
    }

    [Fact]
    public Task Reports_timestamp_before_long_Responses_instructions() => Verify("""
        #pragma warning disable OPENAI001
        using OpenAI.Responses;

        class C(ResponsesClient responses)
        {
            const string Policy = "POLICY";

            async Task Run(string question)
            {
                var options = new CreateResponseOptions("gpt-4o-mini", [ResponseItem.CreateUserMessageItem(question)])
                {
                    Instructions = $"Current time: {{|PL2001:DateTime.UtcNow|}:O}\n{Policy}",
                    MaxOutputTokenCount = 300,
                };
                await responses.CreateResponseAsync(options);
            }
        }
        """);

    [Fact]
    public Task Reports_a_timestamp_before_the_policy_in_a_raw_request() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;

        class C(HttpClient http)
        {
            const string Policy = "POLICY";

            async Task Run(string question) =>
                await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new
                {
                    model = "claude-sonnet-4-5",
                    max_tokens = 300,
                    system = $"Today is {{|PL2001:DateTime.UtcNow|}:D}.\n{Policy}",
                    messages = new[] { new { role = "user", content = question } },
                });
        }
        """);

    [Fact]
    public Task No_report_when_the_raw_request_puts_per_request_text_last() => Verify("""
        using System.Net.Http;
        using System.Net.Http.Json;

        class C(HttpClient http)
        {
            const string Policy = "POLICY";

            async Task Run(string question) =>
                await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                {
                    model = "gpt-4o",
                    max_tokens = 300,
                    messages = new object[]
                    {
                        new { role = "system", content = Policy },
                        new { role = "user", content = $"{question} (asked {DateTime.UtcNow:D})" },
                    },
                });
        }
        """);

    [Fact]
    public Task Reports_timestamp_before_long_Betalgo_system_message_and_not_after_it() => Verify("""
        using Betalgo.Ranul.OpenAI.Contracts.Enums;
        using Betalgo.Ranul.OpenAI.Interfaces;
        using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

        class C(IOpenAIService service)
        {
            const string Policy = "POLICY";

            async Task Run(string question)
            {
                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest
                {
                    Model = "gpt-4o-mini",
                    MaxTokens = 100,
                    Messages = [ChatMessage.FromSystem($"Now: {{|PL2001:DateTime.UtcNow|}:O}\n{Policy}"), ChatMessage.FromUser(question)],
                });

                await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest
                {
                    Model = "gpt-4o-mini",
                    MaxTokens = 100,
                    Messages = [new ChatMessage(ChatCompletionRole.System, Policy), ChatMessage.FromUser($"{question} at {DateTime.UtcNow:O}")],
                });
            }
        }
        """);
}
