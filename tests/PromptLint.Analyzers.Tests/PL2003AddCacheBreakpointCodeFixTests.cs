using PromptLint.Analyzers.Rules.Caching;
using PromptLint.CodeFixes.Rules.Caching;

namespace PromptLint.Analyzers.Tests;

/// <summary>
/// The harness checks every fixed source compiles and no longer reports, and applies Fix All to the document, the
/// project and the solution.
/// </summary>
public sealed class PL2003AddCacheBreakpointCodeFixTests
{
    // About 1,440 Claude tokens: above claude-sonnet-4-5's 1,024-token minimum.
    private static readonly string s_handbook = string.Join(" ", Enumerable.Repeat("Check the order number before answering.", 150));

    private static CodeFixTest<CachingAnalyzer, AddCacheBreakpointCodeFix> Test(string source, string fixedSource) =>
        new(Usings.Common + source, Usings.Common + fixedSource, "PL2001", "PL2002");

    [Fact]
    public Task Wraps_a_string_system_prompt_in_a_block_with_a_breakpoint() => Test($$"""
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
        """, $$"""
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
                    System = new List<TextBlockParam> { new() { Text = Handbook, CacheControl = new CacheControlEphemeral() } },
                    Messages = [new UserMessageParam { Content = question }],
                });
        }
        """).RunAsync();

    [Fact]
    public Task Writes_full_names_where_the_file_has_no_usings_for_them() => Test($$"""
        class C(Anthropic.AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            async Task Ask(string question) =>
                await {|PL2003:client.Messages.Create(new Anthropic.Models.Messages.MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = Handbook,
                    Messages = [new Anthropic.Models.Messages.UserMessageParam { Content = question }],
                })|};
        }
        """, $$"""
        class C(Anthropic.AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            async Task Ask(string question) =>
                await client.Messages.Create(new Anthropic.Models.Messages.MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = new List<Anthropic.Models.Messages.TextBlockParam> { new() { Text = Handbook, CacheControl = new Anthropic.Models.Messages.CacheControlEphemeral() } },
                    Messages = [new Anthropic.Models.Messages.UserMessageParam { Content = question }],
                });
        }
        """).RunAsync();

    [Fact]
    public Task Uses_the_beta_types_on_the_beta_service() => Test($$"""
        using Anthropic;
        using Anthropic.Models.Beta.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            async Task Ask(string question) =>
                await {|PL2003:client.Beta.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = Handbook,
                    Messages = [new BetaUserMessageParam { Content = question }],
                })|};
        }
        """, $$"""
        using Anthropic;
        using Anthropic.Models.Beta.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            async Task Ask(string question) =>
                await client.Beta.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = new List<BetaTextBlockParam> { new() { Text = Handbook, CacheControl = new BetaCacheControlEphemeral() } },
                    Messages = [new BetaUserMessageParam { Content = question }],
                });
        }
        """).RunAsync();

