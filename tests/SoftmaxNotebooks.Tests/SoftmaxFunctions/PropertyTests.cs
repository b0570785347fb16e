using FsCheck.Xunit;
using Xunit;
using static SoftmaxNotebooks.SoftmaxFunctions;

namespace SoftmaxNotebooks.Tests.Core;

/// <summary>
/// The properties, 10⁴ cases each, over vectors that reach magnitudes 1e−12 to 1e300, offsets up to 1e15,
/// ties and −∞ masks. Tolerances are the condition bounds of the issue (ε = 2⁻⁵², κ = Σ s_j|z_j − a|).
/// </summary>
[Properties(MaxTest = 10000, Arbitrary = [typeof(Generators)])]
public class PropertyTests
{
    private const double Eps = Bounds.Epsilon;

    private static double FiniteMax(double[] z) => z.Max();

    [Property]
    public void Log_sum_exp_shifts_with_its_input(Logits logits, Seed seed)
    {
        double[] z = logits.Values;
        var random = new Random(seed.Value);
        double maxAbs = z.Where(double.IsFinite).Select(Math.Abs).Max();
        double c = (2 * random.NextDouble() - 1) * Math.Pow(10, random.Next(-3, 6)) * Math.Max(1, Math.Min(maxAbs, 1e300));
        double[] shifted = z.Select(v => v + c).ToArray();
        double a = FiniteMax(z);
        double lse = LogSumExp(z);
        double lseShifted = LogSumExp(shifted);
        double kappa = Bounds.Kappa(z);
        double tol = 16 * Eps * (Math.Abs(a) + Math.Abs(c) + Math.Abs(lse) + Math.Abs(lseShifted) + kappa + 1);
        Assert.InRange(lseShifted - (lse + c), -tol, tol);
    }

    [Property]
    public void Log_sum_exp_lies_between_max_and_max_plus_log_n(Logits logits)
    {
        double[] z = logits.Values;
        double a = FiniteMax(z);
        double lse = LogSumExp(z);
        Assert.True(lse >= a, $"LSE {lse:R} below max {a:R}");
        double upper = a + Math.Log(z.Length);
        Assert.True(lse <= upper + 4 * Eps * (Math.Abs(a) + Math.Log(z.Length)), $"LSE {lse:R} above {upper:R}");
    }

    [Property]
    public void Temperature_log_sum_exp_tends_to_max_as_temperature_falls(Logits logits)
    {
        double[] z = logits.Values;
        double a = FiniteMax(z);
        double previous = double.PositiveInfinity;
        foreach (double t in new[] { 10.0, 1.0, 1e-1, 1e-3, 1e-6, 1e-12, 1e-100 })
        {
            double value = LogSumExp(z, t);
            double slack = 4 * Eps * (Math.Abs(a) + t * Math.Log(z.Length));
            Assert.InRange(value - a, 0, t * Math.Log(z.Length) + slack);
            // T·LSE(z/T) increases with T (its derivative is the entropy of softmax(z/T)).
            Assert.True(value <= previous + slack, $"not monotone at T = {t:R}");
            previous = value;
        }

        Assert.Equal(a, LogSumExp(z, 1e-300));
    }

    [Property]
    public void Softmax_sums_to_one_and_matches_log_softmax(Logits logits)
    {
        double[] z = logits.Values;
        double[] s = Softmax(z);
        double kappa = Bounds.Kappa(z);
        double sum = 0, c = 0;
        foreach (double v in s)
        {
            Assert.InRange(v, 0, 1);
            double t = sum + v;
            c += Math.Abs(sum) >= v ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }

        Assert.InRange(sum + c - 1, -16 * Eps * (1 + 2 * kappa), 16 * Eps * (1 + 2 * kappa));
        double[] ls = LogSoftmax(z);
        double a = FiniteMax(z);
        for (int i = 0; i < z.Length; i++)
        {
            if (s[i] >= Bounds.MinNormal)
            {
                double tol = 16 * Eps * (1 + Math.Abs(z[i] - a) + kappa + Math.Abs(ls[i]));
                Assert.InRange(Math.Exp(ls[i]) / s[i] - 1, -tol, tol);
            }
            else
            {
                Assert.True(Math.Exp(ls[i]) < 2 * Bounds.MinNormal);
            }
        }
    }

