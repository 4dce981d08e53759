using PromptLint.Analyzers.Rules.Caching;
using PromptLint.CodeFixes.Rules.Caching;

namespace PromptLint.Analyzers.Tests;

public sealed class PL2001MoveVolatileContentCodeFixTests
{
    private static readonly string s_policy = string.Join(" ", Enumerable.Repeat("Check the order number before answering and never promise refunds.", 90));

    // PL2001 sits on the volatile expression, which may be outside the call the analyzer is looking at: for Roslyn
    // that is a non-local diagnostic, which the test framework would otherwise refuse to fix.
    private static CodeFixTest<CachingAnalyzer, MoveVolatileContentCodeFix> Test(string source, string fixedSource) =>
        new(Usings.Common + source.Replace("POLICY", s_policy), Usings.Common + fixedSource.Replace("POLICY", s_policy), "PL2002", "PL2003")
        {
            CodeFixTestBehaviors = Microsoft.CodeAnalysis.Testing.CodeFixTestBehaviors.SkipLocalDiagnosticCheck,
        };

    [Fact]
    public Task Moves_the_timestamp_line_after_the_policy() => Test("""
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
        """, """
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
        """).RunAsync();

    [Fact]
    public Task Moves_lines_of_a_raw_string_and_keeps_the_trailing_line_break() => Test(""""
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            const string Policy = "POLICY";

            async Task Run(string user, string question)
            {
                var system = $"""
                    Request for {{|PL2001:user|}} at {DateTime.UtcNow:t}
                    {Policy}
                    Be brief.

                    """;
                await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(question)]);
            }
        }
        """", """"
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            const string Policy = "POLICY";

            async Task Run(string user, string question)
            {
                var system = $"""
                    {Policy}
                    Be brief.
                    Request for {user} at {DateTime.UtcNow:t}

                    """;
                await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(question)]);
            }
        }
        """").RunAsync();

    [Fact]
    public Task Moves_a_per_request_message_after_the_constant_one() => Test("""
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
        """, """
        using Microsoft.Extensions.AI;

        class C(IChatClient chat)
        {
            const string Rules = "POLICY";

            async Task Run(string customer, string text)
            {
                List<ChatMessage> messages =
                [
                    new(ChatRole.System, Rules),
                    new(ChatRole.User, $"Customer {customer} wrote: {text}"),
                ];
                await chat.GetResponseAsync(messages);
            }
        }
        """).RunAsync();

    [Fact]
    public Task Moves_a_params_message_after_the_constant_one() => Test("""
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            const string Rules = "POLICY";

            async Task Run(string question) =>
                await client.CompleteChatAsync(new UserChatMessage({|PL2001:question|}), new SystemChatMessage(Rules));
        }
        """, """
        using OpenAI.Chat;

        class C(ChatClient client)
        {
            const string Rules = "POLICY";

            async Task Run(string question) =>
                await client.CompleteChatAsync(new SystemChatMessage(Rules), new UserChatMessage(question));
        }
        """).RunAsync();

    [Fact]
    public Task Offers_no_fix_when_the_volatile_part_shares_a_line_with_constant_text()
    {
        const string Source = """
            using OpenAI.Chat;

            class C(ChatClient client)
            {
                const string Policy = "POLICY";

                async Task Run(string question) =>
                    await client.CompleteChatAsync(new SystemChatMessage($"Now {{|PL2001:DateTime.UtcNow|}}. {Policy}"));
            }
            """;
        return Test(Source, Source).RunAsync();
    }

    [Fact]
    public Task Fixes_every_prompt_in_the_document_and_the_result_no_longer_reports()
    {
        var test = Test("""
            using OpenAI.Chat;

            class C(ChatClient client)
            {
                const string Policy = "POLICY";

                async Task A(string q) =>
                    await client.CompleteChatAsync(new SystemChatMessage($"Id {{|PL2001:Guid.NewGuid()|}}\n{Policy}"), new UserChatMessage(q));

                async Task B(string q) =>
                    await client.CompleteChatAsync(new UserChatMessage({|PL2001:q|}), new SystemChatMessage(Policy));
            }
            """, """
            using OpenAI.Chat;

            class C(ChatClient client)
            {
                const string Policy = "POLICY";

                async Task A(string q) =>
                    await client.CompleteChatAsync(new SystemChatMessage($"{Policy}\nId {Guid.NewGuid()}"), new UserChatMessage(q));

                async Task B(string q) =>
                    await client.CompleteChatAsync(new SystemChatMessage(Policy), new UserChatMessage(q));
            }
            """);
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }
}
