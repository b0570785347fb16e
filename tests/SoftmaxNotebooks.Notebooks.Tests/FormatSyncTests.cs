using System.Text;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Notebooks.Tests;

/// <summary>
/// The .dib files are the source; each .ipynb twin is what the runner's <c>convert</c> writes from it (cells and kernel
/// info, no outputs). These tests re-convert in memory and compare bytes, so an edit to one format without the other
/// fails here. Fix: <c>dotnet run --project src/SoftmaxNotebooks.Runner -- convert notebooks/NN-name.dib</c>.
/// </summary>
public sealed class FormatSyncTests
{
    public static TheoryData<string> Sources() => new(Repository.DibSources);

    [Fact]
    public void TheNineNotebooksArePresent()
    {
        string[] expected =
        [
            "01-lse-to-softmax.dib", "02-gradients-and-cross-entropy.dib", "03-gibbs-and-temperature.dib",
            "04-maximum-entropy.dib", "05-softmax-regression-iris.dib", "06-numerical-stability.dib", "07-one-idea.dib",
            "08-summary-sheet.dib", "09-plotly-net.dib",
        ];
        Assert.Equal(expected, Repository.DibSources);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void IpynbTwinIsTheConversionOfTheDib(string dib)
    {
        var source = Path.Combine(Repository.Notebooks, dib);
        var twin = Path.ChangeExtension(source, ".ipynb");
        Assert.True(File.Exists(twin), $"{dib} has no .ipynb twin; run the runner's convert command on it.");

        var notebook = NotebookFile.Read(source);
        var expected = IpynbFormat.Write(notebook with { Cells = notebook.Cells.Select(c => c with { Outputs = [] }).ToList() });
        var actual = File.ReadAllText(twin, Encoding.UTF8);
        Assert.True(expected == actual,
            $"{Path.GetFileName(twin)} differs from the conversion of {dib} (first difference at character {FirstDifference(expected, actual)}); re-run convert.");
    }

    [Fact]
    public void EveryIpynbHasADibSource()
    {
        var orphans = Directory.GetFiles(Repository.Notebooks, "*.ipynb")
            .Where(f => !File.Exists(Path.ChangeExtension(f, ".dib")))
            .Select(Path.GetFileName)
            .ToList();
        Assert.Empty(orphans);
    }

    [Theory]
    [MemberData(nameof(Sources))]
    public void CommittedTwinHasNoOutputs(string dib)
    {
        var twin = NotebookFile.Read(Path.ChangeExtension(Path.Combine(Repository.Notebooks, dib), ".ipynb"));
        Assert.All(twin.Cells, cell => Assert.Empty(cell.Outputs));
    }

    private static int FirstDifference(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            if (a[i] != b[i])
            {
                return i;
            }
        }

        return n;
    }
}
