using SoftmaxNotebooks.Runner.Notebooks;
using SoftmaxNotebooks.Runner.Execution;

namespace SoftmaxNotebooks.Notebooks.Tests;

/// <summary>
/// <c>PlotlyNetInNotebooks.Enable()</c> (src/SoftmaxNotebooks.PlotlyNet) in the real kernel, the only place its FSharp.Core
/// binding matters, so the test lives with the notebook runs rather than in the adapter's unit tests. A fixture notebook
/// restores Plotly.NET 6 and Plotly.NET.CSharp 0.14 from NuGet, calls the opt-in, builds nineteen charts of eleven
/// trace types (F# <c>with*</c> styling, a grid, a kit figure's twin), checks each one's JSON and formats one; a
/// package or kernel update that makes any of it throw (FileNotFound, MissingMethod, TypeLoad) fails here. The control
/// shows the opt-in is what makes it work.
/// </summary>
public sealed class PlotlyNetInTheKernelTests(NotebookRuns runs)
{
    private static readonly string Fixtures = Path.Combine(Repository.Root, "tests", "SoftmaxNotebooks.Notebooks.Tests", "Fixtures");

    [Fact]
    public async Task WithTheOptInPlotlyNetChartsBuildAndRenderOfflineThroughTheKitFormatter()
    {
        var (_, result, _) = await runs.Run(Path.Combine(Fixtures, "plotly-net-opt-in.dib"));
        Assert.True(result.Status == NotebookStatus.Passed, result.Error ?? result.Status.ToString());

        var cells = NotebookFile.Read(result.ExecutedPath!).Cells;
        var texts = cells.SelectMany(c => c.Outputs).SelectMany(Texts).ToList();
        foreach (var failure in new[] { "FileNotFoundException", "MissingMethodException", "TypeLoadException", "CHECK FAILED" })
        {
            Assert.DoesNotContain(texts, t => t.Contains(failure, StringComparison.Ordinal));
        }

        var claims = texts.Where(t => t.StartsWith("✔ ", StringComparison.Ordinal)).ToList();
        Assert.Equal(21, claims.Count);
        Assert.Contains("✔ a surface chart serializes as a surface trace", claims);
        Assert.Contains("✔ a scatterpolar chart serializes as a scatterpolar trace", claims);
        Assert.Contains("✔ one FSharp.Core is loaded, the kernel's 10.0", claims);
        Assert.Contains("✔ Plotly.NET asks for FSharp.Core 10.1", claims);

        // The formatted chart is the kit's output (its element, its copy of plotly.js), not Plotly.NET.Interactive's.
        var chart = Assert.Single(cells[^1].Outputs.OfType<DisplayDataOutput>()).Data.Single(d => d.MimeType == "text/html").Value;
        Assert.Contains("class=\"smx-chart\"", chart, StringComparison.Ordinal);
        Assert.Contains("opt-in line chart", chart, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"scatter\",\"name\":\"line\",\"mode\":\"lines\",\"x\":[1.0,2.0,3.0,4.0],\"y\":[0.1,0.2,0.3,0.4]", chart, StringComparison.Ordinal);
        Assert.Empty(NetworkReferences.In(chart));
    }

    [Fact]
    public async Task WithoutTheOptInTheFirstPlotlyNetCallCannotFindFSharpCore101()
    {
        var (exitCode, result, _) = await runs.Run(Path.Combine(Fixtures, "plotly-net-without-opt-in.dib"));
        Assert.NotEqual(0, exitCode);
        Assert.Equal(NotebookStatus.Failed, result.Status);
        Assert.Contains(":cell 3: System.IO.FileNotFoundException: Could not load file or assembly 'FSharp.Core, Version=10.1.0.0", result.Error, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Texts(CellOutput output) => output switch
    {
        DisplayDataOutput d => d.Data.Select(v => v.Value),
        ExecuteResultOutput r => r.Data.Select(v => v.Value),
        StreamOutput s => [s.Text],
        ErrorOutput e => [e.EValue, .. e.Traceback],
        _ => [],
    };
}
