using System.Globalization;
using System.Runtime.CompilerServices;
using Xunit;

namespace SoftmaxNotebooks.Tests.Checking;

public class CheckTests
{
    private static int Here([CallerLineNumber] int line = 0) => line;

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
        var (e, line) = (Assert.Throws<ClaimFailedException>(() => Check.That(false, "softmax sums to 1")), Here());
        Assert.Equal($"CHECK FAILED: softmax sums to 1 — the condition is false (line {line})", e.Message);
        Assert.Equal(line, e.Line);
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
        Assert.Equal("|Δ| = 5.6e−17 ≤ 1e−12", claim.Detail);
        Assert.Equal("✔ 0.1 + 0.2 = 0.3 (|Δ| = 5.6e−17 ≤ 1e−12)", claim.ToString());
        Assert.Null(claim.RelativeTolerance);
        Assert.Null(claim.RelativeDifference);
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
            var (e, line) = (Assert.Throws<ClaimFailedException>(() => Check.Close(0.1 + 0.2, 0.3, 1e-17, "0.1 + 0.2 = 0.3")), Here());
            Assert.Equal(
                "CHECK FAILED: 0.1 + 0.2 = 0.3 — actual = 0.30000000000000004, expected = 0.3, |Δ| = 5.551115123125783e-17 > tolerance = 1e-17" +
                $" (line {line})",
                e.Message);
            Assert.Equal(line, e.Line);
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
        Assert.ThrowsAny<ArgumentException>(() => Check.CloseRelative(1, 1, 0, claim!));
    }

    [Fact]
    public void CloseRelative_passes_within_the_relative_tolerance_and_reports_the_relative_difference()
    {
        // |0.1 + 0.2 − 0.3| = 2⁻⁵⁴, relative to 0.3: 1.85…e−16.
        var claim = Check.CloseRelative(0.1 + 0.2, 0.3, 1e-12, "0.1 + 0.2 = 0.3");
        Assert.Equal(Math.Pow(2, -54), claim.Difference);
        Assert.Equal(Math.Pow(2, -54) / 0.3, claim.RelativeDifference);
        Assert.Equal(1e-12, claim.RelativeTolerance);
        Assert.Equal(1e-12 * 0.3, claim.Tolerance);
        Assert.Equal("rel. Δ = 1.9e−16 ≤ 1e−12", claim.Detail);
        Assert.Equal("✔ 0.1 + 0.2 = 0.3 (rel. Δ = 1.9e−16 ≤ 1e−12)", claim.ToString());
    }

    [Fact]
    public void CloseRelative_is_inclusive_and_scales_with_the_magnitude_of_expected()
    {
        // 1.5 − 1 = 0.5 = 0.5·|1| and |−3 − (−2)| = 1 = 0.5·|−2|, exactly.
        Assert.True(Check.CloseRelative(1.5, 1.0, 0.5, "edge").Passed);
        Assert.True(Check.CloseRelative(-3.0, -2.0, 0.5, "negative edge").Passed);
        Assert.Throws<ClaimFailedException>(() => Check.CloseRelative(1.5, 1.0, Math.BitDecrement(0.5), "edge"));
        // A difference of 2⁴⁷ ≈ 1.4e14 is 1.4e−6 of 1e20: relatively close, absolutely far.
        Assert.True(Check.CloseRelative(1e20 + Math.Pow(2, 47), 1e20, 1e-5, "large").Passed);
        // A difference of 1e−20 is tiny but half of 2e−20.
        Assert.Throws<ClaimFailedException>(() => Check.CloseRelative(1e-20, 2e-20, 1e-3, "small"));
    }

    [Fact]
    public void CloseRelative_against_zero_passes_only_an_exact_zero()
    {
        Assert.Equal(0, Check.CloseRelative(0, 0, 0, "zero").RelativeDifference);
        Assert.Equal(0, Check.CloseRelative(-0.0, 0, double.PositiveInfinity, "signed zero").Tolerance);
        Assert.Throws<ClaimFailedException>(() => Check.CloseRelative(1e-300, 0, double.PositiveInfinity, "near zero"));
    }

    [Theory]
    [InlineData(double.NaN, 1.0)]
    [InlineData(1.0, double.NaN)]
    [InlineData(double.PositiveInfinity, double.NegativeInfinity)]
    [InlineData(double.PositiveInfinity, 1.0)]
    [InlineData(1.0, double.PositiveInfinity)]
    public void CloseRelative_never_passes_NaN_or_an_infinite_difference(double actual, double expected)
    {
        var e = Assert.Throws<ClaimFailedException>(() => Check.CloseRelative(actual, expected, double.PositiveInfinity, "claim"));
        Assert.StartsWith("CHECK FAILED: claim — actual = ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CloseRelative_accepts_equal_infinities()
    {
        var claim = Check.CloseRelative(double.PositiveInfinity, double.PositiveInfinity, 0, "LSE overflows to ∞");
        Assert.Equal(0, claim.RelativeDifference);
        Assert.Equal("rel. Δ = 0 ≤ 0", claim.Detail);
    }

    [Fact]
    public void CloseRelative_failure_names_the_relative_difference_at_full_precision_with_ascii_minus()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            // |−1.5 − (−1)| = 0.5, relative to |−1|: 0.5.
            var (e, line) = (Assert.Throws<ClaimFailedException>(() => Check.CloseRelative(-1.5, -1.0, 0.25, "ratio")), Here());
            Assert.Equal(
                $"CHECK FAILED: ratio — actual = -1.5, expected = -1, |Δ| = 0.5, rel. Δ = 0.5 > relative tolerance = 0.25 (line {line})",
                e.Message);
            Assert.Equal(line, e.Line);
            Assert.Equal(0.25, e.Tolerance);
            Assert.Equal(-1.0, e.Expected);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Theory]
    [InlineData(-1e-300)]
    [InlineData(double.NaN)]
    public void CloseRelative_rejects_a_negative_or_NaN_tolerance(double relativeTolerance)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Check.CloseRelative(1, 1, relativeTolerance, "claim"));
    }

    [Fact]
    public void Displayed_details_use_the_typographic_minus()
    {
        Assert.Equal("|Δ| = 0 ≤ 1e−300", Check.Close(-1.5, -1.5, 1e-300, "x").Detail);
        // One ulp of 0.1 is 2⁻⁵⁶; 2⁻⁵⁶ / 0.1 = 1.39e−16.
        Assert.Equal("rel. Δ = 1.4e−16 ≤ 1e−9", Check.CloseRelative(0.1 + Math.Pow(2, -56), 0.1, 1e-9, "x").Detail);
    }
}
