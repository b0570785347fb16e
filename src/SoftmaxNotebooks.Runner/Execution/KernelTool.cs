using System.Diagnostics;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>
/// The pinned kernel tool (<c>Microsoft.dotnet-interactive</c> in <c>.config/dotnet-tools.json</c>): where its manifest
/// is, restoring it so a fresh machine needs no manual step, and the environment its processes get.
/// </summary>
public static class KernelTool
{
    private static readonly SemaphoreSlim RestoreLock = new(1, 1);
    private static bool _restored;

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
            if (_restored)
            {
                return;
            }

            if (FindManifestRoot(ManifestRoot) is null)
            {
                throw new KernelProcessException($"no .config/dotnet-tools.json found above {AppContext.BaseDirectory} or {Environment.CurrentDirectory}: the runner needs the repository's tool manifest to run the kernel.");
            }

            var (exitCode, output) = await DotnetHost.RunAsync(["tool", "restore"], ManifestRoot, cancellationToken).ConfigureAwait(false);
            if (exitCode != 0)
            {
                throw new KernelProcessException($"dotnet tool restore failed in {ManifestRoot} (exit code {exitCode}): {output.Trim()}");
            }

            _restored = true;
        }
        finally
        {
            RestoreLock.Release();
        }
    }

    /// <summary>Sets the environment a kernel process gets: no telemetry (and so no banner, no network call for it).</summary>
    /// <param name="start">The process to configure; the rest of the environment (LANG included) is inherited.</param>
    public static void ConfigureEnvironment(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.Environment["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
    }

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
