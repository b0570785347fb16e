using System.Numerics;

namespace SoftmaxNotebooks.Kernels;

/// <summary>
/// J = (1/T)(diag s − s sᵀ) with s = softmax(z/T), and its product with a vector, (1/T)·s ⊙ (v − ⟨s, v⟩), which
/// costs O(n) instead of forming the n×n matrix. J is symmetric, so the vector-Jacobian product is the same.
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

        SoftmaxKernel.Softmax(z, temperature, scaled, destination, nameof(z));
        var mean = new CompensatedSum<T>();
        for (int i = 0; i < v.Length; i++)
        {
            mean.Add(destination[i] * v[i]);
        }

        T m = mean.Total;
        for (int i = 0; i < v.Length; i++)
        {
            T product = destination[i] * (v[i] - m);
            destination[i] = scaled ? product / temperature : product;
        }
    }
}
