using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Notebooks;

/// <summary>
/// The folder executed notebooks are kept in: <c>NAME.ipynb</c> for a run that succeeded, <c>NAME.failed.ipynb</c>
/// beside it for one that failed, so the last good executed notebook (and the handout made from it) stays. Every file
/// is written atomically.
/// </summary>
/// <param name="folder">The folder, for example <c>artifacts/notebooks</c>.</param>
internal sealed class ExecutedNotebookStore(string folder)
{
    /// <summary>The folder's full path.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>Where a notebook's good run goes: its relative path below the folder, as <c>.ipynb</c>.</summary>
    /// <param name="relativePath">The notebook's path below the folder it was found in (<see cref="NotebookEntry.RelativePath"/>).</param>
    public string PathFor(string relativePath) => Path.Combine(Folder, Path.ChangeExtension(relativePath, ".ipynb"));

    /// <summary>Where a failed run of the notebook whose good run goes to <paramref name="executedPath"/> is kept.</summary>
    /// <param name="executedPath">A path from <see cref="PathFor"/>.</param>
    public static string FailedPath(string executedPath) => Path.ChangeExtension(executedPath, ".failed.ipynb");

    /// <summary>
    /// Writes an executed notebook: on success to <see cref="PathFor"/> (removing an earlier failed run), on failure
    /// to <see cref="FailedPath"/> (leaving the last good run in place).
    /// </summary>
    /// <param name="relativePath">The notebook's path below the folder it was found in.</param>
    /// <param name="executed">The executed notebook.</param>
    /// <param name="succeeded">Whether every cell ran.</param>
    /// <returns>The path written.</returns>
    public string Save(string relativePath, Notebook executed, bool succeeded)
    {
        ArgumentNullException.ThrowIfNull(executed);
        var good = PathFor(relativePath);
        var path = succeeded ? good : FailedPath(good);
        AtomicFile.WriteAllText(path, IpynbFormat.Write(executed));
        if (succeeded)
        {
            File.Delete(FailedPath(good));
        }

        return path;
    }
}
