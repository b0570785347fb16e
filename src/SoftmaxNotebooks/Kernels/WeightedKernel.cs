using System.Numerics;

namespace SoftmaxNotebooks.Kernels;

/// <summary>
/// log Σ w_i e^{z_i} and its softmax. The pivot k maximises the term w_i e^{z_i}, so every other term
/// e^{(z_i − z_k)}·(w_i/w_k) is at most about 1 and nothing overflows while the result is finite. Terms are compared
/// by (z_i − z_k) + log(w_i/w_k), never by z_i + log w_i: at |z| near 1e300 the log-weight would be absorbed by z.
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

            if (T.IsNegativeInfinity(zi))
            {
                continue;
            }

            // With a +∞ logit the result no longer depends on the pivot (only on the +∞ entries' weights).
            if (k < 0 || (!anyInfinity && (zi - z[k]) + LogRatio(wi, weights[k], logWeight) > T.Zero))
            {
                k = i;
                logWeight = T.Log(wi);
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

    /// <summary>
    /// e^{d}·(w_i/w_k). The product of the exponential and the ratio keeps the relative error at a few ε; folding the
    /// ratio into the exponent as a logarithm would turn the rounding of log(w_i/w_k) (up to |log(w_i/w_k)|·ε) into
    /// a relative error of the term. The folded form is used only where the ratio or e^{d} leaves the normal range.
    /// </summary>
    private static T Term<T>(T d, T wi, T wk, T logWk) where T : IFloatingPointIeee754<T>
    {
        T ratio = wi / wk;
        T e = T.Exp(d);
        return T.IsNormal(ratio) && T.IsNormal(e) ? e * ratio : T.Exp(d + LogRatio(wi, wk, logWk));
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
                term = Term(z[i] - zk, wi, wk, pivot.LogWeight);
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
            // The weights of the +∞ entries are scaled by their largest before summing: their sum can overflow
            // (two weights of double.MaxValue) although every share is at most 1.
            T largest = T.Zero;
            for (int i = 0; i < z.Length; i++)
            {
                if (T.IsPositiveInfinity(z[i]) && weights[i] > largest)
                {
                    largest = weights[i];
                }
            }

            var shares = new CompensatedSum<T>();
            for (int i = 0; i < z.Length; i++)
            {
                if (T.IsPositiveInfinity(z[i]) && weights[i] > T.Zero)
                {
                    shares.Add(weights[i] / largest);
                }
            }

            T total = shares.Total;
            for (int i = 0; i < z.Length; i++)
            {
                destination[i] = T.IsPositiveInfinity(z[i]) && weights[i] > T.Zero
                    ? (weights[i] / largest) / total
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
