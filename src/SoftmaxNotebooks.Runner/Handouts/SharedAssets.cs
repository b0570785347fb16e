using System.Net;
using System.Text;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>
/// Where a handout finds plotly.js and KaTeX: inlined into the page (a self-contained file), or in one shared
/// folder beside <c>index.html</c> that every handout of a course folder references relatively (still offline,
/// a fraction of the size). The folder holds <c>plotly.min.js</c>, <c>kit-fonts.css</c> (the kit's text faces as
/// data: URIs), <c>katex/katex.min.css</c>,
/// <c>katex/fonts/*.woff2</c>, <c>katex/katex.min.js</c> and <c>katex/auto-render.min.js</c>.
/// </summary>
internal static class SharedAssets
{
    /// <summary>The shared folder's name beside <c>index.html</c>.</summary>
    public const string FolderName = "assets";

    /// <summary>The KaTeX stylesheet and the kit's text fonts: links into the shared folder, or inline with their fonts as data: URIs.</summary>
    /// <param name="assets">The assets.</param>
    /// <param name="folder">The shared folder's relative URL, or null to inline.</param>
    /// <returns>The head element.</returns>
    public static string Style(HandoutAssets assets, string? folder)
    {
        ArgumentNullException.ThrowIfNull(assets);
        return folder is null
            ? "<style>\n" + assets.KatexStyle + "\n</style>\n<style>\n" + assets.FontStyle + "\n</style>\n"
            : "<link rel=\"stylesheet\" href=\"" + WebUtility.HtmlEncode(folder + "/katex/katex.min.css") + "\">\n"
              + "<link rel=\"stylesheet\" href=\"" + WebUtility.HtmlEncode(folder + "/kit-fonts.css") + "\">\n";
    }

    /// <summary>The kit's text fonts alone (for the index and licences pages, which typeset no math): a link into the shared folder, or inline.</summary>
    /// <param name="assets">The assets.</param>
    /// <param name="folder">The shared folder's relative URL, or null to inline.</param>
    /// <returns>The head element.</returns>
    public static string Fonts(HandoutAssets assets, string? folder)
    {
        ArgumentNullException.ThrowIfNull(assets);
        return folder is null
            ? "<style>\n" + assets.FontStyle + "\n</style>\n"
            : "<link rel=\"stylesheet\" href=\"" + WebUtility.HtmlEncode(folder + "/kit-fonts.css") + "\">\n";
    }

    /// <summary>KaTeX, its auto-render extension and (when a chart needs it) plotly.js, linked or inlined.</summary>
    /// <param name="assets">The assets.</param>
    /// <param name="folder">The shared folder's relative URL, or null to inline.</param>
    /// <param name="plotly">Whether the page draws charts.</param>
    /// <returns>The head elements.</returns>
    public static string Scripts(HandoutAssets assets, string? folder, bool plotly)
    {
        ArgumentNullException.ThrowIfNull(assets);
        var sb = new StringBuilder();
        void Add(string file, string inline) => sb.Append(folder is null
            ? "<script>\n" + inline + "\n</script>\n"
            : "<script src=\"" + WebUtility.HtmlEncode(folder + "/" + file) + "\"></script>\n");
        Add("katex/katex.min.js", assets.KatexScript);
        Add("katex/auto-render.min.js", assets.AutoRenderScript);
        if (plotly)
        {
            Add("plotly.min.js", assets.PlotlyScript);
        }

        return sb.ToString();
    }

    /// <summary>Writes the shared folder (each file atomically; unchanged files are left alone).</summary>
    /// <param name="directory">The folder to fill, normally <c>&lt;handouts&gt;/assets</c>.</param>
    /// <param name="assets">The assets.</param>
    public static void Write(string directory, HandoutAssets assets)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(assets);
        var files = new List<(string Path, byte[] Bytes)>
        {
            ("plotly.min.js", Encoding.UTF8.GetBytes(assets.PlotlyScript)),
            ("kit-fonts.css", Encoding.UTF8.GetBytes(assets.FontStyle)),
            ("katex/katex.min.css", Encoding.UTF8.GetBytes(assets.KatexStyleWithFontFiles)),
            ("katex/katex.min.js", Encoding.UTF8.GetBytes(assets.KatexScript)),
            ("katex/auto-render.min.js", Encoding.UTF8.GetBytes(assets.AutoRenderScript)),
        };
        files.AddRange(assets.KatexFonts.Select(f => ("katex/fonts/" + f.Key, f.Value)));
        foreach (var (path, bytes) in files)
        {
            var target = Path.Combine(directory, path.Replace('/', Path.DirectorySeparatorChar));
            if (File.Exists(target) && File.ReadAllBytes(target).AsSpan().SequenceEqual(bytes))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            AtomicFile.Write(target, stream => stream.Write(bytes));
        }
    }
}
