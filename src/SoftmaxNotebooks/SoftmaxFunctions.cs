using System.Numerics;
using SoftmaxNotebooks.Kernels;

namespace SoftmaxNotebooks;

/// <summary>
/// Log-sum-exp, softmax, log-softmax, cross-entropy with logits and their derivatives, accurate for logits anywhere
/// in the floating-point range.
/// </summary>
/// <remarks>
/// <para>
/// Bring the functions into a notebook with <c>using static SoftmaxNotebooks.SoftmaxFunctions;</c>. Each function
/// has a generic span kernel (for <see cref="double"/> and <see cref="float"/>, any
/// <see cref="IFloatingPointIeee754{TSelf}"/> type) that allocates nothing, and array conveniences built on it.
/// </para>
/// <para>
/// <b>Algorithm</b> (Blanchard, Higham and Higham, "Accurately computing the log-sum-exp and softmax functions",
/// IMA J. Numer. Anal. 41, 2021). With a = z_k the largest logit (the first one if tied) and
/// s = Σ_{i≠k} e^{z_i − a}: LSE(z) = a + log1p(s); softmax_i = e^{z_i − a}/(1 + s) (a division, not
/// e^{z_i − LSE}); log-softmax_i = (z_i − a) − log1p(s). No exponential overflows, the largest term is exactly 1,
/// and log1p keeps the low bits of a small s (LSE([0, −40]) = 4.248354255291589e−18 to the last bit). The sum s is
/// compensated (Neumaier, in SIMD lanes), so the length of z does not cost accuracy.
/// </para>
/// <para>
/// <b>Temperature</b> T: LSE_T(z) = T·LSE(z/T), softmax_T(z) = softmax(z/T), log-softmax_T(z) = log softmax(z/T).
/// They are evaluated as a + T·log1p(Σ_{i≠k} e^{(z_i − a)/T}): shifting before dividing keeps every intermediate
/// finite whenever the result is (z = [1e300], T = 1e−10 gives 1e300). T must be positive and finite.
/// </para>
/// <para><b>Special values</b>, the same in every function:</para>
/// <list type="bullet">
/// <item>An empty z: LSE = −∞; softmax and log-softmax throw <see cref="ArgumentException"/> (no outcomes).</item>
/// <item>−∞ is a mask (weight zero): softmax 0, log-softmax −∞ there. All entries −∞: LSE = −∞, softmax throws.</item>
/// <item>+∞ entries: LSE = +∞. By convention (a definition, not a limit of finite inputs) the k entries equal to +∞
/// share the mass equally: softmax 1/k there and 0 elsewhere, log-softmax −log k and −∞.</item>
/// <item>NaN anywhere: <see cref="ArgumentException"/> naming the argument and the index. No result is ever NaN.</item>
/// <item>Temperature ≤ 0, NaN or ±∞: <see cref="ArgumentOutOfRangeException"/>.</item>
/// <item>Weights must be finite and nonnegative (<see cref="ArgumentException"/> naming the index otherwise); w_i = 0
/// removes entry i.</item>
/// <item>Inputs and outputs of different lengths: <see cref="ArgumentException"/> stating both lengths. A destination
/// may be the input itself (in place) but must not overlap it otherwise.</item>
/// </list>
/// <para>
/// <b>Accuracy</b>. With ε the unit roundoff (2⁻⁵² for double, 2⁻²³ for float), a = max z, s = softmax(z) and
/// κ = Σ_j s_j·|z_j − a| (the rounding of z_j − a, amplified by exp), the results satisfy:
/// LSE: |error| ≤ 8ε·(|a| + |LSE| + κ); softmax_i: relative error ≤ 8ε·(1 + |z_i − a| + κ);
/// log-softmax_i: |error| ≤ 8ε·(|z_i − a| + |log-softmax_i| + κ). Below the normal range (2.2e−308 for double,
/// 1.2e−38 for float) the error is absolute, at most that number. For double and float on machines with 256-bit vectors
/// the exponentials (all of arguments ≤ 0) come from the kit's own vector exp, within 1 ulp; otherwise from
/// <see cref="System.Numerics.Tensors.TensorPrimitives.Exp{T}(ReadOnlySpan{T}, Span{T})"/>.
/// </para>
/// </remarks>
public static partial class SoftmaxFunctions
{
    /// <summary>Log-sum-exp log Σ_i e^{z_i}, the smooth maximum of <paramref name="z"/>.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <returns>a + log1p(Σ_{i≠k} e^{z_i − a}) with a = z_k = max z; max z ≤ LSE ≤ max z + log n.</returns>
    /// <remarks>Empty or all −∞: −∞. Any +∞: +∞. Allocation-free. See <see cref="SoftmaxFunctions"/> for the rules.</remarks>
    /// <exception cref="ArgumentException">An entry of <paramref name="z"/> is NaN (the message names its index).</exception>
    public static T LogSumExp<T>(ReadOnlySpan<T> z) where T : IFloatingPointIeee754<T> =>
        SoftmaxKernel.LogSumExp(z, T.One, scaled: false, nameof(z));

