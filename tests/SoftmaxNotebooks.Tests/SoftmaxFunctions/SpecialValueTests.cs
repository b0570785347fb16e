using Xunit;
using static SoftmaxNotebooks.SoftmaxFunctions;

namespace SoftmaxNotebooks.Tests.Core;

/// <summary>One test per special-value rule of issue 3 (empty, −∞ masks, +∞ convention, NaN, weights, targets,
/// lengths, temperature, 0·(−∞) in cross-entropy).</summary>
public class SpecialValueTests
{
    private const double Inf = double.PositiveInfinity;
    private const double NegInf = double.NegativeInfinity;

    [Fact]
    public void Empty_vector_has_log_sum_exp_minus_infinity()
    {
        Assert.Equal(NegInf, LogSumExp(Array.Empty<double>()));
        Assert.Equal(NegInf, LogSumExp(Array.Empty<double>(), temperature: 2.0));
        Assert.Equal(NegInf, WeightedLogSumExp(Array.Empty<double>(), Array.Empty<double>()));
        Assert.Equal(float.NegativeInfinity, LogSumExp(Array.Empty<float>()));
    }

    [Fact]
    public void Empty_vector_has_no_softmax_or_log_softmax()
    {
        Assert.Throws<ArgumentException>("z", () => Softmax(Array.Empty<double>()));
        Assert.Throws<ArgumentException>("z", () => Softmax(Array.Empty<double>(), 2.0));
        Assert.Throws<ArgumentException>("z", () => LogSoftmax(Array.Empty<double>()));
        Assert.Throws<ArgumentException>("z", () => WeightedSoftmax(Array.Empty<double>(), Array.Empty<double>()));
    }

    [Fact]
    public void Minus_infinity_is_a_mask_with_zero_weight()
    {
        double[] masked = [1.0, NegInf, 2.0, NegInf];
        double[] kept = [1.0, 2.0];
        Assert.Equal(LogSumExp(kept), LogSumExp(masked));
        double[] s = Softmax(masked);
        double[] sk = Softmax(kept);
        Assert.Equal([sk[0], 0.0, sk[1], 0.0], s);
        double[] ls = LogSoftmax(masked);
        Assert.Equal(NegInf, ls[1]);
        Assert.Equal(NegInf, ls[3]);
        Assert.Equal(LogSoftmax(kept)[1], ls[2]);
    }