    [Fact]
    public Task Adds_the_breakpoint_to_the_last_constant_block_of_a_list() => Test($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Intro = "You are the support assistant for Northwind Outfitters.";
            const string Handbook = "{{s_handbook}}";

            async Task<Message> Ask(string question, string customer) =>
                await {|PL2003:client.Messages.Create(new MessageCreateParams
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
                })|};
        }
        """, $$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Intro = "You are the support assistant for Northwind Outfitters.";
            const string Handbook = "{{s_handbook}}";

            async Task<Message> Ask(string question, string customer) =>
                await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = new List<TextBlockParam>
                    {
                        new() { Text = Intro },
                        new TextBlockParam { Text = Handbook, CacheControl = new CacheControlEphemeral() },
                        new() { Text = $"The customer is {customer}." },
                    },
                    Messages = [new UserMessageParam { Content = question }],
                });
        }
        """).RunAsync();

    [Fact]
    public Task Adds_a_second_breakpoint_when_the_first_sits_on_the_user_message() => Test($$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            async Task<Message> Ask(string question)
            {
                var system = new List<TextBlockParam>();
                system.Add(new() { Text = Handbook });
                return await {|PL2003:client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = system,
                    Messages =
                    [
                        new UserMessageParam
                        {
                            Content = new List<ContentBlockParam> { new TextBlockParam { Text = question, CacheControl = new CacheControlEphemeral() } },
                        },
                    ],
                })|};
            }
        }
        """, $$"""
        using Anthropic;
        using Anthropic.Models.Messages;

        class C(AnthropicClient client)
        {
            const string Handbook = "{{s_handbook}}";

            async Task<Message> Ask(string question)
            {
                var system = new List<TextBlockParam>();
                system.Add(new() { Text = Handbook, CacheControl = new CacheControlEphemeral() });
                return await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5",
                    MaxTokens = 800,
                    System = system,
                    Messages =
                    [
                        new UserMessageParam
                        {
                            Content = new List<ContentBlockParam> { new TextBlockParam { Text = question, CacheControl = new CacheControlEphemeral() } },
                        },
                    ],
                });
            }
        }
        """).RunAsync();

    [Fact]
    public Task Fixes_every_call_in_the_document_at_once()
    {
        var test = Test($$"""
            using Anthropic;
            using Anthropic.Models.Messages;

            class C(AnthropicClient client)
            {
                const string Handbook = "{{s_handbook}}";

                async Task Ask(string question)
                {
                    await {|PL2003:client.Messages.Create(new MessageCreateParams { Model = "claude-sonnet-4-5", MaxTokens = 800, System = Handbook, Messages = [new UserMessageParam { Content = question }] })|};
                    await foreach (var _ in {|PL2003:client.Messages.CreateStreaming(new MessageCreateParams { Model = "claude-opus-4-1", MaxTokens = 800, System = new List<TextBlockParam> { new() { Text = Handbook } }, Messages = [new UserMessageParam { Content = question }] })|})
                    {
                    }
                }
            }
            """, $$"""
            using Anthropic;
            using Anthropic.Models.Messages;

            class C(AnthropicClient client)
            {
                const string Handbook = "{{s_handbook}}";

                async Task Ask(string question)
                {
                    await client.Messages.Create(new MessageCreateParams { Model = "claude-sonnet-4-5", MaxTokens = 800, System = new List<TextBlockParam> { new() { Text = Handbook, CacheControl = new CacheControlEphemeral() } }, Messages = [new UserMessageParam { Content = question }] });
                    await foreach (var _ in client.Messages.CreateStreaming(new MessageCreateParams { Model = "claude-opus-4-1", MaxTokens = 800, System = new List<TextBlockParam> { new() { Text = Handbook, CacheControl = new CacheControlEphemeral() } }, Messages = [new UserMessageParam { Content = question }] }))
                    {
                    }
                }
            }
            """);
        test.NumberOfFixAllIterations = 1;
        return test.RunAsync();
    }

    [Fact]
    public Task No_fix_when_the_request_already_has_four_breakpoints()
    {
        var source = $$"""
            using Anthropic;
            using Anthropic.Models.Messages;

            class C(AnthropicClient client)
            {
                const string Handbook = "{{s_handbook}}";

                async Task<Message> Ask(string a, string b, string c, string d) =>
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
                                    new TextBlockParam { Text = a, CacheControl = new CacheControlEphemeral() },
                                    new TextBlockParam { Text = b, CacheControl = new CacheControlEphemeral() },
                                    new TextBlockParam { Text = c, CacheControl = new CacheControlEphemeral() },
                                    new TextBlockParam { Text = d, CacheControl = new CacheControlEphemeral() },
                                },
                            },
                        ],
                    })|};
            }
            """;

        // A fifth breakpoint would make the API reject the request.
        return Test(source, source).RunAsync();
    }

    [Fact]
    public Task No_fix_when_the_system_string_ends_with_per_request_text()
    {
        var source = $$"""
            using Anthropic;
            using Anthropic.Models.Messages;

            class C(AnthropicClient client)
            {
                const string Handbook = "{{s_handbook}}";

                async Task<Message> Ask(string question, string customer) =>
                    await {|PL2003:client.Messages.Create(new MessageCreateParams
                    {
                        Model = "claude-sonnet-4-5",
                        MaxTokens = 800,
                        System = Handbook + "\nThe customer is " + customer,
                        Messages = [new UserMessageParam { Content = question }],
                    })|};
            }
            """;

        // A breakpoint on the whole string would write a new cache entry on every call; splitting it is left to the user.
        return Test(source, source).RunAsync();
    }
}
