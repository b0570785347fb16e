using System.Globalization;
using System.Text;
using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>How a notebook's handout came out.</summary>
public enum HandoutStatus
{
    /// <summary>Every code cell ran without error.</summary>
    Executed,

    /// <summary>The notebook stopped at an error (shown in the handout).</summary>
    Failed,

    /// <summary>The notebook holds no execution results.</summary>
    NotExecuted,

    /// <summary>
    /// Some code cells ran without error and others were left to run (a student edition: its exercise cells are the
    /// student's to run).
    /// </summary>
    PartlyExecuted,

    /// <summary>The handout could not be rendered or printed; the previous handout, if any, was kept.</summary>
    RenderFailed,
}

/// <summary>Options for <see cref="HandoutPublisher"/>.</summary>
public sealed record HandoutOptions
{
    /// <summary>The folder that receives the handouts and <c>index.html</c>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Also print each handout to PDF with headless chromium.</summary>
    public bool Pdf { get; init; }

    /// <summary>The chromium executable for PDFs; null finds it (<see cref="HeadlessChromium.Locate"/>).</summary>
    public string? ChromiumPath { get; init; }

    /// <summary>Code cells on screen: folded (the default) or open.</summary>
    public CodeFolding Code { get; init; } = CodeFolding.Folded;

    /// <summary>Code cells on paper and in the PDFs: small (the default), full or omitted.</summary>
    public PrintedCode PrintedCode { get; init; } = PrintedCode.Small;

    /// <summary>
    /// Inline plotly.js and KaTeX into every handout (each one file of about 4 MB) instead of sharing one copy in
    /// <c>assets/</c> beside <c>index.html</c> (the default).
    /// </summary>
    public bool SingleFile { get; init; }

