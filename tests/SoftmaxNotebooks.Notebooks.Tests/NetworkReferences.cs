using System.Text.RegularExpressions;

namespace SoftmaxNotebooks.Notebooks.Tests;

/// <summary>
/// Finds what in a page would make a browser fetch something from the network. The rule, for HTML (and CSS) that
/// the kit writes or a notebook outputs:
/// <list type="number">
/// <item>No attribute that loads a resource (<c>src</c>, <c>srcset</c>, <c>data</c>, <c>poster</c>,
/// <c>background</c>, <c>action</c>, <c>formaction</c>, and <c>href</c>/<c>xlink:href</c> on any element but
/// <c>&lt;a&gt;</c>: <c>&lt;link&gt;</c>, <c>&lt;base&gt;</c>, SVG <c>&lt;use&gt;</c>/<c>&lt;image&gt;</c>) holds a
/// network URL (<c>http:</c>, <c>https:</c> or protocol-relative <c>//</c>).</item>
/// <item>No CSS <c>url(…)</c> or <c>@import</c> names a network URL.</item>
/// <item>No script names a network URL in its code (a RequireJS <c>paths</c> entry, a loader that adds a
/// <c>&lt;script src&gt;</c>, <c>fetch</c>): every <c>http://</c>, <c>https://</c> or quoted <c>//host</c> in a script is
/// a finding, except XML namespace names (<c>http://www.w3.org/…</c>, identifiers a browser never fetches) and the
/// vendored plotly.js 2.28.0 bundle as a whole (a pinned third-party file whose string tables hold URLs for
/// features the kit never uses, such as <c>https://cdn.plot.ly/</c> as the default topojson source of geo maps).</item>
/// </list>
/// A hyperlink <c>&lt;a href="https://…"&gt;</c> is allowed: it is a citation or licence link a reader may follow, and it
/// loads nothing until clicked.
/// </summary>
internal static partial class NetworkReferences
{
    /// <summary>The network references in <paramref name="html"/>, each as a short excerpt; empty when it loads nothing.</summary>
    public static IReadOnlyList<string> In(string html)
    {
        var findings = new List<string>();
        // Script bodies are checked on their own below; plotly.js holds markup such as "<img src=…>" in strings.
        var markup = Script().Replace(html, m => "<script" + m.Groups["attrs"].Value + "></script>");
        foreach (Match tag in Tag().Matches(markup))
        {
            var element = tag.Groups["name"].Value.ToLowerInvariant();
            foreach (Match attribute in Attribute().Matches(tag.Groups["attrs"].Value))
            {
                var name = attribute.Groups["name"].Value.ToLowerInvariant();
                var loads = LoadingAttributes.Contains(name) || (name is "href" or "xlink:href" && element != "a");
                var value = attribute.Groups["value"].Value.Trim();
                if (loads && (IsNetworkUrl(value) || (name == "srcset" && value.Split(',').Any(v => IsNetworkUrl(v.Trim())))))
                {
                    findings.Add($"<{element} {name}=\"{Excerpt(value)}\">");
                }
            }
        }

        findings.AddRange(CssNetworkLoad().Matches(markup).Select(m => "CSS " + Excerpt(m.Value)));
        foreach (Match script in Script().Matches(html))
        {
            var body = script.Groups["body"].Value;
            if (IsPlotlyBundle(body))
            {
                continue;
            }

            findings.AddRange(ScriptUrl().Matches(body)
                .Where(m => !m.Value.Contains("www.w3.org/", StringComparison.OrdinalIgnoreCase))
                .Select(m => "script " + Excerpt(body.Substring(Math.Max(0, m.Index - 40), Math.Min(body.Length - Math.Max(0, m.Index - 40), 120)))));
        }

        return findings;
    }

    /// <summary>Whether a script body is the plotly.js bundle the kit vendors (megabytes, its banner naming the version).</summary>
    public static bool IsPlotlyBundle(string script) =>
        script.Length > 500_000 && script.AsSpan(0, 4_000).IndexOf("plotly.js v2.28.0", StringComparison.Ordinal) >= 0;

    private static readonly HashSet<string> LoadingAttributes = new(StringComparer.Ordinal)
    {
        "src", "srcset", "data", "poster", "background", "action", "formaction",
    };

    private static bool IsNetworkUrl(string value) =>
        value.StartsWith("http:", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("https:", StringComparison.OrdinalIgnoreCase)
        || value.StartsWith("//", StringComparison.Ordinal);

    private static string Excerpt(string text) => text.Length <= 120 ? text : text[..120] + "…";

    [GeneratedRegex(@"<(?<name>[a-zA-Z][\w:-]*)(?<attrs>(?:\s+[^\s=>/]+(?:\s*=\s*(?:""[^""]*""|'[^']*'|[^\s>]+))?)*)\s*/?>", RegexOptions.Singleline)]
    private static partial Regex Tag();

    [GeneratedRegex(@"(?<name>[^\s=>/]+)\s*=\s*(?:""(?<value>[^""]*)""|'(?<value>[^']*)'|(?<value>[^\s>]+))", RegexOptions.Singleline)]
    private static partial Regex Attribute();

    [GeneratedRegex(@"<script\b(?<attrs>[^>]*)>(?<body>.*?)</script\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex Script();

    [GeneratedRegex(@"(?:url\(\s*[""']?\s*|@import\s+[""']?\s*(?:url\(\s*[""']?)?)(?:https?:|//)[^)""';\s]*", RegexOptions.IgnoreCase)]
    private static partial Regex CssNetworkLoad();

    [GeneratedRegex(@"https?://[^\s""'`)<>]+|[""'`]//[a-zA-Z0-9.-]+\.[a-zA-Z]{2,}[^""'`]*", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptUrl();
}
