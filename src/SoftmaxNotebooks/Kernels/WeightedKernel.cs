using System.Numerics;

namespace SoftmaxNotebooks.Kernels;

/// <summary>
/// log Σ w_i e^{z_i} and its softmax. The pivot k maximises the term w_i e^{z_i} (compared through z_i + log w_i),
/// so every other term e^{(z_i − z_k)}·(w_i/w_k) is at most about 1 and nothing overflows while the result is finite.
/// Entries with w_i = 0 are removed; +∞ logits with positive weight share the mass in proportion to their weights.
/// </summary>
internal static class WeightedKernel
{
    private readonly record struct WeightedPivot<T>(int Index, T LogWeight, T InfinityWeight)
        where T : IFloatingPointIeee754<T>
    {
        public bool HasNoOutcome => Index < 0;
    }

    private static WeightedPivot<T> FindPivot<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> weights)
        where T : IFloatingPointIeee754<T>
    {
        if (weights.Length != z.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(z), z.Length, nameof(weights), weights.Length);
        }

        int k = -1;
        T best = T.NegativeInfinity;
        T logWeight = T.Zero;
        var infinityWeight = new CompensatedSum<T>();
        bool anyInfinity = false;
        for (int i = 0; i < z.Length; i++)
        {
            T zi = z[i];
            T wi = weights[i];
            if (T.IsNaN(zi))
            {
                ThrowHelper.ThrowNaN(nameof(z), -1, i);
            }

            if (!(wi >= T.Zero) || T.IsPositiveInfinity(wi))
            {
                ThrowHelper.ThrowNotNonnegative(nameof(weights), -1, i, wi);
            }

            if (wi == T.Zero)
            {
                continue;
            }

            if (T.IsPositiveInfinity(zi))
            {
                anyInfinity = true;
                infinityWeight.Add(wi);
            }

            T logW = T.Log(wi);
            T b = zi + logW;
            if (b > best)
            {
                best = b;
                k = i;
                logWeight = logW;
            }
        }

        return new WeightedPivot<T>(k, logWeight, anyInfinity ? infinityWeight.Total : T.Zero);
    }

    /// <summary>log(w_i/w_k), from the ratio when it is a normal number, else from the difference of logs.</summary>
    private static T LogRatio<T>(T wi, T wk, T logWk) where T : IFloatingPointIeee754<T>
    {
        T ratio = wi / wk;
        return T.IsNormal(ratio) ? T.Log(ratio) : T.Log(wi) - logWk;
    }

    /// <summary>s = Σ_{i≠k, w_i>0} e^{z_i − z_k}·w_i/w_k, optionally writing each term (1 at k, 0 where w_i = 0).</summary>
    private static T SumTerms<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> weights, in WeightedPivot<T> pivot,
        Span<T> terms) where T : IFloatingPointIeee754<T>
    {
        int k = pivot.Index;
        T zk = z[k];
        T wk = weights[k];
        var sum = new CompensatedSum<T>();
        for (int i = 0; i < z.Length; i++)
        {
            T wi = weights[i];
            T term;
            if (i == k)
            {
                term = T.One;
            }
            else if (wi == T.Zero)
            {
                term = T.Zero;
            }
            else
            {
                term = T.Exp((z[i] - zk) + LogRatio(wi, wk, pivot.LogWeight));
                sum.Add(term);
            }

            if (!terms.IsEmpty)
            {
                terms[i] = term;
            }
        }

        return sum.Total;
    }

    public static T LogSumExp<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> weights) where T : IFloatingPointIeee754<T>
    {
        WeightedPivot<T> pivot = FindPivot(z, weights);
        if (pivot.HasNoOutcome)
        {
            return T.NegativeInfinity;
        }

        if (pivot.InfinityWeight > T.Zero)
        {
            return T.PositiveInfinity;
        }

        T s = SumTerms(z, weights, pivot, Span<T>.Empty);
        return (z[pivot.Index] + pivot.LogWeight) + SoftmaxKernel.Log1P(s);
    }

    public static void Softmax<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> weights, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        WeightedPivot<T> pivot = FindPivot(z, weights);
        if (pivot.HasNoOutcome)
        {
            ThrowHelper.ThrowNoOutcomes(nameof(z), -1);
        }

        if (pivot.InfinityWeight > T.Zero)
        {
            for (int i = 0; i < z.Length; i++)
            {
                destination[i] = T.IsPositiveInfinity(z[i]) && weights[i] > T.Zero
                    ? weights[i] / pivot.InfinityWeight
                    : T.Zero;
            }

            return;
        }

        T s = SumTerms(z, weights, pivot, destination);
        T denominator = T.One + s;
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] /= denominator;
        }
    }
}
