using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Classroom;

/// <summary>The tag grammar beyond roles: points, hidden checks, rubrics, written answers and forbid lines.</summary>
public sealed class ExerciseTagTests
{
    private static ExerciseTag? Code(string firstLine) => Exercises.TagOf(NotebookCell.Create("csharp", firstLine + "\nvar x = 1;"));

    private static ExerciseTag? Markdown(string firstLine) => Exercises.TagOf(NotebookCell.Create("markdown", firstLine + "\nText."));

    [Theory]
    [InlineData("// exercise 3.2: check (2 points)", 2.0, false)]
    [InlineData("// exercise 3.2: check (1 point)", 1.0, false)]
    [InlineData("// exercise 3.2: check(0.5 points)", 0.5, false)]
    [InlineData("// exercise 3.2: check hidden (1 point)", 1.0, true)]
    [InlineData("// Exercise 3.2: CHECK HIDDEN", null, true)]
    public void AChecksTagStatesItsPointsAndWhetherItIsHidden(string firstLine, double? points, bool hidden)
    {
        var tag = Code(firstLine)!;
        Assert.Equal(("3.2", ExerciseRole.Check, points, hidden), (tag.Id, tag.Role, tag.Points, tag.Hidden));
        Assert.Equal(!hidden, tag.InStudentEdition);
        Assert.True(tag.InInstructorEdition);
    }

    [Fact]
    public void OldTagsMeanWhatTheyMeant()
    {
        Assert.Equal(new ExerciseTag("1.1", ExerciseRole.Check), Code("// exercise 1.1: check"));
        Assert.Equal(new ExerciseTag("1.1", ExerciseRole.Task), Code("// exercise 1.1: task"));
        Assert.Equal(new ExerciseTag("1.1", ExerciseRole.Solution), Markdown("<!-- exercise 1.1: solution -->"));
        Assert.Null(Code("// exercise 1.1 is the hard one"));
    }

    [Fact]
    public void ARubricIsAMarkdownSolutionWithPoints()
    {
        var rubric = Markdown("<!-- exercise 2.3: rubric (3 points) -->")!;
        Assert.Equal(ExerciseRole.Solution, rubric.Role);
        Assert.True(rubric.Rubric);
        Assert.Equal(3.0, rubric.Points);
        // Instructor only, like every solution: a consumer that hides solutions hides rubrics.
        Assert.False(rubric.InStudentEdition);
        Assert.True(rubric.InInstructorEdition);
    }

    [Fact]
    public void AMarkdownTaskIsTheStudentsWrittenAnswer()
    {
        var answer = Markdown("<!-- exercise 2.3: task -->")!;
        Assert.Equal(new ExerciseTag("2.3", ExerciseRole.Task), answer);
        Assert.True(answer.InStudentEdition);
        Assert.False(answer.InInstructorEdition);
    }

