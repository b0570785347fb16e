using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SoftmaxNotebooks.Kernels;

namespace SoftmaxNotebooks;

/// <summary>
/// One streaming pass over a spectrum: the shifted log partition sum and the first two moments of a centred,
/// rescaled energy, without ever forming βE from raw energies.
/// </summary>
internal static class GibbsKernel
{
    // Small enough to live in L1 next to the input, large enough that the per-block rescaling is negligible.
    private const int BlockLength = 1024;

    /// <summary>
    /// Sums over levels i of w_i = exp(a_i − Shift) with a_i = logG_i − β·(E_i − eRef), and the weighted moments of
    /// u_i = (E_i − center)/scale. eRef must be the extreme level (E_min for β ≥ 0, E_max for β &lt; 0), so that no
    /// exponent overflows and, with g = 1, the largest exponent is exactly 0 (then Shift = 0 without a search); with
    /// degeneracies the running maximum is tracked per block, so the pass still reads the input once.
    /// </summary>
    /// <param name="energies">Finite energies, not empty.</param>
    /// <param name="logDegeneracies">log g_i, or empty for g = 1.</param>
    /// <param name="beta">Finite inverse temperature.</param>
    /// <param name="eRef">Exponent reference energy.</param>
    /// <param name="center">Centre of the moments.</param>
    /// <param name="scale">Energy scale of the moments (the span), &gt; 0; it may be subnormal.</param>
    public static GibbsMoments Evaluate(
        ReadOnlySpan<double> energies,
        ReadOnlySpan<double> logDegeneracies,
        double beta,
        double eRef,
        double center,
        double scale)
    {
        // 1/scale overflows for a subnormal span (< 2⁻¹⁰²⁴), and (E − center)·∞ would be NaN; there the deviations are
        // first lifted by 2⁶⁰⁰ (exact) so that both factors stay finite. Otherwise preScale = 1 changes nothing.
        double invScale = 1.0 / scale;
        double preScale = 1.0;
        if (double.IsInfinity(invScale))
        {
            preScale = Math.ScaleB(1.0, 600);
            invScale = 1.0 / (scale * preScale);
        }

        bool weighted = !logDegeneracies.IsEmpty;
        Span<double> exponents = stackalloc double[BlockLength];
        double shift = double.NegativeInfinity;
        // Block totals are added with compensation (Neumaier) so that 10^6 levels keep the residual near ε.
        var s0 = new CompensatedSum<double>();
        var s1 = new CompensatedSum<double>();
        var s2 = new CompensatedSum<double>();

        if (!weighted)
        {
            // With g = 1 and eRef an extreme level, every exponent is ≤ 0 and the one at eRef is exactly 0: the shift is
            // known before the pass, so exp and the moments fuse into one loop with no exponent buffer or rescaling.
            for (int start = 0; start < energies.Length; start += BlockLength)
            {
                int length = Math.Min(BlockLength, energies.Length - start);
                AccumulateUnweighted(energies.Slice(start, length), beta, eRef, center, preScale, invScale, out double b0, out double b1, out double b2);
                s0.Add(b0);
                s1.Add(b1);
                s2.Add(b2);
            }

            return Moments(0.0, s0, s1, s2);
        }

        for (int start = 0; start < energies.Length; start += BlockLength)
        {
            int length = Math.Min(BlockLength, energies.Length - start);
            ReadOnlySpan<double> e = energies.Slice(start, length);
            ReadOnlySpan<double> lg = weighted ? logDegeneracies.Slice(start, length) : default;
            Span<double> a = exponents[..length];

            double blockMax = Exponents(e, lg, beta, eRef, a);
            if (blockMax > shift)
            {
                double rescale = Math.Exp(shift - blockMax);
                s0.Scale(rescale);
                s1.Scale(rescale);
                s2.Scale(rescale);
                shift = blockMax;
            }

            if (double.IsNegativeInfinity(shift))
            {
                continue;
            }

            Accumulate(e, a, shift, center, preScale, invScale, out double b0, out double b1, out double b2);
            s0.Add(b0);
            s1.Add(b1);
            s2.Add(b2);
        }

        return Moments(shift, s0, s1, s2);
    }

    private static GibbsMoments Moments(double shift, in CompensatedSum<double> s0, in CompensatedSum<double> s1,
        in CompensatedSum<double> s2)
    {
        double sum = s0.Total;
        double mean = s1.Total / sum;
        double variance = Math.Max(0.0, (s2.Total / sum) - (mean * mean));
        return new GibbsMoments(shift, sum, mean, variance);
    }

