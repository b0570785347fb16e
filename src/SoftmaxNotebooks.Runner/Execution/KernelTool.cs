using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>
/// The pinned kernel tool (<c>Microsoft.dotnet-interactive</c> in <c>.config/dotnet-tools.json</c>): where its manifest
/// is, restoring it so a fresh machine needs no manual step, and the command line that starts it.
/// </summary>
internal static class KernelTool
{
    private static readonly SemaphoreSlim RestoreLock = new(1, 1);
    private static bool restored;

    /// <summary>
    /// The folder holding <c>.config/dotnet-tools.json</c>: found above the runner's own files (it is built inside
    /// the repository), else above the current folder. Notebooks may live anywhere; the tool comes from here.
    /// </summary>
    public static string ManifestRoot { get; } = FindManifestRoot(AppContext.BaseDirectory)
        ?? FindManifestRoot(Environment.CurrentDirectory)
        ?? AppContext.BaseDirectory;

    /// <summary>Runs <c>dotnet tool restore</c> once per process (about a second when the tool is in the NuGet cache already).</summary>
    /// <param name="cancellationToken">Stops the restore.</param>
    /// <exception cref="KernelProcessException">No manifest was found, or the restore failed.</exception>
    public static async Task RestoreAsync(CancellationToken cancellationToken)
    {
        await RestoreLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (restored)
            {
                return;
            }

            if (FindManifestRoot(ManifestRoot) is null)
            {
                throw new KernelProcessException(KernelFailureReason.DidNotStart,
                    $"no .config/dotnet-tools.json found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}: the runner needs the repository's tool manifest to run the kernel.");
            }

            var (exitCode, output) = await DotnetHost.RunAsync(["tool", "restore"], ManifestRoot, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new KernelProcessException(KernelFailureReason.DidNotStart, $"dotnet tool restore failed in {ManifestRoot} (exit code {exitCode}): {output.Trim()}");
            }

            restored = true;
        }
        finally
        {
            RestoreLock.Release();
        }
    }

    /// <summary>
    /// The kernel's command line: <c>dotnet tool run dotnet-interactive -- stdio</c>, started in the manifest's folder
    /// (where <c>dotnet tool run</c> finds the local tool) and working in the request's folder (<c>--working-dir</c>),
    /// with telemetry off (and so no banner and no network call for it); the rest of the environment, LANG included,
    /// is inherited.
    /// </summary>
    /// <param name="request">Where the kernel works and what environment it gets besides.</param>
    public static KernelCommand Command(KernelStartRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
        };
        foreach (var (name, value) in request.Environment)
        {
            environment[name] = value;
        }

        // The tool's own assembly, run by the host directly rather than through `dotnet tool run`: that would fork
        // the kernel as a child of a second .NET process (74 MB), which a parent-death signal does not reach, so a
        // runner killed mid-run would leave the kernel running.
        var app = AppAssembly ?? throw new KernelProcessException(KernelFailureReason.DidNotStart,
            $"the kernel tool {Package} {Version} is not restored in {PackagesRoot}: run `dotnet tool restore` in {ManifestRoot}.");
        return new KernelCommand(
            DotnetHost.Path,
            [app, "stdio", "--default-kernel", "csharp", "--working-dir", request.WorkingDirectory],
            ManifestRoot,
            environment);
    }

    /// <summary>The tool's package id.</summary>
    public const string Package = "microsoft.dotnet-interactive";

    /// <summary>The tool manifest.</summary>
    public static string Manifest => Path.Combine(ManifestRoot, ".config", "dotnet-tools.json");

    /// <summary>The pinned version, or null without a manifest entry.</summary>
    public static string? Version => File.Exists(Manifest)
        ? System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Manifest))?["tools"]?[Package]?["version"]?.GetValue<string>()
        : null;

    /// <summary>NuGet's global packages folder (<c>NUGET_PACKAGES</c>, else <c>~/.nuget/packages</c>), where the restore puts the tool.</summary>
    public static string PackagesRoot => Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } packages
        ? packages
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The restored tool's package folder (<c>…/microsoft.dotnet-interactive/&lt;version&gt;</c>), or null before the restore.</summary>
    public static string? PackageFolder => Version is { } version && Path.Combine(PackagesRoot, Package, version.ToLowerInvariant()) is var folder && Directory.Exists(folder)
        ? folder
        : null;

    /// <summary>The folder of the kernel's assemblies (<c>tools/&lt;framework&gt;/any</c>), or null before the restore.</summary>
    public static string? Assemblies => AppAssembly is { } app ? Path.GetDirectoryName(app) : null;

    /// <summary>The kernel's entry assembly, <c>Microsoft.DotNet.Interactive.App.dll</c>, or null before the restore.</summary>
    public static string? AppAssembly => PackageFolder is { } folder && Directory.Exists(Path.Combine(folder, "tools"))
        ? Directory.EnumerateFiles(Path.Combine(folder, "tools"), "Microsoft.DotNet.Interactive.App.dll", SearchOption.AllDirectories).Order(StringComparer.Ordinal).FirstOrDefault()
        : null;

    private static string? FindManifestRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, ".config", "dotnet-tools.json")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