    [Property]
    public void Softmax_is_shift_invariant(Logits logits, Seed seed)
    {
        double[] z = logits.Values;
        var random = new Random(seed.Value);
        double maxAbs = z.Where(double.IsFinite).Select(Math.Abs).Max();
        double c = (2 * random.NextDouble() - 1) * Math.Pow(10, random.Next(-3, 4)) * Math.Max(1, Math.Min(maxAbs, 1e300));
        double[] s = Softmax(z);
        double[] sc = Softmax(z.Select(v => v + c).ToArray());
        double a = FiniteMax(z);
        double kappa = Bounds.Kappa(z);
        for (int i = 0; i < z.Length; i++)
        {
            if (double.IsNegativeInfinity(z[i]))
            {
                Assert.Equal(0.0, sc[i]);
                continue;
            }

            // Rounding z_i + c moves every z_i − a by up to ε·(|z_i| + |a| + 2|c|): a real perturbation of the input
            // (large when c or z is large), on top of which the computed softmax must stay within its bound.
            double drift = 2 * Eps * (maxAbs + Math.Abs(a) + 2 * Math.Abs(c));
            double rel = Math.Exp(Math.Min(drift, 700)) - 1 + 32 * Eps * (1 + Math.Abs(z[i] - a) + kappa);
            Assert.InRange(Math.Abs(sc[i] - s[i]), 0, rel * Math.Max(s[i], sc[i]) + 2 * Bounds.MinNormal);
        }
    }

    [Property]
    public void Log_sum_exp_gradient_is_softmax_by_central_differences(ModerateLogits logits, Seed seed)
    {
        double[] z = logits.Values;
        double t = new Random(seed.Value).Next(2) == 0 ? 1.0 : 0.5 + 4 * new Random(seed.Value).NextDouble();
        double[] g = LogSumExpGradient(z, t);
        Assert.Equal(Softmax(z, t), g);
        const double h = 1e-5;
        for (int i = 0; i < z.Length; i++)
        {
            double[] plus = (double[])z.Clone();
            double[] minus = (double[])z.Clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (LogSumExp(plus, t) - LogSumExp(minus, t)) / (2 * h);
            Assert.InRange(fd - g[i], -1e-7, 1e-7);
        }
    }

    [Property]
    public void Jacobian_is_symmetric_with_zero_row_sums_and_positive_semidefinite(Logits logits, Seed seed)
    {
        double[] z = logits.Values.Take(24).ToArray();
        if (z.All(double.IsNegativeInfinity))
        {
            z[0] = 0;
        }

        var random = new Random(seed.Value);
        double t = random.Next(3) == 0 ? Math.Pow(10, random.Next(-3, 4)) : 1.0;
        double[,] j = t == 1.0 ? SoftmaxJacobian(z) : SoftmaxJacobian(z, t);
        Assert.Equal(j, t == 1.0 ? LogSumExpHessian(z) : LogSumExpHessian(z, t));
        double[] s = Softmax(z, t);
        int n = z.Length;
        double[] x = Enumerable.Range(0, n).Select(_ => 2 * random.NextDouble() - 1).ToArray();
        double quadratic = 0, scale = 0;
        for (int r = 0; r < n; r++)
        {
            double rowSum = 0, rowAbs = 0;
            for (int col = 0; col < n; col++)
            {
                Assert.Equal(j[r, col], j[col, r]);
                rowSum += j[r, col];
                rowAbs += Math.Abs(j[r, col]);
                quadratic += x[r] * j[r, col] * x[col];
                scale += Math.Abs(x[r] * j[r, col] * x[col]);
            }

            Assert.InRange(rowSum, -8 * n * Eps * rowAbs - 1e-300, 8 * n * Eps * rowAbs + 1e-300);
            Assert.True(j[r, r] >= 0);
            Assert.InRange(Math.Abs(j[r, r] * t - s[r] * (1 - s[r])), 0, 8 * Eps * s[r] + 1e-300);
        }

        Assert.True(quadratic >= -8 * n * Eps * scale - 1e-300, $"xᵀJx = {quadratic:R}");
    }

