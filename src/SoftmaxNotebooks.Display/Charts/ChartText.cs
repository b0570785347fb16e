using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SoftmaxNotebooks.Display;

/// <summary>A slider as the page's keyboard control needs it: its label, the prefix of each value and the steps.</summary>
/// <param name="Label">The quantity the slider sets, for example "T".</param>
/// <param name="Prefix">Text before a step's label, for example "T = ".</param>
/// <param name="Steps">The step labels in order.</param>
/// <param name="Active">The step shown first.</param>
internal sealed record ChartSlider(string Label, string Prefix, IReadOnlyList<string> Steps, int Active);

/// <summary>
/// The text alternative of a plotly.js figure (WCAG 1.1.1), read from its JSON so that kit figures and Plotly.NET
/// charts get the same: a name (the title), a description of one to three sentences (what is plotted against what,
/// the ranges, the notable points: a maximum, a crossing, a trend, a marked point, the share of each region) and the
/// data as HTML tables. Anything the JSON does not say is left out rather than guessed; an unknown trace type is
/// named, not tabulated.
/// </summary>
internal sealed partial record ChartText(string Name, string Description, string DataHtml, ChartSlider? Slider)
{
    /// <summary>The most rows a table of a line shows; longer series are sampled evenly, ends included.</summary>
    public const int MaxRows = 21;

    /// <summary>Markers-only series with more points than this are summarised (count and ranges), not listed.</summary>
    public const int MaxListedPoints = 25;

