using System.Globalization;
using Xunit;
using static SoftmaxNotebooks.SoftmaxFunctions;

namespace SoftmaxNotebooks.Tests.Core;

/// <summary>How calls read in a notebook: overload resolution with literals, collection expressions and named
/// arguments, float through the generic overloads, and culture-invariant messages.</summary>
public class OverloadAndCultureTests
{
    [Fact]
    public void Collection_expressions_and_named_arguments_bind_to_double()
    {
        double x = 2.0;
        double lse = LogSumExp([x, 0.0]);
        Assert.Equal(Softplus(x), lse);
        double[] z = [1.0, 2.0, 3.0];
        double[] hot = Softmax(z, temperature: 0.5);
        Assert.Equal(Softmax([2.0, 4.0, 6.0]), hot);
        // Integer literals pick the double overloads, not float.
        object fromInts = Softmax([1, 2, 3]);
        Assert.IsType<double[]>(fromInts);
        object lseInts = LogSumExp([1, 2]);
        Assert.IsType<double>(lseInts);
        object sigmoidInt = Sigmoid(0);
        Assert.IsType<double>(sigmoidInt);
        Assert.Equal(0.5, Sigmoid(0));
        Assert.IsType<double>(WeightedLogSumExp(z, weights: [1.0, 2.0, 3.0]));
        Assert.IsType<double>(CrossEntropyWithLogits(p: [0.5, 0.5, 0.0], u: z));
        Assert.IsType<double>(CrossEntropyWithLogits(label: 1, u: z, labelSmoothing: 0.1));
    }

    [Fact]
    public void Float_arrays_use_the_generic_overloads_and_stay_float()
    {
        float[] z = [1f, 2f, 3f];
        object lse = LogSumExp(z);
        Assert.IsType<float>(lse);
        Assert.IsType<float[]>(Softmax(z));
        Assert.IsType<float[]>(Softmax(z, temperature: 0.5f));
        Assert.IsType<float[]>(LogSoftmax(z));
        Assert.IsType<float>(WeightedLogSumExp(z, [1f, 1f, 2f]));
        Assert.IsType<float>(Sigmoid(1f));
        Assert.IsType<float>(Softplus(1f));
        Assert.IsType<float>(CrossEntropyWithLogits<float>(2, z));
    }

    [Fact]
    public void Two_arrays_mean_logits_and_destination_and_the_destination_is_filled()
    {
        // The call a TensorPrimitives user writes: Softmax(z, buffer). An all-zero buffer read as weights would throw
        // "no outcome"; one holding an earlier softmax read as weights would leave it stale.
        double[] z = [1.0, 2.0, 3.0, -4.0];
        double[] expected = Softmax(z);
        double[] zeros = new double[z.Length];
        Softmax(z, zeros);
        Assert.Equal(expected, zeros);
        double[] stale = Softmax([0.0, 0.0, 0.0, 0.0]);
        Softmax<double>(z, stale);
        Assert.Equal(expected, stale);
        double[] logBuffer = Softmax([5.0, 1.0, 1.0, 1.0]);
        LogSoftmax(z, logBuffer);
        Assert.Equal(LogSoftmax(z), logBuffer);
        float[] zf = [1f, 2f, 3f];
        float[] bufferf = new float[3];
        Softmax(zf, bufferf);
        Assert.Equal(Softmax(zf), bufferf);
        double[] scaled = new double[z.Length];
        Softmax(z, 0.5, scaled);
        Assert.Equal(Softmax(z, temperature: 0.5), scaled);
    }

    [Fact]
    public void Weights_appear_only_in_methods_named_Weighted()
    {
        var offenders = typeof(SoftmaxFunctions).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(m => m.GetParameters().Any(p => p.Name == "weights") != m.Name.StartsWith("Weighted", StringComparison.Ordinal))
            .Select(m => m.ToString())
            .ToArray();
        Assert.Empty(offenders);
        Assert.Contains(typeof(SoftmaxFunctions).GetMethods(), m => m.Name == "WeightedSoftmax");
        Assert.Contains(typeof(SoftmaxFunctions).GetMethods(), m => m.Name == "WeightedLogSumExp");
    }

    [Fact]
    public void Span_kernels_work_in_place_and_allocate_nothing()
    {
        double[] z = Enumerable.Range(0, 3000).Select(i => Math.Sin(i) * 50).ToArray();
        double[] expected = Softmax(z);
        double[] expectedLog = LogSoftmax(z);
        double[] buffer = (double[])z.Clone();
        double[] buffer2 = (double[])z.Clone();
        double[] dest = new double[z.Length];
        // Warm up every path so that JIT work is not counted.
        Softmax<double>(z.AsSpan(), dest);
        LogSoftmax<double>(z.AsSpan(), dest);
        _ = LogSumExp<double>(z);
        _ = LogSumExp<double>(z, 0.5);
        _ = CrossEntropyWithLogits<double>(3, z);
        long before = GC.GetAllocatedBytesForCurrentThread();
        Softmax<double>(buffer.AsSpan(), buffer);
        LogSoftmax<double>(buffer2.AsSpan(), buffer2);
        double lse = LogSumExp<double>(z) + LogSumExp<double>(z, 0.5) + CrossEntropyWithLogits<double>(3, z);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.True(double.IsFinite(lse));
        Assert.Equal(expected, buffer);
        Assert.Equal(expectedLog, buffer2);
    }

    [Fact]
    public void Messages_are_culture_invariant()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        CultureInfo savedUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("de-DE");
            var t = Assert.Throws<ArgumentOutOfRangeException>(() => Softmax([1.0, 2.0], temperature: -1.5));
            Assert.Contains("-1.5", t.Message, StringComparison.Ordinal);
            var w = Assert.Throws<ArgumentException>(() => WeightedLogSumExp([1.0, 2.0], [1.0, -0.25]));
            Assert.Contains("weights[1] is -0.25", w.Message, StringComparison.Ordinal);
            var l = Assert.Throws<ArgumentOutOfRangeException>(() => CrossEntropyWithLogits(0, [1.0], 1.5));
            Assert.Contains("1.5", l.Message, StringComparison.Ordinal);
            var m = Assert.Throws<ArgumentException>(() => WeightedLogSumExp(new double[1234], new double[12345]));
            Assert.Contains("1234 elements", m.Message, StringComparison.Ordinal);
            Assert.Contains("12345", m.Message, StringComparison.Ordinal);
            Assert.Equal(4.248354255291589e-18, LogSumExp([0.0, -40.0]));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
            CultureInfo.CurrentUICulture = savedUi;
        }
    }

    [Fact]
    public void Span_row_forms_validate_the_column_count()
    {
        double[] z = [1, 2, 3, 4, 5, 6];
        var lse = new double[2];
        LogSumExpRows<double>(z, 3, lse);
        Assert.Equal([LogSumExp([1.0, 2, 3]), LogSumExp([4.0, 5, 6])], lse);
        Assert.Throws<ArgumentOutOfRangeException>("columns", () => LogSumExpRows<double>(z, 4, new double[1]));
        Assert.Throws<ArgumentOutOfRangeException>("columns", () => SoftmaxRows<double>(z, 0, new double[6]));
        Assert.Throws<ArgumentException>("destination", () => LogSumExpRows<double>(z, 3, new double[3]));
        var e = Assert.Throws<ArgumentException>("z", () => SoftmaxRows<double>(
            [1, 2, double.NegativeInfinity, double.NegativeInfinity], 2, new double[4]));
        Assert.Contains("Row 1", e.Message, StringComparison.Ordinal);
    }
}
