using System.Net;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>The <c>index.html</c> that lists the handouts.</summary>
internal static class IndexPage
{
    /// <summary>Renders the index.</summary>
    /// <param name="results">The handouts, in order.</param>
    /// <param name="outputDirectory">The folder the index goes to (links are relative to it).</param>
    /// <param name="assets">The assets (the page's stylesheet and fonts).</param>
    /// <param name="sharedFolder">The shared-assets folder's relative URL, or null to inline the fonts.</param>
    public static string Render(IReadOnlyList<HandoutResult> results, string outputDirectory, HandoutAssets assets, string? sharedFolder)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(assets);
        var sb = PageShell.Begin("Handouts", SharedAssets.Fonts(assets, sharedFolder) + PageShell.Style(assets.PageStyle))
            .Append("<main>\n<h1>Handouts</h1>\n<table class=\"handouts\">\n<caption>The handouts in reading order, with their notebooks, how each run ended and its PDF</caption>\n<thead><tr><th scope=\"col\">Handout</th><th scope=\"col\">Notebook</th><th scope=\"col\">Status</th><th scope=\"col\">PDF</th></tr></thead>\n<tbody>\n");
        foreach (var result in results)
        {
            sb.Append("<tr><td>");
            if (result.HtmlPath is not null)
            {
                sb.Append("<a href=\"").Append(WebUtility.HtmlEncode(Link(result.HtmlPath, outputDirectory))).Append("\">")
                    .Append(WebUtility.HtmlEncode(result.Title)).Append("</a>");
            }
            else
            {
                sb.Append(WebUtility.HtmlEncode(result.Title));
            }

            sb.Append("</td><td>").Append(WebUtility.HtmlEncode(Path.GetFileName(result.NotebookPath))).Append("</td><td class=\"")
                .Append(HandoutPage.StatusClass(result.Status)).Append("\">").Append(HandoutPage.StatusText(result.Status));
            if (result.Error is not null)
            {
                sb.Append(": ").Append(WebUtility.HtmlEncode(result.Error));
                if (result.HtmlPath is not null)
                {
                    sb.Append(" (the link is the last good handout)");
                }
            }

            sb.Append("</td><td>");
            if (result.PdfPath is not null)
            {
                sb.Append("<a href=\"").Append(WebUtility.HtmlEncode(Link(result.PdfPath, outputDirectory))).Append("\">PDF</a>");
            }

            sb.Append("</td></tr>\n");
        }

        sb.Append("</tbody>\n</table>\n<p class=\"notice-line\">Third-party licences: <a href=\"").Append(LicencesPage.FileName)
            .Append("\">").Append(LicencesPage.FileName).Append("</a>.</p>\n</main>\n");
        return PageShell.End(sb);
    }

    private static string Link(string path, string folder) =>
        string.Join('/', Path.GetRelativePath(folder, path).Split(Path.DirectorySeparatorChar).Select(Uri.EscapeDataString));
}
