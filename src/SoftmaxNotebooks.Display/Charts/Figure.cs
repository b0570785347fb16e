using System.Text;
using System.Text.Json;

namespace SoftmaxNotebooks.Display;

/// <summary>How a trace draws its points.</summary>
public enum TraceKind
{
    /// <summary>Vertical bars over categories.</summary>
    Bar,

    /// <summary>A line through the points.</summary>
    Lines,

    /// <summary>Markers only.</summary>
    Markers,

    /// <summary>A line with markers.</summary>
    LinesAndMarkers,

    /// <summary>
    /// A grid of cells coloured by integer values (<see cref="Trace.Z"/>, one colour per value from
    /// <see cref="Trace.CellColors"/>), for example the class a model predicts at each point of a plane.
    /// </summary>
    Heatmap,
}

/// <summary>How a line is drawn.</summary>
public enum LineDash
{
    /// <summary>Solid.</summary>
    Solid,

    /// <summary>Dashed.</summary>
    Dash,

    /// <summary>Dotted.</summary>
    Dot,
}

/// <summary>The shape of a trace's markers, so that series differ in more than colour.</summary>
public enum MarkerSymbol
{
    /// <summary>A filled circle (plotly.js's default).</summary>
    Circle,

    /// <summary>A filled square.</summary>
    Square,

    /// <summary>A filled diamond.</summary>
    Diamond,

    /// <summary>A triangle pointing up.</summary>
    TriangleUp,

    /// <summary>A diagonal cross.</summary>
    Cross,

    /// <summary>A five-pointed star.</summary>
    Star,
}

/// <summary>How a bar is filled, so that bars of two series differ in more than colour.</summary>
public enum FillPattern
{
    /// <summary>Solid colour.</summary>
    Solid,

    /// <summary>Diagonal hatching.</summary>
    Hatched,

    /// <summary>Dots.</summary>
    Dotted,
}

/// <summary>One plotly.js trace: a series of points drawn as bars, lines or markers.</summary>
public sealed record Trace
{
    /// <summary>How the points are drawn.</summary>
    public required TraceKind Kind { get; init; }

    /// <summary>The legend and hover name.</summary>
    public required string Name { get; init; }

    /// <summary>Numeric x coordinates (lines and markers); ignored when <see cref="Categories"/> is set.</summary>
    public IReadOnlyList<double>? X { get; init; }

    /// <summary>Category names on the x axis (bars).</summary>
    public IReadOnlyList<string>? Categories { get; init; }

    /// <summary>The y coordinates; non-finite values leave gaps.</summary>
    public required IReadOnlyList<double> Y { get; init; }

    /// <summary>Whether the trace is drawn initially (a slider shows one trace at a time).</summary>
    public bool Visible { get; init; } = true;

    /// <summary>Whether the trace is measured on the figure's right-hand axis (<see cref="Figure.YAxis2"/>).</summary>
    public bool OnSecondaryAxis { get; init; }

    /// <summary>Line style for <see cref="TraceKind.Lines"/> and <see cref="TraceKind.LinesAndMarkers"/>.</summary>
    public LineDash Dash { get; init; } = LineDash.Solid;

    /// <summary>Marker diameter in pixels for markers, or null for plotly.js's default.</summary>
    public double? MarkerSize { get; init; }

    /// <summary>Marker shape for markers (default a circle).</summary>
    public MarkerSymbol Symbol { get; init; } = MarkerSymbol.Circle;

    /// <summary>Bar fill (default solid); other kinds ignore it.</summary>
    public FillPattern Pattern { get; init; } = FillPattern.Solid;

    /// <summary>
    /// A CSS colour (for example "#2f80c8") for the bars, line and markers, or null for the figure's colour cycle (the
    /// kit's palette, <see cref="Charts.ClassColors"/>). Not used by heatmaps (see <see cref="CellColors"/>).
    /// </summary>
    public string? Color { get; init; }

    /// <summary>
    /// A short text per point (lines and markers only), drawn above the point and shown in its hover, for example
    /// how many predictions a reliability bin holds; null for none. Same length as <see cref="Y"/>.
    /// </summary>
    public IReadOnlyList<string>? PointLabels { get; init; }

