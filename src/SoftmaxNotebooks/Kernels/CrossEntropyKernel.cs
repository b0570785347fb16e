using System.Numerics;
using System.Numerics.Tensors;

namespace SoftmaxNotebooks.Kernels;

/// <summary>
/// A cross-entropy target: an explicit nonnegative vector p, or the label-smoothed one-hot vector
/// (1 − ε)·e_label + ε/n, read element by element so the label forms allocate nothing.
/// </summary>
internal readonly ref struct Target<T> where T : IFloatingPointIeee754<T>
{
    private readonly ReadOnlySpan<T> p;
    private readonly int label;
    private readonly T onLabel;
    private readonly T offLabel;

    private Target(ReadOnlySpan<T> p, int label, T onLabel, T offLabel, int count, bool hasMass)
    {
        this.p = p;
        this.label = label;
        this.onLabel = onLabel;
        this.offLabel = offLabel;
        Count = count;
        HasMass = hasMass;
    }

    public int Count { get; }

    public bool IsExplicit => label < 0;

    /// <summary>The explicit vector p (empty for a label target).</summary>
    public ReadOnlySpan<T> Values => p;

    /// <summary>Σ target &gt; 0; for a valid explicit p that is max p &gt; 0, known from validation.</summary>
    public bool HasMass { get; }

    public T this[int i] => IsExplicit ? p[i] : i == label ? onLabel : offLabel;

    /// <summary>Σ target: compensated for an explicit p; exactly 1 for a (smoothed) label, a probability vector.</summary>
    public T Mass()
    {
        if (!IsExplicit)
        {
            return T.One;
        }

        var sum = new CompensatedSum<T>();
        sum.AddRange(p);
        return sum.Total;
    }

    public static Target<T> Explicit(ReadOnlySpan<T> p, int uLength, int row)
    {
        if (p.Length != uLength)
        {
            ThrowHelper.ThrowLengthMismatch("p", p.Length, "u", uLength);
        }

        // Min and Max propagate NaN, so two vectorised passes clear a valid p; the loop only names the bad index.
        T max = p.IsEmpty ? T.Zero : TensorPrimitives.Max(p);
        if (!p.IsEmpty && !(TensorPrimitives.Min(p) >= T.Zero && T.IsFinite(max)))
        {
            ThrowInvalid(p, row);
        }

        return new Target<T>(p, -1, T.Zero, T.Zero, p.Length, max > T.Zero);
    }

    private static void ThrowInvalid(ReadOnlySpan<T> p, int row)
    {
        for (int i = 0; i < p.Length; i++)
        {
            if (T.IsNaN(p[i]))
            {
                ThrowHelper.ThrowNaN(nameof(p), row, i);
            }

            if (!(p[i] >= T.Zero) || T.IsPositiveInfinity(p[i]))
            {
                ThrowHelper.ThrowNotNonnegative(nameof(p), row, i, p[i]);
            }
        }
    }

    public static Target<T> Label(int label, int count, T smoothing, string labelName = "label")
    {
        if ((uint)label >= (uint)count)
        {
            ThrowHelper.ThrowLabel(label, count, labelName);
        }

        if (!(smoothing >= T.Zero && smoothing <= T.One))
        {
            ThrowHelper.ThrowLabelSmoothing(smoothing);
        }

        T off = smoothing / T.CreateTruncating(count);
        return new Target<T>(ReadOnlySpan<T>.Empty, label, (T.One - smoothing) + off, off, count, hasMass: true);
    }
}

/// <summary>
/// h(u) = Σ_i p_i·(−log-softmax_i(u)) = Σ_i p_i·((a − u_i) + log1p(s)) and its gradient (Σp)·softmax(u) − p.
/// Every term is nonnegative, so the compensated sum has no cancellation; terms with p_i = 0 are skipped, which
/// is the rule 0·(−∞) = 0 for a masked logit with no target mass.
/// </summary>
internal static class CrossEntropyKernel
{
    public static T Loss<T>(in Target<T> target, ReadOnlySpan<T> u, int row = -1) where T : IFloatingPointIeee754<T>
    {
        Pivot<T> pivot = SoftmaxKernel.FindPivot(u, nameof(u), row);
        if (!target.HasMass)
        {
            return T.Zero;
        }

        if (pivot.HasNoOutcome)
        {
            return T.PositiveInfinity;
        }

        var sum = new CompensatedSum<T>();
        if (pivot.InfinityCount > 0)
        {
            // Convention: the +∞ logits share the mass, so log-softmax is −log c there and −∞ elsewhere.
            T logCount = T.Log(T.CreateTruncating(pivot.InfinityCount));
            for (int i = 0; i < u.Length; i++)
            {
                T pi = target[i];
                if (pi > T.Zero)
                {
                    if (!T.IsPositiveInfinity(u[i]))
                    {
                        return T.PositiveInfinity;
                    }

                    sum.Add(pi * logCount);
                }
            }

            return sum.Total;
        }

        T a = pivot.Max;
        T tail = SoftmaxKernel.LogOnePlusTail(u, pivot, T.One, scaled: false);
        if (target.IsExplicit)
        {
            ExpSum.AddCrossEntropyTerms(ref sum, target.Values, u, a, tail);
            return sum.Total;
        }

        for (int i = 0; i < u.Length; i++)
        {
            T pi = target[i];
            if (pi > T.Zero)
            {
                if (T.IsNegativeInfinity(u[i]))
                {
                    return T.PositiveInfinity;
                }

                sum.Add(pi * ((a - u[i]) + tail));
            }
        }

        return sum.Total;
    }

    public static void Gradient<T>(in Target<T> target, ReadOnlySpan<T> u, Span<T> destination, T divisor,
        int row = -1) where T : IFloatingPointIeee754<T>
    {
        Pivot<T> pivot = SoftmaxKernel.FindPivot(u, nameof(u), row);
        T mass = target.Mass();
        if (mass == T.Zero)
        {
            destination.Clear();
            return;
        }

        if (pivot.HasNoOutcome)
        {
            ThrowHelper.ThrowNoGradient(nameof(u));
        }

        SoftmaxKernel.Softmax(u, pivot, T.One, scaled: false, destination);
        if (target.IsExplicit)
        {
            ExpSum.GradientFromSoftmax(destination, mass, target.Values, divisor);
            return;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            // One rounding for (Σp)·s_i − p_i: the subtraction is where the gradient's cancellation happens.
            T si = destination[i];
            T g = si == T.Zero ? T.Zero - target[i] : T.FusedMultiplyAdd(mass, si, -target[i]);
            destination[i] = divisor == T.One ? g : g / divisor;
        }
    }
}
