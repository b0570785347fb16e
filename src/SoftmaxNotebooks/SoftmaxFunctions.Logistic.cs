using System.Numerics;
using System.Runtime.CompilerServices;
using SoftmaxNotebooks.Kernels;

namespace SoftmaxNotebooks;

// The two-class case. Both functions run the softmax kernel on the pair [x, 0], so they equal
// Softmax([x, 0])[0] and LogSumExp([x, 0]) bit for bit, not merely up to rounding.
public static partial class SoftmaxFunctions
{
    [InlineArray(2)]
    private struct Pair<T>
    {
        private T element0;
    }

    /// <summary>The logistic sigmoid σ(x) = 1/(1 + e^{−x}) = Softmax([x, 0])[0].</summary>
    /// <param name="x">The logit (log-odds).</param>
    /// <returns>1/(1 + e^{−x}) for x ≥ 0 and e^{x}/(1 + e^{x}) for x &lt; 0, so neither branch overflows;
    /// σ(+∞) = 1, σ(−∞) = 0.</returns>
    /// <remarks>Bit-for-bit equal to <c>Softmax([x, 0])[0]</c>: logistic regression is the two-class softmax.</remarks>
    /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
    public static double Sigmoid(double x) => Sigmoid<double>(x);

    /// <summary>The logistic sigmoid for any IEEE 754 type (float, for instance); see <see cref="Sigmoid(double)"/>.</summary>
    /// <typeparam name="T">float or another IEEE 754 type.</typeparam>
    /// <param name="x">The logit (log-odds).</param>
    /// <returns>σ(x), bit-for-bit equal to the first entry of the softmax of [x, 0].</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
    public static T Sigmoid<T>(T x) where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(x))
        {
            ThrowHelper.ThrowNaNScalar(nameof(x));
        }

        Pair<T> pair = default;
        Span<T> z = pair;
        z[0] = x;
        z[1] = T.Zero;
        Pivot<T> pivot = SoftmaxKernel.FindPivot<T>(z, nameof(x));
        SoftmaxKernel.Softmax(z, pivot, T.One, scaled: false, z);
        return z[0];
    }

    /// <summary>The softplus log(1 + e^{x}) = LogSumExp([x, 0]).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>max(x, 0) + log1p(e^{−|x|}); softplus(+∞) = +∞, softplus(−∞) = 0.</returns>
    /// <remarks>Bit-for-bit equal to <c>LogSumExp([x, 0])</c>; its derivative is <see cref="Sigmoid(double)"/>.</remarks>
    /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
    public static double Softplus(double x) => Softplus<double>(x);

    /// <summary>The softplus for any IEEE 754 type (float, for instance); see <see cref="Softplus(double)"/>.</summary>
    /// <typeparam name="T">float or another IEEE 754 type.</typeparam>
    /// <param name="x">The argument.</param>
    /// <returns>log(1 + e^{x}), bit-for-bit equal to the log-sum-exp of [x, 0].</returns>
    /// <exception cref="ArgumentException"><paramref name="x"/> is NaN.</exception>
    public static T Softplus<T>(T x) where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(x))
        {
            ThrowHelper.ThrowNaNScalar(nameof(x));
        }

        Pair<T> pair = default;
        Span<T> z = pair;
        z[0] = x;
        z[1] = T.Zero;
        return SoftmaxKernel.LogSumExp<T>(z, T.One, scaled: false, nameof(x));
    }
}
