using SoftmaxNotebooks.Runner.Commands;
using SoftmaxNotebooks.Runner.Export;

namespace SoftmaxNotebooks.Runner.Tests.Export;

/// <summary>The <c>export</c> command over a folder: one app per notebook source, and a located error for a notebook it cannot export.</summary>
public sealed class ExportCommandTests
{
    [Fact]
    public void AFolderExportsItsDibSourcesAndReportsWhatItCannotExport()
    {
        using var folder = new TempFolder("export");
        File.WriteAllText(folder.File("a.dib"), "#!csharp\n\nvar x = 1;\n");
        // The .ipynb twin of a.dib would export the same app again, so only the .dib is exported.
        File.WriteAllText(folder.File("a.ipynb"), "not read");
        File.WriteAllText(folder.File("b.dib"), "#!csharp\n\nvar y = 2;\n\n#!csharp\n\n#!time\nvar z = 3;\n");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = ExportCommand.Run([folder.Path], new ExportOptions(folder.File("apps")), stdout, stderr);

        Assert.Equal(1, exitCode);
        Assert.Equal(["a.cs"], Directory.GetFiles(folder.File("apps")).Select(Path.GetFileName));
        Assert.Contains("var x = 1;", File.ReadAllText(folder.File("apps/a.cs")), StringComparison.Ordinal);
        Assert.Contains("a.dib → ", stdout.ToString(), StringComparison.Ordinal);
        Assert.Equal($"error: {folder.File("b.dib")}:cell 2:line 1: the magic command '#!time' works only in a notebook front-end", stderr.ToString()[..(folder.File("b.dib").Length + 84)]);
    }

    [Fact]
    public void A_folder_exports_the_notebooks_run_would_run_keeping_subfolders_in_the_output_folder()
    {
        using var course = NotebookSetTests.Course();
        var apps = course.File("apps-out");
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var exitCode = ExportCommand.Run([course.Path], new ExportOptions(apps), stdout, stderr);

        Assert.True(exitCode == 0, stderr.ToString());
        var written = Directory.GetFiles(apps, "*.cs", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(apps, f)).Order(StringComparer.Ordinal);
        Assert.Equal(["a.cs", "b.cs", Path.Combine("sub", "c.cs"), Path.Combine("sub", "deeper", "d.cs")], written);
        var run = Runner.Notebooks.NotebookSet.Find([course.Path]).Notebooks.Select(n => Path.ChangeExtension(n.RelativePath, ".cs"));
        Assert.Equal(run, written);
    }
}
