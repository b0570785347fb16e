using System.Globalization;
using System.Text;
using Xunit;

namespace SoftmaxNotebooks.Tests.Accuracy;

/// <summary>ε and the bottom of the normal range, per the issue: 2⁻⁵² and 2.2e−308 (double), 2⁻²³ and 1.2e−38 (float).</summary>
internal sealed record Precision(string Name, double Epsilon, double MinNormal)
{
    public static readonly Precision Double =
        new("double", Math.ScaleB(1.0, -52), BitConverter.Int64BitsToDouble(0x0010_0000_0000_0000));

    public static readonly Precision Single = new("float", Math.ScaleB(1.0, -23), BitConverter.Int32BitsToSingle(0x0080_0000));
}

/// <summary>
/// The condition bounds of issue 3 for one case. With a = max z over the live entries, s = softmax and
/// κ = Σ_j s_j·|z_j − a|; for a temperature T everything is measured on u = z/T (d_i = (z_i − a)/T), the LSE
/// bound is then scaled back by T. Weighted LSE gets an extra 8ε·1: each weight enters through one rounded
/// product w_i·e^{z_i − a}, a relative perturbation that moves log Σ by up to ε·Σ s_i = ε.
/// </summary>
internal sealed class Condition
{
    private Condition(ReferenceCase c, Precision precision)
    {
        Case = c;
        Precision = precision;
        Temperature = c.Temperature ?? 1.0;
        int n = c.Z.Length;
        A = double.NegativeInfinity;
        for (int i = 0; i < n; i++)
        {
            if (c.IsLive(i))
            {
                A = Math.Max(A, c.Z[i]);
            }
        }

        D = new double[n];
        double kappa = 0;
        for (int i = 0; i < n; i++)
        {
            D[i] = c.IsLive(i) ? Math.Abs((c.Z[i] - A) / Temperature) : double.PositiveInfinity;
            double s = c.Softmax[i].Magnitude;
            if (s > 0)
            {
                kappa += s * D[i];
            }
        }

        Kappa = kappa;
    }

    public ReferenceCase Case { get; }

    public Precision Precision { get; }

    public double Temperature { get; }

    /// <summary>a = max z over the live entries.</summary>
    public double A { get; }

    /// <summary>|u_i − a_u| = |z_i − a| / T, +∞ for removed entries.</summary>
    public double[] D { get; }

    /// <summary>κ = Σ s_j·|u_j − a_u|.</summary>
    public double Kappa { get; }

    private double Eps8 => 8 * Precision.Epsilon;

    public static Condition Of(ReferenceCase c, Precision precision) => new(c, precision);

    public double LseBound()
    {
        double weighted = Case.Weights is null ? 0 : 1;
        return Eps8 * (weighted + Math.Abs(A) + Case.Lse.Magnitude + (Temperature * Kappa));
    }

    public double SoftmaxBound(int i, ExactValue s) =>
        s.Magnitude == 0 ? 0 : Eps8 * s.Magnitude * (1 + D[i] + Kappa);

    public double LogSoftmaxBound(int i, ExactValue logSoftmax) =>
        Eps8 * (D[i] + logSoftmax.Magnitude + Kappa);

    public double CrossEntropyBound(double[] p, ExactValue h)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] > 0)
            {
                sum += p[i] * (D[i] + Case.LogSoftmax![i].Magnitude + Kappa);
            }
        }

        double magnitude = h.Magnitude;
        return (Eps8 * sum) + (4 * (Math.BitIncrement(magnitude) - magnitude));
    }

    public double GradientBound(int i, double[] p)
    {
        double s = Case.Softmax[i].Magnitude;
        double mass = s == 0 ? 0 : p.Sum() * s * (1 + D[i] + Kappa);
        return Eps8 * (mass + p[i]);
    }
}

/// <summary>Collects every value of one test that misses its bound and fails with the worst ones first.</summary>
internal sealed class AccuracyReport(string subject, Precision precision)
{
    private readonly List<Miss> misses = [];
    private int checkedValues;

    public AccuracyReport(ReferenceCase c, Precision precision)
        : this(Describe(c, precision), precision)
    {
    }

    /// <summary>
    /// |got − reference| ≤ bound, or ≤ the smallest normal number where the reference lies below the normal range.
    /// A reference beyond the format's range must be met exactly by the infinity it rounds to.
    /// </summary>
    /// <param name="output">The function and overload that produced the value.</param>
    /// <param name="input">The logit of an element-wise output, for the failure message; NaN for scalar outputs.</param>
    /// <param name="expected">The mpmath reference.</param>
    /// <param name="got">The kit's result (a float result widened exactly).</param>
    /// <param name="bound">The condition bound on |got − expected|.</param>
    public void Check(string output, double input, ExactValue expected, double got, double bound)
    {
        checkedValues++;
        double rounded = ReferenceEquals(precision, Precision.Single) ? (float)expected.Hi : expected.Hi;
        if (double.IsInfinity(rounded))
        {
            if (!got.Equals(rounded))
            {
                misses.Add(new Miss(output, input, expected.Text, got, double.PositiveInfinity, 0));
            }

            return;
        }

        double allowed = expected.Magnitude < precision.MinNormal ? Math.Max(bound, precision.MinNormal) : bound;
        double error = Math.Abs(expected.ErrorOf(got));
        if (!(error <= allowed))
        {
            misses.Add(new Miss(output, input, expected.Text, got, error, allowed));
        }
    }

    /// <summary>Masked or removed entries have exact results: softmax 0, log-softmax −∞, gradient 0.</summary>
    public void CheckExact(string output, double input, ExactValue expected, double got)
    {
        checkedValues++;
        if (!got.Equals(expected.Hi))
        {
            misses.Add(new Miss(output, input, expected.Text, got, double.PositiveInfinity, 0));
        }
    }

    public void ThrowIfAny()
    {
        if (misses.Count == 0)
        {
            Assert.True(checkedValues > 0, "no value was checked");
            return;
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture,
            $"{subject}: {misses.Count} of {checkedValues} values outside the condition bound. Worst first:");
        foreach (Miss m in misses.OrderByDescending(m => m.Error / m.Allowed).Take(8))
        {
            string at = double.IsNaN(m.Input) ? "" : $" at z = {R(m.Input)}";
            text.AppendLine().Append(CultureInfo.InvariantCulture,
                $"  {m.Output}{at}: expected {m.Expected}, got {R(m.Got)}, |error| {m.Error:E3}, bound {m.Allowed:E3}");
        }

        Assert.Fail(text.ToString());
    }

    private static string Describe(ReferenceCase c, Precision precision)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{precision.Name} case '{c.Name}' (n = {c.Z.Length}");
        if (c.Temperature is { } t)
        {
            text.Append(CultureInfo.InvariantCulture, $", T = {R(t)}");
        }

        if (c.Z.Length <= 10)
        {
            text.Append(CultureInfo.InvariantCulture, $", z = [{string.Join(", ", c.Z.Select(R))}]");
            if (c.Weights is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $", w = [{string.Join(", ", c.Weights.Select(R))}]");
            }

            if (c.P is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $", p = [{string.Join(", ", c.P.Select(R))}]");
            }
        }

        return text.Append(')').ToString();
    }

    private static string R(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private sealed record Miss(string Output, double Input, string Expected, double Got, double Error, double Allowed);
}
