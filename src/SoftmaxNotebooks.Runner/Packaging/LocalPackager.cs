using System.Security.Cryptography;
using System.Text;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Packaging;

/// <summary>
/// Packs projects into a local folder feed with a version derived from their sources, so a changed library gets a
/// new version: NuGet caches packages by id and version, and a re-packed same version would not be picked up.
/// </summary>
internal static class LocalPackager
{
    private static readonly string[] SourceExtensions = [".cs", ".csproj", ".props", ".targets", ".json", ".js", ".css"];

    /// <summary>The version <c>0.1.0-dev.&lt;12 hex digits&gt;</c> from a hash of every source file under the given folders and files.</summary>
    /// <param name="inputs">Folders (searched, without bin/obj/node_modules) and single files.</param>
    public static string SourceVersion(IReadOnlyList<string> inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var input in inputs.Select(Path.GetFullPath))
        {
            var files = Directory.Exists(input)
                ? Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                    .Where(f => SourceExtensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                    .Where(f => !Path.GetRelativePath(input, f).Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj" or "node_modules"))
                    .Select(f => (File: f, Name: Path.GetFileName(input) + "/" + Path.GetRelativePath(input, f).Replace('\\', '/')))
                : [(input, Path.GetFileName(input))];
            foreach (var (file, name) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                hash.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
                // Line ends differ between checkouts of the same commit; they must not change the version.
                hash.AppendData(Encoding.UTF8.GetBytes(File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal)));
            }
        }

        return "0.1.0-dev." + Convert.ToHexStringLower(hash.GetHashAndReset(), 0, 6);
    }

    /// <summary>Packs projects with <c>dotnet pack</c> into a folder, all with one version.</summary>
    /// <param name="projects">The project files.</param>
    /// <param name="version">The package version.</param>
    /// <param name="outputFolder">The folder feed.</param>
    /// <param name="cancellationToken">Stops packing.</param>
    /// <exception cref="RunnerException"><c>dotnet pack</c> failed; the message holds its output.</exception>
    /// <remarks>
    /// The pack builds in a temporary artifacts folder, never in the projects' own bin/obj: a build with another
    /// version would otherwise replace the assemblies that the repository's build (and the kit folder notebooks
    /// <c>#r</c>, <c>artifacts/kit</c>, which the display project's build copies to) holds, possibly while a
    /// notebook has them loaded, and would make the next ordinary build start over.
    /// </remarks>
    public static async Task PackAsync(IReadOnlyList<string> projects, string version, string outputFolder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(projects);
        var build = Path.Combine(Path.GetTempPath(), "softmax-notebooks-pack", Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var project in projects)
            {
                string[] arguments =
                [
                    "pack", project, "-c", "Release", "-o", Path.GetFullPath(outputFolder), "-p:Version=" + version,
                    "--artifacts-path", build, "-p:KitDir=" + Path.Combine(build, "kit") + Path.DirectorySeparatorChar, "--nologo", "-v", "quiet",
                ];
                var (exitCode, output) = await DotnetHost.RunAsync(arguments, null, cancellationToken).ConfigureAwait(false);
                if (exitCode != 0)
                {
                    throw new RunnerException($"dotnet pack {project} failed: {output}");
                }
            }
        }
        finally
        {
            if (Directory.Exists(build))
            {
                Directory.Delete(build, recursive: true);
            }
        }
    }

    /// <summary>Packs the kit (core and display) from a repository checkout into a folder feed.</summary>
    /// <param name="repositoryRoot">The folder holding <c>src/</c> and <c>Directory.Build.props</c>.</param>
    /// <param name="outputFolder">The folder feed, e.g. <c>artifacts/packages</c>.</param>
    /// <param name="cancellationToken">Stops packing.</param>
    /// <returns>The version the packages got.</returns>
    public static async Task<string> PackKitAsync(string repositoryRoot, string outputFolder, CancellationToken cancellationToken)
    {
        string[] projects = ["src/SoftmaxNotebooks/SoftmaxNotebooks.csproj", "src/SoftmaxNotebooks.Display/SoftmaxNotebooks.Display.csproj"];
        var version = KitVersion(repositoryRoot);
        await PackAsync(projects.Select(p => Path.Combine(repositoryRoot, p)).ToList(), version, outputFolder, cancellationToken).ConfigureAwait(false);
        return version;
    }

    /// <summary>The kit's package version in a repository checkout: <see cref="SourceVersion"/> of the core and display sources and the shared build files.</summary>
    /// <param name="repositoryRoot">The folder holding <c>src/</c> and <c>Directory.Build.props</c>.</param>
    public static string KitVersion(string repositoryRoot)
    {
        string[] inputs = ["src/SoftmaxNotebooks", "src/SoftmaxNotebooks.Display", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props"];
        return SourceVersion(inputs.Select(i => Path.Combine(repositoryRoot, i)).Where(p => File.Exists(p) || Directory.Exists(p)).ToList());
    }

    /// <summary>The nearest folder at or above <paramref name="start"/> holding <c>SoftmaxNotebooks.sln</c>.</summary>
    /// <param name="start">Where to start looking.</param>
    public static string? FindRepositoryRoot(string start)
    {
        for (var folder = new DirectoryInfo(Path.GetFullPath(start)); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SoftmaxNotebooks.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
