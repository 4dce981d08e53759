using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
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
/// The cost family: PL1001 (no output-token cap), PL1003 (estimated cost of the call) and PL1005 (over budget), plus
/// the configuration problems the cost figures depend on. Each call site is read once and serves the rules and the
/// cost report.
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
        public const string DynamicTokensSource = "dynamicTokensSource";
        public const string CallsPerMonth = "callsPerMonth";
        public const string TrafficSource = "trafficSource";
        public const string CacheHitRate = "cacheHitRate";
        public const string CostPerCallCached = "costPerCallCached";
        public const string CheapestModel = "cheapestModel";
        public const string CostPerCallCheapest = "costPerCallCheapest";
        public const string MonthlyCost = "monthlyCost";
        public const string MonthlyCostCached = "monthlyCostCached";
    }

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        Descriptors.MissingOutputCap,
        Descriptors.CostlyModel,
        Descriptors.CallCost,
        Descriptors.CapAboveModelLimit,
        Descriptors.OverBudget,
        Descriptors.CatalogUnusable,
        Descriptors.InvalidOption,
        Descriptors.CallSiteLogFailed,
        Descriptors.TrafficFileUnusable);

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
                // Nothing to analyze and nothing to report: with no log, the build skips the report task altogether
                // and removes the reports of a build that still had LLM code.
                if (!string.IsNullOrWhiteSpace(logPath))
                    CallSiteLog.TryDelete(logPath!);

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
        private readonly bool _keepRecords;
        private readonly ConcurrentBag<RecordedCall> _records = new();
        private readonly ConcurrentDictionary<Location, byte> _rawModelReports = new();

        public CostSession(CallSiteIndex index, AnalyzerOptions options, string? logPath)
        {
            _index = index;
            _options = options;
            _logPath = string.IsNullOrWhiteSpace(logPath) ? null : logPath;

            // Records serve the report and the budgets; without either (the IDE with no budget) none are kept.
            _keepRecords = _logPath is not null || index.Project.MaxCostPerCall is not null || index.Project.MaxMonthlyCost is not null;
        }

        private LoadedCatalog Catalog => _index.Catalog;

        public void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            AnalyzeModelChoice(context);
            if (_index.Read(invocation, context.CancellationToken) is not { } callSite)
                return;

            var options = _index.OptionsFor(invocation.Syntax.SyntaxTree);
            var cached = Caching.AnthropicBreakpointRule.CachedPrefixOf(callSite, _index.Sdk, context.CancellationToken);
            var assumptions = Assumptions(invocation, context.ContainingSymbol, options, context.CancellationToken);
            var estimate = CallEstimate.For(callSite, Catalog.Catalog, _index.Tokens, options, cached, assumptions);

            if (callSite.Cap.State == CapState.Missing)
                context.ReportDiagnostic(MissingCap(callSite, estimate, options));

            // A raw request names its model in its JSON body or URL, where no SDK member takes it.
            if (callSite.IsRawHttp && callSite.Model is { Id: { } id, Expression: { } expression }
                && CostlyModelRule.Check(id, expression, Catalog.Catalog, options, context.CancellationToken) is { } costly
                && _rawModelReports.TryAdd(costly.Location, 0))
            {
                context.ReportDiagnostic(costly);
            }

            foreach (var limit in ModelLimitRule.Check(callSite, estimate))
                context.ReportDiagnostic(limit);

            context.ReportDiagnostic(Cost(callSite, estimate));

            if (_keepRecords)
            {
                var record = Record(callSite, estimate, context.ContainingSymbol, _index.Project.IncludePromptText);
                _records.Add(new RecordedCall(record, invocation.Syntax.GetLocation()));
            }
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
            var project = _index.Project;
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

            foreach (var problem in _index.Traffic.File.Problems.Concat(_index.Traffic.Unmatched()))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.TrafficFileUnusable,
                    TrafficLocation(problem),
                    problem.Path,
                    problem.Place is { } place ? ", line " + Number(place.Line + 1) : "",
                    problem.Message,
                    problem.Consequence));
            }

            foreach (var problem in _index.OptionProblems.Keys.OrderBy(static p => p.Key, StringComparer.Ordinal))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.InvalidOption, Location.None, problem.Key, problem.Value, problem.Expected, problem.Fallback));
            }

            var records = Ordered(_records);
            foreach (var overBudget in Budget.Check(records, project))
                context.ReportDiagnostic(overBudget);

            if (_logPath is null)
                return;

            // No call site, no report: a project that references an SDK without calling it (or whose text only looks
            // like a raw request) gets none, as a project with no SDK gets none, and a report from an earlier build goes.
            if (records.Count == 0)
            {
                CallSiteLog.TryDelete(_logPath);
                return;
            }

            var catalog = Catalog.Catalog;
            var report = NewReport(_options, catalog.Source, catalog.AsOf, catalog.PriceDataAsOf);
            report.CallSites.AddRange(records.Select(static r => r.Record));
            var failure = CallSiteLog.TryWrite(_logPath, report);
            if (failure is not null)
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.CallSiteLogFailed, Location.None, _logPath, failure));

            // The counts only spare the next build some work: one that cannot be written costs that build time, not a
            // finding, so a failure here is not reported (a failure to write the log beside it already is).
            CallSiteLog.TryWriteTokenCounts(_logPath, _index.Tokens);
        }

        private CallAssumptions Assumptions(IInvocationOperation invocation, ISymbol member, PromptLintOptions options, CancellationToken cancellationToken)
        {
            if (_index.Traffic.IsEmpty)
                return CallAssumptions.FromOptions(options);

            var entries = _index.Traffic.Match(member, () => _index.PositionInMember(invocation, member, cancellationToken));
            return new CallAssumptions(entries, options, _index.Traffic);
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

            // Anthropic's REST API requires max_tokens: without it the request is rejected, not left uncapped.
            var consequence = callSite.Cap.Required
                ? "the API rejects the request: Anthropic's Messages API requires max_tokens"
                : estimate.Model is { } model
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
            properties[Properties.DynamicTokensSource] = SourceName(estimate.DynamicTokensSource);
            properties[Properties.CallsPerMonth] = estimate.CallsPerMonth?.ToString(CultureInfo.InvariantCulture);
            properties[Properties.TrafficSource] = SourceName(estimate.TrafficSource);
            properties[Properties.CacheHitRate] = estimate.CacheHitRate.ToString(CultureInfo.InvariantCulture);
            properties[Properties.CostPerCallCached] = estimate.CostPerCallCached?.ToString(CultureInfo.InvariantCulture);
            properties[Properties.CheapestModel] = estimate.CheapestModel?.Id;
            properties[Properties.CostPerCallCheapest] = estimate.CostPerCallCheapest?.ToString(CultureInfo.InvariantCulture);
            properties[Properties.MonthlyCost] = estimate.MonthlyCost?.ToString(CultureInfo.InvariantCulture);
            properties[Properties.MonthlyCostCached] = estimate.MonthlyCostCached?.ToString(CultureInfo.InvariantCulture);

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
            if (estimate.MonthlyCost is { } monthly)
                warm += $"; {Money(monthly)} per month at {Calls(estimate.CallsPerMonth!.Value)} calls";

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

        private static CallSiteRecord Record(CallSite callSite, CallEstimate estimate, ISymbol containingSymbol, bool includePromptText)
        {
            var span = callSite.Invocation.Syntax.GetLocation().GetLineSpan();
            return new CallSiteRecord
            {
                File = span.Path,
                Line = span.StartLinePosition.Line + 1,
                Column = span.StartLinePosition.Character + 1,
                Member = TrafficIndex.QualifiedName(containingSymbol),
                Sdk = callSite.SdkDisplayName,
                Method = callSite.Method,
                Model = estimate.ModelId,
                ModelSource = estimate.ModelSource.ToString().ToLowerInvariant(),
                ModelKnown = estimate.Model is not null,
                Deployment = estimate.Deployment,
                StaticInputTokens = estimate.StaticInputTokens,
                DynamicSegments = estimate.DynamicSegments,
                AssumedDynamicTokens = estimate.AssumedDynamicTokens,
                DynamicTokensSource = SourceName(estimate.DynamicTokensSource) ?? "none",
                PrefixTokens = estimate.PrefixTokens,
                OutputCap = callSite.Cap.State == CapState.Set ? callSite.Cap.Value : null,
                OutputTokens = estimate.OutputTokens,
                OutputAssumed = estimate.OutputAssumed,
                TokensApproximate = estimate.TokensApproximate,
                CostPerCall = estimate.Cost?.Uncached,
                CostPerCallWarmCache = estimate.Cost?.WarmCache,
                CacheHitRate = estimate.CacheHitRate,
                CostPerCallCached = estimate.CostPerCallCached,
                CheapestModel = estimate.CheapestModel?.Id,
                CostPerCallCheapest = estimate.CostPerCallCheapest,
                CallsPerMonth = estimate.CallsPerMonth,
                TrafficSource = SourceName(estimate.TrafficSource) ?? "none",
                PromptText = includePromptText ? PromptTextOf(callSite) : null,
            };
        }

        /// <summary>The prompt as the analyzer sees it: constant text in the order sent, <c>{…}</c> for each part known
        /// only at run time, and a blank line where the role changes (system, user, messages).</summary>
        private static string PromptTextOf(CallSite callSite)
        {
            var text = new StringBuilder();
            string? role = null;
            foreach (var segment in callSite.Prompt)
            {
                if (role is not null && segment.Role != role)
                    text.Append("\n\n");
                role = segment.Role;
                text.Append(segment.Text ?? "{…}");
            }

            return text.ToString();
        }

        private static List<RecordedCall> Ordered(IEnumerable<RecordedCall> records)
        {
            var ordered = records
                .OrderBy(static r => r.Record.File, StringComparer.Ordinal)
                .ThenBy(static r => r.Record.Line)
                .ThenBy(static r => r.Record.Column)
                .ToList();

            foreach (var member in ordered.GroupBy(static r => r.Record.Member, StringComparer.Ordinal))
            {
                var ordinal = 1;
                foreach (var record in member)
                    record.Record.Ordinal = ordinal++;
            }

            return ordered;
        }

        private static Location TrafficLocation(TrafficProblem problem)
        {
            if (problem.Place is not { } place)
                return Location.None;

            var start = new LinePosition(place.Line, place.Column);
            var end = new LinePosition(place.Line, place.Column + place.Length);
            return Location.Create(problem.Path, new TextSpan(place.Offset, place.Length), new LinePositionSpan(start, end));
        }

        private static string? SourceName(AssumptionSource? source) => source switch
        {
            null => null,
            AssumptionSource.CallSite => "callSite",
            AssumptionSource.Member => "member",
            AssumptionSource.Project => "project",
            AssumptionSource.EditorConfig => "editorconfig",
            _ => "default",
        };

        private static string Calls(long calls) => calls.ToString("N0", CultureInfo.InvariantCulture);

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
