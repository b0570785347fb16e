using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.GenericAttributes;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.MediaLinks;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>
/// Renders one executed notebook into a self-contained offline HTML page: markdown through Markdig with math
/// kept for KaTeX, highlighted code, embedded outputs, KaTeX and (when a chart needs it) plotly.js inlined once,
/// a print stylesheet and the third-party notices. A pure function of the notebook and the assets: the same
/// input gives the same bytes.
/// </summary>
internal static partial class HandoutPage
{
    // Markdig's advanced set, minus media links (they turn video URLs into iframes that load from the network) and
    // generic attributes (VS Code's markdown has none, and they took the "{z}" of a heading's "$e^{z}$" as an
    // attribute, cutting the heading short), with VS Code's dollar-math rules in place of Markdig's own math
    // extension (see DollarMathExtension).
    private static readonly MarkdownPipeline Pipeline = BuildPipeline();

    private static MarkdownPipeline BuildPipeline()
    {
        var builder = new MarkdownPipelineBuilder().UseAdvancedExtensions();
        builder.Extensions.RemoveAll(e => e is MediaLinkExtension or MathExtension or GenericAttributesExtension);
        builder.Extensions.Add(new DollarMathExtension());
        return builder.Build();
    }

    /// <summary>The handout's title: the text of the notebook's first markdown heading, else its name.</summary>
    /// <param name="notebook">The notebook.</param>
    /// <param name="name">The notebook's name (its file name without extension).</param>
    /// <returns>The title.</returns>
    public static string Title(Notebook notebook, string name)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        foreach (var cell in notebook.Cells.Where(c => c.IsMarkdown))
        {
            var document = Markdown.Parse(cell.Source, Pipeline);
            var heading = document.Descendants<HeadingBlock>().FirstOrDefault();
            if (heading?.Inline is { } inline)
            {
                var text = PlainText(inline).Trim();
                if (text.Length > 0)
                {
                    return text;
                }
            }
        }

