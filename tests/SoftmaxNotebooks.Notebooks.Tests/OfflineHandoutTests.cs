using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.Notebooks;
using SoftmaxNotebooks.Runner.Execution;

namespace SoftmaxNotebooks.Notebooks.Tests;

/// <summary>
/// Handouts are read offline: no page the runner writes for a notebook, nor its index, licence page or shared
/// stylesheets, may load anything from the network (the rule is <see cref="NetworkReferences"/>'s). The notebooks run
/// once (<see cref="NotebookRuns"/>); each handout is rendered as the README's main command renders it (shared assets)
/// and, for the Plotly.NET notebook, also as one self-contained page.
/// </summary>
public sealed class OfflineHandoutTests(NotebookRuns runs) : IDisposable
{
    private const string PlotlyNetNotebook = "09-plotly-net.dib";

    private readonly string output = Path.Combine(Path.GetTempPath(), "softmax-notebooks-offline-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Sources() => new(Repository.DibSources);

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task TheHandoutLoadsNothingFromTheNetwork(string dib)
    {
        var executed = await Executed(dib);
        var folder = Path.Combine(output, Path.GetFileNameWithoutExtension(dib));
        var report = new HandoutPublisher(new HandoutOptions { OutputDirectory = folder }).Publish([executed], TestContext.Current.CancellationToken);
        Assert.True(report.AllRendered);

        var pages = Directory.GetFiles(folder, "*.html", SearchOption.AllDirectories);
        Assert.Equal(new[] { "index.html", "licences.html", Path.ChangeExtension(dib, ".html") }.Order(StringComparer.Ordinal), pages.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in pages.Concat(Directory.GetFiles(folder, "*.css", SearchOption.AllDirectories)))
        {
            var findings = NetworkReferences.In(File.ReadAllText(file));
            Assert.True(findings.Count == 0, $"{Path.GetRelativePath(folder, file)} loads from the network: {string.Join("; ", findings)}");
        }

        // The scripts a page loads are the vendored bundles in the shared folder, nothing else.
        var scripts = Directory.GetFiles(folder, "*.js", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/')).Order(StringComparer.Ordinal);
        Assert.Equal(["assets/katex/auto-render.min.js", "assets/katex/katex.min.js", "assets/plotly.min.js"], scripts);
    }

    [Fact]
    public async Task TheSelfContainedPlotlyNetHandoutLoadsNothingFromTheNetwork()
    {
        var executed = await Executed(PlotlyNetNotebook);
        var folder = Path.Combine(output, "single-file");
        new HandoutPublisher(new HandoutOptions { OutputDirectory = folder, SingleFile = true }).Publish([executed], TestContext.Current.CancellationToken);

        var page = File.ReadAllText(Path.Combine(folder, "09-plotly-net.html"));
        Assert.Empty(NetworkReferences.In(page));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(page, @"plotly\.js v2\.28\.0"));
    }

    [Fact]
    public async Task ThePlotlyNetNotebooksOutputsNameNoCdn()
    {
        // The executed notebook is what VS Code shows: its chart outputs come from the kit's formatter, which carries
        // plotly.js itself, and not from Plotly.NET.Interactive's RequireJS loader for cdn.plot.ly.
        var notebook = NotebookFile.Read(await Executed(PlotlyNetNotebook));
        var html = notebook.Cells.SelectMany(c => c.Outputs)
            .SelectMany(o => o switch
            {
                DisplayDataOutput d => d.Data,
                ExecuteResultOutput r => r.Data,
                _ => [],
            })
            .Where(v => v.MimeType == "text/html")
            .Select(v => v.Value)
            .ToList();
        Assert.True(html.Count(h => h.Contains("class=\"smx-chart\"", StringComparison.Ordinal)) >= 4, "the notebook draws its Plotly.NET charts through the kit's formatter");
        foreach (var output in html)
        {
            Assert.Empty(NetworkReferences.In(output));
            var code = StripPlotlyBundles(output);
            Assert.DoesNotContain("cdn.plot.ly", code, StringComparison.Ordinal);
            Assert.DoesNotContain("require", code, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheRuleFindsEveryKindOfNetworkLoadAndAllowsCitations()
    {
        string[] loads =
        [
            "<script src=\"https://cdn.plot.ly/plotly-2.28.0.min.js\"></script>",
            "<script src='//cdn.example.org/x.js'></script>",
            "<link rel=\"stylesheet\" href=\"https://cdn.jsdelivr.net/npm/katex/dist/katex.min.css\">",
            "<img alt=\"logo\" src=https://example.org/logo.png>",
            "<img srcset=\"a.png 1x, https://example.org/b.png 2x\">",
            "<iframe src=\"http://example.org/\"></iframe>",
            "<svg><use xlink:href=\"https://example.org/sprite.svg#a\"/></svg>",
            "<style>@import url(\"https://fonts.googleapis.com/css2?family=Noto\");</style>",
            "<div style=\"background:url(https://example.org/bg.png)\"></div>",
            "<script>var r = requirejs.config({paths:{plotly:'https://cdn.plot.ly/plotly-2.28.0.min'}});</script>",
            "<script>var s = document.createElement('script'); s.src = '//cdnjs.cloudflare.com/require.js';</script>",
        ];
        foreach (var html in loads)
        {
            Assert.True(NetworkReferences.In(html).Count > 0, html);
        }

        string[] allowed =
        [
            "<p>Blanchard, Higham and Higham (<a href=\"https://doi.org/10.1093/imanum/draa038\">doi</a>)</p>",
            "<script>var svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');</script>",
            "<script src=\"assets/plotly.min.js\"></script><link rel=\"stylesheet\" href=\"assets/kit-fonts.css\">",
            "<img src=\"data:image/png;base64,AAAA\">",
            "<style>@font-face{src:url(data:font/woff2;base64,AAAA)}</style>",
            "<script>" + Bundle() + "</script>",
        ];
        foreach (var html in allowed)
        {
            Assert.True(NetworkReferences.In(html).Count == 0, html[..Math.Min(html.Length, 200)]);
        }

        // Only the vendored bundle is exempt, not a chart script that happens to be long.
        Assert.NotEmpty(NetworkReferences.In("<script>" + new string(' ', 600_000) + "fetch('https://example.org/data.json')</script>"));
    }

    public void Dispose()
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static string Bundle() =>
        "/* plotly.js 2.28.0 (MIT) */\n/**\n* plotly.js v2.28.0\n*/\n" + new string(' ', 600_000) + "var topojsonURL='https://cdn.plot.ly/';";

    private static string StripPlotlyBundles(string html) =>
        System.Text.RegularExpressions.Regex.Replace(html, @"<script\b[^>]*>(?<body>.*?)</script\s*>",
            m => NetworkReferences.IsPlotlyBundle(m.Groups["body"].Value) ? "" : m.Value, System.Text.RegularExpressions.RegexOptions.Singleline);

    private async Task<string> Executed(string dib)
    {
        var (_, result, _) = await runs.RunAsync(dib);
        Assert.True(result.Status == NotebookStatus.Passed, result.Error ?? $"{dib}: {result.Status}");
        return result.ExecutedPath!;
    }
}
