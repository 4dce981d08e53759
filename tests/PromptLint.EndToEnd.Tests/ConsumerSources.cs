namespace PromptLint.EndToEnd.Tests;

/// <summary>The code the throwaway projects compile, and the lines the tests expect call sites on.</summary>
internal static class ConsumerSources
{
    public const string AssistantFile = "Assistant.cs";

    public const string UncappedOpenAICall = "summarizer.CompleteChatAsync(";
    public const string CappedOpenAICall = "classifier.CompleteChatAsync(";
    public const string UncappedExtensionsAICall = "chat.GetResponseAsync(";

    /// <summary>Uncapped calls via OpenAI and Microsoft.Extensions.AI, one capped call; all on gpt-4o-mini.</summary>
    public const string Assistant = """
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        namespace Consumer;

        public sealed class Assistant(string key)
        {
            public async Task<string> SummarizeAsync(string ticket)
            {
                var summarizer = new ChatClient("gpt-4o-mini", key);
                ChatCompletion completion = await summarizer.CompleteChatAsync(
                    new SystemChatMessage("Summarize the support ticket in one sentence."),
                    new UserChatMessage(ticket));
                return completion.Content[0].Text;
            }

            public async Task<string> ClassifyAsync(string ticket)
            {
                var classifier = new ChatClient("gpt-4o-mini", key);
                var options = new ChatCompletionOptions { MaxOutputTokenCount = 100 };
                ChatCompletion completion = await classifier.CompleteChatAsync(
                    [new SystemChatMessage("Classify the ticket: billing, bug or other."), new UserChatMessage(ticket)],
                    options);
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

    /// <summary>One call on a model id the built-in catalog does not know.</summary>
    public const string UnknownModel = """
        using OpenAI.Chat;

        namespace Consumer;

        public sealed class Drafts(string key)
        {
            public async Task<string> DraftAsync(string topic)
            {
                var client = new ChatClient("acme-llm-7", key);
                ChatCompletion completion = await client.CompleteChatAsync(
                    new SystemChatMessage("Draft a short blog post."),
                    new UserChatMessage(topic));
                return completion.Content[0].Text;
            }
        }
        """;

    public static IReadOnlyDictionary<string, string> AssistantOnly { get; } =
        new Dictionary<string, string> { [AssistantFile] = Assistant };

    public static int LineOfUncappedOpenAICall => LineOf(Assistant, UncappedOpenAICall);

    public static int LineOfCappedOpenAICall => LineOf(Assistant, CappedOpenAICall);

    public static int LineOfUncappedExtensionsAICall => LineOf(Assistant, UncappedExtensionsAICall);

    /// <summary>The 1-based number of the only line of <paramref name="source"/> with the fragment.</summary>
    private static int LineOf(string source, string fragment)
    {
        var lines = source.Split('\n')
            .Select(static (text, index) => (Text: text, Number: index + 1))
            .Where(line => line.Text.Contains(fragment, StringComparison.Ordinal))
            .ToList();
        return Assert.Single(lines).Number;
    }
}
