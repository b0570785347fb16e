namespace SoftmaxNotebooks.Display.Tests;

/// <summary>The chart helpers that take core types; expected numbers come from closed forms or PLATFORM.md references.</summary>
public sealed class KitChartJsonTests
{
    [Fact]
    public void Distribution_chart_names_bars_by_label()
    {
        var root = FigureJson.Parse(Charts.Distribution(Distribution.FromProbabilities([0.5, 0.5], ["heads", "tails"])));
        Assert.Equal(["heads", "tails"], root.Traces()[0].Strings("x"));
        // H = log 2 = 0.6931… nats.
        Assert.Contains("0.6931", root.Layout().Text("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void Distribution_chart_names_bars_by_distinct_values_else_by_index()
    {
        var byValue = FigureJson.Parse(Charts.Distribution(Distribution.FromProbabilities([0.5, 0.5], values: [1.5, 2.5])));
        Assert.Equal(["1.5", "2.5"], byValue.Traces()[0].Strings("x"));
        var repeated = FigureJson.Parse(Charts.Distribution(Distribution.FromProbabilities([0.5, 0.5], values: [1.0, 1.0])));
        Assert.Equal(["0", "1"], repeated.Traces()[0].Strings("x"));
    }

    [Fact]
    public void Compare_puts_two_distributions_side_by_side_with_their_divergence()
    {
        var p = Distribution.FromProbabilities([0.5, 0.5]);
        var q = Distribution.FromProbabilities([0.25, 0.75]);
        var root = FigureJson.Parse(Charts.Compare(p, q, nameP: "data", nameQ: "model"));
        Assert.Equal(2, root.Traces().Length);
        Assert.Equal([0.25, 0.75], root.Traces()[1].Numbers("y"));
        // KL(p‖q) = ½ log(0.5/0.25) + ½ log(0.5/0.75) = 0.1438… nats.
        Assert.Contains("KL(data‖model) = 0.1438 nats", root.Layout().Text("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void Softmax_slider_has_one_trace_per_temperature_and_starts_at_T_1()
    {
        double[] z = [0, Math.Log(2), Math.Log(3)];
        var root = FigureJson.Parse(Charts.SoftmaxTemperatureSlider(z, ["a", "b", "c"]));
        var traces = root.Traces();
        Assert.Equal(Charts.SliderTemperatures.Count, traces.Length);
        var active = root.Layout().GetProperty("sliders")[0].GetProperty("active").GetInt32();
        Assert.Equal(1.0, Charts.SliderTemperatures[active]);
        Assert.Equal("T = 1", traces[active].GetProperty("name").GetString());
        // softmax(z) ∝ (1, 2, 3).
        var y = traces[active].Numbers("y");
        Assert.Equal(1.0 / 6, y[0], 1e-15);
        Assert.Equal(3.0 / 6, y[2], 1e-15);
        Assert.Single(traces, t => t.GetProperty("visible").GetBoolean());
        var masks = root.StepMasks();
        Assert.All(masks.Select((m, k) => (m, k)), s => Assert.Equal(Enumerable.Range(0, traces.Length).Select(i => i == s.k), s.m));
        Assert.Equal(["10", "5", "2", "1", "0.5", "0.2", "0.1", "0.05", "0.02", "0.01"],
            root.Layout().GetProperty("sliders")[0].GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("label").GetString()).ToArray());
    }

    [Fact]
    public void Gibbs_slider_shows_level_probabilities_per_temperature()
    {
        var root = FigureJson.Parse(Charts.GibbsTemperatureSlider([0, 1], [1, 2], temperatures: [1, 0.5]));
        // T = 1: p ∝ (1, 2e^−1); T = 0.5: p ∝ (1, 2e^−2).
        var z1 = 1 + 2 * Math.Exp(-1);
        Assert.Equal([1 / z1, 2 * Math.Exp(-1) / z1], root.Traces()[0].Numbers("y"), new Tolerance(1e-15));
        var z2 = 1 + 2 * Math.Exp(-2);
        Assert.Equal(2 * Math.Exp(-2) / z2, root.Traces()[1].Numbers("y")[1], 1e-15);
        Assert.Equal("level", root.Layout().GetProperty("xaxis").Text("title"));
    }

    [Fact]
    public void Gibbs_slider_takes_a_spectrum()
    {
        var root = FigureJson.Parse(Charts.GibbsTemperatureSlider(EnergySpectrum.RigidRotor(3)));
        Assert.Equal(10, root.Traces().Length);
        Assert.Equal(4, root.Traces()[0].Strings("x").Length);
    }

    [Fact]
    public void Lse_chart_spans_T_10_to_0_01_on_a_log_axis_between_its_bounds()
    {
        double[] z = [1, 2, 3];
        var root = FigureJson.Parse(Charts.LogSumExpTemperature(z));
        Assert.Equal("log", root.Layout().GetProperty("xaxis").GetProperty("type").GetString());
        var t = root.Traces()[0].Numbers("x");
        Assert.Equal(10, t[0], 1e-12);
        Assert.Equal(0.01, t[^1], 1e-15);
        var lse = root.Traces()[0].Numbers("y");
        var max = root.Traces()[1].Numbers("y");
        var upper = root.Traces()[2].Numbers("y");
        for (var i = 0; i < t.Length; i++)
        {
            Assert.InRange(lse[i], max[i], upper[i]);
            Assert.Equal(3 + t[i] * Math.Log(3), upper[i], 1e-12);
        }

        // At T = 0.01 the smooth max equals max(z) to within T·e^(−1/T).
        Assert.Equal(3, lse[^1], 1e-40 + 1e-14);
        Assert.Equal(["LSE_T(z)", "max(z)", "max(z) + T·log n"], root.Traces().Select(tr => tr.GetProperty("name").GetString()).ToArray());
    }

    [Fact]
    public void Max_entropy_curves_mark_the_solved_point_on_both_axes()
    {
        var dice = MaxEntropy.Solve([1, 2, 3, 4, 5, 6], 4.5);
        var root = FigureJson.Parse(Charts.MaxEntropyCurves(dice));
        var traces = root.Traces();
        Assert.Equal("y2", traces[1].GetProperty("yaxis").GetString());
        Assert.Equal("y2", traces[3].GetProperty("yaxis").GetString());
        Assert.Equal([4.5], traces[2].Numbers("x"));
        Assert.Equal(-0.3710489, traces[3].Numbers("y")[0], 1e-6);
        // S peaks at the uniform distribution, Ē = 3.5, S = log 6; β there is 0 and falls as Ē rises.
        var s = traces[0].Numbers("y");
        Assert.Equal(Math.Log(6), s.Max(), 1e-12);
        var beta = traces[1].Numbers("y");
        Assert.True(beta[0] > 0 && beta[^1] < 0);
        var y2 = root.Layout().GetProperty("yaxis2");
        Assert.Equal("y", y2.GetProperty("overlaying").GetString());
        Assert.Equal("right", y2.GetProperty("side").GetString());
        Assert.Equal("mean energy Ē", root.Layout().GetProperty("xaxis").Text("title"));
    }

    [Fact]
    public void Max_entropy_curves_mark_beta_zero_at_the_weighted_mean_energy_and_do_not_clip_beta()
    {
        // Levels 0, 1, 3 with degeneracies 1, 2, 5: β = 0 at Ē = (0 + 2 + 15)/8 = 2.125, where S = log 8.
        var result = MaxEntropy.Solve([0, 1, 3], [1, 2, 5], 0.6);
        var root = FigureJson.Parse(Charts.MaxEntropyCurves(result));
        var traces = root.Traces();
        var zero = traces[4];
        Assert.Equal("β = 0, S max (Ē = 2.125)", zero.GetProperty("name").GetString());
        Assert.Equal([2.125, 2.125], zero.Numbers("x"));
        Assert.Equal(Math.Log(8), zero.Numbers("y")[1], 15);
        Assert.Equal("y", zero.TryGetProperty("yaxis", out var axis) ? axis.GetString() : "y");
        // The entropy curve peaks where the line stands, and β changes sign there.
        var x = traces[0].Numbers("x");
        var s = traces[0].Numbers("y");
        var beta = traces[1].Numbers("y");
        Assert.Equal(2.125, x[Array.IndexOf(s, s.Max())], 0.05);
        Assert.All(x.Zip(beta), p => Assert.True(p.First < 2.125 == p.Second > 0, $"β = {p.Second} at Ē = {p.First}"));
        // Every β, the solved one too, lies inside the right-hand axis; its zero line is not drawn across S.
        var y2 = root.Layout().GetProperty("yaxis2");
        var range = y2.Numbers("range");
        Assert.True(range[0] < beta.Append(result.Beta).Min() && beta.Append(result.Beta).Max() < range[1], $"β axis {range[0]} … {range[1]}");
        Assert.False(y2.GetProperty("zeroline").GetBoolean());
        var y = root.Layout().GetProperty("yaxis").Numbers("range");
        Assert.True(y[0] <= s.Min() && Math.Log(8) < y[1]);
    }

    [Fact]
    public void Titles_hang_below_the_toolbar_band_and_the_margin_makes_room_for_them()
    {
        foreach (var figure in new[] { Charts.LossCurve([2, 1]), Charts.StepSweep([1e-1, 1e-3], [1e-3, 1e-7], new string('x', 60) + " long title that wraps onto a second line") })
        {
            var title = FigureJson.Parse(figure).Layout().GetProperty("title");
            Assert.Equal("container", title.GetProperty("yref").GetString());
            Assert.Equal(figure.TitleY, title.GetProperty("y").GetDouble());
            Assert.InRange((1 - figure.TitleY) * figure.Height, Figure.ModeBarBand, Figure.ModeBarBand + 20);
            Assert.Equal("top", title.GetProperty("yanchor").GetString());
            var lines = figure.PlotlyTitle.Split("<br>").Length;
            Assert.True(figure.TopMargin >= Figure.ModeBarBand + (lines * 1.3 * figure.TitleFontSize), $"top margin {figure.TopMargin} for {lines} lines");
        }
    }

    [Fact]
    public void Step_sweep_chart_marks_the_best_step()
    {
        var sweep = GradientCheck.SweepGradient(z => SoftmaxFunctions.LogSumExp(z), SoftmaxFunctions.Softmax, [0.5, -1.0, 2.0]);
        var root = FigureJson.Parse(Charts.StepSweep(sweep));
        Assert.Equal(sweep.Points.Count, root.Traces()[0].Numbers("x").Length);
        Assert.Equal([sweep.Best.Step], root.Traces()[1].Numbers("x"));
        Assert.Equal("log", root.Layout().GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("log", root.Layout().GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Sigmoid_and_two_class_softmax_coincide()
    {
        var root = FigureJson.Parse(Charts.SigmoidVsSoftmax(-4, 4, 81));
        var x = root.Traces()[0].Numbers("x");
        var sigmoid = root.Traces()[0].Numbers("y");
        var softmax = root.Traces()[1].Numbers("y");
        for (var i = 0; i < x.Length; i++)
        {
            Assert.Equal(1 / (1 + Math.Exp(-x[i])), sigmoid[i], 1e-15);
            Assert.Equal(sigmoid[i], softmax[i], 1e-15);
        }

        Assert.Equal(0.5, sigmoid[40]);
    }

    [Fact]
    public void Every_chart_has_unicode_titles_on_the_chart_and_both_axes()
    {
        var figures = new[]
        {
            Charts.LogSumExpTemperature([1.0, 2.0]),
            Charts.MaxEntropyCurves(MaxEntropy.Solve([0, 1, 2], 0.8)),
            Charts.SigmoidVsSoftmax(),
            Charts.SoftmaxTemperatureSlider([1.0, 2.0]),
            Charts.GibbsTemperatureSlider([0, 1.0]),
        };
        foreach (var root in figures.Select(FigureJson.Parse))
        {
            Assert.False(string.IsNullOrWhiteSpace(root.Layout().Text("title")));
            Assert.False(string.IsNullOrWhiteSpace(root.Layout().GetProperty("xaxis").Text("title")));
            Assert.False(string.IsNullOrWhiteSpace(root.Layout().GetProperty("yaxis").Text("title")));
            Assert.DoesNotContain("$", root.Layout().Text("title"), StringComparison.Ordinal);
        }
    }

    private sealed class Tolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= eps;

        public int GetHashCode(double obj) => 0;
    }
}
