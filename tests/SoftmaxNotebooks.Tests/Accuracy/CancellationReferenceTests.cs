using System.Globalization;
using System.Text.Json;
using Xunit;
using static SoftmaxNotebooks.SoftmaxFunctions;

namespace SoftmaxNotebooks.Tests.Accuracy;

/// <summary>
/// The results that cancel where one probability is close to 1, against mpmath (cancellation-reference.json, made by
/// make_cancellation_reference.py): J·v and vᵀJ, the cross-entropy gradient at the largest logit, and the entropy of
/// a near-one-hot softmax. Logits (t, 0, 0) with t up to 700: the naive formulas s_i(v_i − ⟨s, v⟩), s_k − 1 and
/// −p_k log p_k lose every digit from t ≈ 37 on. Each value is held to the bound its XML docs state; where every
/// (z_i − a)/T is a double (no rounding before the exponentials), also to 4ε relative outright.
/// </summary>
public sealed class CancellationReferenceTests
{
    private const double Epsilon = 1.0 / (1L << 52);

    private static readonly Lazy<JsonDocument> Data = new(() => JsonDocument.Parse(
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Accuracy", "cancellation-reference.json"))));

    public static TheoryData<string> JvpNames => Names("jvp");

    public static TheoryData<string> GradientNames => Names("gradient");

    public static TheoryData<string> EntropyNames => Names("entropy");

    [Theory]
    [MemberData(nameof(JvpNames))]
    public void Jvp_and_vjp_match_mpmath_within_the_documented_bound(string name)
    {
        (JsonElement c, double[] z) = Case("jvp", name);
        double[] v = Doubles(c, "v");
        double temperature = c.TryGetProperty("temperature", out JsonElement t) ? Parse(t) : 1.0;
        bool scaled = c.TryGetProperty("temperature", out _);
        ExactValue[] expected = References(c, "jv");
        double[] jvp = scaled ? SoftmaxJvp(z, v, temperature) : SoftmaxJvp(z, v);
        double[] vjp = scaled ? SoftmaxVjp(z, v, temperature) : SoftmaxVjp(z, v);

        // The bound of SoftmaxJvp's docs: s_i·(η_i|x_i| + ε(|v_i − v_k| + 2|x_i|) + Σ_{j≠k}(η_j + 2ε)s_j|v_j − v_k|)/T,
        // with s, x_i = v_i − ⟨s, v⟩ and η written out here in double (a bound needs no more).
        Softmax s = Softmax.Of(z, temperature);
        int k = s.Pivot;
        double spread = 0;
        for (int j = 0; j < z.Length; j++)
        {
            spread += j == k ? 0 : (s.Eta(j) + (2 * Epsilon)) * s.P[j] * Math.Abs(v[j] - v[k]);
        }

        var report = new AccuracyReport($"J·v case '{name}'", Precision.Double);
        for (int i = 0; i < z.Length; i++)
        {
            double x = 0;
            for (int j = 0; j < z.Length; j++)
            {
                x += s.P[j] * (v[i] - v[j]);
            }

            double bound = s.P[i] * ((s.Eta(i) * Math.Abs(x)) + (Epsilon * (Math.Abs(v[i] - v[k]) + (2 * Math.Abs(x)))) + spread)
                / temperature;
            report.Check($"SoftmaxJvp[{i}]", z[i], expected[i], jvp[i], OrFewUlps(c, expected[i], bound));
            report.Check($"SoftmaxVjp[{i}]", z[i], expected[i], vjp[i], OrFewUlps(c, expected[i], bound));
        }

        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(GradientNames))]
    public void Cross_entropy_gradient_matches_mpmath_at_the_largest_logit_too(string name)
    {
        (JsonElement c, double[] z) = Case("gradient", name);
        ExactValue[] expected = References(c, "gradient");
        int n = z.Length;
        double[] p;
        double[] got;
        if (c.TryGetProperty("p", out _))
        {
            p = Doubles(c, "p");
            got = CrossEntropyWithLogitsGradient(p, z);
        }
        else
        {
            int label = c.GetProperty("label").GetInt32();
            double smoothing = c.TryGetProperty("labelSmoothing", out JsonElement e) ? Parse(e) : 0;
            p = Enumerable.Range(0, n).Select(i => (smoothing / n) + (i == label ? 1 - smoothing : 0)).ToArray();
            got = smoothing == 0 ? CrossEntropyWithLogitsGradient(label, z) : CrossEntropyWithLogitsGradient(label, z, smoothing);
        }

        // CrossEntropyWithLogitsGradient's docs: 8ε((Σp)·s_i·(1 + |u_i − a| + κ) + p_i) for every entry, and at the
        // largest logit k with s_k > ½, (Σp)(1 − s_k)·max_{j≠k} η_j + 2ε(Σ_{j≠k} p_j + |g_k|).
        Softmax s = Softmax.Of(z, 1.0);
        int k = s.Pivot;
        double mass = p.Sum();
        var report = new AccuracyReport($"gradient case '{name}'", Precision.Double);
        for (int i = 0; i < n; i++)
        {
            double bound = 8 * Epsilon * ((mass * s.P[i] * (1 + s.D[i] + s.Kappa)) + p[i]);
            if (i == k && s.P[k] > 0.5)
            {
                double others = Enumerable.Range(0, n).Where(j => j != k).Sum(j => p[j]);
                double eta = Enumerable.Range(0, n).Where(j => j != k).Max(s.Eta);
                bound = (mass * s.Complement * eta) + (2 * Epsilon * (others + expected[i].Magnitude));
            }

            report.Check($"gradient[{i}]", z[i], expected[i], got[i], OrFewUlps(c, expected[i], bound));
        }

        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(EntropyNames))]
    public void Entropy_of_a_softmax_matches_mpmath_however_close_to_one_hot(string name)
    {
        (JsonElement c, double[] z) = Case("entropy", name);
        double temperature = Parse(c.GetProperty("temperature"));
        ExactValue expected = ExactValue.Parse(c.GetProperty("entropy").GetString()!);
        double got = Distribution.FromLogits(z, temperature).Entropy();

        // Distribution.Entropy's docs: Σ_{i≠k} p_i(|log p_i| + 1)η_i + 4·p_k·r·max_{i≠k} η_i + (n + 4)ε·H.
        Softmax s = Softmax.Of(z, temperature);
        int k = s.Pivot;
        double others = 0, terms = 0, eta = 0;
        for (int i = 0; i < z.Length; i++)
        {
            if (i != k)
            {
                others += s.P[i];
                terms += s.P[i] * (Math.Abs(Math.Log(s.P[i])) + 1) * s.Eta(i);
                eta = Math.Max(eta, s.Eta(i));
            }
        }

        double bound = terms + (4 * s.P[k] * others * eta) + ((z.Length + 4) * Epsilon * expected.Magnitude);
        var report = new AccuracyReport($"entropy case '{name}'", Precision.Double);
        report.Check("Entropy()", double.NaN, expected, got, OrFewUlps(c, expected, bound));
        report.ThrowIfAny();
    }

