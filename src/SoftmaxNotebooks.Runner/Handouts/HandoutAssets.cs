using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>A third-party component inlined into every handout, with its licence text.</summary>
/// <param name="Name">The component (npm package name, or the font set).</param>
/// <param name="Version">The pinned version.</param>
/// <param name="License">The SPDX identifier of its licence.</param>
/// <param name="Text">The licence text, from the package's own LICENSE file.</param>
internal sealed record ThirdPartyNotice(string Name, string Version, string License, string Text);

/// <summary>
/// The offline assets every handout inlines (KaTeX with its fonts as data: URIs, auto-render, plotly.js, the
/// kit's text fonts as data: URIs, the page's own stylesheet and script) and their licence notices, read once from
/// the runner's embedded resources.
/// </summary>
internal sealed partial class HandoutAssets
{
    private static readonly Lazy<HandoutAssets> Instance = new(Load);

    private HandoutAssets(string katexScript, string autoRenderScript, string katexStyle, string plotlyScript,
        string fontStyle, string pageStyle, string pageScript, IReadOnlyList<ThirdPartyNotice> notices, string plotlyVersion,
        string katexVersion, string katexStyleWithFontFiles, IReadOnlyDictionary<string, byte[]> katexFonts)
    {
        KatexScript = katexScript;
        AutoRenderScript = autoRenderScript;
        KatexStyle = katexStyle;
        KatexStyleWithFontFiles = katexStyleWithFontFiles;
        KatexFonts = katexFonts;
        PlotlyScript = plotlyScript;
        FontStyle = fontStyle;
        PageStyle = pageStyle;
        PageScript = pageScript;
        Notices = notices;
        PlotlyVersion = plotlyVersion;
        KatexVersion = katexVersion;
    }

    /// <summary>The assets embedded in this build of the runner.</summary>
    public static HandoutAssets Default => Instance.Value;

    /// <summary><c>katex.min.js</c>.</summary>
    public string KatexScript { get; }

    /// <summary>KaTeX's <c>contrib/auto-render.min.js</c>.</summary>
    public string AutoRenderScript { get; }

    /// <summary><c>katex.min.css</c> with every font as a woff2 data: URI and no other font sources.</summary>
    public string KatexStyle { get; }

    /// <summary><c>katex.min.css</c> loading its woff2 fonts from <c>fonts/</c> beside it (the shared-assets folder).</summary>
    public string KatexStyleWithFontFiles { get; }

    /// <summary>The KaTeX woff2 fonts by file name, for the shared-assets folder.</summary>
    public IReadOnlyDictionary<string, byte[]> KatexFonts { get; }

    /// <summary><c>plotly.min.js</c> from <c>plotly.js-dist-min</c>.</summary>
    public string PlotlyScript { get; }

    /// <summary>
    /// The kit's text faces (<c>src/SoftmaxNotebooks.Display/npm/kit-fonts.css</c>: Noto Serif, Noto Sans, Noto Sans
    /// Mono and cuts of Noto fonts for operators, scripts and check marks) as woff2 data: URIs, with the
    /// <c>--kit-serif</c>, <c>--kit-sans</c> and <c>--kit-mono</c> stacks the page's stylesheet sets text in.
    /// </summary>
    public string FontStyle { get; }

    /// <summary>The handout's stylesheet (screen and print).</summary>
    public string PageStyle { get; }

    /// <summary>The handout's own script: typesets math and fits charts to the page.</summary>
    public string PageScript { get; }

    /// <summary>The pinned plotly.js version.</summary>
    public string PlotlyVersion { get; }

    /// <summary>The pinned KaTeX version.</summary>
    public string KatexVersion { get; }

    /// <summary>The licences of what the page inlines: plotly.js (MIT), KaTeX (MIT), the KaTeX fonts and the Noto text fonts (OFL-1.1).</summary>
    public IReadOnlyList<ThirdPartyNotice> Notices { get; }

