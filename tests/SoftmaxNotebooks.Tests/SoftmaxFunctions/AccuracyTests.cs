using Xunit;
using static SoftmaxNotebooks.SoftmaxFunctions;

namespace SoftmaxNotebooks.Tests.Core;

/// <summary>The named cases, checked against closed forms evaluated with Math (not the code under test).</summary>
public class AccuracyTests
{
    private static void Close(double expected, double actual, double ulps)
    {
        double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
        Assert.True(Math.Abs(expected - actual) <= ulps * ulp,
            $"expected {expected:R}, got {actual:R} ({Math.Abs(expected - actual) / ulp:G3} ulp)");
    }

    [Fact]
    public void Log_sum_exp_of_0_and_minus_40_is_exact_to_the_last_bit()
    {
        // mpmath: log(1 + exp(-40)) = 4.24835425529158899532923478e-18, which rounds to this double.
        Assert.Equal(4.248354255291589e-18, LogSumExp([0.0, -40.0]));
        Assert.Equal(4.248354255291589e-18, LogSumExp([-40.0, 0.0]));
        Assert.Equal(4.248354255291589e-18, Softplus(-40.0));
    }

    [Fact]
    public void Large_ties_do_not_overflow()
    {
        double[] z = [1000, 1000, 999];
        Close(1000 + Math.Log(2 + Math.Exp(-1)), LogSumExp(z), 1);
        double[] s = Softmax(z);
        double d = 2 + Math.Exp(-1);
        Close(1 / d, s[0], 4);
        Assert.Equal(s[0], s[1]);
        Close(Math.Exp(-1) / d, s[2], 4);
        double[] ls = LogSoftmax(z);
        Close(-Math.Log(d), ls[0], 4);
        Close(-1 - Math.Log(d), ls[2], 4);
    }

    [Fact]
    public void Opposite_extremes_of_the_range()
    {
        double[] z = [-1e300, 1e300];
        Assert.Equal(1e300, LogSumExp(z));
        Assert.Equal([0.0, 1.0], Softmax(z));
        Assert.Equal([-2e300, 0.0], LogSoftmax(z));
        double[] w = [-1.7e308, 1.7e308];
        Assert.Equal(1.7e308, LogSumExp(w));
        Assert.Equal([0.0, 1.0], Softmax(w));
        Assert.Equal([double.NegativeInfinity, 0.0], LogSoftmax(w));
        Assert.Equal(double.MaxValue, LogSumExp([double.MaxValue, double.MaxValue]));
    }

    [Fact]
    public void Near_the_overflow_threshold_of_exp()
    {
        double[] z = [709, 710];
        Close(710 + Math.Log(1 + Math.Exp(-1)), LogSumExp(z), 1);
        double[] s = Softmax(z);
        Close(1 / (1 + Math.E), s[0], 4);
        Close(Math.E / (1 + Math.E), s[1], 4);
    }

    [Fact]
    public void Float_cases()
    {
        float[] z = [100f, 100f];
        Assert.Equal(100f + MathF.Log(2f), LogSumExp(z));
        Assert.Equal([0.5f, 0.5f], Softmax(z));
        float[] y = [89f, 0f];
        Assert.Equal(89f, LogSumExp(y));
        float[] s = Softmax(y);
        Assert.Equal(1f, s[0]);
        // e^−89 ≈ 2.2e−39 is subnormal in float: an absolute error up to 1.2e−38 is allowed there.
        Assert.InRange(Math.Abs(s[1] - Math.Exp(-89)), 0, 1.2e-38);
        float[] ls = LogSoftmax(y);
        Assert.InRange(Math.Abs(ls[0] + Math.Exp(-89)), 0, 1.2e-38);
        Assert.Equal(-89f, ls[1]);
    }

    [Fact]
    public void Temperature_shifts_before_dividing_so_finite_answers_stay_finite()
    {
        Assert.Equal(1e300, LogSumExp([1e300], temperature: 1e-10));
        Assert.Equal(1e300, LogSumExp([1e300, 0.0, -1e300], temperature: 1e-10));
        Assert.Equal(1e300, LogSumExp([1e300, 1e300], temperature: 1e-10));
        Assert.Equal([0.5, 0.5, 0.0], Softmax([1e300, 1e300, 0.0], temperature: 1e-10));
        double[] ls = LogSoftmax([1e300, 0.0], temperature: 1e-10);
        Assert.True(ls[0] == 0);
        Assert.Equal(double.NegativeInfinity, ls[1]);
        Close(1e300 * Math.Log(2), LogSumExp([0.0, 0.0], temperature: 1e300), 2);
        Assert.Equal(1.0, LogSumExp([1.0, 0.0], temperature: double.Epsilon));
        Close(2 * LogSumExp([0.5, 1.5]), LogSumExp([1.0, 3.0], temperature: 2.0), 2);
    }

