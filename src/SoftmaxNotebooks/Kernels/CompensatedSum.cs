using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SoftmaxNotebooks.Kernels;

/// <summary>
/// Kahan–Babuška–Neumaier summation: the rounding error of every addition is carried in a second accumulator, so
/// the error of the total does not grow with the number of terms (about 2ε·Σ|x_i| instead of n·ε·Σ|x_i|).
/// </summary>
internal struct CompensatedSum<T> where T : IFloatingPointIeee754<T>
{
    private T sum;
    private T compensation;

    public CompensatedSum()
    {
        sum = T.Zero;
        compensation = T.Zero;
    }

    /// <summary>The sum; an overflowed (infinite) running sum is returned as it is, its correction being meaningless.</summary>
    public readonly T Total => T.IsFinite(sum) ? sum + compensation : sum;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T x)
    {
        T t = sum + x;
        if (T.IsFinite(t))
        {
            compensation += T.Abs(sum) >= T.Abs(x) ? (sum - t) + x : (x - t) + sum;
        }

        sum = t;
    }

    /// <summary>Adds a partial sum together with its own compensation term.</summary>
    public void AddPair(T sum, T compensation)
    {
        Add(sum);
        this.compensation += compensation;
    }

    /// <summary>Adds every element; double and float run in SIMD lanes, each lane compensated.</summary>
    public void AddRange(ReadOnlySpan<T> values)
    {
        if (typeof(T) == typeof(double))
        {
            (double s, double c) = LaneSum.Sum(Reinterpret<double>(values));
            AddPair(Unsafe.As<double, T>(ref s), Unsafe.As<double, T>(ref c));
        }
        else if (typeof(T) == typeof(float))
        {
            (float s, float c) = LaneSum.Sum(Reinterpret<float>(values));
            AddPair(Unsafe.As<float, T>(ref s), Unsafe.As<float, T>(ref c));
        }
        else
        {
            foreach (T x in values)
            {
                Add(x);
            }
        }
    }

    private static ReadOnlySpan<TTo> Reinterpret<TTo>(ReadOnlySpan<T> values) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<T, TTo>(ref MemoryMarshal.GetReference(values)), values.Length);
}

/// <summary>Neumaier summation vectorised over <see cref="Vector{T}"/> lanes, two independent accumulators deep.</summary>
internal static class LaneSum
{
    public static (T Sum, T Compensation) Sum<T>(ReadOnlySpan<T> x) where T : struct, IFloatingPointIeee754<T>
    {
        int width = Vector<T>.Count;
        int i = 0;
        T sum = T.Zero;
        T compensation = T.Zero;
        if (Vector.IsHardwareAccelerated && x.Length >= 2 * width)
        {
            ref T start = ref MemoryMarshal.GetReference(x);
            Vector<T> s0 = Vector<T>.Zero, c0 = Vector<T>.Zero, s1 = Vector<T>.Zero, c1 = Vector<T>.Zero;
            for (; i <= x.Length - 2 * width; i += 2 * width)
            {
                Step(ref s0, ref c0, Vector.LoadUnsafe(ref start, (nuint)i));
                Step(ref s1, ref c1, Vector.LoadUnsafe(ref start, (nuint)(i + width)));
            }

            if (i <= x.Length - width)
            {
                Step(ref s0, ref c0, Vector.LoadUnsafe(ref start, (nuint)i));
                i += width;
            }

            Step(ref s0, ref c0, s1);
            c0 += c1;
            for (int lane = 0; lane < width; lane++)
            {
                Add(ref sum, ref compensation, s0[lane]);
                compensation += c0[lane];
            }
        }

        for (; i < x.Length; i++)
        {
            Add(ref sum, ref compensation, x[i]);
        }

        return (sum, compensation);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Step<T>(ref Vector<T> sum, ref Vector<T> compensation, Vector<T> x)
        where T : struct, IFloatingPointIeee754<T>
    {
        Vector<T> t = sum + x;
        Vector<T> sumIsLarger = Vector.GreaterThanOrEqual(Vector.Abs(sum), Vector.Abs(x));
        compensation += Vector.ConditionalSelect(sumIsLarger, (sum - t) + x, (x - t) + sum);
        sum = t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add<T>(ref T sum, ref T compensation, T x) where T : struct, IFloatingPointIeee754<T>
    {
        T t = sum + x;
        compensation += T.Abs(sum) >= T.Abs(x) ? (sum - t) + x : (x - t) + sum;
        sum = t;
    }
}
