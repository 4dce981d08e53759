using OpenAI.Chat;

namespace SupportBot;

internal sealed class AnswerWriter(string apiKey)
{
    private readonly ChatClient _client = new("gpt-4o", apiKey);

    public async Task<string> WriteAsync(
        string customerMessage, string category, IReadOnlyList<Article> articles, CancellationToken cancellationToken)
    {
        var messages = BuildMessages(customerMessage, category, articles);

        ChatCompletion completion = await _client.CompleteChatAsync(messages, cancellationToken: cancellationToken);

        return string.Concat(completion.Content.Select(static part => part.Text));
    }

    // Shows the agent a draft while it types, so it can take over before the reply is sent.
    public async Task StreamDraftAsync(
        string customerMessage, string category, IReadOnlyList<Article> articles, TextWriter output,
        CancellationToken cancellationToken)
    {
        var messages = BuildMessages(customerMessage, category, articles);

        await foreach (var update in _client.CompleteChatStreamingAsync(messages, cancellationToken: cancellationToken))
        {
            foreach (var part in update.ContentUpdate)
            {
                await output.WriteAsync(part.Text);
            }
        }

        await output.WriteLineAsync();
    }

    // The policy goes first and unchanged so the provider can reuse its cached prefix across tickets.
    private static List<ChatMessage> BuildMessages(
        string customerMessage, string category, IReadOnlyList<Article> articles)
    {
        var context = $"""
            Ticket category: {category}

            Knowledge base articles:
            {KnowledgeBase.Format(articles)}
            """;

        return
        [
            new SystemChatMessage(SupportPrompts.SystemPolicy),
            new SystemChatMessage(context),
            new UserChatMessage(customerMessage),
        ];
    }
}
