namespace SoftmaxNotebooks.Runner.IO;

/// <summary>Runs one piece of work per item, several at once, and keeps the results in the items' order.</summary>
internal static class ParallelWork
{
    /// <summary>
    /// Calls <paramref name="body"/> for every item, at most <paramref name="parallelism"/> at once
    /// (<see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>),
    /// and returns the results in the order of <paramref name="items"/>, whatever order they finished in.
    /// </summary>
    /// <param name="items">The work items.</param>
    /// <param name="parallelism">How many run at once (at least one).</param>
    /// <param name="body">The work for one item and its index.</param>
    /// <param name="cancellationToken">Stops starting new items and is passed to each.</param>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    public static async Task<TResult[]> MapAsync<TItem, TResult>(
        IReadOnlyList<TItem> items, int parallelism, Func<TItem, int, CancellationToken, ValueTask<TResult>> body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(body);
        var results = new TResult[items.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism), CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), options, async (index, token) =>
            results[index] = await body(items[index], index, token).ConfigureAwait(false)).ConfigureAwait(false);
        return results;
    }
}
