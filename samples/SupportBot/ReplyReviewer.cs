using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace SupportBot;

// Polishes a reply until the model is satisfied with it.
internal sealed class ReplyReviewer(string apiKey)
{
    private readonly IChatClient _chat = new ChatClient("gpt-4o-mini", apiKey).AsIChatClient();

    public async Task<string> PolishAsync(string draft, CancellationToken cancellationToken)
    {
        // Nothing but the model's answer ends this loop: a reviewer that never says DONE never stops (PL3002).
        while (true)
        {
            // "Large enough for any reply" is more than gpt-4o-mini can return, so the API rejects it (PL1004).
            var response = await _chat.GetResponseAsync(
                [new(ChatRole.System, SupportPrompts.ReviewInstructions), new(ChatRole.User, draft)],
                new ChatOptions { MaxOutputTokens = 32_000 },
                cancellationToken);

            if (response.Text.StartsWith("DONE", StringComparison.Ordinal))
                return draft;

            draft = response.Text;
        }
    }
}
