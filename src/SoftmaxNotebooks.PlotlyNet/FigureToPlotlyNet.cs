using System.Globalization;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using SoftmaxNotebooks.Display;
using Axis = SoftmaxNotebooks.Display.Axis;
using Figure = SoftmaxNotebooks.Display.Figure;
using PlotlyChart = Plotly.NET.CSharp.Chart;
using Trace = SoftmaxNotebooks.Display.Trace;

namespace SoftmaxNotebooks.PlotlyNet;

/// <summary>
/// Turns kit figures into Plotly.NET charts for further styling with Plotly.NET's API. Plotly.NET 6 needs
/// FSharp.Core 10.1: .NET 10 apps and file-based apps load it as is; in VS Code's final kernel (FSharp.Core 10.0) call
/// <see cref="PlotlyNetInNotebooks.Enable"/> first.
/// </summary>
public static class FigureToPlotlyNet
{
    /// <summary>The Plotly.NET chart with the same traces, axes, slider steps and layout as <paramref name="figure"/>.</summary>
    /// <param name="figure">A kit figure, for example from <see cref="Charts"/>.</param>
    public static GenericChart ToGenericChart(this Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        PlotlyNetFormatter.Register();
        var chart = PlotlyChart.Combine(figure.Traces.Select(ToChart));
        chart = FSharpCall.Apply(chart, typeof(Plotly.NET.Chart), "withXAxis", ("xAxis", ToAxis(figure.XAxis, secondary: false)));
        chart = FSharpCall.Apply(chart, typeof(Plotly.NET.Chart), "withYAxis", ("yAxis", ToAxis(figure.YAxis, secondary: false)));
        if (figure.YAxis2 is { } y2)
        {
            chart = FSharpCall.Apply(chart, typeof(Plotly.NET.Chart), "withYAxis", ("yAxis", ToAxis(y2, secondary: true)), ("Id", StyleParam.SubPlotId.NewYAxis(2)));
        }

        var transparent = Color.fromString("rgba(0,0,0,0)");
        var layout = new List<(string, object)>
        {
            ("Title", FSharpCall.Invoke<Title>(typeof(Title), "init", ("Text", figure.PlotlyTitle),
                ("Font", FSharpCall.Invoke<Font>(typeof(Font), "init", ("Size", (double)figure.TitleFontSize))),
                ("Y", figure.TitleY), ("YAnchor", StyleParam.YAnchorPosition.Top), ("YRef", "container"))),
            ("Height", figure.Height),
            ("PaperBGColor", transparent),
            ("PlotBGColor", transparent),
            ("Margin", FSharpCall.Invoke<Margin>(typeof(Margin), "init", ("Left", 70), ("Right", figure.YAxis2 is null ? 30 : 70), ("Top", figure.TopMargin), ("Bottom", figure.Slider is null ? 60 : 40))),
            ("ShowLegend", figure.ShowsLegend),
            ("Colorway", Color.fromColors(Charts.ClassColors.Select(Color.fromString))),
        };
        if (figure.Traces.Any(t => t.Kind == TraceKind.Bar))
        {
            layout.Add(("BarMode", figure.BarMode == BarMode.Group ? StyleParam.BarMode.Group : StyleParam.BarMode.Overlay));
        }

        chart = GenericChart.addLayout(FSharpCall.Invoke<Layout>(typeof(Layout), "init", [.. layout]), chart);
        if (figure.ShowsLegend)
        {
            var legend = FSharpCall.Invoke<Legend>(typeof(Legend), "init",
                ("Orientation", StyleParam.Orientation.Horizontal), ("X", 0.0), ("XAnchor", StyleParam.XAnchorPosition.Left),
                ("Y", 1.0), ("YAnchor", StyleParam.YAnchorPosition.Bottom));
            chart = FSharpCall.Apply(chart, typeof(Plotly.NET.Chart), "withLegend", ("legend", legend));
        }

        return figure.Slider is { } slider
            ? FSharpCall.Apply(chart, typeof(Plotly.NET.Chart), "withSlider", ("slider", ToSlider(slider)))
            : chart;
    }

