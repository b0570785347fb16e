using System.Diagnostics;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Classroom;

/// <summary>
/// A class of 30 submissions made from the student edition of notebook 6: right and wrong answers, a compile error,
/// a loop, exceptions, a malformed file, a submission that deletes files, one that prints megabytes, one that kills its
/// kernel, edited and deleted checks, folder and .dib submissions. The gradebook must come out exactly as expected.
/// </summary>
public sealed class SyntheticClassTests
{
    private const string P = "passed", F = "failed", T = "timed out", D = "did not run";

    private static readonly string Reference = Path.Combine(RunnerProcess.RepositoryRoot, "notebooks", "06-numerical-stability.dib");

    /// <summary>The gradebook of the last run, kept beside the tests for people to read.</summary>
    public static string KeptGradebook => Path.Combine(AppContext.BaseDirectory, "classroom-synthetic");

    private static readonly Dictionary<string, string> Wrong = new(StringComparer.Ordinal)
    {
        ["6.1"] = """
            // exercise 6.1: task
            double[] NaiveSoftmax61(double[] z) { var e = z.Select(Math.Exp).ToArray(); return e.Select(x => x / e.Sum()).ToArray(); }
            float[] NaiveSoftmaxFloat61(float[] z) { var e = z.Select(MathF.Exp).ToArray(); return e.Select(x => x / e.Sum()).ToArray(); }
            double zBreaksDouble = 709.78;
            float zBreaksFloat = 88.72f;
            """,
        ["6.2"] = "// exercise 6.2: task\ndouble Log1p62(double x) => Math.Log(1 + x);",
        ["6.3"] = "// exercise 6.3: task\ndouble[] z63 = [40.0, 0.0, 0.0];\ndouble notTop63 = 1 - Softmax(z63)[0];",
    };

