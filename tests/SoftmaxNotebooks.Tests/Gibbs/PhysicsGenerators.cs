using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace SoftmaxNotebooks.Tests.Physics;

/// <summary>
/// A random spectrum: 1–40 levels, energy scale 1e−6 … 1e6, optional ties and degeneracies, and a dimensionless
/// b = β·scale in [−30, 30] (sometimes 0). Offset = 0 or a few scales, so that finite differences of log Z are meaningful.
/// </summary>
public sealed record RandomSpectrum(double[] Energies, double[]? Degeneracies, double Scale, double Beta, int Seed)
{
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"E=[{string.Join(", ", Energies.Select(e => e.ToString("R", CultureInfo.InvariantCulture)))}], g={(Degeneracies is null ? "null" : "[" + string.Join(", ", Degeneracies.Select(e => e.ToString("R", CultureInfo.InvariantCulture))) + "]")}, β={Beta.ToString("R", CultureInfo.InvariantCulture)}");
}

public static class PhysicsGenerators
{
    private static readonly double[] Scales = [1e-6, 1e-3, 0.1, 1, 1, 1, 7, 100, 1e3, 1e6];

    public static RandomSpectrum Spectrum(Random r)
    {
        int n = r.NextDouble() < 0.1 ? 1 : r.Next(2, 41);
        double scale = Scales[r.Next(Scales.Length)];
        double offset = scale * (r.Next(3) switch { 0 => 0, 1 => r.Next(-5, 6), _ => 2 * r.NextDouble() - 1 });
        var e = new double[n];
        for (int i = 0; i < n; i++)
        {
            e[i] = i > 0 && r.NextDouble() < 0.15 ? e[r.Next(i)] : offset + (scale * r.NextDouble());
        }

        double[]? g = r.Next(3) switch
        {
            0 => null,
            1 => Enumerable.Range(0, n).Select(_ => (double)r.Next(1, 50)).ToArray(),
            _ => Enumerable.Range(0, n).Select(_ => Math.Exp(6 * r.NextDouble() - 3)).ToArray(),
        };
        double span = n == 1 ? scale : e.Max() - e.Min();
        if (span == 0)
        {
            span = scale;
        }

        double b = r.Next(8) == 0 ? 0 : 60 * r.NextDouble() - 30;
        return new RandomSpectrum(e, g, span, b / span, r.Next());
    }

    public static Arbitrary<RandomSpectrum> RandomSpectrumArbitrary() =>
        Arb.From(Gen.Choose(int.MinValue, int.MaxValue).Select(seed => Spectrum(new Random(seed))));
}
