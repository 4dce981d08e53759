using System.Globalization;

namespace PromptLint.Core.Costs;

/// <summary>How PromptLint writes token counts and other whole numbers in messages and reports: 16,384.</summary>
public static class CountText
{
    /// <summary>The number with invariant thousands separators.</summary>
    public static string Format(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
