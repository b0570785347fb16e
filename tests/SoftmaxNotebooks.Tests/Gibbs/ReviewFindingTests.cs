using System.Globalization;
using Xunit;

namespace SoftmaxNotebooks.Tests.Physics;

/// <summary>Regression tests for the review of main @ 214455f (findings 1, 4, 5, 7, 12 and nits).</summary>
public class GibbsReviewFindingTests
{
    public static TheoryData<double, double, double> SubnormalSpans() => new()
    {
        { 0.0, 1e-310, 1 },
        { 1e-309, 2e-309, 1 },
        { 0.0, double.Epsilon, -1 },
    };

    [Theory]
    [MemberData(nameof(SubnormalSpans))]
    public void A_subnormal_span_gives_no_NaN(double e0, double e1, double beta)
    {
        foreach (var s in new[] { GibbsState.FromBeta([e0, e1], beta), EnergySpectrum.Create([e0, e1]).AtBeta(beta) })
        {
            // β·span is below 1e−300, so the state is uniform to the last bit: ⟨E⟩ is the midpoint, Var = C = 0, S = log 2.
            Assert.Equal(Math.Log(2), s.LogZ, 1e-15);
            Assert.Equal(Math.Log(2), s.Entropy, 1e-15);
            Assert.True(Math.Abs(s.MeanEnergy - (0.5 * (e0 + e1))) <= 1e-323, s.MeanEnergy.ToString("R", CultureInfo.InvariantCulture));
            Assert.Equal(0.0, s.EnergyVariance);
            Assert.Equal(0.0, s.HeatCapacity);
        }
    }

    [Fact]
    public void Overflowing_degeneracy_sums_give_the_finite_answer()
    {
        double max = double.MaxValue;
        var limit = GibbsState.FromBeta([0.0, 0], double.PositiveInfinity, [max, max]);
        double expected = Math.Log(max) + Math.Log(2);
        Assert.Equal(expected, limit.LogZ, 1e-15 * expected);
        Assert.Equal(expected, limit.Entropy, 1e-15 * expected);
        Assert.Equal([0.5, 0.5], limit.Probabilities);
        Assert.Equal(GibbsState.FromBeta([0.0, 0], 1, [max, max]).LogZ, limit.LogZ, 1e-15 * expected);

        var solved = MaxEntropy.Solve([0.0, 0, 1], [max, max, 1], 0);
        Assert.Equal(MaxEntropyTermination.ZeroTemperatureLimit, solved.Termination);
        Assert.Equal([0.5, 0.5, 0], solved.Distribution.Probabilities);
        Assert.Equal(expected, solved.Entropy, 1e-15 * expected);

        Assert.Equal(0.5, EnergySpectrum.Create([0.0, 1], [max, max]).DegeneracyWeightedMean);
        Assert.Equal(1.0, EnergySpectrum.Create([0.0, 2], [max, max]).DegeneracyWeightedMean);
        Assert.Equal([0.5, 0.5], SoftmaxFunctions.WeightedSoftmax([double.PositiveInfinity, double.PositiveInfinity], [max, max]));
        var shares = SoftmaxFunctions.WeightedSoftmax([double.PositiveInfinity, double.PositiveInfinity, 1], [max / 3, max, 1]);
        Assert.Equal(0.25, shares[0], 1e-15);
        Assert.Equal(0.75, shares[1], 1e-15);
        Assert.Equal(0.0, shares[2]);
    }

    [Fact]
    public void Z_in_a_limit_state_is_the_degeneracy_sum_and_derivatives_carry_no_negative_zero()
    {
        var s = GibbsState.FromBeta([0, 0, 1], double.PositiveInfinity, [2, 3, 1]);
        Assert.Equal(5.0, s.Z);
        Assert.All(s.ProbabilityDerivative(), d => Assert.True(d == 0 && double.IsPositiveInfinity(1 / d)));
    }

    [Fact]
    public void FreeEnergyOf_checks_q_before_using_it()
    {
        var s = GibbsState.FromBeta([0.0, 1, 2], 1, [1.0, 2, 3]);
        Assert.Equal("q", Assert.Throws<ArgumentNullException>(() => s.FreeEnergyOf(null!)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => s.FreeEnergyOf(Distribution.FromProbabilities([1.0])));
        Assert.Equal("q", e.ParamName);
        Assert.Contains("q has 1 outcomes but the spectrum has 3 levels", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Free_energy_is_minus_kB_T_log_Z()
    {
        var s = GibbsState.FromTemperature([0.0, 1], 2, boltzmannConstant: 0.5);
        double logZ = Math.Log(1 + Math.Exp(-1)); // β = 1/(k_B·T) = 1
        Assert.Equal(-0.5 * 2 * logZ, s.FreeEnergy, 1e-15);
    }

    [Fact]
    public void Boltzmann_constant_message_does_not_depend_on_the_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => GibbsState.FromTemperature([0.0, 1], 1, boltzmannConstant: -0.5));
            Assert.DoesNotContain("0,5", e.Message, StringComparison.Ordinal);
            Assert.Contains("-0.5", e.Message, StringComparison.Ordinal);
            var h = Assert.Throws<ArgumentOutOfRangeException>(() => EnergySpectrum.HarmonicLadder(3, spacing: -1.5));
            Assert.DoesNotContain("1,5", h.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