    /// <summary>Opacity of the whole trace, 0 (invisible) to 1 (opaque), or null for opaque.</summary>
    public double? Opacity { get; init; }

    /// <summary>
    /// Heatmap values: <c>Z[j][i]</c> is the cell at (<see cref="X"/>[i], <see cref="Y"/>[j]), an integer from 0 to
    /// <see cref="CellColors"/>.Count − 1 (plotly.js's row-major order: one row per y).
    /// </summary>
    public IReadOnlyList<IReadOnlyList<double>>? Z { get; init; }

    /// <summary>Heatmap colours: a cell with value k is drawn in <c>CellColors[k]</c> (a stepped colour scale, no colour bar).</summary>
    public IReadOnlyList<string>? CellColors { get; init; }

    /// <summary>The plotly.js trace type.</summary>
    public string PlotlyType => Kind switch
    {
        TraceKind.Bar => "bar",
        TraceKind.Heatmap => "heatmap",
        _ => "scatter",
    };

    /// <summary>The plotly.js marker symbol name.</summary>
    public string PlotlySymbol => Symbol switch
    {
        MarkerSymbol.Square => "square",
        MarkerSymbol.Diamond => "diamond",
        MarkerSymbol.TriangleUp => "triangle-up",
        MarkerSymbol.Cross => "x",
        MarkerSymbol.Star => "star",
        _ => "circle",
    };

    /// <summary>The plotly.js bar pattern shape ("/" hatching, "." dots), or null for a solid fill.</summary>
    public string? PlotlyPattern => Kind != TraceKind.Bar ? null : Pattern switch
    {
        FillPattern.Hatched => "/",
        FillPattern.Dotted => ".",
        _ => null,
    };

    /// <summary>The plotly.js scatter mode, or null for bars.</summary>
    public string? PlotlyMode => Kind switch
    {
        TraceKind.Lines => "lines" + (PointLabels is null ? "" : "+text"),
        TraceKind.Markers => "markers" + (PointLabels is null ? "" : "+text"),
        TraceKind.LinesAndMarkers => "lines+markers" + (PointLabels is null ? "" : "+text"),
        _ => null,
    };

    /// <summary>
    /// The plotly.js colour scale of a heatmap: value k of <see cref="Z"/> (scaled over [−0.5, n − 0.5]) maps to
    /// <see cref="CellColors"/>[k] over the whole step, so neighbouring classes never blend.
    /// </summary>
    public IReadOnlyList<(double Position, string Color)> PlotlyColorScale()
    {
        var colors = CellColors ?? [];
        var scale = new List<(double, string)>();
        for (var k = 0; k < colors.Count; k++)
        {
            scale.Add(((double)k / colors.Count, colors[k]));
            scale.Add(((double)(k + 1) / colors.Count, colors[k]));
        }

        return scale;
    }
}

/// <summary>How an axis maps values.</summary>
public enum AxisScale
{
    /// <summary>Linear.</summary>
    Linear,

    /// <summary>Base-10 logarithmic.</summary>
    Log,

    /// <summary>Categories in order.</summary>
    Category,
}

/// <summary>An axis: its title (Unicode, no LaTeX) and scale.</summary>
public sealed record Axis
{
    /// <summary>The axis title.</summary>
    public string Title { get; init; } = "";

    /// <summary>The scale.</summary>
    public AxisScale Scale { get; init; } = AxisScale.Linear;

    /// <summary>A fixed range in data units (linear axes only), or null to fit the data.</summary>
    public (double Min, double Max)? Range { get; init; }
}

/// <summary>A slider step: its label and which traces it shows.</summary>
public sealed record SliderStep
{
    /// <summary>The label under the slider tick.</summary>
    public required string Label { get; init; }

    /// <summary>One flag per trace of the figure: visible at this step.</summary>
    public required IReadOnlyList<bool> Visible { get; init; }
}

/// <summary>A slider that switches traces on and off (no server: plotly.js restyles in the page).</summary>
public sealed record Slider
{
    /// <summary>Text before the current step's label, for example "T = ".</summary>
    public required string Prefix { get; init; }

