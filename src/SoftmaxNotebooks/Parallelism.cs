namespace SoftmaxNotebooks;

/// <summary>
/// How many threads a long reduction may use: <see cref="Serial"/> (the default) or <see cref="Threads(int)"/>.
/// Passed to <see cref="SoftmaxFunctions.LogSumExp{T}(ReadOnlySpan{T}, Parallelism)"/>,
/// <see cref="SoftmaxFunctions.Softmax{T}(ReadOnlySpan{T}, Span{T}, Parallelism)"/> and
/// <see cref="SoftmaxFunctions.LogSoftmax{T}(ReadOnlySpan{T}, Span{T}, Parallelism)"/>; a type of its own so that it
/// can never be read as a temperature or a destination.
/// </summary>
/// <remarks>The result never depends on the number of threads: the work is split along fixed blocks of the input,
/// whatever the thread count, and the block results are combined in index order.</remarks>
public readonly record struct Parallelism
{
    private readonly int threads;

    private Parallelism(int threads) => this.threads = threads;

    /// <summary>One thread, the caller's; allocation-free. The same as <c>default(Parallelism)</c>.</summary>
    public static Parallelism Serial => default;

    /// <summary>As many threads as the machine has logical processors.</summary>
    public static Parallelism AllCores => new(Environment.ProcessorCount);

    /// <summary>Up to <paramref name="count"/> threads (the caller's among them).</summary>
    /// <param name="count">1 or more; 1 takes the block-wise path on the calling thread.</param>
    /// <returns>The setting.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static Parallelism Threads(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        return new Parallelism(count);
    }

    /// <summary>Whether this is <see cref="Serial"/>: the kit's allocation-free single-thread path.</summary>
    public bool IsSerial => threads == 0;

    /// <summary>The most threads used at once: 1 for <see cref="Serial"/>.</summary>
    public int MaxThreads => Math.Max(threads, 1);

    /// <inheritdoc/>
    public override string ToString() => IsSerial ? "Serial" : $"Threads({threads})";
}
