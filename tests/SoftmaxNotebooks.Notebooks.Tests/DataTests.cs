using System.Globalization;

namespace SoftmaxNotebooks.Notebooks.Tests;

/// <summary>The committed data files have the shape data/README.md promises and the notebooks rely on.</summary>
public sealed class DataTests
{
    private static string[] Lines(string relative) => File.ReadAllLines(Path.Combine(Repository.Data, relative));

    private static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public void IrisHas150RowsWith50PerSpecies()
    {
        var lines = Lines("iris.csv");
        Assert.Equal("sepal_length,sepal_width,petal_length,petal_width,species", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(150, rows.Count);
        Assert.All(rows, r => Assert.Equal(5, r.Length));
        var counts = rows.GroupBy(r => r[4]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["setosa"] = 50, ["versicolor"] = 50, ["virginica"] = 50 }, counts);
    }

    [Fact]
    public void IrisMeasurementsArePositiveCentimetresInTenths()
    {
        var values = Lines("iris.csv").Skip(1).SelectMany(l => l.Split(',')[..4]).Select(Parse).ToList();
        Assert.All(values, v => Assert.InRange(v, 0.1, 8.0));
        Assert.All(values, v => Assert.Equal(Math.Round(v * 10), v * 10, 9));
    }

    [Fact]
    public void IrisRowsMatchFishersTableWhereUciDiffers()
    {
        // Rows 35 and 38 are where the UCI file departs from Fisher's 1936 table; data/README.md says this file
        // follows the paper.
        var lines = Lines("iris.csv");
        Assert.Equal("4.9,3.1,1.5,0.2,setosa", lines[35]);
        Assert.Equal("4.9,3.6,1.4,0.1,setosa", lines[38]);
    }

    [Theory]
    [InlineData("two-level")]
    [InlineData("harmonic")]
    [InlineData("hydrogen")]
    [InlineData("rigid-rotor")]
    public void SpectrumFollowsItsFormula(string name)
    {
        // The levels and closed forms data/README.md states for each file.
        (int first, int last, Func<int, double> energy, Func<int, double> degeneracy) = name switch
        {
            "two-level" => (0, 1, (Func<int, double>)(n => n), (Func<int, double>)(_ => 1)),
            "harmonic" => (0, 19, n => n + 0.5, _ => 1),
            "hydrogen" => (1, 10, n => -1.0 / (n * n), n => n * n),
            "rigid-rotor" => (0, 20, j => j * (j + 1.0), j => 2 * j + 1),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
        var lines = Lines($"spectra/{name}.csv");
        Assert.Equal("level,energy,degeneracy,label", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(Enumerable.Range(first, last - first + 1), rows.Select(r => int.Parse(r[0], CultureInfo.InvariantCulture)));
        foreach (var r in rows)
        {
            var level = int.Parse(r[0], CultureInfo.InvariantCulture);
            // The generator rounds the exact rational once; each closed form here also rounds at most once.
            Assert.Equal(energy(level), Parse(r[1]));
            Assert.Equal(degeneracy(level), Parse(r[2]));
            Assert.False(string.IsNullOrWhiteSpace(r[3]));
        }
    }
}
