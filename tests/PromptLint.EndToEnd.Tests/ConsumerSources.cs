namespace PromptLint.EndToEnd.Tests;

/// <summary>The code the throwaway projects compile, and how to find the lines the tests expect diagnostics on.</summary>
internal static class ConsumerSources
{
    public const string AssistantFile = "Assistant.cs";

    public const string UncappedOpenAICall = """client.CompleteChatAsync(new SystemChatMessage("Summarize""";
    public const string CappedOpenAICall = """client.CompleteChatAsync([new SystemChatMessage("Classify""";
    public const string UncappedExtensionsAICall = "chat.GetResponseAsync(";

    /// <summary>Two uncapped calls (OpenAI and Microsoft.Extensions.AI) and one capped call, all on gpt-4o-mini.</summary>
    public const string Assistant = """
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        namespace Consumer;

        public sealed class Assistant(string key)
        {
            public async Task<string> SummarizeAsync(string ticket)
            {
                var client = new ChatClient("gpt-4o-mini", key);
                ChatCompletion completion = await client.CompleteChatAsync(new SystemChatMessage("Summarize the support ticket in one sentence."), new UserChatMessage(ticket));
                return completion.Content[0].Text;
            }

            public async Task<string> ClassifyAsync(string ticket)
            {
                var client = new ChatClient("gpt-4o-mini", key);
                var options = new ChatCompletionOptions { MaxOutputTokenCount = 100 };
                ChatCompletion completion = await client.CompleteChatAsync([new SystemChatMessage("Classify the ticket as billing, bug or other."), new UserChatMessage(ticket)], options);
                return completion.Content[0].Text;
            }

            public async Task<string> TranslateAsync(string text)
            {
                IChatClient chat = new ChatClient("gpt-4o-mini", key).AsIChatClient();
                var response = await chat.GetResponseAsync("Translate this into French: " + text);
                return response.Text;
            }
        }
        """;

    public const string UnknownModelFile = "Drafts.cs";

    public const string UnknownModel = """
        using OpenAI.Chat;

        namespace Consumer;

        public sealed class Drafts(string key)
        {
            public async Task<string> DraftAsync(string topic)
            {
                var client = new ChatClient("acme-llm-7", key);
                ChatCompletion completion = await client.CompleteChatAsync(new SystemChatMessage("Draft a short blog post."), new UserChatMessage(topic));
                return completion.Content[0].Text;
            }
        }
        """;

    public static IReadOnlyDictionary<string, string> AssistantOnly { get; } =
        new Dictionary<string, string> { [AssistantFile] = Assistant };

    /// <summary>The 1-based line of the one line in <paramref name="source"/> that contains <paramref name="fragment"/>.</summary>
    public static int LineOf(string source, string fragment)
    {
        var lines = source.Split('\n')
            .Select(static (text, index) => (Text: text, Number: index + 1))
            .Where(line => line.Text.Contains(fragment, StringComparison.Ordinal))
            .ToList();
        return Assert.Single(lines).Number;
    }
}
