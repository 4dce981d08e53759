using OpenAI.Chat;

namespace Cases.Own.OneCallAway;

public interface IClock
{
    string Describe();
}

internal static class Stamps
{
    public static string Now() => DateTime.Now.ToString("f");
}

public sealed class ReviewBot(ChatClient client, IClock clock, TimeProvider time)
{
    private static readonly ChatCompletionOptions Capped = new() { MaxOutputTokenCount = 500 };

    private static string Stamp() => DateTime.UtcNow.ToString("u");

    private static string Today()
    {
        var now = DateTime.UtcNow;
        return now.ToString("D");
    }

    private static string Shift()
    {
        if (DateTime.Now.Hour >= 18)
            return "night shift at " + DateTime.Now.ToString("t");
        return "day shift at " + DateTime.Now.ToString("t");
    }

    public async Task<string> ExpressionHelperAsync(string diff)
    {
        var system = string.Format("Now: {0}.\n{1}", Stamp(), Guide.Code);
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(diff)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> BlockHelperAsync(string diff)
    {
        var system = $"Review date {Today()}.\n{Guide.Code}";
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(diff)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> HelperInOtherClassAsync(string diff)
    {
        var system = "Started " + Stamps.Now() + "\n" + Guide.Code;
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(diff)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> TimeProviderAsync(string diff)
    {
        var system = $"Clock: {time.GetUtcNow():O}\n{Guide.Code}";
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(diff)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> TwoReturnHelperAsync(string diff)
    {
        var system = $"{Shift()}\n{Guide.Code}";
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(diff)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> InterfaceClockAsync(string diff)
    {
        var system = $"{clock.Describe()}\n{Guide.Code}";
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(diff)], Capped);
        return reply.Content[0].Text;
    }

    public async Task<string> GuidBesideThePromptAsync(string diff)
    {
        var requestId = Guid.NewGuid();
        Console.WriteLine($"review {requestId} started at {DateTime.UtcNow:O}");
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 500, EndUserId = requestId.ToString() };
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(Guide.Code), new UserChatMessage(diff)], options);
        return $"{requestId}: {reply.Content[0].Text}";
    }

    public async Task<string> GuidInThePromptAsync(string diff)
    {
        var requestId = Guid.NewGuid();
        var system = $"Review {requestId:N}\n{Guide.Code}";
        ChatCompletion reply = await client.CompleteChatAsync([new SystemChatMessage(system), new UserChatMessage(diff)], Capped);
        return reply.Content[0].Text;
    }
}

internal static class Guide
{
    public const string Code = """
You review C# pull requests for a team that ships a public library on NuGet.
Apply the guidance below in order; when two items disagree, the earlier one wins.
Item 1 (async usage): Explain the benchmark result and keep the tone calm and direct.
Item 2 (thread safety): Explain the call graph and never invent a policy that is not written here.
Item 3 (allocation in hot paths): Check the changed lines and name the source you relied on.
Item 4 (allocation in hot paths): Record the options class without guessing numbers you were not given.
Item 5 (exception policy): Ask for the package version and name the source you relied on.
Item 6 (dependency updates): Confirm the options class using words a newcomer would understand.
Item 7 (null handling): Quote the changed lines without guessing numbers you were not given.
Item 8 (test coverage): Ask for the benchmark result then list the next step for the person asking.
Item 9 (allocation in hot paths): Record the options class and keep the tone calm and direct.
Item 10 (exception policy): Explain the lock order then list the next step for the person asking.
Item 11 (disposal): Check the call graph before suggesting anything else.
Item 12 (null handling): Check the method signature and never invent a policy that is not written here.
Item 13 (null handling): Check the call graph and never invent a policy that is not written here.
Item 14 (async usage): Check the test names and say plainly when the answer is not known.
Item 15 (async usage): Point out the call graph and say plainly when the answer is not known.
Item 16 (test coverage): Ask for the changed lines in at most two sentences.
Item 17 (thread safety): Record the stack trace then list the next step for the person asking.
Item 18 (async usage): Check the options class and keep the tone calm and direct.
Item 19 (async usage): Check the lock order before suggesting anything else.
Item 20 (public API naming): Restate the changed lines in at most two sentences.
Item 21 (disposal): Quote the lock order before suggesting anything else.
Item 22 (allocation in hot paths): Record the options class and name the source you relied on.
Item 23 (thread safety): Verify the lock order in at most two sentences.
Item 24 (null handling): Restate the package version and never invent a policy that is not written here.
Item 25 (thread safety): Ask for the changed lines and name the source you relied on.
Item 26 (dependency updates): Confirm the method signature and never invent a policy that is not written here.
Item 27 (logging): Explain the method signature and never invent a policy that is not written here.
Item 28 (public API naming): Summarize the changed lines and never invent a policy that is not written here.
Item 29 (async usage): Verify the test names in at most two sentences.
Item 30 (logging): Record the test names without guessing numbers you were not given.
Item 31 (allocation in hot paths): Ask for the benchmark result then list the next step for the person asking.
Item 32 (exception policy): Confirm the options class and keep the tone calm and direct.
Item 33 (public API naming): Record the benchmark result then list the next step for the person asking.
Item 34 (test coverage): Record the review thread using words a newcomer would understand.
Item 35 (public API naming): Summarize the test names and keep the tone calm and direct.
Item 36 (dependency updates): Verify the review thread before suggesting anything else.
Item 37 (dependency updates): Explain the changed lines without guessing numbers you were not given.
Item 38 (thread safety): Ask for the stack trace without guessing numbers you were not given.
Item 39 (async usage): Explain the package version in at most two sentences.
Item 40 (logging): Ask for the review thread using words a newcomer would understand.
Item 41 (allocation in hot paths): Restate the test names and name the source you relied on.
Item 42 (disposal): Summarize the test names and keep the tone calm and direct.
Item 43 (null handling): Confirm the review thread and never invent a policy that is not written here.
Item 44 (configuration binding): Restate the method signature and name the source you relied on.
Item 45 (async usage): Check the package version in at most two sentences.
Item 46 (dependency updates): Explain the changed lines without guessing numbers you were not given.
Item 47 (dependency updates): Verify the method signature then list the next step for the person asking.
Item 48 (async usage): Verify the changed lines without guessing numbers you were not given.
Item 49 (disposal): Ask for the changed lines and never invent a policy that is not written here.
Item 50 (logging): Summarize the review thread and say plainly when the answer is not known.
Item 51 (logging): Verify the stack trace and keep the tone calm and direct.
Item 52 (exception policy): Restate the changed lines and name the source you relied on.
Item 53 (dependency updates): Verify the call graph and say plainly when the answer is not known.
Item 54 (exception policy): Explain the method signature and never invent a policy that is not written here.
Item 55 (public API naming): Quote the changed lines and never invent a policy that is not written here.
Item 56 (allocation in hot paths): Summarize the review thread without guessing numbers you were not given.
Item 57 (async usage): Check the benchmark result and name the source you relied on.
Item 58 (allocation in hot paths): Check the options class without guessing numbers you were not given.
""";
}