    /// <summary>The steps, in slider order.</summary>
    public required IReadOnlyList<SliderStep> Steps { get; init; }

    /// <summary>The index of the step shown first.</summary>
    public int Active { get; init; }
}

/// <summary>How bars of several traces share a category.</summary>
public enum BarMode
{
    /// <summary>Side by side.</summary>
    Group,

    /// <summary>Drawn over each other.</summary>
    Overlay,
}

/// <summary>
/// A plotly.js figure (data, layout, sliders) built by the kit's chart helpers. It displays as a chart in notebooks,
/// serializes to plotly.js JSON with <see cref="ToJson"/>, and saves as a standalone page.
/// </summary>
[TypeFormatterSource(typeof(DisplayFormatterSource<Figure>))]
public sealed record Figure
{
    /// <summary>The chart title (Unicode).</summary>
    public required string Title { get; init; }

    /// <summary>The traces, drawn in order.</summary>
    public required IReadOnlyList<Trace> Traces { get; init; }

    /// <summary>The horizontal axis.</summary>
    public Axis XAxis { get; init; } = new();

    /// <summary>The left vertical axis.</summary>
    public Axis YAxis { get; init; } = new();

    /// <summary>A right-hand vertical axis for traces with <see cref="Trace.OnSecondaryAxis"/>, or null.</summary>
    public Axis? YAxis2 { get; init; }

    /// <summary>How bars share a category.</summary>
    public BarMode BarMode { get; init; } = BarMode.Group;

    /// <summary>A slider over the traces, or null.</summary>
    public Slider? Slider { get; init; }

    /// <summary>The plot height in pixels.</summary>
    public int Height { get; init; } = 420;

    /// <summary>
    /// The title as plotly.js draws it: wrapped at spaces into lines of at most <see cref="TitleLineLength"/>
    /// characters, joined by &lt;br&gt;, so a long title is not cut off at both ends of a narrow page.
    /// </summary>
    public string PlotlyTitle => string.Join("<br>", TitleLines(Title));

    /// <summary>The title font size in pixels: plotly.js's 17 for one line, 15 for a wrapped title.</summary>
    public int TitleFontSize => TitleLines(Title).Count > 1 ? 15 : 17;

    /// <summary>
    /// The band in pixels at the top of the chart kept for plotly.js's toolbar (the mode bar, drawn in the top right
    /// corner on hover): the title starts below it, so a long title is never covered by the toolbar.
    /// </summary>
    public const int ModeBarBand = 28;

    /// <summary>The top margin in pixels: the toolbar's band, the title's lines and the legend above the plot.</summary>
    public int TopMargin => ModeBarBand + (TitleLines(Title).Count * TitleLineHeight) + 8 + (ShowsLegend ? (24 * LegendRows) + 6 : 0);

    /// <summary>
    /// How many rows the horizontal legend takes in the handouts' 680 px column (about 520 px between the margins):
    /// each entry about 45 px of symbol and spacing plus 6.5 px per character, wrapped into rows.
    /// </summary>
    public int LegendRows => ShowsLegend ? Math.Max(1, (int)Math.Ceiling(Traces.Sum(t => 45 + (6.5 * t.Name.Length)) / 520)) : 0;

    /// <summary>
    /// Where plotly.js is told to hang the title (<c>title.y</c> with <c>yref</c> "container", <c>yanchor</c> "top"),
    /// so that its first line starts <see cref="ModeBarBand"/> pixels below the top: plotly.js draws a top-anchored
    /// title about 4 px above that point and moves a title of n lines up by (n − 1)/2 lines more (measured in
    /// chromium with plotly.js 2.28; the browser test of the toolbar checks it).
    /// </summary>
    public double TitleY => 1 - ((ModeBarBand + 4 + ((TitleLines(Title).Count - 1) * TitleLineHeight / 2.0)) / Height);

    // plotly.js sets title lines 1.3 font sizes apart.
    private int TitleLineHeight => (int)Math.Ceiling(1.3 * TitleFontSize);

    /// <summary>The longest title line before it wraps; a 1000 px page fits about 90 characters at 15 px.</summary>
    public const int TitleLineLength = 70;

