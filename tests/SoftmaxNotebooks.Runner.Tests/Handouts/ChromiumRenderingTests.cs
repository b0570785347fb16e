using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.Notebooks;
using System.Text.RegularExpressions;
using Xunit;

namespace SoftmaxNotebooks.Runner.Tests.Handouts;

/// <summary>Publishes the fixtures once with PDFs (one chromium run per page) and dumps one DOM; the tests read the results.</summary>
public sealed class RenderedHandouts : IDisposable
{
    private readonly TempFolder temp = new();

    public RenderedHandouts()
    {
        var input = Path.Combine(temp.Path, "in");
        Fixtures.Write(input, "softmax.ipynb", Fixtures.Softmax);
        Fixtures.Write(input, "require.ipynb", Fixtures.RequireChart);
        Fixtures.Write(input, "kit.ipynb", Fixtures.KitChart(HandoutAssets.Default.PlotlyScript));
        Fixtures.Write(input, "setup.ipynb", Fixtures.Setup);
        Fixtures.Write(input, "print.ipynb", Fixtures.Print);
        Output = Path.Combine(temp.Path, "out");
        Report = new HandoutPublisher(new HandoutOptions { OutputDirectory = Output, Pdf = true })
            .Publish(NotebookSet.Find([input], NotebookKinds.Executed).Notebooks.Select(n => n.FullPath), TestContext.Current.CancellationToken);
        SoftmaxDom = HeadlessChromium.Locate().DumpDom(Path.Combine(Output, "softmax.html"));
        var math = temp.File("math.html");
        File.WriteAllText(math, HandoutPage.Render(Fixtures.Parse(Fixtures.MathNotebook, "math"), "math", null, HandoutAssets.Default));
        MathDom = HeadlessChromium.Locate().DumpDom(math);
        // The print handout with a script that reports, once the page has settled, how far each display formula
        // reaches past the text column (in CSS pixels) and what the slider's print copies hold.
        var measured = temp.File("print-measured.html");
        File.WriteAllText(measured, File.ReadAllText(Path.Combine(Output, "print.html")).Replace("</body>", MeasureScript + "</body>", StringComparison.Ordinal));
        CopyFolder(Path.Combine(Output, "assets"), temp.File("assets"));
        PrintDom = HeadlessChromium.Locate().DumpDom(measured);
    }

    private const string MeasureScript = """
        <script>window.addEventListener('load', function () { setTimeout(function () {
          var main = document.querySelector('main').getBoundingClientRect();
          var over = Array.prototype.map.call(document.querySelectorAll('.math.display .katex-display'), function (k) {
            return Math.max(0, Math.ceil(k.getBoundingClientRect().right - main.right), Math.ceil(main.left - k.getBoundingClientRect().left));
          });
          document.body.dataset.mathOverflow = over.join(',');
          document.body.dataset.frames = String(Array.prototype.filter.call(document.querySelectorAll('.slider-multiples .slider-frame'), function (f) { return f.querySelector('.main-svg'); }).length);
        }, 1500); });</script>
        """;

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string PrintDom { get; }

    public string Output { get; }

    internal HandoutReport Report { get; }

    public string SoftmaxDom { get; }

    public string MathDom { get; }

    public string Pdf(string name) => Path.Combine(Output, name + ".pdf");

    public string Scratch(string name) => temp.File(name);

    public void Dispose() => temp.Dispose();
}

public sealed class ChromiumRenderingTests(RenderedHandouts rendered) : IClassFixture<RenderedHandouts>
{
    // The dumped DOM also holds the inlined libraries' source (in the head); what the page shows is the body.
    private static string Body(string dom) => dom[dom.IndexOf("<body", StringComparison.Ordinal)..];

    // What a reader sees: no scripts, no KaTeX's hidden MathML copy (it carries the TeX source), no tags.
    private static string VisibleText(string body)
    {
        var text = Regex.Replace(body, "<(script|style|annotation)\\b.*?</\\1>", " ", RegexOptions.Singleline);
        text = Regex.Replace(text, "<[^>]*>", string.Empty);
        return System.Net.WebUtility.HtmlDecode(text);
    }

