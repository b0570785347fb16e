using System.Numerics;
using SoftmaxNotebooks.Kernels;

namespace SoftmaxNotebooks;

// Derivatives: ∇LSE = softmax, and the softmax Jacobian diag(s) − s sᵀ is the Hessian of LSE (symmetric, positive
// semidefinite, with the all-ones vector in its null space). With a temperature, ∇(T·LSE(z/T)) = softmax(z/T) and
// the Jacobian of softmax(z/T) — the Hessian of T·LSE(z/T) — is (1/T)(diag s − s sᵀ).
public static partial class SoftmaxFunctions
{
    /// <summary>The softmax Jacobian ∂s_i/∂z_j = s_i(δ_ij − s_j), written row-major to an n×n destination.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits (n of them).</param>
    /// <param name="destination">Receives the n·n entries row by row; must not overlap z.</param>
    /// <remarks>The diagonal is s_i·(1 − s_i), with 1 − s_k for the largest entry formed as s/(1 + s), so it keeps
    /// its relative accuracy when s_k is close to 1. Exactly symmetric. Special values follow softmax (masked rows and
    /// columns are 0; +∞ entries use the equal-share convention).</remarks>
    /// <exception cref="ArgumentException">z is empty, all −∞ or has a NaN; or the destination does not fit.</exception>
    public static void SoftmaxJacobian<T>(ReadOnlySpan<T> z, Span<T> destination) where T : IFloatingPointIeee754<T> =>
        DerivativeKernel.Jacobian(z, T.One, scaled: false, destination);

