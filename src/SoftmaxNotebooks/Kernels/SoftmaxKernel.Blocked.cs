using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SoftmaxNotebooks.Kernels;

/// <summary>
/// The kernels for long vectors, in fixed blocks of <see cref="BlockBytes"/> bytes. Per block b: its maximum m_b, the
/// index k_b of its first maximum, and s_b = Σ_{i≠k_b} e^{(z_i − m_b)/T}, so the block's total is 1 + s_b. With a = m_p
/// the largest block maximum (the first such block p), s = s_p + Σ_{b≠p} e^{(m_b − a)/T}·(1 + s_b), compensated, in
/// index order: the pivot, a and s of the unblocked formula, and one read of z from memory.
/// </summary>
/// <remarks>
/// <para>The serial pass takes the maximum of block b + 1 in the same vector loop as block b's exponentials
/// (<see cref="ExpSum.AddWithMaxAhead"/>), so the loads from memory overlap the exp arithmetic and each block is in
/// cache for its own exp pass. The parallel pass reduces each block on whichever thread takes it, with the same
/// <see cref="ExpSum"/> calls (the look-ahead maximum changes no sum): every block's numbers, and so the result, are
/// the same for any thread count.</para>
/// <para>Softmax stores e^{(z_i − m_b)/T} in the destination during that pass (1 at k_b) and, once a and s are known,
/// multiplies each block by e^{(m_b − a)/T}/(1 + s) (divides by 1 + s where m_b = a), last block first, while it is
/// likely still in cache: z is read once and the destination written once and rescaled once. Each probability then
/// has the roundings of z_i − m_b and m_b − a, whose magnitudes add up to |z_i − a| (z_i ≤ m_b ≤ a), and of one exp,
/// one division and one product more than the unblocked formula: relative error ≲ 4ε + ε|z_i − a|/T, inside the
/// bound 8ε·(1 + |z_i − a| + κ). A factor below the normal range is itself rounded in absolute terms, so every
/// probability it scales is below the normal range too, with absolute error under 2⁻¹⁰⁷⁴ per rounding.</para>
/// <para>Log-softmax needs only a and log1p(s): one blocked pass over z, then (z_i − a)/T − log1p(s) written in one
/// pass.</para>
/// <para>A block holding NaN or +∞ stops the pass before that block is written; the unblocked kernel then names the
/// first NaN or applies the +∞ convention. Blocks already written (in place: z itself) hold values in [0, 1], none
/// NaN or +∞, so that kernel still finds the first NaN and every +∞ of the input.</para>
/// </remarks>
internal static partial class SoftmaxKernel
{
    /// <summary>Bytes per block: a quarter of a 2 MiB L2, so a block read alongside the previous one is still in cache
    /// for its own exp pass (faster than 2²⁰ bytes on the benchmark machine; 2¹⁸ was no faster).</summary>
    private const int BlockBytes = 1 << 19;

    /// <summary>Per-block values kept on the stack by the serial kernels; longer inputs (above 16.7 M doubles) take
    /// the unblocked passes.</summary>
    private const int MaxBlocks = 256;

    [InlineArray(MaxBlocks)]
    private struct BlockValues<T>
    {
        private T element0;
    }

    private static int BlockLength<T>() => BlockBytes / Unsafe.SizeOf<T>();

    private static int BlockCount<T>(int length) => (int)(((long)length + BlockLength<T>() - 1) / BlockLength<T>());

    /// <summary>Whether the serial kernels take the blocked path: more than two blocks, at most <see cref="MaxBlocks"/>.</summary>
    private static bool IsBlocked<T>(int length) => length > 2 * BlockLength<T>() && length <= MaxBlocks * BlockLength<T>();

