using System.Buffers.Binary;
using System.Text;
using Xunit;

namespace SoftmaxNotebooks.Runner.Tests.Handouts;

public sealed class FontNoticeTests
{
    [Fact]
    public void The_committed_font_notice_matches_what_every_katex_font_states_in_its_name_table()
    {
        var root = RunnerProcess.RepositoryRoot;
        var notice = File.ReadAllText(Path.Combine(root, "src", "SoftmaxNotebooks.Runner", "Handouts", "licenses", "KaTeX-fonts-OFL.txt"));
        var fonts = Directory.GetFiles(Path.Combine(root, "src", "SoftmaxNotebooks.Runner", "Handouts", "npm", "node_modules", "katex", "dist", "fonts"), "*.ttf");
        Assert.Equal(20, fonts.Length);
        foreach (var font in fonts)
        {
            var license = LicenseDescription(File.ReadAllBytes(font));
            var lines = license.Split('\n');
            Assert.Contains("SIL Open Font License, Version 1.1", license, StringComparison.Ordinal);
            Assert.Contains(lines[0], notice, StringComparison.Ordinal);
            Assert.Contains(lines[1], notice, StringComparison.Ordinal);
            var reserved = lines[2].Replace("with Reserved Font Name ", string.Empty, StringComparison.Ordinal).TrimEnd('.');
            Assert.Contains(reserved.Split('_')[0] + "_" + reserved.Split('_')[1], notice, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_noto_notice_states_the_copyright_and_licence_of_every_package_the_text_fonts_come_from()
    {
        var root = RunnerProcess.RepositoryRoot;
        var notice = File.ReadAllText(Path.Combine(root, "src", "SoftmaxNotebooks.Runner", "Handouts", "licenses", "Noto-fonts-OFL.txt"));
        var npm = Path.Combine(root, "src", "SoftmaxNotebooks.Display", "npm");
        // The packages kit-fonts.css takes files from, and those make_subsets.py cuts the fonts/ files from.
        var packages = System.Text.RegularExpressions.Regex.Matches(
                File.ReadAllText(Path.Combine(npm, "kit-fonts.css")) + File.ReadAllText(Path.Combine(npm, "fonts", "make_subsets.py")),
                "(?:@fontsource/|\")(noto-[a-z0-9-]+)/files/")
            .Select(m => m.Groups[1].Value).Distinct().ToList();
        Assert.Equal(["noto-sans", "noto-sans-math", "noto-sans-mono", "noto-sans-symbols-2", "noto-serif"], packages.Order(StringComparer.Ordinal));
        foreach (var package in packages)
        {
            var license = File.ReadAllText(Path.Combine(npm, "node_modules", "@fontsource", package, "LICENSE")).Replace("\r", string.Empty, StringComparison.Ordinal);
            var lines = license.Split('\n');
            Assert.Contains($"@fontsource/{package}: {lines[0]}", notice, StringComparison.Ordinal);
            Assert.Contains(license[license.IndexOf("SIL OPEN FONT LICENSE Version 1.1", StringComparison.Ordinal)..].Trim(), notice, StringComparison.Ordinal);
        }
    }

    // Name ID 13 (license description), Windows platform, UTF-16BE.
    private static string LicenseDescription(byte[] ttf)
    {
        var tables = BinaryPrimitives.ReadUInt16BigEndian(ttf.AsSpan(4));
        for (var i = 0; i < tables; i++)
        {
            var entry = ttf.AsSpan(12 + (16 * i));
            if (Encoding.ASCII.GetString(entry[..4]) != "name")
            {
                continue;
            }

            var offset = (int)BinaryPrimitives.ReadUInt32BigEndian(entry[8..]);
            var count = BinaryPrimitives.ReadUInt16BigEndian(ttf.AsSpan(offset + 2));
            var strings = offset + BinaryPrimitives.ReadUInt16BigEndian(ttf.AsSpan(offset + 4));
            for (var j = 0; j < count; j++)
            {
                var record = ttf.AsSpan(offset + 6 + (12 * j));
                if (BinaryPrimitives.ReadUInt16BigEndian(record) == 3 && BinaryPrimitives.ReadUInt16BigEndian(record[6..]) == 13)
                {
                    var length = BinaryPrimitives.ReadUInt16BigEndian(record[8..]);
                    var start = strings + BinaryPrimitives.ReadUInt16BigEndian(record[10..]);
                    return Encoding.BigEndianUnicode.GetString(ttf, start, length).Replace("\r", string.Empty, StringComparison.Ordinal);
                }
            }
        }

        throw new InvalidOperationException("no licence description in the font");
    }
}
