using System.Reflection;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive.Formatting;

namespace SoftmaxNotebooks.Display.Tests;

/// <summary>
/// The kit as a notebook loads it: the DLLs in artifacts/kit, in a load context of their own (as a kernel's
/// <c>#r</c> loader does), the display assembly not yet loaded when the first result is formatted.
/// </summary>
public sealed class KitFolderTests
{
    private sealed class KitContext(string folder) : AssemblyLoadContext("kit", isCollectible: true)
    {
        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(folder, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }

    private static readonly double[] Probabilities = [0.25, 0.75];
    private static readonly string[] Labels = ["<a>", "b&c"];

    [Fact]
    public void Core_result_from_the_kit_folder_finds_its_display_assembly_and_formats()
    {
        var kit = Path.Combine(RepoRoot.Path, "artifacts", "kit");
        var context = new KitContext(kit);
        try
        {
            var core = context.LoadFromAssemblyPath(Path.Combine(kit, "SoftmaxNotebooks.dll"));
            Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name == "SoftmaxNotebooks.Display");
            var distribution = core.GetType("SoftmaxNotebooks.Distribution", throwOnError: true)!
                .GetMethod("FromProbabilities")!
                .Invoke(null, [Probabilities, Labels, null, 1e-9])!;

            var html = distribution.ToDisplayString("text/html");
            var text = distribution.ToDisplayString("text/plain");

            Assert.Contains(context.Assemblies, a => a.GetName().Name == "SoftmaxNotebooks.Display");
            Assert.Contains("&lt;a&gt;", html, StringComparison.Ordinal);
            Assert.Contains("b&amp;c", html, StringComparison.Ordinal);
            Assert.StartsWith("Distribution (2 outcomes)", text, StringComparison.Ordinal);
            Assert.DoesNotContain(context.Assemblies, a => a.GetName().Name!.StartsWith("FSharp", StringComparison.Ordinal));
        }
        finally
        {
            context.Unload();
        }
    }
}
