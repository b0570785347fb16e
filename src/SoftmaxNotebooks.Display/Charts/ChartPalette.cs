namespace SoftmaxNotebooks.Display;

/// <summary>
/// The kit's chart colours: mid-tone hues (after Okabe and Ito's colour-blind-safe set) chosen so that each has at
/// least 3:1 contrast (WCAG 1.4.11, graphical objects) against white and against the dark backgrounds of VS Code
/// (#1f1f1f) and the handouts' dark theme, so one figure reads in both themes and on paper.
/// </summary>
internal static class ChartPalette
{
    /// <summary>Blue, orange, green, vermilion, pink, violet, grey.</summary>
    public static IReadOnlyList<string> Colors { get; } = ["#2f80c8", "#c26a00", "#008f68", "#d0453b", "#c0599f", "#8a6fdf", "#6e7781"];

    /// <summary>The neutral grey, for reference lines that are not data series.</summary>
    public static string Grey => Colors[^1];
}
