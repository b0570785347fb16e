using System.Net;
using System.Text;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>The one page with the full licence texts of the software the handouts carry, beside <c>index.html</c>.</summary>
internal static class LicencesPage
{
    /// <summary>The page's file name.</summary>
    public const string FileName = "licences.html";

    /// <summary>Renders the page.</summary>
    /// <param name="assets">The assets and their notices.</param>
    /// <param name="sharedFolder">The shared-assets folder's relative URL, or null to inline the fonts.</param>
    public static string Render(HandoutAssets assets, string? sharedFolder)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var sb = PageShell.Begin("Third-party licences", SharedAssets.Fonts(assets, sharedFolder) + PageShell.Style(assets.PageStyle))
            .Append("<main class=\"licences\">\n<h1>Third-party licences</h1>\n<p>The handouts in this folder use ")
            .Append(Names(assets.Notices))
            .Append(". Their licence texts follow.</p>\n")
            .Append(Texts(assets.Notices).Replace("<details>", "<details open>", StringComparison.Ordinal))
            .Append("</main>\n");
        return PageShell.End(sb);
    }

    /// <summary>The components as one line of HTML: <c>name version (licence)</c>, comma-separated.</summary>
    /// <param name="notices">The components.</param>
    public static string Names(IEnumerable<ThirdPartyNotice> notices) =>
        string.Join(", ", notices.Select(n => WebUtility.HtmlEncode(n.Name) + " " + WebUtility.HtmlEncode(n.Version) + " (" + WebUtility.HtmlEncode(n.License) + ")"));

    /// <summary>Each component's licence text in a folded <c>details</c> element.</summary>
    /// <param name="notices">The components.</param>
    public static string Texts(IEnumerable<ThirdPartyNotice> notices)
    {
        var sb = new StringBuilder();
        foreach (var notice in notices)
        {
            sb.Append("<details><summary>").Append(WebUtility.HtmlEncode(notice.Name)).Append(' ').Append(WebUtility.HtmlEncode(notice.Version))
                .Append(" — ").Append(WebUtility.HtmlEncode(notice.License)).Append("</summary>\n<pre>")
                .Append(WebUtility.HtmlEncode(notice.Text.TrimEnd())).Append("</pre></details>\n");
        }

        return sb.ToString();
    }
}
