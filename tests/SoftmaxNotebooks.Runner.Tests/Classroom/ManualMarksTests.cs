using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Tests.Classroom;

/// <summary>The marks file of <c>grade --manual</c>, the classroom's CSV, and how marks reach the grades.</summary>
public sealed class ManualMarksTests
{
    private static readonly Exercise[] Reference =
    [
        new("1.1", [new ExerciseCheck("// exercise 1.1: check", 1, false)], 0, []),
        new("1.5", [new ExerciseCheck("// exercise 1.5: check", 1, false), new ExerciseCheck("// exercise 1.5: check hidden", 1, true)], 3, []),
    ];

    private static IReadOnlyDictionary<(string Student, string Exercise), (HandMark Mark, int Line)> Read(string text)
    {
        using var folder = new TempFolder("marks");
        var path = folder.File("marks.csv");
        File.WriteAllText(path, text);
        return ManualMarks.Read(path, Reference);
    }

    [Fact]
    public void MarksAreReadWithTheirComments()
    {
        var marks = Read("student,exercise,points,comment\r\nada,1.5,2.5,\"Good; the boundary case, though, is missing.\"\n\nbob, 1.5 ,0,\n");
        Assert.Equal(new HandMark(2.5, "Good; the boundary case, though, is missing."), marks[("ada", "1.5")].Mark);
        Assert.Equal((new HandMark(0, ""), 4), marks[("bob", "1.5")]);
    }

    [Theory]
    [InlineData("name,exercise,points,comment\n", "line 1: the header must be 'student,exercise,points,comment'")]
    [InlineData("student,exercise,points,comment\nada,9.9,1,\n", "line 2: exercise '9.9' is not in the reference notebook")]
    [InlineData("student,exercise,points,comment\nada,1.1,1,\n", "line 2: exercise 1.1 has no part graded by hand")]
    [InlineData("student,exercise,points,comment\nada,1.5,3.5,\n", "line 2: points '3.5' for exercise 1.5: a number from 0 to 3")]
    [InlineData("student,exercise,points,comment\nada,1.5,-1,\n", "points '-1'")]
    [InlineData("student,exercise,points,comment\nada,1.5,two,\n", "points 'two'")]
    [InlineData("student,exercise,points,comment\nada,1.5,1,ok\nada,1.5,2,again\n", "line 3: student 'ada' has a mark for exercise 1.5 already (line 2)")]
    [InlineData("student,exercise,points,comment\nada,1.5,1,a, b\n", "line 2: 5 cells; a row has 4")]
    [InlineData("student,exercise,points,comment\nada,1.5,1,\"open\n", "line 2: a quoted cell is not closed")]
    public void AWrongMarksFileIsAnErrorThatNamesTheLineAndTheRule(string text, string message)
    {
        var e = Assert.Throws<RunnerException>(() => Read(text));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.Contains("marks.csv", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMarkReachesItsStudentsExerciseAndCountsInThePoints()
    {
        var grade = new SubmissionGrade("ada", "ada.ipynb",
            [
                ExerciseGrade.Unrun(Reference[0], ExerciseOutcome.DidNotRun, "not run"),
                new ExerciseGrade("1.5", ExerciseOutcome.Failed, "a hidden check failed")
                {
                    Checks = [new CheckGrade(0, 1, false, ExerciseOutcome.Passed, null), new CheckGrade(1, 1, true, ExerciseOutcome.Failed, "CHECK FAILED: secret")],
                    HandGradedMaxPoints = 3,
                },
            ], null, TimeSpan.Zero);
        Assert.Equal((1.0, 6.0), (grade.Points, grade.MaxPoints));
        Assert.Equal("not marked (of 3)", Gradebook.ByHand(grade.Exercises[1]));
        var marked = Assert.Single(ManualMarks.Apply([grade], Read("student,exercise,points,comment\nada,1.5,2,Clear.\n"), "marks.csv"));
        Assert.Equal((3.0, 6.0), (marked.Points, marked.MaxPoints));
        Assert.Equal("2/3: Clear.", Gradebook.ByHand(marked.Exercises[1]));
        var e = Assert.Throws<RunnerException>(() => ManualMarks.Apply([grade], Read("student,exercise,points,comment\nbob,1.5,2,\n"), "marks.csv"));
        Assert.Contains("marks.csv line 2: no submission from student 'bob'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AForbiddenCallLeavesTheChecksNoPointsButKeepsTheMark()
    {
        var grade = new ExerciseGrade("1.5", ExerciseOutcome.Failed, "uses X")
        {
            Checks = [new CheckGrade(0, 1, false, ExerciseOutcome.Passed, null)],
            Forbidden = [new ForbiddenCall("X", 0, 1, "X()", true)],
            HandGradedMaxPoints = 3,
            Mark = new HandMark(2, ""),
        };
        Assert.Equal((0.0, 2.0, 4.0), (grade.CheckPoints, grade.Points, grade.MaxPoints));
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+1", "'+1")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("a, b", "\"a, b\"")]
    [InlineData("plain", "plain")]
    [InlineData("2.5", "2.5")]
    public void ACsvCellThatASpreadsheetWouldRunIsText(string text, string field) => Assert.Equal(field, CsvTable.Field(text));

    [Fact]
    public void CsvRoundTrips()
    {
        var cells = new[] { "a", "b, c", "say \"hi\"", "two\nlines", "" };
        var parsed = CsvTable.Parse(new System.Text.StringBuilder().Row(cells).Row(["x"]).ToString(), "t.csv");
        Assert.Equal([(1, cells), (3, ["x"])], parsed.Select(r => (r.Line, r.Cells.ToArray())));
    }
}