    /// <summary>The Jacobian of softmax(z/T), (1/T)(diag s − s sᵀ) with s = softmax(z/T), written row-major.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits (n of them).</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <param name="destination">Receives the n·n entries row by row; must not overlap z.</param>
    /// <remarks>Also the Hessian of T·LSE(z/T).</remarks>
    /// <exception cref="ArgumentException">z is empty, all −∞ or has a NaN; or the destination does not fit.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static void SoftmaxJacobian<T>(ReadOnlySpan<T> z, T temperature, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        SoftmaxKernel.ValidateTemperature(temperature);
        DerivativeKernel.Jacobian(z, temperature, scaled: true, destination);
    }

    /// <summary>Jacobian-vector product J·v = s ⊙ (v − ⟨s, v⟩) without forming J.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="v">A finite tangent vector, as long as z.</param>
    /// <param name="destination">Receives J·v; as long as z; may be z itself but must not overlap v.</param>
    /// <remarks>
    /// <para>O(n) time, allocation-free. v_i − ⟨s, v⟩ is formed around the largest logit k (the first one if tied) as
    /// x_i = (v_i − v_k) − Σ_{j≠k} s_j·(v_j − v_k), the sum compensated, never as v_i minus a rounded ⟨s, v⟩: where
    /// s_k is close to 1, ⟨s, v⟩ ≈ v_k and that difference is rounding error only (at logits (40, 0, 0), every digit
    /// of (J·v)_k). A constant v gives exactly 0.</para>
    /// <para>Accuracy, to first order in ε = 2⁻⁵², with η_j = 8ε·(1 + |z_j − a|/T + κ) the softmax's relative bound
    /// and x_i = v_i − ⟨s, v⟩: |error_i| ≤ s_i·(η_i·|x_i| + ε·(|v_i − v_k| + 2|x_i|) + Σ_{j≠k} (η_j + 2ε)·s_j·|v_j − v_k|),
    /// ÷ T with a temperature. Proof: each s_j carries η_j, each v_j − v_k and each product one rounding (ε/2), the
    /// compensated sum ε/2 of |μ| ≤ Σ_{j≠k} s_j·|v_j − v_k| (plus O(nε²)); x_i, s_i·x_i and ÷ T one rounding each. No
    /// term grows as s_k → 1: for logits (t, 0, 0) the relative error stays below 2ε for t up to 700 (against
    /// mpmath, tests/SoftmaxNotebooks.Tests/Accuracy/CancellationReferenceTests), where s_i(v_i − ⟨s, v⟩) loses
    /// every digit from t ≈ 37 on.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">Lengths differ; z is empty, all −∞ or has a NaN; v has a NaN or ±∞; or
    /// the destination overlaps v.</exception>
    public static void SoftmaxJvp<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> v, Span<T> destination)
        where T : IFloatingPointIeee754<T> =>
        DerivativeKernel.Product(z, v, T.One, scaled: false, destination);

    /// <summary>Jacobian-vector product of softmax(z/T): (1/T)·s ⊙ (v − ⟨s, v⟩).</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="v">A finite tangent vector, as long as z.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <param name="destination">Receives J·v; as long as z; may be z itself but must not overlap v.</param>
    /// <remarks>The form and the accuracy of <see cref="SoftmaxJvp{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</remarks>
    /// <exception cref="ArgumentException">As for <see cref="SoftmaxJvp{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static void SoftmaxJvp<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> v, T temperature, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        SoftmaxKernel.ValidateTemperature(temperature);
        DerivativeKernel.Product(z, v, temperature, scaled: true, destination);
    }

    /// <summary>Vector-Jacobian product vᵀJ (the backward pass), equal to J·v because J is symmetric: the same
    /// computation and accuracy as <see cref="SoftmaxJvp{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="v">A finite cotangent vector, as long as z.</param>
    /// <param name="destination">Receives vᵀJ; as long as z; may be z itself but must not overlap v.</param>
    /// <exception cref="ArgumentException">As for <see cref="SoftmaxJvp{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</exception>
    public static void SoftmaxVjp<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> v, Span<T> destination)
        where T : IFloatingPointIeee754<T> =>
        SoftmaxJvp(z, v, destination);

    /// <summary>Vector-Jacobian product of softmax(z/T), (1/T)·s ⊙ (v − ⟨s, v⟩).</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The logits.</param>
    /// <param name="v">A finite cotangent vector, as long as z.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <param name="destination">Receives vᵀJ; as long as z; may be z itself but must not overlap v.</param>
    /// <exception cref="ArgumentException">As for <see cref="SoftmaxJvp{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static void SoftmaxVjp<T>(ReadOnlySpan<T> z, ReadOnlySpan<T> v, T temperature, Span<T> destination)
        where T : IFloatingPointIeee754<T> =>
        SoftmaxJvp(z, v, temperature, destination);

    /// <summary>Gradient of log-sum-exp, ∇LSE(z) = Softmax(z).</summary>
    /// <param name="z">The logits.</param>
    /// <returns>softmax(z), a new array.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">z is empty, all −∞ (LSE = −∞ has no gradient), or has a NaN.</exception>
    public static double[] LogSumExpGradient(double[] z) => Softmax(z);

    /// <summary>Gradient of T·LSE(z/T), which is softmax(z/T).</summary>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <returns>softmax(z/T), a new array.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">z is empty, all −∞, or has a NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static double[] LogSumExpGradient(double[] z, double temperature) => Softmax(z, temperature);

    /// <summary>Hessian of log-sum-exp, diag(s) − s sᵀ with s = softmax(z): the softmax Jacobian.</summary>
    /// <param name="z">The logits.</param>
    /// <returns>An n×n symmetric positive semidefinite matrix whose rows sum to 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">z is empty, all −∞, or has a NaN.</exception>
    public static double[,] LogSumExpHessian(double[] z) => SoftmaxJacobian(z);

    /// <summary>Hessian of T·LSE(z/T), (1/T)(diag s − s sᵀ) with s = softmax(z/T).</summary>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <returns>An n×n symmetric positive semidefinite matrix whose rows sum to 0.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">z is empty, all −∞, or has a NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static double[,] LogSumExpHessian(double[] z, double temperature) => SoftmaxJacobian(z, temperature);

    /// <summary>The softmax Jacobian diag(s) − s sᵀ as an n×n matrix; see <see cref="SoftmaxJacobian{T}(ReadOnlySpan{T}, Span{T})"/>.</summary>
    /// <param name="z">The logits.</param>
    /// <returns>J with J[i, j] = ∂softmax_i/∂z_j.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">z is empty, all −∞, or has a NaN.</exception>
    public static double[,] SoftmaxJacobian(double[] z)
    {
        ArgumentNullException.ThrowIfNull(z);
        var result = new double[z.Length, z.Length];
        SoftmaxJacobian(new ReadOnlySpan<double>(z), MatrixSpan.Write(result));
        return result;
    }

    /// <summary>The Jacobian of softmax(z/T), (1/T)(diag s − s sᵀ), as an n×n matrix.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <returns>J with J[i, j] = ∂softmax(z/T)_i/∂z_j.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">z is empty, all −∞, or has a NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static double[,] SoftmaxJacobian(double[] z, double temperature)
    {
        ArgumentNullException.ThrowIfNull(z);
        var result = new double[z.Length, z.Length];
        SoftmaxJacobian(new ReadOnlySpan<double>(z), temperature, MatrixSpan.Write(result));
        return result;
    }

    /// <summary>Jacobian-vector product s ⊙ (v − ⟨s, v⟩) as a new array, without forming the Jacobian.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="v">A finite tangent vector, as long as z.</param>
    /// <returns>J·v.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">See <see cref="SoftmaxJvp{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</exception>
    public static double[] SoftmaxJvp(double[] z, double[] v) => Product(z, v, 1.0, scaled: false);

    /// <summary>Jacobian-vector product of softmax(z/T), (1/T)·s ⊙ (v − ⟨s, v⟩), as a new array.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="v">A finite tangent vector, as long as z.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <returns>J·v.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">See <see cref="SoftmaxJvp{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static double[] SoftmaxJvp(double[] z, double[] v, double temperature) =>
        Product(z, v, temperature, scaled: true);

    /// <summary>Vector-Jacobian product vᵀJ as a new array (equal to J·v: J is symmetric).</summary>
    /// <param name="z">The logits.</param>
    /// <param name="v">A finite cotangent vector, as long as z.</param>
    /// <returns>vᵀJ.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">See <see cref="SoftmaxJvp{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</exception>
    public static double[] SoftmaxVjp(double[] z, double[] v) => Product(z, v, 1.0, scaled: false);

    /// <summary>Vector-Jacobian product of softmax(z/T) as a new array.</summary>
    /// <param name="z">The logits.</param>
    /// <param name="v">A finite cotangent vector, as long as z.</param>
    /// <param name="temperature">T &gt; 0 and finite.</param>
    /// <returns>vᵀJ = (1/T)·s ⊙ (v − ⟨s, v⟩).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">See <see cref="SoftmaxJvp{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="temperature"/> is not positive and finite.</exception>
    public static double[] SoftmaxVjp(double[] z, double[] v, double temperature) =>
        Product(z, v, temperature, scaled: true);

    private static double[] Product(double[] z, double[] v, double temperature, bool scaled)
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(v);
        if (scaled)
        {
            SoftmaxKernel.ValidateTemperature(temperature);
        }

        var result = new double[z.Length];
        DerivativeKernel.Product<double>(z, v, temperature, scaled, result);
        return result;
    }
}