    /// <summary>Log-sum-exp at a temperature: T·log Σ_i e^{z_i/T}.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0; T → 0⁺ tends to max z, T = 1 is <see cref="LogSumExp{T}(ReadOnlySpan{T})"/>.</param>
    /// <returns>a + T·log1p(Σ_{i≠k} e^{(z_i − a)/T}); max z ≤ result ≤ max z + T·log n.</returns>
    /// <remarks>The shift by a comes before the division by T, so a finite result is never lost to overflow of z/T.
    /// Special values as in <see cref="LogSumExp{T}(ReadOnlySpan{T})"/>.</remarks>
    /// <exception cref="ArgumentException">An entry of <paramref name="z"/> is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static T LogSumExp<T>(ReadOnlySpan<T> z, T temperature) where T : IFloatingPointIeee754<T> =>
        SoftmaxKernel.LogSumExp(z, temperature, scaled: true, nameof(z));

    /// <summary>Weighted log-sum-exp log Σ_i w_i e^{z_i} (weights as degeneracies or multiplicities).</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="weights">Finite nonnegative weights, as many as logits; w_i = 0 removes entry i (even a +∞ one).</param>
    /// <returns>The weighted log-sum-exp; −∞ when no entry has positive weight and a logit above −∞; +∞ when a +∞
    /// logit has positive weight.</returns>
    /// <remarks>A name of its own, not an overload of LogSumExp: two vectors of the same type never mean
    /// (logits, weights) in one call and (logits, destination) in another. The pivot is the largest term w_k e^{z_k};
    /// the others enter as e^{z_i − z_k}·w_i/w_k, so huge or tiny weights do not overflow. With all weights 1 this
    /// equals <see cref="LogSumExp{T}(ReadOnlySpan{T})"/> up to rounding.</remarks>
    /// <exception cref="ArgumentException">A logit is NaN, a weight is negative, NaN or +∞, or the lengths differ.</exception>
    public static T WeightedLogSumExp<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> weights) where T : IFloatingPointIeee754<T> =>
        WeightedKernel.LogSumExp(z, weights);

    /// <summary>Softmax e^{z_i}/Σ_j e^{z_j}, written to <paramref name="destination"/>.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="destination">Receives the probabilities; as long as <paramref name="z"/>, or <paramref name="z"/> itself.</param>
    /// <remarks>softmax_i = e^{z_i − a}/(1 + s). −∞ entries get 0; if any entry is +∞, the +∞ entries share the mass
    /// equally (convention). Shift invariant: softmax(z + c) = softmax(z). Allocation-free.
    /// <c>Softmax(z, buffer)</c> with two arrays is this overload and fills buffer: no overload named Softmax takes
    /// weights (that is <see cref="WeightedSoftmax{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>).
    /// Above 131,072 doubles (262,144 floats) z is read once, in blocks of 2¹⁹ bytes: each block's terms
    /// e^{z_i − m_b} (m_b its own maximum) are written as the block is read, then scaled by e^{m_b − a}/(1 + s); so
    /// when a NaN makes the call throw, the destination (z itself when in place) may already be partly written.</remarks>
    /// <exception cref="ArgumentException"><paramref name="z"/> is empty, all −∞, or has a NaN; or the destination
    /// has another length or overlaps <paramref name="z"/> partially.</exception>
    public static void Softmax<T>(ReadOnlySpan<T> z, Span<T> destination) where T : IFloatingPointIeee754<T> =>
        SoftmaxKernel.Softmax(z, T.One, scaled: false, destination, nameof(z));

    /// <summary>Softmax at a temperature, softmax(z/T), written to <paramref name="destination"/>.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0; small T concentrates the mass on the maximum, large T spreads it.</param>
    /// <param name="destination">Receives the probabilities; as long as <paramref name="z"/>, or <paramref name="z"/> itself.</param>
    /// <remarks>e^{(z_i − a)/T}/(1 + s); special values as in <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>.</remarks>
    /// <exception cref="ArgumentException">As for <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static void Softmax<T>(ReadOnlySpan<T> z, T temperature, Span<T> destination)
        where T : IFloatingPointIeee754<T> =>
        SoftmaxKernel.Softmax(z, temperature, scaled: true, destination, nameof(z));

    /// <summary>Weighted softmax w_i e^{z_i}/Σ_j w_j e^{z_j} (a Gibbs distribution with degeneracies w).</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="weights">Finite nonnegative weights, as many as logits; w_i = 0 gives probability 0.</param>
    /// <param name="destination">Receives the probabilities; as long as <paramref name="z"/>; may be
    /// <paramref name="z"/> or <paramref name="weights"/> itself.</param>
    /// <remarks>If a +∞ logit has positive weight, the +∞ entries share the mass in proportion to their weights
    /// (convention, reducing to equal shares for equal weights).</remarks>
    /// <exception cref="ArgumentException">No entry has positive weight and a logit above −∞; a logit is NaN; a weight
    /// is negative, NaN or +∞; lengths differ; or the destination overlaps an input partially.</exception>
    public static void WeightedSoftmax<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> weights, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        if (weights.Length != z.Length)
        {
            ThrowHelper.ThrowLengthMismatch(nameof(z), z.Length, nameof(weights), weights.Length);
        }

        SoftmaxKernel.CheckDestination(z, destination, nameof(z));
        SoftmaxKernel.CheckDestination(weights, destination, nameof(weights));
        WeightedKernel.Softmax(z, weights, destination);
    }

    /// <summary>Log-softmax z_i − LSE(z), written to <paramref name="destination"/>.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="destination">Receives log-probabilities; as long as <paramref name="z"/>, or <paramref name="z"/> itself.</param>
    /// <remarks>(z_i − a) − log1p(s): exact in the largest entry's neighbourhood, no log of a rounded probability.
    /// −∞ entries give −∞; with k entries +∞, −log k there and −∞ elsewhere.</remarks>
    /// <exception cref="ArgumentException">As for <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>.</exception>
    public static void LogSoftmax<T>(ReadOnlySpan<T> z, Span<T> destination) where T : IFloatingPointIeee754<T> =>
        SoftmaxKernel.LogSoftmax(z, T.One, scaled: false, destination, nameof(z));

    /// <summary>Log-softmax at a temperature, log softmax(z/T) = (z_i − a)/T − log1p(s), written to <paramref name="destination"/>.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0.</param>
    /// <param name="destination">Receives log-probabilities; as long as <paramref name="z"/>, or <paramref name="z"/> itself.</param>
    /// <remarks>Special values as in <see cref="LogSoftmax{T}(ReadOnlySpan{T}, Span{T})"/>.</remarks>
    /// <exception cref="ArgumentException">As for <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static void LogSoftmax<T>(ReadOnlySpan<T> z, T temperature, Span<T> destination)
        where T : IFloatingPointIeee754<T> =>
        SoftmaxKernel.LogSoftmax(z, temperature, scaled: true, destination, nameof(z));
}
