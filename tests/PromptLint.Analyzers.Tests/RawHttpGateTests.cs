using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Diagnostics.Telemetry;
using PromptLint.Analyzers.Rules.Cost;
using PromptLint.Analyzers.Sdk;

namespace PromptLint.Analyzers.Tests;

/// <summary>
/// The compilation-start check of the raw HttpClient adapter: a project that references no LLM SDK and shows no raw
/// LLM request stays on the early exit, although every project references HttpClient.
/// </summary>
public sealed class RawHttpGateTests
{
    private static CSharpCompilation NoSdk(params string[] sources) => CSharpCompilation.Create(
        "NoSdk",
        sources.Select(static (s, i) => CSharpSyntaxTree.ParseText(Usings.Common + s, path: $"/src/File{i}.cs")),
        Basic.Reference.Assemblies.Net100.References.All,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

    private static async Task<(ImmutableArray<Diagnostic> Diagnostics, AnalyzerTelemetryInfo Telemetry)> Analyze(Compilation compilation)
    {
        var analyzer = new CostAnalyzer();
        var withAnalyzers = compilation.WithAnalyzers([analyzer], new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: true));
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        return (diagnostics, await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None));
    }

    private const string OrdinaryHttp = """
        using System.Net.Http;
        using System.Net.Http.Json;

        class Inventory(HttpClient http)
        {
            public Task<HttpResponseMessage> Save(string model) =>
                http.PostAsJsonAsync("https://inventory.example.com/api/cars", new { model, messages = new[] { "new stock" } });
        }
        """;

    [Fact]
    public async Task A_project_with_HttpClient_calls_but_no_LLM_request_stays_on_the_early_exit()
    {
        var compilation = NoSdk(OrdinaryHttp, "class Other { void M() => Console.WriteLine(); }");

        var sdk = SdkSymbols.For(compilation);
        var (diagnostics, telemetry) = await Analyze(compilation);

        Assert.NotNull(compilation.GetTypeByMetadataName("System.Net.Http.HttpClient"));
        Assert.False(sdk.HasRawHttp);
        Assert.False(sdk.Any);
        Assert.Empty(diagnostics);
        Assert.Equal(0, telemetry.OperationActionsCount);
    }

    [Fact]
    public async Task A_project_that_sends_a_raw_LLM_request_switches_the_adapter_on()
    {
        var compilation = NoSdk(OrdinaryHttp, """
            using System.Net.Http;
            using System.Net.Http.Json;

            class Summarizer(HttpClient http)
            {
                public Task<HttpResponseMessage> Run(string text) =>
                    http.PostAsJsonAsync("https://api.openai.com/v1/chat/completions", new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = text } } });
            }
            """);

        var (diagnostics, telemetry) = await Analyze(compilation);

        Assert.True(SdkSymbols.For(compilation).HasRawHttp);
        Assert.True(telemetry.OperationActionsCount > 0);
        var missing = Assert.Single(diagnostics, static d => d.Id == "PL1001");
        Assert.Equal("/src/File1.cs", missing.Location.GetLineSpan().Path);
        Assert.Single(diagnostics, static d => d.Id == "PL1003");
    }

    [Theory]
    [InlineData("var url = \"https://api.anthropic.com/v1/messages\";")]
    [InlineData("var url = $\"{host}/v1beta/models/{model}:streamGenerateContent\";")]
    [InlineData("var body = new Dictionary<string, object> { [\"max_completion_tokens\"] = 100 };")]
    [InlineData("request.Headers.Add(\"anthropic-version\", \"2023-06-01\");")]
    public void Each_kind_of_sign_switches_the_adapter_on(string line)
    {
        var compilation = NoSdk("class C { void M() { " + line + " } }");

        Assert.True(SdkSymbols.For(compilation).HasRawHttp);
    }

    [Fact]
    public async Task A_request_whose_URL_and_cap_live_only_in_configuration_is_not_seen_without_an_SDK()
    {
        // Limitation (docs/rules/PL1001.md): nothing in the source names a provider, so the adapter stays off.
        var compilation = NoSdk("""
            using System.Net.Http;
            using System.Net.Http.Json;

            class Summarizer(HttpClient http, string url)
            {
                public Task<HttpResponseMessage> Run(string text) =>
                    http.PostAsJsonAsync(url, new { model = "gpt-4o-mini", messages = new[] { new { role = "user", content = text } } });
            }
            """);

        var (diagnostics, _) = await Analyze(compilation);

        Assert.False(SdkSymbols.For(compilation).HasRawHttp);
        Assert.Empty(diagnostics);
    }
}