    /// <summary>Time limit of one chromium run.</summary>
    public TimeSpan PdfTimeout { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>The outcome for one notebook.</summary>
/// <param name="NotebookPath">The executed notebook that was rendered.</param>
/// <param name="Name">The handout's file name without extension.</param>
/// <param name="Title">The handout's title.</param>
/// <param name="Status">How it came out.</param>
/// <param name="HtmlPath">The handout (present unless rendering failed and no earlier handout exists).</param>
/// <param name="PdfPath">The PDF, when one was asked for and printed.</param>
/// <param name="Error">Why rendering or printing failed, otherwise null.</param>
public sealed record HandoutResult(
    string NotebookPath, string Name, string Title, HandoutStatus Status, string? HtmlPath, string? PdfPath, string? Error);

/// <summary>The outcome of a publishing run.</summary>
/// <param name="IndexPath">The written <c>index.html</c>.</param>
/// <param name="Handouts">One result per notebook, in the order of the index.</param>
public sealed record HandoutReport(string IndexPath, IReadOnlyList<HandoutResult> Handouts)
{
    /// <summary>True when every handout (and PDF, when asked for) was written.</summary>
    public bool AllRendered => Handouts.All(h => h.Status != HandoutStatus.RenderFailed);
}

/// <summary>
/// Renders executed notebooks into offline HTML handouts (and optionally PDFs) in one folder, with an
/// <c>index.html</c> listing them. Every file is written atomically: a failed render keeps the last good file.
/// </summary>
public sealed class HandoutPublisher
{
    private readonly HandoutOptions options;
    private readonly HandoutAssets assets;

    /// <summary>Creates a publisher.</summary>
    /// <param name="options">Where to write and whether to print PDFs.</param>
    /// <param name="assets">The inlined assets; null uses <see cref="HandoutAssets.Default"/>.</param>
    public HandoutPublisher(HandoutOptions options, HandoutAssets? assets = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.OutputDirectory);
        this.options = options;
        this.assets = assets ?? HandoutAssets.Default;
    }

    /// <summary>
    /// Expands files and folders into the executed notebooks they hold (<c>*.ipynb</c>, recursively, skipping
    /// <c>.ipynb_checkpoints</c>), in ordinal path order.
    /// </summary>
    /// <param name="paths">Notebook files or folders.</param>
    /// <returns>Full paths of the notebooks.</returns>
    /// <exception cref="HandoutException">A path does not exist or is not an <c>.ipynb</c> file.</exception>
    public static IReadOnlyList<string> FindNotebooks(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                foreach (var file in Directory.EnumerateFiles(full, "*.ipynb", SearchOption.AllDirectories))
                {
                    if (!file.Split(Path.DirectorySeparatorChar).Contains(".ipynb_checkpoints"))
                    {
                        found.Add(file);
                    }
                }
            }
            else if (File.Exists(full))
            {
                found.Add(full.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)
                    ? full
                    : throw new HandoutException($"{path}: handouts are rendered from executed .ipynb notebooks; run .dib files first."));
            }
            else
            {
                throw new HandoutException($"{path}: no such file or folder.");
            }
        }

        return [.. found];
    }

    /// <summary>
    /// Renders each notebook into <c>&lt;name&gt;.html</c> (and <c>&lt;name&gt;.pdf</c> when asked), then writes
    /// <c>index.html</c>. A notebook that cannot be rendered is reported and the others still are.
    /// </summary>
    /// <param name="notebookPaths">Executed notebooks.</param>
    /// <param name="cancellationToken">Stops between notebooks (the index is not rewritten then).</param>
    /// <returns>What was written.</returns>
    public HandoutReport Publish(IEnumerable<string> notebookPaths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebookPaths);
        var output = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(output);
        HeadlessChromium? chromium = null;
        string? chromiumError = null;
        if (options.Pdf)
        {
            try
            {
                chromium = HeadlessChromium.Locate(options.ChromiumPath, options.PdfTimeout);
            }
            catch (HandoutException e)
            {
                chromiumError = e.Message;
            }
        }

        if (!options.SingleFile)
        {
            SharedAssets.Write(Path.Combine(output, SharedAssets.FolderName), assets);
        }

        var sharedFolder = options.SingleFile ? null : SharedAssets.FolderName;
        AtomicFile.WriteAllText(Path.Combine(output, LicencesPage.FileName), LicencesPage.Render(assets, sharedFolder));
        var layout = new HandoutLayout
        {
            Code = options.Code,
            PrintedCode = options.PrintedCode,
            SharedAssetsFolder = sharedFolder,
            LicencesPage = LicencesPage.FileName,
        };
        var results = new List<HandoutResult>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "index", Path.GetFileNameWithoutExtension(LicencesPage.FileName) };
        foreach (var path in notebookPaths)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = UniqueName(Path.GetFileNameWithoutExtension(path), names);
            results.Add(PublishOne(Path.GetFullPath(path), name, output, layout, chromium, chromiumError));
        }

        var index = Path.Combine(output, "index.html");
        AtomicFile.WriteAllText(index, IndexPage.Render(results, output, assets, sharedFolder));
        return new HandoutReport(index, results);
    }

    private HandoutResult PublishOne(string path, string name, string output, HandoutLayout layout, HeadlessChromium? chromium, string? chromiumError)
    {
        var html = Path.Combine(output, name + ".html");
        var pdf = Path.Combine(output, name + ".pdf");
        var title = name;
        try
        {
            var notebook = NotebookFile.Read(path);
            title = HandoutPage.Title(notebook, name);
            var status = HandoutPage.Status(notebook);
            AtomicFile.WriteAllText(html, HandoutPage.Render(notebook, name, path, assets, layout));
            if (!options.Pdf)
            {
                return new HandoutResult(path, name, title, status, html, null, null);
            }

            if (chromium is null)
            {
                return new HandoutResult(path, name, title, HandoutStatus.RenderFailed, html, Existing(pdf), chromiumError);
            }

            chromium.PrintToPdf(html, pdf);
            return new HandoutResult(path, name, title, status, html, pdf, null);
        }
        catch (Exception e) when (e is HandoutException or NotebookFormatException)
        {
            return new HandoutResult(path, name, title, HandoutStatus.RenderFailed, Existing(html), Existing(pdf), e.Message);
        }
        catch (IOException e)
        {
            return new HandoutResult(path, name, title, HandoutStatus.RenderFailed, Existing(html), Existing(pdf), $"{path}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            return new HandoutResult(path, name, title, HandoutStatus.RenderFailed, Existing(html), Existing(pdf), $"{path}: {e.Message}");
        }
    }

    private static string? Existing(string path) => File.Exists(path) ? path : null;

    // Two notebooks named alike in different folders must not overwrite each other's handout.
    private static string UniqueName(string name, HashSet<string> taken)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++)
        {
            candidate = name + "-" + i.ToString(CultureInfo.InvariantCulture);
        }

        return candidate;
    }
}

