namespace PromptLint.Core.Reports;

/// <summary>
/// How a project's call sites changed against a baseline report. Call sites are matched by containing member and
/// ordinal (<see cref="CallSiteOrder.Identity"/>), never by line, so an edit that only moves code is no change.
/// </summary>
public sealed class CostComparison
{
    /// <summary>The baseline report file, as the report shows it.</summary>
    public string BaselineFile { get; set; } = "";

    /// <summary>Call sites in the baseline.</summary>
    public int CallSitesBefore { get; set; }

    /// <summary>Call sites now.</summary>
    public int CallSitesAfter { get; set; }

    /// <summary>The baseline's cost of sending every call site once, uncached.</summary>
    public decimal CostPerRequestSetBefore { get; set; }

    /// <summary>The same now.</summary>
    public decimal CostPerRequestSetAfter { get; set; }

    /// <summary>The baseline's monthly cost, uncached, over its call sites with traffic.</summary>
    public decimal MonthlyCostBefore { get; set; }

    /// <summary>The same now.</summary>
    public decimal MonthlyCostAfter { get; set; }

    /// <summary>Call sites found in both reports with the same model, tokens, traffic and costs.</summary>
    public int UnchangedCallSites { get; set; }

    /// <summary>Call sites found in both reports whose figures differ, in report order.</summary>
    public List<CallSiteChange> Changed { get; set; } = new();

    /// <summary>Call sites only in the current report, in report order.</summary>
    public List<CallSiteChange> Added { get; set; } = new();

    /// <summary>Call sites only in the baseline, in the baseline's order.</summary>
    public List<CallSiteChange> Removed { get; set; } = new();

    /// <summary>True when any call site changed, appeared or disappeared.</summary>
    public bool HasChanges => Changed.Count > 0 || Added.Count > 0 || Removed.Count > 0;

    /// <summary>
    /// The changed call sites, largest first: those with a monthly figure on both sides by the dollars per month
    /// changed, then by the dollars per call changed, then by the tokens changed; ties keep report order.
    /// </summary>
    public IEnumerable<CallSiteChange> LargestFirst() =>
        Changed
            .Select(static (change, index) => (Change: change, Index: index))
            .OrderByDescending(static c => c.Change.MonthlyCostChange is { } m ? Math.Abs(m) : -1m)
            .ThenByDescending(static c => c.Change.CostPerCallChange is { } p ? Math.Abs(p) : -1m)
            .ThenByDescending(static c => c.Change.TokenChange)
            .ThenBy(static c => c.Index)
            .Select(static c => c.Change);

    /// <summary>
    /// The comparison in a phrase for the build's summary line: <c>against the baseline: +9% per request set, largest
    /// change +21% per request: SupportBot.Triage.ClassifyAsync 2,350 → 3,140 input tokens, 1 new call site</c>.
    /// </summary>
    public string Summary()
    {
        if (!HasChanges)
            return "no change against the baseline";

        var parts = new List<string>();
        if (CostPerRequestSetBefore != CostPerRequestSetAfter
            && ReportText.PercentChange(CostPerRequestSetBefore, CostPerRequestSetAfter) is { } perSet)
        {
            parts.Add($"{perSet} per request set");
        }

        if (LargestFirst().FirstOrDefault() is { } largest)
            parts.Add("largest change " + largest.Describe());
        if (Added.Count > 0)
            parts.Add(ReportText.Plural(Added.Count, "new call site"));
        if (Removed.Count > 0)
            parts.Add(ReportText.Plural(Removed.Count, "removed call site"));
        return "against the baseline: " + string.Join(", ", parts);
    }

    /// <summary>Compares <paramref name="current"/> with <paramref name="baseline"/>; both keep their call-site order.</summary>
    public static CostComparison Compare(CostReport baseline, CostReport current, string baselineFile)
    {
        var comparison = new CostComparison
        {
            BaselineFile = baselineFile,
            CallSitesBefore = baseline.CallSites.Count,
            CallSitesAfter = current.CallSites.Count,
            CostPerRequestSetBefore = baseline.CostPerRequestSet,
            CostPerRequestSetAfter = current.CostPerRequestSet,
            MonthlyCostBefore = baseline.MonthlyCost,
            MonthlyCostAfter = current.MonthlyCost,
        };

        // A report never holds one identity twice; should a hand-edited baseline do so, its first entry is matched and
        // the others are removed call sites, so that the counts agree with the totals, which include them.
        var before = new Dictionary<string, CallSiteRecord>(StringComparer.Ordinal);
        foreach (var site in baseline.CallSites)
        {
            var identity = CallSiteOrder.Identity(site);
            if (!before.ContainsKey(identity))
                before.Add(identity, site);
        }

        var matched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var site in current.CallSites)
        {
            var identity = CallSiteOrder.Identity(site);
            if (!before.TryGetValue(identity, out var old) || !matched.Add(identity))
            {
                comparison.Added.Add(CallSiteChange.Of(site, null, CallSiteFigures.Of(site)));
                continue;
            }

            var change = CallSiteChange.Of(site, CallSiteFigures.Of(old), CallSiteFigures.Of(site));
            if (change.Before!.SameAs(change.After!))
                comparison.UnchangedCallSites++;
            else
                comparison.Changed.Add(change);
        }

        foreach (var site in baseline.CallSites)
        {
            var identity = CallSiteOrder.Identity(site);
            if (!matched.Contains(identity) || !ReferenceEquals(before[identity], site))
                comparison.Removed.Add(CallSiteChange.Of(site, CallSiteFigures.Of(site), null));
        }