    // The exponents −β(E − eRef) formed exactly as Exponents does, so the fused loop rounds like the two-loop one.
    private static void AccumulateUnweighted(
        ReadOnlySpan<double> e, double beta, double eRef, double center, double preScale, double invScale,
        out double b0, out double b1, out double b2)
    {
        int i = 0;
        b0 = 0.0;
        b1 = 0.0;
        b2 = 0.0;
        ref double re = ref MemoryMarshal.GetReference(e);
        if (Vector512.IsHardwareAccelerated && e.Length >= Vector512<double>.Count)
        {
            var vref = Vector512.Create(eRef);
            var vbeta = Vector512.Create(-beta);
            var vcenter = Vector512.Create(center);
            var vpre = Vector512.Create(preScale);
            var vinv = Vector512.Create(invScale);
            Vector512<double> v0 = default, v1 = default, v2 = default;
            // At β = 0 every weight is e^{±0} = 1 exactly, so skipping the exp gives the same bits (the solver's first pass).
            for (; beta == 0 && i <= e.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var u = ((Vector512.LoadUnsafe(ref re, (nuint)i) - vcenter) * vpre) * vinv;
                v0 += Vector512<double>.One;
                v1 += u;
                v2 += u * u;
            }

            for (; i <= e.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var x = Vector512.LoadUnsafe(ref re, (nuint)i);
                var w = NonPositiveExp.Exp(vbeta * (x - vref));
                var u = ((x - vcenter) * vpre) * vinv;
                var wu = w * u;
                v0 += w;
                v1 += wu;
                v2 += wu * u;
            }

            b0 = Vector512.Sum(v0);
            b1 = Vector512.Sum(v1);
            b2 = Vector512.Sum(v2);
        }
        else if (Vector256.IsHardwareAccelerated && e.Length >= Vector256<double>.Count)
        {
            var vref = Vector256.Create(eRef);
            var vbeta = Vector256.Create(-beta);
            var vcenter = Vector256.Create(center);
            var vpre = Vector256.Create(preScale);
            var vinv = Vector256.Create(invScale);
            Vector256<double> v0 = default, v1 = default, v2 = default;
            // At β = 0 every weight is e^{±0} = 1 exactly, so skipping the exp gives the same bits (the solver's first pass).
            for (; beta == 0 && i <= e.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var u = ((Vector256.LoadUnsafe(ref re, (nuint)i) - vcenter) * vpre) * vinv;
                v0 += Vector256<double>.One;
                v1 += u;
                v2 += u * u;
            }

            for (; i <= e.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var x = Vector256.LoadUnsafe(ref re, (nuint)i);
                var w = NonPositiveExp.Exp(vbeta * (x - vref));
                var u = ((x - vcenter) * vpre) * vinv;
                var wu = w * u;
                v0 += w;
                v1 += wu;
                v2 += wu * u;
            }

            b0 = Vector256.Sum(v0);
            b1 = Vector256.Sum(v1);
            b2 = Vector256.Sum(v2);
        }

        for (; i < e.Length; i++)
        {
            double w = Math.Exp(-beta * (e[i] - eRef));
            double u = ((e[i] - center) * preScale) * invScale;
            b0 += w;
            b1 += w * u;
            b2 += w * u * u;
        }
    }

