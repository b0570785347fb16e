using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SoftmaxNotebooks.Kernels;

/// <summary>
/// The element passes of the softmax and cross-entropy kernels, fused: e^{(x_i − a)/T} is formed in registers and
/// added to lane-compensated sums in the same loop (optionally also stored), so the input is read once and nothing is
/// read back; the log-softmax, cross-entropy and gradient passes are single loops likewise. double and float use the widest accelerated vectors and <see cref="NonPositiveExp"/> (every argument is ≤ 0 after the shift; within 1 ulp);
/// other types, and machines without 256-bit vectors, go through TensorPrimitives one chunk at a time.
/// </summary>
/// <remarks>The arithmetic per term is the kit's formula, x − a, then ÷ T, then exp: the same roundings in every
/// path. Only the order of the compensated additions depends on the vector width.</remarks>
internal static class ExpSum
{
    private const int ChunkLength = 2048;

    [InlineArray(ChunkLength)]
    private struct ChunkBuffer<T>
    {
        private T element0;
    }

    /// <summary>Adds Σ e^{(x_i − shift)/T} (÷ T only when <paramref name="scaled"/>) to <paramref name="sum"/>; with a
    /// non-empty <paramref name="store"/> (as long as x, may be x itself) each term is also written there.</summary>
    public static void Add<T>(ref CompensatedSum<T> sum, ReadOnlySpan<T> x, T shift, T temperature, bool scaled,
        Span<T> store) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated)
        {
            (double s, double c) = Lanes.Sum(Cast<T, double>(x), As<T, double>(shift), As<T, double>(temperature),
                scaled, Cast<T, double>(store), default, out _, out _);
            sum.AddPair(As<double, T>(s), As<double, T>(c));
        }
        else if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            (float s, float c) = Lanes.Sum(Cast<T, float>(x), As<T, float>(shift), As<T, float>(temperature),
                scaled, Cast<T, float>(store), default, out _, out _);
            sum.AddPair(As<float, T>(s), As<float, T>(c));
        }
        else
        {
            Chunked(ref sum, x, shift, temperature, scaled, store);
        }
    }

    /// <summary>
    /// <see cref="Add"/> that also returns max(ahead), NaN if any element of ahead is NaN, −∞ for an empty ahead. The
    /// blocked kernels pass the next block: its maximum is then found by loads that overlap the exp arithmetic of this
    /// block, and it arrives in cache for its own exp pass.
    /// </summary>
    public static T AddWithMaxAhead<T>(ref CompensatedSum<T> sum, ReadOnlySpan<T> x, T shift, T temperature,
        bool scaled, Span<T> store, ReadOnlySpan<T> ahead) where T : IFloatingPointIeee754<T>
    {
        // The vector loop reads ahead[i] alongside x[i], so it looks ahead only when ahead covers x.
        ReadOnlySpan<T> alongside = ahead.Length >= x.Length ? ahead : default;
        T max;
        int covered;
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated)
        {
            (double s, double c) = Lanes.Sum(Cast<T, double>(x), As<T, double>(shift), As<T, double>(temperature),
                scaled, Cast<T, double>(store), Cast<T, double>(alongside), out double m, out covered);
            sum.AddPair(As<double, T>(s), As<double, T>(c));
            max = As<double, T>(m);
        }
        else if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            (float s, float c) = Lanes.Sum(Cast<T, float>(x), As<T, float>(shift), As<T, float>(temperature),
                scaled, Cast<T, float>(store), Cast<T, float>(alongside), out float m, out covered);
            sum.AddPair(As<float, T>(s), As<float, T>(c));
            max = As<float, T>(m);
        }
        else
        {
            Chunked(ref sum, x, shift, temperature, scaled, store);
            max = T.NegativeInfinity;
            covered = 0;
        }

        // T.Max, like TensorPrimitives.Max and Vector.Max, returns NaN when either operand is NaN.
        return covered < ahead.Length ? T.Max(max, TensorPrimitives.Max(ahead[covered..])) : max;
    }

    /// <summary>destination_i = ((x_i − shift)/T) − tail in one pass (÷ T only when scaled); destination may be x.</summary>
    public static void ShiftedLogits<T>(ReadOnlySpan<T> x, T shift, T temperature, bool scaled, T tail,
        Span<T> destination) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated)
        {
            Lanes.ShiftedLogits(Cast<T, double>(x), As<T, double>(shift), As<T, double>(temperature), scaled,
                As<T, double>(tail), Cast<T, double>(destination));
        }
        else if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            Lanes.ShiftedLogits(Cast<T, float>(x), As<T, float>(shift), As<T, float>(temperature), scaled,
                As<T, float>(tail), Cast<T, float>(destination));
        }
        else
        {
            TensorPrimitives.Subtract(x, shift, destination);
            if (scaled)
            {
                TensorPrimitives.Divide(destination, temperature, destination);
            }

            TensorPrimitives.Subtract(destination, tail, destination);
        }
    }

    /// <summary>
    /// Adds Σ_{p_i &gt; 0} p_i·((a − u_i) + tail), the cross-entropy terms. A −∞ logit under positive mass makes its
    /// term +∞ by itself; where p_i = 0 the term is dropped (0·(−∞) counts as 0).
    /// </summary>
    public static void AddCrossEntropyTerms<T>(ref CompensatedSum<T> sum, ReadOnlySpan<T> p, ReadOnlySpan<T> u, T a,
        T tail) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated)
        {
            (double s, double c) = Lanes.CrossEntropyTerms(Cast<T, double>(p), Cast<T, double>(u), As<T, double>(a),
                As<T, double>(tail));
            sum.AddPair(As<double, T>(s), As<double, T>(c));
        }
        else if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            (float s, float c) = Lanes.CrossEntropyTerms(Cast<T, float>(p), Cast<T, float>(u), As<T, float>(a),
                As<T, float>(tail));
            sum.AddPair(As<float, T>(s), As<float, T>(c));
        }
        else
        {
            for (int i = 0; i < p.Length; i++)
            {
                if (p[i] > T.Zero)
                {
                    sum.Add(p[i] * ((a - u[i]) + tail));
                }
            }
        }
    }

    /// <summary>x_i = x_i·factor, or x_i ÷ divisor when <paramref name="divide"/>, in place with ordinary stores:
    /// TensorPrimitives streams spans above 256 KB past the cache (non-temporal stores), which would send a softmax
    /// that fits in cache out to memory.</summary>
    public static void Scale<T>(Span<T> x, T value, bool divide) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated)
        {
            Lanes.Scale(Cast<T, double>(x), As<T, double>(value), divide);
        }
        else if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            Lanes.Scale(Cast<T, float>(x), As<T, float>(value), divide);
        }
        else if (divide)
        {
            TensorPrimitives.Divide(x, value, x);
        }
        else
        {
            TensorPrimitives.Multiply(x, value, x);
        }
    }

    /// <summary>
    /// gradient_i = ((Σp)·s_i − p_i) ÷ divisor over a softmax already in <paramref name="softmax"/>, overwritten in
    /// place. One fused multiply-add per entry; FMA(Σp, 0, −p_i) is −p_i exactly, so s_i = 0 needs no branch.
    /// </summary>
    public static void GradientFromSoftmax<T>(Span<T> softmax, T mass, ReadOnlySpan<T> p, T divisor)
        where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated)
        {
            Lanes.Gradient(Cast<T, double>(softmax), As<T, double>(mass), Cast<T, double>(p), As<T, double>(divisor));
        }
        else if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            Lanes.Gradient(Cast<T, float>(softmax), As<T, float>(mass), Cast<T, float>(p), As<T, float>(divisor));
        }
        else
        {
            for (int i = 0; i < softmax.Length; i++)
            {
                T g = T.FusedMultiplyAdd(mass, softmax[i], -p[i]);
                softmax[i] = divisor == T.One ? g : g / divisor;
            }
        }
    }

    /// <summary>
    /// The first i with x_i == value (+0 and −0 match), or −1. MemoryExtensions.IndexOf does not vectorise double or
    /// float (their equality is not bitwise), and scanning to a late maximum then costs as much as the exp pass.
    /// </summary>
    public static int IndexOf<T>(ReadOnlySpan<T> x, T value) where T : IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(double) && Vector256.IsHardwareAccelerated)
        {
            return Lanes.IndexOf(Cast<T, double>(x), As<T, double>(value));
        }

        if (typeof(T) == typeof(float) && Vector256.IsHardwareAccelerated)
        {
            return Lanes.IndexOf(Cast<T, float>(x), As<T, float>(value));
        }

        return x.IndexOf(value);
    }

    private static void Chunked<T>(ref CompensatedSum<T> sum, ReadOnlySpan<T> x, T shift, T temperature, bool scaled,
        Span<T> store) where T : IFloatingPointIeee754<T>
    {
        ChunkBuffer<T> buffer = default;
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, x.Length - start);
            Span<T> e = store.IsEmpty ? ((Span<T>)buffer)[..length] : store.Slice(start, length);
            TensorPrimitives.Subtract(x.Slice(start, length), shift, e);
            if (scaled)
            {
                TensorPrimitives.Divide(e, temperature, e);
            }

            TensorPrimitives.Exp(e, e);
            sum.AddRange(e);
        }
    }

    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> values) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(values)), values.Length);

    private static Span<TTo> Cast<TFrom, TTo>(Span<TFrom> values) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<TFrom, TTo>(ref MemoryMarshal.GetReference(values)), values.Length);

    private static TTo As<TFrom, TTo>(TFrom value) => Unsafe.As<TFrom, TTo>(ref value);

    /// <summary>
    /// The vector loops for double and float, Neumaier in every lane. Every term added here is ≥ 0 (exponentials,
    /// cross-entropy terms), so ordering the operands by value is ordering them by magnitude: (max − t) + min is
    /// Neumaier's correction without the two Abs, the compare and the blend.
    /// </summary>
    private static class Lanes
    {
        /// <summary>The fused exp + compensated sum; with a non-empty <paramref name="ahead"/> (at least as long as x)
        /// the vector loop also takes the NaN-propagating maximum of ahead[0..covered).</summary>
        /// <remarks>The two exponential vectors of an iteration are added plainly, then the pair enters one
        /// compensated accumulator: half the Neumaier operations per term (measured ~10 % faster on Zen 5). The pair's
        /// rounding is at most ε/2 of the pair (all terms are ≥ 0), so s gains at most ε/2 relative: inside the bound.</remarks>
        public static (T Sum, T Compensation) Sum<T>(ReadOnlySpan<T> x, T shift, T temperature, bool scaled,
            Span<T> store, ReadOnlySpan<T> ahead, out T aheadMax, out int covered)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            bool keep = !store.IsEmpty;
            bool look = !ahead.IsEmpty;
            ref T next = ref MemoryMarshal.GetReference(ahead);
            aheadMax = T.NegativeInfinity;
            ref T source = ref MemoryMarshal.GetReference(x);
            ref T target = ref MemoryMarshal.GetReference(store);
            int i = 0;
            T sum = T.Zero, compensation = T.Zero;
            if (Vector512.IsHardwareAccelerated && x.Length >= 2 * Vector512<T>.Count)
            {
                int width = Vector512<T>.Count;
                Vector512<T> a = Vector512.Create(shift), t = Vector512.Create(temperature);
                Vector512<T> s0 = Vector512<T>.Zero, c0 = Vector512<T>.Zero;
                Vector512<T> m0 = Vector512.Create(T.NegativeInfinity), m1 = m0;
                for (; i <= x.Length - 2 * width; i += 2 * width)
                {
                    if (look)
                    {
                        m0 = Vector512.Max(m0, Vector512.LoadUnsafe(ref next, (nuint)i));
                        m1 = Vector512.Max(m1, Vector512.LoadUnsafe(ref next, (nuint)(i + width)));
                    }

                    Vector512<T> d0 = Vector512.LoadUnsafe(ref source, (nuint)i) - a;
                    Vector512<T> d1 = Vector512.LoadUnsafe(ref source, (nuint)(i + width)) - a;
                    Vector512<T> e0 = Exp(scaled ? d0 / t : d0);
                    Vector512<T> e1 = Exp(scaled ? d1 / t : d1);
                    if (keep)
                    {
                        e0.StoreUnsafe(ref target, (nuint)i);
                        e1.StoreUnsafe(ref target, (nuint)(i + width));
                    }

                    Step(ref s0, ref c0, e0 + e1);
                }

                m0 = Vector512.Max(m0, m1);
                for (int lane = 0; lane < width; lane++)
                {
                    Add(ref sum, ref compensation, s0[lane]);
                    compensation += c0[lane];
                    aheadMax = T.Max(aheadMax, m0[lane]);
                }
            }
            else if (x.Length >= 2 * Vector256<T>.Count)
            {
                int width = Vector256<T>.Count;
                Vector256<T> a = Vector256.Create(shift), t = Vector256.Create(temperature);
                Vector256<T> s0 = Vector256<T>.Zero, c0 = Vector256<T>.Zero;
                Vector256<T> m0 = Vector256.Create(T.NegativeInfinity), m1 = m0;
                for (; i <= x.Length - 2 * width; i += 2 * width)
                {
                    if (look)
                    {
                        m0 = Vector256.Max(m0, Vector256.LoadUnsafe(ref next, (nuint)i));
                        m1 = Vector256.Max(m1, Vector256.LoadUnsafe(ref next, (nuint)(i + width)));
                    }

                    Vector256<T> d0 = Vector256.LoadUnsafe(ref source, (nuint)i) - a;
                    Vector256<T> d1 = Vector256.LoadUnsafe(ref source, (nuint)(i + width)) - a;
                    Vector256<T> e0 = Exp(scaled ? d0 / t : d0);
                    Vector256<T> e1 = Exp(scaled ? d1 / t : d1);
                    if (keep)
                    {
                        e0.StoreUnsafe(ref target, (nuint)i);
                        e1.StoreUnsafe(ref target, (nuint)(i + width));
                    }

                    Step(ref s0, ref c0, e0 + e1);
                }

                m0 = Vector256.Max(m0, m1);
                for (int lane = 0; lane < width; lane++)
                {
                    Add(ref sum, ref compensation, s0[lane]);
                    compensation += c0[lane];
                    aheadMax = T.Max(aheadMax, m0[lane]);
                }
            }

            covered = look ? i : 0;
            for (; i < x.Length; i++)
            {
                T d = Unsafe.Add(ref source, i) - shift;
                T e = T.Exp(scaled ? d / temperature : d);
                if (keep)
                {
                    Unsafe.Add(ref target, i) = e;
                }

                Add(ref sum, ref compensation, e);
            }

            return (sum, compensation);
        }

        public static int IndexOf<T>(ReadOnlySpan<T> x, T value) where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T source = ref MemoryMarshal.GetReference(x);
            int i = 0;
            if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<T>.Count)
            {
                Vector512<T> v = Vector512.Create(value);
                for (; i <= x.Length - Vector512<T>.Count; i += Vector512<T>.Count)
                {
                    ulong found = Vector512.Equals(Vector512.LoadUnsafe(ref source, (nuint)i), v).ExtractMostSignificantBits();
                    if (found != 0)
                    {
                        return i + BitOperations.TrailingZeroCount(found);
                    }
                }
            }
            else if (x.Length >= Vector256<T>.Count)
            {
                Vector256<T> v = Vector256.Create(value);
                for (; i <= x.Length - Vector256<T>.Count; i += Vector256<T>.Count)
                {
                    uint found = Vector256.Equals(Vector256.LoadUnsafe(ref source, (nuint)i), v).ExtractMostSignificantBits();
                    if (found != 0)
                    {
                        return i + BitOperations.TrailingZeroCount(found);
                    }
                }
            }

            for (; i < x.Length; i++)
            {
                if (Unsafe.Add(ref source, i) == value)
                {
                    return i;
                }
            }

            return -1;
        }

        public static void ShiftedLogits<T>(ReadOnlySpan<T> x, T shift, T temperature, bool scaled, T tail,
            Span<T> destination) where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T source = ref MemoryMarshal.GetReference(x);
            ref T target = ref MemoryMarshal.GetReference(destination);
            int i = 0;
            if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<T>.Count)
            {
                Vector512<T> a = Vector512.Create(shift), t = Vector512.Create(temperature), l = Vector512.Create(tail);
                for (; i <= x.Length - Vector512<T>.Count; i += Vector512<T>.Count)
                {
                    Vector512<T> d = Vector512.LoadUnsafe(ref source, (nuint)i) - a;
                    ((scaled ? d / t : d) - l).StoreUnsafe(ref target, (nuint)i);
                }
            }
            else if (x.Length >= Vector256<T>.Count)
            {
                Vector256<T> a = Vector256.Create(shift), t = Vector256.Create(temperature), l = Vector256.Create(tail);
                for (; i <= x.Length - Vector256<T>.Count; i += Vector256<T>.Count)
                {
                    Vector256<T> d = Vector256.LoadUnsafe(ref source, (nuint)i) - a;
                    ((scaled ? d / t : d) - l).StoreUnsafe(ref target, (nuint)i);
                }
            }

            for (; i < x.Length; i++)
            {
                T d = Unsafe.Add(ref source, i) - shift;
                Unsafe.Add(ref target, i) = (scaled ? d / temperature : d) - tail;
            }
        }

        public static (T Sum, T Compensation) CrossEntropyTerms<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> u, T a, T tail)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T target = ref MemoryMarshal.GetReference(p);
            ref T logits = ref MemoryMarshal.GetReference(u);
            int i = 0;
            T sum = T.Zero, compensation = T.Zero;
            if (Vector512.IsHardwareAccelerated && p.Length >= Vector512<T>.Count)
            {
                int width = Vector512<T>.Count;
                Vector512<T> va = Vector512.Create(a), vt = Vector512.Create(tail);
                Vector512<T> s0 = Vector512<T>.Zero, c0 = Vector512<T>.Zero;
                for (; i <= p.Length - width; i += width)
                {
                    Vector512<T> pi = Vector512.LoadUnsafe(ref target, (nuint)i);
                    Vector512<T> term = pi * ((va - Vector512.LoadUnsafe(ref logits, (nuint)i)) + vt);
                    Step(ref s0, ref c0, Vector512.ConditionalSelect(Vector512.GreaterThan(pi, Vector512<T>.Zero), term, Vector512<T>.Zero));
                }

                for (int lane = 0; lane < width; lane++)
                {
                    Add(ref sum, ref compensation, s0[lane]);
                    compensation += c0[lane];
                }
            }
            else if (p.Length >= Vector256<T>.Count)
            {
                int width = Vector256<T>.Count;
                Vector256<T> va = Vector256.Create(a), vt = Vector256.Create(tail);
                Vector256<T> s0 = Vector256<T>.Zero, c0 = Vector256<T>.Zero;
                for (; i <= p.Length - width; i += width)
                {
                    Vector256<T> pi = Vector256.LoadUnsafe(ref target, (nuint)i);
                    Vector256<T> term = pi * ((va - Vector256.LoadUnsafe(ref logits, (nuint)i)) + vt);
                    Step(ref s0, ref c0, Vector256.ConditionalSelect(Vector256.GreaterThan(pi, Vector256<T>.Zero), term, Vector256<T>.Zero));
                }

                for (int lane = 0; lane < width; lane++)
                {
                    Add(ref sum, ref compensation, s0[lane]);
                    compensation += c0[lane];
                }
            }

            for (; i < p.Length; i++)
            {
                T pi = Unsafe.Add(ref target, i);
                if (pi > T.Zero)
                {
                    Add(ref sum, ref compensation, pi * ((a - Unsafe.Add(ref logits, i)) + tail));
                }
            }

            return (sum, compensation);
        }

        public static void Scale<T>(Span<T> x, T value, bool divide) where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T target = ref MemoryMarshal.GetReference(x);
            int i = 0;
            if (Vector512.IsHardwareAccelerated && x.Length >= Vector512<T>.Count)
            {
                Vector512<T> v = Vector512.Create(value);
                for (; i <= x.Length - Vector512<T>.Count; i += Vector512<T>.Count)
                {
                    Vector512<T> e = Vector512.LoadUnsafe(ref target, (nuint)i);
                    (divide ? e / v : e * v).StoreUnsafe(ref target, (nuint)i);
                }
            }
            else if (x.Length >= Vector256<T>.Count)
            {
                Vector256<T> v = Vector256.Create(value);
                for (; i <= x.Length - Vector256<T>.Count; i += Vector256<T>.Count)
                {
                    Vector256<T> e = Vector256.LoadUnsafe(ref target, (nuint)i);
                    (divide ? e / v : e * v).StoreUnsafe(ref target, (nuint)i);
                }
            }

            for (; i < x.Length; i++)
            {
                T e = Unsafe.Add(ref target, i);
                Unsafe.Add(ref target, i) = divide ? e / value : e * value;
            }
        }

        public static void Gradient<T>(Span<T> softmax, T mass, ReadOnlySpan<T> p, T divisor)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ref T s = ref MemoryMarshal.GetReference(softmax);
            ref T target = ref MemoryMarshal.GetReference(p);
            bool divide = divisor != T.One;
            int i = 0;
            if (Vector512.IsHardwareAccelerated && p.Length >= Vector512<T>.Count)
            {
                Vector512<T> m = Vector512.Create(mass), d = Vector512.Create(divisor);
                for (; i <= p.Length - Vector512<T>.Count; i += Vector512<T>.Count)
                {
                    Vector512<T> g = Fma(m, Vector512.LoadUnsafe(ref s, (nuint)i), -Vector512.LoadUnsafe(ref target, (nuint)i));
                    (divide ? g / d : g).StoreUnsafe(ref s, (nuint)i);
                }
            }
            else if (p.Length >= Vector256<T>.Count)
            {
                Vector256<T> m = Vector256.Create(mass), d = Vector256.Create(divisor);
                for (; i <= p.Length - Vector256<T>.Count; i += Vector256<T>.Count)
                {
                    Vector256<T> g = Fma(m, Vector256.LoadUnsafe(ref s, (nuint)i), -Vector256.LoadUnsafe(ref target, (nuint)i));
                    (divide ? g / d : g).StoreUnsafe(ref s, (nuint)i);
                }
            }

            for (; i < p.Length; i++)
            {
                T g = T.FusedMultiplyAdd(mass, Unsafe.Add(ref s, i), -Unsafe.Add(ref target, i));
                Unsafe.Add(ref s, i) = divide ? g / divisor : g;
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> addend)
            where T : unmanaged, IFloatingPointIeee754<T> =>
            typeof(T) == typeof(double)
                ? Vector512.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), addend.AsDouble()).As<double, T>()
                : Vector512.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), addend.AsSingle()).As<float, T>();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<T> Fma<T>(Vector256<T> x, Vector256<T> y, Vector256<T> addend)
            where T : unmanaged, IFloatingPointIeee754<T> =>
            typeof(T) == typeof(double)
                ? Vector256.FusedMultiplyAdd(x.AsDouble(), y.AsDouble(), addend.AsDouble()).As<double, T>()
                : Vector256.FusedMultiplyAdd(x.AsSingle(), y.AsSingle(), addend.AsSingle()).As<float, T>();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<T> Exp<T>(Vector512<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
            typeof(T) == typeof(double)
                ? NonPositiveExp.Exp(x.AsDouble()).As<double, T>()
                : NonPositiveExp.Exp(x.AsSingle()).As<float, T>();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<T> Exp<T>(Vector256<T> x) where T : unmanaged, IFloatingPointIeee754<T> =>
            typeof(T) == typeof(double)
                ? NonPositiveExp.Exp(x.AsDouble()).As<double, T>()
                : NonPositiveExp.Exp(x.AsSingle()).As<float, T>();

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Step<T>(ref Vector512<T> sum, ref Vector512<T> compensation, Vector512<T> x)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            Vector512<T> t = sum + x;
            compensation += (Vector512.MaxNative(sum, x) - t) + Vector512.MinNative(sum, x);
            sum = t;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Step<T>(ref Vector256<T> sum, ref Vector256<T> compensation, Vector256<T> x)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            Vector256<T> t = sum + x;
            compensation += (Vector256.MaxNative(sum, x) - t) + Vector256.MinNative(sum, x);
            sum = t;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Add<T>(ref T sum, ref T compensation, T x) where T : unmanaged, IFloatingPointIeee754<T>
        {
            T t = sum + x;
            compensation += T.Abs(sum) >= T.Abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }
    }
}
