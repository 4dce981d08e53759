using PromptLint.Analyzers.Rules.Reliability;
using PromptLint.CodeFixes.Rules.Reliability;

namespace PromptLint.Analyzers.Tests;

/// <summary>The harness checks that every fixed source compiles and no longer reports, and applies Fix All too.</summary>
public sealed class PL3001SetRetryBudgetCodeFixTests
{
    private static CodeFixTest<ReliabilityAnalyzer, SetRetryBudgetCodeFix> Test(string source, string fixedSource, string? editorConfig = null)
    {
        var test = new CodeFixTest<ReliabilityAnalyzer, SetRetryBudgetCodeFix>(Usings.Common + source, Usings.Common + fixedSource, "PL3002");
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
            test.FixedState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + editorConfig));
        }

        return test;
    }

    [Fact]
    public Task Replaces_a_zero_retry_policy_count() => Test("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            ChatClient Create(string key) =>
                {|PL3001:new("gpt-4o-mini", new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) })|};
        }
        """, """
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            ChatClient Create(string key) =>
                new("gpt-4o-mini", new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(3) });
        }
        """).RunAsync();

    [Fact]
    public Task Replaces_Anthropic_max_retries_off_and_too_many() => Test("""
        using Anthropic;

        class C
        {
            AnthropicClient Off() => {|PL3001:new() { MaxRetries = 0 }|};
            AnthropicClient Runaway() => {|PL3001:new AnthropicClient { MaxRetries = 50 }|};
            IAnthropicClient View(AnthropicClient client) => {|PL3001:client.WithOptions(o => o with { MaxRetries = 0 })|};
        }
        """, """
        using Anthropic;

        class C
        {
            AnthropicClient Off() => new() { MaxRetries = 3 };
            AnthropicClient Runaway() => new AnthropicClient { MaxRetries = 3 };
            IAnthropicClient View(AnthropicClient client) => client.WithOptions(o => o with { MaxRetries = 3 });
        }
        """).RunAsync();

    [Fact]
    public Task Fixes_the_options_a_local_holds() => Test("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI;

        class C
        {
            OpenAIClient Create(string key)
            {
                var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
                return {|PL3001:new OpenAIClient(new ApiKeyCredential(key), options)|};
            }
        }
        """, """
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using OpenAI;

        class C
        {
            OpenAIClient Create(string key)
            {
                var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 3) };
                return new OpenAIClient(new ApiKeyCredential(key), options);
            }
        }
        """).RunAsync();

    [Fact]
    public Task Writes_the_configured_maximum_when_it_is_below_three() => Test("""
        using Anthropic;

        class C
        {
            AnthropicClient Create() => {|PL3001:new() { MaxRetries = 0 }|};
        }
        """, """
        using Anthropic;

        class C
        {
            AnthropicClient Create() => new() { MaxRetries = 2 };
        }
        """, "promptlint.max_retries = 2\n").RunAsync();

    [Fact]
    public Task Adds_an_explicit_budget_where_the_SDK_default_applies() => Test("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Anthropic;
        using OpenAI;

        class C
        {
            AnthropicClient Anthropic() => {|PL3001:new()|};
            AnthropicClient AnthropicWithKey(string key) => {|PL3001:new AnthropicClient { ApiKey = key }|};
            OpenAIClient OptionsWithoutPolicy(string key) => {|PL3001:new(new ApiKeyCredential(key), new OpenAIClientOptions { OrganizationId = "org" })|};
            OpenAIClient NoOptions(string key) => {|PL3001:new OpenAIClient(new ApiKeyCredential(key))|};
        }
        """, """
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Anthropic;
        using OpenAI;

        class C
        {
            AnthropicClient Anthropic() => new() { MaxRetries = 3 };
            AnthropicClient AnthropicWithKey(string key) => new AnthropicClient { ApiKey = key, MaxRetries = 3 };
            OpenAIClient OptionsWithoutPolicy(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions { OrganizationId = "org", RetryPolicy = new ClientRetryPolicy(3) });
            OpenAIClient NoOptions(string key) => new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(3) });
        }
        """, "promptlint.require_explicit_retry_budget = true\n").RunAsync();

    [Fact]
    public Task Writes_the_full_type_name_when_the_file_lacks_the_using() => Test("""
        using System.ClientModel;
        using OpenAI;

        class C
        {
            OpenAIClient Create(string key) => {|PL3001:new(new ApiKeyCredential(key), new OpenAIClientOptions())|};
        }
        """, """
        using System.ClientModel;
        using OpenAI;

        class C
        {
            OpenAIClient Create(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new System.ClientModel.Primitives.ClientRetryPolicy(3) });
        }
        """, "promptlint.require_explicit_retry_budget = true\n").RunAsync();

    [Fact]
    public Task Offers_no_fix_where_it_cannot_edit_in_place()
    {
        // ChatClient(model, apiKey) has no overload that takes options, and a non-constant count is the user's to change.
        const string source = """
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using OpenAI;
            using OpenAI.Chat;

            class C
            {
                const int None = 0;

                ChatClient NoOverload(string key) => {|PL3001:new("gpt-4o-mini", key)|};
                OpenAIClient ThroughALocal(string key)
                {
                    var retries = None;
                    return {|PL3001:new(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(retries) })|};
                }
            }
            """;
        return Test(source, source, "promptlint.require_explicit_retry_budget = true\n").RunAsync();
    }

    [Fact]
    public Task Fix_all_sets_every_budget_in_the_document() => Test("""
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Anthropic;
        using OpenAI;

        class C
        {
            AnthropicClient A() => {|PL3001:new() { MaxRetries = 0 }|};
            AnthropicClient B() => {|PL3001:new() { MaxRetries = 99 }|};
            OpenAIClient D(string key) => {|PL3001:new(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) })|};
        }
        """, """
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Anthropic;
        using OpenAI;

        class C
        {
            AnthropicClient A() => new() { MaxRetries = 3 };
            AnthropicClient B() => new() { MaxRetries = 3 };
            OpenAIClient D(string key) => new(new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(3) });
        }
        """).RunAsync();

    [Fact]
    public Task Sets_the_budget_on_Azure_OpenAI_and_Responses_client_options() => Test("""
        #pragma warning disable OPENAI001
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Azure.AI.OpenAI;
        using OpenAI.Responses;

        class C
        {
            AzureOpenAIClient Azure(Uri endpoint, string key) =>
                {|PL3001:new AzureOpenAIClient(endpoint, new ApiKeyCredential(key), new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) })|};

            ResponsesClient Responses(string key) =>
                {|PL3001:new ResponsesClient(new ApiKeyCredential(key), new ResponsesClientOptions { RetryPolicy = new ClientRetryPolicy(0) })|};

            AzureOpenAIClient AzureDefault(Uri endpoint, string key) =>
                {|PL3001:new AzureOpenAIClient(endpoint, new ApiKeyCredential(key), new AzureOpenAIClientOptions())|};
        }
        """, """
        #pragma warning disable OPENAI001
        using System.ClientModel;
        using System.ClientModel.Primitives;
        using Azure.AI.OpenAI;
        using OpenAI.Responses;

        class C
        {
            AzureOpenAIClient Azure(Uri endpoint, string key) =>
                new AzureOpenAIClient(endpoint, new ApiKeyCredential(key), new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(3) });

            ResponsesClient Responses(string key) =>
                new ResponsesClient(new ApiKeyCredential(key), new ResponsesClientOptions { RetryPolicy = new ClientRetryPolicy(3) });

            AzureOpenAIClient AzureDefault(Uri endpoint, string key) =>
                new AzureOpenAIClient(endpoint, new ApiKeyCredential(key), new AzureOpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(3) });
        }
        """, "promptlint.require_explicit_retry_budget = true\n").RunAsync();

    [Fact]
    public Task Offers_no_fix_for_a_raw_HttpClient_which_has_no_retry_setting() => Test("""
        using System.Net.Http;
        using System.Net.Http.Json;
        using Microsoft.Extensions.DependencyInjection;

        class C
        {
            async Task Run(string q) =>
                await {|PL3001:new HttpClient()|}.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", max_tokens = 100, messages = new[] { q } });

            static void Add(IServiceCollection services) =>
                {|PL3001:services.AddHttpClient("openai", c => c.BaseAddress = new Uri("https://api.openai.com/"))|};
        }
        """, """
        using System.Net.Http;
        using System.Net.Http.Json;
        using Microsoft.Extensions.DependencyInjection;

        class C
        {
            async Task Run(string q) =>
                await {|PL3001:new HttpClient()|}.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", max_tokens = 100, messages = new[] { q } });

            static void Add(IServiceCollection services) =>
                {|PL3001:services.AddHttpClient("openai", c => c.BaseAddress = new Uri("https://api.openai.com/"))|};
        }
        """).RunAsync();

    [Fact]
    public Task Offers_no_fix_for_a_Betalgo_service_which_has_no_retry_option() => Test("""
        using Betalgo.Ranul.OpenAI;
        using Betalgo.Ranul.OpenAI.Extensions;
        using Betalgo.Ranul.OpenAI.Managers;
        using Microsoft.Extensions.DependencyInjection;

        class C
        {
            OpenAIService Create(string key) => {|PL3001:new(new OpenAIOptions { ApiKey = key })|};

            static void Add(IServiceCollection services) => {|PL3001:services.AddOpenAIService(o => o.ApiKey = "k")|};
        }
        """, """
        using Betalgo.Ranul.OpenAI;
        using Betalgo.Ranul.OpenAI.Extensions;
        using Betalgo.Ranul.OpenAI.Managers;
        using Microsoft.Extensions.DependencyInjection;

        class C
        {
            OpenAIService Create(string key) => {|PL3001:new(new OpenAIOptions { ApiKey = key })|};

            static void Add(IServiceCollection services) => {|PL3001:services.AddOpenAIService(o => o.ApiKey = "k")|};
        }
        """).RunAsync();
}
