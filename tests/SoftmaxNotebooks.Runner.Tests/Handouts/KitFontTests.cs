using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Handouts;
using Xunit;

namespace SoftmaxNotebooks.Runner.Tests.Handouts;

/// <summary>
/// Chromium under a FONTCONFIG_FILE of the test's choosing: a machine with one DejaVu font only, with Debian's
/// DejaVu fonts, or with DejaVu where serif, sans-serif and monospace name other families than usual. (A machine
/// with no fonts at all cannot stand in: chromium aborts when it needs a fallback font there.)
/// </summary>
internal sealed class FontMachine
{
    private const string DejaVu = "/usr/share/fonts/truetype/dejavu";

    private readonly string config;
    private readonly string folder;

    // Every machine keeps the system's rules (conf.d: hinting, antialiasing, the usual family aliases), so only the
    // fonts it offers differ; an alias placed before them wins, as the first rule to rewrite a family does.
    private FontMachine(string folder, string name, string fonts)
    {
        this.folder = folder;
        config = Path.Combine(folder, name + ".conf");
        File.WriteAllText(config,
            "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n" +
            $"<cachedir>{Path.Combine(folder, name + "-cache")}</cachedir>\n" + fonts +
            "<include ignore_missing=\"yes\">/etc/fonts/conf.d</include>\n</fontconfig>\n");
    }

    /// <summary>One DejaVu font file (say DejaVuSansMono.ttf) and nothing else to fall back to.</summary>
    public static FontMachine Only(string folder, string file)
    {
        var fonts = Directory.CreateDirectory(Path.Combine(folder, file + "-dir")).FullName;
        File.Copy(Path.Combine(RequireDejaVu(), file), Path.Combine(fonts, file), overwrite: true);
        return new(folder, file, $"<dir>{fonts}</dir>\n");
    }

    /// <summary>DejaVu only (a fresh Debian machine: fonts-dejavu-core).</summary>
    public static FontMachine DejaVuOnly(string folder) => new(folder, "dejavu", $"<dir>{RequireDejaVu()}</dir>\n");

    /// <summary>DejaVu with serif, sans-serif and monospace mapped to other families, as another machine's fonts would.</summary>
    public static FontMachine DejaVuSwapped(string folder) =>
        new(folder, "swapped", $"<dir>{RequireDejaVu()}</dir>\n" +
            Alias("serif", "DejaVu Sans Mono") + Alias("sans-serif", "DejaVu Serif") + Alias("monospace", "DejaVu Sans"));

    public string DumpDom(string page) => Chromium(page, "--dump-dom");

    public void Screenshot(string page, string png, int width, int height) =>
        Chromium(page, "--screenshot=" + png, "--window-size=" + width.ToString(CultureInfo.InvariantCulture) + "," +
            height.ToString(CultureInfo.InvariantCulture), "--hide-scrollbars");

    private static string Alias(string generic, string family) =>
        $"<match target=\"pattern\"><test name=\"family\"><string>{generic}</string></test>" +
        $"<edit name=\"family\" mode=\"assign_replace\" binding=\"strong\"><string>{family}</string></edit></match>\n";

    private static string RequireDejaVu()
    {
        Assert.True(Directory.Exists(DejaVu), $"These tests need Debian's DejaVu fonts in {DejaVu} (package fonts-dejavu-core, which chromium depends on): run `bash .ci/setup`.");
        return DejaVu;
    }

