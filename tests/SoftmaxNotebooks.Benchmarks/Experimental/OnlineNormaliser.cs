using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SoftmaxNotebooks.Benchmarks.Experimental;

/// <summary>
/// The one idea from the issue that the kit did not adopt, kept to be measured next to it: log-sum-exp in a single
/// pass with a running maximum (the online normaliser). Finite inputs only, Vector512 only.
/// </summary>
public static class OnlineNormaliser
{
    /// <summary>
    /// Per block of 1024 the block maximum is found while the block sits in L1; when it exceeds the running pivot, the
    /// lane sums are rescaled by r = exp(m_old − m_new), the old pivot's term enters as r, and the new pivot's own term
    /// is left out, so the sum is always Σ_{i≠k} as Blanchard–Higham–Higham need (keeping the exact 1 inside a
    /// compensated sum would degrade it to plain recursive summation of the small terms in the compensation word).
    /// Each rescale adds a relative error of about 2ε to the mass summed before it, so the error bound grows with the
    /// number of rescales: the reason the kit stays with two passes.
    /// </summary>
    public static T LogSumExp<T>(ReadOnlySpan<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int Block = 1024;
        T m = T.NegativeInfinity;
        var sum = new LaneSum<T>();
        for (int start = 0; start < z.Length; start += Block)
        {
            ReadOnlySpan<T> block = z.Slice(start, Math.Min(Block, z.Length - start));
            T blockMax = TensorPrimitives.Max(block);
            if (blockMax > m)
            {
                if (T.IsFinite(m))
                {
                    T r = T.Exp(m - blockMax);
                    sum.Scale(r);
                    sum.Add(r);
                }

                m = blockMax;
                int j = block.IndexOf(blockMax);
                sum.AddExp(block[..j], m);
                sum.AddExp(block[(j + 1)..], m);
            }
            else
            {
                sum.AddExp(block, m);
            }
        }

        return m + Log1P(sum.Total);
    }

    /// <summary>The kit's log1p (the x/(u − 1) correction of u = 1 + x).</summary>
    private static T Log1P<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T u = T.One + x;
        return u == T.One ? x : T.Log(u) * (x / (u - T.One));
    }
}

/// <summary>Neumaier summation in two Vector512 accumulators (each lane compensated), reduced once at the end.</summary>
internal struct LaneSum<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private Vector512<T> s0, c0, s1, c1;
    private T tailSum, tailCompensation;

    public readonly T Total
    {
        get
        {
            T s = tailSum, c = tailCompensation;
            Vector512<T> lanes = s0, corrections = c0 + c1;
            Step(ref lanes, ref corrections, s1);
            for (int lane = 0; lane < Vector512<T>.Count; lane++)
            {
                Add(ref s, ref c, lanes[lane]);
                c += corrections[lane];
            }

            return s + c;
        }
    }

    public void Scale(T factor)
    {
        var f = Vector512.Create(factor);
        s0 *= f;
        c0 *= f;
        s1 *= f;
        c1 *= f;
        tailSum *= factor;
        tailCompensation *= factor;
    }

    public void Add(T x) => Add(ref tailSum, ref tailCompensation, x);

    public void AddExp(ReadOnlySpan<T> z, T shift)
    {
        ref T x = ref MemoryMarshal.GetReference(z);
        int width = Vector512<T>.Count;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var a = Vector512.Create(shift);
            for (; i <= z.Length - 2 * width; i += 2 * width)
            {
                Step(ref s0, ref c0, Exp(Vector512.LoadUnsafe(ref x, (nuint)i) - a));
                Step(ref s1, ref c1, Exp(Vector512.LoadUnsafe(ref x, (nuint)(i + width)) - a));
            }
        }

        for (; i < z.Length; i++)
        {
            Add(ref tailSum, ref tailCompensation, T.Exp(Unsafe.Add(ref x, i) - shift));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Exp(Vector512<T> x) =>
        typeof(T) == typeof(double)
            ? Vector512.Exp(x.AsDouble()).As<double, T>()
            : Vector512.Exp(x.AsSingle()).As<float, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step(ref Vector512<T> sum, ref Vector512<T> compensation, Vector512<T> x)
    {
        Vector512<T> t = sum + x;
        Vector512<T> sumIsLarger = Vector512.GreaterThanOrEqual(Vector512.Abs(sum), Vector512.Abs(x));
        compensation += Vector512.ConditionalSelect(sumIsLarger, (sum - t) + x, (x - t) + sum);
        sum = t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref T sum, ref T compensation, T x)
    {
        T t = sum + x;
        compensation += T.Abs(sum) >= T.Abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
    }
}
