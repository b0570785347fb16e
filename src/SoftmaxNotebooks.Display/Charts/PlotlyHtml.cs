namespace SoftmaxNotebooks.Display;

/// <summary>
/// The kit's chart output for any plotly.js figure JSON (for example one Plotly.NET serialized): the same element
/// numbering, plotly.js embedding and theme-following script as <see cref="Figure.ToHtml"/>.
/// </summary>
public static class PlotlyHtml
{
    /// <summary>The notebook output for a figure.</summary>
    /// <param name="figureJson">plotly.js figure JSON: <c>{"data":[…],"layout":{…}}</c>.</param>
    /// <param name="title">A title for the waiting message (shown while plotly.js is missing).</param>
    /// <param name="height">The reserved height in pixels.</param>
    public static string Fragment(string figureJson, string title, int height = 420)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(figureJson);
        return FigureHtml.Fragment(figureJson, title ?? "", height);
    }

    /// <summary>A standalone page with plotly.js inline.</summary>
    /// <param name="figureJson">plotly.js figure JSON.</param>
    /// <param name="title">The page title.</param>
    /// <param name="height">The reserved height in pixels.</param>
    public static string Document(string figureJson, string title, int height = 420)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(figureJson);
        return FigureHtml.Document(figureJson, title ?? "", height);
    }
}