    private static HandoutAssets Load()
    {
        var katexVersion = PackageVersion("Handouts/katex.package.json");
        var notoVersion = PackageVersion("Handouts/noto.package.json");
        var plotlyVersion = PackageVersion("Handouts/plotly.package.json");
        var notices = new[]
        {
            new ThirdPartyNotice("plotly.js-dist-min", plotlyVersion, "MIT", Text("Handouts/licenses/plotly")),
            new ThirdPartyNotice("katex", katexVersion, "MIT", Text("Handouts/licenses/katex")),
            new ThirdPartyNotice("KaTeX fonts", katexVersion, "OFL-1.1", Text("Handouts/licenses/katex-fonts")),
            new ThirdPartyNotice("Noto fonts (@fontsource)", notoVersion, "OFL-1.1", Text("Handouts/licenses/noto-fonts")),
        };
        var katexStyle = Text("Handouts/katex.min.css");
        var fonts = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        var linked = Woff2Only(katexStyle, file => fonts[file] = Bytes("Handouts/fonts/" + file), file => "url(fonts/" + file + ")");
        return new HandoutAssets(
            ScriptSafe(Text("Handouts/katex.min.js")),
            ScriptSafe(Text("Handouts/auto-render.min.js")),
            Woff2Only(katexStyle, _ => { }, file => "url(data:font/woff2;base64," + Convert.ToBase64String(fonts[file]) + ")"),
            ScriptSafe(Text("Handouts/plotly.min.js")),
            InlineKitFonts(Text("Handouts/kit-fonts.css")),
            Text("Handouts/handout.css"),
            ScriptSafe(Text("Handouts/handout.js")),
            notices,
            plotlyVersion,
            katexVersion,
            linked,
            fonts);
    }

    // KaTeX lists woff2, woff and ttf (in that order) for each face; only the woff2 files are kept (inlined as
    // data: URIs, or as files of the shared-assets folder), so the others are dropped with the separating commas
    // rather than left as relative URLs that would be fetched.
    private static string Woff2Only(string css, Action<string> use, Func<string, string> url)
    {
        var rewritten = FontSource().Replace(css, m =>
        {
            var file = m.Groups["file"].Value;
            if (m.Groups["format"].Value != "woff2")
            {
                return string.Empty;
            }

            use(file);
            return url(file) + " format(\"woff2\")";
        });
        if (rewritten.Contains(",}", StringComparison.Ordinal) || !rewritten.Contains("woff2", StringComparison.Ordinal)
            || Regex.IsMatch(rewritten, @"url\(fonts/[^)]*\.(woff|ttf)\)"))
        {
            throw new HandoutException("katex.min.css: unexpected font declarations; cannot rewrite the KaTeX font sources.");
        }

        return rewritten;
    }

    // Every file kit-fonts.css names was embedded under its path relative to the stylesheet (Handouts.targets).
    private static string InlineKitFonts(string css) =>
        KitFontSource().Replace(css, m =>
            "url(data:font/woff2;base64," + Convert.ToBase64String(Bytes("Handouts/kit-fonts/" + m.Groups["path"].Value)) + ")");

    [GeneratedRegex("""url\((?<path>[^)"']+\.woff2)\)""")]
    private static partial Regex KitFontSource();

    [GeneratedRegex("""url\(fonts/(?<file>[A-Za-z0-9_\-]+\.(?<format>woff2|woff|ttf))\) format\("(?:woff2|woff|truetype)"\),?""")]
    private static partial Regex FontSource();

    // An inlined script ends at the first "</script" in its text, whatever the JavaScript means by it.
    private static string ScriptSafe(string script) => script.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);

    private static string PackageVersion(string resource)
    {
        using var document = JsonDocument.Parse(Text(resource));
        return document.RootElement.GetProperty("version").GetString()
            ?? throw new HandoutException($"{resource}: no version.");
    }

    private static string Text(string resource) => Encoding.UTF8.GetString(Bytes(resource));

    private static byte[] Bytes(string resource)
    {
        using var stream = typeof(HandoutAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new HandoutException($"The runner was built without the handout asset '{resource}' (rebuild it: the build runs npm ci in src/SoftmaxNotebooks.Runner/Handouts/npm for KaTeX and, through the display project, in src/SoftmaxNotebooks.Display/npm for plotly.js and the text fonts).");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
