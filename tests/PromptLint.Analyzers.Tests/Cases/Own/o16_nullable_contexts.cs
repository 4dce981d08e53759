using Microsoft.Extensions.AI;

namespace Cases.Own.NullableContexts;

public sealed class NullableDesk(IChatClient chat)
{
    public Task<ChatResponse> ForgivenNullAsync(string question) =>
        chat.GetResponseAsync(question, null!);

    public Task<ChatResponse> DefaultOptionsAsync(string question) =>
        chat.GetResponseAsync(question, default(ChatOptions));

    public Task<ChatResponse> OptionalParameterAsync(string question, ChatOptions? options = null) =>
        chat.GetResponseAsync(question, options);

    public Task<ChatResponse> ConditionalCapAsync(string question, bool brief) =>
        chat.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = brief ? 100 : 800 });

    public Task<ChatResponse> NullableCapAsync(string question, int? cap) =>
        chat.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = cap });
}

#nullable disable
public sealed class ObliviousDesk
{
    private readonly IChatClient _chat;

    public ObliviousDesk(IChatClient chat) => _chat = chat;

    public Task<ChatResponse> NullOptionsAsync(string question) =>
        _chat.GetResponseAsync(question, null);

    public Task<ChatResponse> CappedAsync(string question) =>
        _chat.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 64 });
}
#nullable restore
