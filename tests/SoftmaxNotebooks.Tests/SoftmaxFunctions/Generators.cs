using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace SoftmaxNotebooks.Tests.Core;

/// <summary>A logit vector drawn to reach extreme magnitudes, ties and −∞ masks (at least one entry finite).</summary>
public sealed record Logits(double[] Values)
{
    public override string ToString() =>
        "[" + string.Join(", ", Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";
}

/// <summary>Logits of moderate size (|z| ≤ 20, no masks unless asked), where finite differences are meaningful.</summary>
public sealed record ModerateLogits(double[] Values)
{
    public override string ToString() =>
        "[" + string.Join(", ", Values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "]";
}

/// <summary>A seed for auxiliary random draws inside a property (shift constants, tangent vectors, targets).</summary>
public sealed record Seed(int Value);

/// <summary>A scalar anywhere on the double line, infinities included, NaN excluded.</summary>
public sealed record AnyReal(double Value)
{
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
}

public static class Generators
{
    private static readonly double[] Scales =
        [1e-12, 1e-6, 1e-3, 1, 1, 3, 10, 30, 100, 700, 1e4, 1e10, 1e100, 1e300];

    private static readonly double[] Offsets = [0, 0, 0, 1, -50, 1e5, -1e5, 1e15];

    public static int Length(Random random)
    {
        double u = random.NextDouble();
        return u < 0.6 ? random.Next(1, 9) : u < 0.95 ? random.Next(9, 65) : random.Next(65, 700);
    }

    public static double[] LogitVector(Random random, int length, bool masks = true)
    {
        double scale = Scales[random.Next(Scales.Length)];
        double offset = scale <= 1e10 ? Offsets[random.Next(Offsets.Length)] : 0;
        double maskRate = masks && random.NextDouble() < 0.3 ? 0.25 : 0;
        double tieRate = random.NextDouble() < 0.3 ? 0.3 : 0.02;
        var z = new double[length];
        for (int i = 0; i < length; i++)
        {
            z[i] = i > 0 && random.NextDouble() < tieRate
                ? z[random.Next(i)]
                : random.NextDouble() < maskRate
                    ? double.NegativeInfinity
                    : offset + scale * (2 * random.NextDouble() - 1);
        }

        if (z.All(double.IsNegativeInfinity))
        {
            z[random.Next(length)] = offset;
        }

        return z;
    }

    public static double[] ModerateVector(Random random, int length)
    {
        double scale = random.NextDouble() < 0.5 ? 3 : 20;
        var z = new double[length];
        for (int i = 0; i < length; i++)
        {
            z[i] = i > 0 && random.NextDouble() < 0.1 ? z[i - 1] : scale * (2 * random.NextDouble() - 1);
        }

        return z;
    }

    private static Gen<Random> Randoms() =>
        Gen.Choose(int.MinValue, int.MaxValue).Select(seed => new Random(seed));

    public static Arbitrary<Logits> LogitsArbitrary() =>
        Arb.From(Randoms().Select(r => new Logits(LogitVector(r, Length(r)))));

    public static Arbitrary<ModerateLogits> ModerateLogitsArbitrary() =>
        Arb.From(Randoms().Select(r => new ModerateLogits(ModerateVector(r, r.Next(1, 12)))));

    public static Arbitrary<Seed> SeedArbitrary() => Arb.From(Gen.Choose(int.MinValue, int.MaxValue).Select(s => new Seed(s)));

    public static Arbitrary<AnyReal> AnyRealArbitrary() => Arb.From(Randoms().Select(r => new AnyReal(
        r.Next(12) switch
        {
            0 => double.PositiveInfinity,
            1 => double.NegativeInfinity,
            2 => 0.0,
            3 => BitConverter.Int64BitsToDouble(r.NextInt64(1, 1L << 52)) * (r.Next(2) == 0 ? 1 : -1),
            4 => (2 * r.NextDouble() - 1) * double.MaxValue,
            5 => (2 * r.NextDouble() - 1) * 1e-300,
            _ => (2 * r.NextDouble() - 1) * Math.Pow(10, r.Next(-20, 20)),
        })));
}

/// <summary>Tolerances from the issue's condition bounds.</summary>
public static class Bounds
{
    public const double Epsilon = 2.220446049250313e-16;      // 2^-52
    public const float EpsilonF = 1.1920929e-7f;               // 2^-23
    public const double MinNormal = 2.2250738585072014e-308;

    /// <summary>κ = Σ_j s_j·|z_j − a| from an independent scalar softmax (masked entries contribute 0).</summary>
    public static double Kappa(double[] z)
    {
        double a = z.Max();
        if (double.IsPositiveInfinity(a))
        {
            return 0;
        }

        double[] e = z.Select(v => Math.Exp(v - a)).ToArray();
        double total = e.Sum();
        double kappa = 0;
        for (int i = 0; i < z.Length; i++)
        {
            if (e[i] > 0)
            {
                kappa += e[i] / total * (a - z[i]);
            }
        }

        return kappa;
    }

    /// <summary>Reference log-sum-exp by an independent scalar path (Math.Exp, Neumaier sum) for finite-maximum input.</summary>
    public static double ReferenceLogSumExp(double[] z)
    {
        double a = z.Max();
        int k = Array.IndexOf(z, a);
        double sum = 0, compensation = 0;
        for (int i = 0; i < z.Length; i++)
        {
            if (i == k)
            {
                continue;
            }

            double x = Math.Exp(z[i] - a);
            double t = sum + x;
            compensation += Math.Abs(sum) >= x ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }

        double s = sum + compensation;
        double u = 1 + s;
        double log1p = u == 1 ? s : Math.Log(u) * s / (u - 1);
        return a + log1p;
    }
}
