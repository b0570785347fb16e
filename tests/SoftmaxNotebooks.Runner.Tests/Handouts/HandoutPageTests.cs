using System.Globalization;
using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.Notebooks;
using Xunit;

namespace SoftmaxNotebooks.Runner.Tests.Handouts;

public sealed class HandoutPageTests
{
    private static string RenderSoftmax() =>
        HandoutPage.Render(Fixtures.Parse(Fixtures.Softmax, "softmax"), "softmax", null, HandoutAssets.Default);

    [Fact]
    public void Math_survives_markdown_untouched_in_math_spans()
    {
        var html = RenderSoftmax();

        // Underscores, carets and braces are not turned into emphasis or escaped away; $$ on their own lines make
        // a display block.
        Assert.Contains(@"<span class=""math inline"">\sigma(z)_i = \frac{e^{z_i}}{\sum_j e^{z_j}}</span>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"math display\">\\operatorname{LSE}(z) = \\log \\sum_{i=1}^{n} e^{z_i} \\geq \\max_i z_i</div>", html, StringComparison.Ordinal);
        Assert.Contains("Prices like $5 and $6 stay text.", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_page_references_nothing_on_the_network()
    {
        var html = HandoutPage.Render(Fixtures.Parse(Fixtures.RequireChart, "require"), "require", null, HandoutAssets.Default) + RenderSoftmax();

        Assert.DoesNotMatch(new Regex(@"<script\b[^>]*\bsrc\s*=", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"<link\b[^>]*\bhref\s*=\s*[""']?\s*(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"url\(\s*[""']?\s*(https?:)?//", RegexOptions.IgnoreCase), html);
        Assert.DoesNotMatch(new Regex(@"@import", RegexOptions.IgnoreCase), html);
        Assert.DoesNotContain("url(fonts/", html, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.plot.ly/plotly-2.28.0.min.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("url(node_modules/", html, StringComparison.Ordinal);
        // Twenty KaTeX font faces and the kit's sixteen text faces inlined as woff2, once in each of the two pages.
        Assert.Equal((20 + 16) * 2, Regex.Count(html, "url\\(data:font/woff2;base64,"));
    }

    [Fact]
    public void Plotly_js_is_inlined_once_per_page_and_only_when_a_chart_needs_it()
    {
        var html = RenderSoftmax();
        Assert.Single(Regex.Matches(html, @"plotly\.js v2\.28\.0"));
        Assert.Contains("Plotly.newPlot('chart-softmax'", html, StringComparison.Ordinal);

        var plain = HandoutPage.Render(Fixtures.Parse(Fixtures.Plain, "plain"), "plain", null, HandoutAssets.Default);
        Assert.DoesNotContain("plotly.js v", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("plotly.js-dist-min", plain, StringComparison.Ordinal);
        Assert.Contains("katex", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void An_output_that_inlines_its_own_plotly_js_does_not_add_a_second_copy()
    {
        var json = Fixtures.KitChart(HandoutAssets.Default.PlotlyScript);
        var html = HandoutPage.Render(Fixtures.Parse(json, "kit"), "kit", null, HandoutAssets.Default);

        Assert.Single(Regex.Matches(html, @"plotly\.js v2\.28\.0"));
        Assert.Contains("if(window.Plotly){draw();}", html, StringComparison.Ordinal);
        Assert.True(html.Length < HandoutAssets.Default.PlotlyScript.Length + 1_000_000, "the page holds plotly.js once");
    }

    [Fact]
    public void Small_scripts_that_mention_plotly_js_are_kept()
    {
        const string chart = "<div id=\"c\"></div><script>/* drawn with plotly.js v2.28.0 */ Plotly.newPlot('c',[],{});</script>";
        Assert.Equal(chart, OutputHtml.Neutralize(chart));
    }

    [Fact]
    public void Outputs_are_embedded_html_as_is_text_escaped_streams_and_errors_styled()
    {
        var html = RenderSoftmax();

        Assert.Contains("<td>" + Fixtures.TableCell + "</td>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"output stream stdout\"><pre>sum = 1\nmax = 0.6652 &lt;ok&gt;\n</pre></div>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"output text\"><pre>x &lt; y1</pre></div>", html, StringComparison.Ordinal);
        // No role="alert": a handout is read, and an alert would interrupt a screen reader as the page loads.
        Assert.Matches(@"<div class=""output error""><div class=""ename"">System\.InvalidOperationException</div><pre>temperature must be positive\nsoftmax\.ipynb:cell 4:line 1", html);
        Assert.DoesNotContain("role=\"alert\"", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"status-failed\">failed: stopped by an error</span>", html, StringComparison.Ordinal);
        // text/html wins over text/plain for the same output.
        Assert.DoesNotContain("double[3] { 0.09", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Code_cells_are_highlighted_with_their_execution_count()
    {
        var html = RenderSoftmax();
        Assert.Contains("<span class=\"prompt\">[1]</span><details><summary><span class=\"fold-kind\">code</span> <code class=\"fold-text\">var z = new[] { 1.0, 2.0, 3.0 };</code> · <span class=\"fold-count\">4 lines</span></summary>"
            + "<pre><code class=\"language-csharp\"><span class=\"kw\">var</span> z = <span class=\"kw\">new</span>[] { <span class=\"num\">1.0</span>",
            html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"com\">// the probabilities</span>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"str\">&quot;x &lt; y&quot;</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Title_comes_from_the_first_markdown_heading_else_the_name()
    {
        Assert.Equal("Softmax and log-sum-exp", HandoutPage.Title(Fixtures.Parse(Fixtures.Softmax, "softmax"), "softmax"));
        Assert.Equal("plain", HandoutPage.Title(Fixtures.Parse(Fixtures.Plain, "plain"), "plain"));
        Assert.Contains("<title>Softmax and log-sum-exp</title>", RenderSoftmax(), StringComparison.Ordinal);
    }

    [Fact]
    public void Notices_carry_the_licence_texts_of_what_is_inlined()
    {
        var html = RenderSoftmax();
        var root = RunnerProcess.RepositoryRoot;
        var modules = Path.Combine(root, "src", "SoftmaxNotebooks.Runner", "Handouts", "npm", "node_modules");
        var kitModules = Path.Combine(root, "src", "SoftmaxNotebooks.Display", "npm", "node_modules");
        foreach (var license in new[] { Path.Combine(kitModules, "plotly.js-dist-min", "LICENSE"), Path.Combine(modules, "katex", "LICENSE") })
        {
            var firstLines = File.ReadAllLines(license).Where(l => l.Length > 0).Take(2);
            foreach (var line in firstLines)
            {
                Assert.Contains(line.Replace("\"", "&quot;", StringComparison.Ordinal), html, StringComparison.Ordinal);
            }
        }

        Assert.Contains("SIL OPEN FONT LICENSE", html, StringComparison.Ordinal);
        Assert.Contains("plotly.js-dist-min 2.28.0 (MIT)", html, StringComparison.Ordinal);
        Assert.Contains("katex 0.19.1 (MIT)", html, StringComparison.Ordinal);
        Assert.Contains("Noto fonts (@fontsource) 5.3.0 (OFL-1.1)", html, StringComparison.Ordinal);
        Assert.Contains("Copyright 2022 The Noto Project Authors", html, StringComparison.Ordinal);
        Assert.Contains("(OFL-1.1)", html, StringComparison.Ordinal);
    }

    [Fact]
    public void The_inlined_plotly_js_is_the_kits_one_pinned_npm_file()
    {
        var kitPlotly = Path.Combine(RunnerProcess.RepositoryRoot, "src", "SoftmaxNotebooks.Display", "npm", "node_modules", "plotly.js-dist-min", "plotly.min.js");
        Assert.Equal(File.ReadAllText(kitPlotly), HandoutAssets.Default.PlotlyScript);
    }

    [Fact]
    public void Same_notebook_gives_the_same_bytes_whatever_the_culture()
    {
        var first = RenderSoftmax();
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal(first, RenderSoftmax());
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void Markdown_and_latex_outputs_are_typeset_plotly_json_becomes_a_chart()
    {
        const string json = """
            {"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "source": "x", "outputs": [
              {"output_type": "display_data", "metadata": {}, "data": {"text/markdown": "**bold** $a^2$", "text/plain": "x"}},
              {"output_type": "display_data", "metadata": {}, "data": {"text/latex": "$$\\alpha < \\beta$$"}},
              {"output_type": "display_data", "metadata": {}, "data": {"application/vnd.plotly.v1+json": {"data": [{"type": "bar", "y": [1, 2]}], "layout": {"title": {"text": "</script>"}}}}}
            ]}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """;
        var html = HandoutPage.Render(Fixtures.Parse(json, "mime"), "mime", null, HandoutAssets.Default);

        Assert.Contains("<div class=\"output markdown\">\n<p><strong>bold</strong> <span class=\"math inline\">a^2</span></p>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"output latex\">$$\\alpha &lt; \\beta$$</div>", html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot('cell-1-chart-3', [{\"type\":\"bar\",\"y\":[1,2]}], {\"title\":{\"text\":\"<\\/script>\"}}, {});", html, StringComparison.Ordinal);
        Assert.Single(Regex.Matches(html, @"plotly\.js v2\.28\.0"));
    }

    [Fact]
    public void Relative_images_next_to_the_notebook_are_inlined()
    {
        using var temp = new TempFolder();
        File.WriteAllBytes(temp.File("dot.png"), [0x89, 0x50, 0x4E, 0x47]);
        var path = Fixtures.Write(temp.Path, "img.ipynb", """
            {"cells": [{"cell_type": "markdown", "metadata": {}, "source": "![a dot](dot.png) ![remote](missing.png)"}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """);

        var html = HandoutPage.Render(NotebookFile.Read(path), "img", path, HandoutAssets.Default);

        Assert.Contains("<img src=\"data:image/png;base64,iVBORw==\" alt=\"a dot\" />", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"missing.png\" alt=\"remote\" />", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Picture_outputs_are_described_by_their_plain_text_never_as_output()
    {
        var html = HandoutPage.Render(Fixtures.Parse(Fixtures.Pictures, "pictures"), "pictures", null, HandoutAssets.Default);
        Assert.Contains("<img alt=\"A red dot on white\" src=\"data:image/png;base64,iVBORw==\">", html, StringComparison.Ordinal);
        Assert.Contains("<img alt=\"Image output (the notebook gives no description)\" src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("alt=\"output\"", html, StringComparison.Ordinal);
    }
}
