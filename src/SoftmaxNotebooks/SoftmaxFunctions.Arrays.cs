using System.Numerics;
using System.Runtime.CompilerServices;

namespace SoftmaxNotebooks;

// Array conveniences. The double overloads are not generic so that integer literals and collection expressions
// such as LogSumExp([x, 0.0]) or Softmax([1, 2, 3]) bind to double; the generic T[] overloads serve float.
// OverloadResolutionPriority makes an applicable array overload win over the span kernels, so mixing an array and
// a collection expression (WeightedLogSumExp(z, [1.0, 2.0])) is not ambiguous. Weights only ever appear in methods
// named Weighted…, so two arrays given to Softmax or LogSoftmax are always (logits, destination).
public static partial class SoftmaxFunctions
{
    /// <summary>Log-sum-exp log Σ_i e^{z_i}; see <see cref="LogSumExp{T}(ReadOnlySpan{T})"/> for the rules.</summary>
    /// <param name="z">The logits.</param>
    /// <returns>The log-sum-exp; −∞ for an empty or fully masked z, +∞ if an entry is +∞.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is NaN.</exception>
    [OverloadResolutionPriority(1)]
    public static double LogSumExp(double[] z) => LogSumExp<double>(z);

    /// <summary>Log-sum-exp at a temperature, T·LSE(z/T); see <see cref="LogSumExp{T}(ReadOnlySpan{T}, T)"/>.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <returns>T·LSE(z/T), between max z and max z + T·log n.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    [OverloadResolutionPriority(1)]
    public static double LogSumExp(double[] z, double temperature) => LogSumExp<double>(z, temperature);

    /// <summary>Weighted log-sum-exp log Σ_i w_i e^{z_i}; see <see cref="WeightedLogSumExp{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="weights">Finite nonnegative weights (degeneracies), as many as logits; 0 removes an entry.</param>
    /// <returns>The weighted log-sum-exp.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A logit is NaN, a weight is negative, NaN or +∞, or the lengths differ.</exception>
    [OverloadResolutionPriority(1)]
    public static double WeightedLogSumExp(double[] z, double[] weights) => WeightedLogSumExp<double>(z, weights);

    /// <summary>Softmax of <paramref name="z"/> as a new array; see <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>.</summary>
    /// <param name="z">The logits.</param>
    /// <returns>Probabilities e^{z_i − a}/(1 + s), summing to 1 up to rounding.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="z"/> is empty, all −∞, or has a NaN.</exception>
    [OverloadResolutionPriority(1)]
    public static double[] Softmax(double[] z) => Softmax<double>(z);

    /// <summary>Softmax at a temperature, softmax(z/T), as a new array.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <returns>The probabilities softmax(z/T).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="z"/> is empty, all −∞, or has a NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    [OverloadResolutionPriority(1)]
    public static double[] Softmax(double[] z, double temperature) => Softmax<double>(z, temperature);

    /// <summary>Weighted softmax w_i e^{z_i}/Σ_j w_j e^{z_j} as a new array.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="weights">Finite nonnegative weights (degeneracies), as many as logits.</param>
    /// <returns>The probabilities; 0 where the weight is 0.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">See <see cref="WeightedSoftmax{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</exception>
    [OverloadResolutionPriority(1)]
    public static double[] WeightedSoftmax(double[] z, double[] weights) => WeightedSoftmax<double>(z, weights);

    /// <summary>Log-softmax z_i − LSE(z) as a new array; see <see cref="LogSoftmax{T}(ReadOnlySpan{T}, Span{T})"/>.</summary>
    /// <param name="z">The logits.</param>
    /// <returns>Log-probabilities (z_i − a) − log1p(s).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="z"/> is empty, all −∞, or has a NaN.</exception>
    [OverloadResolutionPriority(1)]
    public static double[] LogSoftmax(double[] z) => LogSoftmax<double>(z);

    /// <summary>Log-softmax at a temperature, log softmax(z/T), as a new array.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <returns>Log-probabilities (z_i − a)/T − log1p(s).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="z"/> is empty, all −∞, or has a NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    [OverloadResolutionPriority(1)]
    public static double[] LogSoftmax(double[] z, double temperature) => LogSoftmax<double>(z, temperature);

