using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace PromptLint.Analyzers.Configuration;

/// <summary>The <c>promptlint.*</c> options of one syntax tree, from .editorconfig and MSBuild properties.</summary>
internal sealed class PromptLintOptions
{
    public const string DefaultMaxOutputTokensKey = "promptlint.default_max_output_tokens";
    public const string DefaultModelKey = "promptlint.default_model";
    public const string AssumedOutputTokensKey = "promptlint.assumed_output_tokens";
    public const string AssumedDynamicTokensKey = "promptlint.assumed_dynamic_tokens";
    public const string AssumedCacheHitRateKey = "promptlint.assumed_cache_hit_rate";
    public const string MinStaticTokensAfterVolatileKey = "promptlint.min_static_tokens_after_volatile";
    public const string MinPrefixTokensOfInterestKey = "promptlint.min_prefix_tokens_of_interest";
    public const string CostlyInputPriceKey = "promptlint.costly_input_price_per_mtok";
    public const string CostlyOutputPriceKey = "promptlint.costly_output_price_per_mtok";
    public const string AllowedModelsKey = "promptlint.allowed_models";
    public const string MaxRetriesKey = "promptlint.max_retries";
    public const string RequireExplicitRetryBudgetKey = "promptlint.require_explicit_retry_budget";
    public const string AzureDeploymentsKey = "promptlint.azure_deployments";
    public const string DefaultModelProperty = "build_property.PromptLintDefaultModel";
    public const string CallSiteLogProperty = "build_property.PromptLintCallSiteLog";
    public const string ProjectNameProperty = "build_property.MSBuildProjectName";
    public const string AdditionalFileKindMetadata = "build_metadata.AdditionalFiles.PromptLintKind";

    public const int DefaultMaxOutputTokens = 1024;
    public const int DefaultAssumedOutputTokens = 500;
    public const int DefaultAssumedDynamicTokens = 200;
    public const decimal DefaultAssumedCacheHitRate = 0.5m;
    public const int DefaultMinStaticTokensAfterVolatile = 256;
    public const int DefaultMinPrefixTokensOfInterest = 256;
    public const int DefaultMaxRetries = 5;

    private static readonly IReadOnlyDictionary<string, string> s_noDeployments = new Dictionary<string, string>();

    public int MaxOutputTokens { get; private set; } = DefaultMaxOutputTokens;

    public string? DefaultModel { get; private set; }

    public int AssumedOutputTokens { get; private set; } = DefaultAssumedOutputTokens;

    public int AssumedDynamicTokens { get; private set; } = DefaultAssumedDynamicTokens;

    /// <summary>True when <see cref="AssumedDynamicTokens"/> is set in configuration rather than the built-in value.</summary>
    public bool AssumedDynamicTokensStated { get; private set; }

    /// <summary>The share of requests assumed to find the prompt prefix in the provider's cache, from 0 to 1.</summary>
    public decimal AssumedCacheHitRate { get; private set; } = DefaultAssumedCacheHitRate;

    /// <summary>PL2001 reports a volatile segment only when at least this many constant tokens follow it.</summary>
    public int MinStaticTokensAfterVolatile { get; private set; } = DefaultMinStaticTokensAfterVolatile;

    /// <summary>PL2002 ignores prefixes shorter than this: a short one-off prompt is not worth padding.</summary>
    public int MinPrefixTokensOfInterest { get; private set; } = DefaultMinPrefixTokensOfInterest;

    /// <summary>PL1002 also reports models whose input price per 1M tokens is at least this; null when not set.</summary>
    public decimal? CostlyInputPrice { get; private set; }

    /// <summary>PL1002 also reports models whose output price per 1M tokens is at least this; null when not set.</summary>
    public decimal? CostlyOutputPrice { get; private set; }

    /// <summary>Model ids PL1002 never reports.</summary>
    public IReadOnlyCollection<string> AllowedModels { get; private set; } = Array.Empty<string>();