    [Fact]
    public void Every_handout_and_pdf_is_written()
    {
        Assert.True(rendered.Report.AllRendered, string.Join("; ", rendered.Report.Handouts.Select(h => h.Error)));
        Assert.All(rendered.Report.Handouts, h => Assert.Equal("%PDF-"u8.ToArray(), File.ReadAllBytes(h.PdfPath!)[..5]));
        Assert.Contains("<a href=\"softmax.pdf\">PDF</a>", File.ReadAllText(rendered.Report.IndexPath), StringComparison.Ordinal);
    }

    [Fact]
    public void KaTeX_typesets_inline_and_display_math_offline()
    {
        var dom = Body(rendered.SoftmaxDom);
        Assert.True(dom.Split("class=\"katex\"").Length - 1 >= 4, "expected the three inline formulas and the display formula typeset");
        Assert.Contains("class=\"katex-display\"", dom, StringComparison.Ordinal);
        Assert.DoesNotContain("katex-error", dom, StringComparison.Ordinal);
        Assert.Contains("Prices like $5 and $6 stay text.", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void Display_math_over_several_lines_is_typeset_centred_in_display_style_and_inline_math_stays_inline()
    {
        var dom = Body(rendered.MathDom);
        Assert.DoesNotContain("katex-error", dom, StringComparison.Ordinal);
        Assert.Equal(3, Regex.Count(dom, "class=\"katex-display\""));
        // KaTeX sets a display formula's sum large and an inline formula's sum small.
        Assert.Equal(1, Regex.Count(dom, "op-symbol large-op"));
        Assert.Equal(1, Regex.Count(dom, "op-symbol small-op"));

        var visible = VisibleText(dom);
        Assert.DoesNotContain("$$", visible, StringComparison.Ordinal);
        Assert.DoesNotContain("\\", visible, StringComparison.Ordinal);
        Assert.Contains("an escaped $5 stays, it costs $5 and $6 too, and $ x $ is text.", visible, StringComparison.Ordinal);
        Assert.Contains("and nothing else.", visible, StringComparison.Ordinal);
    }

    [Fact]
    public void The_chart_renders_as_svg_without_its_cdn_loader()
    {
        var dom = Body(rendered.SoftmaxDom);
        Assert.Contains("class=\"main-svg\"", dom, StringComparison.Ordinal);
        Assert.Contains(Fixtures.AxisTitle, dom, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.plot.ly", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pdf_shows_math_and_charts_as_text_and_embeds_the_katex_and_noto_fonts()
    {
        var text = Tools.Run("pdftotext", "-layout", rendered.Pdf("softmax"), "-");
        Assert.Contains(Fixtures.ChartTitle, text, StringComparison.Ordinal);
        Assert.Contains(Fixtures.AxisTitle, text, StringComparison.Ordinal);
        Assert.Contains("σ", text, StringComparison.Ordinal);
        Assert.Contains("∑", text, StringComparison.Ordinal);
        Assert.Contains("LSE", text, StringComparison.Ordinal);

        var fonts = Tools.Run("pdffonts", rendered.Pdf("softmax"));
        Assert.Contains("KaTeX_Main-Regular", fonts, StringComparison.Ordinal);
        Assert.Contains("KaTeX_Math-Italic", fonts, StringComparison.Ordinal);
        // The text is set in the page's own Noto faces, never in the fonts of the machine that printed it.
        Assert.Contains("NotoSerif", fonts, StringComparison.Ordinal);
        Assert.Contains("NotoSans-", fonts, StringComparison.Ordinal);
        Assert.Contains("NotoSansMono", fonts, StringComparison.Ordinal);
        Assert.DoesNotContain("DejaVu", fonts, StringComparison.Ordinal);

        // The RequireJS-style chart drew through the page's stand-in for RequireJS, and the kit's chart with the
        // page's plotly.js after its own copy was dropped.
        Assert.Contains("wide chart", Tools.Run("pdftotext", rendered.Pdf("require"), "-"), StringComparison.Ordinal);
        Assert.Contains(Fixtures.KitChartTitle, Tools.Run("pdftotext", rendered.Pdf("kit"), "-"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_pdf_page_renders_with_text_and_the_chart_bars()
    {
        var prefix = rendered.Scratch("page");
        Tools.Run("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", rendered.Pdf("softmax"), prefix);
        var png = PngImage.Load(prefix + "-1.png");

        // A4 at 60 dpi is 496 × 702 pixels.
        Assert.Equal((496, 702), (png.Width, png.Height));
        // A blank page has no dark pixels; text, math and code at 60 dpi give well over a thousand.
        var dark = png.Count(p => p.R < 96 && p.G < 96 && p.B < 96);
        Assert.True(dark > 1000, $"only {dark} dark pixels: the page looks blank");
        // plotly's first trace colour, #1f77b4, fills the bars.
        var bars = png.Count(p => Math.Abs(p.R - 0x1f) < 24 && Math.Abs(p.G - 0x77) < 24 && Math.Abs(p.B - 0xb4) < 24);
        Assert.True(bars > 3000, $"only {bars} bar-coloured pixels: the chart is missing from the first page");
    }

    [Fact]
    public void Handouts_share_one_copy_of_the_assets_and_still_draw_charts_and_math_offline()
    {
        var page = File.ReadAllText(Path.Combine(rendered.Output, "softmax.html"));
        Assert.Contains("<script src=\"assets/plotly.min.js\"></script>", page, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">", page, StringComparison.Ordinal);
        // Chromium ran with every host unresolvable: the chart and the math came from the shared folder.
        var dom = Body(rendered.SoftmaxDom);
        Assert.Contains("class=\"main-svg\"", dom, StringComparison.Ordinal);
        Assert.Contains("class=\"katex\"", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void The_pdf_prints_folded_code_leaves_setup_cells_out_and_names_the_licences_in_one_line()
    {
        var text = Tools.Run("pdftotext", rendered.Pdf("setup"), "-");
        Assert.Contains(Fixtures.VisibleCode, text, StringComparison.Ordinal);
        Assert.DoesNotContain(Fixtures.SetupCode, text, StringComparison.Ordinal);
        Assert.DoesNotContain("the helper the demo calls", text, StringComparison.Ordinal);
        Assert.Contains("Licence texts: licences.html", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Permission is hereby granted", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SIL OPEN FONT LICENSE", text, StringComparison.Ordinal);
        Assert.Equal("Pages:           1", Tools.Run("pdfinfo", rendered.Pdf("setup")).Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_display_formula_wider_than_the_column_is_scaled_to_fit_it()
    {
        var dom = Body(rendered.PrintDom);
        Assert.DoesNotContain("katex-error", dom, StringComparison.Ordinal);
        Assert.Matches("data-math-overflow=\"0\"", dom);
        Assert.Matches(@"--fit-zoom: 0\.[0-9]+", dom);
    }

    [Fact]
    public void A_slider_chart_prints_as_small_multiples_one_per_step()
    {
        var dom = Body(rendered.PrintDom);
        Assert.Contains("data-frames=\"3\"", dom, StringComparison.Ordinal);
        Assert.Contains("has-print-multiples", dom, StringComparison.Ordinal);
        Assert.Contains("softmax as T falls: the slider's 3 steps (T = 10 … T = 0.1).", dom, StringComparison.Ordinal);

        var text = Tools.Run("pdftotext", "-layout", rendered.Pdf("print"), "-");
        foreach (var step in new[] { "T = 10", "T = 1", "T = 0.1" })
        {
            Assert.Contains(step, text, StringComparison.Ordinal);
        }

        Assert.Contains("the slider's 3 steps", text, StringComparison.Ordinal);
    }
}
