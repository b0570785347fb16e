using System.Numerics;
using System.Numerics.Tensors;
using SoftmaxNotebooks.Benchmarks.Experimental;

namespace SoftmaxNotebooks.Benchmarks;

/// <summary>
/// No timing: how far TensorPrimitives.Exp (Vector512.Exp underneath, which the kit's fused loops call) is from the
/// scalar libm exp, and how far the online-normaliser prototype is from the kit, in ulps. The kit's bounds are 8ε, so
/// the vectorised exp must stay within a couple of ulps.
/// </summary>
public static class AccuracyCheck
{
    private const int Samples = 2_000_000;

    public static void Run(TextWriter output)
    {
        output.WriteLine("TensorPrimitives.Exp vs scalar exp (double: Math.Exp, glibc, < 1 ulp; float: exp in double, rounded once)");
        foreach ((double lo, double hi) in new[] { (-1.0, 0.0), (-16.0, 0.0), (-745.0, 0.0), (-87.0, 88.0) })
        {
            ExpDouble(output, lo, hi);
            ExpFloat(output, (float)Math.Max(lo, -103.0), (float)Math.Min(hi, 88.0));
        }

        output.WriteLine();
        output.WriteLine("The online-normaliser prototype vs the kit, |difference| in ulps");
        foreach (int n in new[] { 100, 10_000, 1_000_000 })
        {
            Compare(output, $"uniform [-8, 8], n = {n}", Inputs.Logits<double>(n, seed: 1));
        }

        double[] ascending = new double[1_000_000];
        for (int i = 0; i < ascending.Length; i++)
        {
            ascending[i] = 1e-5 * i;
        }

        Compare(output, "ascending 1e-5·i, n = 10^6 (the online normaliser rescales every block)", ascending);
        double[] named = [0.0, -40.0];
        output.WriteLine(FormattableString.Invariant(
            $"LSE([0, -40]): kit {SoftmaxFunctions.LogSumExp<double>(named):R}, online {OnlineNormaliser.LogSumExp<double>(named):R}, exact 4.248354255291589E-18"));
    }

    private static void ExpDouble(TextWriter output, double lo, double hi)
    {
        var random = new Random(11);
        var x = new double[Samples];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = lo + (hi - lo) * random.NextDouble();
        }

        var vector = new double[Samples];
        TensorPrimitives.Exp(x, vector);
        long worst = 0, differing = 0;
        double worstAt = 0;
        for (int i = 0; i < x.Length; i++)
        {
            long d = UlpDistance(vector[i], Math.Exp(x[i]));
            differing += d == 0 ? 0 : 1;
            if (d > worst)
            {
                worst = d;
                worstAt = x[i];
            }
        }

        output.WriteLine(FormattableString.Invariant(
            $"  double x in [{lo}, {hi}]: max {worst} ulp (at x = {worstAt:R}), {100.0 * differing / Samples:F3}% differ"));
    }

    private static void ExpFloat(TextWriter output, float lo, float hi)
    {
        var random = new Random(12);
        var x = new float[Samples];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = lo + (hi - lo) * random.NextSingle();
        }

        var vector = new float[Samples];
        TensorPrimitives.Exp(x, vector);
        long worst = 0, differing = 0;
        for (int i = 0; i < x.Length; i++)
        {
            long d = UlpDistance(vector[i], (float)Math.Exp(x[i]));
            differing += d == 0 ? 0 : 1;
            worst = Math.Max(worst, d);
        }

        output.WriteLine(FormattableString.Invariant(
            $"  float  x in [{lo}, {hi}]: max {worst} ulp, {100.0 * differing / Samples:F3}% differ"));
    }

    private static void Compare(TextWriter output, string name, double[] z)
    {
        double kit = SoftmaxFunctions.LogSumExp<double>(z);
        double online = OnlineNormaliser.LogSumExp<double>(z);
        output.WriteLine(FormattableString.Invariant($"  {name}: online LSE {UlpDistance(kit, online)} ulp from the kit's"));
    }

    private static long UlpDistance(double a, double b) =>
        a == b ? 0 : Math.Abs(BitConverter.DoubleToInt64Bits(a) - BitConverter.DoubleToInt64Bits(b));

    private static long UlpDistance(float a, float b) =>
        a == b ? 0 : Math.Abs((long)BitConverter.SingleToInt32Bits(a) - BitConverter.SingleToInt32Bits(b));
}
