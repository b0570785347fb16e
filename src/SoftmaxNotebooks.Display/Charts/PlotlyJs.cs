using System.Reflection;

namespace SoftmaxNotebooks.Display;

/// <summary>The one plotly.js build the kit uses, embedded in this assembly (npm <c>plotly.js-dist-min@2.28.0</c>).</summary>
/// <remarks>
/// The build also copies the same file to <c>artifacts/kit/plotly.min.js</c>, for tools that render handouts without
/// referencing the kit.
/// </remarks>
public static class PlotlyJs
{
    private static readonly Lazy<string> LazySource = new(Load);

    /// <summary>The plotly.js version.</summary>
    public const string Version = "2.28.0";

    /// <summary>The minified plotly.js source.</summary>
    public static string Source => LazySource.Value;

    private static string Load()
    {
        using var stream = typeof(PlotlyJs).Assembly.GetManifestResourceStream("SoftmaxNotebooks.Display.plotly.min.js")
            ?? throw new InvalidOperationException("plotly.min.js is not embedded in " + typeof(PlotlyJs).Assembly.GetName().Name);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>A displayable value whose HTML loads plotly.js into the notebook view.</summary>
[TypeFormatterSource(typeof(DisplayFormatterSource<PlotlyJsLoader>))]
public sealed class PlotlyJsLoader
{
    internal PlotlyJsLoader()
    {
    }

    /// <summary>The HTML: plotly.js inline, guarded so a view loads it once.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Displayed values are instances; the HTML is an instance view.")]
    public string ToHtml()
    {
        ChartSession.MarkPlotlyJsEmbedded();
        return FigureHtml.PlotlyJsScript() +
               $"<div style=\"{Html.Muted}\">plotly.js {PlotlyJs.Version} loaded for the charts of this notebook.</div>";
    }

    /// <inheritdoc/>
    public override string ToString() => $"plotly.js {PlotlyJs.Version} ({PlotlyJs.Source.Length} characters)";
}
