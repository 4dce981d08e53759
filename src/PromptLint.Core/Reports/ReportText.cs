using System.Globalization;
using PromptLint.Core.Costs;

namespace PromptLint.Core.Reports;

/// <summary>How the reports and the build summary write amounts, changes and rates, in one place.</summary>
internal static class ReportText
{
    public static string Money(decimal value) => MoneyText.Format(value);

    public static string MoneyOrDash(decimal? value) => value is { } v ? Money(v) : "–";

    /// <summary>A change in dollars with its sign: <c>+$0.0021</c>, <c>-$1,200.00</c>.</summary>
    public static string SignedMoney(decimal change) => (change < 0 ? "-" : "+") + Money(Math.Abs(change));

    public static string Count(int value) => CountText.Format(value);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{Count(count)} {noun}s";

    /// <summary>A share from 0 to 1 as a percentage: <c>80%</c>, <c>85.5%</c>.</summary>
    public static string Rate(decimal share) => (share * 100m).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    /// <summary>
    /// The relative change from <paramref name="before"/> to <paramref name="after"/> with its sign (<c>+34%</c>,
    /// <c>-0.4%</c>), or null when there is nothing to compare against.
    /// </summary>
    public static string? PercentChange(decimal before, decimal after)
    {
        if (before == 0m)
            return null;

        var percent = (after - before) / before * 100m;
        var sign = percent < 0 ? "-" : "+";
        var size = Math.Abs(percent);
        if (size >= 1m)
            return sign + Math.Round(size, 0, MidpointRounding.AwayFromZero).ToString("N0", CultureInfo.InvariantCulture) + "%";

        var tenths = Math.Round(size, 1, MidpointRounding.AwayFromZero);
        return tenths == 0m ? sign + "<0.1%" : sign + tenths.ToString("0.0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>A member without its parameter list, for the build summary and chart labels.</summary>
    public static string ShortMember(string member)
    {
        var open = member.IndexOf('(');
        return open > 0 ? member.Substring(0, open) : member;
    }
}
