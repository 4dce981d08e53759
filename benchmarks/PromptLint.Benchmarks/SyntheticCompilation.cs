using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using PromptLint.Perf;

namespace PromptLint.Benchmarks;

/// <summary>
/// The synthetic projects of eng/perf compiled in memory, against the real SDK assemblies this project references.
/// </summary>
internal static class SyntheticCompilation
{
    private static readonly string[] s_sdkPrefixes =
        ["OpenAI", "Anthropic", "Microsoft.Extensions.", "System.ClientModel", "System.Memory.Data"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_framework = new(static () =>
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>().ToImmutableArray());

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_withSdks = new(static () =>
    {
        // Touch one type of each SDK so that a missing package fails here, loudly.
        _ = typeof(OpenAI.Chat.ChatClient);
        _ = typeof(Anthropic.AnthropicClient);
        _ = typeof(Microsoft.Extensions.AI.IChatClient);
        _ = typeof(Microsoft.Extensions.AI.OpenAIClientExtensions);

        var folder = Path.GetDirectoryName(typeof(OpenAI.Chat.ChatClient).Assembly.Location)!;
        var sdk = Directory.EnumerateFiles(folder, "*.dll")
            .Where(static path => s_sdkPrefixes.Any(p => Path.GetFileName(path).StartsWith(p, StringComparison.Ordinal)))
            .Select(static path => (MetadataReference)MetadataReference.CreateFromFile(path));
        return s_framework.Value.Concat(sdk).ToImmutableArray();
    });

    /// <summary>30% of the files of a project hold a call site, as in the build-time measurement (300 of 1,000).</summary>
    public static int CallSitesFor(int files) => files * 3 / 10;

    /// <summary>
    /// A compilation of the synthetic project, its declarations bound. With <paramref name="verify"/> it is compiled
    /// once to make sure it has no error, so no benchmark measures broken code; that takes seconds at 5,000 files,
    /// where the analyzer benchmark checks instead that PromptLint finds every call site.
    /// </summary>
    public static CSharpCompilation Create(int files, bool withSdk, bool verify)
    {
        var sources = SyntheticSources.Generate(files, CallSitesFor(files), withSdk);
        var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
        var trees = sources
            .Select(static s => (Name: s.Name, Text: s.Text))
            .Prepend((Name: "GlobalUsings.g.cs", Text: SyntheticSources.ImplicitUsings))
            .AsParallel()
            .AsOrdered()
            .Select(s => CSharpSyntaxTree.ParseText(s.Text, parseOptions, "/synthetic/" + s.Name))
            .ToList();

        var compilation = CSharpCompilation.Create(
            "Synthetic",
            trees,
            withSdk ? s_withSdks.Value : s_framework.Value,
            new CSharpCompilationOptions(
                OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var diagnostics = verify ? compilation.GetDiagnostics() : compilation.GetDeclarationDiagnostics();
        var errors = diagnostics.Where(static d => d.Severity == DiagnosticSeverity.Error).Take(5).ToList();
        if (errors.Count > 0)
            throw new InvalidOperationException("The synthetic project does not compile:\n" + string.Join("\n", errors));

        return compilation;
    }

    /// <summary>
    /// New analyzer options for each run, as the build passes them: a call-site log path (so the cost analyzer writes
    /// its records, as in a command-line build) and the project name. A new instance also means a new per-compilation
    /// index inside PromptLint, so no run reuses the call sites a previous run read.
    /// </summary>
    public static AnalyzerOptions Options(string? callSiteLog)
    {
        var global = new Dictionary<string, string> { ["build_property.MSBuildProjectName"] = "Synthetic" };
        if (callSiteLog is not null)
            global["build_property.PromptLintCallSiteLog"] = callSiteLog;
        return new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new OptionsProvider(global));
    }

    /// <summary>
    /// A new instance of every analyzer PromptLint ships (each rule family), found in its assembly so that a family
    /// added later is measured too.
    /// </summary>
    public static DiagnosticAnalyzer[] PromptLintAnalyzers() =>
        typeof(PromptLint.Analyzers.Rules.Cost.CostAnalyzer).Assembly.GetTypes()
            .Where(static t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t))
            .Where(static t => t.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
            .OrderBy(static t => t.FullName, StringComparer.Ordinal)
            .Select(static t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToArray();

    /// <summary>Runs the analyzers as the compiler does in a build (concurrently) and returns their diagnostics.</summary>
    public static ImmutableArray<Diagnostic> Analyze(
        Compilation compilation, AnalyzerOptions options, params DiagnosticAnalyzer[] analyzers)
    {
        var withAnalyzers = compilation.WithAnalyzers(
            analyzers.ToImmutableArray(),
            new CompilationWithAnalyzersOptions(
                options, onAnalyzerException: null, concurrentAnalysis: true, logAnalyzerExecutionTime: false));
        var diagnostics = withAnalyzers.GetAnalyzerDiagnosticsAsync().GetAwaiter().GetResult();
        var crash = diagnostics.FirstOrDefault(static d => d.Id == "AD0001");
        if (crash is not null)
            throw new InvalidOperationException("An analyzer threw: " + crash.GetMessage());

        return diagnostics;
    }

    private sealed class OptionsProvider(Dictionary<string, string> global) : AnalyzerConfigOptionsProvider
    {
        private static readonly DictionaryOptions s_empty = new([]);

        public override AnalyzerConfigOptions GlobalOptions { get; } = new DictionaryOptions(global);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => s_empty;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => s_empty;
    }

    private sealed class DictionaryOptions(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) =>
            values.TryGetValue(key, out value);
    }
}

/// <summary>
/// The floor under any analyzer built on operations: it asks for every invocation and does nothing with it, so the
/// compiler binds the method bodies to operations as it must for PromptLint. PromptLint's own cost is what it adds.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class InvocationFloorAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor s_unused =
        new("BENCH001", "Unused", "Unused", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [s_unused];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
            start.RegisterOperationAction(static _ => { }, OperationKind.Invocation));
    }
}

/// <summary>An analyzer that registers nothing: the cost of running the analyzer driver at all.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
internal sealed class EmptyAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor s_unused =
        new("BENCH002", "Unused", "Unused", "Benchmark", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = [s_unused];

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
    }
}