    /// <summary>Whether a legend is drawn: several traces and no slider (a slider shows one trace at a time).</summary>
    public bool ShowsLegend => Slider is null && Traces.Count > 1;

    private static List<string> TitleLines(string title)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var word in title.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > TitleLineLength)
            {
                lines.Add(line.ToString());
                line.Clear();
            }

            line.Append(line.Length > 0 ? " " : "").Append(word);
        }

        lines.Add(line.ToString());
        return lines;
    }

    /// <summary>The plotly.js figure as JSON: <c>{"data":[…],"layout":{…}}</c>, deterministic for equal figures.</summary>
    public string ToJson() => FigureJson.Write(this);

    /// <summary>
    /// The HTML a notebook shows: a uniquely numbered element and a script that draws into it with the page's
    /// plotly.js (see <see cref="KitDisplay.PlotlyJsEmbedding"/>), following the light or dark theme.
    /// </summary>
    public string ToHtml() => FigureHtml.Fragment(ToJson(), Title, Height);

    /// <summary>A standalone HTML page with plotly.js inline: opens offline in any browser.</summary>
    public string ToHtmlDocument() => FigureHtml.Document(ToJson(), Title, Height);

    /// <summary>Saves <see cref="ToHtmlDocument"/> to <paramref name="path"/>, atomically (written beside it, then moved).</summary>
    /// <param name="path">The file to write; an existing file is replaced.</param>
    /// <returns>The full path written.</returns>
    public string SaveHtml(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = Path.GetFullPath(path);
        var temporary = full + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".tmp";
        try
        {
            File.WriteAllText(temporary, ToHtmlDocument(), new UTF8Encoding(false));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return full;
    }

    /// <summary>A one-line description: title, traces, slider.</summary>
    public override string ToString()
    {
        var kinds = string.Join(", ", Traces.Select(t => t.Kind.ToString().ToLowerInvariant()).Distinct());
        var slider = Slider is null ? "" : $", slider over {Slider.Steps.Count} steps";
        return $"Figure \"{Title}\": {Traces.Count} trace{(Traces.Count == 1 ? "" : "s")} ({kinds}){slider}";
    }
}

/// <summary>Serializes figures with System.Text.Json's writer, keys in a fixed order.</summary>
internal static class FigureJson
{
    private static readonly JsonWriterOptions Options = new() { Indented = false };

