using System.Globalization;

namespace PromptLint.Core.Costs;

/// <summary>How PromptLint writes dollar amounts, the same in diagnostics, logs and reports.</summary>
public static class MoneyText
{
    /// <summary>Dollars with cents from $1 up, and up to six decimals below, so sub-cent call costs stay readable.</summary>
    public static string Format(decimal value) =>
        "$" + value.ToString(value >= 1m ? "N2" : "0.0000##", CultureInfo.InvariantCulture);
}