    [Fact]
    public void All_minus_infinity_gives_minus_infinity_and_softmax_throws()
    {
        double[] z = [NegInf, NegInf, NegInf];
        Assert.Equal(NegInf, LogSumExp(z));
        Assert.Equal(NegInf, LogSumExp(z, 0.5));
        var e = Assert.Throws<ArgumentException>("z", () => Softmax(z));
        Assert.Contains("−∞", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("z", () => LogSoftmax(z));
        Assert.Throws<ArgumentException>("z", () => SoftmaxJacobian(z));
    }

    [Fact]
    public void Plus_infinity_entries_give_infinite_log_sum_exp()
    {
        Assert.Equal(Inf, LogSumExp([1.0, Inf, NegInf]));
        Assert.Equal(Inf, LogSumExp([Inf, Inf], temperature: 3.0));
        Assert.Equal(Inf, Softplus(Inf));
    }

    [Fact]
    public void Plus_infinity_entries_share_the_mass_equally_by_convention()
    {
        double[] z = [Inf, 5.0, Inf, NegInf, Inf];
        Assert.Equal([1.0 / 3, 0.0, 1.0 / 3, 0.0, 1.0 / 3], Softmax(z));
        Assert.Equal([1.0 / 3, 0.0, 1.0 / 3, 0.0, 1.0 / 3], Softmax(z, temperature: 0.1));
        double[] ls = LogSoftmax(z);
        Assert.Equal([-Math.Log(3), NegInf, -Math.Log(3), NegInf, -Math.Log(3)], ls);
        Assert.Equal([1.0, 0.0], Softmax([Inf, 0.0]));
        Assert.Equal(1.0, Sigmoid(Inf));
        Assert.Equal(0.0, Sigmoid(NegInf));
    }

    [Fact]
    public void Plus_infinity_weighted_entries_share_the_mass_in_proportion_to_weight()
    {
        double[] z = [Inf, 0.0, Inf];
        Assert.Equal([0.25, 0.0, 0.75], WeightedSoftmax(z, [1.0, 5.0, 3.0]));
        Assert.Equal(Inf, WeightedLogSumExp(z, [1.0, 5.0, 3.0]));
        // A zero weight removes even a +∞ logit.
        Assert.Equal([0.0, 1.0, 0.0], WeightedSoftmax(z, [0.0, 5.0, 0.0]));
        Assert.Equal(Math.Log(5.0), WeightedLogSumExp(z, [0.0, 5.0, 0.0]));
    }

    [Fact]
    public void Cross_entropy_with_infinite_logits_follows_the_softmax_convention()
    {
        double[] u = [Inf, 0.0, Inf];
        Assert.Equal(Math.Log(2), CrossEntropyWithLogits([0.5, 0.0, 0.5], u), 15);
        Assert.Equal(Inf, CrossEntropyWithLogits([0.5, 0.5, 0.0], u));
        Assert.Equal(Math.Log(2), CrossEntropyWithLogits(2, u), 15);
        Assert.Equal(Inf, CrossEntropyWithLogits(1, u));
        Assert.Equal([0.0, 0.0, 0.0], CrossEntropyWithLogitsGradient([0.5, 0.0, 0.5], u));
        Assert.Equal([0.5, -1.0, 0.5], CrossEntropyWithLogitsGradient(1, u));
    }

    [Fact]
    public void NaN_anywhere_throws_naming_the_index()
    {
        double[] z = [1.0, 2.0, double.NaN, 3.0, double.NaN];
        foreach (Action call in new Action[]
                 {
                     () => LogSumExp(z), () => LogSumExp(z, 2.0), () => Softmax(z), () => Softmax(z, 2.0),
                     () => LogSoftmax(z), () => LogSoftmax(z, 2.0), () => SoftmaxJacobian(z),
                     () => SoftmaxJvp(z, new double[5]), () => LogSumExpGradient(z),
                     () => WeightedLogSumExp(z, [1.0, 1, 1, 1, 1]), () => WeightedSoftmax(z, [1.0, 1, 1, 1, 1]),
                 })
        {
            var e = Assert.Throws<ArgumentException>("z", call);
            Assert.Contains("z[2]", e.Message, StringComparison.Ordinal);
            Assert.Contains("NaN", e.Message, StringComparison.Ordinal);
        }

        var u = Assert.Throws<ArgumentException>("u", () => CrossEntropyWithLogits([0.5, 0.5, 0, 0, 0], z));
        Assert.Contains("u[2]", u.Message, StringComparison.Ordinal);
        var p = Assert.Throws<ArgumentException>("p", () => CrossEntropyWithLogits([0.5, double.NaN], [1.0, 2.0]));
        Assert.Contains("p[1]", p.Message, StringComparison.Ordinal);
        var v = Assert.Throws<ArgumentException>("v", () => SoftmaxVjp([1.0, 2.0], [0.0, double.NaN]));
        Assert.Contains("v[1]", v.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("x", () => Sigmoid(double.NaN));
        Assert.Throws<ArgumentException>("x", () => Softplus(float.NaN));
        Assert.Throws<ArgumentException>("z", () => LogSumExp([float.NaN]));
    }

    [Fact]
    public void NaN_in_a_matrix_is_named_by_row_and_column()
    {
        var z = new double[,] { { 1, 2, 3 }, { 4, double.NaN, 6 } };
        var e = Assert.Throws<ArgumentException>("z", () => SoftmaxRows(z));
        Assert.Contains("z[1, 1]", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>("z", () => LogSumExpRows(z));
        Assert.Contains("z[1, 1]", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>("u", () => CrossEntropyWithLogitsRows([0, 2], z));
        Assert.Contains("u[1, 1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_NaN_or_infinite_weights_throw_naming_the_index()
    {
        double[] z = [1.0, 2.0, 3.0];
        foreach (double bad in new[] { -1.0, -0.0 - 1e-300, double.NaN, Inf })
        {
            double[] w = [1.0, bad, 1.0];
            var e = Assert.Throws<ArgumentException>("weights", () => WeightedLogSumExp(z, w));
            Assert.Contains("weights[1]", e.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>("weights", () => WeightedSoftmax(z, w));
        }
    }

    [Fact]
    public void Zero_weight_removes_an_entry()
    {
        Assert.Equal(LogSumExp([1.0, 3.0]), WeightedLogSumExp([1.0, 1000.0, 3.0], [1.0, 0.0, 1.0]));
        Assert.Equal([Softmax([1.0, 3.0])[0], 0.0, Softmax([1.0, 3.0])[1]], WeightedSoftmax([1.0, 1000.0, 3.0], [1.0, 0.0, 1.0]));
        Assert.Equal(NegInf, WeightedLogSumExp([1.0, 2.0], [0.0, 0.0]));
        Assert.Throws<ArgumentException>("z", () => WeightedSoftmax([1.0, 2.0], [0.0, 0.0]));
    }

    [Fact]
    public void Negative_or_infinite_target_probabilities_throw_naming_the_index()
    {
        var e = Assert.Throws<ArgumentException>("p", () => CrossEntropyWithLogits([0.5, -0.25, 0.75], [1.0, 2.0, 3.0]));
        Assert.Contains("p[1]", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("p", () => CrossEntropyWithLogits([Inf, 0.0], [1.0, 2.0]));
        Assert.Throws<ArgumentException>("p", () => CrossEntropyWithLogitsGradient([-1.0, 2.0], [1.0, 2.0]));
        e = Assert.Throws<ArgumentException>("p", () =>
            CrossEntropyWithLogitsRows(new double[,] { { 1, 0 }, { 0.5, -0.5 } }, new double[2, 2]));
        Assert.Contains("p[1, 1]", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_lengths_throw_with_both_lengths()
    {
        void Check(Action call, string param, string first, string second)
        {
            var e = Assert.Throws<ArgumentException>(param, call);
            Assert.Contains(first, e.Message, StringComparison.Ordinal);
            Assert.Contains(second, e.Message, StringComparison.Ordinal);
        }

        Check(() => WeightedLogSumExp([1.0, 2.0, 3.0], [1.0, 1.0]), "weights", "3", "2");
        Check(() => WeightedSoftmax([1.0, 2.0, 3.0], [1.0, 1.0]), "weights", "3", "2");
        Check(() => CrossEntropyWithLogits([1.0, 0.0], [1.0, 2.0, 3.0]), "u", "2", "3");
        Check(() => CrossEntropyWithLogitsGradient([1.0, 0.0, 0, 0], [1.0, 2.0, 3.0]), "u", "4", "3");
        Check(() => SoftmaxJvp([1.0, 2.0, 3.0], [1.0]), "v", "3", "1");
        Check(() => SoftmaxVjp([1.0, 2.0], [1.0, 1, 1, 1, 1]), "v", "2", "5");
        Check(() => Softmax<double>(new double[3].AsSpan(), new double[2]), "destination", "3", "2");
        Check(() => CrossEntropyWithLogitsRows(new double[2, 3], new double[2, 4]), "u", "2×3", "2×4");
        Check(() => CrossEntropyWithLogitsRows([0, 1, 1], new double[2, 4]), "labels", "3", "2");
        Check(() => CrossEntropyWithLogitsGradientRows([0], new double[2, 4]), "labels", "1", "2");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-300)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Temperature_not_positive_and_finite_is_out_of_range(double temperature)
    {
        double[] z = [1.0, 2.0];
        Assert.Throws<ArgumentOutOfRangeException>(nameof(temperature), () => LogSumExp(z, temperature));
        Assert.Throws<ArgumentOutOfRangeException>(nameof(temperature), () => Softmax(z, temperature));
        Assert.Throws<ArgumentOutOfRangeException>(nameof(temperature), () => LogSoftmax(z, temperature));
        Assert.Throws<ArgumentOutOfRangeException>(nameof(temperature), () => LogSumExpGradient(z, temperature));
        Assert.Throws<ArgumentOutOfRangeException>(nameof(temperature), () => LogSumExpHessian(z, temperature));
        Assert.Throws<ArgumentOutOfRangeException>(nameof(temperature), () => SoftmaxJvp(z, z, temperature));
        Assert.Throws<ArgumentOutOfRangeException>(nameof(temperature), () => SoftmaxVjp(z, z, temperature));
        Assert.Throws<ArgumentOutOfRangeException>(nameof(temperature), () => LogSumExp([1f, 2f], (float)temperature));
        // Validation happens before the input is looked at: an empty z does not hide a bad temperature.
        Assert.Throws<ArgumentOutOfRangeException>(nameof(temperature), () => LogSumExp(Array.Empty<double>(), temperature));
    }

    [Fact]
    public void Zero_target_on_a_masked_logit_counts_zero_in_cross_entropy()
    {
        double[] u = [2.0, NegInf, 1.0];
        double expected = CrossEntropyWithLogits([0.25, 0.75], [2.0, 1.0]);
        Assert.Equal(expected, CrossEntropyWithLogits([0.25, 0.0, 0.75], u));
        double[] g = CrossEntropyWithLogitsGradient([0.25, 0.0, 0.75], u);
        Assert.Equal(0.0, g[1]);
        Assert.Equal(CrossEntropyWithLogitsGradient([0.25, 0.75], [2.0, 1.0]), new[] { g[0], g[2] });
        Assert.Equal(0.0, CrossEntropyWithLogits([0.0, 0.0], [NegInf, NegInf]));
        Assert.Equal(0.0, CrossEntropyWithLogits(Array.Empty<double>(), Array.Empty<double>()));
        Assert.Equal([0.0, 0.0], CrossEntropyWithLogitsGradient([0.0, 0.0], [NegInf, 1.0]));
    }

    [Fact]
    public void Positive_target_on_a_masked_logit_gives_infinite_loss()
    {
        Assert.Equal(Inf, CrossEntropyWithLogits([0.5, 0.5], [1.0, NegInf]));
        Assert.Equal(Inf, CrossEntropyWithLogits(1, [1.0, NegInf]));
        Assert.Equal(Inf, CrossEntropyWithLogits(0, [1.0, NegInf], labelSmoothing: 0.1));
        Assert.Equal(Inf, CrossEntropyWithLogits([1.0], [NegInf]));
        Assert.Equal(Inf, CrossEntropyWithLogitsRows([0, 1], new double[,] { { 0, 0 }, { 0, NegInf } }));
        // The gradient stays finite while some logit is finite: (Σp)·0 − p_i on the masked entry.
        Assert.Equal([0.5, -0.5], CrossEntropyWithLogitsGradient([0.5, 0.5], [1.0, NegInf]));
        Assert.Throws<ArgumentException>("u", () => CrossEntropyWithLogitsGradient([1.0], [NegInf]));
    }

    [Fact]
    public void Labels_and_label_smoothing_outside_their_ranges_are_out_of_range()
    {
        Assert.Throws<ArgumentOutOfRangeException>("label", () => CrossEntropyWithLogits(3, [1.0, 2.0, 3.0]));
        Assert.Throws<ArgumentOutOfRangeException>("label", () => CrossEntropyWithLogits(-1, [1.0, 2.0]));
        Assert.Throws<ArgumentOutOfRangeException>("label", () => CrossEntropyWithLogitsGradient(2, [1.0, 2.0]));
        Assert.Throws<ArgumentOutOfRangeException>("labels[1]", () => CrossEntropyWithLogitsRows([0, 5], new double[2, 3]));
        foreach (double eps in new[] { -0.1, 1.1, double.NaN })
        {
            Assert.Throws<ArgumentOutOfRangeException>("labelSmoothing", () => CrossEntropyWithLogits(0, [1.0, 2.0], eps));
            Assert.Throws<ArgumentOutOfRangeException>("labelSmoothing",
                () => CrossEntropyWithLogitsGradient(0, [1.0, 2.0], eps));
        }
    }

    [Fact]
    public void Batches_without_rows_have_no_mean()
    {
        Assert.Throws<ArgumentException>("u", () => CrossEntropyWithLogitsRows(new double[0, 3], new double[0, 3]));
        Assert.Throws<ArgumentException>("u", () => CrossEntropyWithLogitsRows(Array.Empty<int>(), new double[0, 3]));
        // The gradient of an undefined mean is undefined too: both forms throw, as documented.
        Assert.Throws<ArgumentException>("u", () => CrossEntropyWithLogitsGradientRows(new double[0, 3], new double[0, 3]));
        Assert.Throws<ArgumentException>("u", () => CrossEntropyWithLogitsGradientRows(Array.Empty<int>(), new double[0, 3]));
        Assert.Empty(LogSumExpRows(new double[0, 3]));
        Assert.Equal([NegInf, NegInf], LogSumExpRows(new double[2, 0]));
        Assert.Throws<ArgumentException>("z", () => SoftmaxRows(new double[2, 0]));
    }

    [Fact]
    public void Destination_overlapping_the_input_other_than_in_place_throws()
    {
        double[] buffer = [1.0, 2.0, 3.0, 4.0];
        Assert.Throws<ArgumentException>("destination",
            () => Softmax<double>(buffer.AsSpan(0, 3), buffer.AsSpan(1, 3)));
        Assert.Throws<ArgumentException>("destination",
            () => SoftmaxJvp<double>([1.0, 2.0], buffer.AsSpan(0, 2), buffer.AsSpan(0, 2)));
        Assert.Throws<ArgumentException>("destination",
            () => CrossEntropyWithLogitsGradient<double>(buffer.AsSpan(0, 2), [1.0, 2.0], buffer.AsSpan(0, 2)));
        Assert.Throws<ArgumentException>("destination",
            () => SoftmaxJacobian<double>(buffer.AsSpan(0, 2), buffer.AsSpan()));
    }

    [Fact]
    public void Null_arrays_throw_argument_null()
    {
        Assert.Throws<ArgumentNullException>("z", () => LogSumExp((double[])null!));
        Assert.Throws<ArgumentNullException>("z", () => Softmax((double[])null!));
        Assert.Throws<ArgumentNullException>("weights", () => WeightedSoftmax([1.0], (double[])null!));
        Assert.Throws<ArgumentNullException>("p", () => CrossEntropyWithLogits((double[])null!, [1.0]));
        Assert.Throws<ArgumentNullException>("z", () => SoftmaxRows(null!));
    }
}
