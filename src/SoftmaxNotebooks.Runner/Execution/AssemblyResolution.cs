using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.Loader;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>
/// One <see cref="AssemblyLoadContext.Default"/> resolving handler for the whole process: an assembly the host does
/// not provide is looked up by simple name among the folders of <c>#r</c>'d libraries and the restored package
/// assemblies, so each dependency loads once, into the default context.
/// </summary>
/// <remarks>
/// A request for a newer version of a host assembly (FSharp.Core 10.1 against the host's 10.0) reaches this handler
/// too; the default context then refuses the offered file with the same FileLoadException the kernel reports.
/// </remarks>
internal static class AssemblyResolution
{
    private static readonly ConcurrentDictionary<string, string> Candidates = new(StringComparer.OrdinalIgnoreCase);
    private static readonly HashSet<string> HostAssemblies = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
        .Split(Path.PathSeparator)
        .Select(Path.GetFileNameWithoutExtension)
        .OfType<string>()
        .ToHashSet(StringComparer.OrdinalIgnoreCase);

    static AssemblyResolution() => AssemblyLoadContext.Default.Resolving += Resolve;

    /// <summary>True when the host (the runner's own dependencies or the framework) provides an assembly of this name; the host's copy wins, as in the kernel.</summary>
    public static bool IsHostAssembly(string simpleName) => HostAssemblies.Contains(simpleName);

    public static void AddFolder(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.dll"))
        {
            Candidates.TryAdd(Path.GetFileNameWithoutExtension(file), file);
        }
    }

    public static void AddFile(string path) => Candidates[Path.GetFileNameWithoutExtension(path)] = path;

    private static Assembly? Resolve(AssemblyLoadContext context, AssemblyName name) =>
        name.Name is { } simpleName && Candidates.TryGetValue(simpleName, out var path) ? context.LoadFromAssemblyPath(path) : null;
}
