using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers.Rules.Cost;
using PromptLint.CodeFixes.Rules.Cost;

namespace PromptLint.Analyzers.Tests;

public sealed class PL1002MoveModelIdCodeFixTests
{
    private static CodeFixTest<CostAnalyzer, MoveModelIdToConfigurationCodeFix> Test(string source, string fixedSource, string key) =>
        new(Usings.Common + source, Usings.Common + fixedSource, "PL1001", "PL1003", "PL1004")
        {
            CodeActionEquivalenceKey = key,
            // A constant still holds the id, so PL1002 stays in the fixed code where the constant is used.
            FixedState = { MarkupHandling = MarkupMode.Allow },
        };

    [Fact]
    public Task Moves_the_id_into_a_constant_named_after_the_member_and_keeps_reporting_it_there() =>
        Test("""
            using Anthropic.Models.Messages;

            class TicketTriage
            {
                MessageCreateParams Triage(string ticket) =>
                    new() { Model = {|PL1002:"claude-opus-4-1"|}, MaxTokens = 10, Messages = [] };
            }
            """, """
            using Anthropic.Models.Messages;

            class TicketTriage
            {
                private const string TriageModel = "claude-opus-4-1";

                MessageCreateParams Triage(string ticket) =>
                    new() { Model = {|PL1002:TriageModel|}, MaxTokens = 10, Messages = [] };
            }
            """, MoveModelIdToConfigurationCodeFix.ConstantKey).RunAsync();

    [Fact]
    public Task Fix_all_gives_each_id_one_constant_and_numbers_a_name_taken_by_another_id() =>
        Test("""
            using OpenAI.Chat;

            class Desk
            {
                ChatClient Triage(string key) => new({|PL1002:"o1"|}, key);

                async Task<ChatClient> ReviewAsync(string key) => await Task.FromResult(new ChatClient({|PL1002:"o3-pro"|}, key));

                ChatClient Escalate(string key) => new({|PL1002:"o1"|}, key);

                ChatClient Review(string key) => new({|PL1002:"gpt-5-pro"|}, key);
            }
            """, """
            using OpenAI.Chat;

            class Desk
            {
                private const string TriageModel = "o1";

                private const string ReviewModel = "o3-pro";

                private const string Review2Model = "gpt-5-pro";

                ChatClient Triage(string key) => new({|PL1002:TriageModel|}, key);

                async Task<ChatClient> ReviewAsync(string key) => await Task.FromResult(new ChatClient({|PL1002:ReviewModel|}, key));

                ChatClient Escalate(string key) => new({|PL1002:TriageModel|}, key);

                ChatClient Review(string key) => new({|PL1002:Review2Model|}, key);
            }
            """, MoveModelIdToConfigurationCodeFix.ConstantKey).RunAsync();

    [Fact]
    public Task Reads_the_model_from_an_IConfiguration_field_which_ends_the_finding() =>
        Test("""
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;

            class Desk
            {
                private readonly IConfiguration _configuration;

                public Desk(IConfiguration configuration) => _configuration = configuration;

                ChatClient Triage(string key) => new({|PL1002:"o1"|}, key);

                ChatClient Review(string key)
                {
                    var client = new ChatClient(model: {|PL1002:"gpt-5-pro"|}, key);
                    return client;
                }
            }
            """, """
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;

            class Desk
            {
                private readonly IConfiguration _configuration;

                public Desk(IConfiguration configuration) => _configuration = configuration;

                ChatClient Triage(string key) => new(_configuration["Llm:Models:Triage"] ?? "o1", key);

                ChatClient Review(string key)
                {
                    var client = new ChatClient(model: _configuration["Llm:Models:Review"] ?? "gpt-5-pro", key);
                    return client;
                }
            }
            """, MoveModelIdToConfigurationCodeFix.ConfigurationKey).RunAsync();

    [Fact]
    public Task Reads_the_model_from_a_primary_constructor_parameter_and_an_Azure_deployment_too() =>
        new CodeFixTest<CostAnalyzer, MoveModelIdToConfigurationCodeFix>(Usings.Common + """
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;

            class Desk(IConfiguration settings, AzureOpenAIClient azure)
            {
                readonly ChatOptions _options = new() { ModelId = {|PL1002:"o1"|} };

                ChatClient Reasoner() => azure.GetChatClient({|PL1002:"reasoner"|});
            }
            """, Usings.Common + """
            using System.ClientModel;
            using Azure.AI.OpenAI;
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;

            class Desk(IConfiguration settings, AzureOpenAIClient azure)
            {
                readonly ChatOptions _options = new() { ModelId = settings["Llm:Models:Options"] ?? "o1" };

                ChatClient Reasoner() => azure.GetChatClient(settings["Llm:Models:Reasoner"] ?? "reasoner");
            }
            """, "PL1001", "PL1003", "PL1004")
        {
            CodeActionEquivalenceKey = MoveModelIdToConfigurationCodeFix.ConfigurationKey,
            TestState = { AnalyzerConfigFiles = { ("/.editorconfig", "root = true\n\n[*.cs]\npromptlint.azure_deployments = reasoner=o1\n") } },
        }.RunAsync();

