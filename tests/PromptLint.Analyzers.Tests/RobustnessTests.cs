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
}
