using System.Globalization;
using Xunit;
using static SoftmaxNotebooks.SoftmaxFunctions;

namespace SoftmaxNotebooks.Tests.Physics;

public class DistributionTests
{
    private static readonly double[] DieValues = [1, 2, 3, 4, 5, 6];
    private static readonly double[] Uniform6 = [1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6, 1.0 / 6];

    [Fact]
    public void Probabilities_are_checked_once_and_normalised()
    {
        var d = Distribution.FromProbabilities([0.2, 0.3, 0.5 + 1e-12]);
        Assert.Equal(3, d.Count);
        Assert.Equal(1.0, d.Probabilities.Sum(), 15);
        Assert.Equal(0.2 / (1 + 1e-12), d[0], 15);

        var nan = Assert.Throws<ArgumentException>(() => Distribution.FromProbabilities([0.5, 0.5, double.NaN]));
        Assert.Equal("probabilities", nan.ParamName);
        Assert.Contains("probabilities[2]", nan.Message, StringComparison.Ordinal);
        Assert.Contains("≥ 0", nan.Message, StringComparison.Ordinal);
        Assert.Contains("probabilities[0]", Assert.Throws<ArgumentException>(() => Distribution.FromProbabilities([-0.1, 1.1])).Message, StringComparison.Ordinal);
        var sum = Assert.Throws<ArgumentException>(() => Distribution.FromProbabilities([0.5, 0.6]));
        Assert.Contains("sum to 1.1", sum.Message, StringComparison.Ordinal);
        Assert.NotNull(Distribution.FromProbabilities([0.5, 0.6], sumTolerance: 0.2));
        Assert.Throws<ArgumentException>(() => Distribution.FromProbabilities([]));
        Assert.Throws<ArgumentException>(() => Distribution.FromProbabilities([0.5, 0.5], ["a"]));
        Assert.Throws<ArgumentException>(() => Distribution.FromProbabilities([0.5, 0.5], values: [1, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => d[3]);
    }

    [Fact]
    public void Weights_of_any_size_normalise_without_overflow()
    {
        Assert.Equal([0.5, 0.5], Distribution.FromWeights([1e308, 1e308]).Probabilities);
        Assert.Equal([0.25, 0.75], Distribution.FromWeights([1e-320, 3e-320]).Probabilities);
        Assert.Contains("positive", Assert.Throws<ArgumentException>(() => Distribution.FromWeights([0, 0])).Message, StringComparison.Ordinal);
        Assert.Contains("weights[1]", Assert.Throws<ArgumentException>(() => Distribution.FromWeights([1, double.PositiveInfinity])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Logits_go_through_the_core_softmax_with_temperature()
    {
        double[] z = [1000, 999, double.NegativeInfinity];
        var d = Distribution.FromLogits(z, 2, ["a", "b", "masked"]);
        Assert.Equal(Softmax(z, 2), d.Probabilities);
        Assert.Equal(0.0, d[2]);
        Assert.Equal("a", d.TopK(1)[0].Label);
        Assert.Throws<ArgumentException>(() => Distribution.FromLogits([0, double.NaN]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Distribution.FromLogits([0, 1], 0));
        Assert.Throws<ArgumentException>(() => Distribution.FromLogits([]));
    }

    [Fact]
    public void Entropy_in_nats_and_bits_with_zero_log_zero_equal_to_zero()
    {
        Assert.Equal(Math.Log(6), Distribution.FromProbabilities(Uniform6).Entropy(), 15);
        Assert.Equal(3, Distribution.FromWeights([1, 1, 1, 1, 1, 1, 1, 1]).EntropyBits(), 15);
        Assert.Equal(Math.Log(2), Distribution.FromProbabilities([0.5, 0, 0.5]).Entropy(), 15);
        Assert.Equal(0, Distribution.FromProbabilities([0, 1, 0]).Entropy());
    }

    [Fact]
    public void Expectation_and_variance_of_values_and_quantities()
    {
        var die = Distribution.FromProbabilities(Uniform6, values: DieValues);
        Assert.Equal(3.5, die.Expectation(), 14);
        Assert.Equal(35.0 / 12, die.Variance(), 14);
        Assert.Equal(91.0 / 6, die.Expectation(i => (i + 1.0) * (i + 1)), 13);
        Assert.Equal(35.0 / 12, die.Variance(DieValues), 14);
        Assert.Throws<InvalidOperationException>(() => Distribution.FromProbabilities([1.0]).Expectation());
        Assert.Throws<ArgumentException>(() => die.Expectation([1.0, 2]));
        // A quantity that is infinite where p = 0 does not turn the mean into NaN.
        Assert.Equal(1, Distribution.FromProbabilities([1, 0]).Expectation([1, double.PositiveInfinity]));
        // Two-pass variance keeps a large common offset from cancelling.
        Assert.Equal(0.25, Distribution.FromProbabilities([0.5, 0.5]).Variance([1e9, 1e9 + 1]), 12);
    }

    [Fact]
    public void Divergences_are_infinite_where_support_is_missing_and_never_NaN()
    {
        var p = Distribution.FromProbabilities([0.5, 0.5, 0]);
        var q = Distribution.FromProbabilities([0.25, 0.25, 0.5]);
        var r = Distribution.FromProbabilities([1, 0, 0]);
        Assert.Equal(Math.Log(2), p.KullbackLeibler(q), 15);
        Assert.Equal(double.PositiveInfinity, p.KullbackLeibler(r));
        Assert.Equal(Math.Log(2), r.KullbackLeibler(p), 15);
        Assert.Equal(0, p.KullbackLeibler(p));
        Assert.Equal(p.Entropy() + p.KullbackLeibler(q), p.CrossEntropy(q), 15);
        Assert.Equal(double.PositiveInfinity, p.CrossEntropy(r));
        Assert.Equal(0, r.CrossEntropy(r));
        Assert.Throws<ArgumentException>(() => p.KullbackLeibler(Distribution.FromProbabilities([0.5, 0.5])));
    }

    [Fact]
    public void Mode_and_top_k_keep_index_order_on_ties()
    {
        var d = Distribution.FromProbabilities([0.1, 0.3, 0.3, 0.2, 0.1], ["a", "b", "c", "d", "e"], [10, 20, 30, 40, 50]);
        Assert.Equal(1, d.Mode);
        var top = d.TopK(3);
        Assert.Equal([1, 2, 3], top.Select(o => o.Index));
        Assert.Equal((2, "c", 30.0), (top[1].Index, top[1].Label, top[1].Value));
        Assert.Equal(0.3, top[1].Probability, 15);
        Assert.Empty(d.TopK(0));
        Assert.Equal(5, d.TopK(5).Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => d.TopK(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => d.TopK(-1));
    }

    [Fact]
    public void Sampling_is_reproducible_avoids_zero_mass_and_matches_frequencies()
    {
        var d = Distribution.FromProbabilities([0.5, 0, 0.2, 0.3, 0]);
        int[] a = d.Sample(100_000, 7);
        Assert.Equal(a, d.Sample(100_000, 7));
        Assert.NotEqual(a, d.Sample(100_000, 8));
        Assert.DoesNotContain(1, a);
        Assert.DoesNotContain(4, a);
        foreach (int i in new[] { 0, 2, 3 })
        {
            double expected = d[i] * a.Length;
            double sd = Math.Sqrt(a.Length * d[i] * (1 - d[i]));
            Assert.InRange(a.Count(x => x == i), expected - (5 * sd), expected + (5 * sd));
        }

        Assert.Empty(d.Sample(0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => d.Sample(-1, 1));
    }

    [Fact]
    public void Inputs_are_copied_and_ToString_is_culture_invariant()
    {
        double[] p = [0.25, 0.75];
        var d = Distribution.FromProbabilities(p);
        p[0] = 0.9;
        Assert.Equal(0.25, d[0]);
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
            Assert.Equal("Distribution(n=2, H=0.562335 nats, mode=1)", d.ToString());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
