using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using PromptLint.Analyzers.CallSites;
using PromptLint.Analyzers.Sdk;

namespace PromptLint.Analyzers.Rules.Reliability;

/// <summary>
/// The reliability family: PL3001 (no retry budget on the LLM client), read at the client's creation, and PL3002 (LLM
/// call inside a loop with no iteration or token ceiling), read at each call site.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReliabilityAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Property names of PL3001 diagnostics, read by the code fix and the tests.</summary>
    public static class Properties
    {
        public const string Reason = "reason";
        public const string Retries = "retries";
        public const string RetryFix = "retryFix";
        public const string Member = "member";
        public const string OptionsType = "optionsType";
        public const string SuggestedRetries = "suggestedRetries";
    }

    /// <summary>The values of <see cref="Properties.Reason"/>.</summary>
    public static class Reasons
    {
        public const string RetriesOff = "retriesOff";
        public const string AboveBudget = "aboveBudget";
        public const string SdkDefault = "sdkDefault";

        /// <summary>A raw <c>HttpClient</c>, or a Betalgo service, with no retrying handler: no retries at all.</summary>
        public const string NoRetry = "noRetry";
    }

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.NoRetryBudget,
        Descriptors.UnboundedAgentLoop);

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

            var symbols = RetrySymbols.For(start.Compilation, index.Sdk);
            var reported = new ConcurrentDictionary<(string Id, Location Location), byte>();

            start.RegisterOperationAction(context =>
            {
                var creation = (IObjectCreationOperation)context.Operation;
                if (creation.Constructor is null || creation.Syntax.ContainsDiagnostics)
                    return;

                if (index.Sdk.HasBetalgo && BetalgoRetries.OfService(creation, symbols, context.CancellationToken) is { } betalgo)
                {
                    Report(context, betalgo, reported);
                    return;
                }

                var (sdk, budget) = BudgetOfCreation(creation, symbols, context.CancellationToken);
                if (sdk is null)
                    return;

                var options = index.OptionsFor(creation.Syntax.SyntaxTree);
                Report(context, RetryBudgetRule.Check(budget, sdk, creation.Syntax, options), reported);
            }, OperationKind.ObjectCreation);

            start.RegisterOperationAction(context =>
            {
                var invocation = (IInvocationOperation)context.Operation;
                if (invocation.TargetMethod is null || invocation.Syntax.ContainsDiagnostics)
                    return;

                if (IsAnthropicWithOptions(invocation.TargetMethod, symbols)
                    && RetryBudgetReader.OfAnthropicView(invocation, symbols, context.CancellationToken) is { } view)
                {
                    var options = index.OptionsFor(invocation.Syntax.SyntaxTree);
                    Report(context, RetryBudgetRule.Check(view, "Anthropic", invocation.Syntax, options), reported);
                    return;
                }

                if (index.Sdk.HasSemanticKernel
                    && KernelConnectorRetries.OfRegistration(invocation, context.CancellationToken) is { } registered)
                {
                    var options = index.OptionsFor(invocation.Syntax.SyntaxTree);
                    Report(context, RetryBudgetRule.Check(registered, SemanticKernel, invocation.Syntax, options), reported);
                    return;
                }

                if (index.Sdk.HasBetalgo && BetalgoRetries.OfRegistration(invocation, symbols, context.CancellationToken) is { } betalgo)
                {
                    Report(context, betalgo, reported);
                    return;
                }

                if (index.Sdk.HasRawHttp && HttpClientRetries.OfRegistration(invocation, symbols, context.CancellationToken) is { } registration)
                {
                    Report(context, registration, reported);
                    return;
                }

                if (index.Read(invocation, context.CancellationToken) is not { } callSite)
                    return;

                if (callSite.IsRawHttp)
                    Report(context, HttpClientRetries.OfCallSite(callSite, symbols, context.CancellationToken), reported);
                Report(context, AgentLoopRule.Check(callSite, index, context.CancellationToken), reported);
            }, OperationKind.Invocation);
        });
    }

    private const string SemanticKernel = "Semantic Kernel";

    private static (string? Sdk, RetryBudget Budget) BudgetOfCreation(
        IObjectCreationOperation creation,
        RetrySymbols symbols,
        CancellationToken cancellationToken)
    {
        if (SdkSymbols.IsOrDerives(creation.Type, symbols.AnthropicClient))
            return ("Anthropic", RetryBudgetReader.OfAnthropicClient(creation, symbols, cancellationToken));

        if (symbols.PipelineClientSdk(creation.Type) is { } sdk && IsPipelineClient(creation.Type!, symbols))
            return (sdk, RetryBudgetReader.OfPipelineClient(creation, symbols, cancellationToken));

        if (KernelConnectorRetries.OfService(creation, cancellationToken) is { } connector)
            return (SemanticKernel, connector);

        return (null, RetryBudget.Unknown);
    }

    // A client of System.ClientModel takes its pipeline options in one of its constructors; the options types do not.
    private static bool IsPipelineClient(ITypeSymbol type, RetrySymbols symbols) =>
        type is INamedTypeSymbol named
        && !symbols.IsPipelineOptions(named)
        && named.InstanceConstructors.Any(c => c.Parameters.Any(p => symbols.IsPipelineOptions(p.Type)));

    // WithOptions(Func<ClientOptions, ClientOptions>) on the Anthropic client and its services.
    private static bool IsAnthropicWithOptions(IMethodSymbol method, RetrySymbols symbols) =>
        method.Name == "WithOptions"
        && method.Parameters.Length == 1
        && method.Parameters[0].Type is INamedTypeSymbol { TypeArguments.Length: 2 } modifier
        && SdkSymbols.Is(modifier.TypeArguments[0], symbols.AnthropicClientOptions);

    private static void Report(
        OperationAnalysisContext context,
        Diagnostic? diagnostic,
        ConcurrentDictionary<(string, Location), byte> reported)
    {
        if (diagnostic is not null && reported.TryAdd((diagnostic.Id, diagnostic.Location), 0))
            context.ReportDiagnostic(diagnostic);
    }
}
