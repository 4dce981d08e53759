using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.ML.Tokenizers;
using PromptLint.Analyzers.Rules.Cost;

namespace PromptLint.Analyzers.Tests;

public sealed class PL1003CallCostTests
{
    // Expected counts come straight from the tokenizer library, not from PromptLint's counter.
    private static readonly Tokenizer s_o200k = TiktokenTokenizer.CreateForEncoding("o200k_base");

    private const string Policy = "You are the support assistant for Acme Cloud Backup. Answer in two sentences and never promise refunds.";

    private static async Task<Diagnostic> SingleCost(string source, AnalyzerRunner? runner = null)
    {
        var diagnostics = await (runner ?? new AnalyzerRunner()).RunAsync<CostAnalyzer>(source);
        return Assert.Single(diagnostics, static d => d.Id == "PL1003");
    }

    private static decimal Money(Diagnostic diagnostic, string property) =>
        decimal.Parse(diagnostic.Properties[property]!, CultureInfo.InvariantCulture);

    private static int Int(Diagnostic diagnostic, string property) =>
        int.Parse(diagnostic.Properties[property]!, CultureInfo.InvariantCulture);

    [Fact]
    public async Task Reports_tokens_and_cost_of_an_OpenAI_call_with_the_model_from_the_client()
    {
        var source = $$"""
            using OpenAI.Chat;

            class C
            {
                const string Policy = "{{Policy}}";

                async Task Run(string key, string question)
                {
                    var client = new ChatClient("gpt-4o-mini", key);
                    await client.CompleteChatAsync(
                        [new SystemChatMessage(Policy), new UserChatMessage(question)],
                        new ChatCompletionOptions { MaxOutputTokenCount = 200 });
                }
            }
            """;

        var cost = await SingleCost(source);

        // Policy tokens, plus framing of 3 per message for 2 messages and 3 for the reply.
        var expectedStatic = s_o200k.CountTokens(Policy) + 2 * 3 + 3;
        Assert.Equal("gpt-4o-mini", cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Equal("true", cost.Properties[CostAnalyzer.Properties.ModelKnown]);
        Assert.Equal(expectedStatic, Int(cost, CostAnalyzer.Properties.StaticInputTokens));
        Assert.Equal(200, Int(cost, CostAnalyzer.Properties.AssumedDynamicTokens));
        Assert.Equal(200, Int(cost, CostAnalyzer.Properties.OutputTokens));
        Assert.Equal("false", cost.Properties[CostAnalyzer.Properties.OutputAssumed]);
        Assert.Equal("false", cost.Properties[CostAnalyzer.Properties.TokensApproximate]);

        // gpt-4o-mini: $0.15 input and $0.60 output per 1M tokens.
        var expectedCost = (expectedStatic + 200) * 0.15m / 1_000_000m + 200 * 0.60m / 1_000_000m;
        Assert.Equal(expectedCost, Money(cost, CostAnalyzer.Properties.CostPerCall));
        Assert.Contains("gpt-4o-mini: ", cost.GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains("200 output tokens (the cap)", cost.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(AnalyzerRunner.LineOf(source, "client.CompleteChatAsync"), cost.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public async Task Warm_cache_price_applies_only_to_a_prefix_above_the_minimum()
    {
        var longPolicy = string.Join(" ", Enumerable.Repeat("Check the order number before answering.", 200));
        var source = $$"""
            using OpenAI.Chat;

            class C
            {
                const string LongPolicy = "{{longPolicy}}";

                async Task Run(string key, string question)
                {
                    var client = new ChatClient("gpt-4o", key);
                    await client.CompleteChatAsync(
                        [new SystemChatMessage(LongPolicy), new UserChatMessage(question)],
                        new ChatCompletionOptions { MaxOutputTokenCount = 100 });
                }
            }
            """;

        var cost = await SingleCost(source);

        var prefix = s_o200k.CountTokens(longPolicy);
        Assert.True(prefix >= 1024, "the test needs a prefix above gpt-4o's 1,024-token minimum");
        var input = prefix + 9 + 200;
        Assert.Equal(prefix, Int(cost, CostAnalyzer.Properties.PrefixTokens));

        // gpt-4o: $2.50 input, $1.25 cached input, $10 output per 1M tokens.
        var uncached = input * 2.5m / 1_000_000m + 100 * 10m / 1_000_000m;
        var warm = prefix * 1.25m / 1_000_000m + (input - prefix) * 2.5m / 1_000_000m + 100 * 10m / 1_000_000m;
        Assert.Equal(uncached, Money(cost, CostAnalyzer.Properties.CostPerCall));
        Assert.Equal(warm, Money(cost, CostAnalyzer.Properties.CostPerCallWarmCache));
        Assert.Contains("with a warm prompt cache", cost.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Assumes_output_when_the_call_has_no_constant_cap()
    {
        var cost = await SingleCost("""
            using Microsoft.Extensions.AI;

            class C
            {
                async Task Run(IChatClient chat, string question) =>
                    await chat.GetResponseAsync(question, new ChatOptions { ModelId = "gpt-4.1-mini" });
            }
            """);

        Assert.Equal("gpt-4.1-mini", cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Equal(500, Int(cost, CostAnalyzer.Properties.OutputTokens));
        Assert.Equal("true", cost.Properties[CostAnalyzer.Properties.OutputAssumed]);
        Assert.Contains("assumed, no constant cap", cost.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Reads_assumptions_and_default_model_from_editorconfig()
    {
        var runner = new AnalyzerRunner()
            .WithOption("promptlint.default_model", "gpt-4o")
            .WithOption("promptlint.assumed_output_tokens", "800")
            .WithOption("promptlint.assumed_dynamic_tokens", "50");

        var cost = await SingleCost("""
            using Microsoft.Extensions.AI;

            class C
            {
                async Task Run(IChatClient chat, string question) => await chat.GetResponseAsync(question);
            }
            """, runner);

        Assert.Equal("gpt-4o", cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Equal(800, Int(cost, CostAnalyzer.Properties.OutputTokens));
        Assert.Equal(50, Int(cost, CostAnalyzer.Properties.AssumedDynamicTokens));
    }

    [Fact]
    public async Task Reads_the_default_model_from_the_MSBuild_property()
    {
        var runner = new AnalyzerRunner().WithGlobalOption("build_property.PromptLintDefaultModel", "gpt-5-mini");

        var cost = await SingleCost("""
            using Microsoft.Extensions.AI;

            class C
            {
                async Task Run(IChatClient chat) => await chat.GetResponseAsync("Say hello.");
            }
            """, runner);

        Assert.Equal("gpt-5-mini", cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Equal(s_o200k.CountTokens("Say hello.") + 3 + 3, Int(cost, CostAnalyzer.Properties.StaticInputTokens));
        Assert.Equal(0, Int(cost, CostAnalyzer.Properties.AssumedDynamicTokens));
    }

    [Fact]
    public async Task Says_unknown_model_and_prices_nothing_for_a_model_not_in_the_catalog()
    {
        var cost = await SingleCost("""
            using OpenAI.Chat;

            class C
            {
                async Task Run(string key) =>
                    await new ChatClient("acme-llm-7", key).CompleteChatAsync(
                        [new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });
            }
            """);

        Assert.Equal("acme-llm-7", cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Equal("false", cost.Properties[CostAnalyzer.Properties.ModelKnown]);
        Assert.Null(cost.Properties[CostAnalyzer.Properties.CostPerCall]);
        Assert.Contains("unknown model 'acme-llm-7'", cost.GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains("not priced", cost.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Says_no_model_seen_when_neither_code_nor_configuration_names_one()
    {
        var cost = await SingleCost("""
            using Microsoft.Extensions.AI;

            class C
            {
                async Task Run(IChatClient chat) => await chat.GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 10 });
            }
            """);

        Assert.Null(cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Contains("no model seen", cost.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Anthropic_enum_model_and_system_prompt_are_read_with_approximate_tokens()
    {
        var source = $$"""
            using Anthropic;
            using Anthropic.Models.Messages;

            class C
            {
                async Task Run(AnthropicClient client, string question) =>
                    await client.Messages.Create(new MessageCreateParams
                    {
                        Model = Model.ClaudeOpus4_5,
                        MaxTokens = 300,
                        System = "{{Policy}}",
                        Messages = [new UserMessageParam { Content = question }],
                    });
            }
            """;

        var cost = await SingleCost(source);

        // Claude has no public tokenizer: o200k_base scaled by the catalog's 1.2, then framing for one message.
        var expectedStatic = (int)Math.Round(s_o200k.CountTokens(Policy) * 1.2m, MidpointRounding.AwayFromZero) + 3 + 3;
        Assert.Equal("claude-opus-4-5", cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Equal("true", cost.Properties[CostAnalyzer.Properties.TokensApproximate]);
        Assert.Equal(expectedStatic, Int(cost, CostAnalyzer.Properties.StaticInputTokens));
        Assert.Equal(300, Int(cost, CostAnalyzer.Properties.OutputTokens));
        Assert.Contains("approximate", cost.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Interpolated_prompt_counts_constant_parts_and_ends_the_prefix_at_the_first_hole()
    {
        var cost = await SingleCost("""
            using Microsoft.Extensions.AI;

            class C
            {
                const string Rules = "Answer briefly.";

                async Task Run(IChatClient chat, string name) =>
                    await chat.GetResponseAsync(
                        [new ChatMessage(ChatRole.System, $"Hello {name}. {Rules}")],
                        new ChatOptions { ModelId = "gpt-4o", MaxOutputTokens = 50 });
            }
            """);

        Assert.Equal(s_o200k.CountTokens("Hello ") + s_o200k.CountTokens(". Answer briefly.") + 3 + 3,
            Int(cost, CostAnalyzer.Properties.StaticInputTokens));
        Assert.Equal(s_o200k.CountTokens("Hello "), Int(cost, CostAnalyzer.Properties.PrefixTokens));
        Assert.Equal(200, Int(cost, CostAnalyzer.Properties.AssumedDynamicTokens));
    }

    [Fact]
    public async Task Reports_an_invalid_option_once_and_goes_on_with_the_default()
    {
        var runner = new AnalyzerRunner().WithOption("promptlint.assumed_output_tokens", "lots");

        var diagnostics = await runner.RunAsync<CostAnalyzer>("""
            using Microsoft.Extensions.AI;

            class C
            {
                async Task Run(IChatClient chat)
                {
                    await chat.GetResponseAsync("One");
                    await chat.GetResponseAsync("Two");
                }
            }
            """);

        var problem = Assert.Single(diagnostics, static d => d.Id == "PL9002");
        Assert.Equal(
            "The option 'promptlint.assumed_output_tokens' has the value 'lots', which is not a whole number above zero; PromptLint uses 500 instead",
            problem.GetMessage(CultureInfo.InvariantCulture));
        Assert.All(diagnostics.Where(static d => d.Id == "PL1003"), d => Assert.Equal("500", d.Properties[CostAnalyzer.Properties.OutputTokens]));
    }

    [Fact]
    public async Task A_user_catalog_adds_models_and_a_malformed_one_is_reported_with_file_and_line()
    {
        const string Catalog = """
            {
              "models": [
                { "id": "acme-llm-7", "provider": "openai", "inputPerMTok": 1.0, "outputPerMTok": 2.0,
                  "maxOutputTokens": 4096, "contextWindow": 32000, "tokenizer": "o200k_base" },
                { "id": "broken", "provider": "openai", "inputPerMTok": "cheap", "outputPerMTok": 2.0,
                  "maxOutputTokens": 4096, "contextWindow": 32000 }
              ]
            }
            """;
        var runner = new AnalyzerRunner().WithAdditionalFile("/config/models.json", Catalog, "ModelCatalog");

        var diagnostics = await runner.RunAsync<CostAnalyzer>("""
            using OpenAI.Chat;

            class C
            {
                async Task Run(string key) =>
                    await new ChatClient("acme-llm-7", key).CompleteChatAsync(
                        [new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 1000 });
            }
            """);

        var cost = Assert.Single(diagnostics, static d => d.Id == "PL1003");
        Assert.Equal("true", cost.Properties[CostAnalyzer.Properties.ModelKnown]);
        Assert.Equal((s_o200k.CountTokens("Hi") + 6) * 1.0m / 1_000_000m + 1000 * 2.0m / 1_000_000m, Money(cost, CostAnalyzer.Properties.CostPerCall));

        var problem = Assert.Single(diagnostics, static d => d.Id == "PL9001");
        var message = problem.GetMessage(CultureInfo.InvariantCulture);
        Assert.Contains("'/config/models.json', line 5, field 'models[1].inputPerMTok'", message);
        Assert.Contains("model 'broken'", message);
        Assert.Equal("/config/models.json", problem.Location.GetLineSpan().Path);
        Assert.Equal(4, problem.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public async Task A_catalog_that_is_not_json_is_reported_and_the_built_in_prices_stay()
    {
        var runner = new AnalyzerRunner().WithAdditionalFile("/config/models.json", "{ \"models\": [ oops ] }", "ModelCatalog");

        var diagnostics = await runner.RunAsync<CostAnalyzer>("""
            using OpenAI.Chat;

            class C
            {
                async Task Run(string key) =>
                    await new ChatClient("gpt-4o", key).CompleteChatAsync([new UserChatMessage("Hi")]);
            }
            """);

        var problem = Assert.Single(diagnostics, static d => d.Id == "PL9001");
        Assert.Contains("line 1", problem.GetMessage(CultureInfo.InvariantCulture));
        Assert.Contains("not valid JSON", problem.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("true", Assert.Single(diagnostics, static d => d.Id == "PL1003").Properties[CostAnalyzer.Properties.ModelKnown]);
    }

    [Fact]
    public async Task Ignores_additional_files_that_are_not_marked_as_a_catalog()
    {
        var runner = new AnalyzerRunner().WithAdditionalFile("/config/other.json", "not json at all", promptLintKind: null);

        var diagnostics = await runner.RunAsync<CostAnalyzer>("""
            using Microsoft.Extensions.AI;

            class C
            {
                async Task Run(IChatClient chat) => await chat.GetResponseAsync("Hi");
            }
            """);

        Assert.DoesNotContain(diagnostics, static d => d.Id == "PL9001");
    }

    [Fact]
    public async Task Registers_nothing_when_no_LLM_SDK_is_referenced()
    {
        var compilation = NoSdkCompilation("class C { void M() => System.Console.WriteLine(); }");

        var analyzer = new CostAnalyzer();
        var withAnalyzers = compilation.WithAnalyzers([analyzer],
            new Microsoft.CodeAnalysis.Diagnostics.CompilationWithAnalyzersOptions(
                new Microsoft.CodeAnalysis.Diagnostics.AnalyzerOptions([]), onAnalyzerException: null,
                concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);

        Assert.Empty(diagnostics);
        Assert.Equal(1, telemetry.CompilationStartActionsCount);
        Assert.Equal(0, telemetry.OperationActionsCount);
        Assert.Equal(0, telemetry.CompilationEndActionsCount);
    }

    [Fact]
    public async Task Removes_the_call_site_log_of_an_earlier_compile_when_no_LLM_SDK_is_referenced()
    {
        var log = EarlierCallSiteLog();
        var compilation = NoSdkCompilation("class C { void M() => System.Console.WriteLine(); }");
        var options = new AnalyzerRunner().WithGlobalOption("build_property.PromptLintCallSiteLog", log).Options();

        var diagnostics = await compilation.WithAnalyzers([new CostAnalyzer()], options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(diagnostics);
        Assert.False(File.Exists(log), "with no records, the build skips the report task and removes the last report");
        Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);
    }

    [Fact]
    public async Task Removes_the_call_site_log_when_the_SDKs_are_referenced_but_never_called()
    {
        var log = EarlierCallSiteLog();

        var diagnostics = await new AnalyzerRunner()
            .WithGlobalOption("build_property.PromptLintCallSiteLog", log)
            .RunAsync<CostAnalyzer>("""
                public sealed class Settings
                {
                    public string Model { get; init; } = "gpt-4o-mini";
                }
                """);

        Assert.Empty(diagnostics);
        Assert.False(File.Exists(log), "a compile with no call site leaves no records, so the build writes no report");
        Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);
    }

    [Fact]
    public async Task Writes_no_call_site_log_when_only_the_text_looks_like_a_raw_request()
    {
        var log = EarlierCallSiteLog();
        var compilation = NoSdkCompilation(
            "public static class Keys { public const string MaxTokens = \"max_tokens\"; } // unlike the chat/completions API");
        var options = new AnalyzerRunner().WithGlobalOption("build_property.PromptLintCallSiteLog", log).Options();

        var diagnostics = await compilation.WithAnalyzers([new CostAnalyzer()], options).GetAnalyzerDiagnosticsAsync();

        Assert.Empty(diagnostics);
        Assert.True(PromptLint.Analyzers.Sdk.RawHttpGate.AnyFileHasSign(compilation, CancellationToken.None), "the text has a sign, so the adapter ran");
        Assert.False(File.Exists(log));
        Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);
    }

    private static Compilation NoSdkCompilation(string source) =>
        Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            "NoSdk", [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(source)], Basic.Reference.Assemblies.Net100.References.All,
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    /// <summary>A call-site log an earlier compile left, in a folder of its own.</summary>
    private static string EarlierCallSiteLog()
    {
        var log = Path.Combine(Path.GetTempPath(), "promptlint-tests", Guid.NewGuid().ToString("N"), "callsites.json");
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        File.WriteAllText(log, "{}");
        return log;
    }

    [Fact]
    public async Task Anthropic_warm_cache_price_applies_only_with_a_breakpoint()
    {
        var longPolicy = string.Join(" ", Enumerable.Repeat("Check the order number before answering.", 250));
        var source = $$"""
            using Anthropic;
            using Anthropic.Models.Messages;

            class C(AnthropicClient client)
            {
                const string Policy = "{{longPolicy}}";

                async Task Plain(string q) => await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5", MaxTokens = 100, System = Policy,
                    Messages = [new UserMessageParam { Content = q }],
                });

                async Task Marked(string q) => await client.Messages.Create(new MessageCreateParams
                {
                    Model = "claude-sonnet-4-5", MaxTokens = 100,
                    System = new List<TextBlockParam> { new() { Text = Policy, CacheControl = new CacheControlEphemeral() } },
                    Messages = [new UserMessageParam { Content = q }],
                });
            }
            """;

        var costs = (await new AnalyzerRunner().RunAsync<CostAnalyzer>(source))
            .Where(static d => d.Id == "PL1003")
            .OrderBy(static d => d.Location.SourceSpan.Start)
            .ToList();

        Assert.Equal(2, costs.Count);
        Assert.Equal(Money(costs[0], CostAnalyzer.Properties.CostPerCall), Money(costs[0], CostAnalyzer.Properties.CostPerCallWarmCache));
        Assert.True(Money(costs[1], CostAnalyzer.Properties.CostPerCallWarmCache) < Money(costs[1], CostAnalyzer.Properties.CostPerCall));
    }

    [Fact]
    public async Task An_Azure_deployment_is_priced_as_the_model_configuration_maps_it_to()
    {
        var runner = new AnalyzerRunner().WithOption("promptlint.azure_deployments", "support-prod=gpt-4o-mini, triage=gpt-4o");
        var cost = await SingleCost($$"""
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;

            class C
            {
                async Task Run(Uri endpoint, string key)
                {
                    var chat = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key)).GetChatClient("SUPPORT-PROD");
                    await chat.CompleteChatAsync([new SystemChatMessage("{{Policy}}")], new ChatCompletionOptions { MaxOutputTokenCount = 100 });
                }
            }
            """, runner);

        var expectedStatic = s_o200k.CountTokens(Policy) + 3 + 3;
        Assert.Equal("gpt-4o-mini", cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Equal("SUPPORT-PROD", cost.Properties[CostAnalyzer.Properties.Deployment]);
        Assert.Equal("true", cost.Properties[CostAnalyzer.Properties.ModelKnown]);
        Assert.Equal(expectedStatic * 0.15m / 1_000_000m + 100 * 0.60m / 1_000_000m, Money(cost, CostAnalyzer.Properties.CostPerCall));
        Assert.StartsWith("gpt-4o-mini (deployment 'SUPPORT-PROD'): ", cost.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_unmapped_Azure_deployment_is_no_model_not_a_guess_and_not_the_default_model()
    {
        var runner = new AnalyzerRunner()
            .WithOption("promptlint.default_model", "gpt-4o-mini")
            .WithOption("promptlint.azure_deployments", "other=gpt-4o");
        var cost = await SingleCost("""
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using Microsoft.Extensions.AI;
            using OpenAI;

            class C
            {
                async Task Run(Uri endpoint, string key)
                {
                    OpenAIClient azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key));
                    var chat = azure.GetChatClient("gpt-4o").AsIChatClient();
                    await chat.GetResponseAsync("Hi", new ChatOptions { MaxOutputTokens = 10 });
                }
            }
            """, runner);

        Assert.Null(cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Equal("gpt-4o", cost.Properties[CostAnalyzer.Properties.Deployment]);
        Assert.Equal("false", cost.Properties[CostAnalyzer.Properties.ModelKnown]);
        Assert.Null(cost.Properties[CostAnalyzer.Properties.CostPerCall]);
        Assert.StartsWith(
            "deployment 'gpt-4o', not mapped to a model (promptlint.azure_deployments): ",
            cost.GetMessage(CultureInfo.InvariantCulture));
        Assert.EndsWith("not priced per call", cost.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task The_report_record_names_the_deployment_mapped_or_not()
    {
        var log = Path.Combine(Path.GetTempPath(), "promptlint-tests", Guid.NewGuid().ToString("N"), "callsites.json");
        var runner = new AnalyzerRunner()
            .WithOption("promptlint.azure_deployments", "support-prod=gpt-4o-mini")
            .WithGlobalOption("build_property.PromptLintCallSiteLog", log);

        await runner.RunAsync<CostAnalyzer>("""
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;

            class C
            {
                async Task Run(Uri endpoint, string key)
                {
                    var azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key));
                    var options = new ChatCompletionOptions { MaxOutputTokenCount = 10 };
                    await azure.GetChatClient("support-prod").CompleteChatAsync([new UserChatMessage("Hi")], options);
                    await azure.GetChatClient("triage").CompleteChatAsync([new UserChatMessage("Hi")], options);
                }
            }
            """);
        var records = PromptLint.Core.Reports.CostReportJson.Read(File.ReadAllText(log)).CallSites;
        Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);

        Assert.Collection(
            records,
            mapped =>
            {
                Assert.Equal(("support-prod", "gpt-4o-mini", "deployment", true), (mapped.Deployment, mapped.Model, mapped.ModelSource, mapped.ModelKnown));
                Assert.NotNull(mapped.CostPerCall);
            },
            unmapped =>
            {
                Assert.Equal(("triage", null, "deployment", false), (unmapped.Deployment, unmapped.Model, unmapped.ModelSource, unmapped.ModelKnown));
                Assert.Null(unmapped.CostPerCall);
            });
    }

    [Fact]
    public async Task A_malformed_deployment_map_is_reported_and_its_good_entries_are_used()
    {
        var runner = new AnalyzerRunner().WithOption("promptlint.azure_deployments", "support-prod, triage=gpt-4o-mini, a=b=c, dup=o1, dup=gpt-4o");
        var diagnostics = await runner.RunAsync<CostAnalyzer>("""
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using OpenAI.Chat;

            class C
            {
                async Task Run(Uri endpoint, string key)
                {
                    var azure = new AzureOpenAIClient(endpoint, new ApiKeyCredential(key));
                    await azure.GetChatClient("triage").CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });
                    await azure.GetChatClient("dup").CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });
                }
            }
            """);

        var problems = diagnostics.Where(static d => d.Id == "PL9002").Select(static d => d.GetMessage(CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(
            new[]
            {
                "The option 'promptlint.azure_deployments' has the value 'a=b=c', which is not a deployment=model pair; PromptLint uses the other entries instead",
                "The option 'promptlint.azure_deployments' has the value 'dup=gpt-4o', which is not consistent with the earlier entry 'dup=o1'; PromptLint uses neither entry instead",
                "The option 'promptlint.azure_deployments' has the value 'support-prod', which is not a deployment=model pair; PromptLint uses the other entries instead",
            },
            problems.Order(StringComparer.Ordinal));
        var costs = diagnostics.Where(static d => d.Id == "PL1003").OrderBy(static d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal("gpt-4o-mini", costs[0].Properties[CostAnalyzer.Properties.Model]);
        Assert.Null(costs[1].Properties[CostAnalyzer.Properties.Model]);
    }

    [Fact]
    public async Task A_model_id_built_at_run_time_is_no_model_seen_and_never_guessed()
    {
        var cost = await SingleCost("""
            using OpenAI.Chat;

            class C
            {
                async Task Run(string key, int version) =>
                    await new ChatClient($"gpt-{version}o", key).CompleteChatAsync(
                        [new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });
            }
            """);

        Assert.Null(cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Null(cost.Properties[CostAnalyzer.Properties.CostPerCall]);
        Assert.StartsWith("no model seen: ", cost.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_client_created_in_another_assembly_gives_no_model_and_no_other_finding()
    {
        var library = CompiledLibrary.Compile("Library", """
            using System.ClientModel;
            using System.ClientModel.Primitives;
            using OpenAI;
            using OpenAI.Chat;

            namespace Library;

            public static class Clients
            {
                public static ChatClient Reasoner(string key) =>
                    new ChatClient("o1", new ApiKeyCredential(key), new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(0) });
            }
            """);
        const string Source = """
            using OpenAI.Chat;

            class C
            {
                async Task Run(string key) =>
                    await Library.Clients.Reasoner(key).CompleteChatAsync([new UserChatMessage("Hi")], new ChatCompletionOptions { MaxOutputTokenCount = 5 });
            }
            """;

        var diagnostics = await new AnalyzerRunner().WithReference(library).RunAsync<CostAnalyzer>(Source);
        var reliability = await new AnalyzerRunner().WithReference(library).RunAsync<Rules.Reliability.ReliabilityAnalyzer>(Source);

        var cost = Assert.Single(diagnostics);
        Assert.Equal("PL1003", cost.Id);
        Assert.Null(cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.StartsWith("no model seen: ", cost.GetMessage(CultureInfo.InvariantCulture));
        Assert.Empty(reliability);
    }

    [Fact]
    public async Task Responses_request_counts_instructions_and_input_items_with_the_model_of_the_request()
    {
        var cost = await SingleCost($$"""
            #pragma warning disable OPENAI001
            using OpenAI.Responses;

            class C
            {
                async Task Run(ResponsesClient responses, string question)
                {
                    var options = new CreateResponseOptions
                    {
                        Model = "gpt-4o-mini",
                        Instructions = "{{Policy}}",
                        InputItems = { ResponseItem.CreateUserMessageItem("Where is my order?") },
                        MaxOutputTokenCount = 300,
                    };
                    options.InputItems.Add(ResponseItem.CreateUserMessageItem(question));
                    await responses.CreateResponseAsync(options);
                }
            }
            """);

        // Instructions and two input items: three messages of framing, and the reply's.
        var expectedStatic = s_o200k.CountTokens(Policy) + s_o200k.CountTokens("Where is my order?") + 3 * 3 + 3;
        Assert.Equal("gpt-4o-mini", cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Equal(expectedStatic, Int(cost, CostAnalyzer.Properties.StaticInputTokens));
        Assert.Equal(200, Int(cost, CostAnalyzer.Properties.AssumedDynamicTokens));
        Assert.Equal(300, Int(cost, CostAnalyzer.Properties.OutputTokens));
        // The prefix runs up to the first item only known at run time.
        Assert.Equal(s_o200k.CountTokens(Policy) + s_o200k.CountTokens("Where is my order?"), Int(cost, CostAnalyzer.Properties.PrefixTokens));
    }

    [Fact]
    public async Task Responses_call_with_a_model_and_text_takes_the_model_from_the_call()
    {
        var cost = await SingleCost("""
            #pragma warning disable OPENAI001
            using OpenAI;
            using OpenAI.Responses;

            class C
            {
                async Task Run(OpenAIClient openAI) =>
                    await openAI.GetResponsesClient().CreateResponseAsync("gpt-5-mini", "Summarize the refund policy.");
            }
            """);

        Assert.Equal("gpt-5-mini", cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Equal(s_o200k.CountTokens("Summarize the refund policy.") + 3 + 3, Int(cost, CostAnalyzer.Properties.StaticInputTokens));
        Assert.Equal("true", cost.Properties[CostAnalyzer.Properties.OutputAssumed]);
    }

    [Fact]
    public async Task Reports_tokens_and_cost_of_a_raw_OpenAI_request_from_its_JSON_body()
    {
        var source = $$"""
            using System.Net.Http;
            using System.Net.Http.Json;

            class C(HttpClient http)
            {
                const string Policy = "{{Policy}}";

                async Task Run(string question) =>
                    await http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new
                    {
                        model = "gpt-4o-mini",
                        max_tokens = 200,
                        messages = new object[] { new { role = "system", content = Policy }, new { role = "user", content = question } },
                    });
            }
            """;

        var cost = await SingleCost(source);

        Assert.Equal("gpt-4o-mini", cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Equal(s_o200k.CountTokens(Policy) + 2 * 3 + 3, Int(cost, CostAnalyzer.Properties.StaticInputTokens));
        Assert.Equal(200, Int(cost, CostAnalyzer.Properties.AssumedDynamicTokens));
        Assert.Equal(200, Int(cost, CostAnalyzer.Properties.OutputTokens));
        Assert.Equal("false", cost.Properties[CostAnalyzer.Properties.OutputAssumed]);
        Assert.StartsWith("gpt-4o-mini: ", cost.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_raw_request_with_an_unreadable_body_is_a_call_site_with_no_model_seen()
    {
        var cost = await SingleCost("""
            using System.IO;
            using System.Net.Http;
            using System.Text;

            class C(HttpClient http)
            {
                async Task Run() =>
                    await http.PostAsync("https://api.anthropic.com/v1/messages", new StringContent(File.ReadAllText("body.json"), Encoding.UTF8, "application/json"));
            }
            """);

        Assert.Equal("false", cost.Properties[CostAnalyzer.Properties.ModelKnown]);
        Assert.Null(cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Equal("true", cost.Properties[CostAnalyzer.Properties.OutputAssumed]);
        Assert.StartsWith("no model seen: ", cost.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Reports_tokens_and_cost_of_a_Betalgo_call_with_the_model_from_DefaultModelId()
    {
        var source = $$"""
            using Betalgo.Ranul.OpenAI;
            using Betalgo.Ranul.OpenAI.Managers;
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

            class C
            {
                const string Policy = "{{Policy}}";
                readonly OpenAIService _service = new(new OpenAIOptions { ApiKey = "k", DefaultModelId = "gpt-4o-mini" });

                Task Run(string question) =>
                    _service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest
                    {
                        Messages = [ChatMessage.FromSystem(Policy), ChatMessage.FromUser(question)],
                        MaxTokens = 200,
                    });
            }
            """;

        var cost = await SingleCost(source);

        Assert.Equal("gpt-4o-mini", cost.Properties[CostAnalyzer.Properties.Model]);
        Assert.Equal(s_o200k.CountTokens(Policy) + 2 * 3 + 3, Int(cost, CostAnalyzer.Properties.StaticInputTokens));
        Assert.Equal(200, Int(cost, CostAnalyzer.Properties.AssumedDynamicTokens));
        Assert.Equal(200, Int(cost, CostAnalyzer.Properties.OutputTokens));
        Assert.Equal("false", cost.Properties[CostAnalyzer.Properties.OutputAssumed]);
    }

    [Fact]
    public async Task A_Betalgo_modelId_argument_wins_over_the_request_and_the_default_and_a_run_time_id_is_no_model()
    {
        var diagnostics = await new AnalyzerRunner().RunAsync<CostAnalyzer>("""
            using Betalgo.Ranul.OpenAI;
            using Betalgo.Ranul.OpenAI.Managers;
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

            class C
            {
                readonly OpenAIService _service = new(new OpenAIOptions { ApiKey = "k", DefaultModelId = "gpt-4o" });

                async Task Run(string q, string tier)
                {
                    await _service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = "gpt-4.1", MaxTokens = 10, Messages = [ChatMessage.FromUser(q)] }, "gpt-4o-mini");
                    await _service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = "gpt-4.1", MaxTokens = 10, Messages = [ChatMessage.FromUser(q)] });
                    await _service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { Model = $"gpt-{tier}", MaxTokens = 10, Messages = [ChatMessage.FromUser(q)] });
                }
            }
            """);

        var models = diagnostics.Where(static d => d.Id == "PL1003").OrderBy(static d => d.Location.SourceSpan.Start)
            .Select(static d => (d.Properties[CostAnalyzer.Properties.Model], d.Properties[CostAnalyzer.Properties.ModelKnown])).ToList();
        Assert.Equal(3, models.Count);
        Assert.Equal(("gpt-4o-mini", "true"), models[0]);
        Assert.Equal(("gpt-4.1", "true"), models[1]);
        Assert.NotEqual("true", models[2].Item2);
    }

    [Fact]
    public async Task A_Betalgo_default_set_with_SetDefaultModelId_is_not_followed_pinned_limitation()
    {
        var diagnostics = await new AnalyzerRunner().RunAsync<CostAnalyzer>("""
            using Betalgo.Ranul.OpenAI;
            using Betalgo.Ranul.OpenAI.Managers;
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

            class C
            {
                async Task Run(string q)
                {
                    var service = new OpenAIService(new OpenAIOptions { ApiKey = "k" });
                    service.SetDefaultModelId("gpt-4o");
                    await service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { MaxTokens = 10, Messages = [ChatMessage.FromUser(q)] });
                }
            }
            """);

        var cost = Assert.Single(diagnostics, static d => d.Id == "PL1003");
        Assert.Equal("false", cost.Properties[CostAnalyzer.Properties.ModelKnown]);
    }
}