    [Property]
    public void Jvp_and_vjp_equal_the_matrix_products(Logits logits, Seed seed)
    {
        double[] z = logits.Values.Take(40).ToArray();
        if (z.All(double.IsNegativeInfinity))
        {
            z[0] = 0;
        }

        var random = new Random(seed.Value);
        int n = z.Length;
        double[] v = Enumerable.Range(0, n).Select(_ => (2 * random.NextDouble() - 1) * Math.Pow(10, random.Next(-5, 6))).ToArray();
        double t = random.Next(2) == 0 ? 1.0 : Math.Pow(10, random.Next(-2, 3));
        double[,] j = SoftmaxJacobian(z, t);
        double[] jvp = t == 1.0 ? SoftmaxJvp(z, v) : SoftmaxJvp(z, v, t);
        double[] vjp = t == 1.0 ? SoftmaxVjp(z, v) : SoftmaxVjp(z, v, t);
        double[] s = Softmax(z, t);
        double sv = s.Zip(v, (a, b) => a * Math.Abs(b)).Sum();
        for (int i = 0; i < n; i++)
        {
            double row = 0, column = 0, scale = 0;
            for (int k = 0; k < n; k++)
            {
                row += j[i, k] * v[k];
                column += v[k] * j[k, i];
                scale += Math.Abs(j[i, k] * v[k]);
            }

            double tol = 8 * n * Eps * (scale + s[i] * (Math.Abs(v[i]) + sv) / t) + 1e-300;
            Assert.InRange(jvp[i] - row, -tol, tol);
            Assert.InRange(vjp[i] - column, -tol, tol);
        }
    }

    [Property]
    public void Cross_entropy_gradient_equals_finite_differences(ModerateLogits logits, Seed seed)
    {
        double[] u = logits.Values;
        var random = new Random(seed.Value);
        double[] p = u.Select(_ => random.Next(4) == 0 ? 0.0 : random.NextDouble() * 2).ToArray();
        // Masks where the target has no mass: those terms count 0 and their gradient is 0.
        for (int i = 0; i < u.Length; i++)
        {
            if (p[i] == 0 && random.Next(3) == 0 && u.Count(double.IsFinite) > 1)
            {
                u[i] = double.NegativeInfinity;
            }
        }

        double[] g = CrossEntropyWithLogitsGradient(p, u);
        double h0 = CrossEntropyWithLogits(p, u);
        double mass = p.Sum();
        // h = −⟨p, u⟩ + (Σp)·LSE(u) and h ≥ (Σp)·H(p/Σp): the entropy is the least loss.
        double alt = -p.Zip(u, (a, b) => a == 0 ? 0 : a * b).Sum() + mass * LogSumExp(u);
        Assert.InRange(h0 - alt, -1e-12 * (1 + Math.Abs(alt) + mass * 40), 1e-12 * (1 + Math.Abs(alt) + mass * 40));
        if (mass > 0)
        {
            double entropy = -p.Where(v => v > 0).Sum(v => v / mass * Math.Log(v / mass));
            Assert.True(h0 >= mass * entropy - 1e-12 * (1 + h0));
        }

        const double h = 1e-5;
        for (int i = 0; i < u.Length; i++)
        {
            double[] plus = (double[])u.Clone();
            double[] minus = (double[])u.Clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (CrossEntropyWithLogits(p, plus) - CrossEntropyWithLogits(p, minus)) / (2 * h);
            double tol = 1e-7 * (1 + mass);
            Assert.InRange(fd - g[i], -tol, tol);
        }

        Assert.InRange(g.Sum(), -1e-12 * (1 + mass), 1e-12 * (1 + mass));
    }