    [Fact]
    public async Task TheClassGradesToTheExpectedGradebook()
    {
        var source = NotebookFile.Read(Reference);
        var student = Editions.Student(source);
        var right = source.Cells.Where(c => Exercises.TagOf(c)?.Role == ExerciseRole.Solution && c.IsCode)
            .ToDictionary(c => Exercises.TagOf(c)!.Id, c => c.Source.Replace(": solution", ": task", StringComparison.Ordinal), StringComparer.Ordinal);
        Notebook Answers(params string[] kinds) => kinds.Select((kind, i) => (kind, id: "6." + (i + 1)))
            .Aggregate(student, (nb, x) => x.kind switch { "right" => WithTask(nb, x.id, right[x.id]), "wrong" => WithTask(nb, x.id, Wrong[x.id]), _ => nb });
        var allRight = Answers("right", "right", "right");

        var expected = new List<(string Name, Notebook? Notebook, string[] Grades)>();
        for (var i = 1; i <= 8; i++)
        {
            expected.Add(($"s{i:00}-right", allRight, [P, P, P]));
        }

        expected.AddRange(
        [
            ("s09-blank", student, [F, F, F]),
            ("s10-blank", student, [F, F, F]),
            ("s11-blank", student, [F, F, F]),
            ("s12-wrong-6.1", Answers("wrong", "right", "right"), [F, P, P]),
            ("s13-wrong-6.2", Answers("right", "wrong", "right"), [P, F, P]),
            ("s14-wrong-6.3", Answers("right", "right", "wrong"), [P, P, F]),
            ("s15-all-wrong", Answers("wrong", "wrong", "wrong"), [F, F, F]),
            ("s16-half", Answers("wrong", "wrong", "right"), [F, F, P]),
            ("s17-compile-error", WithTask(allRight, "6.2", "// exercise 6.2: task\ndouble Log1p62(double x) => ;"), [P, F, P]),
            ("s18-loops", WithTask(allRight, "6.2", "// exercise 6.2: task\nwhile (true) { }"), [P, T, D]),
            ("s19-throwing-cell", WithExtraCell(allRight, "6.1", "throw new InvalidOperationException(\"a cell that throws\");"), [P, P, P]),
            ("s20-throwing-answer", WithTask(allRight, "6.2", "// exercise 6.2: task\ndouble Log1p62(double x) => throw new InvalidOperationException(\"not done yet\");"), [P, F, P]),
            ("s21-malformed", null, [D, D, D]),
            ("s22-deletes-files", WithExtraCell(allRight, "6.1",
                "foreach (var f in Directory.EnumerateFiles(\".\", \"*\", SearchOption.AllDirectories)) { File.Delete(f); }\nDirectory.CreateDirectory(\"junk\");"), [P, P, P]),
            ("s23-prints-megabytes", WithExtraCell(allRight, "6.1", "for (int i = 0; i < 8; i++) { Console.Write(new string('x', 1_000_000)); }"), [P, P, P]),
            ("s24-edited-check", WithCheck(Answers("right", "right", "blank"), "6.3", "// exercise 6.3: check\ndisplay(\"all good\");"), [P, P, F]),
            ("s25-deleted-check", WithoutCheck(Answers("right", "blank", "right"), "6.2"), [P, F, P]),
            ("s26-exits", WithTask(allRight, "6.2", "// exercise 6.2: task\nEnvironment.Exit(3);"), [P, F, D]),
            ("s27-folder", allRight, [P, P, P]),
            ("s28-dib", allRight, [P, P, P]),
            ("s29-first-only", Answers("right", "blank", "blank"), [P, F, F]),
            ("s30-own-cell", WithExtraCell(student, "6.3", right["6.3"].Replace("// exercise 6.3: task\n", "", StringComparison.Ordinal)), [F, F, P]),
        ]);

        using var folder = new TempFolder("class");
        var submissions = Directory.CreateDirectory(Path.Combine(folder.Path, "submissions")).FullName;
        foreach (var (name, notebook, _) in expected)
        {
            switch (name)
            {
                case "s21-malformed":
                    File.WriteAllText(Path.Combine(submissions, name + ".ipynb"), "{\"cells\": [ {\"cell_type\": \"code\", \"source\": ");
                    break;
                case "s22-deletes-files":
                case "s27-folder":
                    var own = Directory.CreateDirectory(Path.Combine(submissions, name)).FullName;
                    File.WriteAllText(Path.Combine(own, "06-numerical-stability.ipynb"), IpynbFormat.Write(notebook!));
                    File.WriteAllText(Path.Combine(own, "notes.txt"), "my notes");
                    break;
                case "s28-dib":
                    File.WriteAllText(Path.Combine(submissions, name + ".dib"), DibFormat.Write(notebook!));
                    break;
                default:
                    File.WriteAllText(Path.Combine(submissions, name + ".ipynb"), IpynbFormat.Write(notebook!));
                    break;
            }
        }

        var before = Snapshot(submissions);
        var stopwatch = Stopwatch.StartNew();
        var grades = await Grader.GradeAsync(Reference, Submissions.Find(submissions), GradingTests.Options, null, TestContext.Current.CancellationToken);
        stopwatch.Stop();
        var (csv, _) = Gradebook.Write(KeptGradebook, "Gradebook · synthetic class", ReferenceNotebook.Load(Reference).Exercises, grades);
        File.WriteAllText(Path.Combine(KeptGradebook, "wall-time.txt"), $"{grades.Count} submissions, parallelism {GradingTests.Options.Parallelism}: {stopwatch.Elapsed.TotalSeconds:0.0} s\n");

        Assert.Equal(expected.Select(e => e.Name), grades.Select(g => g.Student));
        var mismatches = expected.Zip(grades)
            .Where(x => !x.First.Grades.SequenceEqual(x.Second.Exercises.Select(e => Gradebook.Text(e).Split(':')[0])))
            .Select(x => $"{x.First.Name}: expected {string.Join(", ", x.First.Grades)}, got {string.Join(" | ", x.Second.Exercises.Select(Gradebook.Text))} {x.Second.Note}")
            .ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches) + "\n" + File.ReadAllText(csv));

        SubmissionGrade Of(string name) => grades.Single(g => g.Student == name);
        Assert.StartsWith("CHECK FAILED: double:", Of("s12-wrong-6.1").Exercises[0].Message, StringComparison.Ordinal);
        Assert.StartsWith("CHECK FAILED: your log1p", Of("s13-wrong-6.2").Exercises[1].Message, StringComparison.Ordinal);
        Assert.StartsWith("error CS0103", Of("s17-compile-error").Exercises[1].Message, StringComparison.Ordinal);
        Assert.Contains("60 s", Of("s18-loops").Exercises[1].Message, StringComparison.Ordinal);
        Assert.StartsWith("InvalidOperationException: not done yet", Of("s20-throwing-answer").Exercises[1].Message, StringComparison.Ordinal);
        Assert.StartsWith("unreadable notebook", Of("s21-malformed").Note, StringComparison.Ordinal);
        Assert.Contains("kernel process stopped", Of("s26-exits").Exercises[1].Message, StringComparison.Ordinal);
        Assert.Equal("s22-deletes-files/06-numerical-stability.ipynb", Of("s22-deletes-files").Submission);
        // The submissions themselves are untouched: each ran in a copy.
        Assert.Equal(before, Snapshot(submissions));
        // A check's message is a hint, never the answer the solution computes.
        Assert.DoesNotContain("709.782712893384", File.ReadAllText(csv), StringComparison.Ordinal);
    }

    private static Notebook WithTask(Notebook notebook, string id, string task) => notebook with
    {
        Cells = notebook.Cells.Select(c => Exercises.TagOf(c) is { Role: ExerciseRole.Task } t && t.Id == id ? c with { Source = task } : c).ToList(),
    };

    private static Notebook WithCheck(Notebook notebook, string id, string check) => notebook with
    {
        Cells = notebook.Cells.Select(c => Exercises.TagOf(c) is { Role: ExerciseRole.Check } t && t.Id == id ? c with { Source = check } : c).ToList(),
    };

    private static Notebook WithoutCheck(Notebook notebook, string id) => notebook with
    {
        Cells = notebook.Cells.Where(c => !(Exercises.TagOf(c) is { Role: ExerciseRole.Check } t && t.Id == id)).ToList(),
    };

    /// <summary>Adds an untagged cell of the student's own right after the task of <paramref name="id"/>.</summary>
    private static Notebook WithExtraCell(Notebook notebook, string id, string source)
    {
        var cells = notebook.Cells.ToList();
        var task = cells.FindIndex(c => Exercises.TagOf(c) is { Role: ExerciseRole.Task } t && t.Id == id);
        cells.Insert(task + 1, NotebookCell.Create("csharp", source));
        return notebook with { Cells = cells };
    }

    private static string Snapshot(string folder) => string.Join("\n", Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal).Select(f => Path.GetRelativePath(folder, f) + " " + File.ReadAllText(f).GetHashCode(StringComparison.Ordinal)));
}
