using System.Globalization;
using Xunit;

namespace SoftmaxNotebooks.Tests.Physics;

/// <summary>Regression tests for the review of main @ 214455f (findings 1, 2, 7, 8, 9, 11); references in near_end_reference.py or closed forms.</summary>
public class MaxEntropyReviewFindingTests
{
    private static readonly double[] Die = [1, 2, 3, 4, 5, 6];
    private static readonly double[] TwoLevels = [0.0, 1];
    private static readonly double[] Offset = [1e12, 1e12 + 1];
    private static readonly double[] Outlier = [0.0, 1e-6, 1e6];

    public static TheoryData<double[], double, double> NearTheEnds() => new()
    {
        { Die, 1 + Math.ScaleB(1.0, -52), 36.043653389117156312 },   // mpmath, near_end_reference.py
        { TwoLevels, 1e-300, Math.Log((1 - 1e-300) / 1e-300) }, // two levels: β = log((1 − Ē)/Ē)
        { Offset, 1e12 + 0.25, Math.Log(3) },       // p = [3/4, 1/4]
        { Outlier, 1e-7, 2197224.5773362194822 },    // mpmath
    };

    [Theory]
    [MemberData(nameof(NearTheEnds))]
    public void Beta_near_an_end_or_with_an_offset_matches_the_reference(double[] energies, double mean, double beta)
    {
        var r = MaxEntropy.Solve(energies, mean);
        Assert.Equal(MaxEntropyTermination.Converged, r.Termination);
        Assert.True(Math.Abs(r.Beta - beta) <= 1e-13 * Math.Abs(beta), string.Create(CultureInfo.InvariantCulture, $"β {r.Beta:R} vs {beta:R}, {r}"));
    }

    [Fact]
    public void A_subnormal_span_either_solves_or_says_that_beta_overflows()
    {
        var e = Assert.Throws<ArgumentException>(() => MaxEntropy.Solve([0.0, 1e-310], 3e-311));
        Assert.Equal("meanEnergy", e.ParamName);
        Assert.Contains("beyond the largest double", e.Message, StringComparison.Ordinal);
        Assert.False(MaxEntropy.TrySolve([0.0, 1e-310], 3e-311, out _));
        var r = MaxEntropy.Solve([0.0, 1e-310], 5e-311);
        Assert.False(double.IsNaN(r.Entropy) || double.IsNaN(r.Residual) || double.IsNaN(r.State.MeanEnergy));
        Assert.Equal(Math.Log(2), r.Entropy, 1e-15);
    }

    public static TheoryData<int> BoundaryCases() => new() { 0, 1, 2 };

    [Theory]
    [MemberData(nameof(BoundaryCases))]
    public void Constraint_targets_on_the_boundary_are_rejected(int which)
    {
        double[] sq = Die.Select(x => x * x).ToArray();
        (double[][] f, double[] c) = which switch
        {
            0 => (new[] { Die }, new[] { 1.0 }),
            1 => (new[] { Die, sq }, new[] { 1.0, 1.0 }),
            _ => (new[] { new[] { 1.0, 0, 0 }, new[] { 0.0, 1, 0 } }, new[] { 0.5, 0.5 }),
        };
        var e = Assert.Throws<ArgumentException>(() => MaxEntropy.SolveConstraints(f, c));
        Assert.Equal("targets", e.ParamName);
        Assert.Contains("boundary", e.Message, StringComparison.Ordinal);
        if (which < 2)
        {
            Assert.Contains("targets[0]", e.Message, StringComparison.Ordinal);
        }

        Assert.False(MaxEntropy.TrySolveConstraints(f, c, null, out _));
    }

    [Fact]
    public void Constraint_solver_with_an_offset_reaches_log_3()
    {
        var r = MaxEntropy.SolveConstraints([[1e12, 1e12 + 1]], [1e12 + 0.25]);
        Assert.Equal(MaxEntropyTermination.Converged, r.Termination);
        Assert.Equal(Math.Log(3), r.Multipliers[0], 1e-14);
        Assert.Equal(0.75, r.Distribution[0], 1e-15);
        // the single-constraint solver agrees
        Assert.Equal(MaxEntropy.Solve([1e12, 1e12 + 1], 1e12 + 0.25).Beta, r.Multipliers[0], 1e-14);
    }

    [Fact]
    public void A_constraint_whose_range_overflows_is_not_called_constant()
    {
        var e = Assert.Throws<ArgumentException>(() => MaxEntropy.SolveConstraints([[-double.MaxValue, double.MaxValue]], [0.0]));
        Assert.Contains("wider than the largest double", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("constant", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Infeasible_mean_messages_do_not_depend_on_the_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => MaxEntropy.Solve([1.0, 6], 0.5));
            Assert.DoesNotContain("0,5", e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("Actual value", e.Message, StringComparison.Ordinal);
            var c = Assert.Throws<ArgumentOutOfRangeException>(() => MaxEntropy.SolveConstraints([[1.0, 6]], [6.5]));
            Assert.DoesNotContain("6,5", c.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
