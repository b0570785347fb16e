using Xunit;

namespace SoftmaxNotebooks.Tests.Physics;

public sealed class SpectrumCsvTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("spectrum-csv-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Reads_levels_degeneracies_and_labels_and_names_the_spectrum_after_the_file()
    {
        var path = Write("three-level.csv", "level,energy,degeneracy,label\n0,0.0,1,ground\n1,1.5e-1,3,\"first, excited\"\n2,-2,5,top\n");
        var s = EnergySpectrum.FromCsv(path);
        Assert.Equal("three-level", s.Name);
        Assert.Equal([0.0, 0.15, -2.0], s.Energies);
        Assert.Equal([1.0, 3.0, 5.0], s.Degeneracies);
        Assert.Equal(["ground", "\"first, excited\"", "top"], s.Labels);
    }

    [Fact]
    public void Accepts_windows_line_endings_a_byte_order_mark_and_trailing_blank_lines()
    {
        var path = Path.Combine(folder, "crlf.csv");
        File.WriteAllText(path, "level,energy,degeneracy,label\r\n0,1,2,a\r\n\r\n", new System.Text.UTF8Encoding(true));
        var s = EnergySpectrum.FromCsv(path);
        Assert.Equal([1.0], s.Energies);
        Assert.Equal(["a"], s.Labels);
    }

    [Theory]
    [InlineData("level,energy,degeneracy,label\n0,1,1,a\n1,abc,1,b\n", "bad.csv:3", "energy \"abc\"")]
    [InlineData("level,energy,degeneracy,label\n0,1,0,a\n", "bad.csv:2", "degeneracy \"0\"")]
    [InlineData("level,energy,degeneracy,label\n0,1,-1,a\n", "bad.csv:2", "degeneracy \"-1\"")]
    [InlineData("level,energy,degeneracy,label\n0,NaN,1,a\n", "bad.csv:2", "energy \"NaN\"")]
    [InlineData("level,energy,degeneracy,label\n0,1e999,1,a\n", "bad.csv:2", "energy \"1e999\"")]
    [InlineData("level,energy,degeneracy,label\nx,1,1,a\n", "bad.csv:2", "level \"x\"")]
    [InlineData("level,energy,degeneracy,label\n\n0,1,1\n", "bad.csv:3", "expected 4 fields")]
    [InlineData("energy,level,degeneracy,label\n0,1,1,a\n", "bad.csv:1", "expected the header")]
    [InlineData("level,energy,degeneracy,label\n0,1,5,a\n1,\"1,5\",1,b\n", "bad.csv:3", "energy \"\"1\"")]
    [InlineData("level,energy,degeneracy,label\n", "bad.csv", "no levels")]
    [InlineData("", "bad.csv", "empty")]
    public void Bad_files_are_reported_as_file_and_line(string text, string where, string what)
    {
        var e = Assert.Throws<InvalidDataException>(() => EnergySpectrum.FromCsv(Write("bad.csv", text)));
        Assert.StartsWith(where + ":", e.Message, StringComparison.Ordinal);
        Assert.Contains(what, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Energies_parse_the_same_in_any_culture()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal([0.25], EnergySpectrum.FromCsv(Write("c.csv", "level,energy,degeneracy,label\n0,0.25,1,a\n")).Energies);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void A_missing_file_is_a_file_not_found_error()
    {
        Assert.Throws<FileNotFoundException>(() => EnergySpectrum.FromCsv(Path.Combine(folder, "none.csv")));
    }

    [Fact]
    public void Repository_spectra_match_their_closed_forms()
    {
        var spectra = Path.Combine(RepositoryRoot(), "data", "spectra");
        // generate_spectra.py: E_n = −1/n², g_n = n², n = 1..10 (Rydberg units).
        var hydrogen = EnergySpectrum.FromCsv(Path.Combine(spectra, "hydrogen.csv"));
        Assert.Equal("hydrogen", hydrogen.Name);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => -1.0 / (n * n)), hydrogen.Energies);
        Assert.Equal(Enumerable.Range(1, 10).Select(n => (double)(n * n)), hydrogen.Degeneracies);
        Assert.Equal("n=10", hydrogen.Labels[9]);
        // E_J = J(J+1), g_J = 2J+1, J = 0..20.
        var rotor = EnergySpectrum.FromCsv(Path.Combine(spectra, "rigid-rotor.csv"));
        Assert.Equal(Enumerable.Range(0, 21).Select(j => (double)(j * (j + 1))), rotor.Energies);
        Assert.Equal(Enumerable.Range(0, 21).Select(j => 2.0 * j + 1), rotor.Degeneracies);
        // E_n = n + ½, n = 0..19; two-level: 0 and 1.
        Assert.Equal(Enumerable.Range(0, 20).Select(n => n + 0.5), EnergySpectrum.FromCsv(Path.Combine(spectra, "harmonic.csv")).Energies);
        Assert.Equal(["ground", "excited"], EnergySpectrum.FromCsv(Path.Combine(spectra, "two-level.csv")).Labels);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SoftmaxNotebooks.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SoftmaxNotebooks.sln not found above " + AppContext.BaseDirectory);
    }
}
