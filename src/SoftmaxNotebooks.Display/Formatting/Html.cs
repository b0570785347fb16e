using System.Globalization;
using System.Net;

namespace SoftmaxNotebooks.Display;

/// <summary>Escaping and the few theme-neutral style fragments every kit table shares.</summary>
internal static class Html
{
    /// <summary>
    /// Escapes text for element content and quoted attribute values; null gives the empty string. The encoder is the
    /// framework's <see cref="WebUtility.HtmlEncode(string)"/>, the one the notebook runner's pages use too.
    /// </summary>
    public static string Escape(string? text) => string.IsNullOrEmpty(text) ? string.Empty : WebUtility.HtmlEncode(text);

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

    // Read by screen readers, not drawn: a label for a column of marks, or the word a mark stands for.
    private const string VisuallyHiddenStyle =
        "position:absolute;width:1px;height:1px;margin:-1px;padding:0;border:0;overflow:hidden;clip:rect(0,0,0,0);white-space:nowrap";

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
    // Text colours: the fallbacks have at least 4.5:1 against white; a dark host sets the variables (VS Code does, and
    // so do the handouts' dark theme).
    public const string Good = "var(--vscode-charts-green,#1a7f37)";
    public const string Bad = "var(--vscode-charts-red,#cf222e)";

    /// <summary>A horizontal bar filled to <paramref name="fraction"/> of its width (clamped to [0, 1]).</summary>
    public static string Bar(double fraction)
    {
        var f = double.IsFinite(fraction) ? Math.Clamp(fraction, 0, 1) : 0;
        var percent = (f * 100).ToString("0.##", CultureInfo.InvariantCulture);
        return "<div style=\"width:8em;height:0.75em;background:color-mix(in srgb,currentColor 10%,transparent)\">" +
               $"<div style=\"width:{percent}%;height:100%;background:{Accent}\"></div></div>";
    }

    public static string Cell(string html, bool left = false) => $"<td style=\"{(left ? TdLeft : Td)}\">{html}</td>";

    /// <summary>A column header cell.</summary>
    public static string Header(string html, bool left = false) => $"<th scope=\"col\" style=\"{(left ? ThLeft : Th)}\">{html}</th>";

    /// <summary>A row header cell (the label that names a row, such as a matrix row's index).</summary>
    public static string RowHeader(string html, bool left = false) => $"<th scope=\"row\" style=\"{(left ? ThLeft : Th)}\">{html}</th>";

    /// <summary>A table caption (HTML).</summary>
    public static string TableCaption(string html) => $"<caption style=\"{Caption}\">{html}</caption>";

    /// <summary>Text for screen readers only (escaped here).</summary>
    public static string VisuallyHidden(string text) => $"<span style=\"{VisuallyHiddenStyle}\">{Escape(text)}</span>";

    /// <summary>
    /// A pass or fail mark (✓ or ✗) that a screen reader announces as "passed" or "failed": a span is named by
    /// aria-label only with a role, so it is an image.
    /// </summary>
    public static string Mark(bool ok, string glyph = "") => ok
        ? $"<span role=\"img\" aria-label=\"passed\" style=\"color:{Good};font-weight:700\">{(glyph.Length > 0 ? glyph : "✓")}</span>"
        : $"<span role=\"img\" aria-label=\"failed\" style=\"color:{Bad};font-weight:700\">{(glyph.Length > 0 ? glyph : "✗")}</span>";
}