    /// <summary>Reads the figure.</summary>
    /// <param name="figureJson">plotly.js figure JSON, <c>{"data":[…],"layout":{…}}</c>.</param>
    /// <param name="fallbackTitle">The name when the figure has no title.</param>
    /// <exception cref="JsonException">The JSON does not parse.</exception>
    public static ChartText Of(string figureJson, string fallbackTitle)
    {
        using var document = JsonDocument.Parse(figureJson);
        var root = document.RootElement;
        var layout = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("layout", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
        var series = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Array
            ? d.EnumerateArray().Select(Series.Read).ToList()
            : [];
        var title = TitleText(layout) is { Length: > 0 } t ? t : fallbackTitle;
        var name = title.Length > 0 ? title : "Chart";
        var figure = new Reading(name, series, Axis.Read(layout, "xaxis"), Axis.Read(layout, "yaxis"), Axis.Read(layout, "yaxis2"), SliderOf(layout, series.Count));
        return new ChartText(name, figure.Describe(), figure.Tables(), figure.Slider);
    }

    private static string? TitleText(JsonElement layout) =>
        layout.ValueKind == JsonValueKind.Object && layout.TryGetProperty("title", out var title) ? Plain(title.ValueKind == JsonValueKind.String ? title.GetString() : Str(title, "text")) : null;

    // plotly.js titles may carry <br>, <sup> and the like; the text alternative is plain text.
    private static string? Plain(string? html) =>
        html is null ? null : Whitespace().Replace(Tag().Replace(html.Replace("<br>", " ", StringComparison.OrdinalIgnoreCase), ""), " ").Trim();

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static ChartSlider? SliderOf(JsonElement layout, int traces)
    {
        if (layout.ValueKind != JsonValueKind.Object || !layout.TryGetProperty("sliders", out var sliders) || sliders.ValueKind != JsonValueKind.Array ||
            sliders.GetArrayLength() == 0)
        {
            return null;
        }

        var slider = sliders[0];
        if (!slider.TryGetProperty("steps", out var steps) || steps.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        // Only steps that switch traces on and off (restyle with a visibility mask) are ones a page can replay.
        var labels = new List<string>();
        foreach (var step in steps.EnumerateArray())
        {
            if (Str(step, "method") != "restyle" || !step.TryGetProperty("args", out var args) || args.ValueKind != JsonValueKind.Array ||
                args.GetArrayLength() == 0 || !args[0].TryGetProperty("visible", out var visible) || visible.ValueKind != JsonValueKind.Array ||
                visible.GetArrayLength() != traces)
            {
                return null;
            }

            labels.Add(Str(step, "label") ?? Numbers.Int(labels.Count));
        }

        if (labels.Count == 0)
        {
            return null;
        }

        var prefix = slider.TryGetProperty("currentvalue", out var current) ? Str(current, "prefix") ?? "" : "";
        var active = slider.TryGetProperty("active", out var a) && a.ValueKind == JsonValueKind.Number && a.TryGetInt32(out var n) && n >= 0 && n < labels.Count ? n : 0;
        var label = prefix.Trim().TrimEnd('=', ':').Trim();
        return new ChartSlider(label.Length > 0 ? label : "step", prefix, labels, active);
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\s*\([^()]*\)\s*$")]
    private static partial Regex TrailingParenthesis();

    private static string N(double x) => Numbers.Text(x, 4);

    private static string List(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };

    /// <summary>An axis: its title ("" when none) and whether it is logarithmic.</summary>
    private sealed record Axis(string Title, bool Log)
    {
        public static Axis? Read(JsonElement layout, string name)
        {
            if (layout.ValueKind != JsonValueKind.Object || !layout.TryGetProperty(name, out var axis) || axis.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var title = axis.TryGetProperty("title", out var t) ? Plain(t.ValueKind == JsonValueKind.String ? t.GetString() : Str(t, "text")) ?? "" : "";
            return new Axis(title, Str(axis, "type") == "log");
        }

        /// <summary>The title as a variable in prose: "temperature T (log scale)" reads "temperature T".</summary>
        public string Variable(string fallback) => Title.Length == 0 ? fallback : TrailingParenthesis().Replace(Title, "");

        /// <summary>
        /// The variable's symbol for "at Ē = 4.5" once it has been named: the title's last word when it is a symbol
        /// (one character, or a short token with a non-letter such as "L(θ)" or "Ē"), else the whole title.
        /// </summary>
        public string Symbol(string fallback)
        {
            var variable = Variable(fallback);
            var last = variable.Split(' ')[^1];
            return last.Length == 1 || (last.Length <= 4 && last.Any(c => !char.IsAsciiLetterLower(c))) ? last : variable;
        }
    }

    /// <summary>One trace as the JSON gives it; numbers that are null or missing read as NaN.</summary>
    private sealed record Series(
        string Name, string Type, string Mode, IReadOnlyList<double>? X, IReadOnlyList<string>? Categories, IReadOnlyList<double> Y,
        bool Visible, bool Secondary, string? MarkerColor, IReadOnlyList<IReadOnlyList<double>>? Z, JsonElement ColorScale, double? ZMin, double? ZMax)
    {
        public bool IsBar => Type == "bar";

        public bool IsHeatmap => Type == "heatmap";

        public bool IsXY => Type is "scatter" or "scattergl" or "bar";

        public bool MarkersOnly => Type is "scatter" or "scattergl" && Mode.Contains("markers", StringComparison.Ordinal) && !Mode.Contains("lines", StringComparison.Ordinal);

        public bool Lines => Type is "scatter" or "scattergl" && !MarkersOnly;

        public int Count => Y.Count;

        public double XAt(int i) => X is { } x && i < x.Count ? x[i] : i;

        public static Series Read(JsonElement t, int index)
        {
            var type = Str(t, "type") ?? "scatter";
            var mode = Str(t, "mode") ?? (type is "scatter" or "scattergl" ? "lines+markers" : "");
            var name = Plain(Str(t, "name")) is { Length: > 0 } n ? n : "trace " + Numbers.Int(index + 1);
            var visible = !t.TryGetProperty("visible", out var v) || v.ValueKind == JsonValueKind.True;
            var (x, categories) = t.TryGetProperty("x", out var xs) && xs.ValueKind == JsonValueKind.Array ? ReadX(xs) : (null, null);
            var y = t.TryGetProperty("y", out var ys) && ys.ValueKind == JsonValueKind.Array ? ys.EnumerateArray().Select(Number).ToArray() : [];
            var marker = t.TryGetProperty("marker", out var m) ? Str(m, "color") : null;
            IReadOnlyList<IReadOnlyList<double>>? z = type == "heatmap" && t.TryGetProperty("z", out var zs) && zs.ValueKind == JsonValueKind.Array
                ? zs.EnumerateArray().Select(row => (IReadOnlyList<double>)(row.ValueKind == JsonValueKind.Array ? row.EnumerateArray().Select(Number).ToArray() : [])).ToArray()
                : null;
            return new Series(name, type, mode, x, categories, y, visible, Str(t, "yaxis") == "y2", marker, z,
                t.TryGetProperty("colorscale", out var scale) ? scale.Clone() : default,
                t.TryGetProperty("zmin", out var lo) && lo.ValueKind == JsonValueKind.Number ? lo.GetDouble() : null,
                t.TryGetProperty("zmax", out var hi) && hi.ValueKind == JsonValueKind.Number ? hi.GetDouble() : null);
        }

        private static (IReadOnlyList<double>?, IReadOnlyList<string>?) ReadX(JsonElement xs)
        {
            var items = xs.EnumerateArray().ToArray();
            return items.Any(i => i.ValueKind == JsonValueKind.String)
                ? (null, items.Select(i => i.ValueKind == JsonValueKind.String ? i.GetString() ?? "" : i.ValueKind == JsonValueKind.Number ? N(i.GetDouble()) : "").ToArray())
                : (items.Select(Number).ToArray(), null);
        }

        private static double Number(JsonElement e) => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : double.NaN;

        /// <summary>The finite (x, y) points, in the trace's order.</summary>
        public IEnumerable<(double X, double Y)> Points() =>
            Enumerable.Range(0, Count).Select(i => (X: XAt(i), Y: Y[i])).Where(p => double.IsFinite(p.X) && double.IsFinite(p.Y));

        /// <summary>The name of the class a heatmap value stands for: the marker series drawn in the same colour.</summary>
        public string ValueName(double value, IEnumerable<Series> others)
        {
            var color = ColorOf(value);
            return others.FirstOrDefault(o => color is not null && string.Equals(o.MarkerColor, color, StringComparison.OrdinalIgnoreCase))?.Name
                   ?? "value " + N(value);
        }

        private string? ColorOf(double value)
        {
            if (ColorScale.ValueKind != JsonValueKind.Array || ZMin is not { } lo || ZMax is not { } hi || !(hi > lo))
            {
                return null;
            }

            var position = (value - lo) / (hi - lo);
            string? color = null;
            foreach (var stop in ColorScale.EnumerateArray())
            {
                if (stop.ValueKind == JsonValueKind.Array && stop.GetArrayLength() == 2 && stop[0].ValueKind == JsonValueKind.Number &&
                    stop[0].GetDouble() <= position && stop[1].ValueKind == JsonValueKind.String)
                {
                    color = stop[1].GetString();
                }
            }

            return color;
        }
    }

    /// <summary>The figure as read, and the prose and tables made from it.</summary>
    private sealed record Reading(string Name, IReadOnlyList<Series> All, Axis? XAxis, Axis? YAxis, Axis? YAxis2, ChartSlider? Slider)
    {
        // A slider shows one trace at a time: all of them are its data. Otherwise what is drawn is what is shown.
        private IReadOnlyList<Series> Shown => Slider is null ? [.. All.Where(s => s.Visible)] : All;

        private string X => XAxis?.Variable("x") ?? "x";

        private string Y => YAxis?.Variable("y") ?? "y";

        // The short forms, once the full names have been said.
        private string XSymbol => XAxis?.Symbol("x") ?? "x";

        private string YSymbol(Series s) => (s.Secondary ? YAxis2 : YAxis)?.Symbol("y") ?? "y";

        public string Describe()
        {
            var shown = Shown;
            if (shown.Count == 0)
            {
                return "An empty chart.";
            }

            var sentences = new List<string> { What(shown) };
            if (Ranges(shown) is { Length: > 0 } ranges)
            {
                sentences.Add(ranges);
            }

            if (Notable(shown) is { Length: > 0 } notable)
            {
                sentences.Add(notable);
            }

            // Sentences are never capitalised here: one may start with a series name such as σ(x) or p.
            return string.Join(" ", sentences.Select(s => s + "."));
        }

        private string What(IReadOnlyList<Series> shown)
        {
            var heat = shown.FirstOrDefault(s => s.IsHeatmap);
            var others = shown.Where(s => !s.IsHeatmap).ToList();
            if (heat is not null)
            {
                return $"Heatmap of {heat.Name} over {X} and {Y}" + (others.Count > 0 ? $", with {Count(others.Count, "point series", "point series")}: {List([.. others.Select(s => s.Name)])}" : "");
            }

            if (shown.Any(s => !s.IsXY))
            {
                return $"Chart of {Count(shown.Count, "trace")} ({List([.. shown.Select(s => s.Type).Distinct()])})";
            }

            var kind = shown.All(s => s.IsBar) ? "Bar chart" : shown.All(s => s.MarkersOnly) ? "Scatter plot" : "Line chart";
            var against = YAxis2 is not null && shown.Any(s => s.Secondary)
                ? $"{Y} (left axis) and {YAxis2.Variable("y")} (right axis) against {X}"
                : $"{Y} against {X}";
            if (Slider is { } slider)
            {
                return $"{kind} of {against}, with a slider over {slider.Label}: one series per step, {slider.Prefix}{slider.Steps[0]} to {slider.Prefix}{slider.Steps[^1]}";
            }

            return $"{kind} of {against}" + (shown.Count > 1 ? $"; {Count(shown.Count, "series", "series")}: {List([.. shown.Select(s => s.Name)])}" : "");
        }

        private string Ranges(IReadOnlyList<Series> shown)
        {
            var xy = shown.Where(s => s.IsXY).ToList();
            if (xy.Count == 0)
            {
                var heat = shown.FirstOrDefault(s => s.IsHeatmap);
                return heat?.X is { Count: > 0 } hx && heat.Y.Count > 0 ? $"It spans {X} from {N(hx.Min())} to {N(hx.Max())} and {Y} from {N(heat.Y.Min())} to {N(heat.Y.Max())}" : "";
            }

            var parts = new List<string>();
            var categories = xy.Where(s => s.Categories is not null).SelectMany(s => s.Categories!).Distinct(StringComparer.Ordinal).ToList();
            if (categories.Count > 0)
            {
                parts.Add(categories.Count <= 6 ? $"{Count(categories.Count, "category", "categories")} ({List(categories)})"
                    : $"{Numbers.Int(categories.Count)} categories ({categories[0]} to {categories[^1]})");
            }
            else if (Span(xy.SelectMany(s => s.Points().Select(p => p.X))) is { } x)
            {
                parts.Add($"{X} from {N(x.Min)} to {N(x.Max)}{(XAxis?.Log == true ? " (log scale)" : "")}");
            }

            if (Span(xy.Where(s => !s.Secondary).SelectMany(s => s.Points().Select(p => p.Y))) is { } y)
            {
                parts.Add($"{Y} from {N(y.Min)} to {N(y.Max)}{(YAxis?.Log == true ? " (log scale)" : "")}");
            }

            if (YAxis2 is not null && Span(xy.Where(s => s.Secondary).SelectMany(s => s.Points().Select(p => p.Y))) is { } y2)
            {
                parts.Add($"{YAxis2.Variable("y")} from {N(y2.Min)} to {N(y2.Max)}");
            }

            return parts.Count == 0 ? "" : "It spans " + List(parts);
        }

        private string Notable(IReadOnlyList<Series> shown)
        {
            if (shown.FirstOrDefault(s => s.IsHeatmap) is { } heat)
            {
                return Regions(heat, shown.Where(s => !s.IsHeatmap));
            }

            if (Slider is { } slider && shown.All(s => s.IsBar))
            {
                var steps = new[] { 0, slider.Active, slider.Steps.Count - 1 }.Distinct().Where(k => k < All.Count);
                return "At " + string.Join("; at ", steps.Select(k => $"{slider.Prefix}{slider.Steps[k]} the largest bar is {Largest(All[k])}"));
            }

            if (shown.All(s => s.IsBar))
            {
                return shown.Count == 1 ? $"The largest bar is {Largest(shown[0])}" : "Largest bars: " + string.Join(", ", shown.Select(s => $"{s.Name} at {Largest(s)}"));
            }

            var clauses = new List<string>();
            var lines = shown.Where(s => s.Lines && s.Points().Count() > 2).ToList();
            for (var i = 0; i < lines.Count; i++)
            {
                for (var j = i + 1; j < lines.Count; j++)
                {
                    if (Meeting(lines[i], lines[j]) is { } meeting)
                    {
                        clauses.Add(meeting);
                    }
                }
            }

            clauses.AddRange(lines.Where(s => !clauses.Any(c => c.StartsWith(s.Name + " and ", StringComparison.Ordinal) && c.EndsWith("coincide", StringComparison.Ordinal)))
                .Take(3).Select(Shape));
            var marked = shown.Where(s => s.Points().Count() == 1).Select(s => s.Points().First() is var p ? $"{s.Name} is marked at {XSymbol} = {N(p.X)}, {YSymbol(s)} = {N(p.Y)}" : "");
            clauses.AddRange(marked);
            return string.Join("; ", clauses.Take(4));
        }

        private static string Largest(Series s)
        {
            var best = -1;
            for (var i = 0; i < s.Count; i++)
            {
                if (double.IsFinite(s.Y[i]) && (best < 0 || s.Y[i] > s.Y[best]))
                {
                    best = i;
                }
            }

            return best < 0 ? "not drawn" : $"{(s.Categories is { } c && best < c.Count ? c[best] : N(s.XAt(best)))} ({N(s.Y[best])})";
        }

        // Two lines over the same x: do they coincide to plotting accuracy, or cross?
        private string? Meeting(Series a, Series b)
        {
            if (a.X is null || b.X is null || !a.X.SequenceEqual(b.X) || a.Count != b.Count || a.Secondary != b.Secondary)
            {
                return null;
            }

            var pairs = Enumerable.Range(0, a.Count).Where(i => double.IsFinite(a.Y[i]) && double.IsFinite(b.Y[i])).ToArray();
            if (pairs.Length < 2)
            {
                return null;
            }

            var scale = pairs.Max(i => Math.Max(Math.Abs(a.Y[i]), Math.Abs(b.Y[i])));
            var gap = pairs.Max(i => Math.Abs(a.Y[i] - b.Y[i]));
            if (gap <= 1e-9 * Math.Max(scale, 1e-300))
            {
                return $"{a.Name} and {b.Name} coincide";
            }

            // The first change of sign of the gap: at a point where it is exactly zero, or between two points.
            int? last = null;
            int? zero = null;
            foreach (var j in pairs)
            {
                var d = a.Y[j] - b.Y[j];
                if (d == 0)
                {
                    zero ??= j;
                    continue;
                }

                if (last is { } i && Math.Sign(a.Y[i] - b.Y[i]) != Math.Sign(d))
                {
                    var d0 = a.Y[i] - b.Y[i];
                    var x = zero is { } z ? a.X[z] : a.X[i] + ((a.X[j] - a.X[i]) * d0 / (d0 - d));
                    return $"{a.Name} and {b.Name} cross near {XSymbol} = {N(x)}";
                }

                (last, zero) = (j, null);
            }

            return null;
        }

        // The shape of one line: its trend when monotone (steps back smaller than 10⁻⁹ of its range are rounding, as
        // on a converged loss curve), else its interior maximum (or minimum).
        private string Shape(Series s)
        {
            var p = s.Points().OrderBy(q => q.X).ToArray();
            var (first, last) = (p[0], p[^1]);
            var slack = 1e-9 * (p.Max(q => q.Y) - p.Min(q => q.Y));
            var rising = p.Zip(p.Skip(1)).All(t => t.Second.Y >= t.First.Y - slack);
            var falling = p.Zip(p.Skip(1)).All(t => t.Second.Y <= t.First.Y + slack);
            if (rising && falling)
            {
                return $"{s.Name} is constant at {N(first.Y)}";
            }

            if (rising || falling)
            {
                return $"{s.Name} {(rising ? "rises" : "falls")} from {N(first.Y)} at {XSymbol} = {N(first.X)} to {N(last.Y)} at {XSymbol} = {N(last.X)}";
            }

            var max = p.MaxBy(q => q.Y);
            var min = p.MinBy(q => q.Y);
            return max != first && max != last
                ? $"{s.Name} peaks at {N(max.Y)} at {XSymbol} = {N(max.X)}"
                : $"{s.Name} dips to {N(min.Y)} at {XSymbol} = {N(min.X)}";
        }

        private static string Regions(Series heat, IEnumerable<Series> others)
        {
            var values = heat.Z?.SelectMany(r => r).Where(double.IsFinite).ToList() ?? [];
            if (values.Count == 0)
            {
                return "";
            }

            var shares = values.GroupBy(v => v).OrderBy(g => g.Key)
                .Select(g => $"{heat.ValueName(g.Key, others)} {Percent((double)g.Count() / values.Count)}");
            return $"{heat.Name}: " + string.Join(", ", shares) + " of the plane";
        }

        private static string Percent(double f) => Numbers.Int((int)Math.Round(100 * f)) + " %";

        private static string Count(int n, string noun, string? plural = null) =>
            n == 1 ? "1 " + noun : Numbers.Int(n) + " " + (plural ?? noun + "s");

        private static (double Min, double Max)? Span(IEnumerable<double> values)
        {
            var finite = values.Where(double.IsFinite).ToList();
            return finite.Count == 0 ? null : (finite.Min(), finite.Max());
        }

        // ---- tables ----

        public string Tables()
        {
            var shown = Shown;
            var sb = new StringBuilder();
            var first = true;
            // The first table names the chart; the others only what they hold. Parts arrive escaped.
            string Caption(string what) => first ? $"Data of “{Html.Escape(Name)}”" + (what.Length > 0 ? ": " + what : "") : what;
            if (Slider is { } slider && shown.All(s => s.IsBar))
            {
                sb.Append(CategoryTable(Caption(""), [.. All.Select((s, k) => (slider.Prefix + slider.Steps[Math.Min(k, slider.Steps.Count - 1)], s))]));
                return sb.ToString();
            }

            var bars = shown.Where(s => s.IsBar).ToList();
            if (bars.Count > 0)
            {
                sb.Append(CategoryTable(Caption(""), [.. bars.Select(s => (s.Name, s))]));
                first = false;
            }

            foreach (var heat in shown.Where(s => s.IsHeatmap))
            {
                sb.Append(RegionTable(Caption(Html.Escape(heat.Name)), heat, shown.Where(s => !s.IsHeatmap)));
                first = false;
            }

            var xy = shown.Where(s => s.IsXY && !s.IsBar).ToList();
            var summarised = xy.Where(s => s.MarkersOnly && s.Count > MaxListedPoints).ToList();
            if (summarised.Count > 0)
            {
                sb.Append(SummaryTable(Caption("points by series"), summarised));
                first = false;
            }

            foreach (var group in xy.Except(summarised).GroupBy(s => s.X is null ? "" : string.Join(",", s.X.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))))
            {
                var members = group.ToList();
                var count = members[0].Count;
                var rows = Sample(count);
                var note = rows.Length < count ? $" ({Numbers.Int(rows.Length)} of {Numbers.Int(count)} points, evenly spaced)" : "";
                sb.Append(PointTable(Caption(string.Join(", ", members.Select(m => Html.Escape(m.Name))) + note), members, rows));
                first = false;
            }

            var untabulated = shown.Where(s => !s.IsXY && !s.IsHeatmap).Select(s => s.Name).ToList();
            if (untabulated.Count > 0)
            {
                sb.Append("<p>").Append(Html.Escape(List(untabulated))).Append(": this trace type's data is not tabulated.</p>");
            }

            return sb.ToString();
        }

        private static int[] Sample(int count) => count <= MaxRows
            ? Enumerable.Range(0, count).ToArray()
            : Enumerable.Range(0, MaxRows).Select(k => (int)Math.Round((double)k * (count - 1) / (MaxRows - 1))).Distinct().ToArray();

        private string CategoryTable(string caption, IReadOnlyList<(string Header, Series Series)> columns)
        {
            var categories = columns.SelectMany(c => c.Series.Categories ?? Enumerable.Range(0, c.Series.Count).Select(i => N(c.Series.XAt(i))).ToArray())
                .Distinct(StringComparer.Ordinal).ToList();
            var sb = Start(caption, [X, .. columns.Select(c => c.Header)]);
            foreach (var category in categories)
            {
                sb.Append("<tr>").Append(Html.RowHeader(Html.Escape(category), left: true));
                foreach (var (_, s) in columns)
                {
                    var i = s.Categories is { } cs ? IndexOf(cs, category) : Enumerable.Range(0, s.Count).FirstOrDefault(k => N(s.XAt(k)) == category, -1);
                    sb.Append(Html.Cell(i >= 0 && i < s.Count ? N(s.Y[i]) : ""));
                }

                sb.Append("</tr>");
            }

            return End(sb);
        }

        private static int IndexOf(IReadOnlyList<string> items, string item)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i] == item)
                {
                    return i;
                }
            }

            return -1;
        }

