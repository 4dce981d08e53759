using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptLint.Analyzers.Rules.Cost;

namespace PromptLint.Analyzers.Tests;

/// <summary>Whatever a user is halfway through typing, the analyzers must not throw (AD0001 in their build).</summary>
public sealed class RobustnessTests
{
    public static TheoryData<string> CaseFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Cases", "Shared"), "*.cs").Order())
            data.Add(Path.GetFileName(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public async Task No_analyzer_exception_on_any_truncation_of_a_case(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cases", "Shared", file));
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var usings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;",
            parseOptions);

        // Cut the file at about forty points, each one a half-typed version of it.
        var step = Math.Max(1, text.Length / 40);
        for (var cut = step; cut < text.Length; cut += step)
        {
            var tree = CSharpSyntaxTree.ParseText(text.Substring(0, cut), parseOptions, file);
            var compilation = CSharpCompilation.Create("Truncated", new[] { tree, usings }, SdkReferences.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new CostAnalyzer());
            var options = new CompilationWithAnalyzersOptions(new AnalyzerOptions([]), onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, options).GetAllDiagnosticsAsync();

            var crash = diagnostics.FirstOrDefault(static d => d.Id == "AD0001");
            Assert.True(crash is null, $"{file} cut at {cut}: {crash}");
        }
    }

    [Theory]
    [MemberData(nameof(CaseFiles))]
    public async Task No_analyzer_exception_on_any_truncation_with_a_traffic_file_and_budgets(string file)
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cases", "Shared", file));
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var usings = CSharpSyntaxTree.ParseText(
            "global using System; global using System.Collections.Generic; global using System.Linq; global using System.Threading; global using System.Threading.Tasks;",
            parseOptions);
        // Call-site keys make the analyzer count the call sites of each member, on half-typed code too.
        var options = new AnalyzerRunner()
            .WithAdditionalFile("/src/promptlint.json", """
                { "defaults": { "callsPerMonth": 1000, "dynamicParts": { "question": 50 } },
                  "callSites": { "C.Run#2": { "callsPerMonth": 5 }, "Program.<Main>$#1": { "cacheHitRate": 0 } } }
                """, "Config")
            .WithGlobalOption("build_property.PromptLintMaxCostPerCall", "0.000001")
            .WithGlobalOption("build_property.PromptLintMaxMonthlyCost", "0.01")
            .WithGlobalOption("build_property.PromptLintIncludePromptText", "true")
            .Options();

        var step = Math.Max(1, text.Length / 20);
        for (var cut = step; cut < text.Length; cut += step)
        {
            var tree = CSharpSyntaxTree.ParseText(text.Substring(0, cut), parseOptions, file);
            var compilation = CSharpCompilation.Create("Truncated", new[] { tree, usings }, SdkReferences.All,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

            var analyzers = ImmutableArray.Create<DiagnosticAnalyzer>(new CostAnalyzer());
            var withAnalyzers = new CompilationWithAnalyzersOptions(options, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
            var diagnostics = await compilation.WithAnalyzers(analyzers, withAnalyzers).GetAllDiagnosticsAsync();

            var crash = diagnostics.FirstOrDefault(static d => d.Id == "AD0001");
            Assert.True(crash is null, $"{file} cut at {cut}: {crash}");
        }
    }

    [Fact]
    public async Task No_analyzer_exception_on_any_truncation_of_the_sample_traffic_file()
    {
        var json = File.ReadAllText(Path.Combine(FindRepoRoot(), "samples", "SupportBot", "promptlint.json"));
        const string Source = """
            using OpenAI.Chat;

            class FaqClassifier(ChatClient client)
            {
                async Task ClassifyAsync(string customerMessage) =>
                    await client.CompleteChatAsync([new UserChatMessage(customerMessage)], new ChatCompletionOptions { MaxOutputTokenCount = 16 });
            }
            """;

        for (var cut = 0; cut <= json.Length; cut += 7)
        {
            // The runner fails the test on an analyzer exception; every cut gives at most warnings.
            var diagnostics = await new AnalyzerRunner()
                .WithAdditionalFile("/src/promptlint.json", json.Substring(0, cut), "Config")
                .RunAsync<CostAnalyzer>(Source);

            Assert.Contains(diagnostics, static d => d.Id == "PL1003");
        }
    }

    [Fact]
    public async Task Honours_cancellation()
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Cases", "Shared", "c06_anthropic_breakpoint.cs"));
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Preview));
        var compilation = CSharpCompilation.Create("Cancelled", new[] { tree }, SdkReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new CostAnalyzer()), new AnalyzerOptions([]));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellation.Token));
    }

    private static string FindRepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromptLint.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("PromptLint.sln not found above " + AppContext.BaseDirectory);
    }
}
