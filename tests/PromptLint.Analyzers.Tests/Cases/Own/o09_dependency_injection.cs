using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using OpenAI.Chat;

namespace Cases.Own.DependencyInjection;

public static class ChatClientExtensions
{
    // A wrapper that many projects write: the request is sent here, so here is where the cap is missing.
    public static async Task<string> AskAsync(this IChatClient chat, string question) =>
        (await chat.GetResponseAsync(question)).Text;

    public static async Task<string> AskBriefAsync(this IChatClient chat, string question, int cap = 200) =>
        (await chat.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = cap })).Text;

    public static async Task<string> CompleteAsync(this ChatClient client, string question)
    {
        ChatCompletion completion = await client.CompleteChatAsync([new UserChatMessage(question)]);
        return completion.Content[0].Text;
    }
}

public sealed class InjectedClients(IChatClient chat, [FromKeyedServices("fast")] IChatClient fast, IServiceProvider services)
{
    public Task<ChatResponse> ConstructorInjectedAsync(string question) => chat.GetResponseAsync(question);

    public Task<ChatResponse> KeyedServiceAsync(string question) =>
        fast.GetResponseAsync(question, new ChatOptions { MaxOutputTokens = 120 });

    public async Task<string> ResolvedFromProviderAsync(string question)
    {
        var resolved = services.GetRequiredService<IChatClient>();
        var response = await resolved.GetResponseAsync(question);
        return response.Text;
    }

    public Task<string> ThroughWrapperAsync(string question) => chat.AskAsync(question);

    public Task<string> ThroughCappedWrapperAsync(string question) => chat.AskBriefAsync(question);

    public async Task<string> PipelineWithConfiguredOptionsAsync(string question)
    {
        var pipeline = new ChatClientBuilder(chat)
            .ConfigureOptions(static options => options.MaxOutputTokens ??= 300)
            .Build();
        var response = await pipeline.GetResponseAsync(question);
        return response.Text;
    }
}

public static class Registration
{
    public static IServiceCollection AddAssistant(this IServiceCollection services, string key)
    {
        services.AddChatClient(new ChatClient("gpt-4o-mini", key).AsIChatClient());
        return services;
    }
}

// Caps added outside the call: by an HTTP handler in the client's pipeline, or by a Semantic Kernel filter.
public sealed class CapHandler : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken); // a real one would rewrite the JSON body to add max_completion_tokens
}

public sealed class CapFilter : Microsoft.SemanticKernel.IFunctionInvocationFilter
{
    public Task OnFunctionInvocationAsync(Microsoft.SemanticKernel.FunctionInvocationContext context, Func<Microsoft.SemanticKernel.FunctionInvocationContext, Task> next) =>
        next(context);
}

public static class CappedOutsideTheCall
{
    public static async Task<string> HandlerAsync(string key, string question)
    {
        var options = new OpenAI.OpenAIClientOptions
        {
            Transport = new System.ClientModel.Primitives.HttpClientPipelineTransport(new HttpClient(new CapHandler { InnerHandler = new HttpClientHandler() })),
        };
        var chat = new ChatClient("gpt-4o-mini", new System.ClientModel.ApiKeyCredential(key), options).AsIChatClient();
        var response = await chat.GetResponseAsync(question);
        return response.Text;
    }

    public static async Task<string?> FilterAsync(Microsoft.SemanticKernel.Kernel kernel, string question)
    {
        kernel.FunctionInvocationFilters.Add(new CapFilter());
        var result = await Microsoft.SemanticKernel.KernelExtensions.InvokePromptAsync(
            kernel, "Answer briefly: {{$question}}", new Microsoft.SemanticKernel.KernelArguments { ["question"] = question });
        return result.GetValue<string>();
    }
}
