using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;
using PromptLint.Analyzers.CallSites;
using PromptLint.Analyzers.Configuration;
using PromptLint.Analyzers.Reporting;
using PromptLint.Analyzers.Sdk;
using PromptLint.Core.Catalog;
using PromptLint.Core.Costs;
using PromptLint.Core.Reports;

namespace PromptLint.Analyzers.Rules.Cost;

/// <summary>
/// The cost family: PL1001 (no output-token cap) and PL1003 (estimated cost of the call), plus the configuration
/// problems the cost figures depend on. Each call site is read once and serves both rules and the cost report.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CostAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Property names of PL1001 and PL1003 diagnostics, read by the code fix and the tests.</summary>
    public static class Properties
    {
        public const string CapFix = "capFix";
        public const string CapProperty = "capProperty";
        public const string OptionsType = "optionsType";
        public const string SuggestedCap = "suggestedCap";
        public const string Model = "model";
        public const string ModelKnown = "modelKnown";
        public const string Deployment = "deployment";
        public const string StaticInputTokens = "staticInputTokens";
        public const string AssumedDynamicTokens = "assumedDynamicTokens";
        public const string PrefixTokens = "prefixTokens";
        public const string OutputTokens = "outputTokens";
        public const string OutputAssumed = "outputAssumed";
        public const string TokensApproximate = "tokensApproximate";
        public const string CostPerCall = "costPerCall";
        public const string CostPerCallWarmCache = "costPerCallWarmCache";
    }

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.MissingOutputCap,
        Descriptors.CostlyModel,
        Descriptors.CallCost,
        Descriptors.CapAboveModelLimit,
        Descriptors.CatalogUnusable,
        Descriptors.InvalidOption,
        Descriptors.CallSiteLogFailed);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(static start =>
        {
            var index = CallSiteIndex.For(start.Compilation, start.Options, start.CancellationToken);
            var globalOptions = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions;
            globalOptions.TryGetValue(PromptLintOptions.CallSiteLogProperty, out var logPath);

            if (!index.Sdk.Any)
            {
                // Nothing to analyse; an empty log still tells the report task that this compile ran.
                if (!string.IsNullOrWhiteSpace(logPath))
                {
                    var (asOf, priceDataAsOf) = ModelCatalog.BuiltInDates();
                    CallSiteLog.TryWrite(logPath!, NewReport(start.Options, "built-in", asOf, priceDataAsOf));
                }

                return;
            }

            var session = new CostSession(index, start.Options, logPath);
            start.RegisterOperationAction(session.AnalyzeInvocation, OperationKind.Invocation);
            start.RegisterOperationAction(session.AnalyzeModelChoice, OperationKind.ObjectCreation, OperationKind.SimpleAssignment);
            start.RegisterCompilationEndAction(session.End);
        });
    }

    private static CostReport NewReport(AnalyzerOptions options, string catalogSource, string asOf, string priceDataAsOf)
    {
        options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(PromptLintOptions.ProjectNameProperty, out var project);
        return new CostReport
        {
            Project = project ?? "",
            CatalogSource = catalogSource,
            CatalogAsOf = asOf,
            PriceDataAsOf = priceDataAsOf,
        };
    }

    /// <summary>The state of one compilation's analysis.</summary>
    private sealed class CostSession
    {
        private readonly CallSiteIndex _index;
        private readonly AnalyzerOptions _options;
        private readonly string? _logPath;
        private readonly ConcurrentBag<CallSiteRecord> _records = new();

        public CostSession(CallSiteIndex index, AnalyzerOptions options, string? logPath)
        {
            _index = index;
            _options = options;
            _logPath = string.IsNullOrWhiteSpace(logPath) ? null : logPath;
        }

        private LoadedCatalog Catalog => _index.Catalog;

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            AnalyzeModelChoice(context);
            if (_index.Read(invocation, context.CancellationToken) is not { } callSite)
                return;

            var options = _index.OptionsFor(invocation.Syntax.SyntaxTree);
            var cached = Caching.AnthropicBreakpointRule.PrefixIsCached(callSite, _index.Sdk, context.CancellationToken);
            var estimate = CallEstimate.For(callSite, Catalog.Catalog, options, cached);

            if (callSite.Cap.State == CapState.Missing)
                context.ReportDiagnostic(MissingCap(callSite, estimate, options));

            foreach (var limit in ModelLimitRule.Check(callSite, estimate))
                context.ReportDiagnostic(limit);

            context.ReportDiagnostic(Cost(callSite, estimate));

            if (_logPath is not null)
                _records.Add(Record(callSite, estimate, context.ContainingSymbol));
        }

        /// <summary>PL1002 at every place an SDK takes a model id: clients, options, requests, registrations.</summary>
        public void AnalyzeModelChoice(OperationAnalysisContext context)
        {
            foreach (var (expression, isDeployment) in CostlyModelRule.ModelExpressions(context.Operation, _index.Sdk, context.CancellationToken))
            {
                var options = _index.OptionsFor(context.Operation.Syntax.SyntaxTree);
                if (CostlyModelRule.Check(expression, isDeployment, Catalog.Catalog, options, context.CancellationToken) is { } diagnostic)
                    context.ReportDiagnostic(diagnostic);
            }
        }

        public void End(CompilationAnalysisContext context)
        {
            foreach (var problem in Catalog.Problems)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.CatalogUnusable,
                    CatalogLocation(problem),
                    problem.FilePath,
                    problem.Line,
                    problem.Field,
                    problem.Message,
                    problem.Field is "$" or "models"
                        ? "PromptLint uses the built-in catalog"
                        : "PromptLint leaves this entry out and uses the rest of the file over the built-in catalog"));
            }

            foreach (var problem in _index.OptionProblems.Keys.OrderBy(static p => p.Key, StringComparer.Ordinal))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.InvalidOption, Location.None, problem.Key, problem.Value, problem.Expected, problem.Fallback));
            }

            if (_logPath is null)
                return;

            var catalog = Catalog.Catalog;
            var report = NewReport(_options, catalog.Source, catalog.AsOf, catalog.PriceDataAsOf);
            report.CallSites.AddRange(Ordered(_records));
            var failure = CallSiteLog.TryWrite(_logPath, report);
            if (failure is not null)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallSiteLogFailed, Location.None, _logPath, failure));
        }

        private static Diagnostic MissingCap(CallSite callSite, CallEstimate estimate, PromptLintOptions options)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[Properties.CapFix] = callSite.Cap.Fix.ToString();
            properties[Properties.CapProperty] = callSite.Cap.CapProperty;
            properties[Properties.OptionsType] = callSite.Cap.OptionsType;
            properties[Properties.SuggestedCap] = options.MaxOutputTokens.ToString(CultureInfo.InvariantCulture);

            var additional = callSite.Cap.FixTarget is { } target && target.SyntaxTree == callSite.Invocation.Syntax.SyntaxTree
                ? new[] { target.GetLocation() }
                : Array.Empty<Location>();

            var consequence = estimate.Model is { } model
                ? $"{model.Id} may answer with up to {Count(model.MaxOutputTokens)} tokens"
                : "the model may answer at any length it allows";

            return Diagnostic.Create(
                Descriptors.MissingOutputCap,
                callSite.Invocation.Syntax.GetLocation(),
                additional,
                properties.ToImmutable(),
                callSite.SdkDisplayName,
                callSite.Cap.Reason,
                consequence);
        }

        private static Diagnostic Cost(CallSite callSite, CallEstimate estimate)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string?>();
            properties[Properties.Model] = estimate.ModelId;
            properties[Properties.ModelKnown] = estimate.Model is null ? "false" : "true";
            properties[Properties.Deployment] = estimate.Deployment;
            properties[Properties.StaticInputTokens] = Number(estimate.StaticInputTokens);
            properties[Properties.AssumedDynamicTokens] = Number(estimate.AssumedDynamicTokens);
            properties[Properties.PrefixTokens] = Number(estimate.PrefixTokens);
            properties[Properties.OutputTokens] = Number(estimate.OutputTokens);
            properties[Properties.OutputAssumed] = estimate.OutputAssumed ? "true" : "false";
            properties[Properties.TokensApproximate] = estimate.TokensApproximate ? "true" : "false";
            properties[Properties.CostPerCall] = estimate.Cost?.Uncached.ToString(CultureInfo.InvariantCulture);
            properties[Properties.CostPerCallWarmCache] = estimate.Cost?.WarmCache.ToString(CultureInfo.InvariantCulture);

            var input = estimate.StaticInputTokens + estimate.AssumedDynamicTokens;
            var inputDetail = estimate.DynamicSegments == 0
                ? $"{Count(estimate.StaticInputTokens)} static"
                : $"{Count(estimate.StaticInputTokens)} static + {Count(estimate.AssumedDynamicTokens)} assumed for "
                  + $"{estimate.DynamicSegments} dynamic part{(estimate.DynamicSegments == 1 ? "" : "s")}";
            if (estimate.TokensApproximate)
                inputDetail += ", approximate";

            var model = estimate.Model is not null
                ? estimate.ModelId!
                : estimate.ModelId is null ? "no model seen" : $"unknown model '{estimate.ModelId}'";
            if (estimate.Deployment is { } deployment)
            {
                model = estimate.ModelId is null
                    ? $"deployment '{deployment}', not mapped to a model (promptlint.azure_deployments)"
                    : $"{model} (deployment '{deployment}')";
            }

            var cost = estimate.Cost is { } c ? Money(c.Uncached) : "not priced";
            var warm = estimate.Cost is { } w && w.CachedTokens > 0 ? $", {Money(w.WarmCache)} with a warm prompt cache" : "";

            return Diagnostic.Create(
                Descriptors.CallCost,
                callSite.Invocation.Syntax.GetLocation(),
                properties.ToImmutable(),
                model,
                Count(input),
                inputDetail,
                Count(estimate.OutputTokens),
                estimate.OutputAssumed ? "assumed, no constant cap"
                    : callSite.Cap.Value > estimate.OutputTokens ? $"the model's maximum; the cap of {Count(callSite.Cap.Value!.Value)} is above it"
                    : "the cap",
                cost,
                warm);
        }

        private static CallSiteRecord Record(CallSite callSite, CallEstimate estimate, ISymbol containingSymbol)
        {
            var span = callSite.Invocation.Syntax.GetLocation().GetLineSpan();
            return new CallSiteRecord
            {
                File = span.Path,
                Line = span.StartLinePosition.Line + 1,
                Column = span.StartLinePosition.Character + 1,
                Member = containingSymbol.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                Sdk = callSite.SdkDisplayName,
                Method = callSite.Method,
                Model = estimate.ModelId,
                ModelSource = estimate.ModelSource.ToString().ToLowerInvariant(),
                ModelKnown = estimate.Model is not null,
                StaticInputTokens = estimate.StaticInputTokens,
                DynamicSegments = estimate.DynamicSegments,
                AssumedDynamicTokens = estimate.AssumedDynamicTokens,
                DynamicTokensSource = estimate.DynamicSegments > 0 ? "default" : "none",
                PrefixTokens = estimate.PrefixTokens,
                OutputCap = callSite.Cap.State == CapState.Set ? callSite.Cap.Value : null,
                OutputTokens = estimate.OutputTokens,
                OutputAssumed = estimate.OutputAssumed,
                TokensApproximate = estimate.TokensApproximate,
                CostPerCall = estimate.Cost?.Uncached,
                CostPerCallWarmCache = estimate.Cost?.WarmCache,
            };
        }

        private static IEnumerable<CallSiteRecord> Ordered(IEnumerable<CallSiteRecord> records)
        {
            var ordered = records
                .OrderBy(static r => r.File, StringComparer.Ordinal)
                .ThenBy(static r => r.Line)
                .ThenBy(static r => r.Column)
                .ToList();

            foreach (var member in ordered.GroupBy(static r => r.Member, StringComparer.Ordinal))
            {
                var ordinal = 1;
                foreach (var record in member)
                    record.Ordinal = ordinal++;
            }

            return ordered;
        }

        private static Location CatalogLocation(CatalogProblem problem)
        {
            if (problem.Line <= 0)
                return Location.None;

            var position = new LinePosition(problem.Line - 1, 0);
            return Location.Create(problem.FilePath, default, new LinePositionSpan(position, position));
        }

        private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Count(int value) => CountText.Format(value);

        private static string Money(decimal value) => MoneyText.Format(value);
    }
}
