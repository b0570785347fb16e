using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>The submissions in a folder: one notebook file per student, or one subfolder per student holding one notebook.</summary>
internal static class Submissions
{
    /// <summary>Finds the submissions in a folder: each <c>.ipynb</c>/<c>.dib</c> file in it, and each subfolder (one notebook inside).</summary>
    /// <param name="folder">The submissions folder.</param>
    /// <returns>(student, path of the file or folder) in ordinal order of the student names.</returns>
    public static IReadOnlyList<(string Student, string Path)> Find(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var files = Directory.EnumerateFiles(folder).Where(f => NotebookFile.IsNotebook(f) && !NotebookSet.IsSkipped(Path.GetFileName(f)))
            .Select(f => (Path.GetFileNameWithoutExtension(f), f));
        var folders = Directory.EnumerateDirectories(folder).Where(d => !NotebookSet.IsSkipped(Path.GetFileName(d))).Select(d => (Path.GetFileName(d), d));
        return files.Concat(folders).OrderBy(s => s.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The entries of a submissions folder that <see cref="Find"/> does not grade, each with why: files that are not
    /// notebooks, hidden files and folders (and bin, obj, node_modules). The gradebook lists them, so that nothing a
    /// student handed in disappears silently.
    /// </summary>
    /// <param name="folder">The submissions folder.</param>
    /// <returns>(entry name, why) in ordinal order.</returns>
    public static IReadOnlyList<(string Name, string Why)> Skipped(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var skipped = new List<(string, string)>();
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0 }))
        {
            if (NotebookSet.IsSkipped(entry.Name))
            {
                skipped.Add((entry.Name, entry.Name.StartsWith('.') ? "skipped: a hidden " + (entry is DirectoryInfo ? "folder" : "file") : "skipped: a build or package folder"));
            }
            else if (entry is FileInfo && !NotebookFile.IsNotebook(entry.FullName))
            {
                skipped.Add((entry.Name, "skipped: not a notebook (a submission is a .ipynb or .dib file, or a folder holding one)"));
            }
        }

        return skipped.OrderBy(s => s.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>Copies a submission (a notebook file, or a folder holding one) into <paramref name="copy"/> and returns the copied notebook.</summary>
    /// <param name="path">The submission.</param>
    /// <param name="copy">A new folder for the copy.</param>
    /// <exception cref="NotebookFormatException">A folder submission holds no notebook or more than one (by the rule of <see cref="NotebookSet"/>).</exception>
    public static string Copy(string path, string copy)
    {
        // A link could name the reference's solutions or any file of the grading machine: never followed.
        var link = new[] { new FileInfo(path) as FileSystemInfo }
            .Concat(Directory.Exists(path) && new DirectoryInfo(path).LinkTarget is null
                ? new DirectoryInfo(path).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
                : [])
            .FirstOrDefault(e => e.LinkTarget is not null);
        if (link is not null)
        {
            throw new NotebookFormatException($"{(link.FullName == Path.GetFullPath(path) ? "the submission" : Path.GetRelativePath(path, link.FullName))} is a symbolic link; links in submissions are refused, not followed.");
        }

        Directory.CreateDirectory(copy);
        if (File.Exists(path))
        {
            var target = Path.Combine(copy, Path.GetFileName(path));
            File.Copy(path, target);
            return target;
        }

        var notebooks = NotebookSet.Find([path]).Notebooks;
        if (notebooks.Count != 1)
        {
            throw new NotebookFormatException($"the folder holds {notebooks.Count} notebooks; a submission folder holds exactly one .ipynb or .dib.");
        }

        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return Path.Combine(copy, notebooks[0].RelativePath);
    }
}