    private string Chromium(string page, params string[] action)
    {
        var profile = Directory.CreateTempSubdirectory("softmax-fonts-chromium-");
        try
        {
            string[] arguments =
            [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile.FullName, "--virtual-time-budget=10000",
                "--run-all-compositor-stages-before-draw", .. action, new Uri(page).AbsoluteUri,
            ];
            var (exitCode, output, errors) = Tools.ExecuteWith(HeadlessChromium.Locate().ExecutablePath,
                new Dictionary<string, string> { ["FONTCONFIG_FILE"] = config, ["HOME"] = folder }, arguments);
            Assert.True(exitCode == 0, $"chromium failed ({exitCode}): {errors}");
            return output;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}

public sealed class KitFontTests
{
    // The text stacks handout.css sets text in, in the weights and styles it uses.
    private static readonly string[] Stacks =
    [
        "font-family:var(--kit-serif)", "font-family:var(--kit-serif);font-style:italic", "font-family:var(--kit-serif);font-weight:700",
        "font-family:var(--kit-sans)", "font-family:var(--kit-sans);font-weight:700", "font-family:var(--kit-mono)",
    ];

    /// <summary>
    /// Every character the notebooks, the math core, the display layer and the handout page can print: printable
    /// ASCII and each non-ASCII character in their sources (strings and comments alike, so a superset).
    /// </summary>
    private static string PrintedCharacters()
    {
        var root = RunnerProcess.RepositoryRoot;
        var files = Directory.GetFiles(Path.Combine(root, "notebooks"), "*.dib")
            .Concat(Directory.GetFiles(Path.Combine(root, "src", "SoftmaxNotebooks"), "*.cs", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(root, "src", "SoftmaxNotebooks.Display"), "*.cs", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(root, "src", "SoftmaxNotebooks.Runner", "Handouts"), "*.cs"))
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal));
        var characters = new SortedSet<int>(Enumerable.Range(0x21, 0x7E - 0x20));
        foreach (var file in files)
        {
            foreach (var rune in File.ReadAllText(file).EnumerateRunes())
            {
                if (rune.Value > 0x7F && !Rune.IsControl(rune) && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Format or UnicodeCategory.SpaceSeparator))
                {
                    characters.Add(rune.Value);
                }
            }
        }

        // Sources may spell these with escapes or TeX; the handouts print them all the same.
        foreach (var rune in "∑∂⟨⟩≤−⁻₁✔✗Ēᵀ".EnumerateRunes())
        {
            characters.Add(rune.Value);
        }