    [Property]
    public void Hard_label_and_smoothing_equal_their_explicit_targets(ModerateLogits logits, Seed seed)
    {
        double[] u = logits.Values;
        var random = new Random(seed.Value);
        int label = random.Next(u.Length);
        double eps = random.Next(3) == 0 ? 0.0 : random.NextDouble();
        double[] target = Enumerable.Range(0, u.Length).Select(i => (i == label ? 1 - eps : 0) + eps / u.Length).ToArray();
        double[] onehot = Enumerable.Range(0, u.Length).Select(i => i == label ? 1.0 : 0.0).ToArray();
        Assert.Equal(CrossEntropyWithLogits(onehot, u), CrossEntropyWithLogits(label, u));
        Assert.Equal(CrossEntropyWithLogitsGradient(onehot, u), CrossEntropyWithLogitsGradient(label, u));
        double hard = CrossEntropyWithLogits(label, u);
        Assert.InRange(hard - (LogSumExp(u) - u[label]), -1e-13 * (1 + hard), 1e-13 * (1 + hard));
        double smoothed = CrossEntropyWithLogits(label, u, eps);
        Assert.InRange(smoothed - CrossEntropyWithLogits(target, u), -1e-13 * (1 + smoothed), 1e-13 * (1 + smoothed));
        double[] gs = CrossEntropyWithLogitsGradient(label, u, eps);
        double[] ge = CrossEntropyWithLogitsGradient(target, u);
        for (int i = 0; i < u.Length; i++)
        {
            Assert.InRange(gs[i] - ge[i], -1e-15, 1e-15);
        }
    }

    [Property]
    public void Sigmoid_and_softplus_are_the_two_class_cases(AnyReal x)
    {
        double v = x.Value;
        Assert.Equal(Softmax([v, 0.0])[0], Sigmoid(v));
        Assert.Equal(LogSumExp([v, 0.0]), Softplus(v));
        float f = (float)v;
        Assert.Equal(Softmax([f, 0f])[0], Sigmoid(f));
        Assert.Equal(LogSumExp([f, 0f]), Softplus(f));
        Assert.InRange(Sigmoid(v), 0, 1);
        Assert.True(Softplus(v) >= Math.Max(v, 0));
    }

    [Property]
    public void Row_wise_forms_equal_the_per_row_calls(Seed seed)
    {
        var random = new Random(seed.Value);
        int rows = random.Next(1, 6);
        int columns = random.Next(1, 40);
        var z = new double[rows, columns];
        var p = new double[rows, columns];
        var labels = new int[rows];
        var vectors = new double[rows][];
        for (int r = 0; r < rows; r++)
        {
            vectors[r] = Generators.LogitVector(random, columns, masks: false);
            labels[r] = random.Next(columns);
            for (int c = 0; c < columns; c++)
            {
                z[r, c] = vectors[r][c];
                p[r, c] = random.NextDouble();
            }
        }

        double[] lse = LogSumExpRows(z);
        double[,] s = SoftmaxRows(z);
        double[,] ls = LogSoftmaxRows(z);
        double[,] gp = CrossEntropyWithLogitsGradientRows(p, z);
        double[,] gl = CrossEntropyWithLogitsGradientRows(labels, z, 0.1);
        double meanP = 0, meanL = 0;
        for (int r = 0; r < rows; r++)
        {
            double[] row = vectors[r];
            double[] pr = Enumerable.Range(0, columns).Select(c => p[r, c]).ToArray();
            Assert.Equal(LogSumExp(row), lse[r]);
            double[] sr = Softmax(row);
            double[] lsr = LogSoftmax(row);
            double[] gpr = CrossEntropyWithLogitsGradient(pr, row);
            double[] glr = CrossEntropyWithLogitsGradient(labels[r], row, 0.1);
            for (int c = 0; c < columns; c++)
            {
                Assert.Equal(sr[c], s[r, c]);
                Assert.Equal(lsr[c], ls[r, c]);
                Assert.Equal(gpr[c] / rows, gp[r, c]);
                Assert.Equal(glr[c] / rows, gl[r, c]);
            }

            meanP += CrossEntropyWithLogits(pr, row) / rows;
            meanL += CrossEntropyWithLogits(labels[r], row) / rows;
        }

        double lossP = CrossEntropyWithLogitsRows(p, z);
        double lossL = CrossEntropyWithLogitsRows(labels, z);
        Assert.InRange(lossP - meanP, -1e-14 * (1 + Math.Abs(meanP)), 1e-14 * (1 + Math.Abs(meanP)));
        Assert.InRange(lossL - meanL, -1e-14 * (1 + Math.Abs(meanL)), 1e-14 * (1 + Math.Abs(meanL)));
    }

