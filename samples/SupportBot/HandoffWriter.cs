using Microsoft.Extensions.AI;
using OpenAI.Chat;

using MeaiChatMessage = Microsoft.Extensions.AI.ChatMessage;

namespace SupportBot;

// Goes through Microsoft.Extensions.AI so the help desk can swap providers without touching this code.
internal sealed class HandoffWriter(string apiKey)
{
    private readonly IChatClient _client = new ChatClient("gpt-4o-mini", apiKey).AsIChatClient();

    public async Task<string> SummarizeForEngineerAsync(
        string customerMessage, string triage, CancellationToken cancellationToken)
    {
        var prompt = $"""
            Summarize this support ticket for the engineer who takes it over: what the customer wants, what has been
            tried, and what is still unknown.

            Triage notes:
            {triage}

            Customer message:
            {customerMessage}
            """;

        var response = await _client.GetResponseAsync(prompt, cancellationToken: cancellationToken);

        return response.Text;
    }

    public async Task<string> WriteFollowUpAsync(
        string customerMessage, string engineerSummary, CancellationToken cancellationToken)
    {
        // The shift line changes every request and comes first, so the long policy after it is never cached (PL2001).
        List<MeaiChatMessage> messages =
        [
            new(ChatRole.System, $"Shift started {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; sign as the agent on duty."),
            new(ChatRole.System, SupportPrompts.SystemPolicy),
            new(ChatRole.System, SupportPrompts.HandoffInstructions),
            new(ChatRole.User, $"Customer message:\n{customerMessage}\n\nEngineer summary:\n{engineerSummary}"),
        ];

        var response = await _client.GetResponseAsync(
            messages, new ChatOptions { MaxOutputTokens = 300 }, cancellationToken);

        return response.Text;
    }
}
