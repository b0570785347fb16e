using System.Xml.Linq;
using SoftmaxNotebooks.Runner.Execution;

namespace SoftmaxNotebooks.Runner.Classroom.Integrity;

/// <summary>
/// The assemblies of a <c>#r "nuget: Id, Version"</c> package and its dependencies as NuGet's global packages folder
/// holds them (the kernel restored them when the reference notebook ran): enough for Roslyn to bind a check's names,
/// not a restore. A package that is not in the folder contributes nothing, and a check that needs it then fails to bind.
/// </summary>
internal static class NuGetCacheReferences
{
    // Newest first: the library folder a .NET 10 kernel would take.
    private static readonly string[] Frameworks =
        ["net10.0", "net9.0", "net8.0", "net7.0", "net6.0", "net5.0", "netcoreapp3.1", "netstandard2.1", "netstandard2.0", "netstandard1.6", "netstandard1.3", "netstandard1.0"];

    /// <summary>The package's and its dependencies' library assemblies.</summary>
    /// <param name="id">The package id.</param>
    /// <param name="version">The requested version; null or absent from the folder takes the newest there.</param>
    public static IReadOnlyList<string> Resolve(string id, string? version)
    {
        var assemblies = new List<string>();
        Add(id, version, new HashSet<string>(StringComparer.OrdinalIgnoreCase), assemblies);
        return assemblies;
    }

    private static void Add(string id, string? version, HashSet<string> seen, List<string> assemblies)
    {
        // The framework provides these; their packages' copies would clash with it.
        if (!seen.Add(id) || id.StartsWith("System.", StringComparison.OrdinalIgnoreCase) || id.StartsWith("Microsoft.NETCore.", StringComparison.OrdinalIgnoreCase)
            || id.Equals("NETStandard.Library", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var package = Path.Combine(KernelTool.PackagesRoot, id.ToLowerInvariant());
        if (!Directory.Exists(package))
        {
            return;
        }

        var folder = version is not null && Directory.Exists(Path.Combine(package, version.ToLowerInvariant()))
            ? Path.Combine(package, version.ToLowerInvariant())
            : Directory.EnumerateDirectories(package).MaxBy(d => System.Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : new System.Version());
        if (folder is null)
        {
            return;
        }

        var lib = Frameworks.Select(f => Path.Combine(folder, "lib", f)).FirstOrDefault(Directory.Exists);
        if (lib is not null)
        {
            assemblies.AddRange(Directory.EnumerateFiles(lib, "*.dll"));
        }

        var nuspec = Directory.EnumerateFiles(folder, "*.nuspec").FirstOrDefault();
        if (nuspec is null)
        {
            return;
        }

        foreach (var dependency in XDocument.Load(nuspec).Descendants().Where(e => e.Name.LocalName == "dependency"))
        {
            if (dependency.Attribute("id")?.Value is { } dependencyId)
            {
                Add(dependencyId, null, seen, assemblies);
            }
        }
    }
}
