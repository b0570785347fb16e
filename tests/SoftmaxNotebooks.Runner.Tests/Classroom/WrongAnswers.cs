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
        new("1.4", "limit without its rate", "z_max + T·log k only", """
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
        // 02 · gradients and cross-entropy
        new("2.1", "forgotten normalisation", "Σp = 1 assumed: −⟨p, u⟩ + LSE(u)", """
            double[] p21 = [0.7, 0.2, 0.4];
            double[] u21 = [2.0, 1.0, 0.0];
            double h21 = -p21.Zip(u21, (pk, uk) => pk * uk).Sum() + LogSumExp(u21);
            """),
        new("2.1", "wrong sign", "⟨p, u⟩ − (Σp)·LSE(u)", """
            double[] p21 = [0.7, 0.2, 0.4];
            double[] u21 = [2.0, 1.0, 0.0];
            double h21 = p21.Zip(u21, (pk, uk) => pk * uk).Sum() - p21.Sum() * LogSumExp(u21);
            """),
        new("2.1", "forbidden shortcut", "the kit's CrossEntropyWithLogits", """
            double[] p21 = [0.7, 0.2, 0.4];
            double[] u21 = [2.0, 1.0, 0.0];
            double h21 = CrossEntropyWithLogits(p21, u21);
            """),
        new("2.2", "forgotten normalisation", "softmax(u) − p, as if Σp = 1", "double[] GradientH22(double[] p, double[] u) => Softmax(u).Select((s, k) => s - p[k]).ToArray();"),
        new("2.2", "wrong sign", "p − (Σp)·softmax(u)", "double[] GradientH22(double[] p, double[] u) => Softmax(u).Select((s, k) => p[k] - p.Sum() * s).ToArray();"),
        new("2.2", "numerical stand-in", "central differences of h", """
            double[] GradientH22(double[] p, double[] u)
            {
                double H(double[] v) => -p.Zip(v, (a, b) => a * b).Sum() + p.Sum() * LogSumExp(v);
                return u.Select((_, j) =>
                {
                    var up = (double[])u.Clone();
                    var down = (double[])u.Clone();
                    up[j] += 1e-6;
                    down[j] -= 1e-6;
                    return (H(up) - H(down)) / 2e-6;
                }).ToArray();
            }
            """),
        new("2.2", "forbidden shortcut", "the kit's gradient", "double[] GradientH22(double[] p, double[] u) => CrossEntropyWithLogitsGradient(p, u);"),
        new("2.3", "forgotten term", "diag(s) without −s sᵀ", """
            double[,] SoftmaxJacobian23(double[] z)
            {
                var s = Softmax(z);
                var jacobian = new double[z.Length, z.Length];
                for (int i = 0; i < z.Length; i++) { jacobian[i, i] = s[i]; }
                return jacobian;
            }
            """),
        new("2.3", "dropped Kronecker delta", "s_i(1 − s_j) everywhere", """
            double[,] SoftmaxJacobian23(double[] z)
            {
                var s = Softmax(z);
                var jacobian = new double[z.Length, z.Length];
                for (int i = 0; i < z.Length; i++) { for (int j = 0; j < z.Length; j++) { jacobian[i, j] = s[i] * (1 - s[j]); } }
                return jacobian;
            }
            """),
        new("2.3", "forbidden shortcut", "the kit's SoftmaxJacobian", "double[,] SoftmaxJacobian23(double[] z) => SoftmaxJacobian(z);"),
        new("2.4", "cancellation", "σ(x)(1 − σ(x)) as written", "double SigmoidDerivative24(double x) => Sigmoid(x) * (1 - Sigmoid(x));"),
        new("2.4", "off-diagonal entry", "J₁₂ = −s₁s₂ read as σ′", "double SigmoidDerivative24(double x) => -Sigmoid(x) * Sigmoid(-x);"),
        new("2.4", "overflow", "e^(−x)/(1 + e^(−x))²", "double SigmoidDerivative24(double x) => Math.Exp(-x) / ((1 + Math.Exp(-x)) * (1 + Math.Exp(-x)));"),
        new("2.5", "forgotten logarithm", "u = p_ζ", """
            double[] uSmoothed = [0.05, 0.05, 0.85, 0.05];
            """),
        new("2.5", "hard label kept", "a large margin for the true class", """
            double[] uSmoothed = [0.0, 0.0, 10.0, 0.0];
            """),
        new("2.5", "off by one class", "ζ split over the n − 1 other classes", """
            double[] uSmoothed = [Math.Log(0.2 / 3), Math.Log(0.2 / 3), Math.Log(0.8), Math.Log(0.2 / 3)];
            """),
        new("2.5", "the lecture's case copied", "section 6's log p_ζ for label 0 of three classes, ζ = 0.1", """
            double[] uSmoothed = [Math.Log(0.9 + 0.1 / 3), Math.Log(0.1 / 3), Math.Log(0.1 / 3)];
            """),
        // 03 · the Gibbs distribution and temperature
        new("3.1", "wrong sign", "S = +Σ p log p", """
            double[] e31 = [0.0, 1.0];
            double t31 = 0.5;
            double[] p31 = Softmax(e31.Select(ei => -ei / t31).ToArray());
            double meanEnergy31 = p31.Zip(e31, (pi, ei) => pi * ei).Sum();
            double entropy31 = p31.Sum(pi => pi * Math.Log(pi));
            double freeEnergy31 = meanEnergy31 - t31 * entropy31;
            """),
        new("3.1", "T for β", "p = softmax(−E·T)", """
            double[] e31 = [0.0, 1.0];
            double t31 = 0.5;
            double[] p31 = Softmax(e31.Select(ei => -ei * t31).ToArray());
            double meanEnergy31 = p31.Zip(e31, (pi, ei) => pi * ei).Sum();
            double entropy31 = -p31.Sum(pi => pi * Math.Log(pi));
            double freeEnergy31 = meanEnergy31 - t31 * entropy31;
            """),
        new("3.1", "wrong sign", "F = ⟨E⟩ + TS", """
            double[] e31 = [0.0, 1.0];
            double t31 = 0.5;
            double[] p31 = Softmax(e31.Select(ei => -ei / t31).ToArray());
            double meanEnergy31 = p31.Zip(e31, (pi, ei) => pi * ei).Sum();
            double entropy31 = -p31.Sum(pi => pi * Math.Log(pi));
            double freeEnergy31 = meanEnergy31 + t31 * entropy31;
            """),
        new("3.1", "forbidden shortcut", "the kit's GibbsState", """
            double[] e31 = [0.0, 1.0];
            double t31 = 0.5;
            var state31 = GibbsState.FromTemperature(e31, t31);
            double meanEnergy31 = state31.MeanEnergy;
            double entropy31 = state31.Entropy;
            double freeEnergy31 = state31.FreeEnergy;
            """),
        new("3.2", "β for T", "log(7/3) reported as T", "double t32 = Math.Log(1 / 0.3 - 1);"),
        new("3.2", "wrong sign", "e^(−β) = 7/3", "double t32 = 1 / Math.Log(0.3 / 0.7);"),
        new("3.2", "algebra slip", "e^β = 1/0.3, the −1 dropped", "double t32 = 1 / Math.Log(1 / 0.3);"),
        new("3.3", "wrong power", "Var(E)·T²", """
            double HeatCapacity33(double[] energies, double t)
            {
                double[] p = Softmax(energies.Select(e => -e / t).ToArray());
                double mean = p.Zip(energies, (pi, e) => pi * e).Sum();
                return p.Zip(energies, (pi, e) => pi * (e - mean) * (e - mean)).Sum() * t * t;
            }
            """),
        new("3.3", "mean not subtracted", "⟨E²⟩/T²", """
            double HeatCapacity33(double[] energies, double t)
            {
                double[] p = Softmax(energies.Select(e => -e / t).ToArray());
                return p.Zip(energies, (pi, e) => pi * e * e).Sum() / (t * t);
            }
            """),
        new("3.3", "numerical stand-in", "a central difference of ⟨E⟩(T)", """
            double HeatCapacity33(double[] energies, double t)
            {
                double Mean(double temperature) => Softmax(energies.Select(e => -e / temperature).ToArray()).Zip(energies, (pi, e) => pi * e).Sum();
                return (Mean(t + 1e-5) - Mean(t - 1e-5)) / 2e-5;
            }
            """),
        new("3.3", "forbidden shortcut", "the kit's HeatCapacity", "double HeatCapacity33(double[] energies, double t) => GibbsState.FromTemperature(energies, t).HeatCapacity;"),
        new("3.4", "arguments swapped", "Σ p log(p/q)", """
            double Kl34(double[] q, double[] p)
            {
                double sum = 0;
                for (int i = 0; i < q.Length; i++) { if (p[i] > 0) { sum += q[i] == 0 ? double.PositiveInfinity : p[i] * Math.Log(p[i] / q[i]); } }
                return sum;
            }
            """),
        new("3.4", "wrong units", "log base 2 (bits, not nats)", """
            double Kl34(double[] q, double[] p)
            {
                double sum = 0;
                for (int i = 0; i < q.Length; i++) { if (q[i] > 0) { sum += p[i] == 0 ? double.PositiveInfinity : q[i] * Math.Log2(q[i] / p[i]); } }
                return sum;
            }
            """),
        new("3.4", "0·log 0", "no convention for zeros", "double Kl34(double[] q, double[] p) => q.Select((qi, i) => qi * Math.Log(qi / p[i])).Sum();"),
        new("3.5", "wrong sign", "p ∝ e^(+βE): β > 0", """
            double x35 = (1 + Math.Sqrt(13)) / 2;
            double beta35 = Math.Log(x35);
            double t35 = 1 / beta35;
            double z35 = 1 + x35 + x35 * x35;
            double[] p35 = [1 / z35, x35 / z35, x35 * x35 / z35];
            double freeEnergyGap35 = (1 - t35 * Math.Log(3)) - (-t35 * Math.Log(z35));
            """),
        new("3.5", "β for T", "T = β", """
            double x35 = (1 + Math.Sqrt(13)) / 2;
            double beta35 = -Math.Log(x35);
            double t35 = beta35;
            double z35 = 1 + x35 + x35 * x35;
            double[] p35 = [1 / z35, x35 / z35, x35 * x35 / z35];
            double freeEnergyGap35 = (1 - t35 * Math.Log(3)) - (-t35 * Math.Log(z35));
            """),
        new("3.5", "wrong sign", "F = ⟨E⟩ + TS", """
            double x35 = (1 + Math.Sqrt(13)) / 2;
            double beta35 = -Math.Log(x35);
            double t35 = 1 / beta35;
            double z35 = 1 + x35 + x35 * x35;
            double[] p35 = [1 / z35, x35 / z35, x35 * x35 / z35];
            double freeEnergyGap35 = (1 + t35 * Math.Log(3)) - (-t35 * Math.Log(z35));
            """),
        new("3.5", "forbidden shortcut", "the kit's MaxEntropy.Solve", """
            var solved35 = MaxEntropy.Solve([0.0, 1.0, 2.0], 1.5);
            double beta35 = solved35.Beta;
            double t35 = 1 / beta35;
            double[] p35 = solved35.State.Probabilities.ToArray();
            double freeEnergyGap35 = (1 - t35 * Math.Log(3)) - solved35.State.FreeEnergy;
            """),
        // 04 · maximum entropy
        new("4.1", "wrong sign", "β of the mirrored die, −0.371", """
            double[] faces41 = [1.0, 2, 3, 4, 5, 6];
            double beta41 = -MaxEntropy.Solve(faces41, meanEnergy: 2.5).Beta;
            """),
        new("4.1", "no information used", "β = 0, the fair die", """
            double[] faces41 = [1.0, 2, 3, 4, 5, 6];
            double beta41 = 0;
            """),
        new("4.1", "off by one", "faces numbered 0 … 5", """
            double[] faces41 = [0.0, 1, 2, 3, 4, 5];
            double beta41 = MaxEntropy.Solve(faces41, meanEnergy: 2.5).Beta;
            """),
        new("4.2", "wrong sign", "D(β) = −βĒ + log Z(β)", """
            double[] faces42 = [1.0, 2, 3, 4, 5, 6];
            double EntropyOfMean42(double mean)
            {
                double beta = 0;
                for (int i = 0; i < 100; i++)
                {
                    var p = Softmax(faces42.Select(k => -beta * k).ToArray());
                    double average = p.Zip(faces42, (pk, k) => pk * k).Sum();
                    double variance = p.Zip(faces42, (pk, k) => pk * (k - average) * (k - average)).Sum();
                    beta -= (-mean - average) / variance;
                }
                return -beta * mean + LogSumExp(faces42.Select(k => -beta * k).ToArray());
            }
            """),
        new("4.2", "loose tolerance", "two Newton steps", """
            double[] faces42 = [1.0, 2, 3, 4, 5, 6];
            double EntropyOfMean42(double mean)
            {
                double beta = 0;
                for (int i = 0; i < 2; i++)
                {
                    var p = Softmax(faces42.Select(k => -beta * k).ToArray());
                    double average = p.Zip(faces42, (pk, k) => pk * k).Sum();
                    double variance = p.Zip(faces42, (pk, k) => pk * (k - average) * (k - average)).Sum();
                    beta -= (mean - average) / variance;
                }
                return beta * mean + LogSumExp(faces42.Select(k => -beta * k).ToArray());
            }
            """),
        new("4.2", "forbidden shortcut", "the kit's MaxEntropy.Solve", """
            double[] faces42 = [1.0, 2, 3, 4, 5, 6];
            double EntropyOfMean42(double mean) => MaxEntropy.Solve(faces42, meanEnergy: mean).Entropy;
            """),
        new("4.3", "one constraint only", "Σ v = 0 but Σ i·v_i ≠ 0", """
            double[] faces43 = [1.0, 2, 3, 4, 5, 6];
            double[] p43 = MaxEntropy.Solve(faces43, meanEnergy: 4.5).State.Probabilities.ToArray();
            double[] v43 = [1.0, -1, 0, 0, 0, 0];
            double firstDerivative43 = 0;
            double secondDerivative43 = -v43.Select((vi, i) => vi * vi / p43[i]).Sum();
            """),
        new("4.3", "wrong sign", "φ″(0) = +Σ v²/p", """
            double[] faces43 = [1.0, 2, 3, 4, 5, 6];
            double[] p43 = MaxEntropy.Solve(faces43, meanEnergy: 4.5).State.Probabilities.ToArray();
            double[] v43 = [0.0, 1, -1, -1, 1, 0];
            double firstDerivative43 = 0;
            double secondDerivative43 = v43.Select((vi, i) => vi * vi / p43[i]).Sum();
            """),
        new("4.3", "forgotten weight", "φ″(0) = −Σ v²", """
            double[] faces43 = [1.0, 2, 3, 4, 5, 6];
            double[] v43 = [0.0, 1, -1, -1, 1, 0];
            double firstDerivative43 = 0;
            double secondDerivative43 = -v43.Sum(vi => vi * vi);
            """),
        new("4.3", "the example copied", "v = (1, −2, 1, 0, 0, 0)", """
            double[] faces43 = [1.0, 2, 3, 4, 5, 6];
            double[] p43 = MaxEntropy.Solve(faces43, meanEnergy: 4.5).State.Probabilities.ToArray();
            double[] v43 = [1.0, -2, 1, 0, 0, 0];
            double firstDerivative43 = 0;
            double secondDerivative43 = -v43.Select((vi, i) => vi * vi / p43[i]).Sum();
            """),
        new("4.4", "degeneracies ignored", "β from (x + 2x²)/(1 + x + x²) = 1.2", """
            double[] e44 = [0.0, 1, 2];
            double[] g44 = [1.0, 1, 4];
            double weightedMean44 = e44.Zip(g44, (e, g) => e * g).Sum() / g44.Sum();
            double x44 = (0.2 + Math.Sqrt(0.04 + 4 * 0.8 * 1.2)) / (2 * 0.8);
            double beta44 = -Math.Log(x44);
            """),
        new("4.4", "midpoint for the weighted mean", "weighted mean taken as (E_min + E_max)/2", """
            double[] e44 = [0.0, 1, 2];
            double[] g44 = [1.0, 1, 4];
            double weightedMean44 = (e44.Min() + e44.Max()) / 2;
            double x44 = (0.2 + Math.Sqrt(0.04 + 4 * 3.2 * 1.2)) / (2 * 3.2);
            double beta44 = -Math.Log(x44);
            """),
        new("4.4", "forbidden shortcut", "the kit's MaxEntropy.Solve", """
            double[] e44 = [0.0, 1, 2];
            double[] g44 = [1.0, 1, 4];
            double weightedMean44 = e44.Zip(g44, (e, g) => e * g).Sum() / g44.Sum();
            double beta44 = MaxEntropy.Solve(e44, g44, 1.2).Beta;
            """),
        new("4.5", "wrong sign", "log Z(β) = log Σ e^(+βk)", """
            double[] faces45 = [1.0, 2, 3, 4, 5, 6];
            double beta45 = MaxEntropy.Solve(faces45, meanEnergy: 5.5).Beta;
            double DualGap45(double[] p, double beta) =>
                beta * p.Zip(faces45, (pk, k) => pk * k).Sum() + LogSumExp(faces45.Select(k => beta * k).ToArray()) + p.Where(pk => pk > 0).Sum(pk => pk * Math.Log(pk));
            """),
        new("4.5", "mirrored die", "β of mean 1.5 instead of 5.5", """
            double[] faces45 = [1.0, 2, 3, 4, 5, 6];
            double beta45 = MaxEntropy.Solve(faces45, meanEnergy: 1.5).Beta;
            double DualGap45(double[] p, double beta) =>
                beta * p.Zip(faces45, (pk, k) => pk * k).Sum() + LogSumExp(faces45.Select(k => -beta * k).ToArray()) + p.Where(pk => pk > 0).Sum(pk => pk * Math.Log(pk));
            """),
        new("4.5", "0·log 0", "NaN for a p with zeros", """
            double[] faces45 = [1.0, 2, 3, 4, 5, 6];
            double beta45 = MaxEntropy.Solve(faces45, meanEnergy: 5.5).Beta;
            double DualGap45(double[] p, double beta) =>
                beta * p.Zip(faces45, (pk, k) => pk * k).Sum() + LogSumExp(faces45.Select(k => -beta * k).ToArray()) + p.Sum(pk => pk * Math.Log(pk));
            """),
        // 05 · softmax regression
        new("5.1", "off by one", "the next class's logit as the label's", """
            double[,] u51 = { { 2.0, 0.5, -1.0 }, { 0.1, 1.5, 0.3 }, { -0.5, 0.0, 2.5 }, { 1.0, 1.2, 0.8 } };
            int[] y51 = [0, 1, 2, 0];
            double meanLoss51 = Enumerable.Range(0, 4).Average(n => LogSumExp(Enumerable.Range(0, 3).Select(k => u51[n, k]).ToArray()) - u51[n, (y51[n] + 1) % 3]);
            """),
        new("5.1", "forgotten normalisation", "the sum, not the mean", """
            double[,] u51 = { { 2.0, 0.5, -1.0 }, { 0.1, 1.5, 0.3 }, { -0.5, 0.0, 2.5 }, { 1.0, 1.2, 0.8 } };
            int[] y51 = [0, 1, 2, 0];
            double meanLoss51 = Enumerable.Range(0, 4).Sum(n => LogSumExp(Enumerable.Range(0, 3).Select(k => u51[n, k]).ToArray()) - u51[n, y51[n]]);
            """),
        new("5.1", "forbidden shortcut", "the kit's CrossEntropyWithLogitsRows", """
            double[,] u51 = { { 2.0, 0.5, -1.0 }, { 0.1, 1.5, 0.3 }, { -0.5, 0.0, 2.5 }, { 1.0, 1.2, 0.8 } };
            int[] y51 = [0, 1, 2, 0];
            double meanLoss51 = CrossEntropyWithLogitsRows(y51, u51);
            """),
        new("5.2", "forgotten term", "the penalty's gradient γW left out", """
            double[] LossGradient52(double[] w)
            {
                var gradient = new double[w.Length];
                for (int n = 0; n < x52.Length; n++)
                {
                    var s = Softmax(Logits52(w, x52[n]));
                    for (int k = 0; k < 3; k++) { for (int j = 0; j < 2; j++) { gradient[k * 2 + j] += (s[k] - (k == y52[n] ? 1.0 : 0.0)) * x52[n][j] / x52.Length; } }
                }
                return gradient;
            }
            """),
        new("5.2", "factor slip", "γ/2·W for the penalty's gradient", """
            double[] LossGradient52(double[] w)
            {
                var gradient = w.Select(wi => decay52 / 2 * wi).ToArray();
                for (int n = 0; n < x52.Length; n++)
                {
                    var s = Softmax(Logits52(w, x52[n]));
                    for (int k = 0; k < 3; k++) { for (int j = 0; j < 2; j++) { gradient[k * 2 + j] += (s[k] - (k == y52[n] ? 1.0 : 0.0)) * x52[n][j] / x52.Length; } }
                }
                return gradient;
            }
            """),
        new("5.2", "wrong sign", "onehot(y) − softmax(u)", """
            double[] LossGradient52(double[] w)
            {
                var gradient = w.Select(wi => decay52 * wi).ToArray();
                for (int n = 0; n < x52.Length; n++)
                {
                    var s = Softmax(Logits52(w, x52[n]));
                    for (int k = 0; k < 3; k++) { for (int j = 0; j < 2; j++) { gradient[k * 2 + j] += ((k == y52[n] ? 1.0 : 0.0) - s[k]) * x52[n][j] / x52.Length; } }
                }
                return gradient;
            }
            """),
        new("5.2", "index slip", "W_kd stored at 3d + k", """
            double[] LossGradient52(double[] w)
            {
                var gradient = w.Select(wi => decay52 * wi).ToArray();
                for (int n = 0; n < x52.Length; n++)
                {
                    var s = Softmax(Logits52(w, x52[n]));
                    for (int k = 0; k < 3; k++) { for (int j = 0; j < 2; j++) { gradient[j * 3 + k] += (s[k] - (k == y52[n] ? 1.0 : 0.0)) * x52[n][j] / x52.Length; } }
                }
                return gradient;
            }
            """),
        new("5.2", "numerical stand-in", "central differences of Loss52", """
            double[] LossGradient52(double[] w) => w.Select((_, i) =>
            {
                var up = (double[])w.Clone();
                var down = (double[])w.Clone();
                up[i] += 1e-6;
                down[i] -= 1e-6;
                return (Loss52(up) - Loss52(down)) / 2e-6;
            }).ToArray();
            """),
        new("5.3", "no scaling", "T = 1", "double t53 = 1;"),
        new("5.3", "β for T", "the optimal 1/T reported", """
            double low53 = 0.5, high53 = 20.0;
            for (int i = 0; i < 100; i++) { double m = (low53 + high53) / 2; if ((Nll53(m * (1 + 1e-6)) - Nll53(m * (1 - 1e-6))) > 0) { high53 = m; } else { low53 = m; } }
            double t53 = 2 / (low53 + high53);
            """),
        new("5.3", "loose tolerance", "bisection stopped at a bracket of 0.1", """
            double low53 = 0.5, high53 = 20.0;
            while (high53 - low53 > 0.1) { double m = (low53 + high53) / 2; if ((Nll53(m * (1 + 1e-6)) - Nll53(m * (1 - 1e-6))) > 0) { high53 = m; } else { low53 = m; } }
            double t53 = (low53 + high53) / 2;
            """),
        new("5.4", "logits zero, not equal", "W x + b = 0 for classes 0 and 1", """
            double[][] w54 = [[1.5, -0.5], [-0.3, 1.2], [-1.2, -0.7]];
            double[] b54 = [0.2, -0.1, 0.4];
            double det = w54[0][0] * w54[1][1] - w54[0][1] * w54[1][0];
            double[] triplePoint54 = [(-b54[0] * w54[1][1] + w54[0][1] * b54[1]) / det, (-w54[0][0] * b54[1] + b54[0] * w54[1][0]) / det];
            double[] normal01 = [w54[0][0] - w54[1][0], w54[0][1] - w54[1][1]];
            """),
        new("5.4", "wrong sign", "(w_0 − w_k)·x = b_0 − b_k", """
            double[][] w54 = [[1.5, -0.5], [-0.3, 1.2], [-1.2, -0.7]];
            double[] b54 = [0.2, -0.1, 0.4];
            double[] d1 = [w54[0][0] - w54[1][0], w54[0][1] - w54[1][1]];
            double[] d2 = [w54[0][0] - w54[2][0], w54[0][1] - w54[2][1]];
            double r1 = b54[0] - b54[1], r2 = b54[0] - b54[2];
            double det = d1[0] * d2[1] - d1[1] * d2[0];
            double[] triplePoint54 = [(r1 * d2[1] - d1[1] * r2) / det, (d1[0] * r2 - r1 * d2[0]) / det];
            double[] normal01 = d1;
            """),
        new("5.4", "wrong normal", "w_0 + w_1", """
            double[][] w54 = [[1.5, -0.5], [-0.3, 1.2], [-1.2, -0.7]];
            double[] b54 = [0.2, -0.1, 0.4];
            double[] d1 = [w54[0][0] - w54[1][0], w54[0][1] - w54[1][1]];
            double[] d2 = [w54[0][0] - w54[2][0], w54[0][1] - w54[2][1]];
            double r1 = b54[1] - b54[0], r2 = b54[2] - b54[0];
            double det = d1[0] * d2[1] - d1[1] * d2[0];
            double[] triplePoint54 = [(r1 * d2[1] - d1[1] * r2) / det, (d1[0] * r2 - r1 * d2[0]) / det];
            double[] normal01 = [w54[0][0] + w54[1][0], w54[0][1] + w54[1][1]];
            """),
        new("5.5", "factor slip", "γ′ = γ", Train55("100000", "1", stop: true, "[w55[2] - w55[0], w55[3] - w55[1]]", "decay55")),
        new("5.5", "loose tolerance", "100 steps of gradient descent", Train55("100", "0.5", stop: false, "[w55[2] - w55[0], w55[3] - w55[1]]", "decay55 / 2")),
        new("5.5", "wrong sign", "v = w_0 − w_1", Train55("100000", "1", stop: true, "[w55[0] - w55[2], w55[1] - w55[3]]", "decay55 / 2")),
        // 06 · numerical stability
        new("6.1", "loose tolerance", "the rounded 709.78 and 88.72", """
            double[] NaiveSoftmax61(double[] z) { var e = z.Select(Math.Exp).ToArray(); return e.Select(x => x / e.Sum()).ToArray(); }
            float[] NaiveSoftmaxFloat61(float[] z) { var e = z.Select(MathF.Exp).ToArray(); return e.Select(x => x / e.Sum()).ToArray(); }
            double zBreaksDouble = 709.78;
            float zBreaksFloat = 88.72f;
            """),
        new("6.1", "off by one", "log(MaxValue), the last finite argument", """
            double[] NaiveSoftmax61(double[] z) { var e = z.Select(Math.Exp).ToArray(); return e.Select(x => x / e.Sum()).ToArray(); }
            float[] NaiveSoftmaxFloat61(float[] z) { var e = z.Select(MathF.Exp).ToArray(); return e.Select(x => x / e.Sum()).ToArray(); }
            double zBreaksDouble = Math.Log(double.MaxValue);
            float zBreaksFloat = MathF.Log(float.MaxValue);
            """),
        new("6.1", "not naive", "the kit's stable Softmax", """
            double[] NaiveSoftmax61(double[] z) => Softmax(z);
            float[] NaiveSoftmaxFloat61(float[] z) => Softmax(z);
            double zBreaksDouble = 709.7827128933841;
            float zBreaksFloat = 88.72284f;
            """),
        new("6.2", "cancellation", "Math.Log(1 + x)", "double Log1p62(double x) => Math.Log(1 + x);"),
        new("6.2", "series cut-off", "x − x²/2 + x³/3 below 1e−4, log(1 + x) above", "double Log1p62(double x) => x < 1e-4 ? x - x * x / 2 + x * x * x / 3 : Math.Log(1 + x);"),
        new("6.2", "forbidden shortcut", ".NET's double.LogP1", "double Log1p62(double x) => double.LogP1(x);"),
        new("6.2", "forbidden shortcut", "LSE(0, log x)", "double Log1p62(double x) => x == 0 ? 0 : LogSumExp([0.0, Math.Log(x)]);"),
        new("6.3", "cancellation", "1 − softmax(z)₀", "double NotTop63(double[] z) => 1 - Softmax(z)[0];"),
        new("6.3", "cancellation", "1 − the largest probability", "double NotTop63(double[] z) => 1 - Softmax(z).Max();"),
        new("6.3", "off by one", "the top class assumed to come first", """
            double NotTop63(double[] z)
            {
                double rest = z.Skip(1).Sum(zi => Math.Exp(zi - z[0]));
                return rest / (1 + rest);
            }
            """),
        // 07 · one idea
        new("7.1", "wrong sign", "a step along the gradient (ascent)", Train71("""
            for (int step = 0; step < 200; step++) { beta += 0.3 * Slope71(p, beta); }
            """, Norm71)),
        new("7.1", "loose tolerance", "ten steps of gradient descent", Train71("""
            for (int step = 0; step < 10; step++) { beta -= 0.3 * Slope71(p, beta); }
            """, Norm71)),
        new("7.1", "moment matching read as ∇h = 0", "‖∇_u h‖ taken to be 0 at the optimum", Train71("""
            for (int step = 0; step < 10000 && Math.Abs(Slope71(p, beta)) >= 1e-12; step++) { beta -= 0.3 * Slope71(p, beta); }
            """, "0")),
        new("7.1", "forbidden shortcut", "the kit's MaxEntropy.Solve", Data71 + $$"""

            double betaRolls71 = MaxEntropy.Solve(faces71, 4.0).Beta;
            double betaTwoFaces71 = betaRolls71;
            double gradientNorm71 = {{Norm71}};
            """),
        new("7.2", "gradient step for Newton", "λ − 0.01·∇D", """
            double[] NewtonStep72(double[] lambda)
            {
                double[] k = [1.0, 2, 3, 4, 5, 6];
                var p = Softmax(k.Select(x => -lambda[0] * x - lambda[1] * x * x).ToArray());
                double m1 = p.Zip(k, (pk, x) => pk * x).Sum(), m2 = p.Zip(k, (pk, x) => pk * x * x).Sum();
                return [lambda[0] - 0.01 * (3 - m1), lambda[1] - 0.01 * (11 - m2)];
            }
            """),
        new("7.2", "means not subtracted", "the Hessian as ⟨f fᵀ⟩", """
            double[] NewtonStep72(double[] lambda)
            {
                double[] k = [1.0, 2, 3, 4, 5, 6];
                var p = Softmax(k.Select(x => -lambda[0] * x - lambda[1] * x * x).ToArray());
                double m1 = p.Zip(k, (pk, x) => pk * x).Sum(), m2 = p.Zip(k, (pk, x) => pk * x * x).Sum();
                double h11 = p.Zip(k, (pk, x) => pk * x * x).Sum(), h12 = p.Zip(k, (pk, x) => pk * x * x * x).Sum(), h22 = p.Zip(k, (pk, x) => pk * x * x * x * x).Sum();
                double g1 = 3 - m1, g2 = 11 - m2, det = h11 * h22 - h12 * h12;
                return [lambda[0] - (h22 * g1 - h12 * g2) / det, lambda[1] - (h11 * g2 - h12 * g1) / det];
            }
            """),
        new("7.2", "wrong sign", "the gradient as ⟨f⟩ − c", """
            double[] NewtonStep72(double[] lambda)
            {
                double[] k = [1.0, 2, 3, 4, 5, 6];
                var p = Softmax(k.Select(x => -lambda[0] * x - lambda[1] * x * x).ToArray());
                double m1 = p.Zip(k, (pk, x) => pk * x).Sum(), m2 = p.Zip(k, (pk, x) => pk * x * x).Sum();
                double h11 = p.Zip(k, (pk, x) => pk * (x - m1) * (x - m1)).Sum(), h12 = p.Zip(k, (pk, x) => pk * (x - m1) * (x * x - m2)).Sum(), h22 = p.Zip(k, (pk, x) => pk * (x * x - m2) * (x * x - m2)).Sum();
                double g1 = m1 - 3, g2 = m2 - 11, det = h11 * h22 - h12 * h12;
                return [lambda[0] - (h22 * g1 - h12 * g2) / det, lambda[1] - (h11 * g2 - h12 * g1) / det];
            }
            """),
        new("7.2", "forbidden shortcut", "the kit's SolveConstraints", """
            double[] NewtonStep72(double[] lambda) =>
                MaxEntropy.SolveConstraints([[1.0, 2, 3, 4, 5, 6], [1.0, 4, 9, 16, 25, 36]], [3.0, 11.0]).Multipliers.ToArray();
            """),
        new("7.3", "absolute values dropped", "Σ s_i x_i / LSE(x)", """
            double Kappa73(double[] x) => Softmax(x).Zip(x, (s, xi) => s * xi).Sum() / LogSumExp(x);
            double cKappa73 = -1000 * Math.Log(2) / 1001;
            """),
        new("7.3", "wrong root", "the c below −log 2", """
            double Kappa73(double[] x) => Softmax(x).Zip(x, (s, xi) => s * Math.Abs(xi)).Sum() / Math.Abs(LogSumExp(x));
            double cKappa73 = -1000 * Math.Log(2) / 999;
            """),
        new("7.3", "wrong formula", "max|x_i| for Σ s_i|x_i|", """
            double Kappa73(double[] x) => x.Max(Math.Abs) / Math.Abs(LogSumExp(x));
            double cKappa73 = -1000 * Math.Log(2) / 1001;
            """),
        new("7.4", "wrong format", "float's threshold 88.72", """
            Half zOverflow74 = (Half)88.72;
            Half tUnderflow74 = (Half)17.34375;
            """),
        new("7.4", "off by one", "the last finite argument, log 65504 rounded down", """
            Half zOverflow74 = (Half)11.0859375;
            Half tUnderflow74 = (Half)17.34375;
            """),
        new("7.4", "rounding ignored", "underflow at 24·log 2, where e^(−t) is the smallest subnormal", """
            Half zOverflow74 = (Half)11.09375;
            Half tUnderflow74 = (Half)(24 * Math.Log(2));
            """),
        new("7.5", "no counterexample", "p = q = r", """
            double[] p75 = [0.5, 0.3, 0.2];
            double[] q75 = [0.5, 0.3, 0.2];
            double[] r75 = [0.5, 0.3, 0.2];
            """),
        new("7.5", "the lecture's example copied", "section 7's triple on two outcomes", """
            double[] p75 = [0.5, 0.5];
            double[] q75 = [0.7, 0.3];
            double[] r75 = [0.9, 0.1];
            """),
        new("7.5", "a triple that obeys the inequality", "q far from the segment p–r", """
            double[] p75 = [0.5, 0.3, 0.2];
            double[] q75 = [0.1, 0.1, 0.8];
            double[] r75 = [0.4, 0.3, 0.3];
            """),
        new("7.5", "one order only", "the inequality broken from p to r but not from r to p", """
            double[] p75 = [0.67, 0.2, 0.13];
            double[] q75 = [0.27, 0.29, 0.44];
            double[] r75 = [0.12, 0.74, 0.14];
            """),
        new("7.5", "forgotten normalisation", "weights that do not sum to 1", """
            double[] p75 = [0.5, 0.3, 0.2];
            double[] q75 = [0.6, 0.3, 0.2];
            double[] r75 = [0.7, 0.3, 0.2];
            """),
        new("7.6", "wrong loss", "the log-loss's s − onehot(y)", "double[] ErrorProbabilityGradient76(double[] u, int y) => Softmax(u).Select((s, j) => s - (j == y ? 1.0 : 0.0)).ToArray();"),
        new("7.6", "wrong sign", "s_y(onehot(y) − s)", "double[] ErrorProbabilityGradient76(double[] u, int y) { var s = Softmax(u); return s.Select((sj, j) => s[y] * ((j == y ? 1.0 : 0.0) - sj)).ToArray(); }"),
        new("7.6", "forgotten term", "diag(s)·(−onehot(y)), without −s sᵀ", "double[] ErrorProbabilityGradient76(double[] u, int y) { var s = Softmax(u); return s.Select((sj, j) => j == y ? -sj : 0.0).ToArray(); }"),
        new("7.6", "numerical stand-in", "central differences of the loss", """
            double[] ErrorProbabilityGradient76(double[] u, int y)
            {
                double L(double[] v) => 1 - Softmax(v)[y];
                return u.Select((_, j) => { var up = (double[])u.Clone(); var down = (double[])u.Clone(); up[j] += 1e-6; down[j] -= 1e-6; return (L(up) - L(down)) / 2e-6; }).ToArray();
            }
            """),
        new("7.6", "forbidden shortcut", "the kit's SoftmaxJvp", "double[] ErrorProbabilityGradient76(double[] u, int y) => SoftmaxJvp(u, u.Select((_, j) => j == y ? -1.0 : 0.0).ToArray());"),
        // 09 · Plotly.NET
        new("9.1", "loose tolerance", "the grid's best point, not refined", """
            double[] c91 = t91.Select(t => GibbsState.FromTemperature(e91, t).HeatCapacity).ToArray();
            GenericChart chart91 = PlotlyChart.Line<double, double, string>(t91, c91, Name: "C(T)");
            double tPeak91 = t91[Array.IndexOf(c91, c91.Max())];
            """),
        new("9.1", "forgotten factor", "the peak of Var(E), not Var(E)/T²", """
            double[] c91 = t91.Select(t => GibbsState.FromTemperature(e91, t).EnergyVariance).ToArray();
            GenericChart chart91 = PlotlyChart.Line<double, double, string>(t91, c91, Name: "C(T)");
            double tPeak91 = t91[Array.IndexOf(c91, c91.Max())];
            """),
        new("9.1", "wrong curve", "⟨E⟩(T) drawn for C(T)", """
            double C91(double t) => GibbsState.FromTemperature(e91, t).HeatCapacity;
            double[] c91 = t91.Select(t => GibbsState.FromTemperature(e91, t).MeanEnergy).ToArray();
            GenericChart chart91 = PlotlyChart.Line<double, double, string>(t91, c91, Name: "C(T)");
            double lo91 = 0.3, hi91 = 0.6;
            while (hi91 - lo91 > 1e-9) { double m1 = lo91 + (hi91 - lo91) / 3, m2 = hi91 - (hi91 - lo91) / 3; if (C91(m1) < C91(m2)) { lo91 = m1; } else { hi91 = m2; } }
            double tPeak91 = (lo91 + hi91) / 2;
            """),
        new("9.2", "loose tolerance", "bisection stopped at 1e−6", """
            double lo92 = 0.01, hi92 = 100;
            while (hi92 - lo92 > 1e-6) { double mid = (lo92 + hi92) / 2; if (Softmax(z92, mid).Max() > 0.5) { lo92 = mid; } else { hi92 = mid; } }
            double tHalf92 = (lo92 + hi92) / 2;
            GenericChart chart92 = PlotlyChart.Combine(new[] { PlotlyChart.Line<double, double, string>(t92, t92.Select(t => Softmax(z92, t).Max())), PlotlyChart.Point<double, double, string>(new[] { tHalf92 }, new[] { 0.5 }) });
            """),
        new("9.2", "β for T", "softmax(z·T) for softmax(z/T)", """
            double lo92 = 0.01, hi92 = 100;
            while (hi92 - lo92 > 1e-13 * hi92) { double mid = (lo92 + hi92) / 2; if (Softmax(z92.Select(zi => zi * mid).ToArray()).Max() < 0.5) { lo92 = mid; } else { hi92 = mid; } }
            double tHalf92 = (lo92 + hi92) / 2;
            GenericChart chart92 = PlotlyChart.Combine(new[] { PlotlyChart.Line<double, double, string>(t92, t92.Select(t => Softmax(z92, t).Max())), PlotlyChart.Point<double, double, string>(new[] { tHalf92 }, new[] { 0.5 }) });
            """),
        new("9.2", "swapped coordinates", "the point drawn at (1/2, T)", """
            double lo92 = 0.01, hi92 = 100;
            while (hi92 - lo92 > 1e-13 * hi92) { double mid = (lo92 + hi92) / 2; if (Softmax(z92, mid).Max() > 0.5) { lo92 = mid; } else { hi92 = mid; } }
            double tHalf92 = (lo92 + hi92) / 2;
            GenericChart chart92 = PlotlyChart.Combine(new[] { PlotlyChart.Line<double, double, string>(t92, t92.Select(t => Softmax(z92, t).Max())), PlotlyChart.Point<double, double, string>(new[] { 0.5 }, new[] { tHalf92 }) });
            """),
        new("9.3", "forbidden shortcut", "the kit's FreeEnergy", """
            double F93(double t) => GibbsState.FromTemperature(e93, t).FreeEnergy;
            double[] f93 = t93.Select(F93).ToArray();
            GenericChart chart93 = PlotlyChart.Line<double, double, string>(t93, f93, Name: "F(T)");
            double slope93 = (F93(1 + 1e-4) - F93(1 - 1e-4)) / 2e-4;
            """),
        new("9.3", "wrong formula", "F = −log Z / T", """
            double F93(double t) => -GibbsState.FromTemperature(e93, t).LogZ / t;
            double[] f93 = t93.Select(F93).ToArray();
            GenericChart chart93 = PlotlyChart.Line<double, double, string>(t93, f93, Name: "F(T)");
            double slope93 = (F93(1 + 1e-4) - F93(1 - 1e-4)) / 2e-4;
            """),
        new("9.3", "loose tolerance", "a forward difference with δ = 0.1", """
            double F93(double t) => -t * GibbsState.FromTemperature(e93, t).LogZ;
            double[] f93 = t93.Select(F93).ToArray();
            GenericChart chart93 = PlotlyChart.Line<double, double, string>(t93, f93, Name: "F(T)");
            double slope93 = (F93(1.1) - F93(1)) / 0.1;
            """),
        new("9.4", "degeneracies ignored", "p_J ∝ e^(−J(J+1)/T)", """
            var states94 = temperatures94.Select(t => GibbsState.FromTemperature(j94.Select(j => (double)j * (j + 1)).ToArray(), t)).ToArray();
            GenericChart chart94 = PlotlyChart.Combine(states94.Select(s => PlotlyChart.Column<double, string, string>(s.Probabilities, Keys: j94.Select(j => $"J = {j}").ToArray())));
            int[] modes94 = states94.Select(s => s.Probabilities.ToList().IndexOf(s.Probabilities.Max())).ToArray();
            """),
        new("9.4", "wrong energies", "E_J = J²", """
            var states94 = temperatures94.Select(t => GibbsState.FromTemperature(j94.Select(j => (double)j * j).ToArray(), t, j94.Select(j => 2.0 * j + 1).ToArray())).ToArray();
            GenericChart chart94 = PlotlyChart.Combine(states94.Select(s => PlotlyChart.Column<double, string, string>(s.Probabilities, Keys: j94.Select(j => $"J = {j}").ToArray())));
            int[] modes94 = states94.Select(s => s.Probabilities.ToList().IndexOf(s.Probabilities.Max())).ToArray();
            """),
        new("9.4", "continuum estimate rounded", "modes = round(√(T/2) − 1/2)", """
            var states94 = temperatures94.Select(t => GibbsState.FromTemperature(j94.Select(j => (double)j * (j + 1)).ToArray(), t, j94.Select(j => 2.0 * j + 1).ToArray())).ToArray();
            GenericChart chart94 = PlotlyChart.Combine(states94.Select(s => PlotlyChart.Column<double, string, string>(s.Probabilities, Keys: j94.Select(j => $"J = {j}").ToArray())));
            int[] modes94 = temperatures94.Select(t => (int)Math.Round(Math.Sqrt(t / 2) - 0.5)).ToArray();
            """),
    ];

    // 5.5: gradient descent on the two-class softmax regression; each wrong answer changes one thing of the solution.
    private static string Train55(string steps, string rate, bool stop, string v, string decay) => $$"""
        double[] w55 = new double[4];
        for (int step = 0; step < {{steps}}; step++)
        {
            var g = w55.Select(wi => decay55 * wi).ToArray();
            for (int n = 0; n < 8; n++) { var s = Softmax([w55[0] * x55[n][0] + w55[1] * x55[n][1], w55[2] * x55[n][0] + w55[3] * x55[n][1]]); for (int k = 0; k < 2; k++) { for (int j = 0; j < 2; j++) { g[2 * k + j] += (s[k] - (k == y55[n] ? 1.0 : 0.0)) * x55[n][j] / 8; } } }
            {{(stop ? "if (Math.Sqrt(g.Sum(gi => gi * gi)) < 1e-10) { break; }" : "")}}
            for (int i = 0; i < 4; i++) { w55[i] -= {{rate}} * g[i]; }
        }
        double[] v55 = {{v}};
        double logisticDecay55 = {{decay}};
        """;

    // 7.1: the task's data, and training with a loop the wrong answer chooses (∂h/∂β = ⟨E⟩_p − ⟨E⟩_β written once).
    private const string Data71 = """
        double[] faces71 = [1.0, 2, 3, 4, 5, 6];
        double[] rolls71 = [0.1, 0.1, 0.1, 0.3, 0.2, 0.2];
        double[] twoFaces71 = [0.0, 0, 0.5, 0, 0.5, 0];
        """;

    private const string Norm71 = "Math.Sqrt(Softmax(faces71.Select(k => -betaRolls71 * k).ToArray()).Zip(rolls71, (s, pk) => (s - pk) * (s - pk)).Sum())";

    private static string Train71(string loop, string norm) => Data71 + $$"""

        double Slope71(double[] p, double beta) => p.Zip(faces71, (pk, k) => pk * k).Sum() - Softmax(faces71.Select(k => -beta * k).ToArray()).Zip(faces71, (s, k) => s * k).Sum();
        double Train71(double[] p)
        {
            double beta = 0;
            {{loop}}
            return beta;
        }
        double betaRolls71 = Train71(rolls71);
        double betaTwoFaces71 = Train71(twoFaces71);
        double gradientNorm71 = {{norm}};
        """;
}
