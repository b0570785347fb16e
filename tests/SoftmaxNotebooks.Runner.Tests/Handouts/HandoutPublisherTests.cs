using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.Notebooks;
using Xunit;

namespace SoftmaxNotebooks.Runner.Tests.Handouts;

public sealed class HandoutPublisherTests
{
    [Fact]
    public void Index_lists_every_handout_with_title_and_status()
    {
        using var temp = new TempFolder();
        var input = Path.Combine(temp.Path, "in");
        Fixtures.Write(input, "softmax.ipynb", Fixtures.Softmax);
        Fixtures.Write(Path.Combine(input, "more"), "plain.ipynb", Fixtures.Plain);
        Fixtures.Write(Path.Combine(input, "other"), "plain.ipynb", Fixtures.Plain);
        Fixtures.Write(Path.Combine(input, ".ipynb_checkpoints"), "softmax-checkpoint.ipynb", Fixtures.Softmax);
        var output = Path.Combine(temp.Path, "out");

        var notebooks = NotebookSet.Find([input], NotebookKinds.Executed).Notebooks.Select(n => n.FullPath);
        var report = new HandoutPublisher(new HandoutOptions { OutputDirectory = output }).Publish(notebooks, TestContext.Current.CancellationToken);

        Assert.Equal(["plain", "plain-2", "softmax"], report.Handouts.Select(h => h.Name));
        Assert.True(report.AllRendered);
        Assert.Equal(["index.html", "licences.html", "plain-2.html", "plain.html", "softmax.html"],
            Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var index = File.ReadAllText(report.IndexPath);
        Assert.Contains("<a href=\"softmax.html\">Softmax and log-sum-exp</a></td><td>softmax.ipynb</td><td class=\"status-failed\">failed: stopped by an error</td>", index, StringComparison.Ordinal);
        Assert.Contains("<a href=\"plain.html\">plain</a></td><td>plain.ipynb</td><td class=\"status-ok\">executed</td>", index, StringComparison.Ordinal);
        Assert.Contains("<a href=\"plain-2.html\">plain-2</a>", index, StringComparison.Ordinal);
        // The index and licences pages are set in the kit's text faces, like the handouts they list.
        Assert.Contains("<link rel=\"stylesheet\" href=\"assets/kit-fonts.css\">", index, StringComparison.Ordinal);
        Assert.Contains("<link rel=\"stylesheet\" href=\"assets/kit-fonts.css\">", File.ReadAllText(Path.Combine(output, "licences.html")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "assets", "kit-fonts.css")));
    }

    [Fact]
    public void Each_handout_links_the_index_and_its_neighbours_by_title()
    {
        using var temp = new TempFolder();
        string[] notebooks =
        [
            Fixtures.Write(temp.Path, "a.ipynb", Fixtures.Plain),
            Fixtures.Write(temp.Path, "b.ipynb", Fixtures.Softmax),
            Fixtures.Write(temp.Path, "c.ipynb", Fixtures.Plain),
        ];
        var output = Path.Combine(temp.Path, "out");
        new HandoutPublisher(new HandoutOptions { OutputDirectory = output }).Publish(notebooks, TestContext.Current.CancellationToken);

        string Nav(string name) => System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(output, name + ".html")), "<nav .*?</nav>").Value;
        Assert.Equal("<nav class=\"handout-nav\" aria-label=\"Handouts\"><a href=\"index.html\">All handouts</a> · <a rel=\"next\" href=\"b.html\">Next: Softmax and log-sum-exp</a></nav>", Nav("a"));
        Assert.Equal("<nav class=\"handout-nav\" aria-label=\"Handouts\"><a href=\"index.html\">All handouts</a> · <a rel=\"prev\" href=\"a.html\">Previous: a</a> · <a rel=\"next\" href=\"c.html\">Next: c</a></nav>", Nav("b"));
        Assert.Equal("<nav class=\"handout-nav\" aria-label=\"Handouts\"><a href=\"index.html\">All handouts</a> · <a rel=\"prev\" href=\"b.html\">Previous: Softmax and log-sum-exp</a></nav>", Nav("c"));
    }

    [Fact]
    public void A_notebook_that_fails_to_render_keeps_its_last_good_handout_and_the_others_still_render()
    {
        using var temp = new TempFolder();
        var output = Path.Combine(temp.Path, "out");
        var softmax = Fixtures.Write(temp.Path, "softmax.ipynb", Fixtures.Softmax);
        var plain = Fixtures.Write(temp.Path, "plain.ipynb", Fixtures.Plain);
        var publisher = new HandoutPublisher(new HandoutOptions { OutputDirectory = output });
        publisher.Publish([softmax, plain], TestContext.Current.CancellationToken);
        var good = File.ReadAllBytes(Path.Combine(output, "softmax.html"));

        File.WriteAllText(softmax, "{\"nbformat\": 4, \"cells\": [ {\"cell_type\": ");
        var report = publisher.Publish([softmax, plain], TestContext.Current.CancellationToken);

        var failed = report.Handouts[0];
        Assert.Equal(HandoutStatus.RenderFailed, failed.Status);
        Assert.Matches(@"softmax\.ipynb:line 1:column \d+: malformed JSON", failed.Error);
        Assert.Equal(good, File.ReadAllBytes(Path.Combine(output, "softmax.html")));
        Assert.Equal(HandoutStatus.Executed, report.Handouts[1].Status);
        Assert.False(report.AllRendered);
        Assert.DoesNotContain(Directory.GetFiles(output), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        var index = File.ReadAllText(report.IndexPath);
        Assert.Contains("handout not rendered: ", index, StringComparison.Ordinal);
        Assert.Contains("(the link is the last good handout)", index, StringComparison.Ordinal);
    }

    [Fact]
    public void Pdf_without_chromium_is_a_clear_error_and_the_html_is_still_written()
    {
        using var temp = new TempFolder();
        var output = Path.Combine(temp.Path, "out");
        var plain = Fixtures.Write(temp.Path, "plain.ipynb", Fixtures.Plain);

        var report = new HandoutPublisher(new HandoutOptions { OutputDirectory = output, Pdf = true, ChromiumPath = temp.File("no-chromium") })
            .Publish([plain], TestContext.Current.CancellationToken);

        var result = Assert.Single(report.Handouts);
        Assert.Equal(HandoutStatus.RenderFailed, result.Status);
        Assert.StartsWith("Chromium was not found at '" + temp.File("no-chromium") + "'. PDF handouts need headless chromium", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "plain.html")));
        Assert.Null(result.PdfPath);
    }

    [Fact]
    public void Finding_executed_notebooks_rejects_dib_files_and_missing_paths()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.File("a.dib"), "#!csharp\n1");
        var set = NotebookSet.Find([temp.File("a.dib"), temp.File("nope")], NotebookKinds.Executed);
        Assert.Empty(set.Notebooks);
        Assert.Equal([temp.File("a.dib") + ": handouts are rendered from executed .ipynb notebooks; run .dib files first.", temp.File("nope") + ": no such file or folder."],
            set.Problems.Select(p => p.Message));
    }
}
