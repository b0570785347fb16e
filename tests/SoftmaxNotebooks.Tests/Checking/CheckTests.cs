using System.Globalization;
using Xunit;

namespace SoftmaxNotebooks.Tests.Checking;

public class CheckTests
{
    [Fact]
    public void That_returns_a_passed_claim_when_true()
    {
        var claim = Check.That(true, "softmax sums to 1");
        Assert.True(claim.Passed);
        Assert.Equal("softmax sums to 1", claim.Claim);
        Assert.Null(claim.Detail);
        Assert.Null(claim.Difference);
        Assert.Equal("✔ softmax sums to 1", claim.ToString());
    }

    [Fact]
    public void That_throws_with_the_claim_in_the_message_when_false()
    {
        var e = Assert.Throws<ClaimFailedException>(() => Check.That(false, "softmax sums to 1"));
        Assert.StartsWith("CHECK FAILED: softmax sums to 1", e.Message, StringComparison.Ordinal);
        Assert.Equal("softmax sums to 1", e.Claim);
        Assert.Null(e.Actual);
    }

    [Fact]
    public void Close_passes_within_the_tolerance_and_reports_the_difference()
    {
        // 0.1 + 0.2 = 0.30000000000000004 in binary64, 2⁻⁵⁴ ≈ 5.55e−17 above 0.3.
        var claim = Check.Close(0.1 + 0.2, 0.3, 1e-12, "0.1 + 0.2 = 0.3");
        Assert.Equal(Math.Pow(2, -54), claim.Difference);
        Assert.Equal(1e-12, claim.Tolerance);
        Assert.Equal(0.1 + 0.2, claim.Actual);
        Assert.Equal(0.3, claim.Expected);
        Assert.Equal("|Δ| = 5.6e-17 ≤ 1e-12", claim.Detail);
        Assert.Equal("✔ 0.1 + 0.2 = 0.3 (|Δ| = 5.6e-17 ≤ 1e-12)", claim.ToString());
    }

    [Fact]
    public void Close_is_inclusive_at_the_tolerance()
    {
        // 1.5 − 1 = 0.5 exactly.
        Assert.True(Check.Close(1.5, 1.0, 0.5, "edge").Passed);
        Assert.Throws<ClaimFailedException>(() => Check.Close(1.5, 1.0, Math.BitDecrement(0.5), "edge"));
        Assert.True(Check.Close(2.0, 2.0, 0, "exact").Passed);
    }

    [Fact]
    public void Close_failure_names_actual_expected_and_tolerance_at_full_precision_in_any_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var e = Assert.Throws<ClaimFailedException>(() => Check.Close(0.1 + 0.2, 0.3, 1e-17, "0.1 + 0.2 = 0.3"));
            Assert.Equal(
                "CHECK FAILED: 0.1 + 0.2 = 0.3 — actual = 0.30000000000000004, expected = 0.3, |Δ| = 5.551115123125783e-17 > tolerance = 1e-17",
                e.Message);
            Assert.Equal(0.3, e.Expected);
            Assert.Equal(1e-17, e.Tolerance);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(1.0, double.NaN)]
    [InlineData(double.NaN, double.NaN)]
    [InlineData(double.PositiveInfinity, double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity, 1.0)]
    public void Close_never_passes_NaN_or_an_infinite_difference(double actual, double expected)
    {
        var e = Assert.Throws<ClaimFailedException>(() => Check.Close(actual, expected, double.PositiveInfinity, "claim"));
        Assert.StartsWith("CHECK FAILED: claim — actual = ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_accepts_equal_infinities()
    {
        var claim = Check.Close(double.NegativeInfinity, double.NegativeInfinity, 0, "LSE of an all-masked vector is −∞");
        Assert.Equal(0, claim.Difference);
    }

    [Theory]
    [InlineData(-1e-300)]
    [InlineData(double.NaN)]
    public void Close_rejects_a_negative_or_NaN_tolerance(double tolerance)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Check.Close(1, 1, tolerance, "claim"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Claims_need_words(string? claim)
    {
        Assert.ThrowsAny<ArgumentException>(() => Check.That(true, claim!));
        Assert.ThrowsAny<ArgumentException>(() => Check.Close(1, 1, 0, claim!));
    }
}
