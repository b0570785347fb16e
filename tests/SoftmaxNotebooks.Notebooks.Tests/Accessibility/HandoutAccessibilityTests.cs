using System.Diagnostics;
using System.Text.Json;
using Microsoft.Playwright;
using SoftmaxNotebooks.Accessibility;

namespace SoftmaxNotebooks.Notebooks.Tests.Accessibility;

/// <summary>
/// WCAG 2.1 AA for every page the kit writes (<see cref="AccessiblePages"/>), in a real browser: axe-core finds no
/// A or AA violation with code folded and opened, at 1280 and 320 px, in the light and the dark theme, and no page
/// scrolls sideways at 320 px; then what axe cannot see: every chart is a named image with its data, every slider
/// answers the arrow keys, every PDF has bookmarks and an /Alt text on each figure. The axe counts, one chart's
/// accessibility tree, the pikepdf reading of one PDF and screenshots are kept under artifacts/accessibility.
/// </summary>
public sealed class HandoutAccessibilityTests(NotebookRuns runs) : IAsyncLifetime
{
    private AccessibilityBrowser? browser;

    public static TheoryData<string> Pages() => new(AccessiblePages.Names);

    public async ValueTask InitializeAsync() => browser = await AccessibilityBrowser.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
    }

    private static string Evidence(params string[] parts)
    {
        var path = Path.Combine([Repository.Root, "artifacts", "accessibility", .. parts]);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_passes_axe_in_every_state_and_never_scrolls_sideways(string name)
    {
        var file = Path.Combine(await AccessiblePages.RootAsync(runs), name);
        var failures = new List<string>();
        var counts = new List<string>();
        foreach (var state in PageState.All)
        {
            await browser!.VisitAsync(file, state, async page =>
            {
                var violations = await AccessibilityBrowser.WcagViolationsAsync(page);
                counts.Add($"| {name} | {state.Name} | {violations.Count} |");
                failures.AddRange(violations.Select(v => $"{state.Name}: {v}"));
                if (state.Width == 320 && await AccessibilityBrowser.SidewaysScrollAsync(page) is > 0 and var sideways)
                {
                    failures.Add($"{state.Name}: the page scrolls {sideways} px sideways");
                }

                await KeepScreenshot(page, name, state);
            });
        }

        await File.WriteAllLinesAsync(Evidence("axe", name.Replace('/', '_') + ".md"), counts, TestContext.Current.CancellationToken);
        Assert.True(failures.Count == 0, $"{name}:\n" + string.Join("\n", failures));
    }

    // The pictures people look at: notebooks 04 and 05 at 320 px, 03 in the dark theme.
    private static async Task KeepScreenshot(IPage page, string name, PageState state)
    {
        var wanted = (Path.GetFileNameWithoutExtension(name), state) switch
        {
            ("04-maximum-entropy" or "05-softmax-regression-iris", { Width: 320 }) => "320px",
            ("03-gibbs-and-temperature", { Dark: true }) => "dark",
            _ => null,
        };
        if (wanted is null || !name.StartsWith("handouts/", StringComparison.Ordinal))
        {
            return;
        }

        await page.Locator(".smx-figure").First.ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Evidence("screenshots", $"{Path.GetFileNameWithoutExtension(name)}-{wanted}.png") });
    }

    [Fact]
    public async Task Every_chart_is_a_named_image_with_its_data_in_a_table()
    {
        var charts = 0;
        await EachHandout(async (name, page) =>
        {
            // Kit charts and Plotly.NET charts through the kit's formatter: the element around the drawing.
            var images = page.Locator(".smx-chart");
            for (var i = 0; i < await images.CountAsync(); i++, charts++)
            {
                var chart = images.Nth(i);
                await Assertions.Expect(chart).ToHaveRoleAsync(AriaRole.Img);
                var label = await chart.GetAttributeAsync("aria-label") ?? "";
                Assert.True(label.Split(". ").Length >= 2, $"{name}, chart {i + 1}: no description in \"{label}\"");
                await Assertions.Expect(chart).ToHaveAccessibleNameAsync(label);
                var table = page.Locator(".smx-figure").Nth(i).Locator("details.smx-chart-data table").First;
                Assert.True(await table.Locator("tbody tr").CountAsync() > 0, $"{name}, chart {i + 1}: no data table");
            }

            if (name.Contains("04-maximum-entropy", StringComparison.Ordinal))
            {
                var figure = page.Locator(".smx-figure").First;
                await figure.Locator("details.smx-chart-data > summary").ClickAsync();
                await File.WriteAllTextAsync(Evidence("chart-accessibility-tree.yml"),
                    "# notebook 04's chart as Playwright's accessibility snapshot shows it (data table opened)\n" + await figure.AriaSnapshotAsync(),
                    TestContext.Current.CancellationToken);
            }
        });

        // The issue counted 15 charts on 6 pages; the notebooks have at least as many now.
        Assert.True(charts >= 15, $"{charts} charts found");
    }

    [Fact]
    public async Task Every_slider_answers_the_arrow_keys()
    {
        var sliders = 0;
        await EachHandout(async (name, page) =>
        {
            var inputs = page.GetByRole(AriaRole.Slider);
            for (var i = 0; i < await inputs.CountAsync(); i++, sliders++)
            {
                var slider = inputs.Nth(i);
                var plot = page.Locator(".smx-figure").Filter(new LocatorFilterOptions { Has = slider }).Locator(".js-plotly-plot");
                await slider.FocusAsync();
                Assert.True(await slider.EvaluateAsync<bool>("e => getComputedStyle(e).outlineStyle !== 'none'"), $"{name}: slider {i + 1} shows no focus");
                var before = (await slider.GetAttributeAsync("aria-valuetext"), await Shown(plot));
                var key = await slider.EvaluateAsync<bool>("e => +e.value < +e.max") ? "ArrowRight" : "ArrowLeft";
                await page.Keyboard.PressAsync(key);
                var after = (await slider.GetAttributeAsync("aria-valuetext"), await Shown(plot));
                Assert.NotEqual(before.Item1, after.Item1);
                Assert.NotEqual(before.Item2, after.Item2);
            }
        });

        // Notebooks 03 and 09 each draw a temperature slider.
        Assert.True(sliders >= 2, $"{sliders} sliders found");

        static Task<string> Shown(ILocator plot) =>
            plot.EvaluateAsync<string>("el => el.data.map((t, i) => t.visible === false ? '' : String(i)).join('')");
    }

    // Each handout, settled with its code folded.
    private async Task EachHandout(Func<string, IPage, Task> look)
    {
        var root = await AccessiblePages.RootAsync(runs);
        foreach (var name in AccessiblePages.Handouts)
        {
            await browser!.VisitAsync(Path.Combine(root, name), PageState.Folded, page => look(name, page));
        }
    }

    [Fact]
    public async Task Every_pdf_has_bookmarks_and_alt_text_on_every_figure()
    {
        var root = await AccessiblePages.RootAsync(runs);
        var script = Path.Combine(Repository.Root, "tests", "SoftmaxNotebooks.Notebooks.Tests", "Accessibility", "pdf_structure.py");
        foreach (var name in AccessiblePages.Handouts)
        {
            var pdf = Path.ChangeExtension(Path.Combine(root, name), ".pdf");
            var json = Python(script, pdf);
            if (name.Contains("04-maximum-entropy", StringComparison.Ordinal))
            {
                await File.WriteAllTextAsync(Evidence("pdf-structure-04.json"), json, TestContext.Current.CancellationToken);
            }

            using var report = JsonDocument.Parse(json);
            var r = report.RootElement;
            Assert.True(r.GetProperty("tagged").GetBoolean(), $"{name}: the PDF is not tagged");
            Assert.True(r.GetProperty("outline").GetArrayLength() > 0, $"{name}: the PDF has no bookmarks");
            var figures = r.GetProperty("figures").EnumerateArray().ToList();
            Assert.True(figures.All(f => f.ValueKind == JsonValueKind.String && f.GetString()!.Trim().Length > 0),
                $"{name}: {figures.Count(f => f.ValueKind != JsonValueKind.String)} of {figures.Count} figures have no /Alt");
            // Each chart of the page is a figure whose /Alt is its name and description (a slider chart prints as its
            // steps, each a figure named by the chart's title and the step).
            var html = await File.ReadAllTextAsync(Path.Combine(root, name), TestContext.Current.CancellationToken);
            var alts = figures.Select(f => f.GetString()!).ToList();
            foreach (var label in System.Text.RegularExpressions.Regex.Matches(html, "class=\"smx-chart\" id=\"[^\"]*\" role=\"img\" aria-label=\"([^\"]*)\"")
                         .Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value)))
            {
                var start = label[..Math.Min(30, label.Length)];
                Assert.True(alts.Any(a => a.StartsWith(start, StringComparison.Ordinal)), $"{name}: no figure in the PDF for the chart \"{start}…\"");
            }

            if (r.GetProperty("tables").GetInt32() > 0)
            {
                Assert.True(r.GetProperty("th").GetInt32() > 0, $"{name}: tables without header cells");
            }
        }
    }

    private static string Python(string script, string argument)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pdf_structure.py {argument} failed (python3-pikepdf installed? bash .ci/setup): {error.Result}");
        return output;
    }
}
