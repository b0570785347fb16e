using System.Globalization;

namespace SoftmaxNotebooks.Display;

/// <summary>
/// Culture-invariant number text at the notebook's precision (<see cref="DisplaySettings.Precision"/>): the one number
/// formatter of the display code (tables, summaries, chart labels and titles, <c>KitDisplay.Format</c>).
/// </summary>
internal static class Numbers
{
    /// <summary>A number at the notebook's precision.</summary>
    public static string Text(double x) => Text(x, DisplaySettings.Precision);

    /// <summary>
    /// A number with an explicit number of significant digits. Minus signs are typographic (U+2212) in HTML and
    /// plain text alike: these strings are read, not parsed, and one output mixing "-2" and "−2" looks like two notations.
    /// </summary>
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
        if (e >= 0)
        {
            // "1.235E-07" reads better as "1.235e-7".
            var exponent = int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            s = string.Concat(s.AsSpan(0, e), "e", exponent.ToString(CultureInfo.InvariantCulture));
        }

        return s.Replace('-', '−');
    }

    /// <summary>An integer, culture-invariant.</summary>
    public static string Int(int n) => n.ToString(CultureInfo.InvariantCulture);
}
