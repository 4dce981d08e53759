using Anthropic;
using Anthropic.Models.Messages;

namespace SupportBot;

internal sealed class TicketTriage(string apiKey)
{
    // "Fail fast" turns every brief overload into a lost triage; PL3001 asks for a bounded budget instead.
    private readonly AnthropicClient _client = new() { ApiKey = apiKey, MaxRetries = 0 };

    public async Task<string> TriageAsync(string customerMessage, string category, CancellationToken cancellationToken)
    {
        var message = await _client.Messages.Create(
            new MessageCreateParams
            {
                // Triage is a classification task; the frontier model was picked for a demo and stayed (PL1002).
                Model = "claude-opus-4-1",
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