    private static GenericChart ToChart(Trace trace)
    {
        GenericChart chart;
        if (trace.Kind == TraceKind.Heatmap)
        {
            chart = ToHeatmap(trace);
        }
        else if (trace.Kind == TraceKind.Bar)
        {
            var keys = trace.Categories ?? Enumerable.Range(0, trace.Y.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
            chart = PlotlyChart.Column<double, string, string>(values: trace.Y, Keys: keys.ToArray(), Name: trace.Name);
            var bar = new List<(string, object)>();
            if (trace.Color is { } barColor)
            {
                bar.Add(("Color", Color.fromString(barColor)));
            }

            if (trace.Pattern != FillPattern.Solid)
            {
                var shape = trace.Pattern == FillPattern.Hatched ? StyleParam.PatternShape.DiagonalAscending : StyleParam.PatternShape.Dots;
                bar.Add(("Pattern", FSharpCall.Invoke<Plotly.NET.TraceObjects.Pattern>(typeof(Plotly.NET.TraceObjects.Pattern), "init", ("Shape", shape))));
            }

            if (bar.Count > 0)
            {
                chart = FSharpCall.Apply(chart, typeof(Plotly.NET.Chart), "withMarkerStyle", [.. bar]);
            }
        }
        else
        {
            var x = trace.X ?? Enumerable.Range(0, trace.Y.Count).Select(i => (double)i).ToArray();
            var text = trace.PointLabels is not null;
            var mode = trace.Kind switch
            {
                TraceKind.Lines => text ? StyleParam.Mode.Lines_Text : StyleParam.Mode.Lines,
                TraceKind.Markers => text ? StyleParam.Mode.Markers_Text : StyleParam.Mode.Markers,
                _ => text ? StyleParam.Mode.Lines_Markers_Text : StyleParam.Mode.Lines_Markers,
            };
            var labels = trace.PointLabels?.ToArray() ?? [];
            chart = (trace.Dash == LineDash.Solid || trace.Kind == TraceKind.Markers, text) switch
            {
                (true, false) => PlotlyChart.Scatter<double, double, string>(x, trace.Y, mode, Name: trace.Name),
                (true, true) => PlotlyChart.Scatter<double, double, string>(x, trace.Y, mode, Name: trace.Name,
                    MultiText: labels, TextPosition: StyleParam.TextPosition.TopCenter),
                (false, false) => PlotlyChart.Scatter<double, double, string>(x, trace.Y, mode, Name: trace.Name, LineDash: Dash(trace.Dash)),
                (false, true) => PlotlyChart.Scatter<double, double, string>(x, trace.Y, mode, Name: trace.Name, LineDash: Dash(trace.Dash),
                    MultiText: labels, TextPosition: StyleParam.TextPosition.TopCenter),
            };
            var marker = new List<(string, object)>();
            if (trace.MarkerSize is { } size)
            {
                marker.Add(("Size", (int)Math.Round(size)));
            }

            if (trace.Color is { } color && trace.Kind != TraceKind.Lines)
            {
                marker.Add(("Color", Color.fromString(color)));
            }

            if (trace.Symbol != MarkerSymbol.Circle && trace.Kind != TraceKind.Lines)
            {
                marker.Add(("Symbol", trace.Symbol switch
                {
                    MarkerSymbol.Square => StyleParam.MarkerSymbol.Square,
                    MarkerSymbol.Diamond => StyleParam.MarkerSymbol.Diamond,
                    MarkerSymbol.TriangleUp => StyleParam.MarkerSymbol.TriangleUp,
                    MarkerSymbol.Cross => StyleParam.MarkerSymbol.X,
                    _ => StyleParam.MarkerSymbol.Star,
                }));
            }

            if (marker.Count > 0)
            {
                chart = FSharpCall.Apply(chart, typeof(Plotly.NET.Chart), "withMarkerStyle", [.. marker]);
            }

            if (trace.Color is { } lineColor && trace.Kind != TraceKind.Markers)
            {
                chart = FSharpCall.Apply(chart, typeof(Plotly.NET.Chart), "withLineStyle", ("Color", Color.fromString(lineColor)));
            }
        }

        if (trace.Opacity is { } opacity && trace.Kind != TraceKind.Heatmap)
        {
            chart = GenericChart.mapTrace(Style(typeof(Trace2DStyle), trace.Kind == TraceKind.Bar ? "Bar" : "Scatter", ("Opacity", opacity)), chart);
        }

        chart = FSharpCall.Apply(chart, typeof(Plotly.NET.Chart), "withTraceInfo", ("Visible", trace.Visible ? StyleParam.Visible.True : StyleParam.Visible.False));
        return trace.OnSecondaryAxis ? FSharpCall.Apply(chart, typeof(Plotly.NET.Chart), "withAxisAnchor", ("Y", 2)) : chart;
    }

    private static GenericChart ToHeatmap(Trace trace)
    {
        var scale = StyleParam.Colorscale.NewCustom(trace.PlotlyColorScale().Select(s => Tuple.Create(s.Position, Color.fromString(s.Color))));
        var chart = PlotlyChart.Heatmap<double, double, double, string>(
            zData: trace.Z ?? [], X: (trace.X ?? []).ToArray(), Y: trace.Y.ToArray(), Name: trace.Name, ColorScale: scale, ShowScale: false);
        var style = new List<(string, object)>
        {
            ("ZMin", -0.5),
            ("ZMax", (trace.CellColors?.Count ?? 0) - 0.5),
            ("HoverInfo", StyleParam.HoverInfo.Skip),
        };
        if (trace.Opacity is { } opacity)
        {
            style.Add(("Opacity", opacity));
        }

        return GenericChart.mapTrace(Style(typeof(Trace2DStyle), "Heatmap", [.. style]), chart);
    }

    // Trace2DStyle members are generic in every optional value's type; unused ones only need to meet their
    // constraints (IConvertible, IEnumerable<IConvertible>, Trace).
    private static StyleParam.DrawingStyle Dash(LineDash dash) => dash == LineDash.Dash ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Dot;

    private static Microsoft.FSharp.Core.FSharpFunc<Plotly.NET.Trace, Plotly.NET.Trace> Style(Type type, string name, params (string Name, object Value)[] args)
    {
        var method = type.GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static).Single(m => m.Name == name);
        var bound = method.GetGenericArguments().Select(g =>
        {
            var constraints = g.GetGenericParameterConstraints();
            if (constraints.Any(c => c == typeof(Plotly.NET.Trace)))
            {
                return typeof(Plotly.NET.Trace);
            }

            return constraints.Any(c => c.IsGenericType && c.GetGenericTypeDefinition() == typeof(IEnumerable<>)) ? typeof(double[]) : typeof(double);
        }).ToArray();
        return FSharpCall.Invoke<Microsoft.FSharp.Core.FSharpFunc<Plotly.NET.Trace, Plotly.NET.Trace>>(method.MakeGenericMethod(bound), args);
    }

