using System.Numerics;
using System.Numerics.Tensors;

namespace SoftmaxNotebooks.Kernels;

/// <summary>
/// J = (1/T)(diag s − s sᵀ) with s = softmax(z/T), and its product with a vector, (1/T)·s ⊙ (v − ⟨s, v⟩), which
/// costs O(n) instead of forming the n×n matrix. J is symmetric, so the vector-Jacobian product is the same. Both
/// take what cancels where s_k ≈ 1 (1 − s_k, v_k − ⟨s, v⟩) from the other entries, never as a difference with s_k.
/// </summary>
internal static class DerivativeKernel
{
    public static void Jacobian<T>(ReadOnlySpan<T> z, T temperature, bool scaled, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        int n = z.Length;
        if (destination.Length != n * n)
        {
            ThrowHelper.ThrowDestinationLength(n * n, destination.Length);
        }

        if (z.Overlaps(destination))
        {
            ThrowHelper.ThrowOverlap(nameof(destination), nameof(z));
        }

        // s lives in the last row until that row is overwritten, last.
        Span<T> s = destination[((n - 1) * n)..];
        SoftmaxResult<T> result = SoftmaxKernel.Softmax(z, temperature, scaled, s, nameof(z));
        for (int i = 0; i < n; i++)
        {
            T si = s[i];
            Span<T> row = destination.Slice(i * n, n);
            for (int j = 0; j < n; j++)
            {
                T entry = i == j ? si * Complement(si, i, result) : -(si * s[j]);
                row[j] = scaled ? entry / temperature : entry;
            }
        }
    }

    /// <summary>1 − s_i; for the pivot, the value s/(1 + s) that the softmax kernel formed without cancellation.</summary>
    private static T Complement<T>(T si, int i, in SoftmaxResult<T> result) where T : IFloatingPointIeee754<T> =>
        i == result.PivotIndex ? result.PivotComplement : T.One - si;

    /// <summary>J·v = (1/T)·s ⊙ x with x_i = v_i − ⟨s, v⟩ formed around the pivot k (the largest logit, s_k the
    /// largest probability): x_i = (v_i − v_k) − μ, μ = Σ_{j≠k} s_j·(v_j − v_k), compensated. Every term carries a
    /// small s_j when s_k ≈ 1, so nothing close to ⟨s, v⟩ ≈ v_k is subtracted from v_k: the naive
    /// s_i(v_i − ⟨s, v⟩) loses x_k entirely once s_k rounds to 1. A constant v gives exactly 0 (J·1 = 0).</summary>
    public static void Product<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> v, T temperature, bool scaled,
        Span<T> destination) where T : IFloatingPointIeee754<T>
    {
        if (v.Length != z.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(z), z.Length, nameof(v), v.Length);
        }

        SoftmaxKernel.CheckDestination(z, destination, nameof(z));
        if (v.Overlaps(destination))
        {
            ThrowHelper.ThrowOverlap(nameof(destination), nameof(v));
        }

        // MaxMagnitude propagates NaN, so one vectorised pass clears a valid v; the loop only names the bad entry.
        T largest = v.IsEmpty ? T.Zero : T.Abs(TensorPrimitives.MaxMagnitude(v));
        if (!T.IsFinite(largest))
        {
            ThrowInvalid(v);
        }

        int k = SoftmaxKernel.Softmax(z, temperature, scaled, destination, nameof(z)).PivotIndex;
        // v_i − v_k overflows only where 2·max|v| does; then the differences are taken of v/2 (exact above the
        // subnormal range) and the products doubled back, which cannot overflow (|J·v| ≤ max|v|). Either way every
        // difference is finite, so a zero s_j (a mask, an underflow) contributes an exact 0.
        T half = T.IsInfinity(largest + largest) ? T.One / (T.One + T.One) : T.One;
        T vk = v[k] * half;
        var mean = new CompensatedSum<T>();
        for (int j = 0; j < v.Length; j++)
        {
            mean.Add(destination[j] * ((v[j] * half) - vk));
        }

        T mu = mean.Total;
        for (int i = 0; i < v.Length; i++)
        {
            T si = destination[i];
            T product = si == T.Zero ? T.Zero : si * (((v[i] * half) - vk) - mu);
            if (half != T.One)
            {
                product += product;
            }

            destination[i] = scaled ? product / temperature : product;
        }
    }

    private static void ThrowInvalid<T>(ReadOnlySpan<T> v) where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < v.Length; i++)
        {
            if (T.IsNaN(v[i]))
            {
                ThrowHelper.ThrowNaN(nameof(v), -1, i);
            }

            if (!T.IsFinite(v[i]))
            {
                ThrowHelper.ThrowNotFinite(nameof(v), i, v[i]);
            }
        }
    }
}
