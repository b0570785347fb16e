using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>A package a cell asks for with <c>#r "nuget: Id, Version"</c> (no version: the newest).</summary>
/// <param name="Id">The package id.</param>
/// <param name="Version">The version or range, or null for the newest release.</param>
public sealed record PackageRequest(string Id, string? Version);

/// <summary>
/// Resolves <c>#r "nuget: …"</c> requests the way the kernel does, with a real NuGet restore: a temporary project
/// lists every package requested so far, <c>dotnet restore</c> runs with the configured sources plus the
/// <c>#i "nuget: …"</c> ones, and the runtime assemblies come from <c>project.assets.json</c>.
/// </summary>
internal static class PackageRestorer
{
    public static async Task<IReadOnlyList<string>> RestoreAsync(
        IReadOnlyCollection<PackageRequest> packages, IReadOnlyCollection<string> sources, CancellationToken cancellationToken)
    {
        var project = BuildProject(packages, sources);
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(project)), 0, 8);
        // Outside any repository, so no Directory.Build.props or central package versions apply to the project.
        var directory = Path.Combine(Path.GetTempPath(), "softmax-notebooks-restore", key);
        Directory.CreateDirectory(directory);
        var projectPath = Path.Combine(directory, "restore.csproj");
        await File.WriteAllTextAsync(projectPath, project, cancellationToken).ConfigureAwait(false);

        var (exitCode, output) = await DotnetHost.RunAsync(["restore", projectPath, "--nologo", "-v", "quiet"], directory, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new PackageRestoreException(string.Create(CultureInfo.InvariantCulture,
                $"restoring {string.Join(", ", packages.Select(Describe))} failed: {output.Trim()}"));
        }

        return ReadRuntimeAssemblies(Path.Combine(directory, "obj", "project.assets.json"));
    }

    private static string Describe(PackageRequest package) => package.Version is null ? package.Id : $"{package.Id} {package.Version}";

    private static string BuildProject(IReadOnlyCollection<PackageRequest> packages, IReadOnlyCollection<string> sources)
    {
        var properties = new XElement("PropertyGroup",
            new XElement("TargetFramework", "net10.0"),
            new XElement("ManagePackageVersionsCentrally", "false"),
            new XElement("ImportDirectoryBuildProps", "false"),
            new XElement("ImportDirectoryBuildTargets", "false"),
            new XElement("ImportDirectoryPackagesProps", "false"));
        if (sources.Count > 0)
        {
            properties.Add(new XElement("RestoreAdditionalProjectSources", string.Join(';', sources)));
        }

        var items = new XElement("ItemGroup", packages.Select(p =>
            new XElement("PackageReference", new XAttribute("Include", p.Id), new XAttribute("Version", p.Version ?? "*"))));
        return new XElement("Project", new XAttribute("Sdk", "Microsoft.NET.Sdk"), properties, items).ToString();
    }

    private static List<string> ReadRuntimeAssemblies(string assetsPath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(assetsPath));
        var root = document.RootElement;
        var packageFolders = root.GetProperty("packageFolders").EnumerateObject().Select(p => p.Name).ToList();
        var libraries = root.GetProperty("libraries");
        var result = new List<string>();
        foreach (var target in root.GetProperty("targets").EnumerateObject())
        {
            foreach (var library in target.Value.EnumerateObject())
            {
                if (!library.Value.TryGetProperty("type", out var type) || type.GetString() != "package" ||
                    !library.Value.TryGetProperty("runtime", out var runtime))
                {
                    continue;
                }

                var libraryPath = libraries.GetProperty(library.Name).GetProperty("path").GetString()!;
                foreach (var asset in runtime.EnumerateObject())
                {
                    // "_._" marks a package whose assembly the framework already provides.
                    if (asset.Name.EndsWith("_._", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    var file = packageFolders.Select(folder => Path.Combine(folder, libraryPath, asset.Name)).FirstOrDefault(File.Exists);
                    if (file is not null)
                    {
                        result.Add(Path.GetFullPath(file));
                    }
                }
            }
        }

        return result;
    }
}

/// <summary>A NuGet restore for a cell's <c>#r "nuget: …"</c> failed.</summary>
public sealed class PackageRestoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PackageRestoreException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed, with the restore's output.</param>
    public PackageRestoreException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public PackageRestoreException(string message, Exception innerException) : base(message, innerException) { }
}
