using System.Globalization;
using SoftmaxNotebooks.Kernels;
using Xunit;
using static SoftmaxNotebooks.SoftmaxFunctions;

namespace SoftmaxNotebooks.Tests.Core;

/// <summary>
/// Softmax and log-softmax of long vectors, which the kernels compute block by block (softmax: each block's terms
/// relative to its own maximum, then scaled by e^{(m_b − a)/T}/(1 + s)): checked against the unblocked kernel within
/// the documented bounds, in place, and for the special-value rules at late indices.
/// </summary>
public class BlockedSoftmaxTests
{
    private const int Block = 1 << 16;
    private const int Length = (3 * (1 << 17)) + 5;
    private const double Epsilon = 1.0 / (1L << 52);
    private const double SmallestNormal = 2.2250738585072014e-308;

    private static double[] Uniform(int seed, double low, double high, int length = Length)
    {
        var random = new Random(seed);
        var z = new double[length];
        for (int i = 0; i < z.Length; i++)
        {
            z[i] = low + (high - low) * random.NextDouble();
        }

        return z;
    }

    /// <summary>The unblocked kernel (global pivot, fused exp + sum, one division), the reference here.</summary>
    private static (double[] Softmax, double[] LogSoftmax) Unblocked(double[] z, double temperature, bool scaled)
    {
        Pivot<double> pivot = SoftmaxKernel.FindPivot<double>(z, nameof(z));
        var softmax = new double[z.Length];
        SoftmaxKernel.Softmax<double>(z, pivot, temperature, scaled, softmax);
        double tail = SoftmaxKernel.LogOnePlusTail<double>(z, pivot, temperature, scaled);
        var logSoftmax = z.Select(x => ((scaled ? (x - pivot.Max) / temperature : x - pivot.Max)) - tail).ToArray();
        return (softmax, logSoftmax);
    }

    /// <summary>κ = Σ s_j·|z_j − a| of z/T.</summary>
    private static double Kappa(double[] z, double[] softmax, double temperature)
    {
        double a = z.Max();
        double kappa = 0;
        for (int j = 0; j < z.Length; j++)
        {
            if (softmax[j] > 0)
            {
                kappa += softmax[j] * Math.Abs(z[j] - a) / temperature;
            }
        }

        return kappa;
    }

