using System.Text.RegularExpressions;
using Microsoft.Playwright;
using SoftmaxNotebooks.Accessibility;

namespace SoftmaxNotebooks.Display.Tests.Accessibility;

/// <summary>
/// Every kit chart and result table in a real browser (Debian's chromium through Playwright), as a notebook view
/// holds them in a light and in a dark theme: axe-core finds no WCAG 2.0/2.1 A or AA violation, every chart is an
/// image with a name and a data table a keyboard reaches, and a slider answers the arrow keys.
/// </summary>
public sealed partial class AccessibleChartTests : IAsyncLifetime
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("smx-a11y-");
    private AccessibilityBrowser? browser;

    public async ValueTask InitializeAsync() => browser = await AccessibilityBrowser.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        folder.Delete(recursive: true);
    }

    private static IReadOnlyList<object> Outputs()
    {
        var dice = MaxEntropy.Solve([1, 2, 3, 4, 5, 6], 4.5);
        var cells = new int[3, 2];
        cells[1, 1] = 1;
        cells[2, 0] = 2;
        cells[2, 1] = 2;
        return
        [
            Check.Close(0.1 + 0.2, 0.3, 1e-12, "0.1 + 0.2 = 0.3 up to rounding"),
            dice,
            GradientCheck.CheckGradient(z => SoftmaxFunctions.LogSumExp(z), SoftmaxFunctions.Softmax, [0.5, -1.0, 2.0]),
            KitDisplay.Show(SoftmaxFunctions.SoftmaxJacobian([0.5, -1.0, 2.0]), "J"),
            Charts.SoftmaxTemperatureSlider([1.0, 2.0, 3.0], ["a", "b", "c"]),
            Charts.Compare(Distribution.FromProbabilities([0.5, 0.5]), Distribution.FromProbabilities([0.2, 0.8])),
            Charts.MaxEntropyCurves(dice),
            Charts.LogSumExpTemperature([1.0, 2.0, 3.0]),
            Charts.SigmoidVsSoftmax(),
            Charts.DecisionRegions([0, 1, 2], [0, 1], cells, ["setosa", "versicolor", "virginica"],
                [(0.1, 0.1, 0), (1.2, 0.9, 1), (1.9, 0.2, 2)], "petal length", "petal width", "Decision regions"),
            Charts.Reliability([0.95, 0.85, 0.65, 0.62], [true, true, true, false], 5),
            Charts.StepSweep(GradientCheck.SweepGradient(z => SoftmaxFunctions.LogSumExp(z), SoftmaxFunctions.Softmax, [0.5, -1.0])),
        ];
    }

    // A notebook view: the kit's fonts, the outputs one after another; dark as VS Code's dark theme sets it.
    private string Page(string name, bool dark)
    {
        KitDisplay.ResetSession();
        // Each output in a box that scrolls a wide table sideways, reachable by keyboard, as a notebook's output area.
        var body = string.Concat(Outputs().Select((o, i) =>
            $"<section role=\"region\" aria-label=\"output {i + 1}\" tabindex=\"0\" style=\"overflow-x:auto\">" + KitFormatters.Render(o, "text/html") + "</section>"));
        var style = dark
            ? "background:#1f1f1f;color:#cccccc;--vscode-editor-foreground:#cccccc;--vscode-charts-green:#89d185;--vscode-charts-red:#f48771;--vscode-charts-blue:#75beff"
            : "background:#ffffff;color:#1f2328";
        var file = Path.Combine(folder.FullName, name + ".html");
        File.WriteAllText(file, "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Kit outputs</title>" + KitFonts.Style +
                                $"</head><body class=\"{(dark ? "vscode-dark" : "vscode-light")}\" style=\"{style};font-family:var(--kit-sans);font-size:14px;margin:0\">" +
                                "<main><h1>Kit outputs</h1>" + body + "</main></body></html>");
        return file;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Kit_outputs_have_no_WCAG_A_or_AA_violations(bool dark)
    {
        var file = Page(dark ? "dark" : "light", dark);
        foreach (var state in new[] { new PageState("folded", 1000, dark, false), new PageState("opened", 1000, dark, true), new PageState("opened, 320 px", 320, dark, true) })
        {
            await browser!.VisitAsync(file, state, async page =>
            {
                var violations = await AccessibilityBrowser.WcagViolationsAsync(page);
                Assert.True(violations.Count == 0, $"{state.Name}, {(dark ? "dark" : "light")}:\n" + string.Join("\n", violations));
                Assert.Equal(0, await AccessibilityBrowser.SidewaysScrollAsync(page));
            });
        }
    }

    [Fact]
    public async Task Every_chart_is_a_named_image_with_a_data_table_that_the_keyboard_opens()
    {
        await browser!.VisitAsync(Page("charts", dark: false), PageState.Folded, async page =>
        {
            var charts = Outputs().OfType<Figure>().ToList();
            var images = page.GetByRole(AriaRole.Img).Filter(new LocatorFilterOptions { Has = page.Locator(".main-svg") });
            Assert.Equal(charts.Count, await images.CountAsync());
            for (var i = 0; i < charts.Count; i++)
            {
                var text = ChartText.Of(charts[i].ToJson(), "");
                var name = await images.Nth(i).GetAttributeAsync("aria-label");
                Assert.Equal(text.Name + ". " + text.Description, name);
                // The accessibility tree names the image by the same text, and holds nothing inside the drawing (tick
                // labels, the toolbar).
                await Assertions.Expect(images.Nth(i)).ToHaveAccessibleNameAsync(text.Name + ". " + text.Description);
                Assert.DoesNotContain("\n", (await images.Nth(i).AriaSnapshotAsync()).Trim(), StringComparison.Ordinal);
            }

            // Each chart's data fold opens from the keyboard (Tab to its summary, Enter) and shows a table with a caption.
            var summaries = page.Locator("details.smx-chart-data > summary");
            Assert.Equal(charts.Count, await summaries.CountAsync());
            for (var i = 0; i < charts.Count; i++)
            {
                await summaries.Nth(i).FocusAsync();
                await page.Keyboard.PressAsync("Enter");
                var table = page.Locator("details.smx-chart-data").Nth(i).Locator("table").First;
                Assert.True(await table.IsVisibleAsync(), $"chart {i}: data table not shown after Enter");
                Assert.False(string.IsNullOrWhiteSpace(await table.Locator("caption").InnerTextAsync()));
                Assert.True(await table.Locator("tbody tr").CountAsync() > 0);
            }
        });
    }

    [Fact]
    public async Task A_slider_chart_answers_the_arrow_keys_shows_focus_and_announces_its_value()
    {
        await browser!.VisitAsync(Page("slider", dark: false), PageState.Folded, async page =>
        {
            var slider = page.GetByRole(AriaRole.Slider, new PageGetByRoleOptions { Name = "T" });
            await slider.FocusAsync();
            Assert.Equal("T = 1", await slider.GetAttributeAsync("aria-valuetext"));
            Assert.True(await slider.EvaluateAsync<bool>("e => e.matches(':focus-visible') && getComputedStyle(e).outlineStyle !== 'none'"), "no visible focus");
            // The temperatures run 10, 5, 2, 1, 0.5, …: one step right from T = 1 is T = 0.5.
            await page.Keyboard.PressAsync("ArrowRight");
            Assert.Equal("T = 0.5", await slider.GetAttributeAsync("aria-valuetext"));
            var shown = await page.EvaluateAsync<int[]>(
                "() => { const el = document.querySelector('.js-plotly-plot'); return el.data.map((t, i) => t.visible === false ? -1 : i).filter(i => i >= 0); }");
            Assert.Equal([4], shown);
            // plotly.js's own slider moved with it.
            Assert.Equal(4, await page.EvaluateAsync<int>("() => document.querySelector('.js-plotly-plot').layout.sliders[0].active"));
            await page.Keyboard.PressAsync("Home");
            Assert.Equal("T = 10", await slider.GetAttributeAsync("aria-valuetext"));
        });
    }
}
