namespace PromptLint.Core.Reports;

/// <summary>
/// The order of call sites in the reports: by file, then containing member, then the call's ordinal in it. Unlike
/// file, line and column, this order does not change when code moves inside a file, so a report diffs cleanly: an
/// edit that moves lines changes the <c>line</c> fields and nothing else.
/// </summary>
public static class CallSiteOrder
{
    /// <summary>The call sites in report order; <paramref name="displayPath"/> is the file path as the report shows it.</summary>
    public static List<CallSiteRecord> Sort(IEnumerable<CallSiteRecord> callSites, Func<string, string>? displayPath = null)
    {
        displayPath ??= static p => p;
        return callSites
            .OrderBy(site => displayPath(site.File), StringComparer.Ordinal)
            .ThenBy(static site => site.Member, StringComparer.Ordinal)
            .ThenBy(static site => site.Ordinal)
            .ThenBy(static site => site.Line)
            .ThenBy(static site => site.Column)
            .ToList();
    }

    /// <summary>The stable identity of a call site within its project: containing member and ordinal, never the line.</summary>
    public static string Identity(CallSiteRecord site) =>
        site.Member + "#" + site.Ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