    [Fact]
    public async Task Offers_the_lookup_only_where_an_IConfiguration_can_be_reached()
    {
        var titles = await OfferedTitles("""
            using Microsoft.Extensions.AI;
            using Microsoft.Extensions.Configuration;
            using OpenAI.Chat;

            class Desk
            {
                private readonly IConfiguration _configuration = new ConfigurationBuilder().Build();

                readonly ChatOptions _options = new() { ModelId = "o1" };

                static ChatClient Shared(string key) => new("o3-pro", key);

                ChatClient Instance(string key) => new("gpt-5-pro", key);

                static ChatClient Given(IConfiguration config, string key) => new("o1-pro", key);
            }
            """);

        Assert.Equal(
            new[]
            {
                "o1: Move the model id into the constant OptionsModel",
                "o3-pro: Move the model id into the constant SharedModel",
                "gpt-5-pro: Read the model from configuration: _configuration[\"Llm:Models:Instance\"]",
                "gpt-5-pro: Move the model id into the constant InstanceModel",
                "o1-pro: Read the model from configuration: config[\"Llm:Models:Given\"]",
                "o1-pro: Move the model id into the constant GivenModel",
            },
            titles);
    }

    [Fact]
    public async Task Offers_nothing_for_an_id_in_a_constant_or_an_enum_member()
    {
        var titles = await OfferedTitles("""
            using Anthropic.Models.Messages;
            using OpenAI.Chat;

            class Desk
            {
                const string Reasoner = "o1";

                ChatClient Client(string key) => new(Reasoner, key);

                MessageCreateParams Request() => new() { Model = Model.ClaudeOpus4_5, MaxTokens = 10, Messages = [] };
            }
            """);

        Assert.Empty(titles);
    }

    // The code actions the fix registers for each PL1002 of the source, as "id: title", in source order.
    private static async Task<List<string>> OfferedTitles(string source)
    {
        using var workspace = new AdhocWorkspace();
        var project = workspace.AddProject("Test", LanguageNames.CSharp)
            .WithMetadataReferences(SdkReferences.All)
            .WithCompilationOptions(new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var document = project.AddDocument("Test.cs", SourceText.From(Usings.Common + source));
        var compilation = (await document.Project.GetCompilationAsync())!;
        Assert.Empty(compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error));

        var diagnostics = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new CostAnalyzer())).GetAnalyzerDiagnosticsAsync();
        var text = await document.GetTextAsync();
        var titles = new List<string>();
        foreach (var diagnostic in diagnostics.Where(static d => d.Id == "PL1002").OrderBy(static d => d.Location.SourceSpan.Start))
        {
            var id = text.ToString(diagnostic.Location.SourceSpan);
            var context = new CodeFixContext(document, diagnostic, (action, _) => titles.Add($"{id.Trim('"')}: {action.Title}"), CancellationToken.None);
            await new MoveModelIdToConfigurationCodeFix().RegisterCodeFixesAsync(context);
        }

        return titles;
    }

    [Fact]
    public Task Moves_a_Betalgo_request_model_into_a_constant() =>
        Test("""
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

            class Desk
            {
                ChatCompletionCreateRequest Review(string q) =>
                    new() { Model = {|PL1002:"o1"|}, MaxCompletionTokens = 10, Messages = [ChatMessage.FromUser(q)] };
            }
            """, """
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

            class Desk
            {
                private const string ReviewModel = "o1";

                ChatCompletionCreateRequest Review(string q) =>
                    new() { Model = {|PL1002:ReviewModel|}, MaxCompletionTokens = 10, Messages = [ChatMessage.FromUser(q)] };
            }
            """, MoveModelIdToConfigurationCodeFix.ConstantKey).RunAsync();

    [Fact]
    public Task Reads_a_Betalgo_modelId_argument_and_DefaultModelId_from_configuration() =>
        Test("""
            using Betalgo.Ranul.OpenAI;
            using Betalgo.Ranul.OpenAI.Interfaces;
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
            using Microsoft.Extensions.Configuration;

            class Desk(IConfiguration configuration, IOpenAIService service)
            {
                OpenAIOptions Options() => new() { DefaultModelId = {|PL1002:"gpt-5-pro"|} };

                Task Triage(string q) =>
                    service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { MaxTokens = 10, Messages = [] }, {|PL1002:"o1"|});
            }
            """, """
            using Betalgo.Ranul.OpenAI;
            using Betalgo.Ranul.OpenAI.Interfaces;
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;
            using Microsoft.Extensions.Configuration;

            class Desk(IConfiguration configuration, IOpenAIService service)
            {
                OpenAIOptions Options() => new() { DefaultModelId = configuration["Llm:Models:Options"] ?? "gpt-5-pro" };

                Task Triage(string q) =>
                    service.ChatCompletion.CreateCompletion(new ChatCompletionCreateRequest { MaxTokens = 10, Messages = [] }, configuration["Llm:Models:Triage"] ?? "o1");
            }
            """, MoveModelIdToConfigurationCodeFix.ConfigurationKey).RunAsync();

    [Fact]
    public async Task Offers_nothing_for_a_Betalgo_Models_member()
    {
        var titles = await OfferedTitles("""
            using Betalgo.Ranul.OpenAI.Interfaces;
            using Betalgo.Ranul.OpenAI.ObjectModels;
            using Betalgo.Ranul.OpenAI.ObjectModels.RequestModels;

            class Desk
            {
                Task Run(IOpenAIService service) =>
                    service.ChatCompletion.Create(new ChatCompletionCreateRequest { Model = Models.O1, MaxTokens = 10, Messages = [] }, Models.Model.O1);
            }
            """);

        Assert.Empty(titles);
    }
}
