using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>
/// Makes an output's HTML safe to embed in an offline handout, on the DOM an HTML5 parser (AngleSharp) builds of it
/// in the place it goes (inside a <c>div</c> of the page): scripts loaded from anywhere but a <c>data:</c> URI are
/// removed (plotly.js is in the page's head instead), copies of plotly.js that an output inlines itself are dropped,
/// stylesheets linked from the network are removed and remote <c>@import</c>s cut from style elements. Loaders that use
/// RequireJS (Plotly.NET's <c>Require</c> reference) find the page's RequireJS stand-in, which hands them the inlined
/// <c>Plotly</c>. An output with nothing to remove comes back unchanged, byte for byte.
/// </summary>
internal static partial class OutputHtml
{
    /// <summary>
    /// A page script defining <c>requirejs</c>/<c>require</c> just far enough for chart loaders:
    /// <c>requirejs.config(...)</c> returns the loader, and loading <c>['plotly']</c> calls back with the inlined Plotly.
    /// </summary>
    public const string RequireStandIn =
        "(function(){if(typeof window.requirejs==='function'){return;}" +
        "var r=function(deps,callback){if(typeof callback==='function'){callback.apply(null,(deps||[]).map(function(d){return d==='plotly'?window.Plotly:undefined;}));}};" +
        "r.config=function(){return r;};window.requirejs=r;if(typeof window.require!=='function'){window.require=r;}}());";

    private static readonly HtmlParser Parser = new();

    /// <summary>Returns the HTML with network loads removed.</summary>
    /// <param name="html">An output's <c>text/html</c> (or <c>image/svg+xml</c>).</param>
    /// <returns>HTML that loads nothing from the network.</returns>
    public static string Neutralize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var container = Parser.ParseDocument(string.Empty).CreateElement("div");
        container.InnerHtml = html;
        var changed = false;
        foreach (var script in container.QuerySelectorAll("script").ToList())
        {
            // A script with a src other than a data: URI is either remote (cannot load offline) or a relative file the
            // handout does not carry; either way it cannot run here.
            var remove = script.GetAttribute("src") is { } src
                ? !src.TrimStart().StartsWith("data:", StringComparison.OrdinalIgnoreCase)
                : IsPlotlyBundle(script.TextContent);
            if (remove)
            {
                script.Remove();
                changed = true;
            }
        }

        foreach (var link in container.QuerySelectorAll("link").Where(l => IsRemote(l.GetAttribute("href"))).ToList())
        {
            link.Remove();
            changed = true;
        }

        foreach (var style in container.QuerySelectorAll("style"))
        {
            var css = style.TextContent;
            var kept = RemoteImport().Replace(css, string.Empty);
            if (kept.Length != css.Length)
            {
                style.TextContent = kept;
                changed = true;
            }
        }

        return changed ? container.InnerHtml : html;
    }

    /// <summary>True when the output draws a plotly chart, so the page must carry plotly.js.</summary>
    /// <param name="html">An output's HTML (after <see cref="Neutralize"/>).</param>
    /// <returns>Whether plotly.js is needed.</returns>
    public static bool UsesPlotly(string html) => html.Contains("Plotly.", StringComparison.Ordinal)
        || html.Contains("'plotly'", StringComparison.Ordinal);

    // A copy of plotly.js an output carries itself (the kit's first chart in a notebook, or Plotly.NET's Full
    // reference): megabytes of script whose head names plotly.js and a version. Small scripts that merely mention
    // plotly.js are chart code and stay.
    private static bool IsPlotlyBundle(string script) =>
        script.Length > 500_000 && PlotlyBanner().IsMatch(script.AsSpan(0, 4_000));

    private static bool IsRemote(string? url) =>
        url?.TrimStart() is { } u && (u.StartsWith("//", StringComparison.Ordinal)
            || u.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || u.StartsWith("https:", StringComparison.OrdinalIgnoreCase));

    // The elements come from the DOM; inside a script or a stylesheet, only their own text is searched.
    [GeneratedRegex(@"plotly\.js v?\d+\.\d+", RegexOptions.IgnoreCase)]
    private static partial Regex PlotlyBanner();

    [GeneratedRegex(@"@import\s+(?:url\()?\s*[""']?\s*(?:https?:)?//[^;]*;", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteImport();
}
