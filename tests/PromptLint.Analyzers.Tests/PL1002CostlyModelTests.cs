using System.Globalization;
using PromptLint.Analyzers.Rules.Cost;
using PromptLint.CodeFixes.Rules.Cost;

namespace PromptLint.Analyzers.Tests;

public sealed class PL1002CostlyModelTests
{
    private static Task Verify(string source, string? editorConfig = null)
    {
        var test = new AnalyzerTest<CostAnalyzer>(Usings.Common + source, "PL1001", "PL1003", "PL1004");
        if (editorConfig is not null)
            test.WithEditorConfig(editorConfig);
        return test.RunAsync();
    }

    [Fact]
    public Task Reports_frontier_models_written_at_clients_requests_and_registrations() => Verify("""
        using Anthropic;
        using Anthropic.Models.Messages;
        using Microsoft.Extensions.AI;
        using Microsoft.SemanticKernel;
        using OpenAI;
        using OpenAI.Chat;

        class C
        {
            const string Reasoner = "o3-pro";

            void Run(string key, OpenAIClient openAI, IKernelBuilder builder)
            {
                _ = new ChatClient({|PL1002:"o1"|}, key);
                _ = openAI.GetChatClient({|PL1002:Reasoner|});
                _ = new ChatOptions { ModelId = {|PL1002:"gpt-5-pro"|} };
                _ = new MessageCreateParams { Model = {|PL1002:"claude-opus-4-1-20250805"|}, MaxTokens = 10, Messages = [] };
                _ = new MessageCreateParams { Model = {|PL1002:Model.ClaudeOpus4_5|}, MaxTokens = 10, Messages = [] };
                builder.AddOpenAIChatCompletion({|PL1002:"gpt-5.2-pro"|}, key);
            }
        }
        """);

    [Fact]
    public Task No_report_for_cheap_models_named_like_costly_ones_configuration_or_unknown_ids() => Verify("""
        using Microsoft.Extensions.AI;
        using Microsoft.Extensions.Configuration;
        using Microsoft.ML.Tokenizers;
        using OpenAI.Chat;

        class C
        {
            void Run(string key, IConfiguration config)
            {
                _ = new ChatClient("gpt-4o-mini", key);
                _ = new ChatClient("gpt-4.1-mini", key);
                _ = new ChatClient("gpt-5-mini", key);
                _ = new ChatClient("o3-mini", key);
                _ = new ChatClient(config["Llm:Model"], key);
                _ = new ChatClient(config["Llm:Model"] ?? "o1", key);
                _ = new ChatClient("my-gpt4o-deployment", key);
                _ = new ChatOptions { ModelId = "gpt-4o" };
                _ = TiktokenTokenizer.CreateForModel("gpt-4o");
            }
        }
        """);

    [Fact]
    public Task Allowed_models_and_price_thresholds_come_from_editorconfig() => Verify("""
        using OpenAI.Chat;

        class C
        {
            void Run(string key)
            {
                _ = new ChatClient("o1", key);
                _ = new ChatClient({|PL1002:"gpt-4o"|}, key);
                _ = new ChatClient("gpt-4o-mini", key);
            }
        }
        """, "promptlint.allowed_models = o1, o3\npromptlint.costly_output_price_per_mtok = 10\n");

    [Fact]
    public async Task Message_names_prices_and_the_cheapest_model_of_the_provider()
    {
        var diagnostics = await new AnalyzerRunner().RunAsync<CostAnalyzer>("""
            using OpenAI.Chat;

            class C
            {
                ChatClient Client(string key) => new("o1", key);
            }
            """);

        var diagnostic = Assert.Single(diagnostics, static d => d.Id == "PL1002");
        Assert.Equal(
            "'o1' is a costly model ($15.00 input / $60.00 output per 1M tokens) written into the code; the cheapest openai model in the catalog, gpt-5-nano, costs $0.05 / $0.40",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
    }

    [Fact]
    public Task Code_fix_replaces_the_id_with_a_cheaper_model_of_the_same_provider() =>
        new CodeFixTest<CostAnalyzer, UseCheaperModelCodeFix>(
            Usings.Common + """
            using Anthropic.Models.Messages;

            class C
            {
                MessageCreateParams Request() => new() { Model = {|PL1002:"claude-opus-4-1"|}, MaxTokens = 10, Messages = [] };
            }
            """,
            Usings.Common + """
            using Anthropic.Models.Messages;

            class C
            {
                MessageCreateParams Request() => new() { Model = "claude-sonnet-4-5", MaxTokens = 10, Messages = [] };
            }
            """,
            "PL1001", "PL1003", "PL1004")
        {
            CodeActionEquivalenceKey = "UseCheaperModelCodeFix:claude-sonnet-4-5",
        }.RunAsync();
}