/// <summary>The <c>index.html</c> that lists the handouts.</summary>
internal static class IndexPage
{
    public static string Render(IReadOnlyList<HandoutResult> results, string outputDirectory, HandoutAssets assets, string? sharedFolder)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append(SharedAssets.Fonts(assets, sharedFolder))
            .Append("<title>Handouts</title>\n<style>\n").Append(assets.PageStyle).Append("\n</style>\n</head>\n<body>\n<main>\n")
            .Append("<h1>Handouts</h1>\n<table class=\"handouts\">\n<thead><tr><th>Handout</th><th>Notebook</th><th>Status</th><th>PDF</th></tr></thead>\n<tbody>\n");
        foreach (var result in results)
        {
            sb.Append("<tr><td>");
            if (result.HtmlPath is not null)
            {
                sb.Append("<a href=\"").Append(Html.Escape(Link(result.HtmlPath, outputDirectory))).Append("\">")
                    .Append(Html.Escape(result.Title)).Append("</a>");
            }
            else
            {
                sb.Append(Html.Escape(result.Title));
            }

            sb.Append("</td><td>").Append(Html.Escape(Path.GetFileName(result.NotebookPath))).Append("</td><td class=\"")
                .Append(HandoutPage.StatusClass(result.Status)).Append("\">").Append(HandoutPage.StatusText(result.Status));
            if (result.Error is not null)
            {
                sb.Append(": ").Append(Html.Escape(result.Error));
                if (result.HtmlPath is not null)
                {
                    sb.Append(" (the link is the last good handout)");
                }
            }

            sb.Append("</td><td>");
            if (result.PdfPath is not null)
            {
                sb.Append("<a href=\"").Append(Html.Escape(Link(result.PdfPath, outputDirectory))).Append("\">PDF</a>");
            }

            sb.Append("</td></tr>\n");
        }

        return sb.Append("</tbody>\n</table>\n<p class=\"notice-line\">Third-party licences: <a href=\"").Append(LicencesPage.FileName)
            .Append("\">").Append(LicencesPage.FileName).Append("</a>.</p>\n</main>\n</body>\n</html>\n").ToString();
    }

    private static string Link(string path, string folder) =>
        string.Join('/', Path.GetRelativePath(folder, path).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
}

/// <summary>The one page with the full licence texts of the software the handouts carry, beside <c>index.html</c>.</summary>
internal static class LicencesPage
{
    public const string FileName = "licences.html";

    public static string Render(HandoutAssets assets, string? sharedFolder) =>
        new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append(SharedAssets.Fonts(assets, sharedFolder))
            .Append("<title>Third-party licences</title>\n<style>\n").Append(assets.PageStyle).Append("\n</style>\n</head>\n<body>\n<main class=\"licences\">\n")
            .Append("<h1>Third-party licences</h1>\n<p>The handouts in this folder use ")
            .Append(string.Join(", ", assets.Notices.Select(n => Html.Escape(n.Name) + " " + Html.Escape(n.Version) + " (" + Html.Escape(n.License) + ")")))
            .Append(". Their licence texts follow.</p>\n")
            .Append(HandoutPage.LicenceTexts(assets.Notices).Replace("<details>", "<details open>", StringComparison.Ordinal))
            .Append("</main>\n</body>\n</html>\n").ToString();
}
