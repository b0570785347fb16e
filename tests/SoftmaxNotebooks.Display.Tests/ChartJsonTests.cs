namespace SoftmaxNotebooks.Display.Tests;

public sealed class ChartJsonTests
{
    [Fact]
    public void Bars_draw_one_bar_per_outcome_with_labels_as_categories()
    {
        var root = FigureJson.Parse(Charts.Bars([0.1, 0.2, 0.7], ["a", "b", "c"], "Dice"));
        var trace = Assert.Single(root.Traces());
        Assert.Equal("bar", trace.GetProperty("type").GetString());
        Assert.Equal(["a", "b", "c"], trace.Strings("x"));
        Assert.Equal([0.1, 0.2, 0.7], trace.Numbers("y"));
        Assert.Equal("Dice", root.Layout().Text("title"));
        Assert.Equal("category", root.Layout().GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("probability", root.Layout().GetProperty("yaxis").Text("title"));
    }

    [Fact]
    public void Two_distributions_are_grouped_side_by_side()
    {
        var root = FigureJson.Parse(Charts.Bars([0.5, 0.5], [0.9, 0.1], null, "p and q", "data", "model"));
        Assert.Equal(["data", "model"], root.Traces().Select(t => t.GetProperty("name").GetString()).ToArray());
        Assert.Equal(["0", "1"], root.Traces()[1].Strings("x"));
        Assert.Equal("group", root.Layout().GetProperty("barmode").GetString());
        Assert.Throws<ArgumentException>(() => Charts.Bars([1.0], [0.5, 0.5]));
    }

    [Fact]
    public void Slider_shows_exactly_one_trace_per_step()
    {
        double[][] distributions = [[1, 0], [0.5, 0.5], [0, 1]];
        var root = FigureJson.Parse(Charts.Slider(["a", "b", "c"], distributions, null, "s", "k = ", active: 1));
        Assert.Equal([false, true, false], root.Traces().Select(t => t.GetProperty("visible").GetBoolean()).ToArray());
        var masks = root.StepMasks();
        Assert.Equal(3, masks.Length);
        for (var k = 0; k < 3; k++)
        {
            Assert.Equal(Enumerable.Range(0, 3).Select(i => i == k).ToArray(), masks[k]);
        }

        var slider = root.Layout().GetProperty("sliders")[0];
        Assert.Equal(1, slider.GetProperty("active").GetInt32());
        Assert.Equal("k = ", slider.GetProperty("currentvalue").GetProperty("prefix").GetString());
        Assert.Equal("restyle", slider.GetProperty("steps")[0].GetProperty("method").GetString());
    }

    [Fact]
    public void Slider_keeps_one_probability_scale_for_every_step()
    {
        var root = FigureJson.Parse(Charts.Slider(["a", "b"], [[0.5, 0.5], [0.2, 0.8]], null, "s", "T = "));
        var range = root.Layout().GetProperty("yaxis").Numbers("range");
        Assert.Equal(0, range[0]);
        Assert.InRange(range[1], 0.8, 1.0);
    }

    [Fact]
    public void Step_sweep_is_log_log_and_leaves_zero_errors_as_gaps()
    {
        var root = FigureJson.Parse(Charts.StepSweep([1e-1, 1e-4, 1e-8], [1e-3, 0, 1e-8]));
        Assert.Equal("log", root.Layout().GetProperty("xaxis").GetProperty("type").GetString());
        Assert.Equal("log", root.Layout().GetProperty("yaxis").GetProperty("type").GetString());
        Assert.Equal("step δ", root.Layout().GetProperty("xaxis").Text("title"));
        var y = root.Traces()[0].Numbers("y");
        Assert.True(double.IsNaN(y[1]));
        Assert.Equal(1e-8, y[2]);
    }

    [Fact]
    public void Loss_curve_counts_steps_from_one()
    {
        var root = FigureJson.Parse(Charts.LossCurve([2.0, 1.0, 0.5], logScale: true));
        Assert.Equal([1.0, 2.0, 3.0], root.Traces()[0].Numbers("x"));
        Assert.Equal("lines", root.Traces()[0].GetProperty("mode").GetString());
        Assert.Equal("log", root.Layout().GetProperty("yaxis").GetProperty("type").GetString());
    }

    [Fact]
    public void Non_finite_values_become_json_null()
    {
        var json = Charts.LossCurve([1.0, double.NaN, double.PositiveInfinity]).ToJson();
        Assert.Contains("\"y\":[1,null,null]", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Backgrounds_are_transparent_for_light_and_dark_themes()
    {
        var layout = FigureJson.Parse(Charts.Bars([1.0])).Layout();
        Assert.Equal("rgba(0,0,0,0)", layout.GetProperty("paper_bgcolor").GetString());
        Assert.Equal("rgba(0,0,0,0)", layout.GetProperty("plot_bgcolor").GetString());
    }

    [Fact]
    public void Json_escapes_markup_so_it_can_sit_inside_a_script_element()
    {
        var json = Charts.Bars([1.0], ["</script><script>alert(1)</script>"], "a & b").ToJson();
        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        Assert.DoesNotContain("&", json, StringComparison.Ordinal);
        Assert.Equal("</script><script>alert(1)</script>", FigureJson.Parse(Charts.Bars([1.0], ["</script><script>alert(1)</script>"])).Traces()[0].Strings("x")[0]);
    }

    [Fact]
    public void Json_is_deterministic()
    {
        Assert.Equal(Charts.Bars([0.25, 0.75]).ToJson(), Charts.Bars([0.25, 0.75]).ToJson());
    }
}