        private string PointTable(string caption, IReadOnlyList<Series> members, int[] rows)
        {
            var sb = Start(caption, [X, .. members.Select(m => m.Secondary && YAxis2 is not null ? m.Name + " (right axis)" : m.Name)]);
            foreach (var i in rows)
            {
                sb.Append("<tr>").Append(Html.RowHeader(N(members[0].XAt(i))));
                foreach (var m in members)
                {
                    sb.Append(Html.Cell(i < m.Count ? N(m.Y[i]) : ""));
                }

                sb.Append("</tr>");
            }

            return End(sb);
        }

        private string SummaryTable(string caption, IReadOnlyList<Series> series)
        {
            var sb = Start(caption, ["series", "points", $"{X} from", "to", $"{Y} from", "to"]);
            foreach (var s in series)
            {
                var points = s.Points().ToList();
                var (x, y) = (Span(points.Select(p => p.X)), Span(points.Select(p => p.Y)));
                sb.Append("<tr>").Append(Html.RowHeader(Html.Escape(s.Name), left: true)).Append(Html.Cell(Numbers.Int(points.Count)))
                  .Append(Html.Cell(x is { } a ? N(a.Min) : "")).Append(Html.Cell(x is { } b ? N(b.Max) : ""))
                  .Append(Html.Cell(y is { } c ? N(c.Min) : "")).Append(Html.Cell(y is { } e ? N(e.Max) : "")).Append("</tr>");
            }

            return End(sb);
        }

        private static string RegionTable(string caption, Series heat, IEnumerable<Series> others)
        {
            var values = heat.Z?.SelectMany(r => r).Where(double.IsFinite).ToList() ?? [];
            var sb = Start(caption, ["region", "grid cells", "share of the plane"]);
            foreach (var g in values.GroupBy(v => v).OrderBy(g => g.Key))
            {
                sb.Append("<tr>").Append(Html.RowHeader(Html.Escape(heat.ValueName(g.Key, others)), left: true))
                  .Append(Html.Cell(Numbers.Int(g.Count()))).Append(Html.Cell(Percent((double)g.Count() / values.Count))).Append("</tr>");
            }

            return End(sb);
        }

        private static StringBuilder Start(string caption, IReadOnlyList<string> header)
        {
            var sb = new StringBuilder(Html.TableStart).Append(Html.TableCaption(caption)).Append("<thead><tr>");
            for (var c = 0; c < header.Count; c++)
            {
                sb.Append(Html.Header(Html.Escape(header[c]), left: c == 0));
            }

            return sb.Append("</tr></thead><tbody>");
        }

        private static string End(StringBuilder sb) => sb.Append("</tbody></table>").ToString();
    }
}
