using System.Reflection;
using Microsoft.DotNet.Interactive.Formatting;
using SoftmaxNotebooks.Display;

namespace SoftmaxNotebooks.Display.Tests;

/// <summary>
/// This process pins FSharp.Core 10.0 and uses the 2023 formatter package, as VS Code's final kernel does; what
/// notebooks load must load and format here through <c>ToDisplayString</c>, the call the kernel makes.
/// </summary>
public sealed class KernelHostTests
{
    private static readonly string[] NotebookFacing = ["SoftmaxNotebooks", "SoftmaxNotebooks.Display"];

    [Fact]
    public void Host_pins_FSharp_Core_10_0_like_the_final_kernel()
    {
        var fsharp = typeof(Microsoft.FSharp.Core.Unit).Assembly.GetName();
        Assert.Equal(new Version(10, 0, 0, 0), fsharp.Version);
    }

    [Theory]
    [InlineData("SoftmaxNotebooks")]
    [InlineData("SoftmaxNotebooks.Display")]
    public void Notebook_facing_assemblies_bind_to_no_FSharp_Core_Plotly_or_kernel_assembly(string name)
    {
        var assembly = Assembly.Load(name);
        var references = assembly.GetReferencedAssemblies().Select(r => r.Name).ToArray();
        Assert.DoesNotContain(references, r => r!.StartsWith("FSharp", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r!.StartsWith("Plotly", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r!.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal));
        Assert.Contains(name, NotebookFacing);
    }

    [Fact]
    public void Vector_formats_through_the_kernel_entry_point_in_both_mime_types()
    {
        var v = KitDisplay.Show([0.5, 0.25, 0.25], "p");
        var html = v.ToDisplayString("text/html");
        var text = v.ToDisplayString("text/plain");
        Assert.StartsWith("<style>@media print", html, StringComparison.Ordinal);
        Assert.Contains("<table class=\"smx-table\"", html, StringComparison.Ordinal);
        Assert.Contains("0.25", html, StringComparison.Ordinal);
        Assert.Contains("p (3 entries)", text, StringComparison.Ordinal);
        Assert.Equal(html, KitFormatters.Render(v, "text/html"));
    }

    [Fact]
    public void Matrix_formats_through_the_kernel_entry_point_in_both_mime_types()
    {
        var m = KitDisplay.Show(new double[,] { { 0.25, -0.125 }, { -0.125, 0.25 } }, "J");
        Assert.Contains("J <span", m.ToDisplayString("text/html"), StringComparison.Ordinal);
        Assert.Contains("−0.125", m.ToDisplayString("text/html"), StringComparison.Ordinal);
        Assert.Contains("J (2 × 2)", m.ToDisplayString("text/plain"), StringComparison.Ordinal);
    }

    [Fact]
    public void Kit_types_prefer_html_and_plain_text()
    {
        // The kernel sends a value in its preferred MIME types; both keep saved notebooks readable without HTML.
        _ = KitDisplay.Show([1.0]).ToDisplayString("text/html");
        var preferred = Formatter.GetPreferredMimeTypesFor(typeof(VectorView));
        Assert.Equal(new HashSet<string> { "text/html", "text/plain" }, preferred.ToHashSet());
    }

    [Fact]
    public void Figure_formats_as_a_chart_through_the_kernel_entry_point()
    {
        var figure = Charts.Bars([0.2, 0.8], ["a", "b"]);
        var html = figure.ToDisplayString("text/html");
        Assert.Contains("class=\"smx-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("Plotly.newPlot", html, StringComparison.Ordinal);
        Assert.StartsWith("Figure \"Distribution\": 1 trace (bar)", figure.ToDisplayString("text/plain"), StringComparison.Ordinal);
    }

    [Fact]
    public void PlotlyJs_loader_formats_as_plotly_js_inline()
    {
        var html = KitDisplay.LoadPlotlyJs().ToDisplayString("text/html");
        Assert.Contains("plotly.js v2.28.0", html, StringComparison.Ordinal);
        Assert.Contains(FigureHtml.ReadyEvent, html, StringComparison.Ordinal);
    }
}
