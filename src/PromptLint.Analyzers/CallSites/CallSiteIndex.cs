using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
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

    private static readonly ConditionalWeakTable<AdditionalText, TokenCountFile> s_tokenCounts = new();

    private readonly AnalyzerOptions _options;
    private readonly LoadedCatalog? _catalog;
    private readonly ConcurrentDictionary<SyntaxTree, PromptLintOptions> _treeOptions = new();
    private readonly ConcurrentDictionary<SyntaxNode, CallSite?> _callSites = new();
    private readonly ConcurrentDictionary<ISymbol, ImmutableArray<TextSpan>> _memberCallSites = new(SymbolEqualityComparer.Default);
    private readonly Lazy<ProjectOptions> _project;

    private CallSiteIndex(Compilation compilation, AnalyzerOptions options, CancellationToken cancellationToken)
    {
        Sdk = SdkSymbols.For(compilation, cancellationToken);
        _options = options;
        Traffic = Sdk.Any ? new TrafficIndex(TrafficLoader.Load(options, cancellationToken)) : TrafficIndex.Empty;
        _project = new Lazy<ProjectOptions>(() => ProjectOptions.Read(
            options.AnalyzerConfigOptionsProvider.GlobalOptions, problem => OptionProblems.TryAdd(problem, 0)));
        if (!Sdk.Any)
        {
            Tokens = new PromptTokens(TokenCountFile.Empty);
            return;
        }

        _catalog = CatalogLoader.Load(options, cancellationToken);
        Tokens = new PromptTokens(EarlierTokenCounts(options, cancellationToken));

        // With the counts of an earlier build, most builds count nothing: the tokenizer is then loaded only when a
        // text no earlier build saw asks for it, not ahead.
        if (Tokens.Earlier.Count == 0)
            TokenCounter.Preload();
    }

    public SdkSymbols Sdk { get; }

    /// <summary>The token counts of this compilation, seeded with the earlier build's.</summary>
    public PromptTokens Tokens { get; }

    /// <summary>The catalog the prices come from; loaded only when the compilation references an SDK.</summary>
    public LoadedCatalog Catalog => _catalog ?? LoadedCatalog.BuiltIn;

    /// <summary>The traffic and assumptions file, read once per compilation, with what matched it so far.</summary>
    public TrafficIndex Traffic { get; }

    /// <summary>The project-wide MSBuild properties: budgets and the prompt-text opt-in.</summary>
    public ProjectOptions Project => _project.Value;

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

    /// <summary>
    /// The position of a call site among the call sites of its member, from 1, in source order (the order of the
    /// report's ordinals), and how many there are. Each member's call sites are found once, and only when a
    /// <c>#N</c> key of the traffic file asks.
    /// </summary>
    public (int Ordinal, int Count) PositionInMember(IInvocationOperation invocation, ISymbol member, CancellationToken cancellationToken)
    {
        var calls = _memberCallSites.GetOrAdd(member, m => CallSitesIn(m, invocation, cancellationToken));
        return (calls.IndexOf(invocation.Syntax.Span) + 1, calls.Length);
    }

    private ImmutableArray<TextSpan> CallSitesIn(ISymbol member, IInvocationOperation use, CancellationToken cancellationToken)
    {
        if (use.SemanticModel is not { } model)
            return ImmutableArray.Create(use.Syntax.Span);

        var calls = new List<TextSpan>();
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != use.Syntax.SyntaxTree)
                continue;

            // Top-level statements are declared by the whole file: the types and namespaces in it are other members.
            var root = reference.GetSyntax(cancellationToken);
            var nodes = root.DescendantNodesAndSelf(n => n == root || n is not MemberDeclarationSyntax || n is GlobalStatementSyntax);
            foreach (var node in nodes.OfType<InvocationExpressionSyntax>())
            {
                if (model.GetOperation(node, cancellationToken) is IInvocationOperation invocation && Read(invocation, cancellationToken) is not null)
                    calls.Add(invocation.Syntax.Span);
            }
        }

        return calls.OrderBy(static c => c.Start).Distinct().ToImmutableArray();
    }

    private static TokenCountFile EarlierTokenCounts(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        if (AdditionalFileKinds.Find(options, AdditionalFileKinds.TokenCounts) is not { } file)
            return TokenCountFile.Empty;

        // The IDE passes the same file to every new compilation of a project; it is parsed once.
        return s_tokenCounts.GetValue(file, f => f.GetText(cancellationToken) is { } text ? TokenCountFile.Parse(text.ToString()) : TokenCountFile.Empty);
    }

    public PromptLintOptions OptionsFor(SyntaxTree tree) =>
        _treeOptions.GetOrAdd(tree, t => PromptLintOptions.Read(
            _options.AnalyzerConfigOptionsProvider.GetOptions(t),
            _options.AnalyzerConfigOptionsProvider.GlobalOptions,
            problem => OptionProblems.TryAdd(problem, 0)));
}
