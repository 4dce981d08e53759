using Anthropic;
using Anthropic.Models.Messages;

namespace SupportBot;

internal sealed class TicketTriage(string apiKey)
{
    private readonly AnthropicClient _client = new() { ApiKey = apiKey };

    public async Task<string> TriageAsync(string customerMessage, string category, CancellationToken cancellationToken)
    {
        var message = await _client.Messages.Create(
            new MessageCreateParams
            {
                Model = "claude-sonnet-4-5",
                MaxTokens = 800,
                System = SupportPrompts.SystemPolicy,
                Messages =
                [
                    new UserMessageParam
                    {
                        Content = $"{SupportPrompts.TriageInstructions}\n\nCategory: {category}\n\n{customerMessage}",
                    },
                ],
            },
            cancellationToken);

        var text = new List<string>();
        foreach (var block in message.Content)
        {
            if (block.TryPickText(out var textBlock))
            {
                text.Add(textBlock.Text);
            }
        }

        return string.Join("\n", text);
    }
}