        return name;
    }

    /// <summary>The notebook's status as the handout and the index show it.</summary>
    /// <param name="notebook">The notebook.</param>
    /// <returns>Executed, failed, partly executed or not executed.</returns>
    public static HandoutStatus Status(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        return notebook.HasError ? HandoutStatus.Failed
            : notebook.WasExecuted ? HandoutStatus.Executed
            : notebook.Cells.Any(c => c.WasRun) ? HandoutStatus.PartlyExecuted
            : HandoutStatus.NotExecuted;
    }

    /// <summary>Renders the handout page.</summary>
    /// <param name="notebook">The executed notebook.</param>
    /// <param name="name">The notebook's name (its file name without extension), shown when it has no heading.</param>
    /// <param name="notebookPath">The file the notebook was read from, for images beside it; null when it came from memory.</param>
    /// <param name="assets">The assets (normally <see cref="HandoutAssets.Default"/>).</param>
    /// <param name="layout">Code folding, printed code, shared assets and licences page; null for a self-contained page with code folded.</param>
    /// <param name="status">The status the page shows; null derives it from the outputs (<see cref="Status"/>).</param>
    /// <returns>The complete HTML document.</returns>
    public static string Render(Notebook notebook, string name, string? notebookPath, HandoutAssets assets, HandoutLayout? layout = null, HandoutStatus? status = null)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(assets);
        layout ??= new HandoutLayout();
        var folder = notebookPath is null ? null : Path.GetDirectoryName(Path.GetFullPath(notebookPath));
        var body = new StringBuilder();
        var needsPlotly = false;
        for (var c = 0; c < notebook.Cells.Count; c++)
        {
            var cell = notebook.Cells[c];
            var id = "cell-" + (c + 1).ToString(CultureInfo.InvariantCulture);
            switch (cell)
            {
                case { IsMarkdown: true }:
                    body.Append("<section class=\"cell markdown\" id=\"").Append(id).Append("\">\n")
                        .Append(MarkdownHtml(cell.Source, folder))
                        .Append("</section>\n");
                    break;
                case { IsRaw: true }:
                    body.Append("<section class=\"cell raw\" id=\"").Append(id).Append("\"><pre>")
                        .Append(WebUtility.HtmlEncode(cell.Source)).Append("</pre></section>\n");
                    break;
                default:
                    needsPlotly |= AppendCodeCell(body, cell, id, folder, layout.Code);
                    break;
            }
        }

        var title = Title(notebook, name);
        var shown = status ?? Status(notebook);
        var head = SharedAssets.Style(assets, layout.SharedAssetsFolder) + PageShell.Style(assets.PageStyle)
            + SharedAssets.Scripts(assets, layout.SharedAssetsFolder, needsPlotly)
            + (needsPlotly ? "<script>" + OutputHtml.RequireStandIn + "</script>\n" : string.Empty);
        var page = PageShell.Begin(title, head, PrintClass(layout.PrintedCode), head.Length + body.Length + 64 * 1024)
            .Append("<header class=\"page\">")
            .Append(WebUtility.HtmlEncode(name)).Append(".ipynb · <span class=\"")
            .Append(StatusClass(shown)).Append("\">").Append(StatusText(shown)).Append("</span>")
            .Append("<button type=\"button\" class=\"code-toggle\" hidden>show all code</button>")
            .Append(Navigation(layout.Navigation)).Append("</header>\n")
            .Append("<main>\n").Append(body).Append("</main>\n")
            .Append(Notices(assets, needsPlotly, layout))
            .Append("<script>\n").Append(assets.PageScript).Append("\n</script>\n");
        return PageShell.End(page);
    }

    // The way back to the index and on to the neighbouring handouts, in the reading order of the index.
    private static string Navigation(HandoutNavigation? navigation)
    {
        if (navigation is null)
        {
            return string.Empty;
        }

        var sb = new StringBuilder("<nav class=\"handout-nav\" aria-label=\"Handouts\"><a href=\"")
            .Append(WebUtility.HtmlEncode(navigation.Index)).Append("\">All handouts</a>");
        if (navigation.Previous is { } previous)
        {
            sb.Append(" · <a rel=\"prev\" href=\"").Append(WebUtility.HtmlEncode(previous.Href)).Append("\">Previous: ")
                .Append(WebUtility.HtmlEncode(previous.Title)).Append("</a>");
        }

        if (navigation.Next is { } next)
        {
            sb.Append(" · <a rel=\"next\" href=\"").Append(WebUtility.HtmlEncode(next.Href)).Append("\">Next: ")
                .Append(WebUtility.HtmlEncode(next.Title)).Append("</a>");
        }

        return sb.Append("</nav>").ToString();
    }

    internal static string StatusText(HandoutStatus status) => status switch
    {
        HandoutStatus.Executed => "executed",
        HandoutStatus.Failed => "failed: stopped by an error",
        HandoutStatus.NotExecuted => "not executed",
        HandoutStatus.PartlyExecuted => "partly executed: cells without output are left to run",
        HandoutStatus.Graded => "graded: every cell ran; failed checks and errors are part of the feedback",
        _ => "handout not rendered",
    };

    internal static string StatusClass(HandoutStatus status) =>
        status switch
        {
            HandoutStatus.Executed => "status-ok",
            HandoutStatus.NotExecuted or HandoutStatus.PartlyExecuted or HandoutStatus.Graded => "status-none",
            _ => "status-failed",
        };

    internal static string PrintClass(PrintedCode printed) => printed switch
    {
        PrintedCode.Full => "print-code-full",
        PrintedCode.Omit => "print-code-omit",
        _ => "print-code-small",
    };

    // One line names what the page uses and points at the licence texts; the texts themselves are on the licences
    // page beside the handouts, and travel inside a self-contained page only for the screen (they would fill pages
    // of every PDF).
    private static string Notices(HandoutAssets assets, bool withPlotly, HandoutLayout layout)
    {
        var used = assets.Notices.Where(n => withPlotly || !n.Name.StartsWith("plotly", StringComparison.Ordinal)).ToList();
        var sb = new StringBuilder("<footer class=\"notices\">\n<p class=\"notice-line\">Third-party software in this page: ")
            .Append(LicencesPage.Names(used))
            .Append(". Licence texts: ");
        if (layout.LicencesPage is { } licences)
        {
            sb.Append("<a href=\"").Append(WebUtility.HtmlEncode(licences)).Append("\">").Append(WebUtility.HtmlEncode(licences)).Append("</a>");
        }
        else
        {
            sb.Append("below (on screen)");
        }

        sb.Append(".</p>\n");
        if (layout.SharedAssetsFolder is null)
        {
            sb.Append("<div class=\"licence-texts\">\n").Append(LicencesPage.Texts(used)).Append("</div>\n");
        }

        return sb.Append("</footer>\n").ToString();
    }

    // The source sits in a <details> so it folds without script; the summary says what a reader would find inside.
    // Print styles show the code whether or not it is open (or leave it out, by the body's print-code class).
    private static bool AppendCodeCell(StringBuilder body, NotebookCell cell, string id, string? folder, CodeFolding folding)
    {
        var csharp = cell.KernelName == KernelNames.CSharp;
        var prompt = cell.ExecutionCount is { } n ? "[" + n.ToString(CultureInfo.InvariantCulture) + "]" : "[ ]";
        var setup = HandoutLayout.IsSetupCell(cell, out var setupDescription);
        var lines = cell.Source.TrimEnd('\n').Split('\n').Length;
        var open = folding == CodeFolding.Open && !setup;
        body.Append("<section class=\"cell code\" id=\"").Append(id).Append("\">\n<div class=\"source").Append(setup ? " setup" : string.Empty)
            .Append("\"><span class=\"prompt\">").Append(prompt).Append("</span><details").Append(open ? " open" : string.Empty)
            .Append("><summary>").Append(CodeSummary(cell.Source, setup, setupDescription, lines)).Append("</summary><pre><code class=\"language-")
            .Append(WebUtility.HtmlEncode(cell.KernelName)).Append("\">")
            .Append(csharp ? CSharpHighlighter.ToHtml(cell.Source) : WebUtility.HtmlEncode(cell.Source))
            .Append("</code></pre></details></div>\n");
        var needsPlotly = false;
        if (cell.Outputs.Count > 0)
        {
            body.Append("<div class=\"outputs\">\n");
            for (var o = 0; o < cell.Outputs.Count; o++)
            {
                var chartId = id + "-chart-" + (o + 1).ToString(CultureInfo.InvariantCulture);
                needsPlotly |= AppendOutput(body, cell.Outputs[o], chartId, folder);
            }

            body.Append("</div>\n");
        }

        body.Append("</section>\n");
        return needsPlotly;
    }

    private static string CodeSummary(string source, bool setup, string setupDescription, int lines)
    {
        var count = lines.ToString(CultureInfo.InvariantCulture) + (lines == 1 ? " line" : " lines");
        if (setup)
        {
            return "<span class=\"fold-kind\">setup</span> " + (setupDescription.Length > 0 ? WebUtility.HtmlEncode(setupDescription) + " · " : string.Empty)
                + "<span class=\"fold-count\">" + count + "</span>";
        }

        // A leading comment says what the cell does; otherwise its first line shows, cut to fit one line.
        var first = source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0) ?? string.Empty;
        var comment = first.StartsWith("//", StringComparison.Ordinal);
        var text = comment ? first.TrimStart('/').Trim() : first;
        if (text.Length > 72)
        {
            text = text[..71] + "…";
        }

        return "<span class=\"fold-kind\">code</span> " + (comment ? "<span class=\"fold-text\">" : "<code class=\"fold-text\">")
            + WebUtility.HtmlEncode(text) + (comment ? "</span>" : "</code>") + " · <span class=\"fold-count\">" + count + "</span>";
    }

    private static bool AppendOutput(StringBuilder body, CellOutput output, string chartId, string? folder)
    {
        switch (output)
        {
            case StreamOutput stream:
                var name = stream.Name == "stderr" ? "stderr" : "stdout";
                body.Append("<div class=\"output stream ").Append(name).Append("\"><pre>")
                    .Append(WebUtility.HtmlEncode(StripAnsi(stream.Text))).Append("</pre></div>\n");
                return false;
            case ErrorOutput error:
                // Not role="alert": a handout is read, not watched, and an alert would interrupt a screen reader at page load.
                body.Append("<div class=\"output error\"><div class=\"ename\">")
                    .Append(WebUtility.HtmlEncode(error.EName.Length > 0 ? error.EName : "Error")).Append("</div><pre>")
                    .Append(WebUtility.HtmlEncode(StripAnsi(error.EValue)));
                var trace = error.Traceback.Select(StripAnsi).Where(t => t.Length > 0 && t != error.EValue).ToList();
                if (trace.Count > 0)
                {
                    body.Append('\n').Append(WebUtility.HtmlEncode(string.Join("\n", trace)));
                }

                body.Append("</pre></div>\n");
                return false;
            case DisplayDataOutput display:
                return AppendData(body, ByMimeType(display.Data), chartId, folder);
            case ExecuteResultOutput result:
                return AppendData(body, ByMimeType(result.Data), chartId, folder);
            default:
                return false;
        }
    }

    private static Dictionary<string, string> ByMimeType(IReadOnlyList<FormattedValue> data) =>
        data.ToDictionary(v => v.MimeType, v => v.Value, StringComparer.Ordinal);

    // The richest representation a page can show offline, in the order Jupyter front ends prefer.
    private static bool AppendData(StringBuilder body, Dictionary<string, string> data, string chartId, string? folder)
    {
        if (data.TryGetValue("application/vnd.plotly.v1+json", out var figure))
        {
            body.Append("<div class=\"output chart\">").Append(PlotlyFigureHtml(figure, chartId)).Append("</div>\n");
            return true;
        }

        if (data.TryGetValue("text/html", out var html))
        {
            var safe = OutputHtml.Neutralize(html);
            body.Append("<div class=\"output html\">\n").Append(safe).Append("\n</div>\n");
            return OutputHtml.UsesPlotly(safe);
        }

        if (data.TryGetValue("image/svg+xml", out var svg))
        {
            body.Append("<div class=\"output image\">").Append(OutputHtml.Neutralize(svg)).Append("</div>\n");
            return false;
        }

        foreach (var image in new[] { "image/png", "image/jpeg", "image/gif" })
        {
            if (data.TryGetValue(image, out var base64))
            {
                body.Append("<div class=\"output image\"><img alt=\"").Append(WebUtility.HtmlEncode(ImageAlt(data))).Append("\" src=\"data:").Append(image).Append(";base64,")
                    .Append(WebUtility.HtmlEncode(string.Concat(base64.Where(ch => !char.IsWhiteSpace(ch))))).Append("\"></div>\n");
                return false;
            }
        }

        if (data.TryGetValue("text/markdown", out var markdown))
        {
            body.Append("<div class=\"output markdown\">\n").Append(MarkdownHtml(markdown, folder)).Append("</div>\n");
            return false;
        }

        if (data.TryGetValue("text/latex", out var latex))
        {
            body.Append("<div class=\"output latex\">").Append(WebUtility.HtmlEncode(latex)).Append("</div>\n");
            return false;
        }

        if (data.TryGetValue("text/plain", out var text))
        {
            body.Append("<div class=\"output text\"><pre>").Append(WebUtility.HtmlEncode(StripAnsi(text))).Append("</pre></div>\n");
        }

        return false;
    }

    // An image output carries no description of its own; its plain-text form, when the kernel sent one that says more
    // than a type name, is the closest thing to one. Never "output": that names the box, not the picture.
    private static string ImageAlt(Dictionary<string, string> data) =>
        data.TryGetValue("text/plain", out var text) && StripAnsi(text).Trim() is { Length: > 0 and <= 300 } plain && !plain.StartsWith('<')
            ? plain
            : "Image output (the notebook gives no description)";

    // A plotly.js figure a kernel sent as JSON (not through the kit's formatter, which writes its own text alternative):
    // the drawing is an image named by the figure's title, so a screen reader does not read its tick labels.
    private static string PlotlyFigureHtml(string json, string chartId)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        string Part(string name, string fallback) =>
            root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) ? value.GetRawText() : fallback;
        var title = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("layout", out var layout) && layout.ValueKind == JsonValueKind.Object
                    && layout.TryGetProperty("title", out var t)
            ? (t.ValueKind == JsonValueKind.String ? t.GetString() : t.ValueKind == JsonValueKind.Object && t.TryGetProperty("text", out var x) ? x.GetString() : null)
            : null;

        // JSON is valid JavaScript; only "</" could end the script element early.
        static string Safe(string s) => s.Replace("</", "<\\/", StringComparison.Ordinal);
        return "<div id=\"" + chartId + "\" class=\"plotly-graph-div\" role=\"img\" aria-label=\""
            + WebUtility.HtmlEncode("Chart" + (string.IsNullOrWhiteSpace(title) ? "" : ": " + title.Replace("<br>", " ", StringComparison.OrdinalIgnoreCase)))
            + "\"></div><script>Plotly.newPlot('" + chartId + "', "
            + Safe(Part("data", "[]")) + ", " + Safe(Part("layout", "{}")) + ", " + Safe(Part("config", "{}")) + ");</script>";
    }

    internal static string MarkdownHtml(string source, string? folder)
    {
        var document = Markdown.Parse(source, Pipeline);
        if (folder is not null)
        {
            InlineLocalImages(document, folder);
        }

        return document.ToHtml(Pipeline);
    }

    // A handout is one file: images next to the notebook travel inside it as data: URIs.
    private static void InlineLocalImages(MarkdownDocument document, string folder)
    {
        foreach (var link in document.Descendants<LinkInline>().Where(l => l.IsImage && l.Url is not null))
        {
            var url = link.Url!;
            if (url.Contains(':', StringComparison.Ordinal) || url.StartsWith('/') || url.StartsWith('#'))
            {
                continue;
            }

            var path = Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(url)));
            var mime = Path.GetExtension(path).ToUpperInvariant() switch
            {
                ".PNG" => "image/png",
                ".JPG" or ".JPEG" => "image/jpeg",
                ".GIF" => "image/gif",
                ".SVG" => "image/svg+xml",
                ".WEBP" => "image/webp",
                _ => null,
            };
            if (mime is not null && File.Exists(path))
            {
                link.Url = "data:" + mime + ";base64," + Convert.ToBase64String(File.ReadAllBytes(path));
            }
        }
    }

    private static string PlainText(ContainerInline inline)
    {
        var sb = new StringBuilder();
        foreach (var child in inline)
        {
            switch (child)
            {
                case LiteralInline literal:
                    sb.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    sb.Append(code.Content);
                    break;
                case LineBreakInline:
                    sb.Append(' ');
                    break;
                case ContainerInline container:
                    sb.Append(PlainText(container));
                    break;
                case DollarMathInline math:
                    sb.Append(math.Tex);
                    break;
            }
        }

        return sb.ToString();
    }

    private static string StripAnsi(string text) => AnsiEscape().Replace(text, string.Empty);

    [GeneratedRegex(@"\x1B\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}
