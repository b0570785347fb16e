using System.Globalization;
using Xunit;

namespace SoftmaxNotebooks.Tests.Physics;

/// <summary>Regression tests for the review of main @ 214455f (findings 3, 7, 10 and nits); references in kl_reference.py.</summary>
public class DistributionReviewFindingTests
{
    [Fact]
    public void Variance_with_a_large_offset_matches_mpmath()
    {
        double v = Distribution.FromProbabilities([0.3, 0.7]).Variance([1e16, 1e16 + 2]);
        Assert.True(Math.Abs(v - 0.84000000000000000888) <= 4e-16, v.ToString("R", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Kullback_Leibler_of_nearby_distributions_keeps_its_digits()
    {
        double u = Math.ScaleB(1.0, -32);
        var p = Distribution.FromProbabilities([3.0 / 16, 5.0 / 16, 0.25, 0.25]);
        var q = Distribution.FromProbabilities([(3.0 / 16) + (3 * u), (5.0 / 16) - (5 * u), 0.25 + u, 0.25 + u]);
        double forward = p.KullbackLeibler(q), backward = q.KullbackLeibler(p);
        Assert.True(Math.Abs(forward - 3.6862873884701990172e-18) <= 1e-13 * 3.7e-18, forward.ToString("R", CultureInfo.InvariantCulture));
        Assert.True(Math.Abs(backward - 3.6862873874604570424e-18) <= 1e-13 * 3.7e-18, backward.ToString("R", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Kullback_Leibler_of_far_distributions_is_unchanged_in_meaning()
    {
        var p = Distribution.FromProbabilities([0.5, 0.5]);
        var q = Distribution.FromProbabilities([1 - 1e-12, 1e-12]);
        double expected = (0.5 * Math.Log(0.5 / (1 - 1e-12))) + (0.5 * Math.Log(0.5 / 1e-12));
        Assert.Equal(expected, p.KullbackLeibler(q), 1e-14 * expected);
        Assert.Equal(0.0, p.KullbackLeibler(p));
    }

    [Fact]
    public void Exception_messages_and_outcome_text_do_not_depend_on_the_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var outcome = Distribution.FromProbabilities([0.25, 0.75], values: [1.5, 2.5]).TopK(1)[0];
            Assert.Equal("Outcome { Index = 1, Label = , Value = 2.5, Probability = 0.75 }", outcome.ToString());
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.FromProbabilities([1.0], sumTolerance: 1.5));
            Assert.DoesNotContain("1,5", e.Message, StringComparison.Ordinal);
            Assert.Contains("1.5", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Negative_zero_is_stored_as_zero_and_a_NaN_quantity_is_named()
    {
        var d = Distribution.FromProbabilities([1.0, -0.0]);
        Assert.True(double.IsPositiveInfinity(1 / d[1]));
        var e = Assert.Throws<ArgumentException>(() => Distribution.FromProbabilities([0.5, 0.5]).Expectation([1, double.NaN]));
        Assert.Equal("quantity", e.ParamName);
        Assert.Contains("quantity[1]", e.Message, StringComparison.Ordinal);
        Assert.Equal(1.0, Distribution.FromProbabilities([1.0, 0.0]).Expectation([1, double.NaN]));
    }
}
