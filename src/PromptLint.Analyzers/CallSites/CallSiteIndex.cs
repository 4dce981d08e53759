using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.Configuration;
using PromptLint.Analyzers.Sdk;
using PromptLint.Core.Tokens;

namespace PromptLint.Analyzers.CallSites;

/// <summary>
/// What the rule families of one compilation share: the SDK symbols, the catalog, the options of each tree, and each
/// call site read once. Every family analyzer asks this index, so adding a family does not read the code again.
/// </summary>
internal sealed class CallSiteIndex
{
    // Keyed by the options too: in the IDE an edited catalog file brings new options for the same compilation.
    private static readonly ConditionalWeakTable<Compilation, ConditionalWeakTable<AnalyzerOptions, CallSiteIndex>> s_indexes = new();

    private readonly AnalyzerOptions _options;
    private readonly LoadedCatalog? _catalog;
    private readonly ConcurrentDictionary<SyntaxTree, PromptLintOptions> _treeOptions = new();
    private readonly ConcurrentDictionary<SyntaxNode, CallSite?> _callSites = new();

    private CallSiteIndex(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        Sdk = SdkSymbols.For(compilation);
        _options = options;
        if (!Sdk.Any)
            return;

        _catalog = CatalogLoader.Load(options, cancellationToken);
        TokenCounter.Preload();
    }

    public SdkSymbols Sdk { get; }

    /// <summary>The catalog the prices come from; loaded only when the compilation references an SDK.</summary>
    public LoadedCatalog Catalog => _catalog ?? LoadedCatalog.BuiltIn;

    /// <summary>Option values that could not be understood, for the analyzer that reports them.</summary>
    public ConcurrentDictionary<OptionProblem, byte> OptionProblems { get; } = new();

    public static CallSiteIndex For(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken) =>
        s_indexes.GetValue(compilation, static _ => new ConditionalWeakTable<AnalyzerOptions, CallSiteIndex>())
            .GetValue(options, o => new CallSiteIndex(compilation, o, cancellationToken));

    /// <summary>The call site an invocation is, or null when it is not an LLM request PromptLint recognises.</summary>
    public CallSite? Read(IInvocationOperation invocation, CancellationToken cancellationToken)
    {
        // A half-typed call is not worth a finding yet; the compiler already reports it.
        if (invocation.TargetMethod is null || invocation.Syntax.ContainsDiagnostics)
            return null;

        if (_callSites.TryGetValue(invocation.Syntax, out var known))
            return known;

        return _callSites.GetOrAdd(invocation.Syntax, CallSiteReader.Read(invocation, Sdk, cancellationToken));
    }

    public PromptLintOptions OptionsFor(SyntaxTree tree) =>
        _treeOptions.GetOrAdd(tree, t => PromptLintOptions.Read(
            _options.AnalyzerConfigOptionsProvider.GetOptions(t),
            _options.AnalyzerConfigOptionsProvider.GlobalOptions,
            problem => OptionProblems.TryAdd(problem, 0)));
}
