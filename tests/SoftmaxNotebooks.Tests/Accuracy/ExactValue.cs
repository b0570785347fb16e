using System.Globalization;
using System.Numerics;

namespace SoftmaxNotebooks.Tests.Accuracy;

/// <summary>
/// A reference value held as an unevaluated sum <c>Hi + Lo</c> of two doubles (about 106 bits), parsed exactly
/// from the 25-digit decimal the mpmath script wrote. Rounding the reference to one double would blur errors of
/// half an ulp, which is a sizeable share of the 8ε bounds the kit is held to.
/// </summary>
internal readonly record struct ExactValue(double Hi, double Lo, string Text)
{
    /// <summary>Magnitude of the reference rounded to double (enough for bounds, which are not exact anyway).</summary>
    public double Magnitude => Math.Abs(Hi + Lo);

    public static ExactValue Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        double hi = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (hi == 0 || double.IsInfinity(hi))
        {
            return new ExactValue(hi, 0, text);
        }

        return new ExactValue(hi, Remainder(text, hi), text);
    }

    /// <summary>The error got − (Hi + Lo); got − Hi is formed exactly (two-sum), so no rounding hides in it.</summary>
    public double ErrorOf(double got)
    {
        if (!double.IsFinite(got))
        {
            return got.Equals(Hi) ? 0 : double.PositiveInfinity;
        }

        double s = got - Hi;
        double bb = s - got;
        double roundoff = (got - (s - bb)) + (-Hi - bb);
        return s + (roundoff - Lo);
    }

    public ExactValue Scaled(int powerOfTwo) =>
        new(Math.ScaleB(Hi, powerOfTwo), Math.ScaleB(Lo, powerOfTwo), $"{Text}·2^{powerOfTwo}");

    /// <summary>text − hi as the nearest double, from exact rational arithmetic.</summary>
    private static double Remainder(string text, double hi)
    {
        (BigInteger digits, int exponent10) = Decimal(text);
        long bits = BitConverter.DoubleToInt64Bits(hi);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xF_FFFF_FFFF_FFFFL;
        BigInteger mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        int exponent2 = (biased == 0 ? 1 : biased) - 1075;
        if (hi < 0)
        {
            mantissa = -mantissa;
        }

        // text = digits·10^exponent10 = a / da and hi = mantissa·2^exponent2 = b / db.
        BigInteger a = exponent10 >= 0 ? digits * BigInteger.Pow(10, exponent10) : digits;
        BigInteger da = exponent10 >= 0 ? BigInteger.One : BigInteger.Pow(10, -exponent10);
        BigInteger b = exponent2 >= 0 ? mantissa << exponent2 : mantissa;
        BigInteger db = exponent2 >= 0 ? BigInteger.One : BigInteger.One << -exponent2;
        return Quotient((a * db) - (b * da), da * db);
    }

    private static (BigInteger Digits, int Exponent10) Decimal(string text)
    {
        string mantissa = text;
        int exponent = 0;
        int e = text.IndexOfAny(['e', 'E']);
        if (e >= 0)
        {
            mantissa = text[..e];
            exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            exponent -= mantissa.Length - dot - 1;
            mantissa = mantissa.Remove(dot, 1);
        }

        return (BigInteger.Parse(mantissa, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture), exponent);
    }

    private static double Quotient(BigInteger numerator, BigInteger denominator)
    {
        if (numerator.IsZero)
        {
            return 0;
        }

        int sign = numerator.Sign;
        numerator = BigInteger.Abs(numerator);
        // Keep 64 significant bits in the integer quotient; the remainder only has to be right to a few bits.
        long shift = (long)numerator.GetBitLength() - (long)denominator.GetBitLength() - 64;
        BigInteger q = shift >= 0 ? numerator / (denominator << (int)shift) : (numerator << (int)-shift) / denominator;
        return sign * Math.ScaleB((double)q, (int)shift);
    }
}
