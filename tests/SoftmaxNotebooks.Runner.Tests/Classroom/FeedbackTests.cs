using System.Globalization;
using System.Text.Json;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Commands;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Classroom;

/// <summary>
/// <c>grade --manual</c> end to end on notebook 4 (rubrics, a hidden check, forbidden calls): a partly right
/// submission, a blank one whose student name starts with <c>=</c>, and the solutions. The points, the marks, the
/// gradebook, the Gradescope and Canvas files come out as expected, and no feedback file holds a line of a solution,
/// a rubric or a hidden check that the student did not write. The output of the last run is kept beside the tests.
/// </summary>
public sealed class FeedbackTests
{
    private static readonly string Reference = Path.Combine(RunnerProcess.RepositoryRoot, "notebooks", "04-maximum-entropy.dib");

    /// <summary>The grading output of the last run (gradebook, canvas.csv, gradescope/, feedback/).</summary>
    public static string KeptOutput => Path.Combine(AppContext.BaseDirectory, "classroom-feedback");

    // The fields of Gradescope's results.json (the autograder specification, "Output format"): the top level and a test.
    internal static readonly string[] ResultsFields = ["score", "execution_time", "output", "output_format", "test_output_format", "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard"];
    internal static readonly string[] TestFields = ["score", "max_score", "status", "name", "name_format", "number", "output", "output_format", "tags", "visibility", "extra_data"];
    internal static readonly string[] Visibilities = ["hidden", "after_due_date", "after_published", "visible"];
    internal static readonly string[] Statuses = ["passed", "failed"];
    private static readonly string[] Ids = ["4.1", "4.2", "4.3", "4.4", "4.5"];

