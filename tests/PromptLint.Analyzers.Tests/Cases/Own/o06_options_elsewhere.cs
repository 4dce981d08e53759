using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Cases.Own.OptionsElsewhere;

public sealed class OptionsInFields(ChatClient client)
{
    private readonly ChatCompletionOptions _capped = new() { MaxOutputTokenCount = 300 };
    private readonly ChatCompletionOptions _uncapped = new() { Temperature = 0.1f };

    public async Task<string> CappedFieldAsync(string question)
    {
        ChatCompletion reply = await client.CompleteChatAsync([new UserChatMessage(question)], _capped);
        return reply.Content[0].Text;
    }

    public async Task<string> UncappedFieldAsync(string question)
    {
        ChatCompletion reply = await client.CompleteChatAsync([new UserChatMessage(question)], _uncapped);
        return reply.Content[0].Text;
    }

    public async Task<string> CommentedOutCapAsync(string question)
    {
        var options = new ChatCompletionOptions
        {
            Temperature = 0.2f,
            // MaxOutputTokenCount = 500,
        };
        ChatCompletion reply = await client.CompleteChatAsync([new UserChatMessage(question)], options);
        return reply.Content[0].Text;
    }

    public async Task<string> BlockCommentedCapAsync(string question)
    {
        ChatCompletion reply = await client.CompleteChatAsync(
            [new UserChatMessage(question)],
            new ChatCompletionOptions { Temperature = 0.2f /*, MaxOutputTokenCount = 500 */ });
        return reply.Content[0].Text;
    }
}

public sealed class OptionsFromConstructor
{
    private readonly ChatClient _client;
    private readonly ChatCompletionOptions _options;

    public OptionsFromConstructor(ChatClient client, int cap)
    {
        _client = client;
        _options = new ChatCompletionOptions { MaxOutputTokenCount = cap };
    }

    public async Task<string> ConstructorOptionsAsync(string question)
    {
        ChatCompletion reply = await _client.CompleteChatAsync([new UserChatMessage(question)], _options);
        return reply.Content[0].Text;
    }
}

public sealed class OptionsFromMethods(IChatClient chat)
{
    public async Task<string> CappedBuilderAsync(string question) =>
        (await chat.GetResponseAsync(question, Capped())).Text;

    public async Task<string> UncappedBuilderAsync(string question) =>
        (await chat.GetResponseAsync(question, Creative())).Text;

    public async Task<string> TunedByOtherCodeAsync(string question)
    {
        var options = new ChatOptions { Temperature = 0.3f };
        Tune(options);
        var response = await chat.GetResponseAsync(question, options);
        return response.Text;
    }

    private static ChatOptions Capped() => new() { MaxOutputTokens = 250, Temperature = 0f };

    private static ChatOptions Creative()
    {
        return new ChatOptions { Temperature = 0.9f };
    }

    private static void Tune(ChatOptions options) => options.MaxOutputTokens = 200;
}

public sealed class OptionsReused(ChatClient client)
{
    public async Task<string> SharedCappedAsync(string first, string second)
    {
        var options = new ChatCompletionOptions { MaxOutputTokenCount = 256 };
        ChatCompletion a = await client.CompleteChatAsync([new UserChatMessage(first)], options);
        ChatCompletion b = await client.CompleteChatAsync([new UserChatMessage(second)], options);
        return a.Content[0].Text + b.Content[0].Text;
    }

    public async Task<string> SharedUncappedAsync(string first, string second)
    {
        var options = new ChatCompletionOptions { Temperature = 0.5f };
        ChatCompletion a = await client.CompleteChatAsync([new UserChatMessage(first)], options);
        ChatCompletion b = await client.CompleteChatAsync([new UserChatMessage(second)], options);
        return a.Content[0].Text + b.Content[0].Text;
    }

    public async Task<string> CapSetBetweenCallsAsync(string first, string second)
    {
        var options = new ChatCompletionOptions();
        ChatCompletion a = await client.CompleteChatAsync([new UserChatMessage(first)], options);
        options.MaxOutputTokenCount = 128;
        ChatCompletion b = await client.CompleteChatAsync([new UserChatMessage(second)], options);
        return a.Content[0].Text + b.Content[0].Text;
    }
}