    [Theory]
    [InlineData("csharp", "// exercise 1.1: rubric (2 points)", "task, solution or check")]
    [InlineData("csharp", "// exercise 1.1: task (2 points)", "only a check or a rubric has points")]
    [InlineData("csharp", "// exercise 1.1: solution hidden", "only a check may be hidden")]
    [InlineData("csharp", "// exercise 1.1: check (0 points)", "positive")]
    [InlineData("csharp", "// exercise 1.1: check (two points)", "task, solution or check")]
    [InlineData("markdown", "<!-- exercise 1.1: rubric -->", "states its points")]
    [InlineData("markdown", "<!-- exercise 1.1: rubric hidden (1 point) -->", "only a check may be hidden")]
    [InlineData("markdown", "<!-- exercise 1.1: check (1 point) -->", "rubric")]
    public void AMalformedTagIsAnErrorThatSaysWhy(string kernel, string firstLine, string reason)
    {
        var e = Assert.Throws<NotebookFormatException>(() => Exercises.TagOf(NotebookCell.Create(kernel, firstLine + "\nx")));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
        Assert.Contains(firstLine, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadCollectsChecksPointsRubricsAndForbiddenNames()
    {
        var notebook = new Notebook(Notebook.DefaultKernelInfo(),
        [
            NotebookCell.Create("markdown", "<!-- exercise 7.1 -->\nSolve without the solver."),
            NotebookCell.Create("csharp", "// exercise 7.1: task\ndouble b = double.NaN; // your code"),
            NotebookCell.Create("markdown", "<!-- exercise 7.1: task -->\n*Your proof.*"),
            NotebookCell.Create("csharp", "// exercise 7.1: solution\ndouble b = 1;"),
            NotebookCell.Create("markdown", "<!-- exercise 7.1: rubric (3 points) -->\n1 point for …"),
            NotebookCell.Create("csharp", "// exercise 7.1: check (2 points)\n// forbid: MaxEntropy.Solve, GibbsState\nCheck.That(b == 1, \"b\");"),
            NotebookCell.Create("csharp", "// exercise 7.1: check hidden (0.5 points)\n  // forbid: FreeEnergy, GibbsState\nCheck.That(b > 0, \"b\");"),
            NotebookCell.Create("csharp", "// exercise 7.2: solution\nint c = 2;"),
            NotebookCell.Create("csharp", "// exercise 7.2: check\nCheck.That(c == 2, \"c\");"),
        ]);
        var exercises = Exercises.Read(notebook, "n");
        Assert.Equal(["7.1", "7.2"], exercises.Select(e => e.Id));
        var first = exercises[0];
        Assert.Equal([(2.0, false), (0.5, true)], first.Checks.Select(c => (c.Points, c.Hidden)));
        Assert.Equal(3.0, first.HandGradedPoints);
        Assert.Equal(5.5, first.Points);
        Assert.Equal(["MaxEntropy.Solve", "GibbsState", "FreeEnergy"], first.Forbidden);
        Assert.Equal(1.0, exercises[1].Points);
        Assert.Empty(exercises[1].Forbidden);
    }

    [Fact]
    public void AnExerciseNeedsACheckTheStudentSees()
    {
        var onlyHidden = new Notebook(Notebook.DefaultKernelInfo(),
        [
            NotebookCell.Create("csharp", "// exercise 1.1: solution\nvar a = 1;"),
            NotebookCell.Create("csharp", "// exercise 1.1: check hidden\nCheck.That(a == 1, \"a\");"),
        ]);
        Assert.Contains("no check cell that the student sees", Assert.Throws<NotebookFormatException>(() => Exercises.Read(onlyHidden, "n")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AForbidLineNamesCSharpNames()
    {
        var notebook = new Notebook(Notebook.DefaultKernelInfo(),
        [
            NotebookCell.Create("csharp", "// exercise 1.1: solution\nvar a = 1;"),
            NotebookCell.Create("csharp", "// exercise 1.1: check\n// forbid: MaxEntropy.Solve(x)\nCheck.That(a == 1, \"a\");"),
        ]);
        var e = Assert.Throws<NotebookFormatException>(() => Exercises.Read(notebook, "n"));
        Assert.Contains("'MaxEntropy.Solve(x)' is not", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheStudentEditionsHoldNoRubricAndNoHiddenCheck()
    {
        var source = new Notebook(Notebook.DefaultKernelInfo(),
        [
            NotebookCell.Create("csharp", "var lecture = 1;"),
            NotebookCell.Create("csharp", "// exercise 1.1: task\ndouble a = double.NaN; // your code"),
            NotebookCell.Create("markdown", "<!-- exercise 1.1: task -->\n*Your proof.*"),
            NotebookCell.Create("csharp", "// exercise 1.1: solution\ndouble a = 42;"),
            NotebookCell.Create("markdown", "<!-- exercise 1.1: rubric (2 points) -->\nOne point for the secret step."),
            NotebookCell.Create("csharp", "// exercise 1.1: check\nCheck.That(a > 0, \"positive (hint: …)\");"),
            NotebookCell.Create("csharp", "// exercise 1.1: check hidden (1 point)\nCheck.That(a == 42, \"the secret 42\");"),
        ]);
        var instructor = Editions.Instructor(source);
        var executed = instructor with { Cells = instructor.Cells.Select(c => c.IsCode ? c with { ExecutionCount = 1 } : c).ToList() };
        foreach (var student in new[] { Editions.Student(source), Editions.StudentHandout(source, executed) })
        {
            var text = string.Join("\n", student.Cells.Select(c => c.Source));
            Assert.DoesNotContain("secret", text, StringComparison.Ordinal);
            Assert.Contains("*Your proof.*", text, StringComparison.Ordinal);
            Assert.Contains("positive (hint: …)", text, StringComparison.Ordinal);
        }

        Assert.Equal(["var lecture = 1;", "// exercise 1.1: solution", "<!-- exercise 1.1: rubric (2 points) -->", "// exercise 1.1: check", "// exercise 1.1: check hidden (1 point)"],
            instructor.Cells.Select(c => c.Source.Split('\n')[0]));
    }
}
