using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Classroom;

public sealed class ExercisesTests
{
    // Every lecture notebook carries exercises; the summary sheet is a one-page reference that students are given,
    // not a lecture, so it has none.
    internal const string SummarySheet = "08-summary-sheet.dib";

    internal static IReadOnlyList<string> RepositoryNotebooks =>
        Directory.EnumerateFiles(Path.Combine(RunnerProcess.RepositoryRoot, "notebooks"), "*.dib")
            .Where(p => Path.GetFileName(p) != SummarySheet).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void OnlyTheSummarySheetHasNoExercises()
    {
        var sheet = Path.Combine(RunnerProcess.RepositoryRoot, "notebooks", SummarySheet);
        Assert.Empty(Exercises.Read(NotebookFile.Read(sheet), sheet));
        Assert.True(RepositoryNotebooks.Count >= 7, $"{RepositoryNotebooks.Count} lecture notebooks");
    }

    [Theory]
    [InlineData("// exercise 3.2: task", "3.2", ExerciseRole.Task)]
    [InlineData("//exercise 3.2:solution", "3.2", ExerciseRole.Solution)]
    [InlineData("// Exercise 10.1b: CHECK", "10.1b", ExerciseRole.Check)]
    [InlineData("// exercise 1.3", "1.3", ExerciseRole.Given)]
    public void CodeTagsNameTheExerciseAndRole(string firstLine, string id, ExerciseRole role) =>
        Assert.Equal(new ExerciseTag(id, role), Exercises.TagOf(NotebookCell.Create("csharp", firstLine + "\nvar x = 1;")));

    [Fact]
    public void MarkdownTagsAreHtmlComments()
    {
        Assert.Equal(new ExerciseTag("4.1", ExerciseRole.Given), Exercises.TagOf(NotebookCell.Create("markdown", "<!-- exercise 4.1 -->\n### Exercise")));
        Assert.Equal(new ExerciseTag("4.1", ExerciseRole.Solution), Exercises.TagOf(NotebookCell.Create("markdown", "<!-- exercise 4.1: solution -->\nWhy")));
        Assert.Null(Exercises.TagOf(NotebookCell.Create("markdown", "// exercise 4.1: solution")));
        Assert.Null(Exercises.TagOf(NotebookCell.Create("csharp", "var x = 1; // exercise 4.1: task")));
    }

    [Fact]
    public void AnUnknownRoleIsAnError()
    {
        var e = Assert.Throws<NotebookFormatException>(() => Exercises.TagOf(NotebookCell.Create("csharp", "// exercise 1.1: answer")));
        Assert.Contains("task, solution or check", e.Message, StringComparison.Ordinal);
        Assert.Throws<NotebookFormatException>(() => Exercises.TagOf(NotebookCell.Create("markdown", "<!-- exercise 1.1: check -->")));
    }

