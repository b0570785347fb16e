using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using SoftmaxNotebooks.Display;

namespace SoftmaxNotebooks.PlotlyNet;

/// <summary>
/// Formats Plotly.NET <see cref="GenericChart"/> values like kit charts: the same theme-following output, with the
/// plotly.js the kit embeds (once per session), so they render offline. Without it a chart displays as an object tree,
/// or, with Plotly.NET.Interactive loaded, as HTML that loads plotly.js from a CDN via RequireJS. In a notebook,
/// <see cref="PlotlyNetInNotebooks.Enable"/> registers it.
/// </summary>
public static class PlotlyNetFormatter
{
    private static int registered;

    /// <summary>Registers the HTML and plain-text formatters for <see cref="GenericChart"/>; later calls do nothing.</summary>
    /// <remarks>Converting a kit figure with <see cref="FigureToPlotlyNet.ToGenericChart"/> registers them too.</remarks>
    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }

        Formatter.Register<GenericChart>(ToHtml, HtmlFormatter.MimeType);
        Formatter.Register<GenericChart>(ToText, PlainTextFormatter.MimeType);
    }

    /// <summary>The notebook HTML of a chart (see <see cref="PlotlyHtml.Fragment"/>).</summary>
    /// <param name="chart">The chart.</param>
    public static string ToHtml(GenericChart chart) => PlotlyHtml.Fragment(GenericChart.toFigureJson(chart), TitleOf(chart));

    /// <summary>A standalone page with plotly.js inline (see <see cref="PlotlyHtml.Document"/>).</summary>
    /// <param name="chart">The chart.</param>
    public static string ToHtmlDocument(GenericChart chart) => PlotlyHtml.Document(GenericChart.toFigureJson(chart), TitleOf(chart));

    private static string ToText(GenericChart chart) =>
        $"Plotly.NET chart \"{TitleOf(chart)}\": {GenericChart.countTrace(chart)} trace(s)";

    private static string TitleOf(GenericChart chart)
    {
        var layout = GenericChart.getLayout(chart);
        return layout.TryGetTypedPropertyValue<Title>("title") is { } title && title.Value.TryGetTypedPropertyValue<string>("text") is { } text
            ? text.Value
            : "chart";
    }
}
