using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SoftmaxNotebooks.Kernels;

/// <summary>
/// e^x for x ≤ 0 (including −0 and −∞; NaN is not expected), the only arguments the kernels pass after the shift by
/// the maximum. Knowing the sign removes the overflow, infinity and NaN handling of a general vector exp.
/// </summary>
/// <remarks>
/// x = k·ln 2 + r with |r| ≤ ln 2 / 2 (Cody–Waite: ln 2 split so that k·ln2Hi is exact for every k reached),
/// e^r = 1 + (r + r²·q(r)) with q a Chebyshev fit of (e^r − 1 − r)/r² (error 1.3e−17 double, 7.8e−9 float, relative
/// to 1), and 2^k built in the exponent bits. Below the normal range (k &lt; −1022, −126 for float) 2^k is applied as
/// two normal factors 2^⌊k/2⌋·2^⌈k/2⌉, so the subnormal result is rounded once; arguments are clamped at −746
/// (−104 for float), where the result rounds to 0, which also takes −∞ to 0. Measured against Math.Exp (float: Math.Exp
/// rounded to float) over 10⁷ random arguments per range: within 1 ulp (the benchmark project's <c>--accuracy</c> mode).
/// </remarks>
internal static class NonPositiveExp
{
    // 1.5·2⁵²: adding it rounds x·log₂e to an integer k held in the low mantissa bits.
    private const double RoundDouble = 6755399441055744.0;
    private const double Log2EDouble = 1.4426950408889634;
    // fdlibm's split of ln 2: the high part has 21 trailing zero bits, so k·Ln2Hi is exact for |k| < 2²¹.
    private const double Ln2HiDouble = 6.93147180369123816490e-01;
    private const double Ln2LoDouble = 1.90821492927058770002e-10;
    private const double MinDouble = -746.0;
    // ln 2⁻¹⁰²²: from here up, k ≥ −1022 and 2^k is a normal number.
    private const double NormalDouble = -708.3964185322641;

    private const double D2 = 0.5000000000000001;
    private const double D3 = 0.16666666666666669;
    private const double D4 = 0.041666666666624164;
    private const double D5 = 0.008333333333330065;
    private const double D6 = 0.0013888888917196719;
    private const double D7 = 0.00019841269863040545;
    private const double D8 = 2.4801521322368692e-05;
    private const double D9 = 2.7557268480310024e-06;
    private const double D10 = 2.7620075879983367e-07;
    private const double D11 = 2.5100375832561234e-08;

    private const float RoundSingle = 12582912.0f;
    private const float Log2ESingle = 1.44269504f;
    // fdlibm's split for float: the high part has 9 trailing zero bits, so k·Ln2Hi is exact for |k| < 2⁸ (k ≥ −150 here).
    private const float Ln2HiSingle = 0.693145752f;
    private const float Ln2LoSingle = 1.42860677e-06f;
    private const float MinSingle = -104.0f;
    private const float NormalSingle = -87.3365448f;

