namespace SoftmaxNotebooks.Runner.Export;

/// <summary>What an exported app shares with the kernel and the kit, for the exporter and its parts.</summary>
internal static class AppConventions
{
    /// <summary>Namespaces the C# kernel imports into every notebook; the app imports exactly these instead of the SDK's implicit usings.</summary>
    public static readonly string[] KernelUsings = ["System", "System.Collections", "System.Collections.Generic", "System.Linq", "System.Text", "System.Threading.Tasks"];

    /// <summary>The kit assembly whose text formatters and charts <c>display(x)</c> uses when the notebook references it.</summary>
    public const string DisplayAssembly = "SoftmaxNotebooks.Display";

    /// <summary>The kit's Plotly.NET adapter, whose charts <c>display(chart)</c> saves as pages when the notebook references it.</summary>
    public const string PlotlyNetAssembly = "SoftmaxNotebooks.PlotlyNet";

    /// <summary>A path as an app's directives write it, with forward slashes on every platform.</summary>
    /// <param name="path">A file-system path.</param>
    public static string Slashes(string path) => path.Replace('\\', '/');
}
