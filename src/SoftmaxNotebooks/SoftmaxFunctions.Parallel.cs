using System.Numerics;
using System.Runtime.CompilerServices;
using SoftmaxNotebooks.Kernels;

namespace SoftmaxNotebooks;

// Opt-in multi-threaded log-sum-exp, softmax and log-softmax for long vectors. Off by default: every other overload runs on the calling thread.
public static partial class SoftmaxFunctions
{
    /// <summary>Log-sum-exp of a long vector on up to <see cref="Parallelism.MaxThreads"/> threads.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type (other types run serially).</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="parallelism"><see cref="Parallelism.Serial"/> (the same as <see cref="LogSumExp{T}(ReadOnlySpan{T})"/>)
    /// or <see cref="Parallelism.Threads(int)"/>.</param>
    /// <returns>The log-sum-exp, with the special values and the accuracy bound of <see cref="LogSumExp{T}(ReadOnlySpan{T})"/>.</returns>
    /// <remarks>
    /// <para><b>Deterministic</b>: the result is the same, bit for bit, for every thread count and every run. z is cut
    /// into fixed blocks of 2¹⁹ bytes (65,536 doubles, 131,072 floats) whatever the thread count; each block's maximum
    /// m_b and compensated tail s_b = Σ e^{z_i − m_b} (its first maximum left out) are computed on one thread, and
    /// the blocks are combined on the calling thread in index order, s = s_k + Σ_{b≠k} e^{m_b − a}(1 + s_b). Threads
    /// only decide when each block is done, never which numbers are added in which order.</para>
    /// <para>Up to two blocks no thread is started. Up to 256 blocks (16,777,216 doubles, 33,554,432 floats) the bits
    /// also equal <see cref="LogSumExp{T}(ReadOnlySpan{T})"/>, whose serial path uses the same blocks; above that the
    /// serial function sums in another order and the two may differ in the last bits (both within the bound).</para>
    /// <para><b>Allocation</b>: <see cref="Parallelism.Serial"/> allocates nothing. Otherwise, above two blocks, two
    /// arrays of one value per block (16 bytes per 65,536 doubles) and the task bookkeeping of
    /// <see cref="System.Threading.Tasks.Parallel.For(int, int, System.Threading.Tasks.ParallelOptions, Action{int})"/>,
    /// which grows with the thread count: 2.0 KB per call for 10⁶ doubles and 4.2 KB for 10⁷ on 2 threads
    /// (BenchmarkDotNet, 2026-12-06).</para>
    /// <para>A NaN anywhere, or a +∞, sends the call to the serial path, which names the first NaN's index or returns +∞.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">An entry of <paramref name="z"/> is NaN.</exception>
    public static T LogSumExp<T>(ReadOnlySpan<T> z, Parallelism parallelism) where T : IFloatingPointIeee754<T> =>
        SoftmaxKernel.LogSumExp(z, T.One, scaled: false, parallelism, nameof(z));

    /// <summary>Log-sum-exp at a temperature, T·LSE(z/T), on up to <see cref="Parallelism.MaxThreads"/> threads.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type (other types run serially).</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <param name="parallelism">See <see cref="LogSumExp{T}(ReadOnlySpan{T}, Parallelism)"/>.</param>
    /// <returns>As <see cref="LogSumExp{T}(ReadOnlySpan{T}, T)"/>, the same bits for every thread count.</returns>
    /// <remarks>Determinism and allocation as in <see cref="LogSumExp{T}(ReadOnlySpan{T}, Parallelism)"/>.</remarks>
    /// <exception cref="ArgumentException">An entry of <paramref name="z"/> is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static T LogSumExp<T>(ReadOnlySpan<T> z, T temperature, Parallelism parallelism)
        where T : IFloatingPointIeee754<T> =>
        SoftmaxKernel.LogSumExp(z, temperature, scaled: true, parallelism, nameof(z));

    /// <summary>Softmax of a long vector on up to <see cref="Parallelism.MaxThreads"/> threads, written to
    /// <paramref name="destination"/>.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type (other types run serially).</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="destination">Receives the probabilities; as long as <paramref name="z"/>, or <paramref name="z"/> itself.</param>
    /// <param name="parallelism"><see cref="Parallelism.Serial"/> (the same as <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>)
    /// or <see cref="Parallelism.Threads(int)"/>.</param>
    /// <remarks>
    /// <para><b>Deterministic</b>: the same bits for every thread count and every run. Above two blocks of 2¹⁹ bytes
    /// (as in <see cref="LogSumExp{T}(ReadOnlySpan{T}, Parallelism)"/>) each block's maximum m_b, its terms
    /// e^{z_i − m_b} (written to the destination) and their compensated sum are computed on one thread; the block
    /// sums are combined in index order on the calling thread, and each block is then scaled by e^{m_b − a}/(1 + s)
    /// on one thread. Up to 256 blocks (16,777,216 doubles) the bits also equal
    /// <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>, which uses the same blocks; above that the two differ in the
    /// last bits (both within the bound). Up to two blocks, or with a +∞ entry, it is the serial kernel.</para>
    /// <para><b>Allocation</b>: nothing for <see cref="Parallelism.Serial"/>; otherwise two arrays of one value per
    /// block and the bookkeeping of two Parallel.For calls.</para>
    /// <para>As in the serial kernel for long vectors, when a NaN makes it throw the destination may already be partly
    /// written (<paramref name="z"/> itself when in place).</para>
    /// </remarks>
    /// <exception cref="ArgumentException">As for <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>.</exception>
    public static void Softmax<T>(ReadOnlySpan<T> z, Span<T> destination, Parallelism parallelism)
        where T : IFloatingPointIeee754<T> =>
        SoftmaxKernel.Normalize(z, T.One, scaled: false, parallelism, destination, nameof(z), log: false);

