using Xunit;
using static SoftmaxNotebooks.SoftmaxFunctions;

namespace SoftmaxNotebooks.Tests.Core;

/// <summary>The opt-in parallel log-sum-exp, softmax and log-softmax: the same bits for 1, 2, 3 and 16 threads, equal
/// to the serial result up to 256 blocks, across block boundaries and with masks, +∞ and NaN.</summary>
public class ParallelTests
{
    private const int DoubleBlock = 65_536;
    private const int FloatBlock = 131_072;
    private static readonly int[] ThreadCounts = [1, 2, 3, 16];

    public static TheoryData<int, string> DoubleCases()
    {
        var data = new TheoryData<int, string>();
        foreach (int n in new[] { 2 * DoubleBlock, (2 * DoubleBlock) + 1, (3 * DoubleBlock) - 1, 3 * DoubleBlock, (3 * DoubleBlock) + 1, (7 * DoubleBlock) + 123 })
        {
            foreach (string shape in new[] { "random", "wide", "masked block", "scattered masks", "max in last block", "max at block start", "ties", "tiny tail" })
            {
                data.Add(n, shape);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void Every_thread_count_gives_the_serial_bits(int n, string shape)
    {
        double[] z = Make(n, shape, seed: n ^ shape.Length);
        double serial = LogSumExp(z);
        double serialTempered = LogSumExp(z, 0.37);
        Assert.Equal(serial, LogSumExp(z, Parallelism.Serial));
        foreach (int threads in ThreadCounts)
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(serial), BitConverter.DoubleToInt64Bits(LogSumExp(z, Parallelism.Threads(threads))));
            Assert.Equal(BitConverter.DoubleToInt64Bits(serialTempered),
                BitConverter.DoubleToInt64Bits(LogSumExp(z, 0.37, Parallelism.Threads(threads))));
        }
    }

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void Softmax_gives_the_serial_bits_for_every_thread_count(int n, string shape)
    {
        double[] z = Make(n, shape, seed: n ^ shape.Length);
        double[] serial = Softmax(z);
        double[] serialTempered = Softmax(z, 0.37);
        foreach (int threads in ThreadCounts)
        {
            double[] p = new double[n];
            Softmax<double>(z, p, Parallelism.Threads(threads));
            Assert.Equal(serial, p);
            Softmax(z, 0.37, p, Parallelism.Threads(threads));
            Assert.Equal(serialTempered, p);
        }

        double[] inPlace = (double[])z.Clone();
        Softmax<double>(inPlace, inPlace, Parallelism.Threads(3));
        Assert.Equal(serial, inPlace);
        double[] viaSerialSetting = new double[n];
        Softmax<double>(z, viaSerialSetting, Parallelism.Serial);
        Assert.Equal(serial, viaSerialSetting);
    }

    [Theory]
    [MemberData(nameof(DoubleCases))]
    public void LogSoftmax_gives_the_serial_bits_for_every_thread_count(int n, string shape)
    {
        double[] z = Make(n, shape, seed: n ^ shape.Length);
        double[] serial = LogSoftmax(z);
        double[] serialTempered = new double[n];
        LogSoftmax<double>(z, 0.37, serialTempered);
        foreach (int threads in ThreadCounts)
        {
            double[] l = new double[n];
            LogSoftmax<double>(z, l, Parallelism.Threads(threads));
            Assert.Equal(serial, l);
            LogSoftmax(z, 0.37, l, Parallelism.Threads(threads));
            Assert.Equal(serialTempered, l);
        }

        double[] inPlace = (double[])z.Clone();
        LogSoftmax<double>(inPlace, inPlace, Parallelism.Threads(3));
        Assert.Equal(serial, inPlace);
        double[] viaSerialSetting = new double[n];
        LogSoftmax<double>(z, viaSerialSetting, Parallelism.Serial);
        Assert.Equal(serial, viaSerialSetting);
    }

    [Fact]
    public void LogSoftmax_special_values_are_those_of_the_serial_function()
    {
        int n = (4 * DoubleBlock) + 17;
        double[] infinite = Make(n, "random", 3);
        infinite[(3 * DoubleBlock) + 5] = double.PositiveInfinity;
        infinite[7] = double.PositiveInfinity;
        double[] withNaN = Make(n, "random", 4);
        withNaN[(2 * DoubleBlock) + 9] = double.NaN;
        double[] masked = new double[n];
        Array.Fill(masked, double.NegativeInfinity);
        double[] d = new double[n];
        foreach (int threads in ThreadCounts)
        {
            var p = Parallelism.Threads(threads);
            LogSoftmax<double>(infinite, d, p);
            Assert.Equal(LogSoftmax(infinite), d);
            double[] untouched = new double[n];
            var e = Assert.Throws<ArgumentException>("z", () => LogSoftmax<double>(withNaN, untouched, p));
            Assert.Contains($"z[{(2 * DoubleBlock) + 9}] is NaN", e.Message, StringComparison.Ordinal);
            Assert.All(untouched, x => Assert.Equal(0.0, x));
            Assert.Throws<ArgumentException>("z", () => LogSoftmax<double>(masked, new double[n], p));
            Assert.Throws<ArgumentException>("destination", () => LogSoftmax<double>(masked, new double[n - 1], p));
            Assert.Throws<ArgumentOutOfRangeException>(() => LogSoftmax<double>(masked, 0.0, new double[n], p));
        }
    }

    [Fact]
    public void Float_softmax_and_log_softmax_give_the_serial_bits_on_every_thread_count()
    {
        int n = (3 * FloatBlock) + 5;
        var random = new Random(n);
        float[] z = new float[n];
        for (int i = 0; i < n; i++)
        {
            z[i] = (float)(random.NextDouble() * 40 - 20);
        }

        z[n - 3] = float.NegativeInfinity;
        float[] serial = Softmax(z);
        float[] serialLog = LogSoftmax(z);
        foreach (int threads in ThreadCounts)
        {
            float[] d = new float[n];
            Softmax<float>(z, d, Parallelism.Threads(threads));
            Assert.Equal(serial, d);
            LogSoftmax<float>(z, d, Parallelism.Threads(threads));
            Assert.Equal(serialLog, d);
        }
    }

    [Fact]
    public void Softmax_special_values_are_those_of_the_serial_function()
    {
        int n = (4 * DoubleBlock) + 17;
        double[] infinite = Make(n, "random", 3);
        infinite[(3 * DoubleBlock) + 5] = double.PositiveInfinity;
        infinite[7] = double.PositiveInfinity;
        double[] withNaN = Make(n, "random", 4);
        withNaN[(2 * DoubleBlock) + 9] = double.NaN;
        double[] masked = new double[n];
        Array.Fill(masked, double.NegativeInfinity);
        double[] d = new double[n];
        foreach (int threads in ThreadCounts)
        {
            var p = Parallelism.Threads(threads);
            Softmax<double>(infinite, d, p);
            Assert.Equal(Softmax(infinite), d);
            // In place, blocks without +∞ may be written before the +∞ block is seen; the result is still the rule's.
            double[] inPlace = (double[])infinite.Clone();
            Softmax<double>(inPlace, inPlace, p);
            Assert.Equal(d, inPlace);
            var e = Assert.Throws<ArgumentException>("z", () => Softmax<double>(withNaN, new double[n], p));
            Assert.Contains($"z[{(2 * DoubleBlock) + 9}] is NaN", e.Message, StringComparison.Ordinal);
            double[] nanInPlace = (double[])withNaN.Clone();
            e = Assert.Throws<ArgumentException>("z", () => Softmax<double>(nanInPlace, nanInPlace, p));
            Assert.Contains($"z[{(2 * DoubleBlock) + 9}] is NaN", e.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>("z", () => Softmax<double>(masked, new double[n], p));
            Assert.Throws<ArgumentException>("destination", () => Softmax<double>(masked, new double[n - 1], p));
        }
    }

    [Fact]
    public void Floats_give_the_serial_bits_on_every_thread_count()
    {
        foreach (int n in new[] { (2 * FloatBlock) + 1, (3 * FloatBlock) + 5 })
        {
            var random = new Random(n);
            float[] z = new float[n];
            for (int i = 0; i < n; i++)
            {
                z[i] = (float)(random.NextDouble() * 40 - 20);
            }

            z[n - 3] = float.NegativeInfinity;
            float serial = LogSumExp(z);
            foreach (int threads in ThreadCounts)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(serial), BitConverter.SingleToInt32Bits(LogSumExp<float>(z, Parallelism.Threads(threads))));
            }
        }
    }

