using System.Globalization;
using Microsoft.ML.Tokenizers;
using PromptLint.Analyzers.Rules.Caching;

namespace PromptLint.Analyzers.Tests;

public sealed class PL2003AnthropicBreakpointTests
{
    private static readonly Tokenizer s_o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");

    // About 1,200 o200k tokens, so about 1,440 Claude tokens (x1.2): above Sonnet's 1,024, below Haiku 4.5's 4,096.
    private static readonly string s_handbook = Sentences(150);

    private static string Sentences(int count) => string.Join(" ", Enumerable.Repeat("Check the order number before answering.", count));

    private static Task Verify(string source, string? editorConfig = null)
    {
        // The other caching rules are tested on their own; here they would only add noise to the markup.
        var test = new AnalyzerTest<CachingAnalyzer>(Usings.Common + source, "PL2001", "PL2002");
        if (editorConfig is not null)
            test.WithEditorConfig(editorConfig);
        return test.RunAsync();
    }

    [Fact]
    public Task Reports_a_long_string_system_prompt_without_a_breakpoint() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            async Task<Message> Ask(string question) =>
                await {|PL2003:client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = Handbook,
                    Messages = [new UserMessageParam { Content = question }],
                })|};
        }
        """);

    [Fact]
    public Task Reports_a_list_of_system_blocks_without_a_breakpoint() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Intro = "You are the support assistant for Northwind Outfitters.";
            const string Handbook = "{{s_handbook}}";

            async Task<Message> Ask(string question, string customer)
            {
                var request = new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = new List<TextBlockParam>
                    {
                        new() { Text = Intro },
                        new TextBlockParam { Text = Handbook },
                        new() { Text = $"The customer is {customer}." },
                    },
                    Messages = [new UserMessageParam { Content = question }],
                };
                return await {|PL2003:client.Messages.Create(request)|};
            }
        }
        """);

    [Fact]
    public Task Reports_when_the_only_breakpoint_is_on_the_per_request_user_block() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            async Task<Message> Ask(string question) =>
                await {|PL2003:client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = Handbook,
                    Messages =
                    [
                        new UserMessageParam
                        {
                            Content = new List<ContentBlockParam>
                            {
                                new TextBlockParam { Text = question, CacheControl = new CacheControlEphemeral() },
                            },
                        },
                    ],
                })|};
        }
        """);

    [Fact]
    public Task Reports_when_the_breakpoint_follows_a_per_request_system_block() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";
            const string Footer = "Answer in English.";

            async Task<Message> Ask(string question) =>
                await {|PL2003:client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = new List<TextBlockParam>
                    {
                        new() { Text = Handbook },
                        new() { Text = DateTime.UtcNow.ToString("O") },
                        new() { Text = Footer, CacheControl = new CacheControlEphemeral() },
                    },
                    Messages = [new UserMessageParam { Content = question }],
                })|};
        }
        """);

    [Fact]
    public Task Reports_streaming_calls_and_the_beta_service() => Verify($$"""
        using Anthropic;
        using Beta = Anthropic.Models.Beta.Messages;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            async Task Ask(string question)
            {
                await foreach (var _ in {|PL2003:client.Messages.CreateStreaming(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = Handbook,
                    Messages = [new UserMessageParam { Content = question }],
                })|})
                {
                }

                await {|PL2003:client.Beta.Messages.Create(new Beta::MessageCreateParams
                {
                    Model = "claude-opus-4-1",
                    MaxTokens = 800,
                    System = Handbook,
                    Messages = [new Beta::BetaUserMessageParam { Content = question }],
                })|};
            }
        }
        """);

    [Fact]
    public Task Reports_raw_string_prompts_in_a_primary_constructor_class() => Verify($$$""""
        using Anthropic;
        using Anthropic.Models.Messages;

        sealed class Triage(AnthropicClient client)
        {
            const string Policy = """
                {{{s_handbook}}}
                """;

            public Task<Message> Run(string ticket) =>
                {|PL2003:client.Messages.Create(new() { Model = "claude-sonnet-4-5", MaxTokens = 200, System = Policy, Messages = [new UserMessageParam { Content = ticket }] })|};
        }
        """");

    [Fact]
    public Task No_report_with_request_level_automatic_caching() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            async Task<Message> Ask(string question) =>
                await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    CacheControl = new CacheControlEphemeral(),
                    System = Handbook,
                    Messages = [new UserMessageParam { Content = question }],
                });
        }
        """);

    [Fact]
    public Task No_report_with_a_breakpoint_on_the_system_block_or_on_a_later_constant_block() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";
            const string Catalog = "Tents, sleeping bags, stoves.";

            async Task Ask(string question)
            {
                await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = new List<TextBlockParam> { new() { Text = Handbook, CacheControl = new() { Ttl = Ttl.Ttl1h } } },
                    Messages = [new UserMessageParam { Content = question }],
                });

                await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = new List<TextBlockParam> { new() { Text = Handbook } },
                    Messages =
                    [
                        new UserMessageParam
                        {
                            Content = new List<ContentBlockParam>
                            {
                                new TextBlockParam { Text = Catalog, CacheControl = new CacheControlEphemeral() },
                                new TextBlockParam { Text = question },
                            },
                        },
                    ],
                });
            }
        }
        """);

    [Fact]
    public Task No_report_below_the_minimum_or_for_an_unknown_model() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Short = "{{Sentences(40)}}";
            const string Handbook = "{{s_handbook}}";

            async Task Ask(string question, string model)
            {
                await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = Short,
                    Messages = [new UserMessageParam { Content = question }],
                });

                await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-nonexistent-9",
                    MaxTokens = 800,
                    System = Handbook,
                    Messages = [new UserMessageParam { Content = question }],
                });

                await client.Messages.Create(new MessageCreateParams
                {
                    Model = model,
                    MaxTokens = 800,
                    System = Handbook,
                    Messages = [new UserMessageParam { Content = question }],
                });
            }
        }
        """);

    [Fact]
    public Task No_report_for_Haiku_4_5_below_its_4096_token_minimum() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            // About 1,440 Claude tokens: enough for Sonnet 4.5, not for Haiku 4.5.
            const string Handbook = "{{s_handbook}}";

            async Task<Message> Ask(string question) =>
                await client.Messages.Create(new MessageCreateParams
                {
                    Model = Model.ClaudeHaiku4_5,
                    MaxTokens = 800,
                    System = Handbook,
                    Messages = [new UserMessageParam { Content = question }],
                });
        }
        """);

    [Fact]
    public Task No_report_for_OpenAI_and_Extensions_AI_calls() => Verify($$"""
        using Microsoft.Extensions.AI;
        using OpenAI.Chat;

        class C(IChatClient chat)
        {
            const string Handbook = "{{s_handbook}}";
            readonly ChatClient _client = new("gpt-4o", "key");

            async Task Ask(string question)
            {
                await _client.CompleteChatAsync(
                    [new SystemChatMessage(Handbook), new UserChatMessage(question)],
                    new ChatCompletionOptions { MaxOutputTokenCount = 100 });
                await chat.GetResponseAsync(
                    [new(ChatRole.System, Handbook), new(ChatRole.User, question)],
                    new ChatOptions { ModelId = "claude-sonnet-4-5", MaxOutputTokens = 100 });
            }
        }
        """);

    [Fact]
    public Task No_report_when_the_system_prompt_or_the_request_cannot_be_seen() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client, string tenantPolicy)
        {
            const string Handbook = "{{s_handbook}}";

            async Task Ask(string question, MessageCreateParams prepared)
            {
                // A stable part of unknown size: the prefix cannot be measured.
                await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = tenantPolicy + Handbook,
                    Messages = [new UserMessageParam { Content = question }],
                });

                // Built elsewhere: whatever breakpoints it has are not visible.
                await client.Messages.Create(prepared);
            }
        }
        """);

    [Fact]
    public Task Reports_the_call_whose_model_comes_from_the_configured_default() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            async Task<Message> Ask(string question, string model) =>
                await {|PL2003:client.Messages.Create(new MessageCreateParams
                {
                    Model = model,
                    MaxTokens = 800,
                    System = Handbook,
                    Messages = [new UserMessageParam { Content = question }],
                })|};
        }
        """, "promptlint.default_model = claude-sonnet-4-5\n");

    [Fact]
    public Task Severity_can_be_turned_off_in_editorconfig() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            async Task<Message> Ask(string question) =>
                await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = Handbook,
                    Messages = [new UserMessageParam { Content = question }],
                });
        }
        """, "dotnet_diagnostic.PL2003.severity = none\n");

    [Fact]
    public Task Code_with_compile_errors_elsewhere_still_reports_the_complete_call() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            async Task<Message> Ask(string question)
            {
                var unused = {|CS0103:Undeclared|};
                return await {|PL2003:client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = Handbook,
                    Messages = [new UserMessageParam { Content = question }],
                })|};
            }
        }
        """);

    [Fact]
    public async Task Message_names_the_model_the_tokens_and_the_minimum_and_points_at_the_prompt()
    {
        var source = $$"""
            using Anthropic;
            using Anthropic.Models.Messages;

            class C(AnthropicClient client)
            {
                const string Handbook = "{{s_handbook}}";

                async Task<Message> Ask(string question) =>
                    await client.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 800,
                        System = Handbook,
                        Messages = [new UserMessageParam { Content = question }],
                    });
            }
            """;

        var diagnostics = await new AnalyzerRunner().RunAsync<CachingAnalyzer>(source);

        var diagnostic = Assert.Single(diagnostics, static d => d.Id == "PL2003");
        var prefix = (int)Math.Round(s_o200k.CountTokens(s_handbook) * 1.2m, MidpointRounding.AwayFromZero);
        Assert.Equal(
            $"This claude-sonnet-4-5 request sends about {prefix:N0} constant system-prompt tokens (the model caches from 1,024) " +
            "with no cache_control breakpoint, so every call pays full input price for them",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(prefix.ToString(CultureInfo.InvariantCulture), diagnostic.Properties[AnthropicBreakpointRule.Properties.PrefixTokens]);
        Assert.Equal("1024", diagnostic.Properties[AnthropicBreakpointRule.Properties.MinimumTokens]);
        Assert.Equal("WrapInBlock", diagnostic.Properties[AnthropicBreakpointRule.Properties.Fix]);
        Assert.Equal(AnalyzerRunner.LineOf(source, "client.Messages.Create"), diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Equal(AnalyzerRunner.LineOf(source, "const string Handbook"), diagnostic.AdditionalLocations[0].GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public async Task Message_says_an_existing_breakpoint_does_not_cover_the_prompt()
    {
        var source = $$"""
            using Anthropic;
            using Anthropic.Models.Messages;

            class C(AnthropicClient client)
            {
                const string Handbook = "{{s_handbook}}";

                async Task<Message> Ask(string question) =>
                    await client.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 800,
                        System = Handbook,
                        Messages =
                        [
                            new UserMessageParam
                            {
                                Content = new List<ContentBlockParam> { new TextBlockParam { Text = question, CacheControl = new() } },
                            },
                        ],
                    });
            }
            """;

        var diagnostics = await new AnalyzerRunner().RunAsync<CachingAnalyzer>(source);

        var diagnostic = Assert.Single(diagnostics, static d => d.Id == "PL2003");
        Assert.Contains("with no cache_control breakpoint that covers them", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("1", diagnostic.Properties[AnthropicBreakpointRule.Properties.Breakpoints]);
    }

    // Limitations (docs/rules/PL2003.md): today's behaviour, pinned so a change to it is a decision.

    [Fact]
    public Task Limitation_tool_definitions_are_not_counted_in_the_prefix() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Short = "Use the tools to answer.";
            const string LongDescription = "{{s_handbook}}";

            async Task<Message> Ask(string question) =>
                await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = Short,
                    Tools = [new Tool { Name = "lookup", Description = LongDescription, InputSchema = new InputSchema() }],
                    Messages = [new UserMessageParam { Content = question }],
                });
        }
        """);

    [Fact]
    public Task Limitation_a_history_passed_in_is_taken_as_per_request_even_when_it_carries_a_breakpoint() => Verify($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            // The caller may mark the last turn with CacheControl; the analyzer cannot see that.
            async Task<Message> Continue(List<MessageParam> history) =>
                await {|PL2003:client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = Handbook,
                    Messages = history,
                })|};
        }
        """);

    // Raw HttpClient requests: cache_control is read from the JSON body; the code fix is not offered there.

    [Fact]
    public Task Reports_a_raw_Anthropic_request_with_a_long_system_prompt_and_no_cache_control() => Verify($$""""
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;

        class C(HttpClient http)
        {
            const string Handbook = "{{s_handbook}}";
            const string Json = """{"model": "claude-sonnet-4-5", "max_tokens": 100, "system": "{{s_handbook}}", "messages": [{"role": "user", "content": "Hi"}]}""";

            async Task Run(string question)
            {
                await {|PL2003:http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new
                {
                    model = "claude-sonnet-4-5",
                    max_tokens = 300,
                    system = Handbook,
                    messages = new[] { new { role = "user", content = question } },
                })|};
                await {|PL2003:http.PostAsync("https://api.anthropic.com/v1/messages", new StringContent(Json, Encoding.UTF8, "application/json"))|};
            }
        }
        """");

    [Fact]
    public Task No_report_when_the_raw_request_carries_a_covering_cache_control() => Verify($$$""""
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Text;
        using System.Text.Json.Nodes;

        class C(HttpClient http)
        {
            const string Handbook = "{{{s_handbook}}}";
            const string Json = """{"model": "claude-sonnet-4-5", "max_tokens": 100, "system": [{"type": "text", "text": "{{{s_handbook}}}", "cache_control": {"type": "ephemeral"}}], "messages": [{"role": "user", "content": "Hi"}]}""";

            async Task Run(string question)
            {
                await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new
                {
                    model = "claude-sonnet-4-5",
                    max_tokens = 300,
                    system = new[] { new { type = "text", text = Handbook, cache_control = new { type = "ephemeral" } } },
                    messages = new[] { new { role = "user", content = question } },
                });
                await http.PostAsync("https://api.anthropic.com/v1/messages", new StringContent(Json, Encoding.UTF8, "application/json"));

                var body = new JsonObject
                {
                    ["model"] = "claude-sonnet-4-5",
                    ["max_tokens"] = 300,
                    ["system"] = Handbook,
                    ["cache_control"] = new JsonObject { ["type"] = "ephemeral" },
                    ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = question }),
                };
                await http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", body);
            }
        }
        """");

    [Fact]
    public Task Reports_a_raw_breakpoint_that_sits_after_per_request_content() => Verify($$"""
        using System.Net.Http;
        using System.Net.Http.Json;

        class C(HttpClient http)
        {
            const string Handbook = "{{s_handbook}}";

            async Task Run(string question) =>
                await {|PL2003:http.PostAsJsonAsync("https://api.anthropic.com/v1/messages", new
                {
                    model = "claude-sonnet-4-5",
                    max_tokens = 300,
                    system = new object[]
                    {
                        new { type = "text", text = Handbook },
                        new { type = "text", text = $"Asked at {DateTime.UtcNow:O}", cache_control = new { type = "ephemeral" } },
                    },
                    messages = new[] { new { role = "user", content = question } },
                })|};
        }
        """);
}
