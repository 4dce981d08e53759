using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using OpenAI.Chat;

namespace Cases.Own.ShortPrefix;

public sealed class LendingFaq(string key, IConfiguration configuration, string branchNotes)
{
    private static readonly ChatCompletionOptions Capped = new() { MaxOutputTokenCount = 200 };
    private readonly ChatClient _mini = new("gpt-4o-mini", key);
    private readonly ChatClient _configured = new(configuration["Model"] ?? "gpt-4o-mini", key);
    private readonly ChatClient _noDiscount = new("o1-pro", key);

    public async Task<string> ShortConstantPrefixAsync(string question)
    {
        ChatCompletion reply = await _mini.CompleteChatAsync(
            [new SystemChatMessage(Guide.Lending), new UserChatMessage(question)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> StableNotesOfUnknownSizeAsync(string question)
    {
        ChatCompletion reply = await _mini.CompleteChatAsync(
            [new SystemChatMessage(Guide.Lending + branchNotes), new UserChatMessage(question)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> ModelFromConfigurationAsync(string question)
    {
        ChatCompletion reply = await _configured.CompleteChatAsync(
            [new SystemChatMessage(Guide.Lending), new UserChatMessage(question)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> ModelWithoutCacheDiscountAsync(string question)
    {
        ChatCompletion reply = await _noDiscount.CompleteChatAsync(
            [new SystemChatMessage(Guide.Lending), new UserChatMessage(question)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> TinyPromptAsync(string question)
    {
        ChatCompletion reply = await _mini.CompleteChatAsync(
            [new SystemChatMessage("Answer library questions in one sentence."), new UserChatMessage(question)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> BridgedClientAsync(string question)
    {
        IChatClient chat = new ChatClient("gpt-4.1-mini", key).AsIChatClient();
        var response = await chat.GetResponseAsync(
            [new Microsoft.Extensions.AI.ChatMessage(ChatRole.System, Guide.Lending), new Microsoft.Extensions.AI.ChatMessage(ChatRole.User, question)],
            new ChatOptions { MaxOutputTokens = 200 });
        return response.Text;
    }

    public async Task<string> LongEnoughPrefixAsync(string question)
    {
        ChatCompletion reply = await _mini.CompleteChatAsync(
            [new SystemChatMessage(Guide.Lending), new SystemChatMessage(Guide.Renewals), new UserChatMessage(question)], Capped);
        return reply.Content[0].Text;
    }
}

internal static class Guide
{
    public const string Lending = """
You answer questions for the members of a city library network with nine branches.
Apply the guidance below in order; when two items disagree, the earlier one wins.
Item 1 (accessibility formats): Restate the lending limit before suggesting anything else.
Item 2 (digital lending): Check the hold queue and say plainly when the answer is not known.
Item 3 (membership renewals): Confirm the fine balance in at most two sentences.
Item 4 (donations): Record the renewal date using words a newcomer would understand.
Item 5 (reading lists): Quote the format request and name the source you relied on.
Item 6 (rare manuscripts): Ask for the catalog entry before suggesting anything else.
Item 7 (overdue fines): Confirm the lending limit and never invent a policy that is not written here.
Item 8 (donations): Summarize the room booking in at most two sentences.
Item 9 (printing credits): Record the format request using words a newcomer would understand.
Item 10 (digital lending): Check the catalog entry and say plainly when the answer is not known.
Item 11 (overdue fines): Quote the loan period without guessing numbers you were not given.
Item 12 (room reservations): Record the renewal date and say plainly when the answer is not known.
Item 13 (printing credits): Quote the catalog entry without guessing numbers you were not given.
Item 14 (rare manuscripts): Quote the hold queue then list the next step for the person asking.
Item 15 (digital lending): Ask for the branch hours and say plainly when the answer is not known.
Item 16 (overdue fines): Quote the branch hours and never invent a policy that is not written here.
Item 17 (digital lending): Record the hold queue without guessing numbers you were not given.
Item 18 (donations): Point out the hold queue and name the source you relied on.
Item 19 (donations): Confirm the loan period then list the next step for the person asking.
Item 20 (interlibrary loans): Explain the renewal date and say plainly when the answer is not known.
Item 21 (membership renewals): Summarize the branch hours then list the next step for the person asking.
Item 22 (printing credits): Quote the fine balance in at most two sentences.
""";

    public const string Renewals = """
You answer questions for the members of a city library network with nine branches.
Apply the guidance below in order; when two items disagree, the earlier one wins.
Item 1 (printing credits): Ask for the lending limit before suggesting anything else.
Item 2 (accessibility formats): Ask for the card number in at most two sentences.
Item 3 (overdue fines): Confirm the card number before suggesting anything else.
Item 4 (printing credits): Confirm the renewal date using words a newcomer would understand.
Item 5 (rare manuscripts): Point out the fine balance and keep the tone calm and direct.
Item 6 (printing credits): Quote the format request and never invent a policy that is not written here.
Item 7 (printing credits): Restate the renewal date and never invent a policy that is not written here.
Item 8 (reading lists): Explain the card number then list the next step for the person asking.
Item 9 (donations): Verify the catalog entry and say plainly when the answer is not known.
Item 10 (donations): Explain the catalog entry in at most two sentences.
Item 11 (printing credits): Explain the format request without guessing numbers you were not given.
Item 12 (overdue fines): Summarize the loan period then list the next step for the person asking.
Item 13 (digital lending): Point out the fine balance and name the source you relied on.
Item 14 (reading lists): Check the hold queue and name the source you relied on.
Item 15 (membership renewals): Quote the loan period without guessing numbers you were not given.
Item 16 (room reservations): Verify the card number without guessing numbers you were not given.
Item 17 (interlibrary loans): Verify the branch hours and keep the tone calm and direct.
Item 18 (donations): Point out the fine balance in at most two sentences.
Item 19 (room reservations): Restate the hold queue and never invent a policy that is not written here.
Item 20 (accessibility formats): Restate the fine balance then list the next step for the person asking.
Item 21 (reading lists): Ask for the renewal date and never invent a policy that is not written here.
Item 22 (reading lists): Verify the catalog entry using words a newcomer would understand.
Item 23 (room reservations): Record the catalog entry in at most two sentences.
Item 24 (donations): Summarize the loan period and say plainly when the answer is not known.
Item 25 (overdue fines): Quote the format request using words a newcomer would understand.
Item 26 (digital lending): Check the loan period and keep the tone calm and direct.
Item 27 (printing credits): Ask for the catalog entry without guessing numbers you were not given.
Item 28 (digital lending): Quote the lending limit without guessing numbers you were not given.
""";
}
