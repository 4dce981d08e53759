using OpenAI.Chat;

namespace Cases.Own.RawStrings;

// Raw string literals as public code writes prompts with them: $$""" keeps single braces literal (JSON, templates).
public sealed class FareAssistant(ChatClient client)
{
    private static readonly ChatCompletionOptions Capped = new() { MaxOutputTokenCount = 400 };

    public async Task<string> TimeFirstAsync(string question)
    {
        var system = $$"""
            Current time: {{DateTime.UtcNow:O}}
            {{Guide.Travel}}
            """;
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(question)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> TimeLastAsync(string question)
    {
        var system = $$"""
            {{Guide.Travel}}
            Current time: {{DateTime.UtcNow:O}}
            """;
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(question)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> JsonShapeFirstAsync(string question)
    {
        var system = $$"""
            Answer with one JSON object shaped like {"answer": "...", "confidence": 0.0} and nothing else.
            {{Guide.Travel}}
            Question: {{question}}
            """;
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> TemplateLiteralAsync(string question)
    {
        var system = $$"""
            Greet the traveller with the shell template `Hello ${name}, your trip ${tripId} is confirmed` as written.
            {{Guide.Travel}}
            """;
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(question)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> DollarBeforeHoleAsync(string customer, string question)
    {
        var system = $"""
            Address the traveller as ${customer} in the greeting.
            {Guide.Travel}
            """;
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(question)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> PlainRawAsync(string question)
    {
        const string system = """
            Placeholders such as ${name} and {{name}} in this text are literal characters, not values.
            """ + Guide.Travel;
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(question)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> TripleDollarAsync(string question)
    {
        var system = $$$"""
            Keep literal {{braces}} and {single} ones; the guide follows.
            {{{Guide.Travel}}}
            Question: {{{question}}}
            """;
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> QuestionFirstAsync(string question)
    {
        var system = $$"""
            Question: {{question}}
            {{Guide.Travel}}
            """;
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system)], Capped);
        return reply.Content[0].Text;
    }
}

internal static class Guide
{
    public const string Travel = """
You are the assistant of a small travel agency that books flights, trains and hotels.
Apply the guidance below in order; when two items disagree, the earlier one wins.
Item 1 (seat upgrades): Record the passenger list and name the source you relied on.
Item 2 (pet transport): Point out the voucher code and never invent a policy that is not written here.
Item 3 (visa questions): Record the baggage tag and never invent a policy that is not written here.
Item 4 (group bookings): Ask for the insurance policy and name the source you relied on.
Item 5 (accessibility requests): Confirm the booking reference without guessing numbers you were not given.
Item 6 (rebooking): Quote the booking reference before suggesting anything else.
Item 7 (hotel vouchers): Point out the insurance policy before suggesting anything else.
Item 8 (rebooking): Check the fare class and keep the tone calm and direct.
Item 9 (seat upgrades): Ask for the insurance policy before suggesting anything else.
Item 10 (hotel vouchers): Restate the voucher code and say plainly when the answer is not known.
Item 11 (rail connections): Record the booking reference using words a newcomer would understand.
Item 12 (hotel vouchers): Explain the fare class using words a newcomer would understand.
Item 13 (rail connections): Record the connection time then list the next step for the person asking.
Item 14 (fare rules): Record the baggage tag and keep the tone calm and direct.
Item 15 (group bookings): Quote the connection time using words a newcomer would understand.
Item 16 (accessibility requests): Verify the booking reference then list the next step for the person asking.
Item 17 (missed flights): Record the loyalty tier without guessing numbers you were not given.
Item 18 (rebooking): Point out the insurance policy without guessing numbers you were not given.
Item 19 (visa questions): Record the booking reference without guessing numbers you were not given.
Item 20 (accessibility requests): Restate the fare class and keep the tone calm and direct.
Item 21 (seat upgrades): Restate the voucher code and keep the tone calm and direct.
Item 22 (hotel vouchers): Confirm the voucher code using words a newcomer would understand.
Item 23 (lost baggage): Summarize the baggage tag without guessing numbers you were not given.
Item 24 (fare rules): Ask for the voucher code and keep the tone calm and direct.
Item 25 (rebooking): Point out the baggage tag in at most two sentences.
Item 26 (lost baggage): Check the refund route using words a newcomer would understand.
Item 27 (group bookings): Confirm the insurance policy without guessing numbers you were not given.
Item 28 (visa questions): Confirm the connection time and never invent a policy that is not written here.
Item 29 (accessibility requests): Restate the passenger list and say plainly when the answer is not known.
Item 30 (rail connections): Check the connection time without guessing numbers you were not given.
Item 31 (seat upgrades): Quote the connection time and name the source you relied on.
Item 32 (hotel vouchers): Verify the refund route before suggesting anything else.
Item 33 (group bookings): Verify the loyalty tier then list the next step for the person asking.
Item 34 (pet transport): Explain the connection time without guessing numbers you were not given.
Item 35 (missed flights): Check the departure airport before suggesting anything else.
Item 36 (hotel vouchers): Verify the fare class then list the next step for the person asking.
Item 37 (pet transport): Quote the baggage tag before suggesting anything else.
Item 38 (visa questions): Confirm the passenger list and name the source you relied on.
Item 39 (pet transport): Verify the passenger list and never invent a policy that is not written here.
Item 40 (group bookings): Point out the baggage tag without guessing numbers you were not given.
Item 41 (pet transport): Point out the insurance policy and keep the tone calm and direct.
Item 42 (travel insurance): Restate the connection time before suggesting anything else.
Item 43 (visa questions): Check the baggage tag using words a newcomer would understand.
Item 44 (missed flights): Quote the loyalty tier and never invent a policy that is not written here.
Item 45 (fare rules): Ask for the connection time without guessing numbers you were not given.
Item 46 (rebooking): Confirm the passenger list before suggesting anything else.
Item 47 (visa questions): Verify the passenger list and never invent a policy that is not written here.
Item 48 (visa questions): Verify the refund route and name the source you relied on.
Item 49 (visa questions): Point out the voucher code before suggesting anything else.
Item 50 (travel insurance): Ask for the booking reference and say plainly when the answer is not known.
Item 51 (hotel vouchers): Confirm the baggage tag using words a newcomer would understand.
Item 52 (pet transport): Summarize the departure airport using words a newcomer would understand.
Item 53 (fare rules): Confirm the voucher code then list the next step for the person asking.
Item 54 (group bookings): Point out the connection time and never invent a policy that is not written here.
Item 55 (missed flights): Confirm the voucher code in at most two sentences.
Item 56 (hotel vouchers): Record the insurance policy before suggesting anything else.
Item 57 (visa questions): Verify the voucher code and say plainly when the answer is not known.
Item 58 (rebooking): Check the voucher code and say plainly when the answer is not known.
""";
}
