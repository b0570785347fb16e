using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.Intrinsics;
using SoftmaxNotebooks.Benchmarks.Experimental;
using SoftmaxNotebooks.Kernels;

namespace SoftmaxNotebooks.Benchmarks;

/// <summary>
/// No timing: how far TensorPrimitives.Exp (Vector512.Exp underneath, which the kit's fused loops call) is from the
/// scalar libm exp, and how far the online-normaliser prototype is from the kit, in ulps. The kit's bounds are 8ε, so
/// the vectorised exp must stay within a couple of ulps; likewise the kit's own exp for x ≤ 0, which replaced it there.
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
        output.WriteLine("The kit's NonPositiveExp (x <= 0; source linked from src/) vs the same scalar exp, 10^7 arguments each");
        NonPositiveDouble(output, -746.0, 0.0);
        NonPositiveDouble(output, -708.5, -708.3);
        NonPositiveDouble(output, -745.2, -700.0);
        NonPositiveDouble(output, -0.35, 0.0);
        NonPositiveFloat(output, -104.0f, 0.0f);
        NonPositiveFloat(output, -104.0f, -87.0f);
        NonPositiveFloat(output, -0.35f, 0.0f);

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

    private const int ExpSamples = 10_000_000;
    private const double MinNormal = 2.2250738585072014e-308;

    // Below the normal range the issue allows an absolute error up to 2.2e-308 (1.2e-38 float); the largest absolute
    // error there is printed next to the ulp count, which counts subnormal steps.
    private static void NonPositiveDouble(TextWriter output, double lo, double hi)
    {
        var random = new Random(13);
        long worst = 0, differing = 0;
        double worstAt = 0, subnormalError = 0;
        Span<double> x = stackalloc double[Vector512<double>.Count];
        for (int i = 0; i < ExpSamples; i += x.Length)
        {
            for (int lane = 0; lane < x.Length; lane++)
            {
                x[lane] = lo + (hi - lo) * random.NextDouble();
            }

            Vector512<double> e512 = NonPositiveExp.Exp(Vector512.Create<double>(x));
            Vector256<double> e256 = NonPositiveExp.Exp(Vector256.Create<double>(x[..4]));
            for (int lane = 0; lane < x.Length; lane++)
            {
                double reference = Math.Exp(x[lane]);
                long d = Math.Max(UlpDistance(e512[lane], reference), lane < 4 ? UlpDistance(e256[lane], reference) : 0);
                differing += d == 0 ? 0 : 1;
                if (reference < MinNormal)
                {
                    subnormalError = Math.Max(subnormalError, Math.Abs(e512[lane] - reference));
                }

                if (d > worst)
                {
                    worst = d;
                    worstAt = x[lane];
                }
            }
        }

        output.WriteLine(FormattableString.Invariant(
            $"  double x in [{lo}, {hi}]: max {worst} ulp (at x = {worstAt:R}), {100.0 * differing / ExpSamples:F3}% differ, max absolute error below 2^-1022: {subnormalError:R}"));
    }

    private static void NonPositiveFloat(TextWriter output, float lo, float hi)
    {
        var random = new Random(14);
        long worst = 0, differing = 0;
        float worstAt = 0;
        Span<float> x = stackalloc float[Vector512<float>.Count];
        for (int i = 0; i < ExpSamples; i += x.Length)
        {
            for (int lane = 0; lane < x.Length; lane++)
            {
                x[lane] = lo + (hi - lo) * random.NextSingle();
            }

            Vector512<float> e512 = NonPositiveExp.Exp(Vector512.Create<float>(x));
            Vector256<float> e256 = NonPositiveExp.Exp(Vector256.Create<float>(x[..8]));
            for (int lane = 0; lane < x.Length; lane++)
            {
                float reference = (float)Math.Exp(x[lane]);
                long d = Math.Max(UlpDistance(e512[lane], reference), lane < 8 ? UlpDistance(e256[lane], reference) : 0);
                differing += d == 0 ? 0 : 1;
                if (d > worst)
                {
                    worst = d;
                    worstAt = x[lane];
                }
            }
        }

        output.WriteLine(FormattableString.Invariant(
            $"  float  x in [{lo}, {hi}]: max {worst} ulp (at x = {worstAt:R}), {100.0 * differing / ExpSamples:F3}% differ"));
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