    // Two fused loops per block (exponents + max, then exp + moments) over L1-resident data, in the widest vectors
    // the machine accelerates; the scalar tail handles the remainder.
    private static double Exponents(ReadOnlySpan<double> e, ReadOnlySpan<double> lg, double beta, double eRef, Span<double> a)
    {
        int i = 0;
        double max = double.NegativeInfinity;
        bool weighted = !lg.IsEmpty;
        ref double re = ref MemoryMarshal.GetReference(e);
        ref double rlg = ref MemoryMarshal.GetReference(lg);
        ref double ra = ref MemoryMarshal.GetReference(a);
        if (Vector512.IsHardwareAccelerated && e.Length >= Vector512<double>.Count)
        {
            var vmax = Vector512.Create(double.NegativeInfinity);
            var vref = Vector512.Create(eRef);
            var vbeta = Vector512.Create(-beta);
            for (; i <= e.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var x = vbeta * (Vector512.LoadUnsafe(ref re, (nuint)i) - vref);
                if (weighted)
                {
                    x += Vector512.LoadUnsafe(ref rlg, (nuint)i);
                }

                x.StoreUnsafe(ref ra, (nuint)i);
                vmax = Vector512.Max(vmax, x);
            }

            for (int lane = 0; lane < Vector512<double>.Count; lane++)
            {
                max = Math.Max(max, vmax[lane]);
            }
        }
        else if (Vector256.IsHardwareAccelerated && e.Length >= Vector256<double>.Count)
        {
            var vmax = Vector256.Create(double.NegativeInfinity);
            var vref = Vector256.Create(eRef);
            var vbeta = Vector256.Create(-beta);
            for (; i <= e.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var x = vbeta * (Vector256.LoadUnsafe(ref re, (nuint)i) - vref);
                if (weighted)
                {
                    x += Vector256.LoadUnsafe(ref rlg, (nuint)i);
                }

                x.StoreUnsafe(ref ra, (nuint)i);
                vmax = Vector256.Max(vmax, x);
            }

            for (int lane = 0; lane < Vector256<double>.Count; lane++)
            {
                max = Math.Max(max, vmax[lane]);
            }
        }

        for (; i < e.Length; i++)
        {
            double x = -beta * (e[i] - eRef);
            if (weighted)
            {
                x += lg[i];
            }

            a[i] = x;
            max = Math.Max(max, x);
        }

        return max;
    }

    private static void Accumulate(
        ReadOnlySpan<double> e, ReadOnlySpan<double> a, double shift, double center, double preScale, double invScale,
        out double b0, out double b1, out double b2)
    {
        int i = 0;
        b0 = 0.0;
        b1 = 0.0;
        b2 = 0.0;
        ref double re = ref MemoryMarshal.GetReference(e);
        ref double ra = ref MemoryMarshal.GetReference(a);
        if (Vector512.IsHardwareAccelerated && e.Length >= Vector512<double>.Count)
        {
            var vshift = Vector512.Create(shift);
            var vcenter = Vector512.Create(center);
            var vpre = Vector512.Create(preScale);
            var vinv = Vector512.Create(invScale);
            Vector512<double> v0 = default, v1 = default, v2 = default;
            for (; i <= e.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                var w = NonPositiveExp.Exp(Vector512.LoadUnsafe(ref ra, (nuint)i) - vshift);
                var u = ((Vector512.LoadUnsafe(ref re, (nuint)i) - vcenter) * vpre) * vinv;
                var wu = w * u;
                v0 += w;
                v1 += wu;
                v2 += wu * u;
            }

            b0 = Vector512.Sum(v0);
            b1 = Vector512.Sum(v1);
            b2 = Vector512.Sum(v2);
        }
        else if (Vector256.IsHardwareAccelerated && e.Length >= Vector256<double>.Count)
        {
            var vshift = Vector256.Create(shift);
            var vcenter = Vector256.Create(center);
            var vpre = Vector256.Create(preScale);
            var vinv = Vector256.Create(invScale);
            Vector256<double> v0 = default, v1 = default, v2 = default;
            for (; i <= e.Length - Vector256<double>.Count; i += Vector256<double>.Count)
            {
                var w = NonPositiveExp.Exp(Vector256.LoadUnsafe(ref ra, (nuint)i) - vshift);
                var u = ((Vector256.LoadUnsafe(ref re, (nuint)i) - vcenter) * vpre) * vinv;
                var wu = w * u;
                v0 += w;
                v1 += wu;
                v2 += wu * u;
            }

            b0 = Vector256.Sum(v0);
            b1 = Vector256.Sum(v1);
            b2 = Vector256.Sum(v2);
        }

        for (; i < e.Length; i++)
        {
            double w = Math.Exp(a[i] - shift);
            double u = ((e[i] - center) * preScale) * invScale;
            b0 += w;
            b1 += w * u;
            b2 += w * u * u;
        }
    }
}

/// <summary>Result of one <see cref="GibbsKernel"/> pass.</summary>
/// <param name="Shift">Largest exponent a_i seen (the log-scale of <paramref name="Sum"/>).</param>
/// <param name="Sum">Σ exp(a_i − Shift) ≥ 1.</param>
/// <param name="Mean">Weighted mean of u.</param>
/// <param name="Variance">Weighted variance of u (raw-moment form: accurate when the centre is near the mean).</param>
internal readonly record struct GibbsMoments(double Shift, double Sum, double Mean, double Variance);
