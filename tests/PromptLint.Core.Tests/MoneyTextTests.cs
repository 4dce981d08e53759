using PromptLint.Core.Costs;

namespace PromptLint.Core.Tests;

public sealed class MoneyTextTests
{
    [Theory]
    [InlineData("0.0142", "$0.0142")]
    [InlineData("0.000046", "$0.000046")]
    [InlineData("0.01037125", "$0.010371")] // six decimals at most
    [InlineData("0.0103715", "$0.010372")] // rounded half away from zero
    [InlineData("0.5", "$0.5000")] // four decimals at least
    [InlineData("0", "$0.0000")]
    public void Writes_an_amount_below_a_dollar_with_four_to_six_decimals(string value, string expected)
    {
        Assert.Equal(expected, MoneyText.Format(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Theory]
    [InlineData("2812.5", "$2,812.50")]
    [InlineData("1", "$1.00")]
    [InlineData("1234567.891", "$1,234,567.89")]
    [InlineData("12.345", "$12.35")]
    public void Writes_an_amount_from_a_dollar_up_with_cents_and_thousands_separators(string value, string expected)
    {
        Assert.Equal(expected, MoneyText.Format(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Writes_the_same_text_whatever_the_current_culture()
    {
        var previous = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");

            Assert.Equal("$2,812.50", MoneyText.Format(2812.5m));
            Assert.Equal("$0.0142", MoneyText.Format(0.0142m));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Writes_an_amount_that_rounds_up_to_a_dollar_with_cents()
    {
        Assert.Equal("$1.00", MoneyText.Format(0.9999996m));
    }
}
