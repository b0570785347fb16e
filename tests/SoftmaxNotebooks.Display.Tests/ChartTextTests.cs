using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace SoftmaxNotebooks.Display.Tests;

/// <summary>
/// Every chart's text alternative (WCAG 1.1.1) states what the data say: the expected maxima, crossings, trends and
/// shares are computed here from the data or from closed forms, not read from the kit.
/// </summary>
public sealed partial class ChartTextTests
{
    // Four significant digits, as chart text writes numbers (non-negative values: no minus sign to translate).
    private static string G4(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    [Fact]
    public void Bar_chart_names_its_axes_categories_and_largest_bar_and_tabulates_every_bar()
    {
        double[] p = [0.05435, 0.07877, 0.11416, 0.16545, 0.23977, 0.34749];
        var text = ChartText.Of(Charts.Bars(p, ["1", "2", "3", "4", "5", "6"], "Brandeis dice: mean 4.5").ToJson(), "");
        Assert.Equal("Brandeis dice: mean 4.5", text.Name);
        Assert.StartsWith("Bar chart of probability against outcome.", text.Description, StringComparison.Ordinal);
        Assert.Contains("It spans 6 categories (1, 2, 3, 4, 5 and 6) and probability from 0.05435 to 0.3475", text.Description, StringComparison.Ordinal);
        var largest = Array.IndexOf(p, p.Max());
        Assert.Contains($"The largest bar is {largest + 1} ({G4(p.Max())})", text.Description, StringComparison.Ordinal);
        Assert.InRange(Sentences().Count(text.Description), 1, 3);
        var rows = Rows(text.DataHtml);
        Assert.Equal(6, rows.Count);
        Assert.All(rows.Select((r, i) => (r, i)), x => Assert.Equal([(x.i + 1).ToString(CultureInfo.InvariantCulture), G4(p[x.i])], x.r));
    }

    [Fact]
    public void Two_lines_that_cross_are_said_to_cross_where_they_do()
    {
        var x = Enumerable.Range(0, 11).Select(i => i / 10.0).ToArray();
        var figure = new Figure
        {
            Title = "Two lines",
            Traces =
            [
                new Trace { Kind = TraceKind.Lines, Name = "rising", X = x, Y = x },
                new Trace { Kind = TraceKind.Lines, Name = "falling", X = x, Y = [.. x.Select(v => 1 - v)], Dash = LineDash.Dash },
            ],
            XAxis = new Axis { Title = "share q" },
            YAxis = new Axis { Title = "value" },
        };
        var text = ChartText.Of(figure.ToJson(), "");
        // y = x and y = 1 − x meet at x = ½.
        Assert.Contains("rising and falling cross near q = 0.5", text.Description, StringComparison.Ordinal);
        Assert.Contains("rising rises from 0 at q = 0 to 1 at q = 1", text.Description, StringComparison.Ordinal);
        Assert.Contains("falling falls from 1 at q = 0 to 0 at q = 1", text.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Logistic_and_two_class_softmax_coincide()
    {
        var text = ChartText.Of(Charts.SigmoidVsSoftmax().ToJson(), "");
        Assert.Contains("σ(x) and softmax([x, 0])₁ coincide", text.Description, StringComparison.Ordinal);
        // 161 points are sampled to 21 rows, ends included; each row is x with both curves' values.
        var rows = Rows(text.DataHtml);
        Assert.Equal(ChartText.MaxRows, rows.Count);
        Assert.Equal(["−8", G4(1 / (1 + Math.Exp(8))).Replace("e-", "e−", StringComparison.Ordinal), G4(1 / (1 + Math.Exp(8))).Replace("e-", "e−", StringComparison.Ordinal)], rows[0]);
        Assert.Equal("8", rows[^1][0]);
        Assert.Contains("(21 of 161 points, evenly spaced)", text.DataHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Smooth_maximum_rises_from_the_maximum_to_its_value_at_the_highest_temperature()
    {
        double[] z = [1, 2, 3];
        // T·log Σ e^(z_i/T) written out; at T = 0.01 it is max z = 3 to the last digit shown.
        double Lse(double t) => t * Math.Log(z.Sum(v => Math.Exp(v / t)));
        var text = ChartText.Of(Charts.LogSumExpTemperature(z).ToJson(), "");
        Assert.Contains($"LSE_T(z) rises from {G4(Lse(0.01))} at T = 0.01 to {G4(Lse(10))} at T = 10", text.Description, StringComparison.Ordinal);
        Assert.Contains("It spans temperature T from 0.01 to 10 (log scale) and value from 3 to ", text.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Slider_chart_tabulates_every_step_and_says_where_the_mass_goes()
    {
        double[] z = [1, 2, 3];
        var text = ChartText.Of(Charts.SoftmaxTemperatureSlider(z, ["a", "b", "c"]).ToJson(), "");
        Assert.NotNull(text.Slider);
        Assert.Equal(("T", "T = ", 10, 3), (text.Slider.Label, text.Slider.Prefix, text.Slider.Steps.Count, text.Slider.Active));
        // At T = 1: softmax(z) = e^z / Σ e^z, largest at c.
        var c = Math.Exp(3) / z.Sum(Math.Exp);
        Assert.Contains($"; at T = 1 the largest bar is c ({G4(c)})", text.Description, StringComparison.Ordinal);
        var header = Regex.Matches(text.DataHtml, "<th scope=\"col\"[^>]*>([^<]*)</th>").Select(m => m.Groups[1].Value).ToArray();
        Assert.Equal(["outcome", .. Charts.SliderTemperatures.Select(t => "T = " + G4(t))], header);
        Assert.Equal(3, Rows(text.DataHtml).Count);
    }

    [Fact]
    public void Decision_regions_give_each_class_its_share_of_the_plane()
    {
        // Class 0 on three of four cells, class 1 on one.
        var figure = Charts.DecisionRegions([0, 1], [0, 1], new[,] { { 0, 0 }, { 0, 1 } }, ["left", "corner"],
            [(0.2, 0.2, 0), (0.9, 0.9, 1)], "u", "v", "Regions");
        var text = ChartText.Of(figure.ToJson(), "");
        Assert.Contains("predicted class: left 75 %, corner 25 % of the plane", text.Description, StringComparison.Ordinal);
        Assert.Contains("with 2 point series: left and corner", text.Description, StringComparison.Ordinal);
        Assert.Equal([["left", "3", "75 %"], ["corner", "1", "25 %"]], Rows(text.DataHtml).Take(2));
    }

    [Fact]
    public void Many_scattered_points_are_summarised_per_series()
    {
        var xs = Enumerable.Range(0, 40).Select(i => i * 0.5).ToArray();
        var figure = new Figure
        {
            Title = "Cloud",
            Traces = [new Trace { Kind = TraceKind.Markers, Name = "cloud", X = xs, Y = [.. xs.Select(v => -v)] }],
        };
        var text = ChartText.Of(figure.ToJson(), "");
        Assert.Equal([["cloud", "40", "0", "19.5", "−19.5", "0"]], Rows(text.DataHtml));
    }

    [Fact]
    public void Marked_points_are_named_with_their_coordinates()
    {
        var result = MaxEntropy.Solve([1, 2, 3, 4, 5, 6], 4.5);
        var text = ChartText.Of(Charts.MaxEntropyCurves(result).ToJson(), "");
        Assert.Contains($"solved β is marked at Ē = 4.5, β = −{G4(-result.Beta)}", text.Description, StringComparison.Ordinal);
        // S(Ē) is largest at the degeneracy-weighted mean (3.5 for a die), where it is log 6.
        Assert.Contains($"S(Ē) peaks at {G4(Math.Log(6))} at Ē = 3.5", text.Description, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"data\":[{\"type\":\"pie\",\"values\":[1,2],\"labels\":[\"a\",\"b\"]}],\"layout\":{\"title\":{\"text\":\"Pie\"}}}", "Pie", "Chart of 1 trace (pie).")]
    [InlineData("{}", "fallback", "An empty chart.")]
    [InlineData("{\"data\":[{\"y\":[1,3,2]}],\"layout\":{\"title\":\"A <b>bold</b><br>title\"}}", "A bold title", "Line chart of y against x.")]
    public void Foreign_figures_are_described_without_guessing(string json, string name, string start)
    {
        var text = ChartText.Of(json, "fallback");
        Assert.Equal(name, text.Name);
        Assert.StartsWith(start, text.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Chart_output_is_an_image_named_by_its_description_with_a_caption_and_a_folding_data_table()
    {
        KitDisplay.ResetSession();
        var figure = Charts.Bars([0.25, 0.75], ["a", "<b>"], "Coin & die");
        var html = figure.ToHtml();
        var text = ChartText.Of(figure.ToJson(), "");
        // A screen reader, and chromium's PDF as the figure's /Alt, get the name and the description.
        var label = Regex.Match(html, "role=\"img\" aria-label=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(text.Name + ". " + text.Description, WebUtility.HtmlDecode(label));
        Assert.StartsWith("Coin & die. Bar chart of probability against outcome.", WebUtility.HtmlDecode(label), StringComparison.Ordinal);
        Assert.Contains("<p class=\"smx-chart-caption\" aria-hidden=\"true\"", html, StringComparison.Ordinal);
        Assert.Contains("<details class=\"smx-chart-data\"", html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("type=\"range\"", html, StringComparison.Ordinal);

        var slider = Charts.SoftmaxTemperatureSlider([1.0, 2.0, 3.0]).ToHtml();
        Assert.Matches("<input type=\"range\" id=\"smx-chart-[0-9a-f]{8}-\\d+-slider\" min=\"0\" max=\"9\" step=\"1\" value=\"3\" aria-valuetext=\"T = 1\"", slider);
        Assert.Matches("<label for=\"smx-chart-[0-9a-f]{8}-\\d+-slider\">T</label>", slider);
    }

    [Fact]
    public void Series_shown_together_differ_in_more_than_colour()
    {
        foreach (var (name, figure) in AllKitCharts())
        {
            if (figure.Slider is not null)
            {
                continue;
            }

            // What tells a series apart in greyscale: bar fill, line dash, marker shape, lines or markers.
            var looks = figure.Traces.Where(t => t.Visible && t.Kind != TraceKind.Heatmap)
                .Select(t => (t.Kind, t.Kind == TraceKind.Bar ? t.Pattern : FillPattern.Solid, t.Kind is TraceKind.Markers ? LineDash.Solid : t.Dash,
                    t.Kind is TraceKind.Lines or TraceKind.Bar ? MarkerSymbol.Circle : t.Symbol))
                .ToList();
            Assert.True(looks.Distinct().Count() == looks.Count, $"{name}: two series look alike without colour");
        }
    }

    [Fact]
    public void Every_chart_colour_has_3_to_1_against_white_and_dark_backgrounds()
    {
        // White paper, VS Code's default dark editor and the handouts' dark theme.
        string[] backgrounds = ["#ffffff", "#1f1f1f", "#0d1117"];
        var colours = Charts.ClassColors.Concat(AllKitCharts().SelectMany(c => c.Figure.Traces).Select(t => t.Color).OfType<string>()).Distinct();
        foreach (var colour in colours)
        {
            foreach (var background in backgrounds)
            {
                Assert.True(Contrast(colour, background) >= 3, $"{colour} on {background}: {Contrast(colour, background):F2}:1");
            }
        }

        // The reference values of the formula: black on white is 21:1, plotly.js's default orange 2.53:1 on white.
        Assert.Equal(21, Contrast("#000000", "#ffffff"), 6);
        Assert.Equal(2.53, Contrast("#ff7f0e", "#ffffff"), 2);
    }

    private static IEnumerable<(string Name, Figure Figure)> AllKitCharts()
    {
        var dice = MaxEntropy.Solve([1, 2, 3, 4, 5, 6], 4.5);
        yield return ("Bars", Charts.Bars([0.1, 0.9]));
        yield return ("Bars, two", Charts.Bars([0.1, 0.9], [0.5, 0.5]));
        yield return ("Compare", Charts.Compare(Distribution.FromProbabilities([0.5, 0.5]), Distribution.FromProbabilities([0.2, 0.8])));
        yield return ("StepSweep", Charts.StepSweep(GradientCheck.SweepGradient(z => SoftmaxFunctions.LogSumExp(z), SoftmaxFunctions.Softmax, [0.5, -1.0])));
        yield return ("LossCurve", Charts.LossCurve([1, 0.5]));
        yield return ("LogSumExpTemperature", Charts.LogSumExpTemperature([1.0, 2.0]));
        yield return ("MaxEntropyCurves", Charts.MaxEntropyCurves(dice, 11));
        yield return ("SigmoidVsSoftmax", Charts.SigmoidVsSoftmax());
        yield return ("DecisionRegions", Charts.DecisionRegions([0, 1], [0, 1], new[,] { { 0, 1 }, { 2, 3 } }, ["a", "b", "c", "d"],
            [(0.1, 0.1, 0), (0.1, 0.9, 1), (0.9, 0.1, 2), (0.9, 0.9, 3)], "u", "v", "t"));
        yield return ("Reliability", Charts.Reliability([0.9, 0.6], [true, false], 2));
        yield return ("GibbsTemperatureSlider", Charts.GibbsTemperatureSlider(EnergySpectrum.HarmonicLadder(3)));
    }

    // WCAG 2.1 relative luminance and contrast ratio, written out from the definition.
    private static double Contrast(string a, string b)
    {
        static double Luminance(string hex)
        {
            double Channel(int i)
            {
                var c = int.Parse(hex.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
                return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
            }

            return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
        }

        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    // The body rows of the data tables: each row's header and cells as text.
    private static List<string[]> Rows(string html) =>
        [.. Regex.Matches(html, "<tbody>(.*?)</tbody>").SelectMany(body => Regex.Matches(body.Groups[1].Value, "<tr>(.*?)</tr>"))
            .Select(row => Regex.Matches(row.Groups[1].Value, "<t[hd][^>]*>(.*?)</t[hd]>").Select(c => WebUtility.HtmlDecode(c.Groups[1].Value)).ToArray())];

    [GeneratedRegex(@"[.!?](\s|$)")]
    private static partial Regex Sentences();
}