    private static LinearAxis ToAxis(Axis axis, bool secondary)
    {
        var args = new List<(string, object)>
        {
            ("Title", FSharpCall.Invoke<Title>(typeof(Title), "init", ("Text", axis.Title))),
            ("AxisType", axis.Scale switch
            {
                AxisScale.Log => StyleParam.AxisType.Log,
                AxisScale.Category => StyleParam.AxisType.Category,
                _ => StyleParam.AxisType.Linear,
            }),
            ("AutoMargin", StyleParam.TickAutoMargin.All),
        };
        if (axis.Scale == AxisScale.Log)
        {
            args.Add(("ExponentFormat", StyleParam.ExponentFormat.Power));
        }

        if (axis.Range is { } r && axis.Scale == AxisScale.Linear)
        {
            args.Add(("Range", StyleParam.Range.NewMinMax(r.Min, r.Max)));
        }

        if (axis.Scale == AxisScale.Category || secondary)
        {
            args.Add(("ShowGrid", false));
        }

        if (secondary)
        {
            args.Add(("Overlaying", StyleParam.LinearAxisId.NewY(1)));
            args.Add(("Side", StyleParam.Side.Right));
        }

        return FSharpCall.Invoke<LinearAxis>(typeof(LinearAxis), "init", [.. args]);
    }

    private static Plotly.NET.LayoutObjects.Slider ToSlider(Display.Slider slider)
    {
        var steps = slider.Steps.Select(step => FSharpCall.Invoke<Plotly.NET.LayoutObjects.SliderStep>(
            typeof(Plotly.NET.LayoutObjects.SliderStep), "init",
            ("Args", new[] { Tuple.Create("visible", (object)step.Visible.ToArray()) }.AsEnumerable()),
            ("Label", step.Label),
            ("Method", StyleParam.Method.Restyle))).ToArray();
        return FSharpCall.Invoke<Plotly.NET.LayoutObjects.Slider>(typeof(Plotly.NET.LayoutObjects.Slider), "init",
            ("Active", slider.Active),
            ("CurrentValue", FSharpCall.Invoke<SliderCurrentValue>(typeof(SliderCurrentValue), "init", ("Prefix", slider.Prefix))),
            ("Padding", FSharpCall.Invoke<Padding>(typeof(Padding), "init", ("T", 50))),
            ("Steps", steps.AsEnumerable()));
    }
}
