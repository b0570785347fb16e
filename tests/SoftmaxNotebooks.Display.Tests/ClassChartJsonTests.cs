using System.Text.Json;

namespace SoftmaxNotebooks.Display.Tests;

/// <summary>Decision regions, reliability diagrams, trace colours, and what every chart helper puts on its axes and title.</summary>
public sealed class ClassChartJsonTests
{
    private static readonly string[] Names = ["a", "b", "c"];

    // classOfCell[i, j] belongs to (x[i], y[j]): at y = 10 the classes are 0, 1, 1 along x; at y = 20 all are 2.
    private static Figure Regions() => Charts.DecisionRegions(
        [0, 1, 2], [10, 20], new[,] { { 0, 2 }, { 1, 2 }, { 1, 2 } }, Names,
        [(0.5, 10, 0), (1.5, 20, 2), (2, 10, 1), (0.2, 11, 0)], "petal length", "petal width", "Regions");

    [Fact]
    public void Decision_regions_draw_the_class_map_as_rows_per_y()
    {
        var heatmap = FigureJson.Parse(Regions()).Traces()[0];
        Assert.Equal("heatmap", heatmap.GetProperty("type").GetString());
        Assert.Equal([0.0, 1, 2], heatmap.Numbers("x"));
        Assert.Equal([10.0, 20], heatmap.Numbers("y"));
        var z = heatmap.GetProperty("z").EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetDouble()).ToArray()).ToArray();
        Assert.Equal([0.0, 1, 1], z[0]);
        Assert.Equal([2.0, 2, 2], z[1]);
        Assert.False(heatmap.GetProperty("showscale").GetBoolean());
        Assert.Equal(-0.5, heatmap.GetProperty("zmin").GetDouble());
        Assert.Equal(2.5, heatmap.GetProperty("zmax").GetDouble());
        Assert.InRange(heatmap.GetProperty("opacity").GetDouble(), 0.1, 0.5);
    }

    [Fact]
    public void Decision_regions_colour_each_class_the_same_in_the_map_and_the_points()
    {
        var root = FigureJson.Parse(Regions());
        var traces = root.Traces();
        var scale = traces[0].GetProperty("colorscale").EnumerateArray()
            .Select(s => (Position: s[0].GetDouble(), Color: s[1].GetString()!)).ToArray();
        // Each class owns a whole step of [0, 1]: value k ∈ [k − ½, k + ½] of [−½, n − ½] maps to [k/n, (k+1)/n].
        Assert.Equal(6, scale.Length);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal((double)k / 3, scale[2 * k].Position, 15);
            Assert.Equal((double)(k + 1) / 3, scale[(2 * k) + 1].Position, 15);
            Assert.Equal(scale[2 * k].Color, scale[(2 * k) + 1].Color);
            var points = traces[k + 1];
            Assert.Equal(Names[k], points.GetProperty("name").GetString());
            Assert.Equal("markers", points.GetProperty("mode").GetString());
            Assert.Equal(scale[2 * k].Color, points.GetProperty("marker").GetProperty("color").GetString());
            Assert.Equal(Charts.ClassColors[k], scale[2 * k].Color);
        }

        Assert.Equal(3, scale.Select(s => s.Color).Distinct().Count());
        Assert.Equal([0.5, 0.2], traces[1].Numbers("x"));
        Assert.Equal([10.0, 11], traces[1].Numbers("y"));
        Assert.Equal([2.0], traces[2].Numbers("x"));
        Assert.Equal([1.5], traces[3].Numbers("x"));
        Assert.True(root.Layout().GetProperty("showlegend").GetBoolean());
        Assert.Equal("petal length", root.Layout().GetProperty("xaxis").Text("title"));
        Assert.Equal("petal width", root.Layout().GetProperty("yaxis").Text("title"));
    }

    [Fact]
    public void Decision_regions_reject_a_transposed_map_and_unknown_classes()
    {
        var transposed = Assert.Throws<ArgumentException>(() =>
            Charts.DecisionRegions([0, 1, 2], [10, 20], new int[2, 3], Names, [], "x", "y", "t"));
        Assert.Contains("classOfCell[i, j] belongs to (xGrid[i], yGrid[j])", transposed.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Charts.DecisionRegions([0], [0], new[,] { { 3 } }, Names, [], "x", "y", "t"));
        Assert.Throws<ArgumentException>(() => Charts.DecisionRegions([0], [0], new[,] { { 0 } }, Names, [(0, 0, -1)], "x", "y", "t"));
    }

    [Fact]
    public void Reliability_plots_accuracy_against_mean_confidence_per_bin()
    {
        // Bins of width 0.1: {0.62, 0.65} → confidence 0.635, accuracy ½; {0.85} → 0.85, 1; {0.95, 0.95} → 0.95, ½.
        // ECE = (2/5)·|½ − 0.635| + (1/5)·|1 − 0.85| + (2/5)·|½ − 0.95| = 0.054 + 0.03 + 0.18 = 0.264.
        var root = FigureJson.Parse(Charts.Reliability([0.95, 0.95, 0.85, 0.65, 0.62], [true, false, true, true, false]));
        var traces = root.Traces();
        Assert.Equal([0.0, 1], traces[0].Numbers("x"));
        Assert.Equal([0.0, 1], traces[0].Numbers("y"));
        Assert.Equal("dash", traces[0].GetProperty("line").GetProperty("dash").GetString());
        var x = traces[1].Numbers("x");
        Assert.Equal(3, x.Length);
        Assert.Equal(0.635, x[0], 12);
        Assert.Equal(0.85, x[1], 12);
        Assert.Equal(0.95, x[2], 12);
        Assert.Equal([0.5, 1, 0.5], traces[1].Numbers("y"));
        Assert.Equal("model (ECE = 0.264; n = predictions per bin)", traces[1].GetProperty("name").GetString());
        // Each bin's count is written beside its point and shown on hover.
        Assert.Equal("lines+markers+text", traces[1].GetProperty("mode").GetString());
        Assert.Equal(["n = 2", "n = 1", "n = 2"], traces[1].GetProperty("text").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("top center", traces[1].GetProperty("textposition").GetString());
        Assert.False(traces[1].GetProperty("cliponaxis").GetBoolean());
        Assert.Equal("Reliability", root.Layout().Text("title"));
        Assert.Equal([0.0, 1], root.Layout().GetProperty("xaxis").Numbers("range"));
    }

    [Fact]
    public void Reliability_puts_confidence_one_in_the_last_bin_and_rejects_bad_input()
    {
        var root = FigureJson.Parse(Charts.Reliability([1.0, 0.0], [true, false], bins: 4));
        Assert.Equal([0.0, 1], root.Traces()[1].Numbers("x"));
        Assert.Equal([0.0, 1], root.Traces()[1].Numbers("y"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Charts.Reliability([1.5], [true]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Charts.Reliability([double.NaN], [true]));
        Assert.Throws<ArgumentException>(() => Charts.Reliability([0.5], [true, false]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Charts.Reliability([0.5], [true], bins: 0));
    }

    [Fact]
    public void Trace_colour_and_opacity_reach_line_marker_and_trace()
    {
        var figure = new Figure
        {
            Title = "t",
            Traces =
            [
                new Trace { Kind = TraceKind.Lines, Name = "l", Y = [1, 2], Color = "#123456" },
                new Trace { Kind = TraceKind.Markers, Name = "m", Y = [1, 2], Color = "red", Opacity = 0.25 },
                new Trace { Kind = TraceKind.Bar, Name = "b", Categories = ["u", "v"], Y = [1, 2] },
            ],
        };
        var traces = FigureJson.Parse(figure).Traces();
        Assert.Equal("#123456", traces[0].GetProperty("line").GetProperty("color").GetString());
        Assert.False(traces[0].TryGetProperty("marker", out _));
        Assert.Equal("red", traces[1].GetProperty("marker").GetProperty("color").GetString());
        Assert.Equal(0.25, traces[1].GetProperty("opacity").GetDouble());
        Assert.False(traces[2].TryGetProperty("opacity", out _));
    }

    [Fact]
    public void Log_axes_write_powers_of_ten_not_SI_prefixes()
    {
        var layout = FigureJson.Parse(Charts.StepSweep([1e-3, 1e-6], [1e-5, 1e-9])).Layout();
        Assert.Equal("power", layout.GetProperty("xaxis").GetProperty("exponentformat").GetString());
        Assert.Equal("power", layout.GetProperty("yaxis").GetProperty("exponentformat").GetString());
        var linear = FigureJson.Parse(Charts.LossCurve([1, 0.5])).Layout();
        Assert.False(linear.GetProperty("yaxis").TryGetProperty("exponentformat", out _));
    }

    [Fact]
    public void Long_titles_wrap_at_spaces_with_a_smaller_font_and_more_room()
    {
        var words = string.Join(" ", Enumerable.Repeat("temperature", 12));
        var root = FigureJson.Parse(Charts.LossCurve([1, 0.5], title: words));
        var lines = root.Layout().Text("title").Split("<br>");
        Assert.True(lines.Length > 1);
        Assert.All(lines, l => Assert.InRange(l.Length, 1, Figure.TitleLineLength));
        Assert.Equal(words, string.Join(" ", lines));
        Assert.Equal(15, root.Layout().GetProperty("title").GetProperty("font").GetProperty("size").GetInt32());
        var shortTitle = FigureJson.Parse(Charts.LossCurve([1, 0.5], title: "Loss")).Layout();
        Assert.Equal(17, shortTitle.GetProperty("title").GetProperty("font").GetProperty("size").GetInt32());
        Assert.True(root.Layout().GetProperty("margin").GetProperty("t").GetInt32() > shortTitle.GetProperty("margin").GetProperty("t").GetInt32());
    }

    public static TheoryData<string> ChartNames => [.. AllCharts.Keys];

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Every_chart_helper_sets_a_title_and_axis_titles(string name)
    {
        var layout = FigureJson.Parse(AllCharts[name]()).Layout();
        Assert.False(string.IsNullOrWhiteSpace(layout.Text("title")));
        foreach (var axis in new[] { "xaxis", "yaxis", "yaxis2" })
        {
            if (layout.TryGetProperty(axis, out var a))
            {
                Assert.False(string.IsNullOrWhiteSpace(a.Text("title")), $"{name}: {axis} has no title");
            }
        }
    }

    [Fact]
    public void Axis_titles_can_be_chosen_by_the_caller()
    {
        var layouts = new[]
        {
            Charts.Bars([0.5, 0.5], xTitle: "face", yTitle: "p"),
            Charts.Bars([0.5, 0.5], [0.5, 0.5], xTitle: "face", yTitle: "p"),
            Charts.Slider(["1"], [[1.0]], null, "s", "T = ", xTitle: "face", yTitle: "p"),
            Charts.StepSweep([1e-3], [1e-6], xTitle: "face", yTitle: "p"),
            Charts.LossCurve([1.0], xTitle: "face", yTitle: "p"),
        }.Select(f => FigureJson.Parse(f).Layout());
        Assert.All(layouts, l =>
        {
            Assert.Equal("face", l.GetProperty("xaxis").Text("title"));
            Assert.Equal("p", l.GetProperty("yaxis").Text("title"));
        });
    }

    // One figure from every public chart helper.
    private static readonly Dictionary<string, Func<Figure>> AllCharts = new()
    {
        ["Bars"] = () => Charts.Bars([0.1, 0.9]),
        ["Bars, two"] = () => Charts.Bars([0.5, 0.5], [0.9, 0.1]),
        ["Slider"] = () => Charts.Slider(["1", "2"], [[0.3, 0.7], [0.2, 0.8]], null, "s", "T = "),
        ["StepSweep"] = () => Charts.StepSweep([1e-1, 1e-3], [1e-3, 1e-7]),
        ["LossCurve"] = () => Charts.LossCurve([2, 1]),
        ["Distribution"] = () => Charts.Distribution(Distribution.FromProbabilities([0.25, 0.75])),
        ["Compare"] = () => Charts.Compare(Distribution.FromProbabilities([0.5, 0.5]), Distribution.FromProbabilities([0.25, 0.75])),
        ["SoftmaxTemperatureSlider"] = () => Charts.SoftmaxTemperatureSlider([1.0, 2.0]),
        ["GibbsTemperatureSlider"] = () => Charts.GibbsTemperatureSlider([0.0, 1.0]),
        ["GibbsTemperatureSlider, spectrum"] = () => Charts.GibbsTemperatureSlider(EnergySpectrum.RigidRotor(3)),
        ["LogSumExpTemperature"] = () => Charts.LogSumExpTemperature([1.0, 2.0], 5),
        ["MaxEntropyCurves"] = () => Charts.MaxEntropyCurves(MaxEntropy.Solve([1, 2, 3], 2.5), 5),
        ["StepSweep, result"] = () => Charts.StepSweep(GradientCheck.SweepGradient(z => SoftmaxFunctions.LogSumExp(z), SoftmaxFunctions.Softmax, [0.5, -1.0])),
        ["SigmoidVsSoftmax"] = () => Charts.SigmoidVsSoftmax(-1, 1, 5),
        ["DecisionRegions"] = Regions,
        ["Reliability"] = () => Charts.Reliability([0.9, 0.6], [true, false]),
    };

    [Fact]
    public void The_axis_title_theory_covers_every_public_chart_helper()
    {
        // A new helper must join AllCharts, or its axes go unchecked.
        var helpers = typeof(Charts).GetMethods(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(Figure)).Select(m => m.Name).Distinct().Order().ToArray();
        var covered = AllCharts.Keys.Select(k => k.Split(',')[0]).Distinct().Order().ToArray();
        Assert.Equal(helpers, covered);
    }

    [Fact]
    public void Heatmap_json_is_valid_with_no_cells()
    {
        var figure = Charts.DecisionRegions([], [], new int[0, 0], Names, [], "x", "y", "empty");
        using var doc = JsonDocument.Parse(figure.ToJson());
        Assert.Equal(0, doc.RootElement.GetProperty("data")[0].GetProperty("z").GetArrayLength());
    }
}
