using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.Notebooks;
using Xunit;

namespace SoftmaxNotebooks.Runner.Tests.Handouts;

public sealed class HandoutLayoutTests
{
    private static string Render(string json, string name, HandoutLayout? layout = null) =>
        HandoutPage.Render(Fixtures.Parse(json, name), name, null, HandoutAssets.Default, layout);

    [Theory]
    [InlineData("// setup", true, "")]
    [InlineData("  // setup: helpers for the plots", true, "helpers for the plots")]
    [InlineData("\n//setup — golden-section search", true, "golden-section search")]
    [InlineData("// setups are fun", false, "")]
    [InlineData("// set up the data", false, "")]
    [InlineData("var setup = 1; // setup", false, "")]
    public void A_setup_cell_starts_with_the_comment_setup(string source, bool expected, string description)
    {
        var cell = new NotebookCell(KernelNames.CSharp, source + "\nvar x = 1;", []);
        Assert.Equal(expected, HandoutLayout.IsSetupCell(cell, out var what));
        Assert.Equal(description, what);
        Assert.False(HandoutLayout.IsSetupCell(new NotebookCell(KernelNames.Markdown, "// setup", []), out _));
    }

    [Fact]
    public void Code_is_folded_by_default_and_a_setup_cell_stays_folded_when_code_is_open()
    {
        var folded = Render(Fixtures.Setup, "setup");
        Assert.Equal(2, Regex.Count(folded, "<details><summary><span class=\"fold-kind\">"));
        Assert.DoesNotContain("<details open>", folded, StringComparison.Ordinal);
        Assert.Contains("<div class=\"source setup\"><span class=\"prompt\">[1]</span><details><summary><span class=\"fold-kind\">setup</span> the helper the demo calls · <span class=\"fold-count\">2 lines</span></summary>",
            folded, StringComparison.Ordinal);

        var open = Render(Fixtures.Setup, "setup", new HandoutLayout { Code = CodeFolding.Open });
        Assert.Single(Regex.Matches(open, "<details open><summary><span class=\"fold-kind\">"));
        Assert.Contains("<div class=\"source setup\"><span class=\"prompt\">[1]</span><details><summary>", open, StringComparison.Ordinal);
        Assert.Contains("<div class=\"source\"><span class=\"prompt\">[2]</span><details open><summary>", open, StringComparison.Ordinal);
    }

