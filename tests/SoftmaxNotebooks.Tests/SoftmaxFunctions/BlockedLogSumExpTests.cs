using System.Globalization;
using SoftmaxNotebooks.Kernels;
using Xunit;
using static SoftmaxNotebooks.SoftmaxFunctions;

namespace SoftmaxNotebooks.Tests.Core;

/// <summary>
/// LogSumExp of long vectors, which the kernel sums block by block (one block maximum and partial sum per L2-sized
/// block, combined at the end): checked against closed forms and against the unblocked two-pass kernel, within the
/// issue's bound 8ε·(|a| + |LSE| + κ), and for the special-value rules at late indices.
/// </summary>
public class BlockedLogSumExpTests
{
    // Several blocks of 2¹⁶ doubles (2¹⁷ floats) and a ragged last one.
    private const int Length = 3 * (1 << 17) + 5;
    private const double Epsilon = 1.0 / (1L << 52);

    /// <summary>The unblocked kernel: the global pivot, then one fused exp + compensated-sum pass.</summary>
    private static double Unblocked(double[] z, double temperature = 1.0, bool scaled = false)
    {
        Pivot<double> pivot = SoftmaxKernel.FindPivot<double>(z, nameof(z));
        double tail = SoftmaxKernel.LogOnePlusTail<double>(z, pivot, temperature, scaled);
        return scaled ? pivot.Max + temperature * tail : pivot.Max + tail;
    }

    /// <summary>8ε·(|a| + |LSE| + κ), κ = Σ s_j·|z_j − a| (of z/T for the temperature form, scaled back by T).</summary>
    private static double Bound(double[] z, double lse, double temperature = 1.0)
    {
        double a = z.Max();
        double kappa = 0;
        foreach (double x in z)
        {
            if (!double.IsNegativeInfinity(x))
            {
                kappa += Math.Exp((x - lse) / temperature) * Math.Abs(x - a) / temperature;
            }
        }

        return 8 * Epsilon * (Math.Abs(a / temperature) + Math.Abs(lse / temperature) + kappa) * temperature;
    }

    private static void Within(double expected, double actual, double bound) =>
        Assert.True(Math.Abs(expected - actual) <= bound, string.Create(CultureInfo.InvariantCulture,
            $"expected {expected:R}, got {actual:R}: error {Math.Abs(expected - actual):G3} > bound {bound:G3}"));

    private static double[] Uniform(int seed, double low, double high)
    {
        var random = new Random(seed);
        var z = new double[Length];
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = low + (high - low) * random.NextDouble();
        }

