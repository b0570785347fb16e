using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.FSharp.Core;

namespace SoftmaxNotebooks.PlotlyNet.Tests;

/// <summary>
/// The opt-in's handler in this test host, which has FSharp.Core 10.1 loaded: a request for a 10.x version the host
/// cannot satisfy gets the loaded FSharp.Core, any other request is left alone. The kernel case (10.1 requested, 10.0
/// loaded) is <c>PlotlyNetInTheKernelTests</c> in the notebook tests.
/// </summary>
public sealed class PlotlyNetInNotebooksTests
{
    private static readonly Assembly LoadedFSharpCore = typeof(FSharpOption<>).Assembly;
    private static readonly double[] X = [1.0, 2.0];
    private static readonly double[] Y = [3.0, 4.0];

    [Fact]
    public void A_request_for_another_FSharp_Core_10_gets_the_loaded_one()
    {
        PlotlyNetInNotebooks.Enable();
        PlotlyNetInNotebooks.Enable();

        var newer = new AssemblyName("FSharp.Core, Version=10.9.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a");
        Assert.Same(LoadedFSharpCore, AssemblyLoadContext.Default.LoadFromAssemblyName(newer));
    }

    [Theory]
    [InlineData("FSharp.Core, Version=11.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a")]
    [InlineData("FSharp.Core.Extra, Version=10.9.0.0")]
    public void Other_major_versions_and_other_assemblies_are_left_alone(string name)
    {
        PlotlyNetInNotebooks.Enable();
        Assert.Throws<FileNotFoundException>(() => AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName(name)));
    }

    [Fact]
    public void Plotly_net_charts_get_the_kit_formatter()
    {
        PlotlyNetInNotebooks.Enable();
        var chart = Plotly.NET.CSharp.Chart.Point<double, double, string>(X, Y, Name: "p");
        var html = chart.ToDisplayString("text/html");
        Assert.Contains("class=\"smx-chart\"", html, StringComparison.Ordinal);
        Assert.Contains("\"x\":[1.0,2.0],\"y\":[3.0,4.0]", html, StringComparison.Ordinal);
        // Not Plotly.NET.Interactive's loader, which asks RequireJS for plotly.js from cdn.plot.ly.
        Assert.DoesNotContain("cdn.plot.ly/plotly", html, StringComparison.Ordinal);
        Assert.DoesNotContain("requirejs", html, StringComparison.Ordinal);
    }
}