    /// <summary>
    /// The model each Azure OpenAI deployment serves, from <c>promptlint.azure_deployments</c>; deployment names are
    /// compared ignoring case, as Azure does.
    /// </summary>
    public IReadOnlyDictionary<string, string> AzureDeployments { get; private set; } = s_noDeployments;

    /// <summary>PL3001 reports a client that retries a failed request more often than this.</summary>
    public int MaxRetries { get; private set; } = DefaultMaxRetries;

    /// <summary>PL3001 also reports clients left on their SDK's default retry budget.</summary>
    public bool RequireExplicitRetryBudget { get; private set; }

    /// <summary>Reads the options that apply to one tree; a value that cannot be understood is reported and replaced by the default.</summary>
    public static PromptLintOptions Read(AnalyzerConfigOptions treeOptions, AnalyzerConfigOptions globalOptions, Action<OptionProblem> report)
    {
        var options = new PromptLintOptions
        {
            MaxOutputTokens = PositiveInt(treeOptions, globalOptions, DefaultMaxOutputTokensKey, DefaultMaxOutputTokens, report),
            AssumedOutputTokens = PositiveInt(treeOptions, globalOptions, AssumedOutputTokensKey, DefaultAssumedOutputTokens, report),
            AssumedDynamicTokens = PositiveInt(treeOptions, globalOptions, AssumedDynamicTokensKey, DefaultAssumedDynamicTokens, report, allowZero: true),
            MinStaticTokensAfterVolatile = PositiveInt(treeOptions, globalOptions, MinStaticTokensAfterVolatileKey, DefaultMinStaticTokensAfterVolatile, report, allowZero: true),
            MinPrefixTokensOfInterest = PositiveInt(treeOptions, globalOptions, MinPrefixTokensOfInterestKey, DefaultMinPrefixTokensOfInterest, report, allowZero: true),
        };

        options.AssumedDynamicTokensStated =
            int.TryParse(Value(treeOptions, globalOptions, AssumedDynamicTokensKey)?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var stated)
            && stated >= 0;
        options.AssumedCacheHitRate = Rate(treeOptions, globalOptions, AssumedCacheHitRateKey, DefaultAssumedCacheHitRate, report);
        options.MaxRetries = PositiveInt(treeOptions, globalOptions, MaxRetriesKey, DefaultMaxRetries, report);
        options.RequireExplicitRetryBudget = Switch(treeOptions, globalOptions, RequireExplicitRetryBudgetKey, report);
        options.CostlyInputPrice = Price(treeOptions, globalOptions, CostlyInputPriceKey, report);
        options.CostlyOutputPrice = Price(treeOptions, globalOptions, CostlyOutputPriceKey, report);
        options.AllowedModels = (Value(treeOptions, globalOptions, AllowedModelsKey) ?? "")
            .Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries)
            .ToArray();
        options.AzureDeployments = Deployments(treeOptions, globalOptions, report);