    private static void CheckAgainstUnblocked(double[] z, double temperature = 1.0)
    {
        bool scaled = temperature != 1.0;
        (double[] expected, double[] expectedLog) = Unblocked(z, temperature, scaled);
        double[] softmax = new double[z.Length];
        double[] logSoftmax = new double[z.Length];
        if (scaled)
        {
            Softmax<double>(z, temperature, softmax);
            LogSoftmax<double>(z, temperature, logSoftmax);
        }
        else
        {
            Softmax<double>(z, softmax);
            LogSoftmax<double>(z, logSoftmax);
        }

        double a = z.Max();
        double kappa = Kappa(z, expected, temperature);
        for (int i = 0; i < z.Length; i++)
        {
            double shift = Math.Abs(z[i] - a) / temperature;
            // softmax_i: relative error ≤ 8ε·(1 + |z_i − a| + κ); below the normal range, absolute.
            double bound = Math.Max(8 * Epsilon * (1 + shift + kappa) * expected[i], SmallestNormal);
            if (softmax[i] != expected[i] && !(Math.Abs(softmax[i] - expected[i]) <= bound))
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"softmax[{i}] (z = {z[i]:R}, T = {temperature}): expected {expected[i]:R}, got {softmax[i]:R}, bound {bound:G3}"));
            }

            if (double.IsNegativeInfinity(expectedLog[i]))
            {
                Assert.Equal(double.NegativeInfinity, logSoftmax[i]);
                continue;
            }

            double logBound = 8 * Epsilon * (shift + Math.Abs(expectedLog[i]) + kappa);
            if (!(Math.Abs(logSoftmax[i] - expectedLog[i]) <= logBound))
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"logSoftmax[{i}]: expected {expectedLog[i]:R}, got {logSoftmax[i]:R}, bound {logBound:G3}"));
            }
        }

        // In place gives the same bits.
        double[] inPlace = (double[])z.Clone();
        double[] inPlaceLog = (double[])z.Clone();
        if (scaled)
        {
            Softmax<double>(inPlace, temperature, inPlace);
            LogSoftmax<double>(inPlaceLog, temperature, inPlaceLog);
        }
        else
        {
            Softmax<double>(inPlace, inPlace);
            LogSoftmax<double>(inPlaceLog, inPlaceLog);
        }

        Assert.Equal(softmax, inPlace);
        Assert.Equal(logSoftmax, inPlaceLog);
    }

    [Theory]
    [InlineData(1, -8.0, 8.0)]
    [InlineData(2, -1e3, 1e3)]
    [InlineData(3, 1e300, 1.0000000001e300)]
    [InlineData(4, -40.0, 0.0)]
    [InlineData(5, -800.0, 0.0)]
    public void Random_values_match_the_unblocked_kernel(int seed, double low, double high)
    {
        double[] z = Uniform(seed, low, high);
        CheckAgainstUnblocked(z);
        CheckAgainstUnblocked(z, 0.25);
        CheckAgainstUnblocked(z, 7.0);
    }

    [Fact]
    public void Block_maxima_far_below_the_pivot_give_subnormal_and_zero_probabilities_within_the_absolute_bound()
    {
        // Block 1 sits 720 below the pivot (its factor e^{−720} is subnormal), block 2 800 below (the factor is 0),
        // block 3 holds the maximum.
        double[] z = Uniform(6, -5.0, 0.0);
        for (int i = Block; i < 2 * Block; i++)
        {
            z[i] -= 720;
        }

        for (int i = 2 * Block; i < 3 * Block; i++)
        {
            z[i] -= 800;
        }

        z[(3 * Block) + 10] = 1.0;
        CheckAgainstUnblocked(z);
        double[] p = Softmax(z);
        Assert.All(p.AsSpan(2 * Block, Block).ToArray(), x => Assert.Equal(0.0, x));
        Assert.True(p[Block] > 0 && p[Block] < SmallestNormal);
    }

    [Fact]
    public void Ties_across_blocks_share_the_mass_and_the_first_is_the_pivot()
    {
        double[] z = Uniform(7, -8.0, 8.0);
        int[] tied = [100, Block + 7, 2 * Block, Length - 1];
        foreach (int i in tied)
        {
            z[i] = 12.0;
        }

        CheckAgainstUnblocked(z);
        CheckAgainstUnblocked(z, 3.0);
        var s = new double[z.Length];
        SoftmaxResult<double> result = SoftmaxKernel.Softmax<double>(z, 1.0, false, s, nameof(z));
        Pivot<double> pivot = SoftmaxKernel.FindPivot<double>(z, nameof(z));
        Assert.Equal(pivot.Index, result.PivotIndex);
        SoftmaxResult<double> unblocked = SoftmaxKernel.Softmax<double>(z, pivot, 1.0, false, new double[z.Length]);
        Assert.InRange(Math.Abs(result.PivotComplement - unblocked.PivotComplement), 0, 8 * Epsilon * unblocked.PivotComplement);
        Assert.Equal(s[100], s[Length - 1]);
    }

    [Fact]
    public void Masked_entries_and_fully_masked_blocks_get_zero_and_minus_infinity()
    {
        double[] z = Uniform(8, -3.0, 3.0);
        Array.Fill(z, double.NegativeInfinity, Block, Block);
        for (int i = 0; i < z.Length; i += 89)
        {
            z[i] = double.NegativeInfinity;
        }

        CheckAgainstUnblocked(z);
        double[] p = Softmax(z);
        double[] l = LogSoftmax(z);
        for (int i = 0; i < z.Length; i++)
        {
            if (double.IsNegativeInfinity(z[i]))
            {
                Assert.Equal(0.0, p[i]);
                Assert.Equal(double.NegativeInfinity, l[i]);
            }
        }

        Assert.InRange(p.Sum(), 1 - 1e-12, 1 + 1e-12);
    }

    [Fact]
    public void Plus_infinity_in_a_late_block_shares_the_mass_even_in_place()
    {
        double[] z = Uniform(9, -8.0, 8.0);
        z[(2 * Block) + 3] = double.PositiveInfinity;
        z[Length - 2] = double.PositiveInfinity;
        double[] inPlace = (double[])z.Clone();
        Softmax<double>(inPlace, inPlace);
        double[] logInPlace = (double[])z.Clone();
        LogSoftmax<double>(logInPlace, logInPlace);
        for (int i = 0; i < z.Length; i++)
        {
            bool infinite = double.IsPositiveInfinity(z[i]);
            Assert.Equal(infinite ? 0.5 : 0.0, inPlace[i]);
            Assert.Equal(infinite ? -Math.Log(2) : double.NegativeInfinity, logInPlace[i]);
        }
    }

    [Fact]
    public void NaN_at_a_late_index_is_named_even_in_place_after_earlier_blocks_were_written()
    {
        double[] z = Uniform(10, -8.0, 8.0);
        z[(2 * Block) + 9] = double.NaN;
        z[Length - 1] = double.NaN;
        foreach (bool inPlace in new[] { false, true })
        {
            double[] input = (double[])z.Clone();
            double[] destination = inPlace ? input : new double[z.Length];
            var e = Assert.Throws<ArgumentException>("z", () => Softmax<double>(input, destination));
            Assert.Contains($"z[{(2 * Block) + 9}] is NaN", e.Message, StringComparison.Ordinal);
            input = (double[])z.Clone();
            destination = inPlace ? input : new double[z.Length];
            e = Assert.Throws<ArgumentException>("z", () => LogSoftmax<double>(input, destination));
            Assert.Contains($"z[{(2 * Block) + 9}] is NaN", e.Message, StringComparison.Ordinal);
            // Log-softmax writes nothing before z has been read through.
            Assert.Equal(z, input);
        }
    }

    [Fact]
    public void Fully_masked_long_vector_throws_and_leaves_it_untouched_in_place()
    {
        double[] z = Enumerable.Repeat(double.NegativeInfinity, Length).ToArray();
        Assert.Throws<ArgumentException>("z", () => Softmax<double>(z, z));
        Assert.Throws<ArgumentException>("z", () => LogSoftmax<double>(z, z));
        Assert.All(z, x => Assert.Equal(double.NegativeInfinity, x));
    }

    [Fact]
    public void Floats_match_the_unblocked_kernel_within_the_bound()
    {
        const double epsilon = 1.0 / (1 << 23);
        int n = (3 * (1 << 17)) + 11;
        var random = new Random(11);
        float[] z = new float[n];
        for (int i = 0; i < n; i++)
        {
            z[i] = (float)((random.NextDouble() * 40) - 20);
        }

        Pivot<float> pivot = SoftmaxKernel.FindPivot<float>(z, nameof(z));
        float[] expected = new float[n];
        SoftmaxKernel.Softmax<float>(z, pivot, 1f, false, expected);
        float[] p = Softmax(z);
        for (int i = 0; i < n; i++)
        {
            double bound = Math.Max(8 * epsilon * (1 + Math.Abs(z[i] - pivot.Max) + 20) * expected[i], 1.2e-38);
            Assert.InRange(Math.Abs((double)p[i] - expected[i]), 0, bound);
        }
    }
}
