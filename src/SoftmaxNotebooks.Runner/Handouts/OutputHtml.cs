using System.Text.RegularExpressions;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>
/// Makes an output's HTML safe to embed in an offline handout: scripts and stylesheets loaded from the network
/// are removed (plotly.js is inlined once in the page's head instead), copies of plotly.js that an output
/// inlines itself are dropped, and remote <c>@import</c>s are cut. Loaders that use RequireJS (Plotly.NET's
/// <c>Require</c> reference) find the page's RequireJS stand-in, which hands them the inlined <c>Plotly</c>.
/// </summary>
public static partial class OutputHtml
{
    /// <summary>
    /// A page script defining <c>requirejs</c>/<c>require</c> just far enough for chart loaders:
    /// <c>requirejs.config(...)</c> returns the loader, and loading <c>['plotly']</c> calls back with the inlined Plotly.
    /// </summary>
    public const string RequireStandIn =
        "(function(){if(typeof window.requirejs==='function'){return;}" +
        "var r=function(deps,callback){if(typeof callback==='function'){callback.apply(null,(deps||[]).map(function(d){return d==='plotly'?window.Plotly:undefined;}));}};" +
        "r.config=function(){return r;};window.requirejs=r;if(typeof window.require!=='function'){window.require=r;}}());";

    /// <summary>Returns the HTML with network loads removed.</summary>
    /// <param name="html">An output's <c>text/html</c>.</param>
    /// <returns>HTML that loads nothing from the network.</returns>
    public static string Neutralize(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var result = ScriptElement().Replace(html, m =>
        {
            var attributes = m.Groups["attrs"].Value;
            var src = SrcAttribute().Match(attributes);
            if (src.Success)
            {
                // A script with a src other than a data: URI is either remote (cannot load offline) or a relative
                // file the handout does not carry; either way it cannot run here.
                return src.Groups["value"].Value.StartsWith("data:", StringComparison.OrdinalIgnoreCase) ? m.Value : string.Empty;
            }

            return IsPlotlyBundle(m.Groups["body"].Value) ? string.Empty : m.Value;
        });
        result = RemoteLink().Replace(result, string.Empty);
        result = RemoteImport().Replace(result, string.Empty);
        return result;
    }

    /// <summary>True when the output draws a plotly chart, so the page must carry plotly.js.</summary>
    /// <param name="html">An output's HTML (after <see cref="Neutralize"/>).</param>
    /// <returns>Whether plotly.js is needed.</returns>
    public static bool UsesPlotly(string html) => html.Contains("Plotly.", StringComparison.Ordinal)
        || html.Contains("'plotly'", StringComparison.Ordinal);

    [GeneratedRegex(@"<script\b(?<attrs>[^>]*)>(?<body>.*?)</script\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex ScriptElement();

    [GeneratedRegex(@"\bsrc\s*=\s*[""']?\s*(?<value>[^""'\s>]*)", RegexOptions.IgnoreCase)]
    private static partial Regex SrcAttribute();

    // A copy of plotly.js an output carries itself (the kit's first chart in a notebook, or Plotly.NET's Full
    // reference): megabytes of script whose head names plotly.js and a version. Small scripts that merely mention
    // plotly.js are chart code and stay.
    private static bool IsPlotlyBundle(string script) =>
        script.Length > 500_000 && PlotlyBanner().IsMatch(script.AsSpan(0, 4_000));

    [GeneratedRegex(@"plotly\.js v?\d+\.\d+", RegexOptions.IgnoreCase)]
    private static partial Regex PlotlyBanner();

    [GeneratedRegex(@"<link\b[^>]*\bhref\s*=\s*[""']?\s*(?:https?:)?//[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteLink();

    [GeneratedRegex(@"@import\s+(?:url\()?\s*[""']?\s*(?:https?:)?//[^;]*;", RegexOptions.IgnoreCase)]
    private static partial Regex RemoteImport();
}
