using Xunit;

namespace SoftmaxNotebooks.Tests.Accuracy;

/// <summary>Element-wise comparison of one computed output with its reference, each value against its own bound.</summary>
internal static class ReferenceChecks
{
    public static void Lse(AccuracyReport report, Condition k, string output, double got) =>
        report.Check(output, double.NaN, k.Case.Lse, got, k.LseBound());

    public static void Softmax(AccuracyReport report, Condition k, string output, ReadOnlySpan<double> got)
    {
        ReferenceCase c = k.Case;
        Assert.Equal(c.Z.Length, got.Length);
        for (int i = 0; i < got.Length; i++)
        {
            if (c.IsLive(i))
            {
                report.Check($"{output}[{i}]", c.Z[i], c.Softmax[i], got[i], k.SoftmaxBound(i, c.Softmax[i]));
            }
            else
            {
                report.CheckExact($"{output}[{i}]", c.Z[i], c.Softmax[i], got[i]);
            }
        }
    }

    public static void LogSoftmax(AccuracyReport report, Condition k, string output, ReadOnlySpan<double> got)
    {
        ReferenceCase c = k.Case;
        ExactValue[] expected = c.LogSoftmax!;
        Assert.Equal(c.Z.Length, got.Length);
        for (int i = 0; i < got.Length; i++)
        {
            if (c.IsLive(i))
            {
                report.Check($"{output}[{i}]", c.Z[i], expected[i], got[i], k.LogSoftmaxBound(i, expected[i]));
            }
            else
            {
                report.CheckExact($"{output}[{i}]", c.Z[i], expected[i], got[i]);
            }
        }
    }

    public static void CrossEntropy(
        AccuracyReport report, Condition k, string output, double[] p, ExactValue expected, double got) =>
        report.Check(output, double.NaN, expected, got, k.CrossEntropyBound(p, expected));

    public static void Gradient(
        AccuracyReport report, Condition k, string output, double[] p, ExactValue[] expected, ReadOnlySpan<double> got)
    {
        ReferenceCase c = k.Case;
        Assert.Equal(c.Z.Length, got.Length);
        for (int i = 0; i < got.Length; i++)
        {
            if (c.IsLive(i))
            {
                report.Check($"{output}[{i}]", c.Z[i], expected[i], got[i], k.GradientBound(i, p));
            }
            else
            {
                report.CheckExact($"{output}[{i}]", c.Z[i], expected[i], got[i]);
            }
        }
    }

    public static double[] Widen(ReadOnlySpan<float> values)
    {
        var wide = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            wide[i] = values[i];
        }

        return wide;
    }

    /// <summary>The exact target (1 − ε)·onehot + ε/n, rounded to double only where it weighs a bound.</summary>
    public static double[] SmoothedTarget(int n, int label, double smoothing)
    {
        var p = new double[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = (smoothing / n) + (i == label ? 1 - smoothing : 0);
        }

        return p;
    }
}
