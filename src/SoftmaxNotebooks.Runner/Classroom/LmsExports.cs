using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>
/// Grades in the formats learning-management systems import: a Gradescope autograder <c>results.json</c> per student
/// (its published output format: score, max_score and a test per check and hand-graded part), and a Canvas-style
/// gradebook CSV with one column per assignment holding the points.
/// </summary>
internal static class LmsExports
{
    /// <summary>The folder, under the grading output, of the per-student Gradescope files (<c>&lt;student&gt;/results.json</c>).</summary>
    public const string GradescopeFolder = "gradescope";

    /// <summary>The Canvas-style gradebook's file name.</summary>
    public const string CanvasFile = "canvas.csv";

    /// <summary>The Gradescope results of one submission. A hidden check's test shows only its result, and only once the instructor publishes the grades.</summary>
    /// <param name="reference">The reference.</param>
    /// <param name="grade">The submission's grade.</param>
    public static JsonObject Gradescope(ReferenceNotebook reference, SubmissionGrade grade)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(grade);
        var tests = new JsonArray();
        foreach (var (e, exercise) in grade.Exercises.Zip(reference.Exercises))
        {
            var forbidden = e.Forbidden.Count > 0 ? "not counted: your answer " + e.Forbidden[0] : null;
            foreach (var check in e.Checks)
            {
                var score = forbidden is null ? check.Points : 0;
                var output = check.Hidden ? (check.Outcome == ExerciseOutcome.Passed ? "passed" : "failed")
                    : forbidden ?? (check.Outcome == ExerciseOutcome.Passed ? "passed" : check.Message ?? Gradebook.Text(e));
                tests.Add(Test($"Exercise {e.ExerciseId} · {(check.Hidden ? "hidden check" : "check")} {check.Index + 1}",
                    $"{e.ExerciseId}.{check.Index + 1}", score, check.MaxPoints, score == check.MaxPoints, output, check.Hidden ? "after_published" : "visible"));
            }

            if (exercise.HandGradedPoints > 0)
            {
                tests.Add(Test($"Exercise {e.ExerciseId} · graded by hand", $"{e.ExerciseId}.hand", e.Mark?.Points ?? 0, exercise.HandGradedPoints,
                    e.Mark is { } m && m.Points == exercise.HandGradedPoints, e.Mark is { } mark ? (mark.Comment.Length > 0 ? mark.Comment : "marked") : "not marked yet", "visible"));
            }
        }

        return new JsonObject
        {
            ["score"] = grade.Points,
            ["execution_time"] = (int)Math.Ceiling(grade.Elapsed.TotalSeconds),
            ["output"] = $"{grade.Student}: {Gradebook.Points(grade.Points, grade.MaxPoints)} points" + (grade.Note is { } note ? " (" + note + ")" : ""),
            ["tests"] = tests,
        };
    }

    /// <summary>The Canvas-style CSV: the student column, Canvas's four identifier columns (left empty: the gradebook knows names only), and the assignment's points, with the points possible in the second row.</summary>
    /// <param name="assignment">The assignment's name (the column Canvas creates or matches).</param>
    /// <param name="maxPoints">Its points possible.</param>
    /// <param name="grades">One row per submission.</param>
    public static string Canvas(string assignment, double maxPoints, IReadOnlyList<SubmissionGrade> grades)
    {
        ArgumentNullException.ThrowIfNull(grades);
        var csv = new StringBuilder()
            .Row(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", assignment])
            .Row(["Points Possible", "", "", "", "", Gradebook.Number(maxPoints)]);
        foreach (var g in grades)
        {
            csv.Row([g.Student, "", "", "", "", Gradebook.Number(g.Points)]);
        }

        return csv.ToString();
    }

    /// <summary>Writes every student's <c>gradescope/&lt;student&gt;/results.json</c> and the Canvas CSV, each atomically.</summary>
    /// <param name="folder">The grading output folder.</param>
    /// <param name="reference">The reference.</param>
    /// <param name="assignment">The assignment's name.</param>
    /// <param name="grades">The grades.</param>
    /// <returns>The Canvas CSV and the results files.</returns>
    public static (string Canvas, IReadOnlyList<string> Results) Write(string folder, ReferenceNotebook reference, string assignment, IReadOnlyList<SubmissionGrade> grades)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(grades);
        var options = new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var results = grades.Select(g =>
        {
            var path = Path.Combine(folder, GradescopeFolder, g.Student, "results.json");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            AtomicFile.WriteAllText(path, Gradescope(reference, g).ToJsonString(options) + "\n");
            return path;
        }).ToList();
        var canvas = Path.Combine(folder, CanvasFile);
        AtomicFile.WriteAllText(canvas, Canvas(assignment, reference.Exercises.Sum(e => e.Points), grades));
        return (canvas, results);
    }

    private static JsonObject Test(string name, string number, double score, double maxScore, bool passed, string output, string visibility) => new()
    {
        ["name"] = name,
        ["number"] = number,
        ["score"] = score,
        ["max_score"] = maxScore,
        ["status"] = passed ? "passed" : "failed",
        ["output"] = output,
        ["visibility"] = visibility,
    };
}