    [Fact]
    public void Compensated_summation_keeps_tiny_terms_after_large_ones()
    {
        // Two unit terms then 2^20 terms of e^c ≈ 2^−53 each: plain summation rounds every tiny term away
        // (1 + 2^−53 = 1), losing 2^−33 from s; the compensated sum keeps it.
        const int n = 1 << 20;
        double c = -53 * Math.Log(2);
        var z = new double[n + 2];
        Array.Fill(z, c);
        z[0] = 0;
        z[n / 2] = 0;
        double expected = Math.Log(2 + n * Math.Exp(c));
        Close(expected, LogSumExp(z), 4);
        Assert.NotEqual(Math.Log(2), LogSumExp(z));
        double[] s = Softmax(z);
        Close(1 / (2 + n * Math.Exp(c)), s[0], 4);
        Close(-expected, LogSoftmax(z)[0], 4);
    }

    [Fact]
    public void Uniform_vectors_of_every_length_across_chunk_boundaries()
    {
        foreach (int n in new[] { 1, 2, 3, 7, 31, 32, 33, 511, 512, 513, 2047, 2048, 2049, 4097, 5000 })
        {
            var z = new double[n];
            Array.Fill(z, 3.5);
            Close(3.5 + Math.Log(n), LogSumExp(z), 2);
            double[] s = Softmax(z);
            Assert.All(s, v => Close(1.0 / n, v, 4));
            float[] f = Enumerable.Repeat(3.5f, n).ToArray();
            Assert.InRange(Math.Abs(LogSumExp(f) - (3.5 + Math.Log(n))), 0, 4 * Bounds.EpsilonF * (3.5 + Math.Log(n)));
        }
    }

    [Fact]
    public void Random_vectors_agree_with_an_independent_scalar_reference_within_the_bound()
    {
        var random = new Random(12345);
        foreach (int n in new[] { 1, 2, 5, 33, 100, 513, 2047, 2048, 2049, 10000 })
        {
            for (int trial = 0; trial < 5; trial++)
            {
                double[] z = Generators.LogitVector(random, n);
                double a = z.Max();
                double lse = LogSumExp(z);
                double reference = Bounds.ReferenceLogSumExp(z);
                double kappa = Bounds.Kappa(z);
                Assert.InRange(Math.Abs(lse - reference), 0, 8 * Bounds.Epsilon * (Math.Abs(a) + Math.Abs(lse) + kappa + 1));
            }
        }
    }

    [Fact]
    public void Weighted_log_sum_exp_with_extreme_weights_stays_finite()
    {
        // w·e^z with w = 1e300, z = −600 and w = 1e−300, z = 700: the pivot is the largest term, not the largest logit.
        // The second term is e^{700 − 600 + log(1e−600)} ≈ e^{−81.6} times the first: below half an ulp of the result.
        double expected = Math.Log(1e300) - 600;
        Close(expected, WeightedLogSumExp([-600.0, 700.0], [1e300, 1e-300]), 8);
        Assert.Equal(Math.Log(2) + Math.Log(double.MaxValue), WeightedLogSumExp([0.0, 0.0], [double.MaxValue, double.MaxValue]), 12);
        double[] p = WeightedSoftmax([0.0, 0.0, 0.0], [1.0, 2.0, 5.0]);
        Close(1.0 / 8, p[0], 2);
        Close(2.0 / 8, p[1], 2);
        Close(5.0 / 8, p[2], 2);
        Close(Math.Log(8) + 1, WeightedLogSumExp([1.0, 1.0, 1.0], [1.0, 2.0, 5.0]), 2);
    }

    [Fact]
    public void Softmax_of_a_dominant_entry_keeps_the_relative_accuracy_of_the_small_ones()
    {
        double[] s = Softmax([0.0, -30.0, -700.0]);
        double d = 1 + Math.Exp(-30) + Math.Exp(-700);
        Close(1 / d, s[0], 2);
        Close(Math.Exp(-30) / d, s[1], 4);
        Close(Math.Exp(-700) / d, s[2], 4);
        // Jacobian diagonal at the pivot is s_k·(1 − s_k) with 1 − s_k = s/(1+s), not 1 − 0.99999…: relative accuracy.
        double[,] j = SoftmaxJacobian([0.0, -30.0]);
        double sk = 1 / (1 + Math.Exp(-30));
        Close(sk * (Math.Exp(-30) / (1 + Math.Exp(-30))), j[0, 0], 8);
    }
}
