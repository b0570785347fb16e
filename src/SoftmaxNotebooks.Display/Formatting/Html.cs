using System.Globalization;
using System.Text;

namespace SoftmaxNotebooks.Display;

/// <summary>Escaping and the few theme-neutral style fragments every kit table shares.</summary>
internal static class Html
{
    /// <summary>Escapes text for element content and quoted attribute values.</summary>
    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            sb.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => c.ToString(),
            });
        }

        return sb.ToString();
    }

    // Colours come from the surrounding text (currentColor) or VS Code's theme variables with neutral fallbacks,
    // so one output reads in light and dark themes and prints on paper.
    public const string Table =
        "border-collapse:collapse;margin:0.25em 0;font-variant-numeric:tabular-nums;color:inherit;background:transparent;" +
        "-webkit-print-color-adjust:exact;print-color-adjust:exact";

    /// <summary>The opening tag of every kit table (class <c>smx-table</c>, which <see cref="PrintStyle"/> targets).</summary>
    public const string TableStart = "<table class=\"smx-table\" style=\"" + Table + "\">";

    // A notebook view scrolls a wide table; paper cuts it off at the right margin. In print, smaller type and
    // padding let a table of six-digit numbers fit A4's text width (about 700 px), while header and label text
    // wraps at its spaces as in any auto-width table. Inline padding needs !important to be overridden.
    public const string PrintStyle =
        "<style>@media print{table.smx-table{font-size:0.85em;max-width:100%}" +
        "table.smx-table th,table.smx-table td{padding:0.05em 0.35em!important}}</style>";

    public const string Caption = "caption-side:top;text-align:left;padding:0.2em 0;font-weight:600";

    public const string Th =
        "padding:0.15em 0.6em;text-align:right;font-weight:600;border-bottom:1px solid color-mix(in srgb,currentColor 45%,transparent)";

    public const string ThLeft =
        "padding:0.15em 0.6em;text-align:left;font-weight:600;border-bottom:1px solid color-mix(in srgb,currentColor 45%,transparent)";

    public const string Td =
        "padding:0.1em 0.6em;text-align:right;border-bottom:1px solid color-mix(in srgb,currentColor 12%,transparent)";

    public const string TdLeft =
        "padding:0.1em 0.6em;text-align:left;border-bottom:1px solid color-mix(in srgb,currentColor 12%,transparent)";

    public const string Muted = "opacity:0.7";

    public const string Accent = "var(--vscode-charts-blue,#3b7dd8)";
    public const string Good = "var(--vscode-charts-green,#2e9a4e)";
    public const string Bad = "var(--vscode-charts-red,#d0453b)";

    /// <summary>A horizontal bar filled to <paramref name="fraction"/> of its width (clamped to [0, 1]).</summary>
    public static string Bar(double fraction)
    {
        var f = double.IsFinite(fraction) ? Math.Clamp(fraction, 0, 1) : 0;
        var percent = (f * 100).ToString("0.##", CultureInfo.InvariantCulture);
        return "<div style=\"width:8em;height:0.75em;background:color-mix(in srgb,currentColor 10%,transparent)\">" +
               $"<div style=\"width:{percent}%;height:100%;background:{Accent}\"></div></div>";
    }

    public static string Cell(string html, bool left = false) => $"<td style=\"{(left ? TdLeft : Td)}\">{html}</td>";

    public static string Header(string html, bool left = false) => $"<th style=\"{(left ? ThLeft : Th)}\">{html}</th>";
}
