using System.Globalization;
using Microsoft.CodeAnalysis;
using PromptLint.Analyzers.Configuration;
using PromptLint.Core.Costs;
using PromptLint.Core.Reports;

namespace PromptLint.Analyzers.Rules.Cost;

/// <summary>A call site's record for the report, with where the call is, for diagnostics at compilation end.</summary>
internal sealed class RecordedCall
{
    public RecordedCall(CallSiteRecord record, Location location)
    {
        Record = record;
        Location = location;
    }

    public CallSiteRecord Record { get; }

    public Location Location { get; }
}

/// <summary>
/// PL1005: a call whose uncached cost per call is above <c>PromptLintMaxCostPerCall</c>; and, when the project's
/// monthly cost at the stated cache hit rates is above <c>PromptLintMaxMonthlyCost</c>, the call sites that take it
/// there: the most expensive first, until what is left fits the budget. A call site over the budget on its own is
/// always among them. Checked once the compilation is done, since the monthly total needs every call site.
/// </summary>
internal static class Budget
{
    public const string PerCallProperty = ProjectOptions.MaxCostPerCallProperty;
    public const string MonthlyProperty = ProjectOptions.MaxMonthlyCostProperty;

    public static IEnumerable<Diagnostic> Check(IReadOnlyList<RecordedCall> calls, ProjectOptions project)
    {
        if (project.MaxCostPerCall is { } perCallBudget)
        {
            foreach (var call in calls)
            {
                var record = call.Record;
                if (record.CostPerCall is not { } cost || cost <= perCallBudget)
                    continue;

                var output = record.OutputAssumed ? "assumed output" : "output";
                var detail = $"This call costs about {Money(cost)} per call ({record.Model}, {Count(record.InputTokens)} input and "
                    + $"{Count(record.OutputTokens)} {output} tokens)";
                yield return Diagnostic.Create(Descriptors.OverBudget, call.Location, detail, PerCallProperty, Money(perCallBudget));
            }
        }

        if (project.MaxMonthlyCost is not { } monthlyBudget)
            yield break;

        var total = calls.Sum(static c => c.Record.MonthlyCostCached ?? 0m);
        if (total <= monthlyBudget)
            yield break;

        // The calls are in file order, so equal costs keep a stable order.
        var remaining = total;
        foreach (var call in calls.Where(static c => c.Record.MonthlyCostCached > 0m).OrderByDescending(static c => c.Record.MonthlyCostCached!.Value))
        {
            if (remaining <= monthlyBudget)
                yield break;

            var record = call.Record;
            var monthly = record.MonthlyCostCached!.Value;
            remaining -= monthly;
            var cache = record.CostPerCallCached != record.CostPerCall ? $" each, cache hit rate {Percent(record.CacheHitRate)}" : "";
            var detail = $"This call site costs about {Money(monthly)} a month ({Calls(record.CallsPerMonth!.Value)} calls at "
                + $"{Money(record.CostPerCallCached!.Value)}{cache}); the project's LLM calls come to about {Money(total)} a month";
            yield return Diagnostic.Create(Descriptors.OverBudget, call.Location, detail, MonthlyProperty, Money(monthlyBudget));
        }
    }

    private static string Money(decimal value) => MoneyText.Format(value);

    private static string Count(int value) => CountText.Format(value);

    private static string Calls(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Percent(decimal rate) => (rate * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