        return z;
    }

    /// <summary>z_i = i·h: Σ_i e^{z_i − a} = (1 − e^{−nh})/(1 − e^{−h}), a geometric series. double.ExpM1 is
    /// Exp(x) − 1, which cancels for small h, so 1 − e^{−h} comes from its Taylor series (h ≤ 10⁻⁵: five terms
    /// leave a relative error below 10⁻²⁵); nh is large enough that 1 − e^{−nh} does not cancel.</summary>
    private static double GeometricLogSumExp(int n, double h)
    {
        double oneMinusExpMinusH = h * (1 - h / 2 * (1 - h / 3 * (1 - h / 4 * (1 - h / 5))));
        return (n - 1) * h + Math.Log(1 - Math.Exp(-n * h)) - Math.Log(oneMinusExpMinusH);
    }

    [Fact]
    public void Ascending_values_match_the_geometric_series()
    {
        const double h = 1e-5;
        double[] z = Enumerable.Range(0, Length).Select(i => i * h).ToArray();
        double expected = GeometricLogSumExp(Length, h);
        Within(expected, LogSumExp(z), Bound(z, expected));
        Within(Unblocked(z), LogSumExp(z), Bound(z, expected));
    }

    [Fact]
    public void Descending_values_match_the_geometric_series()
    {
        const double h = 1e-5;
        double[] z = Enumerable.Range(0, Length).Select(i => (Length - 1 - i) * h).ToArray();
        double expected = GeometricLogSumExp(Length, h);
        Within(expected, LogSumExp(z), Bound(z, expected));
    }

    [Theory]
    [InlineData(1, -8.0, 8.0)]
    [InlineData(2, -1e3, 1e3)]
    [InlineData(3, 1e300, 1.0000000001e300)]
    [InlineData(4, -40.0, 0.0)]
    public void Random_values_match_the_unblocked_kernel(int seed, double low, double high)
    {
        double[] z = Uniform(seed, low, high);
        double expected = Unblocked(z);
        Within(expected, LogSumExp(z), Bound(z, expected));
        Within(Unblocked(z, 0.25, scaled: true), LogSumExp(z, 0.25), Bound(z, expected, 0.25));
        Within(Unblocked(z, 7.0, scaled: true), LogSumExp(z, 7.0), Bound(z, expected, 7.0));
    }

    [Fact]
    public void Global_maximum_in_the_last_block_is_the_pivot()
    {
        double[] z = Uniform(5, -8.0, 8.0);
        z[^2] = 30.0;
        double expected = Unblocked(z);
        Within(expected, LogSumExp(z), Bound(z, expected));
        // Every other term is below e^{8 − 30}: LSE − 30 ≈ n·e^{−30}·(e⁸ − e^{−8})/16 ≈ 6.9·10⁻⁶.
        Assert.InRange(LogSumExp(z), 30.0, 30.0 + 1e-5);
    }

    [Fact]
    public void Constant_vector_gives_value_plus_log_n_with_ties_in_every_block()
    {
        double[] z = Enumerable.Repeat(0.75, Length).ToArray();
        double expected = 0.75 + Math.Log(Length);
        Within(expected, LogSumExp(z), Bound(z, expected));
    }

    [Fact]
    public void Maximum_tied_across_blocks_counts_every_copy()
    {
        double[] z = Uniform(6, -8.0, 8.0);
        foreach (int i in new[] { 100, (1 << 16) + 7, 2 * (1 << 16), Length - 1 })
        {
            z[i] = 12.0;
        }

        double expected = Unblocked(z);
        Within(expected, LogSumExp(z), Bound(z, expected));
        Within(Unblocked(z, 3.0, scaled: true), LogSumExp(z, 3.0), Bound(z, expected, 3.0));
    }

    [Fact]
    public void Minus_infinity_masks_and_fully_masked_blocks_drop_out()
    {
        double[] z = Enumerable.Repeat(-2.5, Length).ToArray();
        int kept = 0;
        for (int i = 0; i < z.Length; i++)
        {
            // The first 2¹⁷ entries (whole blocks) and every third entry after them are masked.
            if (i < 1 << 17 || i % 3 == 0)
            {
                z[i] = double.NegativeInfinity;
            }
            else
            {
                kept++;
            }
        }

        double expected = -2.5 + Math.Log(kept);
        Within(expected, LogSumExp(z), Bound(z, expected));
        Within(-2.5 + 2.0 * Math.Log(kept), LogSumExp(z, 2.0), Bound(z, expected, 2.0) * 2);
    }

    [Fact]
    public void Fully_masked_long_vector_gives_minus_infinity()
    {
        double[] z = Enumerable.Repeat(double.NegativeInfinity, Length).ToArray();
        Assert.Equal(double.NegativeInfinity, LogSumExp(z));
        Assert.Equal(double.NegativeInfinity, LogSumExp(z, 0.5));
    }

    [Fact]
    public void One_plus_infinity_in_a_late_block_gives_plus_infinity()
    {
        double[] z = Uniform(7, -8.0, 8.0);
        z[Length - 3] = double.PositiveInfinity;
        Assert.Equal(double.PositiveInfinity, LogSumExp(z));
        Assert.Equal(double.PositiveInfinity, LogSumExp(z, 0.5));
    }

    [Fact]
    public void NaN_at_a_late_index_throws_naming_that_index_even_after_plus_infinity()
    {
        double[] z = Uniform(8, -8.0, 8.0);
        int late = Length - 2;
        z[late] = double.NaN;
        foreach (Action call in new Action[] { () => LogSumExp(z), () => LogSumExp(z, 2.0) })
        {
            var e = Assert.Throws<ArgumentException>("z", call);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"z[{late}]"), e.Message, StringComparison.Ordinal);
        }

        z[10] = double.PositiveInfinity;
        var afterInfinity = Assert.Throws<ArgumentException>("z", () => LogSumExp(z));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"z[{late}]"), afterInfinity.Message, StringComparison.Ordinal);
    }

    /// <summary>Each block's maximum is taken while the previous block's exponentials are summed, in vector lanes
    /// and in the scalar remainders; NaN and +∞ must be seen wherever they fall.</summary>
    [Theory]
    [InlineData(3)]
    [InlineData((1 << 16) - 1)]
    [InlineData(1 << 16)]
    [InlineData((1 << 16) + 1000)]
    [InlineData(3 * (1 << 16) + 12345)]
    [InlineData(6 * (1 << 16) + 4)]
    public void Special_values_are_found_in_every_block_position(int index)
    {
        double[] z = Uniform(10, -8.0, 8.0);
        z[index] = double.PositiveInfinity;
        Assert.Equal(double.PositiveInfinity, LogSumExp(z));
        z[index] = double.NaN;
        var e = Assert.Throws<ArgumentException>("z", () => LogSumExp(z));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"z[{index}]"), e.Message, StringComparison.Ordinal);

        var f = new float[2 * Length];
        f[2 * index + 1] = float.NaN;
        var ef = Assert.Throws<ArgumentException>("z", () => LogSumExp(f));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"z[{2 * index + 1}]"), ef.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Block_after_a_fully_masked_block_is_summed_and_validated()
    {
        double[] z = Uniform(11, -8.0, 8.0);
        z.AsSpan(1 << 16, 1 << 16).Fill(double.NegativeInfinity);
        double expected = Unblocked(z);
        Within(expected, LogSumExp(z), Bound(z, expected));
        z[2 * (1 << 16) + 77] = double.NaN;
        var e = Assert.Throws<ArgumentException>("z", () => LogSumExp(z));
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"z[{2 * (1 << 16) + 77}]"), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float_vectors_match_the_unblocked_kernel()
    {
        var random = new Random(9);
        var z = new float[2 * Length];
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = (float)(16 * random.NextDouble() - 8);
        }

        Pivot<float> pivot = SoftmaxKernel.FindPivot<float>(z, nameof(z));
        float expected = pivot.Max + SoftmaxKernel.LogOnePlusTail<float>(z, pivot, 1f, scaled: false);
        // a ≈ 8, LSE ≈ 19, κ ≈ 2.5: 8ε·(a + LSE + κ) with ε = 2⁻²³.
        double bound = 8.0 / (1 << 23) * (8 + 19 + 2.5);
        Assert.True(Math.Abs(expected - LogSumExp(z)) <= bound, string.Create(CultureInfo.InvariantCulture,
            $"expected {expected:R}, got {LogSumExp(z):R}"));
    }
}