    [Fact]
    public void Folding_changes_the_markup_around_the_code_not_the_code()
    {
        var folded = Render(Fixtures.Setup, "setup");
        var open = Render(Fixtures.Setup, "setup", new HandoutLayout { Code = CodeFolding.Open, PrintedCode = PrintedCode.Full });
        static string Code(string html) => string.Join("\n", Regex.Matches(html, "<pre><code class=\"language-csharp\">(.*?)</code></pre>", RegexOptions.Singleline).Select(m => m.Groups[1].Value));
        Assert.Equal(Code(folded), Code(open));
        Assert.Contains("Twice", Code(folded), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(PrintedCode.Full), "print-code-full")]
    [InlineData(nameof(PrintedCode.Small), "print-code-small")]
    [InlineData(nameof(PrintedCode.Omit), "print-code-omit")]
    public void The_printed_code_mode_is_the_body_class_the_print_styles_follow(string mode, string cssClass)
    {
        // The mode comes by name: the runner's types are internal, and a public test method cannot take one.
        var printed = Enum.Parse<PrintedCode>(mode);
        Assert.Contains("<body class=\"" + cssClass + "\">", Render(Fixtures.Plain, "plain", new HandoutLayout { PrintedCode = printed }), StringComparison.Ordinal);
        // Full is the print styles' plain case; the others have rules of their own.
        Assert.Equal(printed != PrintedCode.Full, HandoutAssets.Default.PageStyle.Contains("." + cssClass + " ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_page_with_shared_assets_links_them_relatively_and_inlines_none()
    {
        var html = Render(Fixtures.Softmax, "softmax", new HandoutLayout { SharedAssetsFolder = "assets", LicencesPage = "licences.html" });

        Assert.Contains("<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">", html, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"assets/kit-fonts.css\">", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"assets/katex/katex.min.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"assets/katex/auto-render.min.js\"></script>", html, StringComparison.Ordinal);
        Assert.Contains("<script src=\"assets/plotly.min.js\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data:font/woff2", html, StringComparison.Ordinal);
        Assert.DoesNotContain("plotly.js v2.28.0", html, StringComparison.Ordinal);
        Assert.True(html.Length < 100_000, $"{html.Length} characters: something large is still inlined");
        // Licence texts live on the licences page; the page names what it uses and links there.
        Assert.Contains("Third-party software in this page: plotly.js-dist-min 2.28.0 (MIT), katex 0.19.1 (MIT), KaTeX fonts 0.19.1 (OFL-1.1), Noto fonts (@fontsource) 5.3.0 (OFL-1.1). Licence texts: <a href=\"licences.html\">licences.html</a>.",
            html, StringComparison.Ordinal);
        Assert.DoesNotContain("Permission is hereby granted", html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_self_contained_page_keeps_the_licence_texts_for_the_screen_only()
    {
        var html = Render(Fixtures.Softmax, "softmax");
        Assert.Contains("<div class=\"licence-texts\">", html, StringComparison.Ordinal);
        Assert.Contains("Permission is hereby granted", html, StringComparison.Ordinal);
        Assert.Matches(@"@media print \{[^@]*footer\.notices \.licence-texts \{ display: none; \}", HandoutAssets.Default.PageStyle);
    }

    [Fact]
    public void The_shared_folder_holds_one_copy_of_each_asset_and_the_publisher_a_licences_page()
    {
        using var temp = new TempFolder();
        var input = Path.Combine(temp.Path, "in");
        Fixtures.Write(input, "softmax.ipynb", Fixtures.Softmax);
        Fixtures.Write(input, "plain.ipynb", Fixtures.Plain);
        var output = Path.Combine(temp.Path, "out");

        new HandoutPublisher(new HandoutOptions { OutputDirectory = output }).Publish(NotebookSet.Find([input], NotebookKinds.Executed).Notebooks.Select(n => n.FullPath), TestContext.Current.CancellationToken);

        var assets = Path.Combine(output, "assets");
        Assert.Equal(HandoutAssets.Default.PlotlyScript, File.ReadAllText(Path.Combine(assets, "plotly.min.js")));
        Assert.Equal(20, Directory.GetFiles(Path.Combine(assets, "katex", "fonts"), "*.woff2").Length);
        var css = File.ReadAllText(Path.Combine(assets, "katex", "katex.min.css"));
        Assert.Equal(20, Regex.Count(css, @"url\(fonts/KaTeX_[A-Za-z0-9_\-]+\.woff2\) format\(""woff2""\)"));
        Assert.DoesNotMatch(@"\.(woff|ttf)\)", css);
        foreach (Match font in Regex.Matches(css, @"url\((fonts/[^)]+)\)"))
        {
            Assert.True(File.Exists(Path.Combine(assets, "katex", font.Groups[1].Value)), font.Value);
        }

        var licences = File.ReadAllText(Path.Combine(output, "licences.html"));
        Assert.Contains("Permission is hereby granted", licences, StringComparison.Ordinal);
        Assert.Contains("SIL OPEN FONT LICENSE", licences, StringComparison.Ordinal);
        Assert.Contains("<a href=\"licences.html\">licences.html</a>", File.ReadAllText(Path.Combine(output, "index.html")), StringComparison.Ordinal);
        foreach (var page in Directory.GetFiles(output, "*.html"))
        {
            var size = new FileInfo(page).Length;
            Assert.True(size < 100_000, $"{page} is {size} bytes");
        }
    }
}