    /// <summary>The serial pass with the look-ahead maximum; with a non-empty <paramref name="store"/> (as long as z, or
    /// z itself) block b receives e^{(z_i − m_b)/T}, 1 at k_b (fully masked blocks are left for the scale pass).</summary>
    /// <returns>false as soon as a block's maximum is NaN or +∞, before that block is read for exponentials.</returns>
    private static bool TryReduceBlocks<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Span<T> store,
        Span<T> maxima, Span<T> tails, Span<int> pivots) where T : IFloatingPointIeee754<T>
    {
        int blockLength = BlockLength<T>();
        bool keep = !store.IsEmpty;
        T m = TensorPrimitives.Max(z[..blockLength]);
        for (int start = 0, b = 0; start < z.Length; start += blockLength, b++)
        {
            ReadOnlySpan<T> block = z.Slice(start, Math.Min(blockLength, z.Length - start));
            Span<T> target = keep ? store.Slice(start, block.Length) : default;
            int nextStart = start + block.Length;
            ReadOnlySpan<T> next = z.Slice(nextStart, Math.Min(blockLength, z.Length - nextStart));
            if (T.IsNaN(m) || T.IsPositiveInfinity(m))
            {
                return false;
            }

            maxima[b] = m;
            tails[b] = T.Zero;
            pivots[b] = -1;
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
            T nextMax = ExpSum.AddWithMaxAhead(ref blockSum, block[..k], m, temperature, scaled,
                keep ? target[..k] : default, next[..split]);
            nextMax = T.Max(nextMax, ExpSum.AddWithMaxAhead(ref blockSum, after, m, temperature, scaled,
                keep ? target[(k + 1)..] : default, next.Slice(split, rest)));
            if (split + rest < next.Length)
            {
                nextMax = T.Max(nextMax, TensorPrimitives.Max(next[(split + rest)..]));
            }

            if (keep)
            {
                target[k] = T.One;
            }

            pivots[b] = k;
            tails[b] = blockSum.Total;
            m = nextMax;
        }

        return true;
    }

    /// <summary>One block of the parallel pass: the same m_b, k_b, s_b (and stored terms) as <see cref="TryReduceBlocks"/>.</summary>
    /// <returns>false when the block's maximum is NaN or +∞ (nothing is stored then).</returns>
    private static bool ReduceBlock<T>(ReadOnlySpan<T> block, T temperature, bool scaled, Span<T> store, out T max,
        out int pivot, out T tail) where T : IFloatingPointIeee754<T>
    {
        max = TensorPrimitives.Max(block);
        pivot = -1;
        tail = T.Zero;
        if (T.IsNaN(max) || T.IsPositiveInfinity(max))
        {
            return false;
        }

        if (T.IsNegativeInfinity(max))
        {
            return true;
        }

        bool keep = !store.IsEmpty;
        int k = ExpSum.IndexOf(block, max);
        var blockSum = new CompensatedSum<T>();
        ExpSum.Add(ref blockSum, block[..k], max, temperature, scaled, keep ? store[..k] : default);
        ExpSum.Add(ref blockSum, block[(k + 1)..], max, temperature, scaled, keep ? store[(k + 1)..] : default);
        if (keep)
        {
            store[k] = T.One;
        }

        pivot = k;
        tail = blockSum.Total;
        return true;
    }

    /// <summary>s = s_p + Σ_{b≠p} e^{(m_b − a)/T}·(1 + s_b), compensated, in index order; p (the first block with the
    /// largest maximum a) is returned in <paramref name="pivotBlock"/>, −1 when every block is fully masked.</summary>
    private static T CombineBlocks<T>(ReadOnlySpan<T> maxima, ReadOnlySpan<T> tails, T temperature, bool scaled,
        out int pivotBlock) where T : IFloatingPointIeee754<T>
    {
        T a = T.NegativeInfinity;
        pivotBlock = -1;
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
            return T.Zero;
        }

        var sum = new CompensatedSum<T>();
        sum.Add(tails[pivotBlock]);
        for (int b = 0; b < maxima.Length; b++)
        {
            if (b != pivotBlock && !T.IsNegativeInfinity(maxima[b]))
            {
                sum.Add(BlockFactor(maxima[b], a, temperature, scaled) * (T.One + tails[b]));
            }
        }

        return sum.Total;
    }

    private static T BlockFactor<T>(T max, T a, T temperature, bool scaled) where T : IFloatingPointIeee754<T>
    {
        T d = max - a;
        return T.Exp(scaled ? d / temperature : d);
    }

    private static T LogSumExpOf<T>(T a, T s, T temperature, bool scaled) where T : IFloatingPointIeee754<T>
    {
        T tail = Log1P(s);
        return scaled ? a + temperature * tail : a + tail;
    }

    /// <summary>Turns block b's stored terms into probabilities: × e^{(m_b − a)/T}/(1 + s), or ÷ (1 + s) where m_b = a;
    /// a fully masked block becomes zeros.</summary>
    private static void ScaleBlock<T>(Span<T> block, T max, T a, T temperature, bool scaled, T denominator)
        where T : IFloatingPointIeee754<T>
    {
        if (T.IsNegativeInfinity(max))
        {
            block.Clear();
        }
        else if (max == a)
        {
            ExpSum.Scale(block, denominator, divide: true);
        }
        else
        {
            ExpSum.Scale(block, BlockFactor(max, a, temperature, scaled) / denominator, divide: false);
        }
    }

    private static bool TryBlockedLogSumExp<T>(ReadOnlySpan<T> z, T temperature, bool scaled, out T result)
        where T : IFloatingPointIeee754<T>
    {
        int blocks = BlockCount<T>(z.Length);
        var maxima = new BlockValues<T>();
        var tails = new BlockValues<T>();
        var pivots = new BlockValues<int>();
        Span<T> m = maxima;
        Span<T> t = tails;
        if (!TryReduceBlocks(z, temperature, scaled, default, m[..blocks], t[..blocks], ((Span<int>)pivots)[..blocks]))
        {
            result = T.NaN;
            return false;
        }

        T s = CombineBlocks(m[..blocks], t[..blocks], temperature, scaled, out int p);
        result = p < 0 ? T.NegativeInfinity : LogSumExpOf(m[p], s, temperature, scaled);
        return true;
    }

    private static bool TryBlockedSoftmax<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Span<T> destination,
        string paramName, int row, out SoftmaxResult<T> result) where T : IFloatingPointIeee754<T>
    {
        int blocks = BlockCount<T>(z.Length);
        var maxima = new BlockValues<T>();
        var tails = new BlockValues<T>();
        var pivots = new BlockValues<int>();
        Span<T> m = maxima;
        Span<T> t = tails;
        Span<int> k = pivots;
        if (!TryReduceBlocks(z, temperature, scaled, destination, m[..blocks], t[..blocks], k[..blocks]))
        {
            result = default;
            return false;
        }

        T s = CombineBlocks(m[..blocks], t[..blocks], temperature, scaled, out int p);
        if (p < 0)
        {
            ThrowHelper.ThrowNoOutcomes(paramName, row);
        }

        T denominator = T.One + s;
        int blockLength = BlockLength<T>();
        for (int b = blocks - 1; b >= 0; b--)
        {
            int start = b * blockLength;
            ScaleBlock(destination.Slice(start, Math.Min(blockLength, z.Length - start)), m[b], m[p], temperature,
                scaled, denominator);
        }

        result = new SoftmaxResult<T>((p * blockLength) + k[p], s / denominator);
        return true;
    }

    private static bool TryBlockedLogSoftmax<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Span<T> destination,
        string paramName, int row) where T : IFloatingPointIeee754<T>
    {
        int blocks = BlockCount<T>(z.Length);
        var maxima = new BlockValues<T>();
        var tails = new BlockValues<T>();
        var pivots = new BlockValues<int>();
        Span<T> m = maxima;
        Span<T> t = tails;
        if (!TryReduceBlocks(z, temperature, scaled, default, m[..blocks], t[..blocks], ((Span<int>)pivots)[..blocks]))
        {
            return false;
        }

        T s = CombineBlocks(m[..blocks], t[..blocks], temperature, scaled, out int p);
        if (p < 0)
        {
            ThrowHelper.ThrowNoOutcomes(paramName, row);
        }

        ExpSum.ShiftedLogits(z, m[p], temperature, scaled, Log1P(s), destination);
        return true;
    }

    /// <summary>Whether the parallel kernels run: a setting other than Serial, more than two blocks, double or float.</summary>
    private static bool IsParallel<T>(int length, Parallelism parallelism) =>
        !parallelism.IsSerial && length > 2 * BlockLength<T>()
        && (typeof(T) == typeof(double) || typeof(T) == typeof(float));

    /// <summary>The opt-in multi-threaded LSE; <see cref="Parallelism.Serial"/> is <see cref="LogSumExp{T}(ReadOnlySpan{T}, T, bool, string, int)"/>.</summary>
    public static T LogSumExp<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Parallelism parallelism,
        string paramName) where T : IFloatingPointIeee754<T>
    {
        if (IsParallel<T>(z.Length, parallelism)
            && TryParallelReduce(z, temperature, scaled, default, parallelism.MaxThreads, out Blocks<T> blocks))
        {
            T s = CombineBlocks<T>(blocks.Maxima, blocks.Tails, temperature, scaled, out int p);
            return p < 0 ? T.NegativeInfinity : LogSumExpOf(blocks.Maxima[p], s, temperature, scaled);
        }

        return LogSumExp(z, temperature, scaled, paramName);
    }

    /// <summary>The opt-in multi-threaded softmax: the blocks of <see cref="TryBlockedSoftmax"/> reduced and then
    /// scaled in parallel, so the bits are those of the serial kernel up to <see cref="MaxBlocks"/> blocks.</summary>
    public static unsafe void Softmax<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Parallelism parallelism,
        Span<T> destination, string paramName) where T : IFloatingPointIeee754<T>
    {
        if (!TryParallelCombine(z, temperature, scaled, destination, parallelism, paramName, out Blocks<T> blocks, out T a, out T s))
        {
            Softmax(z, temperature, scaled, destination, paramName);
            return;
        }

        T denominator = T.One + s;
        int length = z.Length;
        int blockLength = BlockLength<T>();
        fixed (byte* output = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(destination)))
        {
            nint to = (nint)output;
            ForEachBlock(blocks.Maxima.Length, parallelism.MaxThreads, b =>
            {
                int start = b * blockLength;
                ScaleBlock(Block<T>(to, start, Math.Min(blockLength, length - start)), blocks.Maxima[b], a,
                    temperature, scaled, denominator);
            });
        }
    }

    /// <summary>The opt-in multi-threaded log-softmax: the blocked LSE pass in parallel, then (z_i − a)/T − log1p(s)
    /// per block in parallel; the same bits as the serial kernel up to <see cref="MaxBlocks"/> blocks.</summary>
    public static unsafe void LogSoftmax<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Parallelism parallelism,
        Span<T> destination, string paramName) where T : IFloatingPointIeee754<T>
    {
        if (!TryParallelCombine(z, temperature, scaled, default, parallelism, paramName, out Blocks<T> blocks, out T a, out T s))
        {
            LogSoftmax(z, temperature, scaled, destination, paramName);
            return;
        }

        T tail = Log1P(s);
        int length = z.Length;
        int blockLength = BlockLength<T>();
        fixed (byte* input = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(z)))
        fixed (byte* output = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(destination)))
        {
            nint from = (nint)input, to = (nint)output;
            ForEachBlock(blocks.Maxima.Length, parallelism.MaxThreads, b =>
            {
                int start = b * blockLength;
                int count = Math.Min(blockLength, length - start);
                ExpSum.ShiftedLogits<T>(Block<T>(from, start, count), a, temperature, scaled, tail,
                    Block<T>(to, start, count));
            });
        }
    }

    /// <summary>The parallel reduction of <paramref name="z"/> (storing the terms in <paramref name="store"/> when it is
    /// not empty) combined into the first largest block maximum a and s; false when the call is not parallel or a block
    /// holds NaN or +∞ (the serial kernel then runs and reports it).</summary>
    private static bool TryParallelCombine<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Span<T> store,
        Parallelism parallelism, string paramName, out Blocks<T> blocks, out T a, out T s) where T : IFloatingPointIeee754<T>
    {
        if (!IsParallel<T>(z.Length, parallelism)
            || !TryParallelReduce(z, temperature, scaled, store, parallelism.MaxThreads, out blocks))
        {
            blocks = default;
            a = s = T.Zero;
            return false;
        }

        s = CombineBlocks<T>(blocks.Maxima, blocks.Tails, temperature, scaled, out int p);
        if (p < 0)
        {
            ThrowHelper.ThrowNoOutcomes(paramName, -1);
        }

        a = blocks.Maxima[p];
        return true;
    }

    /// <summary>Per-block results of the parallel pass (one array each: the parallel kernels allocate).</summary>
    private readonly record struct Blocks<T>(T[] Maxima, T[] Tails);

    /// <summary>Every block reduced by <see cref="ReduceBlock"/> on up to <paramref name="threads"/> threads; with a
    /// non-empty <paramref name="store"/> the terms are stored as in the serial pass.</summary>
    /// <returns>false when a block holds NaN or +∞ (the serial kernel then reports it).</returns>
    private static unsafe bool TryParallelReduce<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Span<T> store,
        int threads, out Blocks<T> result) where T : IFloatingPointIeee754<T>
    {
        int count = BlockCount<T>(z.Length);
        var blocks = new Blocks<T>(new T[count], new T[count]);
        int rejected = 0;
        int length = z.Length;
        int blockLength = BlockLength<T>();
        bool keep = !store.IsEmpty;
        // Pinned for the duration of the loop, which returns only when every block is done; the workers see the
        // spans through their addresses because a span cannot be captured.
        fixed (byte* input = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(z)))
        fixed (byte* output = &Unsafe.As<T, byte>(ref MemoryMarshal.GetReference(store)))
        {
            nint from = (nint)input, to = (nint)output;
            ForEachBlock(count, threads, b =>
            {
                int start = b * blockLength;
                int n = Math.Min(blockLength, length - start);
                if (!ReduceBlock<T>(Block<T>(from, start, n), temperature, scaled, keep ? Block<T>(to, start, n) : default,
                    out blocks.Maxima[b], out _, out blocks.Tails[b]))
                {
                    Volatile.Write(ref rejected, 1);
                }
            });
        }

        result = blocks;
        return Volatile.Read(ref rejected) == 0;
    }

    private static unsafe Span<T> Block<T>(nint address, int start, int count) =>
        new((void*)(address + ((nint)start * Unsafe.SizeOf<T>())), count);

    /// <summary>body(b) for every block, on the calling thread alone when <paramref name="threads"/> is 1.</summary>
    private static void ForEachBlock(int blocks, int threads, Action<int> body)
    {
        if (threads == 1)
        {
            for (int b = 0; b < blocks; b++)
            {
                body(b);
            }
        }
        else
        {
            Parallel.For(0, blocks, new ParallelOptions { MaxDegreeOfParallelism = threads }, body);
        }
    }
}
