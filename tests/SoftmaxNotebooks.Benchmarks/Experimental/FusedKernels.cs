using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SoftmaxNotebooks.Benchmarks.Experimental;

/// <summary>
/// Prototypes of the kernel changes proposed in /work/REQUESTS-core.md, measured next to the kit in the same run.
/// They take finite inputs only (the kit's pivot search handles NaN, ±∞ and masks before any of this would run)
/// and need Vector512 hardware (the kit would dispatch on width as TensorPrimitives does).
/// </summary>
public static class FusedKernels
{
    /// <summary>
    /// The pivot (first index of the maximum) from TensorPrimitives.Max and a vectorised search for its first
    /// occurrence: IndexOfMax tracks indices in every lane and is about 3× slower than Max. Max returns NaN when there
    /// is one, and only then is IndexOfMax needed (to name the NaN's index in the exception).
    /// </summary>
    public static (int Index, T Max) Pivot<T>(ReadOnlySpan<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T a = TensorPrimitives.Max(z);
        if (T.IsNaN(a))
        {
            int nan = TensorPrimitives.IndexOfMax(z);
            throw new ArgumentException(FormattableString.Invariant($"z[{nan}] is NaN."), nameof(z));
        }

        return (IndexOfFirst(z, a), a);
    }

    /// <summary>The first i with z_i == value (−0 and +0 match each other, as in the kit's tie rule).</summary>
    public static int IndexOfFirst<T>(ReadOnlySpan<T> z, T value) where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T x = ref MemoryMarshal.GetReference(z);
        int width = Vector512<T>.Count;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.Create(value);
            for (; i <= z.Length - width; i += width)
            {
                ulong mask = Vector512.Equals(Vector512.LoadUnsafe(ref x, (nuint)i), v).ExtractMostSignificantBits();
                if (mask != 0)
                {
                    return i + BitOperations.TrailingZeroCount(mask);
                }
            }
        }

        for (; i < z.Length; i++)
        {
            if (Unsafe.Add(ref x, i) == value)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>
    /// Two passes: the pivot, then exp(z_i − a) and a lane-compensated sum in one loop straight from the input, with
    /// no scratch buffer. The pivot's own term is left out by splitting the range around k, as Blanchard–Higham–Higham need.
    /// </summary>
    public static T LogSumExp<T>(ReadOnlySpan<T> z) where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int k, T a) = Pivot(z);
        var sum = new LaneSum<T>();
        sum.AddExp(z[..k], a);
        sum.AddExp(z[(k + 1)..], a);
        return a + Log1P(sum.Total);
    }

    /// <summary>
    /// One pass with a running maximum (the online normaliser): per block of 1024 the block maximum is found while the
    /// block sits in L1; when it exceeds the running pivot, the lane sums are rescaled by r = exp(m_old − m_new), the
    /// old pivot's term enters as r, and the new pivot's own term is left out, so the sum is always Σ_{i≠k} as
    /// Blanchard–Higham–Higham need (keeping the exact 1 inside a compensated sum would degrade it to plain recursive
    /// summation of the small terms in the compensation word).
    /// </summary>
    public static T LogSumExpOnline<T>(ReadOnlySpan<T> z) where T : unmanaged, IFloatingPointIeee754<T>
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
                int j = IndexOfFirst(block, blockMax);
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

    /// <summary>
    /// Cross-entropy with logits for an explicit target, vectorised: p validated with Min/Max (both propagate NaN),
    /// the pivot and the exp-sum as in <see cref="LogSumExp{T}"/>, then Σ p_i·((a − u_i) + log1p(s)) over p_i &gt; 0
    /// in compensated lanes. A −∞ logit under positive mass gives +∞ by itself; p_i = 0 lanes are selected out,
    /// which is the kit's 0·(−∞) = 0 rule.
    /// </summary>
    public static T CrossEntropy<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> u) where T : unmanaged, IFloatingPointIeee754<T>
    {
        T low = TensorPrimitives.Min(p), high = TensorPrimitives.Max(p);
        if (!(low >= T.Zero) || !T.IsFinite(high))
        {
            throw new ArgumentException("p has a negative, NaN or infinite entry.", nameof(p));
        }

        if (high == T.Zero)
        {
            return T.Zero;
        }

        (int k, T a) = Pivot(u);
        var exps = new LaneSum<T>();
        exps.AddExp(u[..k], a);
        exps.AddExp(u[(k + 1)..], a);
        T tail = Log1P(exps.Total);
        var loss = new LaneSum<T>();
        loss.AddCrossEntropyTerms(p, u, a, tail);
        return loss.Total;
    }

    /// <summary>
    /// Its gradient (Σp)·softmax(u) − p: the exponentials stored and summed in one pass, then one pass that divides
    /// by 1 + s and applies the single-rounding FMA (Σp)·s_i − p_i. FMA(Σp, 0, −p_i) is −p_i exactly, so the kit's
    /// per-element branch on s_i = 0 is not needed.
    /// </summary>
    public static void CrossEntropyGradient<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> u, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T low = TensorPrimitives.Min(p), high = TensorPrimitives.Max(p);
        if (!(low >= T.Zero) || !T.IsFinite(high))
        {
            throw new ArgumentException("p has a negative, NaN or infinite entry.", nameof(p));
        }

        var massSum = new LaneSum<T>();
        massSum.AddRange(p);
        T mass = massSum.Total;
        (int k, T a) = Pivot(u);
        var sum = new LaneSum<T>();
        sum.StoreExp(u[..k], a, destination[..k]);
        sum.StoreExp(u[(k + 1)..], a, destination[(k + 1)..]);
        destination[k] = T.One;
        DivideThenFma(destination, T.One + sum.Total, mass, p);
    }

    private static void DivideThenFma<T>(Span<T> e, T denominator, T mass, ReadOnlySpan<T> p)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T d = ref MemoryMarshal.GetReference(e);
        ref T q = ref MemoryMarshal.GetReference(p);
        int width = Vector512<T>.Count;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<T> den = Vector512.Create(denominator), m = Vector512.Create(mass);
            for (; i <= e.Length - width; i += width)
            {
                Vector512<T> s = Vector512.LoadUnsafe(ref d, (nuint)i) / den;
                Fma(m, s, -Vector512.LoadUnsafe(ref q, (nuint)i)).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < e.Length; i++)
        {
            T s = Unsafe.Add(ref d, i) / denominator;
            Unsafe.Add(ref d, i) = T.FusedMultiplyAdd(mass, s, -Unsafe.Add(ref q, i));
        }
    }

    /// <summary>
    /// Three passes: IndexOfMax; exp(z_i − a) stored to the destination while the lane-compensated sum runs in
    /// registers; one division by 1 + s. The kit's current chunked version reads each chunk back twice more
    /// (Subtract, Exp in place, then the sum).
    /// </summary>
    public static void Softmax<T>(ReadOnlySpan<T> z, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int k, T a) = Pivot(z);
        var sum = new LaneSum<T>();
        sum.StoreExp(z[..k], a, destination[..k]);
        sum.StoreExp(z[(k + 1)..], a, destination[(k + 1)..]);
        destination[k] = T.One;
        TensorPrimitives.Divide(destination, T.One + sum.Total, destination);
    }

    /// <summary>
    /// Three passes: IndexOfMax; the exp-sum as in <see cref="LogSumExp{T}"/> with nothing stored; one fused
    /// (z_i − a) − log1p(s) pass, where the kit now writes z − a and then reads it back to subtract log1p(s).
    /// </summary>
    public static void LogSoftmax<T>(ReadOnlySpan<T> z, Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
    {
        (int k, T a) = Pivot(z);
        var sum = new LaneSum<T>();
        sum.AddExp(z[..k], a);
        sum.AddExp(z[(k + 1)..], a);
        T tail = Log1P(sum.Total);
        SubtractTwice(z, a, tail, destination);
    }

    /// <summary>(z_i − a) − tail with both roundings of the kit's formula, in one read and one write.</summary>
    private static void SubtractTwice<T>(ReadOnlySpan<T> z, T a, T tail, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T x = ref MemoryMarshal.GetReference(z);
        ref T d = ref MemoryMarshal.GetReference(destination);
        int i = 0;
        int width = Vector512<T>.Count;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<T> va = Vector512.Create(a), vt = Vector512.Create(tail);
            for (; i <= z.Length - width; i += width)
            {
                ((Vector512.LoadUnsafe(ref x, (nuint)i) - va) - vt).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < z.Length; i++)
        {
            Unsafe.Add(ref d, i) = (Unsafe.Add(ref x, i) - a) - tail;
        }
    }

    /// <summary>The kit's log1p (the x/(u − 1) correction of u = 1 + x).</summary>
    public static T Log1P<T>(T x) where T : IFloatingPointIeee754<T>
    {
        T u = T.One + x;
        return u == T.One ? x : T.Log(u) * (x / (u - T.One));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> addend)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), addend.AsDouble()).As<double, T>();
        }

        return Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), addend.AsSingle()).As<float, T>();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<T> Exp<T>(Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double))
        {
            return Vector512.Exp(x.AsDouble()).As<double, T>();
        }

        return Vector512.Exp(x.AsSingle()).As<float, T>();
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
            (T s, T c) = Pair;
            return s + c;
        }
    }

    /// <summary>The reduced sum and its compensation, not yet added together.</summary>
    public readonly (T Sum, T Compensation) Pair
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

            return (s, c);
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

    public void AddRange(ReadOnlySpan<T> values)
    {
        ref T x = ref MemoryMarshal.GetReference(values);
        int width = Vector512<T>.Count;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= values.Length - 2 * width; i += 2 * width)
            {
                Step(ref s0, ref c0, Vector512.LoadUnsafe(ref x, (nuint)i));
                Step(ref s1, ref c1, Vector512.LoadUnsafe(ref x, (nuint)(i + width)));
            }
        }

        for (; i < values.Length; i++)
        {
            Add(ref tailSum, ref tailCompensation, Unsafe.Add(ref x, i));
        }
    }

    /// <summary>Adds p_i·((a − u_i) + tail) over the entries with p_i &gt; 0.</summary>
    public void AddCrossEntropyTerms(ReadOnlySpan<T> p, ReadOnlySpan<T> u, T a, T tail)
    {
        ref T q = ref MemoryMarshal.GetReference(p);
        ref T x = ref MemoryMarshal.GetReference(u);
        int width = Vector512<T>.Count;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<T> va = Vector512.Create(a), vt = Vector512.Create(tail);
            for (; i <= p.Length - width; i += width)
            {
                Vector512<T> pi = Vector512.LoadUnsafe(ref q, (nuint)i);
                Vector512<T> term = pi * ((va - Vector512.LoadUnsafe(ref x, (nuint)i)) + vt);
                Step(ref s0, ref c0, Vector512.ConditionalSelect(Vector512.GreaterThan(pi, Vector512<T>.Zero), term, Vector512<T>.Zero));
            }
        }

        for (; i < p.Length; i++)
        {
            T pi = Unsafe.Add(ref q, i);
            if (pi > T.Zero)
            {
                Add(ref tailSum, ref tailCompensation, pi * ((a - Unsafe.Add(ref x, i)) + tail));
            }
        }
    }

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
                Step(ref s0, ref c0, FusedKernels.Exp(Vector512.LoadUnsafe(ref x, (nuint)i) - a));
                Step(ref s1, ref c1, FusedKernels.Exp(Vector512.LoadUnsafe(ref x, (nuint)(i + width)) - a));
            }
        }

        for (; i < z.Length; i++)
        {
            Add(ref tailSum, ref tailCompensation, T.Exp(Unsafe.Add(ref x, i) - shift));
        }
    }

    public void StoreExp(ReadOnlySpan<T> z, T shift, Span<T> destination)
    {
        ref T x = ref MemoryMarshal.GetReference(z);
        ref T d = ref MemoryMarshal.GetReference(destination);
        int width = Vector512<T>.Count;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var a = Vector512.Create(shift);
            for (; i <= z.Length - 2 * width; i += 2 * width)
            {
                Vector512<T> e0 = FusedKernels.Exp(Vector512.LoadUnsafe(ref x, (nuint)i) - a);
                Vector512<T> e1 = FusedKernels.Exp(Vector512.LoadUnsafe(ref x, (nuint)(i + width)) - a);
                e0.StoreUnsafe(ref d, (nuint)i);
                e1.StoreUnsafe(ref d, (nuint)(i + width));
                Step(ref s0, ref c0, e0);
                Step(ref s1, ref c1, e1);
            }
        }

        for (; i < z.Length; i++)
        {
            T e = T.Exp(Unsafe.Add(ref x, i) - shift);
            Unsafe.Add(ref d, i) = e;
            Add(ref tailSum, ref tailCompensation, e);
        }
    }

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
