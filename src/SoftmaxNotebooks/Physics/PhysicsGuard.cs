using System.Globalization;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SoftmaxNotebooks;

/// <summary>The one place the physics half of the kit validates its inputs and words its exceptions.</summary>
internal static class PhysicsGuard
{
    public static string Format(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    public static string Format(FormattableString message) => message.ToString(CultureInfo.InvariantCulture);

    /// <summary>Copies a spectrum after checking it: not empty, every energy finite, a finite span.</summary>
    public static double[] Energies(double[] energies, string paramName, out double min, out double max)
    {
        ArgumentNullException.ThrowIfNull(energies, paramName);
        if (energies.Length == 0)
        {
            throw new ArgumentException("The spectrum is empty; at least one energy level is required.", paramName);
        }

        // Vectorised min/max propagate NaN, so the slow scan for the offending index runs only on bad input.
        var copy = GC.AllocateUninitializedArray<double>(energies.Length);
        CopyWithExtremes(energies, copy, out min, out max);
        if (!double.IsFinite(min) || !double.IsFinite(max))
        {
            int i = Array.FindIndex(copy, e => !double.IsFinite(e));
            throw new ArgumentException(
                Format($"{paramName}[{i}] is {Format(copy[i])}; every energy must be finite (leave a level out instead of giving it an infinite energy)."),
                paramName);
        }

        if (!double.IsFinite(max - min))
        {
            throw new ArgumentException(
                Format($"The energies span [{Format(min)}, {Format(max)}], a range wider than the largest double; rescale the energies."),
                paramName);
        }

        return copy;
    }

    // One read of the input instead of three (copy, min, max): a solve on 10⁶ levels costs only a few passes, so these
    // count. Vector Min/Max order −0 below +0 and propagate NaN, as TensorPrimitives.Min/Max do.
    private static void CopyWithExtremes(double[] source, double[] destination, out double min, out double max)
    {
        int i = 0;
        min = double.PositiveInfinity;
        max = double.NegativeInfinity;
        ref double rs = ref MemoryMarshal.GetArrayDataReference(source);
        ref double rd = ref MemoryMarshal.GetArrayDataReference(destination);
        if (Vector256.IsHardwareAccelerated && source.Length >= Vector256<double>.Count)
        {
            var vmin = Vector256.Create(double.PositiveInfinity);
            var vmax = Vector256.Create(double.NegativeInfinity);
            for (; i <= source.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var x = Vector256.LoadUnsafe(ref rs, (nuint)i);
                x.StoreUnsafe(ref rd, (nuint)i);
                vmin = Vector256.Min(vmin, x);
                vmax = Vector256.Max(vmax, x);
            }

            for (int lane = 0; lane < Vector256<double>.Count; lane++)
            {
                min = Math.Min(min, vmin[lane]);
                max = Math.Max(max, vmax[lane]);
            }
        }

        for (; i < source.Length; i++)
        {
            double x = source[i];
            destination[i] = x;
            min = Math.Min(min, x);
            max = Math.Max(max, x);
        }
    }

    /// <summary>Copies degeneracies after checking them (finite, &gt; 0, one per level); null means all 1.</summary>
    public static double[]? Degeneracies(double[]? degeneracies, int count, string paramName, out double[]? logDegeneracies)
    {
        logDegeneracies = null;
        if (degeneracies is null)
        {
            return null;
        }

        if (degeneracies.Length != count)
        {
            throw new ArgumentException(
                Format($"{paramName} has {degeneracies.Length} entries but the spectrum has {count} levels; give one degeneracy per level."),
                paramName);
        }

        var copy = new double[count];
        var logs = new double[count];
        bool allOne = true;
        for (int i = 0; i < count; i++)
        {
            double g = degeneracies[i];
            if (!(g > 0) || !double.IsFinite(g))
            {
                throw new ArgumentException(
                    Format($"{paramName}[{i}] is {Format(g)}; degeneracies must be finite and > 0 (remove a level rather than giving it degeneracy 0)."),
                    paramName);
            }

            copy[i] = g;
            logs[i] = Math.Log(g);
            allOne &= g == 1.0;
        }

        if (!allOne)
        {
            logDegeneracies = logs;
        }

        return copy;
    }

    public static void NotNaN(double value, string paramName)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException(Format($"{paramName} is NaN."), paramName);
        }
    }
}
