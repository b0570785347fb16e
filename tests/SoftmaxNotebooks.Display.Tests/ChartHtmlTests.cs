using System.Text.RegularExpressions;

namespace SoftmaxNotebooks.Display.Tests;

public sealed partial class ChartHtmlTests : IDisposable
{
    public ChartHtmlTests()
    {
        KitDisplay.PlotlyJsEmbedding = PlotlyJsEmbedding.FirstChart;
        KitDisplay.ResetSession();
    }

    public void Dispose()
    {
        KitDisplay.PlotlyJsEmbedding = PlotlyJsEmbedding.FirstChart;
        AppContext.SetData("SoftmaxNotebooks.Display.Session", null);
        KitDisplay.ResetSession();
    }

    [GeneratedRegex("id=\"(smx-chart-[0-9a-f]{8}-[0-9]+)\"")]
    private static partial Regex ElementId();

    private static bool CarriesPlotlyJs(string html) => html.Contains("plotly.js v2.28.0", StringComparison.Ordinal);

    [Fact]
    public void The_same_chart_shown_twice_gets_two_element_ids()
    {
        var figure = Charts.Bars([0.5, 0.5]);
        var first = ElementId().Match(figure.ToHtml()).Groups[1].Value;
        var second = ElementId().Match(figure.ToHtml()).Groups[1].Value;
        Assert.NotEqual(first, second);
        Assert.Equal(first[..^2], second[..^2]);
    }

    [Fact]
    public void Element_ids_restart_with_the_session_so_runs_reproduce()
    {
        var figure = Charts.LossCurve([3, 2, 1]);
        var run1 = new[] { figure.ToHtml(), figure.ToHtml() };
        KitDisplay.ResetSession();
        var run2 = new[] { figure.ToHtml(), figure.ToHtml() };
        Assert.Equal(run1, run2);
    }

    [Fact]
    public void Hosts_restart_the_session_through_app_context_data()
    {
        var figure = Charts.LossCurve([3, 2, 1]);
        AppContext.SetData("SoftmaxNotebooks.Display.Session", "notebook-a.dib");
        var a = figure.ToHtml();
        _ = figure.ToHtml();
        AppContext.SetData("SoftmaxNotebooks.Display.Session", "notebook-b.dib");
        Assert.Equal(a, figure.ToHtml());
    }

    [Fact]
    public void First_chart_carries_plotly_js_and_later_charts_reuse_it()
    {
        var figure = Charts.Bars([1.0]);
        var first = figure.ToHtml();
        var second = figure.ToHtml();
        Assert.True(CarriesPlotlyJs(first));
        Assert.False(CarriesPlotlyJs(second));
        Assert.Contains("if(window.Plotly){draw();}else{window.addEventListener('softmaxnotebooks:plotly-ready',draw);}", second, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_without_plotly_js_names_the_cell_to_run_instead_of_staying_blank()
    {
        _ = KitDisplay.LoadPlotlyJs().ToHtml();
        var html = Charts.Bars([1.0], title: "Dice").ToHtml();
        Assert.False(CarriesPlotlyJs(html));
        Assert.Contains("Run a cell with <code>KitDisplay.LoadPlotlyJs()</code>", html, StringComparison.Ordinal);
        Assert.Contains("Chart “Dice” needs plotly.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_chart_mode_makes_each_output_self_contained()
    {
        KitDisplay.PlotlyJsEmbedding = PlotlyJsEmbedding.EveryChart;
        var figure = Charts.Bars([1.0]);
        Assert.True(CarriesPlotlyJs(figure.ToHtml()));
        Assert.True(CarriesPlotlyJs(figure.ToHtml()));
    }

    [Fact]
    public void None_mode_leaves_plotly_js_to_the_page()
    {
        KitDisplay.PlotlyJsEmbedding = PlotlyJsEmbedding.None;
        Assert.False(CarriesPlotlyJs(Charts.Bars([1.0]).ToHtml()));
    }

    [Fact]
    public void Hosts_set_the_embedding_by_name()
    {
        AppContext.SetData("SoftmaxNotebooks.Display.PlotlyJsEmbedding", "None");
        Assert.Equal(PlotlyJsEmbedding.None, KitDisplay.PlotlyJsEmbedding);
    }

    [Fact]
    public void Plotly_js_is_guarded_against_module_loaders_and_loaded_once_per_page()
    {
        var html = Charts.Bars([1.0]).ToHtml();
        Assert.Contains("if(!window.Plotly){(function(define,module,exports){", html, StringComparison.Ordinal);
        Assert.Equal(1, Regex.Count(html, "plotly.js v2.28.0"));
    }

    [Fact]
    public void Embedded_plotly_js_is_the_pinned_npm_file()
    {
        var npm = Path.Combine(RepoRoot.Path, "src", "SoftmaxNotebooks.Display", "npm", "node_modules", "plotly.js-dist-min", "plotly.min.js");
        Assert.Equal(File.ReadAllText(npm), PlotlyJs.Source);
        Assert.Contains("plotly.js v" + PlotlyJs.Version, PlotlyJs.Source[..200], StringComparison.Ordinal);
        Assert.DoesNotContain("</script", PlotlyJs.Source, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Kit_folder_holds_the_assemblies_docs_and_the_same_plotly_js()
    {
        var kit = Path.Combine(RepoRoot.Path, "artifacts", "kit");
        foreach (var file in new[] { "SoftmaxNotebooks.dll", "SoftmaxNotebooks.xml", "SoftmaxNotebooks.Display.dll", "SoftmaxNotebooks.Display.xml", "MathNet.Numerics.dll", "System.Numerics.Tensors.dll" })
        {
            Assert.True(File.Exists(Path.Combine(kit, file)), file);
        }

        Assert.Equal(PlotlyJs.Source, File.ReadAllText(Path.Combine(kit, "plotly.min.js")));
    }

    [Fact]
    public void Titles_are_escaped_in_the_waiting_message_and_the_document()
    {
        var figure = Charts.Bars([1.0], title: "<script>x</script> & y");
        Assert.Contains("&lt;script&gt;x&lt;/script&gt; &amp; y", figure.ToHtml(), StringComparison.Ordinal);
        Assert.Contains("<title>&lt;script&gt;x&lt;/script&gt; &amp; y</title>", figure.ToHtmlDocument(), StringComparison.Ordinal);
    }

    [Fact]
    public void Html_document_is_standalone_and_deterministic()
    {
        var figure = Charts.Bars([0.3, 0.7]);
        var doc = figure.ToHtmlDocument();
        Assert.StartsWith("<!DOCTYPE html>", doc, StringComparison.Ordinal);
        Assert.True(CarriesPlotlyJs(doc));
        Assert.DoesNotContain("src=\"http", doc, StringComparison.Ordinal);
        Assert.Equal(doc, figure.ToHtmlDocument());
    }

    [Fact]
    public void Save_html_replaces_the_file_and_leaves_no_temporary_file()
    {
        var folder = Directory.CreateTempSubdirectory("smx-save-");
        try
        {
            var path = Path.Combine(folder.FullName, "chart.html");
            File.WriteAllText(path, "old");
            var written = Charts.Bars([1.0]).SaveHtml(path);
            Assert.Equal(path, written);
            Assert.StartsWith("<!DOCTYPE html>", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.Single(Directory.GetFiles(folder.FullName));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Draw_script_follows_the_vscode_theme()
    {
        var html = Charts.Bars([1.0]).ToHtml();
        Assert.Contains("--vscode-editor-foreground", html, StringComparison.Ordinal);
        Assert.Contains("MutationObserver", html, StringComparison.Ordinal);
    }
}
