namespace SoftmaxNotebooks.Runner.Notebooks;

/// <summary>Which notebooks a command reads.</summary>
internal enum NotebookKinds
{
    /// <summary>Sources: <c>.dib</c> files and <c>.ipynb</c> files, a folder's <c>X.ipynb</c> beside <c>X.dib</c> being the <c>.dib</c>'s generated twin.</summary>
    Sources,

    /// <summary>Executed notebooks: <c>.ipynb</c> files only (<c>render</c>); a <c>.dib</c> named on its own is an error.</summary>
    Executed,
}

/// <summary>One notebook a command found.</summary>
/// <param name="FullPath">The file.</param>
/// <param name="Name">How messages name it: as the user named it (a file as given; a folder as given joined with the path below it).</param>
/// <param name="RelativePath">Its path below the folder it was found in (a file given on its own: its file name), which outputs keep.</param>
internal sealed record NotebookEntry(string FullPath, string Name, string RelativePath)
{
    /// <summary>The folder the notebook is in: a kernel running it works there, as in VS Code.</summary>
    public string Folder => Path.GetDirectoryName(FullPath)!;
}

/// <summary>
/// The notebooks that files and folders name, found by the one rule every command uses: a file is taken as given; a
/// folder is searched recursively (skipping <c>bin</c>, <c>obj</c>, <c>node_modules</c>, and dot-files and dot-folders such as
/// <c>.ipynb_checkpoints</c>), in ordinal path order, and its <c>X.ipynb</c> beside <c>X.dib</c> is left out as the <c>.dib</c>'s
/// generated twin (<c>convert</c> writes it for users who open <c>.ipynb</c>; running or exporting both would only do
/// the same cells twice). A file named twice counts once.
/// </summary>
/// <param name="Notebooks">The notebooks, in the order the paths were given, each folder's in ordinal order.</param>
/// <param name="Problems">Each path that names nothing usable, with the message (<c>path: no such file or folder.</c>).</param>
/// <param name="SkippedTwins">The names of the generated <c>.ipynb</c> twins left out.</param>
internal sealed record NotebookSet(IReadOnlyList<NotebookEntry> Notebooks, IReadOnlyList<(string Path, string Message)> Problems, IReadOnlyList<string> SkippedTwins)
{
    /// <summary>Finds the notebooks that <paramref name="paths"/> name.</summary>
    /// <param name="paths">Files and folders, as the user gave them.</param>
    /// <param name="kinds">Sources (<c>.dib</c> and <c>.ipynb</c>) or executed <c>.ipynb</c> notebooks only.</param>
    public static NotebookSet Find(IEnumerable<string> paths, NotebookKinds kinds = NotebookKinds.Sources)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var notebooks = new List<NotebookEntry>();
        var problems = new List<(string Path, string Message)>();
        var twins = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            var full = Path.GetFullPath(path);
            if (Directory.Exists(full))
            {
                var found = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                    .Where(f => kinds == NotebookKinds.Executed ? IsIpynb(f) : NotebookFile.IsNotebook(f))
                    .Where(f => !Path.GetRelativePath(full, f).Split(Path.DirectorySeparatorChar).Any(IsSkipped))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                var sources = found.Where(IsDib).Select(StemOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var file in found)
                {
                    var relative = Path.GetRelativePath(full, file);
                    var name = Path.Join(path, relative);
                    if (!IsDib(file) && sources.Contains(StemOf(file)))
                    {
                        twins.Add(name);
                    }
                    else if (seen.Add(file))
                    {
                        notebooks.Add(new NotebookEntry(file, name, relative));
                    }
                }
            }
            else if (File.Exists(full))
            {
                if (kinds == NotebookKinds.Executed && !IsIpynb(full))
                {
                    problems.Add((path, $"{path}: handouts are rendered from executed .ipynb notebooks; run .dib files first."));
                }
                else if (seen.Add(full))
                {
                    notebooks.Add(new NotebookEntry(full, path, Path.GetFileName(full)));
                }
            }
            else
            {
                problems.Add((path, $"{path}: no such file or folder."));
            }
        }

        return new NotebookSet(notebooks, problems, twins);
    }

    private static bool IsDib(string path) => Path.GetExtension(path).Equals(".dib", StringComparison.OrdinalIgnoreCase);

    private static bool IsIpynb(string path) => Path.GetExtension(path).Equals(".ipynb", StringComparison.OrdinalIgnoreCase);

    private static string StemOf(string path) => Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path));

    /// <summary>Whether a file or folder name is one the search skips.</summary>
    /// <param name="segment">A file or folder name.</param>
    internal static bool IsSkipped(string segment) =>
        segment is "bin" or "obj" or "node_modules" || segment.StartsWith('.');
}