    public static string Write(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteStartArray("data");
            foreach (var trace in figure.Traces)
            {
                WriteTrace(w, trace);
            }

            w.WriteEndArray();
            WriteLayout(w, figure);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteTrace(Utf8JsonWriter w, Trace t)
    {
        w.WriteStartObject();
        w.WriteString("type", t.PlotlyType);
        w.WriteString("name", t.Name);
        if (t.PlotlyMode is { } mode)
        {
            w.WriteString("mode", mode);
        }

        if (t.Kind == TraceKind.Heatmap)
        {
            WriteHeatmap(w, t);
            return;
        }

        w.WriteStartArray("x");
        if (t.Categories is { } categories)
        {
            foreach (var c in categories)
            {
                w.WriteStringValue(c);
            }
        }
        else
        {
            foreach (var x in t.X ?? Enumerable.Range(0, t.Y.Count).Select(i => (double)i).ToArray())
            {
                WriteNumber(w, x);
            }
        }

        w.WriteEndArray();
        w.WriteStartArray("y");
        foreach (var y in t.Y)
        {
            WriteNumber(w, y);
        }

        w.WriteEndArray();
        w.WriteBoolean("visible", t.Visible);
        if (t.PointLabels is { } labels && t.Kind != TraceKind.Bar)
        {
            if (labels.Count != t.Y.Count)
            {
                throw new InvalidOperationException($"Trace \"{t.Name}\" has {labels.Count} point labels for {t.Y.Count} points; PointLabels needs one per point.");
            }

            w.WriteStartArray("text");
            foreach (var label in labels)
            {
                w.WriteStringValue(label);
            }

            w.WriteEndArray();
            w.WriteString("textposition", "top center");
            // A label over a point at the plot's edge (a bin at confidence 1) would be cut off by the axes' frame.
            w.WriteBoolean("cliponaxis", false);
        }

        if (t.OnSecondaryAxis)
        {
            w.WriteString("yaxis", "y2");
        }

        var hasLine = t.Kind is TraceKind.Lines or TraceKind.LinesAndMarkers;
        if (hasLine && (t.Dash != LineDash.Solid || t.Color is not null))
        {
            w.WriteStartObject("line");
            if (t.Dash != LineDash.Solid)
            {
                w.WriteString("dash", t.Dash == LineDash.Dash ? "dash" : "dot");
            }

            if (t.Color is { } lineColor)
            {
                w.WriteString("color", lineColor);
            }

            w.WriteEndObject();
        }

        var hasMarkers = t.Kind is TraceKind.Markers or TraceKind.LinesAndMarkers;
        var symbol = hasMarkers && t.Symbol != MarkerSymbol.Circle;
        if (t.MarkerSize is not null || (t.Color is not null && t.Kind != TraceKind.Lines) || symbol || t.PlotlyPattern is not null)
        {
            w.WriteStartObject("marker");
            if (t.MarkerSize is { } size)
            {
                WriteNumber(w, "size", size);
            }

            if (t.Color is { } markerColor && t.Kind != TraceKind.Lines)
            {
                w.WriteString("color", markerColor);
            }

            if (symbol)
            {
                w.WriteString("symbol", t.PlotlySymbol);
            }

            if (t.PlotlyPattern is { } shape)
            {
                w.WriteStartObject("pattern");
                w.WriteString("shape", shape);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        if (t.Opacity is { } opacity)
        {
            WriteNumber(w, "opacity", opacity);
        }

        w.WriteEndObject();
    }

    private static void WriteHeatmap(Utf8JsonWriter w, Trace t)
    {
        w.WriteStartArray("x");
        foreach (var x in t.X ?? [])
        {
            WriteNumber(w, x);
        }

        w.WriteEndArray();
        w.WriteStartArray("y");
        foreach (var y in t.Y)
        {
            WriteNumber(w, y);
        }

        w.WriteEndArray();
        w.WriteStartArray("z");
        foreach (var row in t.Z ?? [])
        {
            w.WriteStartArray();
            foreach (var z in row)
            {
                WriteNumber(w, z);
            }

            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteBoolean("visible", t.Visible);
        w.WriteStartArray("colorscale");
        foreach (var (position, color) in t.PlotlyColorScale())
        {
            w.WriteStartArray();
            WriteNumber(w, position);
            w.WriteStringValue(color);
            w.WriteEndArray();
        }

        w.WriteEndArray();
        var count = t.CellColors?.Count ?? 0;
        WriteNumber(w, "zmin", -0.5);
        WriteNumber(w, "zmax", count - 0.5);
        w.WriteBoolean("showscale", false);
        // The data points on top carry the hover text; a cell's class index would only repeat its colour.
        w.WriteString("hoverinfo", "skip");
        if (t.Opacity is { } opacity)
        {
            WriteNumber(w, "opacity", opacity);
        }

        w.WriteEndObject();
    }

    private static void WriteLayout(Utf8JsonWriter w, Figure f)
    {
        w.WriteStartObject("layout");
        w.WriteStartObject("title");
        w.WriteString("text", f.PlotlyTitle);
        w.WriteStartObject("font");
        w.WriteNumber("size", f.TitleFontSize);
        w.WriteEndObject();
        // Hung from the top of the chart below the toolbar's band (plotly.js centres it in the top margin otherwise,
        // where a wrapped title runs under the toolbar).
        w.WriteString("yref", "container");
        WriteNumber(w, "y", f.TitleY);
        w.WriteString("yanchor", "top");
        w.WriteEndObject();
        WriteAxis(w, "xaxis", f.XAxis, null);
        WriteAxis(w, "yaxis", f.YAxis, null);
        if (f.YAxis2 is { } y2)
        {
            WriteAxis(w, "yaxis2", y2, secondary: true);
        }

        if (f.Traces.Any(t => t.Kind == TraceKind.Bar))
        {
            w.WriteString("barmode", f.BarMode == BarMode.Group ? "group" : "overlay");
        }

        w.WriteNumber("height", f.Height);
        // A horizontal legend above the plot keeps clear of a right-hand axis and its title.
        var legend = f.ShowsLegend;
        w.WriteBoolean("showlegend", legend);
        if (legend)
        {
            w.WriteStartObject("legend");
            w.WriteString("orientation", "h");
            w.WriteNumber("x", 0);
            w.WriteString("xanchor", "left");
            w.WriteNumber("y", 1);
            w.WriteString("yanchor", "bottom");
            w.WriteEndObject();
        }

        // The kit's palette for traces without a colour of their own: plotly.js's default orange has 2.5:1 on white.
        w.WriteStartArray("colorway");
        foreach (var color in ChartPalette.Colors)
        {
            w.WriteStringValue(color);
        }

        w.WriteEndArray();
        // Transparent so the notebook's own background shows through in light and dark themes and on paper; the
        // output script sets font and grid colours from the page's text colour.
        w.WriteString("paper_bgcolor", "rgba(0,0,0,0)");
        w.WriteString("plot_bgcolor", "rgba(0,0,0,0)");
        w.WriteStartObject("margin");
        w.WriteNumber("t", f.TopMargin);
        w.WriteNumber("r", f.YAxis2 is null ? 30 : 70);
        w.WriteNumber("b", f.Slider is null ? 60 : 40);
        w.WriteNumber("l", 70);
        w.WriteEndObject();
        if (f.Slider is { } slider)
        {
            WriteSlider(w, slider);
        }

        w.WriteEndObject();
    }

    private static void WriteAxis(Utf8JsonWriter w, string name, Axis axis, bool? secondary)
    {
        w.WriteStartObject(name);
        w.WriteStartObject("title");
        w.WriteString("text", axis.Title);
        w.WriteEndObject();
        w.WriteString("type", axis.Scale switch
        {
            AxisScale.Log => "log",
            AxisScale.Category => "category",
            _ => "linear",
        });
        if (axis.Range is { } range && axis.Scale == AxisScale.Linear)
        {
            w.WriteStartArray("range");
            WriteNumber(w, range.Min);
            WriteNumber(w, range.Max);
            w.WriteEndArray();
        }

        w.WriteBoolean("automargin", true);
        if (axis.Scale == AxisScale.Log)
        {
            // 10⁻¹² rather than plotly.js's SI prefixes: students read "1p" or "100µ" as units.
            w.WriteString("exponentformat", "power");
        }

        if (axis.Scale == AxisScale.Category)
        {
            // Grid lines between bars add nothing but clutter.
            w.WriteBoolean("showgrid", false);
        }

        if (secondary == true)
        {
            w.WriteString("overlaying", "y");
            w.WriteString("side", "right");
            w.WriteBoolean("showgrid", false);
            // Its zero would be drawn across the plot at whatever value of the left axis it happens to meet.
            w.WriteBoolean("zeroline", false);
        }

        w.WriteEndObject();
    }

    private static void WriteSlider(Utf8JsonWriter w, Slider slider)
    {
        w.WriteStartArray("sliders");
        w.WriteStartObject();
        w.WriteNumber("active", slider.Active);
        w.WriteStartObject("currentvalue");
        w.WriteString("prefix", slider.Prefix);
        w.WriteEndObject();
        w.WriteStartObject("pad");
        w.WriteNumber("t", 50);
        w.WriteEndObject();
        w.WriteStartArray("steps");
        foreach (var step in slider.Steps)
        {
            w.WriteStartObject();
            w.WriteString("label", step.Label);
            w.WriteString("method", "restyle");
            w.WriteStartArray("args");
            w.WriteStartObject();
            w.WriteStartArray("visible");
            foreach (var v in step.Visible)
            {
                w.WriteBooleanValue(v);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
    }

    // JSON has no NaN or infinity; plotly.js draws null as a gap.
    private static void WriteNumber(Utf8JsonWriter w, double x)
    {
        if (double.IsFinite(x))
        {
            w.WriteNumberValue(x);
        }
        else
        {
            w.WriteNullValue();
        }
    }

    private static void WriteNumber(Utf8JsonWriter w, string name, double x)
    {
        w.WritePropertyName(name);
        WriteNumber(w, x);
    }
}
