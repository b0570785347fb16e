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
        new("2.5", "forgotten logarithm", "u = p", """
            double[] uSmoothed = [0.9 + 0.1 / 3, 0.1 / 3, 0.1 / 3];
            """),
        new("2.5", "hard label kept", "a large margin for the true class", """
            double[] uSmoothed = [10.0, 0.0, 0.0];
            """),
        new("2.5", "off by one class", "ε split over the K − 1 other classes", """
            double[] uSmoothed = [Math.Log(0.9), Math.Log(0.05), Math.Log(0.05)];
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
        new("4.3", "wrong sign", "S″(0) = +Σ v²/p", """
            double[] faces43 = [1.0, 2, 3, 4, 5, 6];
            double[] p43 = MaxEntropy.Solve(faces43, meanEnergy: 4.5).State.Probabilities.ToArray();
            double[] v43 = [0.0, 1, -1, -1, 1, 0];
            double firstDerivative43 = 0;
            double secondDerivative43 = v43.Select((vi, i) => vi * vi / p43[i]).Sum();
            """),
        new("4.3", "forgotten weight", "S″(0) = −Σ v²", """
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
    ];
}
