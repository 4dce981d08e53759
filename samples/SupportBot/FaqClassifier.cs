using OpenAI.Chat;

namespace SupportBot;

internal sealed class FaqClassifier(string apiKey)
{
    private static readonly string[] s_categories = ["restore", "billing", "install", "security", "retention", "other"];

    private readonly ChatClient _client = new ChatClient("gpt-4o-mini", apiKey);

    public async Task<string> ClassifyAsync(string customerMessage, CancellationToken cancellationToken)
    {
        List<ChatMessage> messages =
        [
            new SystemChatMessage(SupportPrompts.ClassifierInstructions),
            new UserChatMessage(customerMessage),
        ];

        // One word is the whole answer; the cap keeps a chatty reply from costing more than the label.
        ChatCompletion completion = await _client.CompleteChatAsync(
            messages,
            new ChatCompletionOptions { MaxOutputTokenCount = 16 },
            cancellationToken);

        var label = completion.Content.Count > 0 ? completion.Content[0].Text.Trim().ToLowerInvariant() : "";

        return s_categories.Contains(label) ? label : "other";
    }
}
