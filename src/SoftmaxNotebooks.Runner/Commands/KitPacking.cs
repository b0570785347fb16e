using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Packaging;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary>Packs the kit into a folder feed and says so, for <c>pack-kit</c> and <c>export --kit package</c>.</summary>
internal static class KitPacking
{
    /// <summary>Packs the kit of the repository around the current folder into <paramref name="feed"/>.</summary>
    /// <param name="feed">The folder feed.</param>
    /// <param name="why">How the error message starts before "inside the repository" (<c>run pack-kit</c>, <c>--kit package packs the kit, so run it</c>).</param>
    /// <param name="stdout">Where the packed version is reported.</param>
    /// <param name="cancellationToken">Stops packing.</param>
    /// <returns>The feed's full path and the version the packages got.</returns>
    /// <exception cref="RunnerException">The current folder is not inside the repository, or <c>dotnet pack</c> failed.</exception>
    public static async Task<(string Feed, string Version)> PackAsync(string feed, string why, TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var root = LocalPackager.FindRepositoryRoot(Environment.CurrentDirectory)
            ?? throw new RunnerException($"{why} inside the SoftmaxNotebooks repository (no SoftmaxNotebooks.sln found above the current folder).");
        var folder = Path.GetFullPath(feed);
        var version = await LocalPackager.PackKitAsync(root, folder, cancellationToken).ConfigureAwait(false);
        await stdout.WriteLineAsync($"packed SoftmaxNotebooks and SoftmaxNotebooks.Display {version} into {folder}").ConfigureAwait(false);
        return (folder, version);
    }
}