        return comparison;
    }
}

/// <summary>
/// One call site in a comparison: where it is, and its figures before and after (null on the side it is missing from).
/// </summary>
public sealed class CallSiteChange
{
    /// <summary>The containing member.</summary>
    public string Member { get; set; } = "";

    /// <summary>The call's ordinal in <see cref="Member"/>.</summary>
    public int Ordinal { get; set; }

    /// <summary>The file as the report shows it: the current one, or the baseline's for a removed call site.</summary>
    public string File { get; set; } = "";

    /// <summary>The line: the current one, or the baseline's for a removed call site.</summary>
    public int Line { get; set; }

    /// <summary>The baseline's figures; null for a new call site.</summary>
    public CallSiteFigures? Before { get; set; }

    /// <summary>The current figures; null for a removed call site.</summary>
    public CallSiteFigures? After { get; set; }

    /// <summary>The change in USD per call; null unless both sides are priced.</summary>
    public decimal? CostPerCallChange => After?.CostPerCall - Before?.CostPerCall;

    /// <summary>The change in USD per month; null unless both sides have a monthly figure.</summary>
    public decimal? MonthlyCostChange => After?.MonthlyCost - Before?.MonthlyCost;

    /// <summary>
    /// What changed, in a few words: <c>+21% per request: SupportBot.Triage.ClassifyAsync 2,350 → 3,140 input tokens</c>;
    /// the cause named is the first that differs of model, input tokens, output tokens, traffic and price.
    /// </summary>
    internal string Describe()
    {
        if (Before is not { } before || After is not { } after)
            return ReportText.ShortMember(Member);

        var who = ReportText.ShortMember(Member) + (Ordinal > 1 ? $" (call {ReportText.Count(Ordinal)})" : "");
        var what = !string.Equals(before.Model, after.Model, StringComparison.Ordinal)
                ? $"{before.Model ?? "no model"} → {after.Model ?? "no model"}"
            : before.InputTokens != after.InputTokens
                ? $"{ReportText.Count(before.InputTokens)} → {ReportText.Count(after.InputTokens)} input tokens"
            : before.OutputTokens != after.OutputTokens
                ? $"{ReportText.Count(before.OutputTokens)} → {ReportText.Count(after.OutputTokens)} output tokens"
            : before.CallsPerMonth != after.CallsPerMonth
                ? $"{Calls(before.CallsPerMonth)} → {Calls(after.CallsPerMonth)} calls per month"
            : $"{ReportText.MoneyOrDash(before.CostPerCall)} → {ReportText.MoneyOrDash(after.CostPerCall)} per call";
        var percent = CostPerCallChange is { } perCall && perCall != 0m
                && ReportText.PercentChange(before.CostPerCall!.Value, after.CostPerCall!.Value) is { } p ? $"{p} per request: "
            : MonthlyCostChange is { } perMonth && perMonth != 0m
                && ReportText.PercentChange(before.MonthlyCost!.Value, after.MonthlyCost!.Value) is { } m ? $"{m} per month: "
            : "";
        return $"{percent}{who} {what}";
    }

    private static string Calls(long? calls) => calls is { } n ? ReportText.Count(n) : "no";

    internal int TokenChange =>
        Before is null || After is null ? 0
            : Math.Abs(After.InputTokens - Before.InputTokens) + Math.Abs(After.OutputTokens - Before.OutputTokens);

    internal static CallSiteChange Of(CallSiteRecord where, CallSiteFigures? before, CallSiteFigures? after) => new()
    {
        Member = where.Member,
        Ordinal = where.Ordinal,
        File = where.File,
        Line = where.Line,
        Before = before,
        After = after,
    };
}

/// <summary>The figures of a call site that a comparison looks at.</summary>
public sealed class CallSiteFigures
{
    /// <summary>The model id, or null when none was seen.</summary>
    public string? Model { get; set; }

    /// <summary>Static and assumed input tokens.</summary>
    public int InputTokens { get; set; }

    /// <summary>The output tokens priced.</summary>
    public int OutputTokens { get; set; }

    /// <summary>USD per call, uncached; null when not priced.</summary>
    public decimal? CostPerCall { get; set; }

    /// <summary>Expected calls per month; null when no traffic is stated.</summary>
    public long? CallsPerMonth { get; set; }

    /// <summary>USD per month, uncached; null without traffic or a price.</summary>
    public decimal? MonthlyCost { get; set; }

    internal static CallSiteFigures Of(CallSiteRecord site) => new()
    {
        Model = site.Model,
        InputTokens = site.InputTokens,
        OutputTokens = site.OutputTokens,
        CostPerCall = site.CostPerCall,
        CallsPerMonth = site.CallsPerMonth,
        MonthlyCost = site.MonthlyCost,
    };

    // Costs are compared as the JSON report writes them, so a figure read back from a baseline equals itself.
    internal bool SameAs(CallSiteFigures other) =>
        string.Equals(Model, other.Model, StringComparison.Ordinal)
        && InputTokens == other.InputTokens
        && OutputTokens == other.OutputTokens
        && CallsPerMonth == other.CallsPerMonth
        && CostReportJson.Round(CostPerCall) == CostReportJson.Round(other.CostPerCall)
        && CostReportJson.Round(MonthlyCost) == CostReportJson.Round(other.MonthlyCost);
}
