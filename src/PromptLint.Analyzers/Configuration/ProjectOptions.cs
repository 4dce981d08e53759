using System.Globalization;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PromptLint.Analyzers.Configuration;

/// <summary>The MSBuild properties that hold for the whole project: cost budgets and what the report may carry.</summary>
internal sealed class ProjectOptions
{
    public const string MaxCostPerCallProperty = "PromptLintMaxCostPerCall";
    public const string MaxMonthlyCostProperty = "PromptLintMaxMonthlyCost";
    public const string IncludePromptTextProperty = "PromptLintIncludePromptText";

    /// <summary>PL1005 reports a call whose uncached cost per call is above this; null when no budget is set.</summary>
    public decimal? MaxCostPerCall { get; private set; }

    /// <summary>PL1005 reports the call sites that take the project's monthly cost above this; null when not set.</summary>
    public decimal? MaxMonthlyCost { get; private set; }

    /// <summary>True when the project opts in to prompt text in the cost report.</summary>
    public bool IncludePromptText { get; private set; }

    public static ProjectOptions Read(AnalyzerConfigOptions globalOptions, Action<OptionProblem> report) => new()
    {
        MaxCostPerCall = Budget(globalOptions, MaxCostPerCallProperty, report),
        MaxMonthlyCost = Budget(globalOptions, MaxMonthlyCostProperty, report),
        IncludePromptText = Switch(globalOptions, IncludePromptTextProperty, report),
    };

    private static decimal? Budget(AnalyzerConfigOptions globalOptions, string property, Action<OptionProblem> report)
    {
        if (!globalOptions.TryGetValue("build_property." + property, out var value) || string.IsNullOrWhiteSpace(value))
            return null;

        // "$0.05" and "0.05" both read as five cents; "2,5" and "2,500" are rejected rather than read as 25 or 2500.
        var text = value.Trim();
        var number = text.StartsWith("$", StringComparison.Ordinal) ? text.Substring(1) : text;
        if (decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var budget)
            && budget > 0m)
        {
            return budget;
        }

        report(new OptionProblem(property, text, "an amount in US dollars above zero, such as 0.05 or 2500", "no budget"));
        return null;
    }

    private static bool Switch(AnalyzerConfigOptions globalOptions, string property, Action<OptionProblem> report)
    {
        if (!globalOptions.TryGetValue("build_property." + property, out var value) || string.IsNullOrWhiteSpace(value))
            return false;

        if (bool.TryParse(value.Trim(), out var on))
            return on;

        report(new OptionProblem(property, value.Trim(), "true or false", "false"));
        return false;
    }
}