    [Fact]
    public void Special_values_are_those_of_the_serial_function()
    {
        int n = (4 * DoubleBlock) + 17;
        double[] masked = new double[n];
        Array.Fill(masked, double.NegativeInfinity);
        double[] infinite = Make(n, "random", 3);
        infinite[(3 * DoubleBlock) + 5] = double.PositiveInfinity;
        double[] withNaN = Make(n, "random", 4);
        withNaN[(2 * DoubleBlock) + 9] = double.NaN;
        withNaN[(3 * DoubleBlock) + 1] = double.NaN;
        foreach (int threads in ThreadCounts)
        {
            var p = Parallelism.Threads(threads);
            Assert.Equal(double.NegativeInfinity, LogSumExp(masked, p));
            Assert.Equal(double.PositiveInfinity, LogSumExp(infinite, p));
            var e = Assert.Throws<ArgumentException>("z", () => LogSumExp(withNaN, p));
            Assert.Contains($"z[{(2 * DoubleBlock) + 9}] is NaN", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Above_256_blocks_thread_counts_agree_and_stay_within_the_bound()
    {
        // The serial function sums such a vector in one pass (no room for more block results on its stack); the
        // parallel path still uses its fixed blocks, so thread counts agree with each other bit for bit.
        int n = (256 * DoubleBlock) + 1000;
        double[] z = Make(n, "random", 11);
        double first = LogSumExp(z, Parallelism.Threads(1));
        foreach (int threads in new[] { 2, 3 })
        {
            Assert.Equal(BitConverter.DoubleToInt64Bits(first), BitConverter.DoubleToInt64Bits(LogSumExp(z, Parallelism.Threads(threads))));
        }

        // Both are within 8ε(|a| + |LSE| + κ) of the exact value, and κ ≤ max |z_i − a| ≤ 20 here.
        double serial = LogSumExp(z);
        double tolerance = 16 * Math.Pow(2, -52) * (Math.Abs(z.Max()) + Math.Abs(serial) + 20);
        Assert.InRange(first - serial, -tolerance, tolerance);
    }

    [Fact]
    public void The_serial_setting_allocates_nothing_and_rejects_bad_counts()
    {
        double[] z = Make((3 * DoubleBlock) + 5, "random", 5);
        _ = LogSumExp(z, Parallelism.Serial);
        _ = LogSumExp(z, 0.5, Parallelism.Serial);
        long before = GC.GetAllocatedBytesForCurrentThread();
        double sum = LogSumExp(z.AsSpan(), Parallelism.Serial) + LogSumExp(z.AsSpan(), 0.5, Parallelism.Serial);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(double.IsFinite(sum));
        Assert.Throws<ArgumentOutOfRangeException>("count", () => Parallelism.Threads(0));
        Assert.Equal(1, default(Parallelism).MaxThreads);
        Assert.True(default(Parallelism).IsSerial);
        Assert.Equal(Environment.ProcessorCount, Parallelism.AllCores.MaxThreads);
        Assert.Throws<ArgumentOutOfRangeException>(() => LogSumExp(z, -1.0, Parallelism.Threads(2)));
    }

    private static double[] Make(int n, string shape, int seed)
    {
        var random = new Random(seed);
        double[] z = new double[n];
        for (int i = 0; i < n; i++)
        {
            z[i] = (random.NextDouble() * 20) - 10;
        }

        switch (shape)
        {
            case "wide":
                for (int i = 0; i < n; i++)
                {
                    z[i] *= 1e3;
                }

                break;
            case "masked block":
                Array.Fill(z, double.NegativeInfinity, DoubleBlock, Math.Min(DoubleBlock, n - DoubleBlock));
                break;
            case "scattered masks":
                for (int i = 0; i < n; i += 97)
                {
                    z[i] = double.NegativeInfinity;
                }

                break;
            case "max in last block":
                z[n - 1] = 50;
                break;
            case "max at block start":
                z[Math.Min(2 * DoubleBlock, n - 1)] = 50;
                z[DoubleBlock] = 49.5;
                break;
            case "tiny tail":
                // LSE ≈ Σ e^{z_i} ≈ 1e−12: every low bit of every block tail reaches the result, which a large
                // maximum would round away.
                for (int i = 0; i < n; i++)
                {
                    z[i] = -40 + (z[i] / 4);
                }

                z[n / 2] = 0;
                break;
            case "ties":
                z[3] = 30;
                z[n - 2] = 30;
                z[DoubleBlock + 1] = 30;
                break;
        }

        return z;
    }
}
