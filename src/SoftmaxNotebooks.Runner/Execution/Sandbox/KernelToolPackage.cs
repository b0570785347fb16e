using System.Text.Json.Nodes;

namespace SoftmaxNotebooks.Runner.Execution.Sandbox;

/// <summary>Where the restored kernel tool (the package pinned in <c>.config/dotnet-tools.json</c>) lies in the NuGet cache.</summary>
internal static class KernelToolPackage
{
    private const string Id = "microsoft.dotnet-interactive";

    /// <summary>The tool manifest.</summary>
    public static string Manifest => Path.Combine(KernelTool.ManifestRoot, ".config", "dotnet-tools.json");

    /// <summary>The pinned version, or null without a manifest entry.</summary>
    public static string? Version => File.Exists(Manifest)
        ? JsonNode.Parse(File.ReadAllText(Manifest))?["tools"]?[Id]?["version"]?.GetValue<string>()
        : null;

    /// <summary>NuGet's global packages folder (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>).</summary>
    public static string PackagesRoot => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } p
        ? p
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The package's folder (<c>…/microsoft.dotnet-interactive/&lt;version&gt;</c>), or null when the tool is not restored.</summary>
    public static string? Folder
    {
        get
        {
            var folder = Version is { } version ? Path.Combine(PackagesRoot, Id, version.ToLowerInvariant()) : null;
            return folder is not null && Directory.Exists(folder) ? folder : null;
        }
    }

    /// <summary>The folder of the kernel's assemblies (the one holding <c>Microsoft.DotNet.Interactive.dll</c>), or null when the tool is not restored.</summary>
    public static string? Assemblies => Folder is { } folder && Directory.Exists(Path.Combine(folder, "tools"))
        ? Directory.EnumerateFiles(Path.Combine(folder, "tools"), "Microsoft.DotNet.Interactive.dll", SearchOption.AllDirectories).Select(Path.GetDirectoryName).FirstOrDefault()
        : null;
}