    private const float F2 = 0.5f;
    private const float F3 = 0.1666657702559799f;
    private const float F4 = 0.041666554662050534f;
    private const float F5 = 0.008363173074513711f;
    private const float F6 = 0.001392617611993558f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x)
    {
        x = Vector512.Max(x, Vector512.Create(MinDouble));
        Vector512<double> kd = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2EDouble), Vector512.Create(RoundDouble));
        Vector512<double> k = kd - Vector512.Create(RoundDouble);
        Vector512<double> r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2HiDouble), x);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2LoDouble), r);
        Vector512<double> r2 = r * r;
        Vector512<double> r4 = r2 * r2;
        // Estrin over q's ten coefficients: short dependency chains, the same operation count as Horner.
        Vector512<double> p23 = Vector512.FusedMultiplyAdd(r, Vector512.Create(D3), Vector512.Create(D2));
        Vector512<double> p45 = Vector512.FusedMultiplyAdd(r, Vector512.Create(D5), Vector512.Create(D4));
        Vector512<double> p67 = Vector512.FusedMultiplyAdd(r, Vector512.Create(D7), Vector512.Create(D6));
        Vector512<double> p89 = Vector512.FusedMultiplyAdd(r, Vector512.Create(D9), Vector512.Create(D8));
        Vector512<double> p1011 = Vector512.FusedMultiplyAdd(r, Vector512.Create(D11), Vector512.Create(D10));
        Vector512<double> p25 = Vector512.FusedMultiplyAdd(r2, p45, p23);
        Vector512<double> p69 = Vector512.FusedMultiplyAdd(r2, p89, p67);
        Vector512<double> p611 = Vector512.FusedMultiplyAdd(r4, p1011, p69);
        Vector512<double> q = Vector512.FusedMultiplyAdd(r4, p611, p25);
        Vector512<double> e = Vector512.FusedMultiplyAdd(r2, q, r) + Vector512<double>.One;
        Vector512<ulong> bits = kd.AsUInt64();
        if (Vector512.LessThanAny(x, Vector512.Create(NormalDouble)))
        {
            Vector512<long> ki = (bits - Vector512.Create(RoundDouble).AsUInt64()).AsInt64();
            Vector512<long> k1 = Vector512.ShiftRightArithmetic(ki, 1);
            Vector512<long> k2 = ki - k1;
            return e * Vector512.ShiftLeft(k1 + Vector512.Create(1023L), 52).AsDouble()
                * Vector512.ShiftLeft(k2 + Vector512.Create(1023L), 52).AsDouble();
        }

        // The magic constant's own bits shift out: bits << 52 is k << 52.
        return e * (Vector512.ShiftLeft(bits, 52) + Vector512.Create(1023UL << 52)).AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x)
    {
        x = Vector256.Max(x, Vector256.Create(MinDouble));
        Vector256<double> kd = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2EDouble), Vector256.Create(RoundDouble));
        Vector256<double> k = kd - Vector256.Create(RoundDouble);
        Vector256<double> r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2HiDouble), x);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2LoDouble), r);
        Vector256<double> r2 = r * r;
        Vector256<double> r4 = r2 * r2;
        Vector256<double> p23 = Vector256.FusedMultiplyAdd(r, Vector256.Create(D3), Vector256.Create(D2));
        Vector256<double> p45 = Vector256.FusedMultiplyAdd(r, Vector256.Create(D5), Vector256.Create(D4));
        Vector256<double> p67 = Vector256.FusedMultiplyAdd(r, Vector256.Create(D7), Vector256.Create(D6));
        Vector256<double> p89 = Vector256.FusedMultiplyAdd(r, Vector256.Create(D9), Vector256.Create(D8));
        Vector256<double> p1011 = Vector256.FusedMultiplyAdd(r, Vector256.Create(D11), Vector256.Create(D10));
        Vector256<double> p25 = Vector256.FusedMultiplyAdd(r2, p45, p23);
        Vector256<double> p69 = Vector256.FusedMultiplyAdd(r2, p89, p67);
        Vector256<double> p611 = Vector256.FusedMultiplyAdd(r4, p1011, p69);
        Vector256<double> q = Vector256.FusedMultiplyAdd(r4, p611, p25);
        Vector256<double> e = Vector256.FusedMultiplyAdd(r2, q, r) + Vector256<double>.One;
        Vector256<ulong> bits = kd.AsUInt64();
        if (Vector256.LessThanAny(x, Vector256.Create(NormalDouble)))
        {
            Vector256<long> ki = (bits - Vector256.Create(RoundDouble).AsUInt64()).AsInt64();
            Vector256<long> k1 = Vector256.ShiftRightArithmetic(ki, 1);
            Vector256<long> k2 = ki - k1;
            return e * Vector256.ShiftLeft(k1 + Vector256.Create(1023L), 52).AsDouble()
                * Vector256.ShiftLeft(k2 + Vector256.Create(1023L), 52).AsDouble();
        }

        return e * (Vector256.ShiftLeft(bits, 52) + Vector256.Create(1023UL << 52)).AsDouble();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        x = Vector512.Max(x, Vector512.Create(MinSingle));
        Vector512<float> kd = Vector512.FusedMultiplyAdd(x, Vector512.Create(Log2ESingle), Vector512.Create(RoundSingle));
        Vector512<float> k = kd - Vector512.Create(RoundSingle);
        Vector512<float> r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2HiSingle), x);
        r = Vector512.FusedMultiplyAdd(k, Vector512.Create(-Ln2LoSingle), r);
        Vector512<float> r2 = r * r;
        Vector512<float> p23 = Vector512.FusedMultiplyAdd(r, Vector512.Create(F3), Vector512.Create(F2));
        Vector512<float> p45 = Vector512.FusedMultiplyAdd(r, Vector512.Create(F5), Vector512.Create(F4));
        Vector512<float> p26 = Vector512.FusedMultiplyAdd(r2, Vector512.FusedMultiplyAdd(r2, Vector512.Create(F6), p45), p23);
        Vector512<float> e = Vector512.FusedMultiplyAdd(r2, p26, r) + Vector512<float>.One;
        Vector512<uint> bits = kd.AsUInt32();
        if (Vector512.LessThanAny(x, Vector512.Create(NormalSingle)))
        {
            Vector512<int> ki = (bits - Vector512.Create(RoundSingle).AsUInt32()).AsInt32();
            Vector512<int> k1 = Vector512.ShiftRightArithmetic(ki, 1);
            Vector512<int> k2 = ki - k1;
            return e * Vector512.ShiftLeft(k1 + Vector512.Create(127), 23).AsSingle()
                * Vector512.ShiftLeft(k2 + Vector512.Create(127), 23).AsSingle();
        }

        return e * (Vector512.ShiftLeft(bits, 23) + Vector512.Create(127U << 23)).AsSingle();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Max(x, Vector256.Create(MinSingle));
        Vector256<float> kd = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2ESingle), Vector256.Create(RoundSingle));
        Vector256<float> k = kd - Vector256.Create(RoundSingle);
        Vector256<float> r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2HiSingle), x);
        r = Vector256.FusedMultiplyAdd(k, Vector256.Create(-Ln2LoSingle), r);
        Vector256<float> r2 = r * r;
        Vector256<float> p23 = Vector256.FusedMultiplyAdd(r, Vector256.Create(F3), Vector256.Create(F2));
        Vector256<float> p45 = Vector256.FusedMultiplyAdd(r, Vector256.Create(F5), Vector256.Create(F4));
        Vector256<float> p26 = Vector256.FusedMultiplyAdd(r2, Vector256.FusedMultiplyAdd(r2, Vector256.Create(F6), p45), p23);
        Vector256<float> e = Vector256.FusedMultiplyAdd(r2, p26, r) + Vector256<float>.One;
        Vector256<uint> bits = kd.AsUInt32();
        if (Vector256.LessThanAny(x, Vector256.Create(NormalSingle)))
        {
            Vector256<int> ki = (bits - Vector256.Create(RoundSingle).AsUInt32()).AsInt32();
            Vector256<int> k1 = Vector256.ShiftRightArithmetic(ki, 1);
            Vector256<int> k2 = ki - k1;
            return e * Vector256.ShiftLeft(k1 + Vector256.Create(127), 23).AsSingle()
                * Vector256.ShiftLeft(k2 + Vector256.Create(127), 23).AsSingle();
        }

        return e * (Vector256.ShiftLeft(bits, 23) + Vector256.Create(127U << 23)).AsSingle();
    }
}
