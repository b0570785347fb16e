namespace SoftmaxNotebooks;

/// <summary>How chart outputs get plotly.js.</summary>
public enum PlotlyJsEmbedding
{
    /// <summary>
    /// The first chart output of the session (or <see cref="KitDisplay.LoadPlotlyJs"/>) carries plotly.js; later
    /// charts reuse it. If it is gone from the view, a chart names the cell to run instead of staying blank.
    /// </summary>
    FirstChart,

    /// <summary>Every chart output carries plotly.js: self-contained, about 3.6 MB each.</summary>
    EveryChart,

    /// <summary>No output carries plotly.js: the page that shows the outputs includes it once.</summary>
    None,
}