        var model = Value(treeOptions, globalOptions, DefaultModelKey);
        if (string.IsNullOrWhiteSpace(model) && globalOptions.TryGetValue(DefaultModelProperty, out var property))
            model = property;
        options.DefaultModel = string.IsNullOrWhiteSpace(model) ? null : model!.Trim();
        return options;
    }

    /// <summary>
    /// Reads <c>deployment=model</c> pairs separated by commas. An entry that is not one such pair, or a deployment
    /// mapped twice to different models, is reported and left out; the other entries are used.
    /// </summary>
    private static IReadOnlyDictionary<string, string> Deployments(
        AnalyzerConfigOptions treeOptions, AnalyzerConfigOptions globalOptions, Action<OptionProblem> report)
    {
        var text = Value(treeOptions, globalOptions, AzureDeploymentsKey);
        if (string.IsNullOrWhiteSpace(text))
            return s_noDeployments;

        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var conflicting = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in text!.Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries).Select(static e => e.Trim()).Where(static e => e.Length > 0))
        {
            var parts = entry.Split('=');
            var deployment = parts[0].Trim();
            var model = parts.Length == 2 ? parts[1].Trim() : "";
            if (parts.Length != 2 || !IsName(deployment) || !IsName(model))
            {
                report(new OptionProblem(AzureDeploymentsKey, entry, "a deployment=model pair", "the other entries"));
                continue;
            }

            if (map.TryGetValue(deployment, out var earlier) && !string.Equals(earlier, model, StringComparison.OrdinalIgnoreCase))
            {
                conflicting.Add(deployment);
                report(new OptionProblem(
                    AzureDeploymentsKey, entry, $"consistent with the earlier entry '{deployment}={earlier}'", "neither entry"));
                continue;
            }

            map[deployment] = model;
        }

        foreach (var deployment in conflicting)
            map.Remove(deployment);

        return map;
    }

    private static bool IsName(string value) => value.Length > 0 && !value.Any(char.IsWhiteSpace);

    private static bool Switch(AnalyzerConfigOptions treeOptions, AnalyzerConfigOptions globalOptions, string key, Action<OptionProblem> report)
    {
        var text = Value(treeOptions, globalOptions, key)?.Trim();
        if (string.IsNullOrEmpty(text))
            return false;

        if (bool.TryParse(text, out var value))
            return value;

        report(new OptionProblem(key, text!, "true or false", "false"));
        return false;
    }

    private static string? Value(AnalyzerConfigOptions treeOptions, AnalyzerConfigOptions globalOptions, string key) =>
        treeOptions.TryGetValue(key, out var value) || globalOptions.TryGetValue(key, out value) ? value : null;

    private static decimal? Price(AnalyzerConfigOptions treeOptions, AnalyzerConfigOptions globalOptions, string key, Action<OptionProblem> report)
    {
        var text = Value(treeOptions, globalOptions, key);
        if (text is null || text.Trim().Length == 0)
            return null;

        if (decimal.TryParse(text.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value > 0)
            return value;

        report(new OptionProblem(key, text.Trim(), "a price in dollars above zero", "no price threshold"));
        return null;
    }

    private static decimal Rate(AnalyzerConfigOptions treeOptions, AnalyzerConfigOptions globalOptions, string key, decimal fallback, Action<OptionProblem> report)
    {
        var text = Value(treeOptions, globalOptions, key)?.Trim();
        if (string.IsNullOrEmpty(text))
            return fallback;

        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) && value >= 0m && value <= 1m)
            return value;

        report(new OptionProblem(key, text!, "a number from 0 to 1", fallback.ToString(CultureInfo.InvariantCulture)));
        return fallback;
    }

    private static int PositiveInt(
        AnalyzerConfigOptions treeOptions,
        AnalyzerConfigOptions globalOptions,
        string key,
        int fallback,
        Action<OptionProblem> report,
        bool allowZero = false)
    {
        var text = Value(treeOptions, globalOptions, key);
        if (text is null || text.Trim().Length == 0)
            return fallback;

        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && (value > 0 || (allowZero && value == 0)))
            return value;

        report(new OptionProblem(key, text.Trim(), allowZero ? "a whole number of zero or more" : "a whole number above zero", fallback.ToString(CultureInfo.InvariantCulture)));
        return fallback;
    }
}

internal readonly struct OptionProblem : IEquatable<OptionProblem>
{
    public OptionProblem(string key, string value, string expected, string fallback)
    {
        Key = key;
        Value = value;
        Expected = expected;
        Fallback = fallback;
    }

    public string Key { get; }

    public string Value { get; }

    public string Expected { get; }

    public string Fallback { get; }

    public bool Equals(OptionProblem other) => Key == other.Key && Value == other.Value;

    public override bool Equals(object? obj) => obj is OptionProblem other && Equals(other);

    public override int GetHashCode() => (Key.GetHashCode() * 397) ^ Value.GetHashCode();
}