    /// <summary>Softmax at a temperature, softmax(z/T), on up to <see cref="Parallelism.MaxThreads"/> threads.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type (other types run serially).</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <param name="destination">Receives the probabilities; as long as <paramref name="z"/>, or <paramref name="z"/> itself.</param>
    /// <param name="parallelism">See <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T}, Parallelism)"/>.</param>
    /// <remarks>Determinism and allocation as in <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T}, Parallelism)"/>.</remarks>
    /// <exception cref="ArgumentException">As for <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static void Softmax<T>(ReadOnlySpan<T> z, T temperature, Span<T> destination, Parallelism parallelism)
        where T : IFloatingPointIeee754<T> =>
        SoftmaxKernel.Normalize(z, temperature, scaled: true, parallelism, destination, nameof(z), log: false);

    /// <summary>Log-softmax of a long vector on up to <see cref="Parallelism.MaxThreads"/> threads, written to
    /// <paramref name="destination"/>.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type (other types run serially).</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="destination">Receives log-probabilities; as long as <paramref name="z"/>, or <paramref name="z"/> itself.</param>
    /// <param name="parallelism"><see cref="Parallelism.Serial"/> (the same as <see cref="LogSoftmax{T}(ReadOnlySpan{T}, Span{T})"/>)
    /// or <see cref="Parallelism.Threads(int)"/>.</param>
    /// <remarks>
    /// <para><b>Deterministic</b>: the same bits for every thread count and every run. a and log1p(s) come from the
    /// blocks of <see cref="LogSumExp{T}(ReadOnlySpan{T}, Parallelism)"/>; then (z_i − a) − log1p(s) is written block
    /// by block on any thread. Up to 256 blocks (16,777,216 doubles) the bits also equal
    /// <see cref="LogSoftmax{T}(ReadOnlySpan{T}, Span{T})"/>. Up to two blocks, or with a +∞ entry, it is the serial
    /// kernel. Special values and the bound as in <see cref="LogSoftmax{T}(ReadOnlySpan{T}, Span{T})"/>; nothing is
    /// written before z has been read through, so a NaN leaves the destination untouched.</para>
    /// <para><b>Allocation</b>: nothing for <see cref="Parallelism.Serial"/>; otherwise two arrays of one value per
    /// block and the bookkeeping of two Parallel.For calls.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">As for <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>.</exception>
    public static void LogSoftmax<T>(ReadOnlySpan<T> z, Span<T> destination, Parallelism parallelism)
        where T : IFloatingPointIeee754<T> =>
        SoftmaxKernel.Normalize(z, T.One, scaled: false, parallelism, destination, nameof(z), log: true);

    /// <summary>Log-softmax at a temperature, log softmax(z/T), on up to <see cref="Parallelism.MaxThreads"/> threads.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type (other types run serially).</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <param name="destination">Receives log-probabilities; as long as <paramref name="z"/>, or <paramref name="z"/> itself.</param>
    /// <param name="parallelism">See <see cref="LogSoftmax{T}(ReadOnlySpan{T}, Span{T}, Parallelism)"/>.</param>
    /// <remarks>Determinism and allocation as in <see cref="LogSoftmax{T}(ReadOnlySpan{T}, Span{T}, Parallelism)"/>.</remarks>
    /// <exception cref="ArgumentException">As for <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static void LogSoftmax<T>(ReadOnlySpan<T> z, T temperature, Span<T> destination, Parallelism parallelism)
        where T : IFloatingPointIeee754<T> =>
        SoftmaxKernel.Normalize(z, temperature, scaled: true, parallelism, destination, nameof(z), log: true);

    /// <summary>Log-sum-exp of a long array on several threads; see <see cref="LogSumExp{T}(ReadOnlySpan{T}, Parallelism)"/>.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="parallelism"><see cref="Parallelism.Serial"/> or <see cref="Parallelism.Threads(int)"/>.</param>
    /// <returns>The log-sum-exp, the same bits for every thread count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is NaN.</exception>
    [OverloadResolutionPriority(1)]
    public static double LogSumExp(double[] z, Parallelism parallelism)
    {
        ArgumentNullException.ThrowIfNull(z);
        return LogSumExp(new ReadOnlySpan<double>(z), parallelism);
    }

    /// <summary>Log-sum-exp at a temperature of a long array on several threads.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <param name="parallelism"><see cref="Parallelism.Serial"/> or <see cref="Parallelism.Threads(int)"/>.</param>
    /// <returns>T·LSE(z/T), the same bits for every thread count.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    [OverloadResolutionPriority(1)]
    public static double LogSumExp(double[] z, double temperature, Parallelism parallelism)
    {
        ArgumentNullException.ThrowIfNull(z);
        return LogSumExp(new ReadOnlySpan<double>(z), temperature, parallelism);
    }
}
