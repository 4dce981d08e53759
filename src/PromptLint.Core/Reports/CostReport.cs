namespace PromptLint.Core.Reports;

/// <summary>The call sites of one project with the catalog their costs came from.</summary>
public sealed class CostReport
{
    /// <summary>The version of the JSON schema this report is written in.</summary>
    public const int CurrentSchemaVersion = 3;

    /// <summary>The project (assembly) the call sites belong to.</summary>
    public string Project { get; set; } = "";

    /// <summary>Where the catalog came from: <c>built-in</c> or a file path.</summary>
    public string CatalogSource { get; set; } = "built-in";

    /// <summary>The catalog's date.</summary>
    public string CatalogAsOf { get; set; } = "";

    /// <summary>The date of the catalog's price data.</summary>
    public string PriceDataAsOf { get; set; } = "";

    /// <summary>The call sites, in <see cref="CallSiteOrder"/> in a written report.</summary>
    public List<CallSiteRecord> CallSites { get; set; } = new();

    /// <summary>How the call sites changed against a baseline report, or null when none was given.</summary>
    public CostComparison? Comparison { get; set; }

    /// <summary>The cost of sending every call site once, uncached, over the call sites whose model is known.</summary>
    public decimal CostPerRequestSet => CallSites.Sum(static c => c.CostPerCall ?? 0m);

    /// <summary>The same with warm prompt caches.</summary>
    public decimal CostPerRequestSetWarmCache => CallSites.Sum(static c => c.CostPerCallWarmCache ?? 0m);

    /// <summary>USD per month over the call sites with traffic and a priced model, uncached.</summary>
    public decimal MonthlyCost => CallSites.Sum(static c => c.MonthlyCost ?? 0m);

    /// <summary>The same at each call site's cache hit rate.</summary>
    public decimal MonthlyCostCached => CallSites.Sum(static c => c.MonthlyCostCached ?? 0m);

    /// <summary>Call sites with no traffic stated, left out of the monthly figures.</summary>
    public int CallSitesWithoutTraffic => CallSites.Count(static c => c.CallsPerMonth is null);

    /// <summary>Call sites left unpriced because their model is unknown.</summary>
    public int UnpricedCallSites => CallSites.Count(static c => !c.ModelKnown);

    /// <summary>True when at least one call site has a monthly figure (traffic and a priced model).</summary>
    public bool HasMonthlyFigures => CallSites.Any(static c => c.MonthlyCost is not null);
}