    /// <summary>Where no exponent was rounded, the tighter of the bound and 4ε relative.</summary>
    private static double OrFewUlps(JsonElement c, ExactValue expected, double bound) =>
        c.GetProperty("exactExponents").GetBoolean() ? Math.Min(bound, 4 * Epsilon * expected.Magnitude) : bound;

    private static TheoryData<string> Names(string section) =>
        new(Data.Value.RootElement.GetProperty(section).EnumerateArray().Select(c => c.GetProperty("name").GetString()!));

    /// <summary>A case of a section and its logits.</summary>
    private static (JsonElement Case, double[] Z) Case(string section, string name)
    {
        JsonElement c = Data.Value.RootElement.GetProperty(section).EnumerateArray()
            .Single(e => e.GetProperty("name").GetString() == name);
        return (c, Doubles(c, "z"));
    }

    private static double Parse(JsonElement e) => double.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double[] Doubles(JsonElement c, string property) =>
        c.GetProperty(property).EnumerateArray().Select(Parse).ToArray();

    private static ExactValue[] References(JsonElement c, string property) =>
        c.GetProperty(property).EnumerateArray().Select(e => ExactValue.Parse(e.GetString()!)).ToArray();

    /// <summary>softmax(z/T) written out with Math.Exp, for the bounds: p, the first maximum, d_i = |z_i − a|/T,
    /// κ = Σ p_j d_j, 1 − p_k from the other terms, and η_i = 8ε(1 + d_i + κ), the softmax's relative bound.</summary>
    private sealed record Softmax(double[] P, int Pivot, double[] D, double Kappa, double Complement)
    {
        public static Softmax Of(double[] z, double temperature)
        {
            double a = z.Max();
            int pivot = Array.IndexOf(z, a);
            double[] d = z.Select(x => (a - x) / temperature).ToArray();
            double[] e = d.Select(x => Math.Exp(-x)).ToArray();
            double total = e.Sum();
            double[] p = e.Select(x => x / total).ToArray();
            double others = e.Where((_, j) => j != pivot).Sum();
            return new Softmax(p, pivot, d, p.Zip(d, (pi, di) => pi * di).Sum(), others / total);
        }

        public double Eta(int i) => 8 * Epsilon * (1 + D[i] + Kappa);
    }
}