    [Property]
    public void Float_versions_agree_with_double_within_the_float_bound(Logits logits)
    {
        float[] f = logits.Values.Select(v => (float)Math.Clamp(v, -1e30, 1e30)).ToArray();
        double[] d = f.Select(v => (double)v).ToArray();
        double a = d.Max();
        double kappa = Bounds.Kappa(d);
        float lse = LogSumExp(f);
        double lseD = LogSumExp(d);
        Assert.InRange(lse - lseD, -8 * Bounds.EpsilonF * (Math.Abs(a) + Math.Abs(lseD) + kappa + 1),
            8 * Bounds.EpsilonF * (Math.Abs(a) + Math.Abs(lseD) + kappa + 1));
        float[] s = Softmax(f);
        double[] sd = Softmax(d);
        for (int i = 0; i < f.Length; i++)
        {
            double tol = 8 * Bounds.EpsilonF * (1 + Math.Abs(d[i] - a) + kappa) * sd[i] + 1.2e-38;
            Assert.InRange(s[i] - sd[i], -tol, tol);
        }

        Assert.InRange(s.Sum(v => (double)v) - 1, -8 * f.Length * Bounds.EpsilonF * (1 + 2 * kappa),
            8 * f.Length * Bounds.EpsilonF * (1 + 2 * kappa));
    }

    [Property]
    public void Integer_weights_equal_repeated_entries(Logits logits, Seed seed)
    {
        double[] z = logits.Values.Take(50).ToArray();
        var random = new Random(seed.Value);
        double[] w = z.Select(_ => (double)random.Next(0, 4)).ToArray();
        double[] expanded = z.SelectMany((v, i) => Enumerable.Repeat(v, (int)w[i])).ToArray();
        double weighted = WeightedLogSumExp(z, w);
        double repeated = LogSumExp(expanded);
        if (expanded.Length == 0 || expanded.All(double.IsNegativeInfinity))
        {
            Assert.Equal(double.NegativeInfinity, weighted);
            Assert.Throws<ArgumentException>(() => WeightedSoftmax(z, w));
            return;
        }

        double a = expanded.Max();
        double tol = 16 * Eps * (Math.Abs(a) + Math.Abs(repeated) + Bounds.Kappa(expanded) + 4);
        Assert.InRange(weighted - repeated, -tol, tol);
        double[] sw = WeightedSoftmax(z, w);
        double[] se = Softmax(expanded);
        int offset = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double mass = 0;
            for (int k = 0; k < (int)w[i]; k++)
            {
                mass += se[offset + k];
            }

            offset += (int)w[i];
            if (mass == 0)
            {
                Assert.InRange(sw[i], 0, 4 * Bounds.MinNormal);
                continue;
            }

            double rel = 32 * Eps * (1 + Math.Abs(z[i] - a) + Math.Abs(a) + Bounds.Kappa(expanded) + 4);
            Assert.InRange(Math.Abs(sw[i] - mass), 0, rel * mass + 4 * Bounds.MinNormal);
        }
    }
}
