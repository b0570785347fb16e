namespace SoftmaxNotebooks.Runner.Tests.Classroom;

/// <summary>A wrong answer of the kind students write, as the content of an exercise's task cell.</summary>
/// <param name="Exercise">The exercise, for example <c>1.1</c>.</param>
/// <param name="Kind">The kind of mistake: no shift, wrong sign, forgotten normalisation, off by one, forbidden shortcut, numerical stand-in, loose tolerance, …</param>
/// <param name="What">The answer in a few words, for the table.</param>
/// <param name="Task">The code the student wrote in the task cell (without its tag line).</param>
internal sealed record WrongAnswer(string Exercise, string Kind, string What, string Task);

/// <summary>
/// At least two wrong answers per exercise, kept in the test suite only (never in a notebook or an edition). Each
/// keeps the task cell's names, so it fails because it is wrong, not because it does not compile.
/// </summary>
internal static class WrongAnswers
{
    public static IReadOnlyList<WrongAnswer> All { get; } =
    [
        // 01 · from LSE to softmax
        new("1.1", "no shift", "log Σ e^z read literally", "double Lse11(double[] z) => Math.Log(z.Sum(Math.Exp));"),
        new("1.1", "forbidden shortcut", "the kit's LogSumExp", "double Lse11(double[] z) => LogSumExp(z);"),
        new("1.1", "wrong shift", "shift by the minimum", "double Lse11(double[] z) { double m = z.Min(); return m + Math.Log(z.Sum(zi => Math.Exp(zi - m))); }"),
        new("1.1", "wrong formula", "the hard maximum", "double Lse11(double[] z) => z.Max();"),
        new("1.2", "forgotten shift", "c never added", """
            double[] z12 = [1.0, 2.0, 3.0, 2.5];
            double c12 = 1e6;
            double[] softmaxShifted12 = Softmax(z12);
            double lseShifted12 = LogSumExp(z12);
            double error12 = (lseShifted12 - c12) - LogSumExp(z12);
            """),
        new("1.2", "exact-arithmetic answer", "the error taken as 0", """
            double[] z12 = [1.0, 2.0, 3.0, 2.5];
            double c12 = 1e6;
            double[] softmaxShifted12 = Softmax(z12.Select(zi => zi + c12).ToArray());
            double lseShifted12 = LogSumExp(z12.Select(zi => zi + c12).ToArray());
            double error12 = 0;
            """),
        new("1.2", "no shift", "LSE(z + c) as log Σ e^(z + c)", """
            double[] z12 = [1.0, 2.0, 3.0, 2.5];
            double c12 = 1e6;
            double[] zShifted12 = z12.Select(zi => zi + c12).ToArray();
            double[] softmaxShifted12 = Softmax(zShifted12);
            double lseShifted12 = Math.Log(zShifted12.Sum(Math.Exp));
            double error12 = (lseShifted12 - c12) - LogSumExp(z12);
            """),
        new("1.3", "forgotten factor", "softmax(z), T dropped", "double[] GradientOfSmoothMax(double[] z, double t) => Softmax(z);"),
        new("1.3", "chain-rule slip", "T·softmax(z/T)", "double[] GradientOfSmoothMax(double[] z, double t) => Softmax(z, t).Select(s => t * s).ToArray();"),
        new("1.3", "numerical stand-in", "central differences of T·LSE(z/T)", """
            double[] GradientOfSmoothMax(double[] z, double t)
            {
                double F(double[] x) => t * LogSumExp(x.Select(xi => xi / t).ToArray());
                return z.Select((_, j) =>
                {
                    var up = (double[])z.Clone();
                    var down = (double[])z.Clone();
                    up[j] += 1e-6;
                    down[j] -= 1e-6;
                    return (F(up) - F(down)) / 2e-6;
                }).ToArray();
            }
            """),
        new("1.3", "forbidden shortcut", "differences of the given SmoothMax", """
            double[] GradientOfSmoothMax(double[] z, double t) => z.Select((_, j) =>
            {
                var up = (double[])z.Clone();
                up[j] += 1e-7;
                return (SmoothMax(up, t) - SmoothMax(z, t)) / 1e-7;
            }).ToArray();
            """),
        new("1.4", "tie ignored", "one maximum assumed: no T·log k, no 1/k", """
            double[] z14 = [1.0, 3.0, 3.0, 2.0];
            double SmallT14(double t) { double m = z14.Max(); return m + t * z14.Where(zi => zi < m).Sum(zi => Math.Exp(-(m - zi) / t)); }
            double LargeT14(double t) { double mean = z14.Average(); return t * Math.Log(4) + mean + z14.Average(zi => (zi - mean) * (zi - mean)) / (2 * t); }
            """),
        new("1.4", "wrong normalisation", "the sample variance (n − 1)", """
            double[] z14 = [1.0, 3.0, 3.0, 2.0];
            double SmallT14(double t) => 3 + t * Math.Log(2) + t / 2 * (Math.Exp(-2 / t) + Math.Exp(-1 / t));
            double LargeT14(double t) { double mean = z14.Average(); return t * Math.Log(4) + mean + z14.Sum(zi => (zi - mean) * (zi - mean)) / 3 / (2 * t); }
            """),
        new("1.4", "limit without its rate", "m + T·log k only", """
            double[] z14 = [1.0, 3.0, 3.0, 2.0];
            double SmallT14(double t) => 3 + t * Math.Log(2);
            double LargeT14(double t) { double mean = z14.Average(); return t * Math.Log(4) + mean + z14.Average(zi => (zi - mean) * (zi - mean)) / (2 * t); }
            """),
        new("1.5", "wrong sign", "the entropy instead of its negative", """
            double LseConjugate15(double[] y) =>
                y.Any(yi => yi < 0) || Math.Abs(y.Sum() - 1) > 1e-12 ? double.PositiveInfinity : -y.Where(yi => yi > 0).Sum(yi => yi * Math.Log(yi));
            """),
        new("1.5", "domain ignored", "Σ y log y off the simplex too", "double LseConjugate15(double[] y) => y.Where(yi => yi != 0).Sum(yi => yi * Math.Log(yi));"),
        new("1.5", "0·log 0", "NaN at a zero entry", """
            double LseConjugate15(double[] y) =>
                y.Any(yi => yi < 0) || Math.Abs(y.Sum() - 1) > 1e-12 ? double.PositiveInfinity : y.Sum(yi => yi * Math.Log(yi));
            """),
    ];
}
