using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests;

/// <summary>The one rule every command finds notebooks by (run, render, editions, export, a grading submission folder).</summary>
public sealed class NotebookSetTests
{
    private const string Ipynb = """
        {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "source": "var x = 1;", "outputs": []}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
        """;

    /// <summary>
    /// A course folder: a.dib with its generated twin a.ipynb, b.ipynb alone, a nested c.dib, and notebooks in folders
    /// the search skips (build output, npm, a checkpoint folder, a dot-folder).
    /// </summary>
    internal static TempFolder Course()
    {
        var folder = new TempFolder("set");
        foreach (var file in new[] { "a.dib", "a.ipynb", "b.ipynb", "sub/c.dib", "sub/deeper/d.ipynb", "bin/x.dib", "obj/x.dib", "node_modules/x.dib", ".ipynb_checkpoints/a-checkpoint.ipynb", ".hidden/x.dib", "notes.txt" })
        {
            Directory.CreateDirectory(Path.GetDirectoryName(folder.File(file))!);
            File.WriteAllText(folder.File(file), file.EndsWith(".ipynb", StringComparison.Ordinal) ? Ipynb : "#!csharp\n\nvar x = 1;\n");
        }

        return folder;
    }

    [Fact]
    public void A_folder_is_searched_recursively_with_the_dib_preferred_over_its_twin_and_build_folders_skipped()
    {
        using var course = Course();
        var set = NotebookSet.Find([course.Path]);
        Assert.Equal(["a.dib", "b.ipynb", Path.Combine("sub", "c.dib"), Path.Combine("sub", "deeper", "d.ipynb")], set.Notebooks.Select(n => n.RelativePath));
        Assert.Equal(set.Notebooks.Select(n => Path.Join(course.Path, n.RelativePath)), set.Notebooks.Select(n => n.Name));
        Assert.Equal([Path.Join(course.Path, "a.ipynb")], set.SkippedTwins);
        Assert.Empty(set.Problems);
    }

    [Fact]
    public void Names_are_as_the_user_gave_the_paths_and_a_file_named_twice_counts_once()
    {
        using var course = Course();
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, course.Path);
        var set = NotebookSet.Find([Path.Combine(relative, "sub"), Path.Combine(relative, "sub", "c.dib"), Path.Combine(relative, "a.ipynb"), Path.Combine(relative, "nope")]);
        Assert.Equal([Path.Combine(relative, "sub", "c.dib"), Path.Combine(relative, "sub", "deeper", "d.ipynb"), Path.Combine(relative, "a.ipynb")], set.Notebooks.Select(n => n.Name));
        // A file named on its own is taken as given, twin or not; its outputs go under its file name.
        Assert.Equal("a.ipynb", set.Notebooks[^1].RelativePath);
        Assert.Equal([(Path.Combine(relative, "nope"), Path.Combine(relative, "nope") + ": no such file or folder.")], set.Problems);
    }

    [Fact]
    public void Executed_notebooks_are_the_ipynb_files_of_the_same_search()
    {
        using var course = Course();
        var set = NotebookSet.Find([course.Path], NotebookKinds.Executed);
        Assert.Equal(["a.ipynb", "b.ipynb", Path.Combine("sub", "deeper", "d.ipynb")], set.Notebooks.Select(n => n.RelativePath));
        Assert.Empty(set.SkippedTwins);
    }
}
