using Microsoft.DotNet.Interactive.Formatting;
using Plotly.NET;
using SoftmaxNotebooks.Display;

namespace SoftmaxNotebooks.PlotlyNet.Tests;

public sealed class AdapterTests
{
    private static readonly string[] Keys = ["x", "y", "z"];

    public static TheoryData<string> ChartNames => [.. KitCharts.All.Keys];

    [Theory]
    [MemberData(nameof(ChartNames))]
    public void Plotly_net_twin_describes_the_same_traces_axes_and_slider_steps(string chart)
    {
        var figure = KitCharts.All[chart]();
        var kit = FigureDescription.Of(figure.ToJson());
        var twin = FigureDescription.Of(GenericChart.toFigureJson(figure.ToGenericChart()));
        Assert.Equal(kit, twin);
    }

    [Fact]
    public void Descriptions_tell_charts_apart()
    {
        // Guards the comparison itself: a description that ignored the data would make every twin pass.
        var a = FigureDescription.Of(Charts.Bars([0.5, 0.5]).ToJson());
        var b = FigureDescription.Of(Charts.Bars([0.4, 0.6]).ToJson());
        var c = FigureDescription.Of((Charts.Bars([0.5, 0.5]) with { Title = "other" }).ToJson());
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
        var slider = FigureDescription.Of(KitCharts.All["Slider"]().ToJson());
        Assert.Contains("trace type=bar name=T = 10 mode= visible=False yaxis=y", slider, StringComparison.Ordinal);
        Assert.Contains("x='x','y'", slider, StringComparison.Ordinal);
        Assert.Contains("slider active=1 prefix=T = ", slider, StringComparison.Ordinal);
        Assert.Contains("step 0.1 restyle visible=0,0,1", slider, StringComparison.Ordinal);
        Assert.Contains("xaxis title=outcome type=category", slider, StringComparison.Ordinal);
        var regions = FigureDescription.Of(KitCharts.All["DecisionRegions"]().ToGenericChart() is var chart ? GenericChart.toFigureJson(chart) : "");
        Assert.Contains("trace type=heatmap name=predicted class", regions, StringComparison.Ordinal);
        Assert.Contains("z=0,1,1;2,2,2", regions, StringComparison.Ordinal);
        Assert.Contains("zmin=-0.5 zmax=2.5 showscale=False hoverinfo=skip", regions, StringComparison.Ordinal);
        Assert.Contains("marker.color=#c26a00 marker.symbol=square pattern= opacity=", regions, StringComparison.Ordinal);
        Assert.Contains("colorway=#2f80c8,#c26a00,", regions, StringComparison.Ordinal);
        var compare = FigureDescription.Of(GenericChart.toFigureJson(KitCharts.All["Compare"]().ToGenericChart()));
        Assert.Contains("pattern=/", compare, StringComparison.Ordinal);
        var sweep = FigureDescription.Of(KitCharts.All["StepSweep"]().ToGenericChart() is var s ? GenericChart.toFigureJson(s) : "");
        Assert.Contains("type=log range= overlaying= side= exponentformat=power", sweep, StringComparison.Ordinal);
        var wrapped = FigureDescription.Of(GenericChart.toFigureJson(KitCharts.All["Colours and opacity"]().ToGenericChart()));
        Assert.Contains("<br>", wrapped, StringComparison.Ordinal);
        Assert.Contains("font.size=15", wrapped, StringComparison.Ordinal);
        Assert.Contains("line.color=#654321 marker.size=8 marker.color=#654321 marker.symbol= pattern= opacity=0.5", wrapped, StringComparison.Ordinal);
    }

    [Fact]
    public void Generic_chart_formats_as_a_kit_chart_output()
    {
        PlotlyNetFormatter.Register();
        KitDisplay.ResetSession();
        var chart = Charts.Bars([0.25, 0.75], ["a", "b"], "Coin").ToGenericChart();
        var first = chart.ToDisplayString("text/html");
        var second = chart.ToDisplayString("text/html");
        Assert.Contains("plotly.js v2.28.0", first, StringComparison.Ordinal);
        Assert.DoesNotContain("plotly.js v2.28.0", second, StringComparison.Ordinal);
        Assert.Contains("class=\"smx-chart\"", second, StringComparison.Ordinal);
        Assert.DoesNotContain("<script src=", first, StringComparison.Ordinal);
        Assert.Equal("Plotly.NET chart \"Coin\": 1 trace(s)", chart.ToDisplayString("text/plain"));
    }

    [Fact]
    public void Plotly_net_charts_get_the_kit_charts_text_alternative()
    {
        // A chart built with Plotly.NET alone, not from a kit figure: named and described from its JSON, its data in a table.
        PlotlyNetFormatter.Register();
        var native = Plotly.NET.CSharp.Chart.Column<double, string, string>(values: [0.2, 0.5, 0.3], Keys: Keys, Name: "share");
        var html = native.ToDisplayString("text/html");
        Assert.Contains("role=\"img\" aria-label=\"chart. Bar chart of y against x. It spans 3 categories (x, y and z) and y from 0.2 to 0.5. The largest bar is y (0.5).\"", html, StringComparison.Ordinal);
        Assert.Contains("<details class=\"smx-chart-data\"", html, StringComparison.Ordinal);
        var kit = Charts.Bars([0.25, 0.75], ["a", "b"], "Coin").ToGenericChart().ToDisplayString("text/html");
        Assert.Contains("aria-label=\"Coin. Bar chart of probability against outcome.", kit, StringComparison.Ordinal);
    }

    [Fact]
    public void Generic_chart_document_is_standalone()
    {
        var html = PlotlyNetFormatter.ToHtmlDocument(Charts.LossCurve([1, 0.5]).ToGenericChart());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("plotly.js v2.28.0", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Twin_can_be_styled_further_with_plotly_net()
    {
        var chart = Charts.Bars([0.5, 0.5]).ToGenericChart();
        var styled = Plotly.NET.CSharp.GenericChartExtensions.WithSize(chart, 300, 200);
        Assert.Contains("\"width\":300", GenericChart.toFigureJson(styled), StringComparison.Ordinal);
    }
}
