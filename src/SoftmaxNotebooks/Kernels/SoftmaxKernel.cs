using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

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
internal static class SoftmaxKernel
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

    /// <summary>log(1 + x) for x ≥ 0 to a few ulp: the factor x/(u − 1) undoes the rounding of u = 1 + x.</summary>
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

    public static T LogSumExp<T>(ReadOnlySpan<T> z, T temperature, bool scaled, string paramName, int row = -1)
        where T : IFloatingPointIeee754<T>
    {
        int blockLength = BlockBytes / Unsafe.SizeOf<T>();
        if (z.Length > 2 * blockLength && z.Length <= MaxBlocks * blockLength
            && TryBlockedLogSumExp(z, blockLength, temperature, scaled, out T blocked))
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

    /// <summary>Bytes per block of the blocked LSE: a quarter of the 2 MiB L2 of the benchmark machine (faster than
    /// 2²⁰ bytes there), so a block read alongside the previous one is still in cache for its own exp pass.</summary>
    private const int BlockBytes = 1 << 19;

    /// <summary>Per-block results kept on the stack; longer inputs (above 16.7 M doubles) take the two full passes.</summary>
    private const int MaxBlocks = 256;

    [InlineArray(MaxBlocks)]
    private struct BlockValues<T>
    {
        private T _element0;
    }

    /// <summary>
    /// LSE of a long vector with one read of it from memory: for each block b, m_b = its maximum (taken while the
    /// previous block's exponentials are summed, which also brings the block into cache) and s_b = Σ e^{(z_i − m_b)/T} over the block without its first maximum, so the block's
    /// total is 1 + s_b. With a = m_k the largest (first) block maximum,
    /// s = s_k + Σ_{b≠k} e^{(m_b − a)/T}·(1 + s_b) (compensated) and LSE = a + T·log1p(s): the pivot, a and s are
    /// those of the unblocked formula. Each term's exponent gains one rounding per subtraction, at most
    /// ε(|z_i − m_b| + |m_b − a|) ≤ 2ε|z_i − a|, and each block total one rounding of its factor: within the 8ε bound.
    /// The block totals are combined once at the end, never rescaled as the maximum grows.
    /// </summary>
    /// <returns>false, having computed nothing final, when a block holds NaN or +∞: the unblocked path then finds the
    /// first NaN's index or returns +∞, exactly as for short inputs.</returns>
    private static bool TryBlockedLogSumExp<T>(ReadOnlySpan<T> z, int blockLength, T temperature, bool scaled,
        out T result) where T : IFloatingPointIeee754<T>
    {
        var maxima = new BlockValues<T>();
        var tails = new BlockValues<T>();
        T a = T.NegativeInfinity;
        int pivotBlock = -1;
        int blocks = 0;
        // Each block's maximum comes from the previous block's exp pass (ExpSum.AddWithMaxAhead), so z is read from
        // memory once, by loads that overlap the exp arithmetic; only the first block has a pass of its own.
        T m = TensorPrimitives.Max(z[..blockLength]);
        for (int start = 0; start < z.Length; start += blockLength, blocks++)
        {
            ReadOnlySpan<T> block = z.Slice(start, Math.Min(blockLength, z.Length - start));
            int nextStart = start + block.Length;
            ReadOnlySpan<T> next = z.Slice(nextStart, Math.Min(blockLength, z.Length - nextStart));
            if (T.IsNaN(m) || T.IsPositiveInfinity(m))
            {
                result = T.NaN;
                return false;
            }

            maxima[blocks] = m;
            tails[blocks] = T.Zero;
            if (T.IsNegativeInfinity(m))
            {
                m = next.IsEmpty ? T.NegativeInfinity : TensorPrimitives.Max(next);
                continue;
            }

            if (m > a)
            {
                a = m;
                pivotBlock = blocks;
            }

            // The pivot's own term is the block's "1 +"; the next block is split at the same offset, so every
            // element of it is read alongside one of this block's (at most one, under the pivot, is left over).
            int k = ExpSum.IndexOf(block, m);
            int split = Math.Min(k, next.Length);
            ReadOnlySpan<T> after = block[(k + 1)..];
            int rest = Math.Min(after.Length, next.Length - split);
            var blockSum = new CompensatedSum<T>();
            T nextMax = ExpSum.AddWithMaxAhead(ref blockSum, block[..k], m, temperature, scaled, next[..split]);
            nextMax = T.Max(nextMax, ExpSum.AddWithMaxAhead(ref blockSum, after, m, temperature, scaled,
                next.Slice(split, rest)));
            if (split + rest < next.Length)
            {
                nextMax = T.Max(nextMax, TensorPrimitives.Max(next[(split + rest)..]));
            }

            tails[blocks] = blockSum.Total;
            m = nextMax;
        }

        if (pivotBlock < 0)
        {
            result = T.NegativeInfinity;
            return true;
        }

        var sum = new CompensatedSum<T>();
        sum.Add(tails[pivotBlock]);
        for (int b = 0; b < blocks; b++)
        {
            if (b != pivotBlock && !T.IsNegativeInfinity(maxima[b]))
            {
                T d = maxima[b] - a;
                sum.Add(T.Exp(scaled ? d / temperature : d) * (T.One + tails[b]));
            }
        }

        T tail = Log1P(sum.Total);
        result = scaled ? a + temperature * tail : a + tail;
        return true;
    }

    public static SoftmaxResult<T> Softmax<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Span<T> destination,
        string paramName, int row = -1) where T : IFloatingPointIeee754<T>
    {
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
        TensorPrimitives.Divide(destination, denominator, destination);
        return new SoftmaxResult<T>(pivot.Index, s / denominator);
    }

    public static void LogSoftmax<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Span<T> destination,
        string paramName, int row = -1) where T : IFloatingPointIeee754<T>
    {
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
