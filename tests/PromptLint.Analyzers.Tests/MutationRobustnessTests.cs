using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using CsCheck;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using Xunit.Abstractions;

namespace PromptLint.Analyzers.Tests;

/// <summary>
/// Property-based robustness: every case file and every file of the sample, mutated at random (cut short, a token
/// deleted, a line duplicated, two tokens swapped) and parsed at a random language version, goes through every
/// PromptLint analyzer, and every diagnostic that has a code fix goes through that fix. No analyzer may throw (AD0001),
/// no code fix may throw, and no fix may leave its document with a syntax error it did not have. Iteration i of a seed
/// is the same mutation on every machine; <c>PROMPTLINT_SOAK_ITERATIONS</c> and <c>PROMPTLINT_SOAK_SEED</c> run a
/// longer or a different soak (docs/accuracy.md).
/// </summary>
public sealed class MutationRobustnessTests(ITestOutputHelper output)
{
    private const string IterationsVariable = "PROMPTLINT_SOAK_ITERATIONS";
    private const string SeedVariable = "PROMPTLINT_SOAK_SEED";
    private const int DefaultIterations = 250;
    private const long DefaultSeed = 62_001;
    private const int MaxReportedFailures = 5;

    private static readonly string s_globalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Threading;
        global using System.Threading.Tasks;
        """;

    private static readonly LanguageVersion[] s_languageVersions =
    {
        LanguageVersion.CSharp7_3, LanguageVersion.CSharp9, LanguageVersion.CSharp11, LanguageVersion.Preview,
    };

    private static readonly Gen<Mutation> s_mutation = Gen.Select(
        Gen.Enum<MutationKind>(),
        Gen.Double.Unit,
        Gen.Double.Unit,
        static (kind, at, other) => new Mutation(kind, at, other));

    private static readonly ImmutableArray<DiagnosticAnalyzer> s_analyzers = Instances<DiagnosticAnalyzer>(
        typeof(Rules.Cost.CostAnalyzer).Assembly, typeof(DiagnosticAnalyzerAttribute));

    private static readonly ImmutableArray<CodeFixProvider> s_fixes = Instances<CodeFixProvider>(
        typeof(CodeFixes.Rules.Cost.AddOutputCapCodeFix).Assembly, typeof(ExportCodeFixProviderAttribute));

    [Fact]
    public void Every_analyzer_and_code_fix_of_the_package_is_exercised()
    {
        Assert.Contains(s_analyzers, static a => a is Rules.Cost.CostAnalyzer);
        Assert.Contains(s_analyzers, static a => a is Rules.Caching.CachingAnalyzer);
        Assert.Contains(s_fixes, static f => f is CodeFixes.Rules.Cost.AddOutputCapCodeFix);
        Assert.Contains(s_fixes, static f => f is CodeFixes.Rules.Caching.MoveVolatileContentCodeFix);
        Assert.Contains(s_fixes, static f => f is CodeFixes.Rules.Caching.AddCacheBreakpointCodeFix);
    }

    [Fact]
    public async Task Mutated_sources_never_crash_an_analyzer_or_a_code_fix()
    {
        var iterations = (int)Setting(IterationsVariable, DefaultIterations, minimum: 1);
        var seed = (ulong)Setting(SeedVariable, DefaultSeed, minimum: 0);
        var sources = Sources();
        var samples = Gen.Select(
            Gen.Int[0, sources.Count - 1],
            Gen.Int[0, s_languageVersions.Length - 1],
            s_mutation.Array[1, 3],
            static (source, version, mutations) => new Sample(source, s_languageVersions[version], mutations));

        // Each iteration stands alone, so they run on every core; the result does not depend on their order.
        var stopwatch = Stopwatch.StartNew();
        var failures = new ConcurrentDictionary<int, string>();
        var totals = new Totals();
        using var enough = new CancellationTokenSource();
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Environment.ProcessorCount,
            CancellationToken = enough.Token,
        };
        try
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, iterations), parallel, async (i, cancellationToken) =>
            {
                var sample = samples.Generate(new PCG(0, seed + (ulong)i), null, out _);
                var source = sources[sample.Source];
                var parseOptions = new CSharpParseOptions(sample.LanguageVersion);
                var text = sample.Mutations.Aggregate(source.Text, (current, edit) => edit.Apply(current, parseOptions));

                string? failure;
                try
                {
                    failure = await CheckAsync(source, text, parseOptions, totals, cancellationToken);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    failure = "the harness or a code fix threw: " + exception;
                }

                if (failure is not null && failures.TryAdd(i, Describe(i, seed, source, sample, text, failure))
                    && failures.Count >= MaxReportedFailures)
                {
                    enough.Cancel();
                }
            });
        }
        catch (OperationCanceledException) when (enough.IsCancellationRequested)
        {
            // Enough failures to act on; the rest of the run would add nothing.
        }

        output.WriteLine(
            $"{iterations} mutations of {sources.Count} files, seed {seed}: {totals.Diagnostics} diagnostics, "
            + $"{totals.FixesApplied} code fixes applied, {stopwatch.Elapsed.TotalSeconds:0.0} s "
            + $"on {Environment.ProcessorCount} cores");
        var report = failures.OrderBy(static f => f.Key).Select(static f => f.Value);
        Assert.True(failures.IsEmpty, string.Join("\n\n", report));
    }

    private static async Task<string?> CheckAsync(
        Source source, string text, CSharpParseOptions parseOptions, Totals totals, CancellationToken cancellationToken)
    {
        var (solution, documentId) = Project(source, text, parseOptions);
        var document = solution.GetDocument(documentId)!;
        var tree = (await document.GetSyntaxTreeAsync(cancellationToken))!;
        var compilation = (await document.Project.GetCompilationAsync(cancellationToken))!;

        // Only the mutated file is analyzed: its companions are the same in every iteration.
        var exceptions = new ConcurrentQueue<string>();
        var analysisOptions = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
            (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false);
        var withAnalyzers = compilation.WithAnalyzers(s_analyzers, analysisOptions);
        var model = compilation.GetSemanticModel(tree);
        var diagnostics = (await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, cancellationToken))
            .AddRange(await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(model, filterSpan: null, cancellationToken));
        totals.Add(diagnostics: diagnostics.Length, fixesApplied: 0);

        if (!exceptions.IsEmpty)
            return "an analyzer threw: " + exceptions.First();

        if (diagnostics.FirstOrDefault(static d => d.Id == "AD0001") is { } crash)
            return "AD0001: " + crash.GetMessage();

        var errorsBefore = SyntaxErrors(tree);
        foreach (var diagnostic in diagnostics.Where(d => d.Location.SourceTree == tree))
        {
            foreach (var fix in s_fixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var problem = await ApplyAsync(fix, document, diagnostic, errorsBefore, totals, cancellationToken);
                if (problem is not null)
                {
                    var at = diagnostic.Location.GetLineSpan().StartLinePosition;
                    return $"{fix.GetType().Name} on {diagnostic.Id} at {at}: {problem}";
                }
            }
        }

        return null;
    }

    private static async Task<string?> ApplyAsync(
        CodeFixProvider fix,
        Document document,
        Diagnostic diagnostic,
        List<string> errorsBefore,
        Totals totals,
        CancellationToken cancellationToken)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
        await fix.RegisterCodeFixesAsync(context);

        foreach (var action in actions)
        {
            foreach (var apply in (await action.GetOperationsAsync(cancellationToken)).OfType<ApplyChangesOperation>())
            {
                totals.Add(diagnostics: 0, fixesApplied: 1);
                var changed = apply.ChangedSolution.GetChanges(document.Project.Solution)
                    .GetProjectChanges()
                    .SelectMany(static p => p.GetChangedDocuments());
                foreach (var changedId in changed)
                {
                    var fixedDocument = apply.ChangedSolution.GetDocument(changedId)!;
                    var errorsAfter = SyntaxErrors((await fixedDocument.GetSyntaxTreeAsync(cancellationToken))!);
                    var added = errorsAfter.Distinct()
                        .Where(e => errorsAfter.Count(x => x == e) > errorsBefore.Count(x => x == e))
                        .ToList();
                    if (added.Count > 0)
                    {
                        var fixedText = await fixedDocument.GetTextAsync(cancellationToken);
                        return $"'{action.Title}' adds syntax errors {string.Join(", ", added)}; fixed text:\n{fixedText}";
                    }
                }
            }
        }

        return null;
    }

    private static List<string> SyntaxErrors(SyntaxTree tree) =>
        tree.GetDiagnostics().Where(static d => d.Severity == DiagnosticSeverity.Error).Select(static d => d.Id).ToList();

    private static (Solution Solution, DocumentId Document) Project(
        Source source, string text, CSharpParseOptions parseOptions)
    {
        var nullable = parseOptions.LanguageVersion >= LanguageVersion.CSharp8
            ? NullableContextOptions.Enable
            : NullableContextOptions.Disable;
        var projectId = ProjectId.CreateNewId();
        var project = ProjectInfo.Create(
            projectId,
            VersionStamp.Default,
            "Mutated",
            "Mutated",
            LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(source.Kind, nullableContextOptions: nullable),
            parseOptions: parseOptions,
            metadataReferences: SdkReferences.All);
        var solution = new AdhocWorkspace().CurrentSolution.AddProject(project);

        var documentId = DocumentId.CreateNewId(projectId);
        solution = solution.AddDocument(documentId, source.Name, SourceText.From(text), filePath: "/src/" + source.Name);
        foreach (var (name, companion) in source.Companions)
        {
            var companionId = DocumentId.CreateNewId(projectId);
            solution = solution.AddDocument(companionId, name, SourceText.From(companion), filePath: "/src/" + name);
        }

        return (solution, documentId);
    }

    // A case file compiles alone, as a library; a sample file compiles with the rest of the sample, as its program.
    private static List<Source> Sources()
    {
        var sources = new List<Source>();
        var usings = new[] { ("GlobalUsings.cs", s_globalUsings) };
        var cases = Path.Combine(AppContext.BaseDirectory, "Cases");
        foreach (var path in Directory.GetFiles(cases, "*.cs", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(cases, path).Replace('\\', '/');
            sources.Add(new Source(name, File.ReadAllText(path), usings, OutputKind.DynamicallyLinkedLibrary));
        }

        var sample = Directory.GetFiles(Path.Combine(RepositoryRoot(), "samples", "SupportBot"), "*.cs")
            .Order(StringComparer.Ordinal)
            .Select(static path => (Name: Path.GetFileName(path), Text: File.ReadAllText(path)))
            .ToList();
        Assert.NotEmpty(sample);
        foreach (var (name, text) in sample)
        {
            var companions = sample.Where(f => f.Name != name).Concat(usings).ToArray();
            sources.Add(new Source("SupportBot/" + name, text, companions, OutputKind.ConsoleApplication));
        }

        return sources;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PromptLint.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException("No PromptLint.sln above " + AppContext.BaseDirectory);
    }

    private static string Describe(int iteration, ulong seed, Source source, Sample sample, string text, string failure)
    {
        var path = Path.Combine(Path.GetTempPath(), $"promptlint-mutation-{seed}-{iteration}.cs");
        File.WriteAllText(path, text);
        return $"Iteration {iteration} of seed {seed} ({SeedVariable}={seed}): {source.Name} at C# "
            + $"{sample.LanguageVersion.ToDisplayString()} after {string.Join(", ", sample.Mutations)}, "
            + $"saved as {path}\n{failure}";
    }

    private static long Setting(string variable, long fallback, long minimum) =>
        long.TryParse(Environment.GetEnvironmentVariable(variable), out var value) && value >= minimum ? value : fallback;

    private static ImmutableArray<T> Instances<T>(Assembly assembly, Type attribute) =>
        assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(T).IsAssignableFrom(t) && t.GetCustomAttribute(attribute) is not null)
            .OrderBy(static t => t.FullName, StringComparer.Ordinal)
            .Select(static t => (T)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    private sealed record Source(
        string Name, string Text, IReadOnlyList<(string Name, string Text)> Companions, OutputKind Kind);

    private sealed record Sample(int Source, LanguageVersion LanguageVersion, Mutation[] Mutations);

    private sealed class Totals
    {
        private int _diagnostics;
        private int _fixesApplied;

        public int Diagnostics => _diagnostics;

        public int FixesApplied => _fixesApplied;

        public void Add(int diagnostics, int fixesApplied)
        {
            Interlocked.Add(ref _diagnostics, diagnostics);
            Interlocked.Add(ref _fixesApplied, fixesApplied);
        }
    }

    private enum MutationKind
    {
        Cut,
        DeleteToken,
        DuplicateLine,
        SwapTokens,
    }

    /// <summary>One edit, placed by fractions of the text so it applies to whatever the edits before it left.</summary>
    private sealed record Mutation(MutationKind Kind, double At, double Other)
    {
        public string Apply(string text, CSharpParseOptions options)
        {
            switch (Kind)
            {
                case MutationKind.Cut:
                    return text.Substring(0, Index(At, text.Length + 1));

                case MutationKind.DuplicateLine:
                    var lines = SourceText.From(text).Lines;
                    var line = lines[Index(At, lines.Count)];
                    var copy = text.Substring(line.Start, line.EndIncludingLineBreak - line.Start);
                    return text.Insert(line.Start, copy.EndsWith('\n') ? copy : copy + "\n");

                case MutationKind.DeleteToken:
                    var tokens = Tokens(text, options);
                    if (tokens.Count == 0)
                        return text;
                    var token = tokens[Index(At, tokens.Count)];
                    return text.Remove(token.Start, token.Length);

                default:
                    var all = Tokens(text, options);
                    if (all.Count < 2)
                        return text;
                    var (first, second) = (all[Index(At, all.Count)], all[Index(Other, all.Count)]);
                    if (first.Start > second.Start)
                        (first, second) = (second, first);
                    if (first == second)
                        return text;
                    return new StringBuilder(text.Length)
                        .Append(text, 0, first.Start)
                        .Append(text, second.Start, second.Length)
                        .Append(text, first.End, second.Start - first.End)
                        .Append(text, first.Start, first.Length)
                        .Append(text, second.End, text.Length - second.End)
                        .ToString();
            }
        }

        public override string ToString() =>
            Kind == MutationKind.SwapTokens ? $"{Kind}({At:0.000}, {Other:0.000})" : $"{Kind}({At:0.000})";

        private static int Index(double fraction, int count) => Math.Min(count - 1, (int)(fraction * count));

        private static List<TextSpan> Tokens(string text, CSharpParseOptions options) =>
            CSharpSyntaxTree.ParseText(text, options).GetRoot().DescendantTokens()
                .Where(static t => t.Span.Length > 0)
                .Select(static t => t.Span)
                .ToList();
    }
}
