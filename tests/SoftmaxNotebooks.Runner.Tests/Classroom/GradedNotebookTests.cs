using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Classroom;

/// <summary>What a submission is graded by: every reference check in its own cell, hidden ones included, where the student's checks stood.</summary>
public sealed class GradedNotebookTests
{
    private static readonly Notebook Source = new(Notebook.DefaultKernelInfo(),
    [
        NotebookCell.Create("csharp", "#r \"../artifacts/kit/SoftmaxNotebooks.dll\""),
        NotebookCell.Create("markdown", "## Exercises"),
        NotebookCell.Create("csharp", "// exercise 1.1: task\ndouble a = double.NaN; // your code"),
        NotebookCell.Create("csharp", "// exercise 1.1: solution\ndouble a = 42;"),
        NotebookCell.Create("csharp", "// exercise 1.1: check (2 points)\nCheck.That(a > 0, \"positive (hint: …)\");"),
        NotebookCell.Create("csharp", "// exercise 1.1: check\nCheck.That(a < 100, \"below 100 (hint: …)\");"),
        NotebookCell.Create("csharp", "// exercise 1.1: check hidden (1 point)\nCheck.That(a == 42, \"42\");"),
        NotebookCell.Create("csharp", "// exercise 1.2: task\nint b = 0; // your code"),
        NotebookCell.Create("csharp", "// exercise 1.2: solution\nint b = 7;"),
        NotebookCell.Create("csharp", "// exercise 1.2: check\nCheck.That(b == 7, \"seven (hint: …)\");"),
    ]);

    private static ReferenceNotebook Reference()
    {
        using var folder = new TempFolder("graded");
        var path = folder.File("ref.dib");
        File.WriteAllText(path, DibFormat.Write(Source));
        return ReferenceNotebook.Load(path);
    }

    [Fact]
    public void EveryCheckRunsInItsOwnCellWhereTheFirstStoodAndADeletedOneAtTheEnd()
    {
        var reference = Reference();
        var student = Editions.Student(Source);
        // The student edited the first check, kept the second, deleted exercise 1.2's, and added a cell of their own.
        var cells = student.Cells.Where(c => Exercises.TagOf(c) is not { Role: ExerciseRole.Check, Id: "1.2" })
            .Select(c => c.Source.StartsWith("// exercise 1.1: check (2", StringComparison.Ordinal) ? c with { Source = "// exercise 1.1: check\ndisplay(\"fine\");" } : c)
            .Append(NotebookCell.Create("csharp", "var mine = 1;")).ToList();
        var graded = GradedNotebook.Build(reference, student with { Cells = cells });

        var checks = graded.Notebook.Cells.Select((c, i) => (Cell: c, Role: graded.Cells[i])).Where(x => x.Role.IsCheck).ToList();
        Assert.Equal([("1.1", 0), ("1.1", 1), ("1.1", 2), ("1.2", 0)], checks.Select(x => (x.Role.ExerciseId!, x.Role.Check!.Value)));
        Assert.Equal(reference.Exercises[0].Checks.Select(c => c.Source).Append(reference.Exercises[1].Checks[0].Source), checks.Select(x => x.Cell.Source));
        // 1.1's checks follow its task; 1.2's, deleted, run last, after the student's own cell.
        var sources = graded.Notebook.Cells.Select(c => c.Source).ToList();
        Assert.True(sources.FindIndex(s => s.StartsWith("// exercise 1.1: task", StringComparison.Ordinal)) < sources.IndexOf(checks[0].Cell.Source));
        Assert.Equal(sources.Count - 1, sources.IndexOf(checks[3].Cell.Source));
        Assert.Equal(["double a = double.NaN; // your code"], graded.AnswerCode("1.1").Select(s => s.Split('\n')[1]));
        Assert.Contains("var mine = 1;", graded.AnswerCode("1.2"));
        Assert.DoesNotContain(graded.OtherCode("1.2"), s => s.Contains("mine", StringComparison.Ordinal));
    }
}
