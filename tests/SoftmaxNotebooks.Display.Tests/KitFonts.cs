using System.Text.RegularExpressions;

namespace SoftmaxNotebooks.Display.Tests;

/// <summary>
/// The handouts' text faces (src/SoftmaxNotebooks.Display/npm/kit-fonts.css) inlined as data: URIs, so a page
/// measured here lays out in the fonts a handout prints with, whatever fonts this machine has.
/// </summary>
internal static partial class KitFonts
{
    private static readonly Lazy<string> Inlined = new(Load);

    /// <summary>A <c>style</c> element declaring the faces and the <c>--kit-serif</c>, <c>--kit-sans</c> and <c>--kit-mono</c> stacks.</summary>
    public static string Style => "<style>" + Inlined.Value + "</style>";

    private static string Load()
    {
        var folder = Path.Combine(RepoRoot.Path, "src", "SoftmaxNotebooks.Display", "npm");
        return Url().Replace(File.ReadAllText(Path.Combine(folder, "kit-fonts.css")), m =>
        {
            var file = Path.Combine(folder, m.Groups["path"].Value);
            Assert.True(File.Exists(file), $"{file} is missing: build src/SoftmaxNotebooks.Display (its build runs npm ci in its npm folder).");
            return "url(data:font/woff2;base64," + Convert.ToBase64String(File.ReadAllBytes(file)) + ")";
        });
    }

    [GeneratedRegex(@"url\((?<path>[^)""']+\.woff2)\)")]
    private static partial Regex Url();
}
