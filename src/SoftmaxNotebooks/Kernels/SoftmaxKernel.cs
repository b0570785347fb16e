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

        result = CombineBlocks(((ReadOnlySpan<T>)maxima)[..blocks], ((ReadOnlySpan<T>)tails)[..blocks], temperature,
            scaled);
        return true;
    }

    /// <summary>a + T·log1p(s) from the block maxima m_b and tails s_b: the pivot block k is the first with the largest
    /// maximum a, and s = s_k + Σ_{b≠k} e^{(m_b − a)/T}·(1 + s_b), compensated, in index order.</summary>
    private static T CombineBlocks<T>(ReadOnlySpan<T> maxima, ReadOnlySpan<T> tails, T temperature, bool scaled)
        where T : IFloatingPointIeee754<T>
    {
        T a = T.NegativeInfinity;
        int pivotBlock = -1;
        for (int b = 0; b < maxima.Length; b++)
        {
            if (maxima[b] > a)
            {
                a = maxima[b];
                pivotBlock = b;
            }
        }

        if (pivotBlock < 0)
        {
            return T.NegativeInfinity;
        }

        var sum = new CompensatedSum<T>();
        sum.Add(tails[pivotBlock]);
        for (int b = 0; b < maxima.Length; b++)
        {
            if (b != pivotBlock && !T.IsNegativeInfinity(maxima[b]))
            {
                T d = maxima[b] - a;
                sum.Add(T.Exp(scaled ? d / temperature : d) * (T.One + tails[b]));
            }
        }

        T tail = Log1P(sum.Total);
        return scaled ? a + temperature * tail : a + tail;
    }

    /// <summary>The opt-in multi-threaded LSE; <see cref="Parallelism.Serial"/> is <see cref="LogSumExp{T}(ReadOnlySpan{T}, T, bool, string, int)"/>.</summary>
    public static T LogSumExp<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Parallelism parallelism,
        string paramName) where T : IFloatingPointIeee754<T>
    {
        int blockLength = BlockBytes / Unsafe.SizeOf<T>();
        if (!parallelism.IsSerial && z.Length > 2 * blockLength
            && (typeof(T) == typeof(double) || typeof(T) == typeof(float))
            && TryParallelBlockedLogSumExp(z, blockLength, temperature, scaled, parallelism.MaxThreads, out T result))
        {
            return result;
        }

        return LogSumExp(z, temperature, scaled, paramName);
    }

    /// <summary>
    /// The blocks of <see cref="TryBlockedLogSumExp"/>, each reduced on whichever thread takes it: m_b by
    /// TensorPrimitives.Max and s_b by the same two <see cref="ExpSum"/> calls (before and after the block's first
    /// maximum) as the serial loop, whose look-ahead maximum changes no sum. So every block's values, and then their
    /// combination, are those of the serial path, for any thread count and any length.
    /// </summary>
    /// <returns>false when a block holds NaN or +∞ (the serial path then reports it).</returns>
    private static unsafe bool TryParallelBlockedLogSumExp<T>(ReadOnlySpan<T> z, int blockLength, T temperature,
        bool scaled, int threads, out T result) where T : IFloatingPointIeee754<T>
    {
        int blocks = (int)(((long)z.Length + blockLength - 1) / blockLength);
        var maxima = new T[blocks];
        var tails = new T[blocks];
        int rejected = 0;
        int length = z.Length;
        // Pinned for the duration of Parallel.For, which returns only when every block is done; the workers see z
        // through its address because a span cannot be captured.
        fixed (byte* pinned = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(z)))
        {
            nint address = (nint)pinned;
            void Reduce(int b)
            {
                int start = b * blockLength;
                var block = new ReadOnlySpan<T>((void*)(address + ((nint)start * Unsafe.SizeOf<T>())),
                    Math.Min(blockLength, length - start));
                T m = TensorPrimitives.Max(block);
                maxima[b] = m;
                if (T.IsNaN(m) || T.IsPositiveInfinity(m))
                {
                    Volatile.Write(ref rejected, 1);
                    return;
                }

                if (T.IsNegativeInfinity(m))
                {
                    return;
                }

                int k = ExpSum.IndexOf(block, m);
                var blockSum = new CompensatedSum<T>();
                ExpSum.Add(ref blockSum, block[..k], m, temperature, scaled, default);
                ExpSum.Add(ref blockSum, block[(k + 1)..], m, temperature, scaled, default);
                tails[b] = blockSum.Total;
            }

            if (threads == 1)
            {
                for (int b = 0; b < blocks; b++)
                {
                    Reduce(b);
                }
            }
            else
            {
                Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, Reduce);
            }
        }

        if (Volatile.Read(ref rejected) != 0)
        {
            result = T.NaN;
            return false;
        }

        result = CombineBlocks<T>(maxima, tails, temperature, scaled);
        return true;
    }

    /// <summary>The opt-in multi-threaded softmax; <see cref="Parallelism.Serial"/>, short inputs, other types and
    /// +∞ entries take the serial kernel.</summary>
    public static void Softmax<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Parallelism parallelism,
        Span<T> destination, string paramName) where T : IFloatingPointIeee754<T>
    {
        int blockLength = BlockBytes / Unsafe.SizeOf<T>();
        if (parallelism.IsSerial || z.Length <= 2 * blockLength || !(typeof(T) == typeof(double) || typeof(T) == typeof(float)))
        {
            Softmax(z, temperature, scaled, destination, paramName);
            return;
        }

        Pivot<T> pivot = FindPivot(z, paramName);
        if (pivot.HasNoOutcome)
        {
            ThrowHelper.ThrowNoOutcomes(paramName, -1);
        }

        if (pivot.InfinityCount > 0)
        {
            Softmax(z, pivot, temperature, scaled, destination);
            return;
        }

        ParallelSoftmax(z, pivot, temperature, scaled, parallelism.MaxThreads, blockLength, destination);
    }

    /// <summary>
    /// e^{(z_i − a)/T} into destination and its compensated sum per fixed block (the pivot's own term, exactly 1,
    /// left out as in <see cref="SumExp"/>), the block sums added in index order on the calling thread, then the
    /// division per block. Every term has the serial kernel's roundings; only s is summed in another order, so the
    /// result is the same for any thread count and within an ulp or two of the serial one.
    /// </summary>
    private static unsafe void ParallelSoftmax<T>(ReadOnlySpan<T> z, in Pivot<T> pivot, T temperature, bool scaled,
        int threads, int blockLength, Span<T> destination) where T : IFloatingPointIeee754<T>
    {
        int blocks = (int)(((long)z.Length + blockLength - 1) / blockLength);
        var sums = new T[blocks];
        int length = z.Length;
        int k = pivot.Index;
        T a = pivot.Max;
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        fixed (byte* input = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(z)))
        fixed (byte* output = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(destination)))
        {
            nint from = (nint)input, to = (nint)output;
            int size = Unsafe.SizeOf<T>();
            Parallel.For(0, blocks, options, b =>
            {
                int start = b * blockLength;
                int count = Math.Min(blockLength, length - start);
                var x = new ReadOnlySpan<T>((void*)(from + ((nint)start * size)), count);
                var d = new Span<T>((void*)(to + ((nint)start * size)), count);
                var sum = new CompensatedSum<T>();
                int local = k - start;
                if (local >= 0 && local < count)
                {
                    ExpSum.Add(ref sum, x[..local], a, temperature, scaled, d[..local]);
                    ExpSum.Add(ref sum, x[(local + 1)..], a, temperature, scaled, d[(local + 1)..]);
                    d[local] = T.One;
                }
                else
                {
                    ExpSum.Add(ref sum, x, a, temperature, scaled, d);
                }

                sums[b] = sum.Total;
            });

            var total = new CompensatedSum<T>();
            foreach (T blockSum in sums)
            {
                total.Add(blockSum);
            }

            T denominator = T.One + total.Total;
            Parallel.For(0, blocks, options, b =>
            {
                int start = b * blockLength;
                var d = new Span<T>((void*)(to + ((nint)start * size)), Math.Min(blockLength, length - start));
                TensorPrimitives.Divide(d, denominator, d);
            });
        }
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
