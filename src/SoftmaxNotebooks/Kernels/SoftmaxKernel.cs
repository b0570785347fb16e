using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SoftmaxNotebooks.Kernels;

/// <summary>The largest entry of a logit vector: where it is, its value, and how many entries are +∞.</summary>
/// <param name="Index">Index of the first maximum, or −1 for an empty vector.</param>
/// <param name="Max">The maximum a; −∞ when the vector is empty or fully masked.</param>
/// <param name="InfinityCount">Number of +∞ entries (0 unless <paramref name="Max"/> is +∞).</param>
internal readonly record struct Pivot<T>(int Index, T Max, int InfinityCount) where T : IFloatingPointIeee754<T>
{
    /// <summary>No finite or +∞ entry: the vector is empty or every entry is a −∞ mask.</summary>
    public bool HasNoOutcome => Index < 0 || T.IsNegativeInfinity(Max);
}

/// <summary>What a softmax evaluation leaves behind for the derivative kernels.</summary>
/// <param name="PivotIndex">The index k of the (first) largest entry.</param>
/// <param name="PivotComplement">1 − s_k computed without cancellation (s/(1+s), or (c−1)/c with c infinite entries).</param>
internal readonly record struct SoftmaxResult<T>(int PivotIndex, T PivotComplement);

/// <summary>
/// The Blanchard–Higham–Higham kernels. With a = z_k the maximum and s = Σ_{i≠k} e^{(z_i−a)/T}:
/// LSE = a + T·log1p(s), softmax_i = e^{(z_i−a)/T}/(1+s), log-softmax_i = (z_i−a)/T − log1p(s).
/// Shifting before dividing by T keeps every intermediate finite whenever the result is; the exponentials are
/// formed and summed with lane-wise compensation in one fused pass (<see cref="ExpSum"/>).
/// </summary>
internal static partial class SoftmaxKernel
{
    public static Pivot<T> FindPivot<T>(ReadOnlySpan<T> z, string paramName, int row = -1)
        where T : IFloatingPointIeee754<T>
    {
        if (z.IsEmpty)
        {
            return new Pivot<T>(-1, T.NegativeInfinity, 0);
        }

        // Max propagates NaN, so one vectorised pass both validates and finds a; the first index holding a (found by
        // an early-exit vector search) is faster than IndexOfMax, which tracks indices in every lane.
        T a = TensorPrimitives.Max(z);
        if (T.IsNaN(a))
        {
            ThrowHelper.ThrowNaN(paramName, row, FirstNaN(z));
        }

        int k = ExpSum.IndexOf(z, a);

        int infinities = 0;
        if (T.IsPositiveInfinity(a))
        {
            for (int i = k; i < z.Length; i++)
            {
                if (T.IsPositiveInfinity(z[i]))
                {
                    infinities++;
                }
            }
        }

        return new Pivot<T>(k, a, infinities);
    }

    private static int FirstNaN<T>(ReadOnlySpan<T> z) where T : IFloatingPointIeee754<T>
    {
        int i = 0;
        while (!T.IsNaN(z[i]))
        {
            i++;
        }

        return i;
    }

    public static void ValidateTemperature<T>(T temperature, string paramName = "temperature")
        where T : IFloatingPointIeee754<T>
    {
        if (!(temperature > T.Zero) || !T.IsFinite(temperature))
        {
            ThrowHelper.ThrowTemperature(temperature, paramName);
        }
    }

    /// <summary>Rejects a destination of the wrong length or one that overlaps the input other than exactly.</summary>
    public static void CheckDestination<T>(ReadOnlySpan<T> input, Span<T> destination, string inputName,
        string destinationName = "destination")
    {
        if (destination.Length != input.Length)
        {
            ThrowHelper.ThrowDestinationLength(input.Length, destination.Length, destinationName);
        }

        if (input.Overlaps(destination, out int offset) && offset != 0)
        {
            ThrowHelper.ThrowPartialOverlap(destinationName, inputName);
        }
    }

    /// <summary>log(1 + x) for x ≥ −½ to a few ulp: the factor x/(u − 1) undoes the rounding of u = 1 + x (u − 1 is
    /// exact, and log(u)/(u − 1) varies slowly).</summary>
    /// <remarks>The BCL's <c>double.LogP1</c> evaluates log(1 + x) directly and returns 0 for x below ε/2.</remarks>
    public static T Log1P<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T u = T.One + x;
        if (u == T.One)
        {
            return x;
        }

        if (T.IsPositiveInfinity(u))
        {
            return T.Log(x);
        }