    [Fact]
    public async Task GradeWritesPointsMarksLmsFilesAndFeedbackWithoutSolutionsOrHiddenChecks()
    {
        var source = NotebookFile.Read(Reference);
        var student = Editions.Student(source);
        string Right(string id) => WrongAnswerTests.Solution(source, id);
        string Wrong(string id, string what) => WrongAnswers.All.Single(w => w.Exercise == id && w.What == what).Task;
        var partly = WrongAnswerTests.WithTasks(student, new Dictionary<string, string>
        {
            ["4.1"] = Right("4.1"),
            ["4.2"] = Wrong("4.2", "the kit's MaxEntropy.Solve"),
            ["4.3"] = Wrong("4.3", "φ″(0) = +Σ v²/p"),
            ["4.4"] = Right("4.4"),
            ["4.5"] = Right("4.5"),
        });
        partly = partly with
        {
            Cells = partly.Cells.Select(c => c.IsMarkdown && Exercises.TagOf(c) is { Role: ExerciseRole.Task } t
                ? c with { Source = $"<!-- exercise {t.Id}: task -->\nMy answer to {t.Id}: the mean sits below the fair die's, so the weights fall." }
                : c).ToList(),
        };

        using var folder = new TempFolder("feedback");
        var submissions = Directory.CreateDirectory(folder.File("submissions")).FullName;
        File.WriteAllText(Path.Combine(submissions, "partly.ipynb"), IpynbFormat.Write(partly));
        File.WriteAllText(Path.Combine(submissions, "=evil.ipynb"), IpynbFormat.Write(student));
        File.WriteAllText(Path.Combine(submissions, "solutions.ipynb"), IpynbFormat.Write(Editions.Instructor(source)));
        var marks = folder.File("marks.csv");
        File.WriteAllText(marks, "student,exercise,points,comment\npartly,4.1,1,\"Right sign, and the symmetry argument.\"\npartly,4.5,2,=SUM(A1) the bound is right; the negative temperature is missing\n");

        if (Directory.Exists(KeptOutput))
        {
            Directory.Delete(KeptOutput, recursive: true);
        }

        var stdout = new StringWriter();
        var exitCode = await GradeCommand.RunAsync(submissions, Reference, marks, KeptOutput, GradingTests.Options, stdout, TestContext.Current.CancellationToken);
        Assert.True(exitCode == 0, stdout.ToString());

        // Points: 4.1 2/2 (1 by hand), 4.2 0/3 (forbidden), 4.3 1/3 (one check of two), 4.4 2/2, 4.5 4/5 (2 of 3 by hand).
        var csv = CsvTable.Parse(File.ReadAllText(Path.Combine(KeptOutput, "gradebook.csv")), "gradebook.csv");
        var header = csv[0].Cells;
        var row = csv.Single(r => r.Cells[0] == "partly").Cells;
        string Column(IReadOnlyList<string> r, string name) => r[header.ToList().IndexOf(name)];
        Assert.Equal(("9", "15"), (Column(row, "points"), Column(row, "max points")));
        Assert.Equal(["2", "0", "1", "2", "4"], Ids.Select(id => Column(row, $"{id} points (of {Gradebook.Number(Exercises.Read(source, Reference).Single(e => e.Id == id).Points)})")));
        Assert.StartsWith("failed: uses MaxEntropy, which this exercise forbids: `MaxEntropy.Solve(faces42, meanEnergy: mean).Entropy`", Column(row, "4.2 result"), StringComparison.Ordinal);
        Assert.Equal("2/3: =SUM(A1) the bound is right; the negative temperature is missing", Column(row, "4.5 by hand"));
        var solutions = csv.Single(r => r.Cells[0] == "solutions").Cells;
        Assert.Equal("11", Column(solutions, "points"));
        Assert.Equal("not marked (of 3)", Column(solutions, "4.5 by hand"));
        // A student name that a spreadsheet would run as a formula is text.
        Assert.Contains(csv, r => r.Cells[0] == "'=evil");
        Assert.DoesNotContain("\n=", File.ReadAllText(Path.Combine(KeptOutput, "gradebook.csv")).Replace("\r", "", StringComparison.Ordinal), StringComparison.Ordinal);

        // Canvas: one column for the assignment, points possible in the second row.
        var canvas = CsvTable.Parse(File.ReadAllText(Path.Combine(KeptOutput, LmsExports.CanvasFile)), "canvas.csv");
        Assert.Equal(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", "04-maximum-entropy"], canvas[0].Cells);
        Assert.Equal(["Points Possible", "", "", "", "", "15"], canvas[1].Cells);
        Assert.Equal(["'=evil", "", "", "", "", "0"], canvas.Single(r => r.Cells[0] == "'=evil").Cells);
        Assert.Equal("9", canvas.Single(r => r.Cells[0] == "partly").Cells[5]);

        // Gradescope: every field one the published format defines, the score the sum of the tests.
        foreach (var name in new[] { "partly", "=evil", "solutions" })
        {
            using var results = JsonDocument.Parse(File.ReadAllText(Path.Combine(KeptOutput, LmsExports.GradescopeFolder, name, "results.json")));
            var root = results.RootElement;
            Assert.All(root.EnumerateObject(), p => Assert.Contains(p.Name, ResultsFields));
            var tests = root.GetProperty("tests").EnumerateArray().ToList();
            Assert.All(tests, t =>
            {
                Assert.All(t.EnumerateObject(), p => Assert.Contains(p.Name, TestFields));
                Assert.Contains(t.GetProperty("visibility").GetString(), Visibilities);
                Assert.Contains(t.GetProperty("status").GetString(), Statuses);
                Assert.True(t.GetProperty("score").GetDouble() <= t.GetProperty("max_score").GetDouble());
            });
            Assert.Equal(root.GetProperty("score").GetDouble(), tests.Sum(t => t.GetProperty("score").GetDouble()), 12);
            Assert.Equal(15, tests.Sum(t => t.GetProperty("max_score").GetDouble()), 12);
            if (name == "partly")
            {
                Assert.Equal(9, root.GetProperty("score").GetDouble());
                var hidden = Assert.Single(tests, t => t.GetProperty("name").GetString() == "Exercise 4.5 · hidden check 2");
                Assert.Equal(("after_published", "passed"), (hidden.GetProperty("visibility").GetString(), hidden.GetProperty("output").GetString()));
                Assert.Equal("=SUM(A1) the bound is right; the negative temperature is missing",
                    tests.Single(t => t.GetProperty("name").GetString() == "Exercise 4.5 · graded by hand").GetProperty("output").GetString());
            }
        }

        // Feedback: every file of every student, searched for what only the instructor has.
        var secrets = Secrets(source);
        Assert.True(secrets.Count >= 20, string.Join("\n", secrets));
        var submitted = new Dictionary<string, Notebook> { ["partly"] = partly, ["=evil"] = student, ["solutions"] = Editions.Instructor(source) };
        foreach (var (name, notebook) in submitted)
        {
            // What the student wrote is theirs to see; checks are always the reference's (hidden ones included).
            var own = string.Join("\n", notebook.Cells.Where(c => Exercises.TagOf(c)?.Role != ExerciseRole.Check).Select(c => c.Source));
            var ipynb = NotebookFile.Read(Path.Combine(KeptOutput, Feedback.FolderName, name + ".ipynb"));
            var ipynbText = string.Join("\n", ipynb.Cells.Select(c => c.Source).Concat(ipynb.Cells.SelectMany(c => c.Outputs).SelectMany(OutputText)));
            var html = HtmlText(File.ReadAllText(Path.Combine(KeptOutput, Feedback.FolderName, name + ".html")));
            foreach (var secret in secrets.Where(s => !Normalise(own).Contains(Normalise(s), StringComparison.Ordinal)))
            {
                Assert.False(ipynbText.Contains(secret, StringComparison.Ordinal), $"{name}.ipynb holds '{secret}'");
                Assert.False(Normalise(html).Contains(Normalise(secret), StringComparison.Ordinal), $"{name}.html holds '{secret}'");
            }
        }

        var page = HtmlText(File.ReadAllText(Path.Combine(KeptOutput, Feedback.FolderName, "partly.html")));
        foreach (var expected in new[]
        {
            "Feedback · 4 · Maximum entropy", "9/15 points", "Hidden check 2 of exercise 4.5: passed, 1/1 point",
            "Check 2 of exercise 4.3: failed, 0/2 points", "hint: differentiate −Σ q log q twice",
            "uses MaxEntropy, which this exercise forbids", "Graded by hand: 2/3: =SUM(A1) the bound is right",
            "Right sign, and the symmetry argument.", "My answer to 4.5",
        })
        {
            Assert.Contains(Normalise(expected), Normalise(page), StringComparison.Ordinal);
        }

        // Grading continues past errors, so the page's status says graded, never that the notebook stopped.
        Assert.Contains("graded: every cell ran", page, StringComparison.Ordinal);
        Assert.DoesNotContain("stopped by an error", page, StringComparison.Ordinal);
    }

    /// <summary>Lines (16 characters or more) of the solutions, rubrics and hidden checks that no cell the student sees contains.</summary>
    private static List<string> Secrets(Notebook source)
    {
        var visible = source.Cells.Where(c => Exercises.TagOf(c)?.InStudentEdition != false).Select(c => c.Source).ToList();
        return source.Cells.Where(c => Exercises.TagOf(c)?.InStudentEdition == false && Exercises.TagOf(c)?.Role != ExerciseRole.Task)
            .SelectMany(c => c.Source.Split('\n').Skip(1)).Select(l => l.Trim())
            .Where(l => l.Length >= 16 && !visible.Any(v => v.Contains(l, StringComparison.Ordinal))).Distinct().ToList();
    }

    private static IEnumerable<string> OutputText(CellOutput output) => output switch
    {
        StreamOutput s => [s.Text],
        ErrorOutput e => [e.EName, e.EValue, .. e.Traceback],
        DisplayDataOutput d => d.Data.Select(x => x.Value),
        ExecuteResultOutput r => r.Data.Select(x => x.Value),
        _ => [],
    };

    private static string HtmlText(string html) => EditionsTests.HtmlText(html);

    private static string Normalise(string text) => EditionsTests.Normalise(text);
}
