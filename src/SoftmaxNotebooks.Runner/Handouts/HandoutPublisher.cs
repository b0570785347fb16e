using System.Globalization;
using System.Text;
using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>
/// Renders executed notebooks into offline HTML handouts (and optionally PDFs) in one folder, with an
/// <c>index.html</c> listing them. Every file is written atomically: a failed render keeps the last good file.
/// </summary>
internal sealed class HandoutPublisher
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
    /// Renders each notebook into <c>&lt;name&gt;.html</c> (and <c>&lt;name&gt;.pdf</c> when asked), then writes
    /// <c>index.html</c>. A notebook that cannot be rendered is reported and the others still are.
    /// </summary>
    /// <param name="notebookPaths">Executed notebooks.</param>
    /// <param name="cancellationToken">Stops between notebooks (the index is not rewritten then).</param>
    /// <returns>What was written.</returns>
    public HandoutReport Publish(IEnumerable<string> notebookPaths, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notebookPaths);
        return Publish(notebookPaths.Select(p => new HandoutSource(p)), cancellationToken);
    }

    /// <summary>
    /// Renders each notebook into <c>&lt;name&gt;.html</c> (and <c>&lt;name&gt;.pdf</c> when asked), then writes
    /// <c>index.html</c>. A notebook that cannot be rendered is reported and the others still are.
    /// </summary>
    /// <param name="sources">Executed notebooks, on disk or in memory.</param>
    /// <param name="cancellationToken">Stops between notebooks (the index is not rewritten then).</param>
    /// <returns>What was written.</returns>
    public HandoutReport Publish(IEnumerable<HandoutSource> sources, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
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
        // Names and titles first: each page links its neighbours by title. A notebook read here is not read again.
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "index", Path.GetFileNameWithoutExtension(LicencesPage.FileName) };
        var planned = new List<(HandoutSource Source, string Name, string Title)>();
        foreach (var source in sources)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var name = UniqueName(Path.GetFileNameWithoutExtension(source.NotebookPath), names);
            var full = source with { NotebookPath = Path.GetFullPath(source.NotebookPath) };
            var notebook = full.Notebook ?? TryRead(full.NotebookPath);
            planned.Add((full with { Notebook = notebook }, name, notebook is null ? name : HandoutPage.Title(notebook, name)));
        }

        var results = new List<HandoutResult>();
        for (var i = 0; i < planned.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            HandoutLink? Link(int k) => k >= 0 && k < planned.Count ? new HandoutLink(Uri.EscapeDataString(planned[k].Name) + ".html", planned[k].Title) : null;
            var navigation = new HandoutNavigation("index.html", Link(i - 1), Link(i + 1));
            results.Add(PublishOne(planned[i].Source, planned[i].Name, output, layout with { Navigation = navigation }, chromium, chromiumError));
        }

        var index = Path.Combine(output, "index.html");
        AtomicFile.WriteAllText(index, IndexPage.Render(results, output, assets, sharedFolder));
        return new HandoutReport(index, results);
    }

    private HandoutResult PublishOne(HandoutSource source, string name, string output, HandoutLayout layout, HeadlessChromium? chromium, string? chromiumError)
    {
        var path = source.NotebookPath;
        var html = Path.Combine(output, name + ".html");
        var pdf = Path.Combine(output, name + ".pdf");
        var title = name;
        try
        {
            var notebook = source.Notebook ?? NotebookFile.Read(path);
            title = HandoutPage.Title(notebook, name);
            var status = source.Status ?? HandoutPage.Status(notebook);
            AtomicFile.WriteAllText(html, HandoutPage.Render(notebook, name, path, assets, layout, status));
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
        catch (RunnerException e)
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

    // A notebook that cannot be read is rendered (and its error reported) by PublishOne, which reads it again.
    private static Notebook? TryRead(string path)
    {
        try
        {
            return NotebookFile.Read(path);
        }
        catch (Exception e) when (e is RunnerException or IOException or UnauthorizedAccessException)
        {
            return null;
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
