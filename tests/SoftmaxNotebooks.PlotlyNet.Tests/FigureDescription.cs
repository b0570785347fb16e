using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SoftmaxNotebooks.PlotlyNet.Tests;

/// <summary>
/// What a plotly.js figure shows, read from its JSON the same way for the kit's writer and for Plotly.NET's:
/// traces (type, name, mode, points, visibility, axis, dash, colours, marker symbol, bar pattern, opacity, heatmap cells
/// and colour scale), the colour cycle, title
/// (text, font size, top margin), axes (title, type, range, side, exponent format) and slider steps.
/// Styling that plotly.js defaults differently per writer (automargin flags, key order) is left out.
/// </summary>
internal static class FigureDescription
{
    public static string Of(string json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;
        var sb = new StringBuilder();
        foreach (var trace in root.GetProperty("data").EnumerateArray())
        {
            sb.Append("trace type=").Append(Str(trace, "type") ?? "scatter")
              .Append(" name=").Append(Str(trace, "name"))
              .Append(" mode=").Append(Str(trace, "mode"))
              .Append(" visible=").Append(trace.TryGetProperty("visible", out var v) ? v.ToString() : "True")
              .Append(" yaxis=").Append(Str(trace, "yaxis") ?? "y")
              .Append(" dash=").Append(trace.TryGetProperty("line", out var line) ? Str(line, "dash") : null)
              .Append(" line.color=").Append(trace.TryGetProperty("line", out var lineColor) ? Str(lineColor, "color") : null)
              .Append(" marker.size=").Append(trace.TryGetProperty("marker", out var marker) && marker.TryGetProperty("size", out var size) ? Num(size) : null)
              .Append(" marker.color=").Append(trace.TryGetProperty("marker", out var markerColor) ? Str(markerColor, "color") : null)
              .Append(" marker.symbol=").Append(trace.TryGetProperty("marker", out var symbol) && symbol.TryGetProperty("symbol", out var sym) ? Symbol(sym) : null)
              .Append(" pattern=").Append(trace.TryGetProperty("marker", out var pattern) && pattern.TryGetProperty("pattern", out var pat) ? Str(pat, "shape") : null)
              .Append(" opacity=").Append(trace.TryGetProperty("opacity", out var opacity) ? Num(opacity) : null)
              .Append(" text=").Append(trace.TryGetProperty("text", out var text) ? string.Join("|", text.EnumerateArray().Select(t => t.GetString())) + "@" + Str(trace, "textposition") : null)
              .Append("\n  x=").Append(Values(trace, "x"))
              .Append("\n  y=").Append(Values(trace, "y")).Append('\n');
            if (trace.TryGetProperty("z", out var z))
            {
                sb.Append("  z=").Append(string.Join(";", z.EnumerateArray().Select(row => string.Join(",", row.EnumerateArray().Select(Num)))))
                  .Append("\n  colorscale=").Append(string.Join(";", trace.GetProperty("colorscale").EnumerateArray().Select(s => Num(s[0]) + " " + s[1].GetString())))
                  .Append(" zmin=").Append(Num(trace.GetProperty("zmin"))).Append(" zmax=").Append(Num(trace.GetProperty("zmax")))
                  .Append(" showscale=").Append(trace.GetProperty("showscale").GetBoolean())
                  .Append(" hoverinfo=").Append(Str(trace, "hoverinfo")).Append('\n');
            }
        }

        var layout = root.GetProperty("layout");
        sb.Append("title=").Append(Title(layout))
          .Append(" font.size=").Append(layout.GetProperty("title").TryGetProperty("font", out var font) ? Num(font.GetProperty("size")) : null)
          .Append(" y=").Append(layout.GetProperty("title").TryGetProperty("y", out var titleY) ? Num(titleY) : null)
          .Append(Str(layout.GetProperty("title"), "yanchor")).Append('@').Append(Str(layout.GetProperty("title"), "yref"))
          .Append(" margin.t=").Append(Num(layout.GetProperty("margin").GetProperty("t"))).Append('\n');
        foreach (var name in new[] { "xaxis", "yaxis", "yaxis2" })
        {
            if (layout.TryGetProperty(name, out var axis))
            {
                sb.Append(name).Append(" title=").Append(Title(axis)).Append(" type=").Append(Str(axis, "type") ?? "-")
                  .Append(" range=").Append(axis.TryGetProperty("range", out _) ? Values(axis, "range") : null)
                  .Append(" overlaying=").Append(Str(axis, "overlaying")).Append(" side=").Append(Str(axis, "side"))
                  .Append(" exponentformat=").Append(Str(axis, "exponentformat")).Append('\n');
            }
        }

        sb.Append("showlegend=").Append(layout.TryGetProperty("showlegend", out var show) ? show.GetBoolean() : null)
          .Append(" legend=").Append(layout.TryGetProperty("legend", out var legend) ? Str(legend, "orientation") + "@" + Str(legend, "yanchor") : null).Append('\n');
        sb.Append("barmode=").Append(Str(layout, "barmode")).Append(" height=").Append(layout.GetProperty("height").GetInt32())
          .Append(" paper=").Append(Str(layout, "paper_bgcolor")).Append(" plot=").Append(Str(layout, "plot_bgcolor"))
          .Append(" colorway=").Append(layout.TryGetProperty("colorway", out var colorway) ? string.Join(",", colorway.EnumerateArray().Select(c => c.GetString())) : null).Append('\n');
        if (layout.TryGetProperty("sliders", out var sliders))
        {
            foreach (var slider in sliders.EnumerateArray())
            {
                sb.Append("slider active=").Append(slider.GetProperty("active").GetInt32())
                  .Append(" prefix=").Append(Str(slider.GetProperty("currentvalue"), "prefix")).Append('\n');
                foreach (var step in slider.GetProperty("steps").EnumerateArray())
                {
                    sb.Append("  step ").Append(Str(step, "label")).Append(' ').Append(Str(step, "method")).Append(" visible=")
                      .Append(string.Join(",", step.GetProperty("args")[0].GetProperty("visible").EnumerateArray().Select(b => b.GetBoolean() ? "1" : "0")))
                      .Append('\n');
                }
            }
        }

        return sb.ToString();
    }

    // plotly.js takes a marker symbol by name or by its number in plotly.js's symbol list (Plotly.NET writes the
    // number, as a string).
    private static readonly string[] Symbols = ["circle", "square", "diamond", "cross", "x", "triangle-up", "triangle-down", "triangle-left",
        "triangle-right", "triangle-ne", "triangle-se", "triangle-sw", "triangle-nw", "pentagon", "hexagon", "hexagon2", "octagon", "star"];

    private static string? Symbol(JsonElement e) =>
        int.TryParse(e.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? Symbols[n] : e.GetString();

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static string? Title(JsonElement e) =>
        e.TryGetProperty("title", out var t) ? t.ValueKind == JsonValueKind.String ? t.GetString() : Str(t, "text") : null;

    private static string Values(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var a) ? "" : string.Join(",", a.EnumerateArray().Select(v => v.ValueKind switch
        {
            JsonValueKind.Number => Num(v),
            JsonValueKind.String => "'" + v.GetString() + "'",
            _ => "null",
        }));

    private static string Num(JsonElement v) => v.GetDouble().ToString("R", CultureInfo.InvariantCulture);
}
