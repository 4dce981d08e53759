using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.ML.Tokenizers;
using PromptLint.Analyzers.Rules.Caching;
using PromptLint.Analyzers.Rules.Cost;

namespace PromptLint.Analyzers.Tests;

/// <summary>The prompt shapes real code uses, read into the same segments whatever way the text is put together.</summary>
public sealed class PromptShapeTests
{
    private static readonly Tokenizer s_o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");
    private static readonly string s_policy = string.Join(" ", Enumerable.Repeat("Check the order number before answering and never promise refunds.", 60));

    private static async Task<int> StaticTokens(string source)
    {
        var diagnostics = await new AnalyzerRunner().RunAsync<CostAnalyzer>(source.Replace("POLICY", s_policy));
        var cost = Assert.Single(diagnostics, static d => d.Id == "PL1003");
        return int.Parse(cost.Properties[CostAnalyzer.Properties.StaticInputTokens]!, CultureInfo.InvariantCulture);
    }

    private static Task VerifyCaching(string source) =>
        new AnalyzerTest<CachingAnalyzer>(Usings.Common + source.Replace("POLICY", s_policy), "PL2002", "PL2003").RunAsync();

    // One system message: its tokens plus 3 for the message and 3 for the reply.
    private static int OneMessage(string text) => s_o200k.CountTokens(text) + 6;

    [Theory]
    [InlineData("string.Concat(A, \" \", B)")]
    [InlineData("string.Join(\" \", new[] { A, B })")]
    [InlineData("string.Join(\" \", [A, B])")]
    [InlineData("string.Format(\"{0} {1}\", A, B)")]
    [InlineData("A + \" \" + B")]
    [InlineData("$\"{A} {B}\"")]
    [InlineData("$$\"\"\"{{A}} {{B}}\"\"\"")]
    [InlineData("Helper()")]
    public async Task Every_way_of_joining_two_constants_counts_the_same_text(string expression)
    {
        var source = $$"""
            using OpenAI.Chat;

            class C
            {
                const string A = "Answer politely.";
                const string B = "Never promise refunds.";

                static string Helper() => A + " " + B;

                async Task Run(string key) =>
                    await new ChatClient("gpt-4o", key).CompleteChatAsync(new SystemChatMessage({{expression}}));
            }
            """;

        Assert.Equal(OneMessage("Answer politely. Never promise refunds."), await StaticTokens(source));
    }

    [Fact]
    public async Task Follows_a_StringBuilder_and_a_list_filled_by_Add()
    {
        var source = """
            using System.Text;
            using OpenAI.Chat;

            class C
            {
                async Task Run(string key)
                {
                    var sb = new StringBuilder("Answer politely.");
                    sb.Append(' ').Append("Never promise refunds.");
                    var messages = new List<ChatMessage>();
                    messages.Add(new SystemChatMessage(sb.ToString()));
                    await new ChatClient("gpt-4o", key).CompleteChatAsync(messages);
                }
            }
            """;

        Assert.Equal(OneMessage("Answer politely. Never promise refunds."), await StaticTokens(source));
    }

    [Fact]
    public async Task Reads_constants_from_another_file_and_partial_class()
    {
        var runner = new AnalyzerRunner();
        var source = """
            using OpenAI.Chat;

            partial class C
            {
                async Task Run(string key) =>
                    await new ChatClient("gpt-4o", key).CompleteChatAsync(new SystemChatMessage(Prompts.Policy + " " + Suffix));
            }

            static class Prompts
            {
                public const string Policy = "Answer politely.";
            }

            partial class C
            {
                const string Suffix = "Never promise refunds.";
            }
            """;

        Assert.Equal(OneMessage("Answer politely. Never promise refunds."), await StaticTokens(source));
    }

    [Fact]
    public Task Reports_a_request_id_appended_in_a_loop_free_StringBuilder_and_a_new_array() => VerifyCaching("""
        using System.Text;
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            const string Policy = "POLICY";

            async Task Run(int attempt)
            {
                var sb = new StringBuilder();
                sb.AppendLine("Attempt " + {|PL2001:attempt|});
                sb.AppendLine(Policy);
                await client.CompleteChatAsync(new ChatMessage[] { new SystemChatMessage(sb.ToString()) });
            }
        }
        """);

    [Fact]
    public Task Appends_inside_a_loop_are_unknown_not_volatile() => VerifyCaching("""
        using System.Text;
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            const string Policy = "POLICY";
            static readonly string[] Rules = ["a", "b"];

            async Task Run()
            {
                var sb = new StringBuilder();
                foreach (var rule in Rules)
                    sb.AppendLine(rule);
                sb.AppendLine(Policy);
                await client.CompleteChatAsync(new SystemChatMessage(sb.ToString()));
            }
        }
        """);

    [Fact]
    public Task Two_system_messages_the_second_dynamic_and_last_is_fine() => VerifyCaching("""
        using Microsoft.Extensions.AI;

        class C(IChatClient chat)
        {
            const string Policy = "POLICY";

            async Task Run(string context, string question)
            {
                var history = new List<ChatMessage> { new(ChatRole.System, Policy) };
                history.Add(new(ChatRole.System, $"Context: {context}"));
                history.Add(new(ChatRole.User, question));
                await chat.GetResponseAsync(history);
            }
        }
        """);
}
