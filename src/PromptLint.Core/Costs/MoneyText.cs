using System.Globalization;

namespace PromptLint.Core.Costs;

/// <summary>How PromptLint writes dollar amounts, the same in diagnostics, logs and reports.</summary>
public static class MoneyText
{
    /// <summary>Dollars with cents from $1 up, and up to six decimals below, so sub-cent call costs stay readable.</summary>
    public static string Format(decimal value)
    {
        // Round first, so an amount that rounds up to a dollar is written as dollars and cents.
        var rounded = Math.Round(value, 6, MidpointRounding.AwayFromZero);
        return "$" + (rounded >= 1m ? Math.Round(rounded, 2, MidpointRounding.AwayFromZero).ToString("N2", CultureInfo.InvariantCulture)
            : rounded.ToString("0.0000##", CultureInfo.InvariantCulture));
    }

    /// <summary>A catalog price per 1M tokens: cents always, more decimals only where the price has them ($0.05, $0.005).</summary>
    public static string Price(decimal perMillionTokens) =>
        "$" + perMillionTokens.ToString("#,0.00####", CultureInfo.InvariantCulture);
}
