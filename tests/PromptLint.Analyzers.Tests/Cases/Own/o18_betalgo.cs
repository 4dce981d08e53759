using Betalgo.Ranul.OpenAI;
using Betalgo.Ranul.OpenAI.Extensions;
using Betalgo.Ranul.OpenAI.Interfaces;
using Betalgo.Ranul.OpenAI.Managers;
using Betalgo.Ranul.OpenAI.ObjectModels;
using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cases.Own.Betalgo;

public static class Guide
{
    public const string Policy = """
        You are the support assistant for Acme Cloud Backup. Check the order number before answering, never promise
        refunds, escalate security questions to a human, and answer in at most three sentences in the customer's language.
        Plans: Personal keeps thirty days of versions for one computer; Family covers five computers and keeps ninety days;
        Business adds admin roles, single sign-on, audit logs and a year of versions. Storage is billed per terabyte per
        month, rounded up, and a plan can change at any time with the difference prorated on the next invoice.
        Restores: a customer can restore single files from the web app, whole folders from the desktop client, and a full
        computer from a bootable restore drive that we ship within two business days. Never ask for the encryption
        passphrase; if the customer lost it, explain that nobody, including Acme, can decrypt the backup without it.
        Outages: if the status page shows an incident, say so first, give the incident number, and do not guess the end
        time. Billing disputes, chargebacks and account deletion go to the billing team; legal requests go to legal.
        Tone: plain words, no exclamation marks, no emoji, no marketing. If you are not sure, say what you would check and
        ask one question. Do not invent features, prices or dates; the knowledge base articles below are the only source.
        Privacy: never repeat a full card number, password, token or passphrase back to the customer, even when they send
        it; ask them to rotate anything they pasted. Devices: Windows 10 and later, macOS 12 and later, and the current two
        versions of Ubuntu are supported; anything else gets the best-effort note and a link to the compatibility list.
        """;
}

public sealed class SupportDesk(IOpenAIService service, IConfiguration configuration)
{
    public Task UncappedAsync(string question) =>
        service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest
        {
            Model = "gpt-4o-mini",
            Messages = [ChatMessage.FromSystem(Guide.Policy), ChatMessage.FromUser(question)],
        });

    public Task CappedAsync(string question) =>
        service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest
        {
            Model = "gpt-4o-mini",
            MaxCompletionTokens = 300,
            Messages = [ChatMessage.FromSystem(Guide.Policy), ChatMessage.FromUser(question)],
        });

    public Task ReasonerAsync(string question) =>
        service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest
        {
            Model = "o1",
            MaxCompletionTokens = 2_000,
            Messages = [ChatMessage.FromUser(question)],
        });

    public Task ConfiguredAsync(string question) =>
        service.ChatCompletion.CreateCompletion(
            new ChatCompletionCreateRequest { MaxTokens = 300, Messages = [ChatMessage.FromUser(question)] },
            configuration["Llm:Model"]);

    public Task TimestampFirstAsync(string question) =>
        service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest
        {
            Model = "gpt-4o-mini",
            MaxTokens = 300,
            Messages = [ChatMessage.FromSystem($"Now: {DateTime.UtcNow:O}\n{Guide.Policy}"), ChatMessage.FromUser(question)],
        });

    public async Task StreamAsync(string question)
    {
        var request = new ChatCompletionCreateRequest { Messages = [ChatMessage.FromUser(question)] };
        await foreach (var chunk in service.ChatCompletion.CreateCompletionAsStream(request, Models.Gpt_4o_mini))
        {
        }
    }
}

public static class Clients
{
    public static OpenAIService Plain(string key) => new(new OpenAIOptions { ApiKey = key, DefaultModelId = "gpt-4o-mini" });

    public static OpenAIService Given(string key, HttpClient http) => new(new OpenAIOptions { ApiKey = key }, http);

    public static void Register(IServiceCollection services)
    {
        services.AddOpenAIService(o => o.ApiKey = "k");
        services.AddOpenAIService<IOpenAIService>("resilient", o => o.ApiKey = "k").AddStandardResilienceHandler();
    }
}