        return T.Log(u) * (x / (u - T.One));
    }

    /// <summary>
    /// s = Σ_{i≠k} e^{(z_i − a)/T}, fused (<see cref="ExpSum"/>). With a non-empty <paramref name="terms"/> (as long as
    /// z, or z itself) the exponentials are also written there, 1 at k.
    /// </summary>
    public static T SumExp<T>(ReadOnlySpan<T> z, in Pivot<T> pivot, T temperature, bool scaled, Span<T> terms)
        where T : IFloatingPointIeee754<T>
    {
        // The pivot's own term is exactly 1 and is the "1 +" of log1p; leaving it out of s keeps s's low bits.
        int k = pivot.Index;
        bool keep = !terms.IsEmpty;
        var sum = new CompensatedSum<T>();
        ExpSum.Add(ref sum, z[..k], pivot.Max, temperature, scaled, keep ? terms[..k] : default);
        ExpSum.Add(ref sum, z[(k + 1)..], pivot.Max, temperature, scaled, keep ? terms[(k + 1)..] : default);
        if (keep)
        {
            terms[k] = T.One;
        }

        return sum.Total;
    }

    /// <summary>log1p(s) for a finite pivot; nothing is stored.</summary>
    public static T LogOnePlusTail<T>(ReadOnlySpan<T> z, in Pivot<T> pivot, T temperature, bool scaled)
        where T : IFloatingPointIeee754<T> =>
        Log1P(SumExp(z, pivot, temperature, scaled, Span<T>.Empty));

    /// <summary>The checks of every entry below: a positive finite temperature where it divides
    /// (<paramref name="scaled"/>), and a destination as long as z that is z itself or apart from it.</summary>
    private static void Validate<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Span<T> destination, string paramName)
        where T : IFloatingPointIeee754<T>
    {
        if (scaled)
        {
            ValidateTemperature(temperature);
        }

        CheckDestination(z, destination, paramName);
    }

    /// <remarks>The entries (LSE, softmax and log-softmax, serial and parallel) validate their own arguments with
    /// <see cref="Validate"/>, so each public overload is one call.</remarks>
    public static T LogSumExp<T>(ReadOnlySpan<T> z, T temperature, bool scaled, string paramName, int row = -1)
        where T : IFloatingPointIeee754<T>
    {
        if (scaled)
        {
            ValidateTemperature(temperature);
        }

        if (IsBlocked<T>(z.Length) && TryBlockedLogSumExp(z, temperature, scaled, out T blocked))
        {
            return blocked;
        }

        Pivot<T> pivot = FindPivot(z, paramName, row);
        if (pivot.HasNoOutcome || T.IsPositiveInfinity(pivot.Max))
        {
            return pivot.Max;
        }

        T tail = LogOnePlusTail(z, pivot, temperature, scaled);
        return scaled ? pivot.Max + temperature * tail : pivot.Max + tail;
    }

    public static SoftmaxResult<T> Softmax<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Span<T> destination,
        string paramName, int row = -1) where T : IFloatingPointIeee754<T>
    {
        Validate(z, temperature, scaled, destination, paramName);
        if (IsBlocked<T>(z.Length) && TryBlockedSoftmax(z, temperature, scaled, destination, paramName, row,
            out SoftmaxResult<T> blocked))
        {
            return blocked;
        }

        Pivot<T> pivot = FindPivot(z, paramName, row);
        if (pivot.HasNoOutcome)
        {
            ThrowHelper.ThrowNoOutcomes(paramName, row);
        }

        return Softmax(z, pivot, temperature, scaled, destination);
    }

    /// <summary>Softmax for a pivot already found, which must have an outcome.</summary>
    public static SoftmaxResult<T> Softmax<T>(ReadOnlySpan<T> z, in Pivot<T> pivot, T temperature, bool scaled,
        Span<T> destination) where T : IFloatingPointIeee754<T>
    {
        if (pivot.InfinityCount > 0)
        {
            T count = T.CreateTruncating(pivot.InfinityCount);
            T share = T.One / count;
            for (int i = 0; i < z.Length; i++)
            {
                destination[i] = T.IsPositiveInfinity(z[i]) ? share : T.Zero;
            }

            return new SoftmaxResult<T>(pivot.Index, (count - T.One) / count);
        }

        T s = SumExp(z, pivot, temperature, scaled, destination);
        T denominator = T.One + s;
        ExpSum.Scale(destination, denominator, divide: true);
        return new SoftmaxResult<T>(pivot.Index, s / denominator);
    }

    public static void LogSoftmax<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Span<T> destination,
        string paramName, int row = -1) where T : IFloatingPointIeee754<T>
    {
        Validate(z, temperature, scaled, destination, paramName);
        if (IsBlocked<T>(z.Length) && TryBlockedLogSoftmax(z, temperature, scaled, destination, paramName, row))
        {
            return;
        }

        Pivot<T> pivot = FindPivot(z, paramName, row);
        if (pivot.HasNoOutcome)
        {
            ThrowHelper.ThrowNoOutcomes(paramName, row);
        }

        if (pivot.InfinityCount > 0)
        {
            T logShare = -T.Log(T.CreateTruncating(pivot.InfinityCount));
            for (int i = 0; i < z.Length; i++)
            {
                destination[i] = T.IsPositiveInfinity(z[i]) ? logShare : T.NegativeInfinity;
            }

            return;
        }

        // The tail is summed before anything is written: destination may be z itself.
        T tail = LogOnePlusTail(z, pivot, temperature, scaled);
        ExpSum.ShiftedLogits(z, pivot.Max, temperature, scaled, tail, destination);
    }
}
