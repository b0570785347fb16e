namespace SoftmaxNotebooks.Display.Tests;

/// <summary>
/// The charts render in a real browser from a file, with no network: plotly.js comes from inside the page.
/// The screenshots stay under artifacts/screenshots for people to look at.
/// </summary>
public sealed class BrowserTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("smx-browser-");

    public void Dispose() => folder.Delete(recursive: true);

    private static string ScreenshotFolder()
    {
        var path = Path.Combine(RepoRoot.Path, "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }

    private static Figure DiceChart() =>
        Charts.Bars([0.05435, 0.07877, 0.11416, 0.16545, 0.23977, 0.34749], ["1", "2", "3", "4", "5", "<6 & up>"],
            "Brandeis dice: mean 4.5");

    private static Figure SliderChart() =>
        Charts.Slider(["10", "1", "0.1"], [[0.30, 0.33, 0.37], [0.09, 0.24, 0.67], [0.0, 0.0, 1.0]], ["a", "b", "c"],
            "softmax(z/T) as T falls", "T = ", active: 1);

    [Fact]
    public void Distribution_chart_renders_offline_in_chromium()
    {
        var file = DiceChart().SaveHtml(Path.Combine(folder.FullName, "dice.html"));
        var dom = Chromium.DumpDom(file);
        Assert.Contains("main-svg", dom, StringComparison.Ordinal);
        Assert.Contains("Brandeis dice: mean 4.5", dom, StringComparison.Ordinal);
        Assert.Contains("&lt;6 &amp; up&gt;", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("needs plotly.js", dom, StringComparison.Ordinal);
        Chromium.Screenshot(file, Path.Combine(ScreenshotFolder(), "distribution-chart.png"));
    }

    [Fact]
    public void Slider_chart_renders_its_slider_offline_in_chromium()
    {
        var file = SliderChart().SaveHtml(Path.Combine(folder.FullName, "slider.html"));
        var dom = Chromium.DumpDom(file);
        Assert.Contains("main-svg", dom, StringComparison.Ordinal);
        Assert.Contains("slider-container", dom, StringComparison.Ordinal);
        Assert.Contains("T = 1", dom, StringComparison.Ordinal);
        Chromium.Screenshot(file, Path.Combine(ScreenshotFolder(), "slider-chart.png"));
    }

    [Fact]
    public void Notebook_outputs_share_one_plotly_js_wait_for_it_and_follow_a_dark_theme()
    {
        // Outputs as a VS Code notebook view holds them (dark theme, its foreground variable on the body), the second
        // chart placed before the output carrying plotly.js, as when outputs render out of order.
        KitDisplay.ResetSession();
        var first = DiceChart().ToHtml();
        var second = SliderChart().ToHtml();
        var page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + KitFonts.Style + "</head>" +
                   "<body class=\"vscode-dark\" style=\"background:#1f1f1f;color:#cccccc;--vscode-editor-foreground:#d4d4d4;font-family:var(--kit-sans)\">" +
                   KitFormatters.Render(GibbsState.FromTemperature([0, 1, 2], 1.5, [1, 3, 5]), "text/html") +
                   second + first + "</body></html>";
        var file = Path.Combine(folder.FullName, "outputs.html");
        File.WriteAllText(file, page);
        var dom = Chromium.DumpDom(file);
        Assert.Equal(2, dom.Split("data-drawn=\"1\"").Length - 1);
        Assert.DoesNotContain("needs plotly.js", dom, StringComparison.Ordinal);
        // The theme's foreground (#d4d4d4) reached the chart text.
        Assert.Contains("fill: rgb(212, 212, 212)", dom, StringComparison.Ordinal);
        Chromium.Screenshot(file, Path.Combine(ScreenshotFolder(), "notebook-outputs-dark.png"), 900, 1200);
    }

    [Fact]
    public void Chart_without_plotly_js_in_the_view_says_which_cell_to_run()
    {
        KitDisplay.ResetSession();
        _ = KitDisplay.LoadPlotlyJs().ToHtml();
        var orphan = DiceChart().ToHtml();
        var file = Path.Combine(folder.FullName, "orphan.html");
        File.WriteAllText(file, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body>" + orphan + "</body></html>");
        var dom = Chromium.DumpDom(file);
        Assert.DoesNotContain("main-svg", dom, StringComparison.Ordinal);
        Assert.Contains("KitDisplay.LoadPlotlyJs()", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Result_tables_and_kit_charts_render_together_in_a_light_page()
    {
        KitDisplay.ResetSession();
        var dice = MaxEntropy.Solve([1, 2, 3, 4, 5, 6], 4.5);
        var failing = GradientCheck.CheckGradient(z => SoftmaxFunctions.LogSumExp(z), z => [.. SoftmaxFunctions.Softmax(z).Select(v => 1.01 * v)], [0.5, -1.0, 2.0]);
        var parts = new object[]
        {
            Distribution.FromLogits([2.0, 1.0, 0.1], labels: ["cat", "dog", "<fish & chips>"]),
            GibbsState.FromTemperature([0, 1, 2], 1.5, [1, 3, 5]),
            dice,
            failing,
            Charts.MaxEntropyCurves(dice),
            Charts.LogSumExpTemperature([1.0, 2.0, 3.0]),
        };
        var body = string.Join("<hr>", parts.Select(p => KitFormatters.Render(p, "text/html")));
        var file = Path.Combine(folder.FullName, "results.html");
        File.WriteAllText(file, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + KitFonts.Style + "</head><body style=\"font-family:var(--kit-sans);font-size:13px\">" + body + "</body></html>");
        var dom = Chromium.DumpDom(file);
        Assert.Equal(2, dom.Split("data-drawn=\"1\"").Length - 1);
        Assert.Contains("&lt;fish &amp; chips&gt;", dom, StringComparison.Ordinal);
        Chromium.Screenshot(file, Path.Combine(ScreenshotFolder(), "results-light.png"), 1000, 2200);
    }

    [Fact]
    public void Wide_result_tables_fit_the_700_px_text_width_of_a_printed_page_at_six_digits()
    {
        KitDisplay.Precision = 6;
        try
        {
            // A 4 × 4 Jacobian check at x with |x_3| > 1 (steps differ, so the step column stays), a degenerate Gibbs
            // state with labels, the dice and a 14 × 14 Jacobian: the widest tables the notebooks show.
            double[] x = [0.5, -1.0, 2.0, 0.3];
            var parts = new object[]
            {
                GradientCheck.CheckJacobian(SoftmaxFunctions.Softmax, SoftmaxFunctions.SoftmaxJacobian, x),
                GibbsState.FromTemperature([0, 1, 2], 1.5, [1, 3, 5], labels: ["ground", "first excited", "second excited"]),
                MaxEntropy.Solve([1, 2, 3, 4, 5, 6], 4.5),
                KitDisplay.Show(SoftmaxFunctions.SoftmaxJacobian(Enumerable.Range(0, 14).Select(i => -0.37 * i).ToArray()), "J"),
            };
            var body = string.Join("", parts.Select(p => KitFormatters.Render(p, "text/html")));
            // The page reports the right edge of its widest table; dump-dom returns the DOM after the script ran.
            // Measured once every face has loaded: document.fonts.ready alone may resolve before layout asked for any.
            const string measure = "<script>Promise.all([...document.fonts].map(f => f.load())).then(() => document.body.dataset.widest = Math.max(...[...document.querySelectorAll('table')]" +
                                   ".map(t => Math.ceil(t.getBoundingClientRect().right))).toString());</script>";
            var file = Path.Combine(folder.FullName, "print-width.html");
            File.WriteAllText(file, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + KitFonts.Style + "</head>" +
                                    "<body style=\"margin:0;width:700px;font-family:var(--kit-sans);font-size:14px\">" + body + measure + "</body></html>");
            var dom = Chromium.DumpDom(file);
            var widest = int.Parse(System.Text.RegularExpressions.Regex.Match(dom, "data-widest=\"(\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(widest, 300, 700);
            Chromium.Screenshot(file, Path.Combine(ScreenshotFolder(), "results-700px.png"), 760, 1800);
        }
        finally
        {
            KitDisplay.Precision = 4;
        }
    }

    [Fact]
    public void Checked_claims_decision_regions_and_reliability_render_in_a_1000_px_page()
    {
        KitDisplay.ResetSession();
        // Nearest of three centres: plain geometry, so the picture has three convex regions to look at.
        (double X, double Y)[] centres = [(1, 1), (4, 2), (2, 4)];
        var xs = Enumerable.Range(0, 61).Select(i => i * 0.1).ToArray();
        var ys = Enumerable.Range(0, 51).Select(j => j * 0.1).ToArray();
        var cells = new int[xs.Length, ys.Length];
        for (var i = 0; i < xs.Length; i++)
        {
            for (var j = 0; j < ys.Length; j++)
            {
                cells[i, j] = Enumerable.Range(0, 3).MinBy(k => Math.Pow(xs[i] - centres[k].X, 2) + Math.Pow(ys[j] - centres[k].Y, 2));
            }
        }

        var points = centres.SelectMany((c, k) => Enumerable.Range(0, 8).Select(t => (c.X + 0.6 * Math.Cos(t), c.Y + 0.6 * Math.Sin(t), k))).ToArray();
        var parts = new object[]
        {
            Check.Close(0.1 + 0.2, 0.3, 1e-12, "0.1 + 0.2 = 0.3 up to rounding"),
            Check.That(true, "every <region> & point is drawn"),
            Charts.DecisionRegions(xs, ys, cells, ["setosa", "versicolor", "virginica"], points, "petal length (cm)", "petal width (cm)",
                "Decision regions of the nearest centre, with the training points drawn on top in the colour of their class"),
            Charts.Reliability(Enumerable.Range(0, 200).Select(i => 0.34 + 0.66 * i / 199).ToArray(), Enumerable.Range(0, 200).Select(i => i % 4 != 0).ToArray()),
            Charts.StepSweep([1e-2, 1e-4, 1e-6, 1e-8, 1e-10], [1e-4, 1e-8, 1e-10, 1e-8, 1e-6]),
        };
        var body = string.Join("", parts.Select(p => KitFormatters.Render(p, "text/html")));
        var file = Path.Combine(folder.FullName, "classes.html");
        File.WriteAllText(file, "<!DOCTYPE html><html><head><meta charset=\"utf-8\">" + KitFonts.Style + "</head><body style=\"font-family:var(--kit-sans);font-size:13px\">" + body + "</body></html>");
        var dom = Chromium.DumpDom(file);
        Assert.Equal(3, dom.Split("data-drawn=\"1\"").Length - 1);
        Assert.Contains("class=\"hm\"", dom, StringComparison.Ordinal);
        Assert.Contains("every &lt;region&gt; &amp; point is drawn", dom, StringComparison.Ordinal);
        Chromium.Screenshot(file, Path.Combine(ScreenshotFolder(), "classes-light.png"), 1000, 1500);
    }

    [Fact]
    public void The_toolbar_keeps_clear_of_the_titles_in_a_680_px_column()
    {
        // The charts the handouts showed with the toolbar over the title: a long step-sweep title, the slider, a loss
        // curve; in the handouts' 680 px text column, the toolbar shown as on hover.
        KitDisplay.ResetSession();
        var sweep = GradientCheck.SweepGradient(z => SoftmaxFunctions.LogSumExp(z), SoftmaxFunctions.Softmax, [0.5, -1.0, 2.0]);
        var parts = new[]
        {
            Charts.StepSweep(sweep),
            Charts.GibbsTemperatureSlider(EnergySpectrum.HarmonicLadder(20)),
            Charts.LossCurve([1.1, 0.6, 0.4, 0.35], "Training loss of softmax regression on the iris data (gradient descent from zero)"),
            Charts.MaxEntropyCurves(MaxEntropy.Solve([1, 2, 3, 4, 5, 6], 4.5)),
        };
        var body = string.Concat(parts.Select(p => p.ToHtml()));
        const string measure = """
            <style>.modebar-container .modebar { opacity: 1 !important; }</style>
            <script>setTimeout(function () {
              var overlaps = [], seen = 0;
              document.querySelectorAll('.js-plotly-plot').forEach(function (plot) {
                var bar = plot.querySelector('.modebar');
                var title = plot.querySelector('.gtitle');
                if (!bar || !title) { return; }
                seen++;
                var b = bar.getBoundingClientRect(), t = title.getBoundingClientRect();
                if (b.width === 0 || t.width === 0) { overlaps.push('unmeasured'); return; }
                function apart(b) { return b.right <= t.left || t.right <= b.left || b.bottom <= t.top || t.bottom <= b.top; }
                if (!apart(b)) { overlaps.push('toolbar ' + Math.round(b.bottom) + '>' + Math.round(t.top)); }
                // A legend of several rows grows upwards from the plot; it must stay below the title too.
                var legend = plot.querySelector('.legend');
                if (legend && !apart(legend.getBoundingClientRect())) { overlaps.push('legend ' + Math.round(legend.getBoundingClientRect().top) + '<' + Math.round(t.bottom)); }
              });
              document.body.dataset.charts = String(seen);
              document.body.dataset.overlaps = overlaps.join(' ') || 'none';
            }, 2000);</script>
            """;
        var file = Path.Combine(folder.FullName, "toolbar.html");
        File.WriteAllText(file, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"margin:0 auto;width:680px;font-family:sans-serif\">" + body + measure + "</body></html>");
        var dom = Chromium.DumpDom(file);
        var charts = System.Text.RegularExpressions.Regex.Match(dom, "data-charts=\"([^\"]*)\"").Groups[1].Value;
        var overlaps = System.Text.RegularExpressions.Regex.Match(dom, "data-overlaps=\"([^\"]*)\"").Groups[1].Value;
        Assert.Equal(("4", "none"), (charts, overlaps));
        Chromium.Screenshot(file, Path.Combine(ScreenshotFolder(), "toolbar-680px.png"), 700, 1900);
    }
}