    /// <summary>Log-sum-exp of an array of any IEEE 754 type (float, for instance).</summary>
    /// <typeparam name="T">float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <returns>See <see cref="LogSumExp{T}(ReadOnlySpan{T})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is NaN.</exception>
    [OverloadResolutionPriority(1)]
    public static T LogSumExp<T>(T[] z) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(z);
        return LogSumExp(new ReadOnlySpan<T>(z));
    }

    /// <summary>Log-sum-exp at a temperature of an array of any IEEE 754 type.</summary>
    /// <typeparam name="T">float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <returns>See <see cref="LogSumExp{T}(ReadOnlySpan{T}, T)"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    [OverloadResolutionPriority(1)]
    public static T LogSumExp<T>(T[] z, T temperature) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(z);
        return LogSumExp(new ReadOnlySpan<T>(z), temperature);
    }

    /// <summary>Weighted log-sum-exp of arrays of any IEEE 754 type.</summary>
    /// <typeparam name="T">float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="weights">Finite nonnegative weights, as many as logits.</param>
    /// <returns>See <see cref="WeightedLogSumExp{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A logit is NaN, a weight is negative, NaN or +∞, or the lengths differ.</exception>
    [OverloadResolutionPriority(1)]
    public static T WeightedLogSumExp<T>(T[] z, T[] weights) where T : IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(weights);
        return WeightedLogSumExp(new ReadOnlySpan<T>(z), new ReadOnlySpan<T>(weights));
    }

    /// <summary>Softmax of an array of any IEEE 754 type, as a new array.</summary>
    /// <typeparam name="T">float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <returns>See <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="z"/> is empty, all −∞, or has a NaN.</exception>
    [OverloadResolutionPriority(1)]
    public static T[] Softmax<T>(T[] z) where T : IFloatingPointIeee754<T> =>
        NewArray(z, static (x, destination) => Softmax(x, destination));

    /// <summary>Softmax at a temperature of an array of any IEEE 754 type, as a new array.</summary>
    /// <typeparam name="T">float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <returns>See <see cref="Softmax{T}(ReadOnlySpan{T}, T, Span{T})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="z"/> is empty, all −∞, or has a NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    [OverloadResolutionPriority(1)]
    public static T[] Softmax<T>(T[] z, T temperature) where T : IFloatingPointIeee754<T> =>
        NewArray(z, temperature, static (x, t, destination) => Softmax(x, t, destination));

    /// <summary>Weighted softmax of arrays of any IEEE 754 type, as a new array.</summary>
    /// <typeparam name="T">float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="weights">Finite nonnegative weights, as many as logits.</param>
    /// <returns>See <see cref="WeightedSoftmax{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">See <see cref="WeightedSoftmax{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</exception>
    [OverloadResolutionPriority(1)]
    public static T[] WeightedSoftmax<T>(T[] z, T[] weights) where T : IFloatingPointIeee754<T> =>
        NewArray(z, NotNull(weights), static (x, w, destination) => WeightedSoftmax(x, w, destination));

    /// <summary>Log-softmax of an array of any IEEE 754 type, as a new array.</summary>
    /// <typeparam name="T">float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <returns>See <see cref="LogSoftmax{T}(ReadOnlySpan{T}, Span{T})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="z"/> is empty, all −∞, or has a NaN.</exception>
    [OverloadResolutionPriority(1)]
    public static T[] LogSoftmax<T>(T[] z) where T : IFloatingPointIeee754<T> =>
        NewArray(z, static (x, destination) => LogSoftmax(x, destination));

    /// <summary>Log-softmax at a temperature of an array of any IEEE 754 type, as a new array.</summary>
    /// <typeparam name="T">float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <returns>See <see cref="LogSoftmax{T}(ReadOnlySpan{T}, T, Span{T})"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="z"/> is empty, all −∞, or has a NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    [OverloadResolutionPriority(1)]
    public static T[] LogSoftmax<T>(T[] z, T temperature) where T : IFloatingPointIeee754<T> =>
        NewArray(z, temperature, static (x, t, destination) => LogSoftmax(x, t, destination));

    // The body of every array overload that returns a vector: the input checked for null, then the span function
    // written into a new array as long as it. The functions are static lambdas (one cached delegate each); what they
    // need besides the input comes in as state, so no call allocates a closure.
    private static T[] NewArray<T>(T[] z, Action<ReadOnlySpan<T>, Span<T>> function)
    {
        ArgumentNullException.ThrowIfNull(z);
        var result = new T[z.Length];
        function(z, result);
        return result;
    }

    private static T[] NewArray<T, TState>(T[] z, TState state, Action<ReadOnlySpan<T>, TState, Span<T>> function)
    {
        ArgumentNullException.ThrowIfNull(z);
        var result = new T[z.Length];
        function(z, state, result);
        return result;
    }

    private static TArray NotNull<TArray>(TArray argument, [CallerArgumentExpression(nameof(argument))] string? name = null)
        where TArray : class
    {
        ArgumentNullException.ThrowIfNull(argument, name);
        return argument;
    }
}
