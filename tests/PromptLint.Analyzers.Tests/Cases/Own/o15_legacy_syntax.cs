#nullable disable
using System.Text;
using OpenAI.Chat;

namespace Cases.Own.LegacySyntax
{
    // Code as C# 7.3 allows it: block namespaces, explicit arrays, verbatim strings, string.Format, no target-typed new.
    public sealed class LegacyDesk
    {
        private const string Intro = "You help the members of a city library network.";
        private static readonly ChatCompletionOptions Capped = new ChatCompletionOptions { MaxOutputTokenCount = 300 };
        private readonly ChatClient _client;

        public LegacyDesk(ChatClient client)
        {
            _client = client;
        }

        public async Task<string> VerbatimTimeFirstAsync(string question)
        {
            string system = $@"Local time: {DateTime.Now:t}
{Guide.Library}";
            ChatCompletion reply = await _client.CompleteChatAsync(
                new ChatMessage[] { new SystemChatMessage(system), new UserChatMessage(question) }, Capped);
            return reply.Content[0].Text;
        }

        public async Task<string> FormatTimeLastAsync(string question)
        {
            string system = string.Format("{0}\n{1}\nLocal time: {2:t}", Intro, Guide.Library, DateTime.Now);
            ChatCompletion reply = await _client.CompleteChatAsync(
                new ChatMessage[] { new SystemChatMessage(system), new UserChatMessage(question) }, Capped);
            return reply.Content[0].Text;
        }

        // Once a known blind spot; now covered by expected.jsonl.
        public async Task<string> FormatSpecifierFirstAsync(string question)
        {
            string system = string.Format("Local time: {0:t}\n{1}", DateTime.Now, Guide.Library);
            ChatCompletion reply = await _client.CompleteChatAsync(
                new ChatMessage[] { new SystemChatMessage(system), new UserChatMessage(question) }, Capped);
            return reply.Content[0].Text;
        }

        public async Task<string> ConcatenatedMemberFirstAsync(string member, string question)
        {
            string system = "Member: " + member + "\n" + Intro + "\n" + Guide.Library;
            ChatCompletion reply = await _client.CompleteChatAsync(
                new ChatMessage[] { new SystemChatMessage(system), new UserChatMessage(question) }, Capped);
            return reply.Content[0].Text;
        }

        public async Task<string> BuilderAsync(string question)
        {
            StringBuilder sb = new StringBuilder(Intro);
            sb.AppendLine();
            sb.AppendLine(Guide.Library);
            sb.Append("Asked at ").Append(DateTime.UtcNow.ToString("t"));
            ChatCompletion reply = await _client.CompleteChatAsync(
                new ChatMessage[] { new SystemChatMessage(sb.ToString()), new UserChatMessage(question) }, Capped);
            return reply.Content[0].Text;
        }

        // Once a known blind spot; now covered by expected.jsonl.
        public async Task<string> NullOptionsAsync(string question)
        {
            ChatCompletionOptions options = null;
            ChatCompletion reply = await _client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, options);
            return reply.Content[0].Text;
        }

