using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;

namespace PromptLint.Analyzers.Rules.Caching;

/// <summary>
/// The caching family: PL2001 (volatile content before the cacheable prefix), PL2002 (prefix too short to
/// cache) and PL2003 (no Anthropic cache breakpoint). Each rule reads the prompt segments of the call site, in the
/// order the provider receives them.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CachingAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.VolatileBeforePrefix,
        Descriptors.PrefixTooShort,
        Descriptors.MissingCacheBreakpoint);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var index = CallSiteIndex.For(start.Compilation, start.Options, start.CancellationToken);
            if (!index.Sdk.Any)
                return;

            // A prompt built once and sent from several calls is one finding at its volatile part, not one per call.
            var reported = new ConcurrentDictionary<(string Id, Location Location), byte>();
            start.RegisterOperationAction(context =>
            {
                if (index.Read((IInvocationOperation)context.Operation, context.CancellationToken) is not { } callSite)
                    return;

                var options = index.OptionsFor(callSite.Invocation.Syntax.SyntaxTree);
                var model = CallEstimate.ResolveModel(callSite, index.Catalog.Catalog, options).Model;
                var diagnostics = VolatilePrefixRule.Check(callSite, model, index.Tokens, options)
                    .Concat(ShortPrefixRule.Check(callSite, model, index.Tokens, options))
                    .Concat(AnthropicBreakpointRule.Check(callSite, model, index.Tokens, index.Sdk, context.CancellationToken));
                foreach (var diagnostic in diagnostics)
                {
                    if (reported.TryAdd((diagnostic.Id, diagnostic.Location), 0))
                        context.ReportDiagnostic(diagnostic);
                }
            }, OperationKind.Invocation);
        });
    }
}
