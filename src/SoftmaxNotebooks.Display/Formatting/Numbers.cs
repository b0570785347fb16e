using System.Globalization;

namespace SoftmaxNotebooks.Display;

/// <summary>
/// Culture-invariant number text at the notebook's precision (<see cref="KitDisplay.Precision"/>): the one number
/// formatter of the display code (tables, summaries, chart labels and titles, <see cref="KitDisplay.Format(double, int?)"/>).
/// </summary>
internal static class Numbers
{
    /// <summary>Plain text: ASCII minus on finite numbers, so copied numbers parse back.</summary>
    public static string Text(double x) => Text(x, KitDisplay.Precision);

    /// <summary>Plain text with an explicit number of significant digits.</summary>
    public static string Text(double x, int digits)
    {
        if (double.IsNaN(x))
        {
            return "NaN";
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? "∞" : "−∞";
        }

        if (x == 0)
        {
            return "0";
        }

        var s = x.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var e = s.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return s;
        }

        // "1.235E-07" reads better as "1.235e-7".
        var exponent = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return string.Concat(s.AsSpan(0, e), "e", exponent.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>HTML: typographic minus sign.</summary>
    public static string Html(double x) => Text(x).Replace('-', '−');

    /// <summary>An integer, culture-invariant.</summary>
    public static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);
}
