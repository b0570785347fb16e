using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace SoftmaxNotebooks.PlotlyNet;

/// <summary>
/// The opt-in that lets a notebook in VS Code's final .NET Interactive kernel (1.0.712001, which ships FSharp.Core
/// 10.0.0.0) use Plotly.NET 6 and Plotly.NET.CSharp 0.14, which are compiled against FSharp.Core 10.1.0.0.
/// </summary>
/// <remarks>
/// <para>
/// Load it in a notebook's first cell, after the kit and the packages, and call <see cref="Enable"/> there; use
/// Plotly.NET only in later cells:
/// </para>
/// <code>
/// #r "nuget: Plotly.NET, 6.0.0"
/// #r "nuget: Plotly.NET.CSharp, 0.14.0"
/// #r "../artifacts/kit/SoftmaxNotebooks.PlotlyNet.dll"
/// SoftmaxNotebooks.PlotlyNet.PlotlyNetInNotebooks.Enable();
/// </code>
/// <para>
/// Call it before the first cell that uses Plotly.NET: the runtime may load the types a cell uses before the cell's
/// first statement runs, and an F# type that loads before the handler exists fails with FileNotFoundException. Do not load
/// <c>Plotly.NET.Interactive</c> as well: its formatter loads plotly.js from a CDN via RequireJS, so its charts stay
/// blank offline, and whichever formatter registers last wins.
/// </para>
/// </remarks>
public static class PlotlyNetInNotebooks
{
    private const string FSharpCore = "FSharp.Core";

    private static int enabled;

    /// <summary>
    /// Makes Plotly.NET load and its charts render offline in the current process. Two things, once per process
    /// (later calls do nothing):
    /// <list type="number">
    /// <item>A handler on <see cref="AssemblyLoadContext.Default"/>'s <see cref="AssemblyLoadContext.Resolving"/>
    /// event answers a request for FSharp.Core 10.x that the default context cannot satisfy (the kernel holds 10.0.0.0;
    /// Plotly.NET asks for 10.1.0.0, and without the handler its first call fails with <see cref="FileNotFoundException"/>)
    /// with the FSharp.Core 10.x the default context has already loaded. Requests for any other assembly or any
    /// other FSharp.Core major version are left alone. Where FSharp.Core 10.1 is available (a .NET app, an exported
    /// file-based app) the runtime loads it itself and the handler is never asked.</item>
    /// <item>Plotly.NET's <c>GenericChart</c> gets the kit's formatter (<see cref="PlotlyNetFormatter.Register"/>): a chart
    /// displays like a kit chart, with the plotly.js 2.28.0 the kit embeds, follows VS Code's theme and loads nothing
    /// from the network.</item>
    /// </list>
    /// </summary>
    /// <remarks>
    /// The risk: code compiled against FSharp.Core 10.1 then runs on 10.0. If Plotly.NET called a member that only
    /// 10.1 has, the call would fail with <see cref="MissingMethodException"/> (or <see cref="TypeLoadException"/> for a
    /// type) at the point of use, not here. Measured with the pinned packages (Plotly.NET 6.0.0, Plotly.NET.CSharp
    /// 0.14.0, kernel 1.0.712001): 44 chart kinds and styling calls ran, and their figure JSON was byte-identical to
    /// the same code on FSharp.Core 10.1. A test runs several chart kinds through this opt-in in the real kernel
    /// (<c>PlotlyNetInTheKernelTests</c>), so a package update that breaks it fails the build rather than a lecture.
    /// </remarks>
    public static void Enable()
    {
        if (Interlocked.Exchange(ref enabled, 1) == 1)
        {
            return;
        }

        AssemblyLoadContext.Default.Resolving += ResolveFSharpCore;
        // Only now may Plotly.NET's types load: the formatter registration names GenericChart.
        RegisterFormatter();
    }

    private static Assembly? ResolveFSharpCore(AssemblyLoadContext context, AssemblyName requested) =>
        requested.Name == FSharpCore && requested.Version is { Major: 10 } version
            ? FindLoadedFSharpCore(version.Major)
            : null;

    private static Assembly? FindLoadedFSharpCore(int major) =>
        AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName() is { Name: FSharpCore, Version: { } v } && v.Major == major);

    // Kept out of Enable's body so that compiling Enable does not load Plotly.NET (and so FSharp.Core) before the
    // handler is in place.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RegisterFormatter() => PlotlyNetFormatter.Register();
}