        public async Task<string> NullLiteralOptionsAsync(string question)
        {
            ChatCompletion reply = await _client.CompleteChatAsync(new ChatMessage[] { new UserChatMessage(question) }, null);
            return reply.Content[0].Text;
        }
    }

    internal static class Guide
    {
        public const string Library = @"
You answer questions for the members of a city library network with nine branches.
Apply the guidance below in order; when two items disagree, the earlier one wins.
Item 1 (overdue fines): Ask for the renewal date in at most two sentences.
Item 2 (membership renewals): Ask for the card number using words a newcomer would understand.
Item 3 (donations): Confirm the fine balance using words a newcomer would understand.
Item 4 (room reservations): Ask for the hold queue using words a newcomer would understand.
Item 5 (printing credits): Point out the room booking and say plainly when the answer is not known.
Item 6 (accessibility formats): Verify the fine balance without guessing numbers you were not given.
Item 7 (digital lending): Explain the branch hours and name the source you relied on.
Item 8 (overdue fines): Restate the renewal date without guessing numbers you were not given.
Item 9 (membership renewals): Summarize the lending limit and say plainly when the answer is not known.
Item 10 (donations): Record the fine balance without guessing numbers you were not given.
Item 11 (interlibrary loans): Summarize the hold queue and name the source you relied on.
Item 12 (reading lists): Restate the loan period and keep the tone calm and direct.
Item 13 (digital lending): Quote the lending limit using words a newcomer would understand.
Item 14 (donations): Summarize the lending limit and keep the tone calm and direct.
Item 15 (interlibrary loans): Verify the renewal date then list the next step for the person asking.
Item 16 (digital lending): Point out the catalog entry and keep the tone calm and direct.
Item 17 (digital lending): Record the loan period without guessing numbers you were not given.
Item 18 (rare manuscripts): Explain the room booking and say plainly when the answer is not known.
Item 19 (room reservations): Record the room booking without guessing numbers you were not given.
Item 20 (printing credits): Check the loan period in at most two sentences.
Item 21 (overdue fines): Summarize the format request without guessing numbers you were not given.
Item 22 (donations): Summarize the loan period before suggesting anything else.
Item 23 (donations): Restate the room booking and never invent a policy that is not written here.
Item 24 (printing credits): Confirm the format request without guessing numbers you were not given.
Item 25 (accessibility formats): Check the fine balance without guessing numbers you were not given.
Item 26 (room reservations): Quote the lending limit in at most two sentences.
Item 27 (reading lists): Check the renewal date without guessing numbers you were not given.
Item 28 (interlibrary loans): Quote the fine balance then list the next step for the person asking.
Item 29 (rare manuscripts): Quote the catalog entry and name the source you relied on.
Item 30 (reading lists): Confirm the format request and keep the tone calm and direct.
Item 31 (membership renewals): Quote the fine balance before suggesting anything else.
Item 32 (digital lending): Ask for the lending limit in at most two sentences.
Item 33 (printing credits): Summarize the lending limit in at most two sentences.
Item 34 (room reservations): Explain the format request without guessing numbers you were not given.
Item 35 (rare manuscripts): Verify the room booking before suggesting anything else.
Item 36 (membership renewals): Confirm the loan period and say plainly when the answer is not known.
Item 37 (interlibrary loans): Explain the card number before suggesting anything else.
Item 38 (overdue fines): Point out the loan period and never invent a policy that is not written here.
Item 39 (interlibrary loans): Record the lending limit and say plainly when the answer is not known.
Item 40 (digital lending): Explain the branch hours and say plainly when the answer is not known.
Item 41 (printing credits): Check the catalog entry and never invent a policy that is not written here.
Item 42 (reading lists): Verify the catalog entry using words a newcomer would understand.
Item 43 (overdue fines): Verify the card number and never invent a policy that is not written here.
Item 44 (reading lists): Record the card number before suggesting anything else.
Item 45 (reading lists): Summarize the format request and name the source you relied on.
Item 46 (interlibrary loans): Verify the renewal date in at most two sentences.
Item 47 (digital lending): Point out the fine balance then list the next step for the person asking.
Item 48 (overdue fines): Record the branch hours using words a newcomer would understand.
Item 49 (overdue fines): Record the hold queue without guessing numbers you were not given.
Item 50 (rare manuscripts): Restate the format request and say plainly when the answer is not known.
Item 51 (overdue fines): Record the format request and keep the tone calm and direct.
Item 52 (room reservations): Summarize the branch hours without guessing numbers you were not given.
Item 53 (overdue fines): Restate the format request using words a newcomer would understand.
Item 54 (accessibility formats): Quote the fine balance and say plainly when the answer is not known.
Item 55 (rare manuscripts): Quote the format request and say plainly when the answer is not known.
Item 56 (membership renewals): Point out the branch hours and never invent a policy that is not written here.
Item 57 (overdue fines): Restate the loan period and name the source you relied on.
Item 58 (reading lists): Ask for the branch hours before suggesting anything else.
";
    }
}
