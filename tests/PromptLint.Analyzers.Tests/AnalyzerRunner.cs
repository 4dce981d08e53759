using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace PromptLint.Analyzers.Tests;

/// <summary>
/// Runs analyzers on one source file with the real compiler and the real SDK assemblies, for tests that read a
/// diagnostic's message and properties (the markup tests only check locations).
/// </summary>
internal sealed class AnalyzerRunner
{
    public const string SourcePath = "/src/Test.cs";

    private readonly Dictionary<string, string> _treeOptions = new();
    private readonly Dictionary<string, string> _globalOptions = new();
    private readonly List<(AdditionalText Text, Dictionary<string, string> Options)> _additionalFiles = new();

    private readonly List<MetadataReference> _references = new();

    /// <summary>Adds a reference to a library compiled from source (see <see cref="CompiledLibrary"/>).</summary>
    public AnalyzerRunner WithReference(MetadataReference reference)
    {
        _references.Add(reference);
        return this;
    }

    public AnalyzerRunner WithOption(string key, string value)
    {
        _treeOptions[key] = value;
        return this;
    }

    public AnalyzerRunner WithGlobalOption(string key, string value)
    {
        _globalOptions[key] = value;
        return this;
    }

    public AnalyzerRunner WithAdditionalFile(string path, string text, string? promptLintKind)
    {
        var options = new Dictionary<string, string>();
        if (promptLintKind is not null)
            options["build_metadata.AdditionalFiles.PromptLintKind"] = promptLintKind;
        _additionalFiles.Add((new InMemoryText(path, text), options));
        return this;
    }

    /// <summary>The analyzer's diagnostics; fails the test on a compile error or an analyzer exception (AD0001).</summary>
    public Task<ImmutableArray<Diagnostic>> RunAsync<TAnalyzer>(string source)
        where TAnalyzer : DiagnosticAnalyzer, new() =>
        RunAsync<TAnalyzer>((SourcePath, source));

    /// <summary>The analyzer's diagnostics on a compilation of several files, each given with its path.</summary>
    public async Task<ImmutableArray<Diagnostic>> RunAsync<TAnalyzer>(params (string Path, string Source)[] files)
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var parseOptions = new CSharpParseOptions(LanguageVersion.Preview);
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(Usings.Common + f.Source, parseOptions, f.Path));
        var compilation = CSharpCompilation.Create(
            "Test",
            trees,
            SdkReferences.All.Concat(_references),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var errors = compilation.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "The test source does not compile:\n" + string.Join("\n", errors));

        var withAnalyzers = compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new TAnalyzer()), Options());
        var all = await withAnalyzers.GetAnalyzerDiagnosticsAsync();

        var crashes = all.Where(static d => d.Id == "AD0001").ToList();
        Assert.True(crashes.Count == 0, "The analyzer threw:\n" + string.Join("\n", crashes));
        return all;
    }

    /// <summary>The options, additional files included, for tests that build their own compilation.</summary>
    public AnalyzerOptions Options() =>
        new(_additionalFiles.Select(static f => f.Text).ToImmutableArray(), new OptionsProvider(_treeOptions, _globalOptions, _additionalFiles));

    /// <summary>The zero-based line of the first occurrence of <paramref name="text"/> in <paramref name="source"/> as the runner compiles it.</summary>
    public static int LineOf(string source, string text)
    {
        var full = Usings.Common + source;
        var index = full.IndexOf(text, StringComparison.Ordinal);
        Assert.True(index >= 0, $"'{text}' is not in the source");
        return full.Take(index).Count(static c => c == '\n');
    }

    private sealed class InMemoryText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }

    private sealed class OptionsProvider(
        Dictionary<string, string> treeOptions,
        Dictionary<string, string> globalOptions,
        List<(AdditionalText Text, Dictionary<string, string> Options)> files) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(globalOptions);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new DictionaryOptions(treeOptions);

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
            new DictionaryOptions(files.FirstOrDefault(f => f.Text == textFile).Options ?? new Dictionary<string, string>());
    }
}
