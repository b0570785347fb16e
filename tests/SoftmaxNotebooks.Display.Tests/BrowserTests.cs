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
        var page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>" +
                   "<body class=\"vscode-dark\" style=\"background:#1f1f1f;color:#cccccc;--vscode-editor-foreground:#d4d4d4;font-family:sans-serif\">" +
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
        File.WriteAllText(file, "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body style=\"font-family:sans-serif;font-size:13px\">" + body + "</body></html>");
        var dom = Chromium.DumpDom(file);
        Assert.Equal(2, dom.Split("data-drawn=\"1\"").Length - 1);
        Assert.Contains("&lt;fish &amp; chips&gt;", dom, StringComparison.Ordinal);
        Chromium.Screenshot(file, Path.Combine(ScreenshotFolder(), "results-light.png"), 1000, 2200);
    }
}