        return string.Concat(characters.Select(char.ConvertFromUtf32));
    }

    // One span per character and stack; once every face has loaded (document.fonts.ready alone may resolve before
    // layout has asked for any), the body records each span's width.
    private static string GlyphPage(string characters)
    {
        var sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>")
            .Append(HandoutAssets.Default.FontStyle).Append("</style></head><body style=\"font-size:40px\">");
        foreach (var stack in Stacks)
        {
            sb.Append("<p style=\"").Append(stack).Append("\">");
            foreach (var rune in characters.EnumerateRunes())
            {
                sb.Append("<span>").Append(System.Net.WebUtility.HtmlEncode(rune.ToString())).Append("</span>");
            }

            sb.Append("</p>");
        }

        return sb.Append("<script>Promise.all([...document.fonts].map(f => f.load())).then(() => document.body.dataset.widths = ")
            .Append("[...document.querySelectorAll('span')].map(s => s.getBoundingClientRect().width.toFixed(3)).join(' '));</script>")
            .Append("</body></html>").ToString();
    }

    private static string[] Widths(string dom)
    {
        var match = Regex.Match(dom, "data-widths=\"([^\"]*)\"");
        Assert.True(match.Success, "the glyph page did not report its widths");
        return match.Groups[1].Value.Split(' ');
    }

    // A character the embedded faces lack falls back to the machine's only font: proportional DejaVu Sans on one,
    // DejaVu Sans Mono (every glyph 0.602 em wide) on the other. The same width and the same pixels on both mean
    // the page's own fonts drew every character.
    private static (string[] Sans, string[] Mono, double DifferingPixels) RenderOnTwoMachines(string folder, string characters)
    {
        var page = Path.Combine(folder, "glyphs.html");
        File.WriteAllText(page, GlyphPage(characters));
        var sans = FontMachine.Only(folder, "DejaVuSans.ttf");
        var mono = FontMachine.Only(folder, "DejaVuSansMono.ttf");
        sans.Screenshot(page, Path.Combine(folder, "sans.png"), 1200, 2400);
        mono.Screenshot(page, Path.Combine(folder, "mono.png"), 1200, 2400);
        return (Widths(sans.DumpDom(page)), Widths(mono.DumpDom(page)),
            DifferingFraction(Path.Combine(folder, "sans.png"), Path.Combine(folder, "mono.png")));
    }

    [Fact]
    public void Every_character_the_kit_prints_is_drawn_from_the_embedded_fonts_in_every_text_stack()
    {
        using var temp = new TempFolder("glyphs");
        var characters = PrintedCharacters();
        var (sans, mono, differing) = RenderOnTwoMachines(temp.Path, characters);
        var runes = characters.EnumerateRunes().ToArray();
        Assert.Equal(Stacks.Length * runes.Length, sans.Length);
        var missing = new List<string>();
        for (var i = 0; i < sans.Length; i++)
        {
            if (sans[i] != mono[i] || double.Parse(sans[i], CultureInfo.InvariantCulture) <= 0)
            {
                var rune = runes[i % runes.Length];
                missing.Add($"{rune} U+{rune.Value:X4} in {Stacks[i / runes.Length]} ({sans[i]} px over DejaVu Sans, {mono[i]} px over DejaVu Sans Mono)");
            }
        }

        Assert.True(missing.Count == 0, "not in the embedded fonts:\n" + string.Join("\n", missing));
        Assert.True(differing == 0, $"{differing:P4} of the glyph page's pixels differ between the two machines");
    }

    [Fact]
    public void A_character_outside_the_embedded_fonts_is_told_apart_by_the_glyph_check()
    {
        // The check above can fail: Cyrillic letters, in none of the embedded faces, come from the machine's font.
        using var temp = new TempFolder("glyphs-control");
        var (sans, mono, differing) = RenderOnTwoMachines(temp.Path, "Жж");
        Assert.All(Enumerable.Range(0, sans.Length), i => Assert.NotEqual(sans[i], mono[i]));
        Assert.True(differing > 0);
    }

    [Fact]
    public void A_handout_page_is_pixel_identical_with_other_system_fonts()
    {
        using var temp = new TempFolder("font-machines");
        var handout = temp.File("softmax.html");
        File.WriteAllText(handout, HandoutPage.Render(Fixtures.Parse(Fixtures.Softmax, "softmax"), "softmax", null, HandoutAssets.Default));
        var usual = temp.File("dejavu.png");
        var swapped = temp.File("swapped.png");
        FontMachine.DejaVuOnly(temp.Path).Screenshot(handout, usual, 900, 1600);
        FontMachine.DejaVuSwapped(temp.Path).Screenshot(handout, swapped, 900, 1600);

        // The two machines do differ: text in a generic family renders differently on each.
        var control = temp.File("control.html");
        File.WriteAllText(control, "<!DOCTYPE html><html><body style=\"font-size:40px\"><p style=\"font-family:serif\">Softmax ≤ 1</p>" +
            "<p style=\"font-family:sans-serif\">Softmax ≤ 1</p><p style=\"font-family:monospace\">Softmax ≤ 1</p></body></html>");
        FontMachine.DejaVuOnly(temp.Path).Screenshot(control, temp.File("control-dejavu.png"), 600, 300);
        FontMachine.DejaVuSwapped(temp.Path).Screenshot(control, temp.File("control-swapped.png"), 600, 300);
        Assert.True(DifferingFraction(temp.File("control-dejavu.png"), temp.File("control-swapped.png")) > 0.005,
            "the swapped fontconfig did not change the generic families; the comparison below would prove nothing");

        // The handout names no generic family it would reach: every pixel (text, math, code, table and chart) agrees.
        var fraction = DifferingFraction(usual, swapped);
        var folder = Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        File.Copy(usual, Path.Combine(folder, "handout-dejavu.png"), overwrite: true);
        File.Copy(swapped, Path.Combine(folder, "handout-swapped-fonts.png"), overwrite: true);
        Assert.True(fraction == 0, $"{fraction:P4} of the pixels differ between DejaVu and the swapped families (see artifacts/screenshots/handout-*.png)");
    }

    private static double DifferingFraction(string first, string second)
    {
        var a = PngImage.Load(first);
        var b = PngImage.Load(second);
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        var differing = 0;
        for (var y = 0; y < a.Height; y++)
        {
            for (var x = 0; x < a.Width; x++)
            {
                if (a[x, y] != b[x, y])
                {
                    differing++;
                }
            }
        }

        return differing / (double)(a.Width * a.Height);
    }
}
