using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Cases.Own.RawHttp;

public sealed class SupportDesk(HttpClient http)
{
    public Task<HttpResponseMessage> UncappedAsync(string question) =>
        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
        {
            model = "gpt-4o-mini",
            messages = new[] { new { role = "user", content = question } },
        });

    public Task<HttpResponseMessage> CappedAsync(string question) =>
        http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
        {
            model = "gpt-4o-mini",
            max_completion_tokens = 300,
            messages = new[] { new { role = "user", content = question } },
        });

    public Task<HttpResponseMessage> TimestampFirstAsync(string question) =>
        http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new
        {
            model = "claude-sonnet-4-5",
            max_tokens = 400,
            system = $"Now: {DateTime.UtcNow:O}\n{Guide.Policy}",
            messages = new[] { new { role = "user", content = question } },
        });

    public Task<HttpResponseMessage> CachedAsync(string question) =>
        http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new
        {
            model = "claude-sonnet-4-5",
            max_tokens = 400,
            system = new[] { new { type = "text", text = Guide.Policy, cache_control = new { type = "ephemeral" } } },
            messages = new[] { new { role = "user", content = question } },
        });

    public Task<HttpResponseMessage> CarInventoryAsync(string name) =>
        http.PostAsJsonAsync("https://inventory.example.com/api/cars", new { model = name, messages = new[] { "restock" } });

    public Task<HttpResponseMessage> GeminiAsync(string question)
    {
        var body = new JsonObject
        {
            ["contents"] = new JsonArray(new JsonObject { ["parts"] = new JsonArray(new JsonObject { ["text"] = question }) }),
        };
        return http.PostAsync(
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
            new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));
    }
}

public static class Clients
{
    public static Task<HttpResponseMessage> OneOffAsync(string question)
    {
        var http = new HttpClient();
        return http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
        {
            model = "gpt-4o-mini",
            max_tokens = 200,
            messages = new[] { new { role = "user", content = question } },
        });
    }
}

internal static class Guide
{
    public const string Policy = """
        You are the support assistant for Acme Cloud Backup. Answer from the policy below and nothing else. Check the
        order number before answering, never promise refunds, and hand over to a person when the customer asks twice.
        Refunds are handled by the billing team within five working days of a request that names the order number.
        Restores from a backup older than ninety days need the customer's written consent and a ticket for the storage
        team, who answer within one working day. Outages are announced on the status page; never guess their cause.
        Accounts with two-factor authentication switched off must be told how to switch it on before any other help.
        Password resets go through the self-service page; support never resets a password by hand or over the phone.
        Keep each answer under five sentences, in the customer's language, without marketing language or emoji.
        Quote the help-centre article that covers the question, by its title, when there is one, and offer the link.
        When the customer is angry, acknowledge the problem once, then give the next concrete step and its deadline.
        Again, as the support assistant for Acme Cloud Backup: Answer from the policy below and nothing else. Check the
        order number before answering, never promise refunds, and hand over to a person when the customer asks twice.
        Refunds are handled by the billing team within five working days of a request that names the order number.
        Restores from a backup older than ninety days need the customer's written consent and a ticket for the storage
        team, who answer within one working day. Outages are announced on the status page; never guess their cause.
        Accounts with two-factor authentication switched off must be told how to switch it on before any other help.
        Password resets go through the self-service page; support never resets a password by hand or over the phone.
        Keep each answer under five sentences, in the customer's language, without marketing language or emoji.
        Quote the help-centre article that covers the question, by its title, when there is one, and offer the link.
        When the customer is angry, acknowledge the problem once, then give the next concrete step and its deadline.
        """;
}
