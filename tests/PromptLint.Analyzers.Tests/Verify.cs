using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace PromptLint.Analyzers.Tests;

/// <summary>
/// Analyzer and code fix tests on the real SDK assemblies this test project references, with the .NET 10 reference
/// assemblies from a package, so nothing is fetched at test time.
/// </summary>
internal static class SdkReferences
{
    private static readonly string[] s_prefixes =
    {
        "OpenAI", "Anthropic", "Microsoft.Extensions.", "System.ClientModel", "System.Memory.Data", "Microsoft.SemanticKernel", "Azure.", "Microsoft.ML.Tokenizers", "Polly", "Betalgo.",
    };

    public static ImmutableArray<MetadataReference> All { get; } = Build();

    private static ImmutableArray<MetadataReference> Build()
    {
        // Touch one type of each SDK so a missing package reference fails here, loudly.
        _ = typeof(OpenAI.Chat.ChatClient);
        _ = typeof(Azure.AI.OpenAI.AzureOpenAIClient);
        _ = typeof(Anthropic.AnthropicClient);
        _ = typeof(Microsoft.Extensions.AI.IChatClient);
        _ = typeof(Microsoft.Extensions.AI.OpenAIClientExtensions);
        _ = typeof(Microsoft.SemanticKernel.Kernel);
        _ = typeof(Microsoft.SemanticKernel.Connectors.OpenAI.OpenAIPromptExecutionSettings);
        _ = typeof(Betalgo.Ranul.OpenAI.Managers.OpenAIService);
        _ = typeof(Betalgo.Ranul.OpenAI.Contracts.Enums.ChatCompletionRole);

        var sdk = Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll")
            .Where(path => s_prefixes.Any(prefix => Path.GetFileName(path).StartsWith(prefix, StringComparison.Ordinal)))
            .Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path));
        return Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().Concat(sdk).ToImmutableArray();
    }

    public static void Apply(SolutionState state)
    {
        state.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        state.AdditionalReferences.AddRange(All);
    }
}

/// <summary>
/// A library compiled in memory from source against the same SDK references, for tests where a call site uses
/// something another assembly made (a client created and returned by a library the user references).
/// </summary>
internal static class CompiledLibrary
{
    public static MetadataReference Compile(string assemblyName, string source)
    {
        var tree = CSharpSyntaxTree.ParseText(Usings.Common + source, new CSharpParseOptions(LanguageVersion.Preview), $"/{assemblyName}/Library.cs");
        var compilation = CSharpCompilation.Create(
            assemblyName,
            new[] { tree },
            SdkReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, "The library does not compile:\n" + string.Join("\n", result.Diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error)));
        return MetadataReference.CreateFromImage(image.ToArray());
    }
}

internal sealed class AnalyzerTest<TAnalyzer> : CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public AnalyzerTest(string source, params string[] disabled)
    {
        TestCode = source;
        SdkReferences.Apply(TestState);
        DisabledDiagnostics.AddRange(disabled);
        SolutionTransforms.Add(static (solution, projectId) =>
        {
            var project = solution.GetProject(projectId)!;
            var options = ((CSharpCompilationOptions)project.CompilationOptions!).WithNullableContextOptions(NullableContextOptions.Enable);
            return solution.WithProjectCompilationOptions(projectId, options)
                .WithProjectParseOptions(projectId, ((CSharpParseOptions)project.ParseOptions!).WithLanguageVersion(LanguageVersion.Preview));
        });
    }

    /// <summary>Adds a reference to a library compiled from source (see <see cref="CompiledLibrary"/>).</summary>
    public AnalyzerTest<TAnalyzer> WithReference(MetadataReference reference)
    {
        TestState.AdditionalReferences.Add(reference);
        return this;
    }

    /// <summary>Adds a second project, referenced by the test project, whose one file is <paramref name="source"/>.</summary>
    public AnalyzerTest<TAnalyzer> WithReferencedProject(string name, string source)
    {
        var project = new ProjectState(name, LanguageNames.CSharp, $"/{name}/", "cs");
        project.Sources.Add(($"/{name}/Library.cs", Usings.Common + source));
        project.ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        project.AdditionalReferences.AddRange(SdkReferences.All);
        TestState.AdditionalProjects.Add(name, project);
        TestState.AdditionalProjectReferences.Add(name);
        return this;
    }

    /// <summary>Adds an .editorconfig for every source file.</summary>
    public AnalyzerTest<TAnalyzer> WithEditorConfig(string body)
    {
        TestState.AnalyzerConfigFiles.Add(("/.editorconfig", "root = true\n\n[*.cs]\n" + body));
        return this;
    }
}

internal sealed class CodeFixTest<TAnalyzer, TCodeFix> : CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public LanguageVersion LanguageVersion { get; set; } = LanguageVersion.Preview;

    public CodeFixTest(string source, string fixedSource, params string[] disabled)
    {
        TestCode = source;
        FixedCode = fixedSource;
        SdkReferences.Apply(TestState);
        DisabledDiagnostics.AddRange(disabled);
    }

    protected override ParseOptions CreateParseOptions() =>
        ((CSharpParseOptions)base.CreateParseOptions()).WithLanguageVersion(LanguageVersion);
}

internal static class Usings
{
    /// <summary>The usings every test source starts with, as a user's file with implicit usings would have.</summary>
    public const string Common = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading;
        using System.Threading.Tasks;

        """;
}