    [Fact]
    public void AnExerciseWithoutItsCheckOrSolutionIsAnError()
    {
        var noCheck = new Notebook(Notebook.DefaultKernelInfo(), [NotebookCell.Create("csharp", "// exercise 1.1: solution\nvar a = 1;")]);
        Assert.Contains("no check cell", Assert.Throws<NotebookFormatException>(() => Exercises.Read(noCheck, "n")).Message, StringComparison.Ordinal);
        var noSolution = new Notebook(Notebook.DefaultKernelInfo(), [NotebookCell.Create("csharp", "// exercise 1.1: check\nCheck.That(true, \"x\");")]);
        Assert.Contains("no solution cell", Assert.Throws<NotebookFormatException>(() => Exercises.Read(noSolution, "n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryNotebookEndsWithAtLeastThreeCompleteExercises()
    {
        var total = 0;
        foreach (var path in RepositoryNotebooks)
        {
            var notebook = NotebookFile.Read(path);
            var exercises = Exercises.Read(notebook, path);
            Assert.True(exercises.Count >= 3, $"{path}: {exercises.Count} exercises");
            total += exercises.Count;
            var start = Exercises.SectionStart(notebook);
            Assert.Equal(Exercises.SectionHeading, notebook.Cells[start].Source.Split('\n')[0]);
            // Appended after the lecture: nothing but the exercise section follows its heading.
            Assert.DoesNotContain(notebook.Cells.Skip(start + 1), c => c.IsMarkdown && c.Source.StartsWith("## ", StringComparison.Ordinal));
            foreach (var exercise in exercises)
            {
                var cells = notebook.Cells.Where(c => Exercises.TagOf(c)?.Id == exercise.Id).ToList();
                // One code scaffold; a markdown task cell, where one is, takes a written answer graded by hand.
                var task = Assert.Single(cells, c => c.IsCode && Exercises.TagOf(c)!.Role == ExerciseRole.Task);
                Assert.Contains("// your code", task.Source, StringComparison.Ordinal);
                Assert.Contains(cells, c => c.IsMarkdown && Exercises.TagOf(c)!.Role == ExerciseRole.Given);
                Assert.Contains(cells, c => c.IsCode && Exercises.TagOf(c)!.Role == ExerciseRole.Solution);
                Assert.All(exercise.Checks, c => Assert.Contains("Check.", c.Source, StringComparison.Ordinal));
                Assert.Contains(exercise.Checks, c => !c.Hidden && c.Source.Contains("hint:", StringComparison.Ordinal));
            }
        }

        Assert.True(total >= 18, $"{total} exercises in all");
    }

    [Fact]
    public void TheEditionsSplitTasksFromSolutions()
    {
        foreach (var path in RepositoryNotebooks)
        {
            var source = NotebookFile.Read(path);
            var instructor = Editions.Instructor(source);
            var student = Editions.Student(source);
            Assert.DoesNotContain(instructor.Cells, c => Exercises.TagOf(c)?.Role == ExerciseRole.Task);
            Assert.Contains(instructor.Cells, c => Exercises.TagOf(c)?.Role == ExerciseRole.Solution);
            Assert.DoesNotContain(student.Cells, c => Exercises.TagOf(c)?.Role == ExerciseRole.Solution);
            // Every check the student may see, and no hidden one.
            Assert.Equal(source.Cells.Count(c => Exercises.TagOf(c) is { Role: ExerciseRole.Check, Hidden: false }), student.Cells.Count(c => Exercises.TagOf(c)?.Role == ExerciseRole.Check));
            Assert.DoesNotContain(student.Cells, c => Exercises.TagOf(c) is { Hidden: true });
            Assert.Contains(instructor.Cells, c => Exercises.TagOf(c) is { Hidden: true });
            // The lecture is the same in both.
            var start = Exercises.SectionStart(source);
            Assert.Equal(source.Cells.Take(start).Select(c => c.Source), student.Cells.Take(start).Select(c => c.Source));
            Assert.Equal(source.Cells.Take(start).Select(c => c.Source), instructor.Cells.Take(start).Select(c => c.Source));
        }
    }

    [Fact]
    public void TheStudentHandoutKeepsLectureOutputsAndDropsExerciseOutputs()
    {
        var output = new List<CellOutput> { new StreamOutput("stdout", "42") };
        var source = new Notebook(Notebook.DefaultKernelInfo(),
        [
            NotebookCell.Create("csharp", "var lecture = 1;"),
            NotebookCell.Create("markdown", "<!-- exercise 1.1 -->\nCompute."),
            NotebookCell.Create("csharp", "// exercise 1.1: task\ndouble a = double.NaN; // your code"),
            NotebookCell.Create("csharp", "// exercise 1.1: solution\ndouble a = 42;"),
            NotebookCell.Create("csharp", "// exercise 1.1: check\nCheck.That(a == 42, \"hint: 6·7\");"),
        ]);
        var executed = Editions.Instructor(source) with
        {
            Cells = Editions.Instructor(source).Cells.Select(c => c.IsCode ? c with { Outputs = output, ExecutionCount = 1 } : c).ToList(),
        };
        var handout = Editions.StudentHandout(source, executed);
        Assert.Equal(["var lecture = 1;", "<!-- exercise 1.1 -->\nCompute.", "// exercise 1.1: task\ndouble a = double.NaN; // your code", "// exercise 1.1: check\nCheck.That(a == 42, \"hint: 6·7\");"],
            handout.Cells.Select(c => c.Source));
        Assert.Equal(output, handout.Cells[0].Outputs);
        Assert.All(handout.Cells.Skip(1), c => Assert.Empty(c.Outputs));
        Assert.Throws<ArgumentException>(() => Editions.StudentHandout(source, source));
    }
}
