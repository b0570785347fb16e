using System.Diagnostics;
using System.Globalization;
using System.Text;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Classroom;

/// <summary>
/// Every exercise's wrong answers (<see cref="WrongAnswers"/>) graded by the real grader: each must be rejected, while
/// the solution passes. One grading run per notebook: submission 0 holds every solution, submission k the k-th wrong
/// answer of every exercise that has one (and the solution elsewhere). Each exercise is graded by its own checks and
/// uses only the kit and the first cell, so wrong answers to different exercises in one submission do not interact;
/// a wrong answer that stopped the kernel would show as "did not run" in later exercises, which this test counts as
/// a failure, not a rejection. A wrong answer is rejected when the grader fails its exercise: a check fails, or the
/// answer uses a name the exercise forbids. The table of the last run is kept beside the tests (<see cref="KeptTable"/>).
/// </summary>
public sealed class WrongAnswerTests
{
    /// <summary>The wrong-answer table of the last run, one markdown file per notebook.</summary>
    public static string KeptTable => Path.Combine(AppContext.BaseDirectory, "classroom-wrong-answers");

    /// <summary>The kind of a wrong answer that calls what its exercise forbids: the grader must say so, whatever the checks find.</summary>
    internal const string ForbiddenShortcut = "forbidden shortcut";

    public static TheoryData<string> Notebooks() => new(ExercisesTests.RepositoryNotebooks.Select(Path.GetFileName)!);

    [Fact]
    public void EveryExerciseHasAtLeastTwoWrongAnswersAndEveryWrongAnswerAnExercise()
    {
        var ids = ExercisesTests.RepositoryNotebooks
            .SelectMany(p => Exercises.Read(NotebookFile.Read(p), p)).Select(e => e.Id).ToList();
        var counts = WrongAnswers.All.GroupBy(w => w.Exercise).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var missing = ids.Where(id => counts.GetValueOrDefault(id) < 2).Select(id => $"{id}: {counts.GetValueOrDefault(id)} wrong answers").ToList();
        Assert.True(missing.Count == 0, "every exercise needs at least two wrong answers in WrongAnswers.cs:\n" + string.Join("\n", missing));
        Assert.Empty(counts.Keys.Except(ids));
        Assert.All(WrongAnswers.All, w => Assert.False(string.IsNullOrWhiteSpace(w.Kind) || string.IsNullOrWhiteSpace(w.What), w.Exercise));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task EveryWrongAnswerIsRejectedAndTheSolutionPasses(string notebookName)
    {
        var path = Path.Combine(RunnerProcess.RepositoryRoot, "notebooks", notebookName);
        var source = NotebookFile.Read(path);
        var exercises = Exercises.Read(source, path);
        var wrong = exercises.ToDictionary(e => e.Id, e => WrongAnswers.All.Where(w => w.Exercise == e.Id).ToList(), StringComparer.Ordinal);
        var solutions = exercises.ToDictionary(e => e.Id, e => Solution(source, e.Id), StringComparer.Ordinal);
        var rounds = wrong.Values.Max(w => w.Count);

        using var folder = new TempFolder("wrong-answers");
        var submissions = Directory.CreateDirectory(Path.Combine(folder.Path, "submissions")).FullName;
        for (var k = 0; k <= rounds; k++)
        {
            var answers = exercises.ToDictionary(e => e.Id, e => k == 0 || wrong[e.Id].Count < k ? solutions[e.Id] : wrong[e.Id][k - 1].Task, StringComparer.Ordinal);
            var name = k == 0 ? "solution" : "wrong-" + k.ToString(CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(submissions, name + ".ipynb"), IpynbFormat.Write(WithTasks(Editions.Student(source), answers)));
        }

        var stopwatch = Stopwatch.StartNew();
        var grades = await GradeAsync(path, submissions);
        stopwatch.Stop();

        var problems = new List<string>();
        var table = new StringBuilder($"# Wrong answers · {notebookName}\n\n{rounds + 1} submissions graded in one run: {stopwatch.Elapsed.TotalSeconds:0.0} s\n\n")
            .Append("| exercise | answer | kind | graded |\n| --- | --- | --- | --- |\n");
        foreach (var exercise in exercises)
        {
            var (passed, message) = Outcome(grades, "solution", exercise);
            table.Append(CultureInfo.InvariantCulture, $"| {exercise.Id} | solution | | {(passed ? "passed" : "NOT PASSED: " + message)} |\n");
            if (!passed)
            {
                problems.Add($"{exercise.Id}: the solution is not passed: {message}");
            }

            for (var k = 1; k <= wrong[exercise.Id].Count; k++)
            {
                var answer = wrong[exercise.Id][k - 1];
                var (wrongPassed, why) = Outcome(grades, "wrong-" + k.ToString(CultureInfo.InvariantCulture), exercise);
                table.Append(CultureInfo.InvariantCulture, $"| {exercise.Id} | {answer.What} | {answer.Kind} | {(wrongPassed ? "NOT REJECTED" : "rejected: " + why)} |\n");
                if (wrongPassed)
                {
                    problems.Add($"{exercise.Id}: wrong answer '{answer.What}' ({answer.Kind}) is graded passed");
                }
                else if (why.Contains(" did not run", StringComparison.Ordinal) || why.Contains(" timed out", StringComparison.Ordinal))
                {
                    problems.Add($"{exercise.Id}: wrong answer '{answer.What}' was not graded by its checks: {why}");
                }
                else if (answer.Kind == ForbiddenShortcut && !why.Contains("which this exercise forbids", StringComparison.Ordinal))
                {
                    problems.Add($"{exercise.Id}: the forbidden shortcut '{answer.What}' was not found as a forbidden call: {why}");
                }
            }
        }

        Directory.CreateDirectory(KeptTable);
        File.WriteAllText(Path.Combine(KeptTable, Path.GetFileNameWithoutExtension(notebookName) + ".md"), table.ToString());
        TestContext.Current.TestOutputHelper?.WriteLine(table.ToString());
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n\n" + table);
    }

    /// <summary>An exercise's code solution as the content of its task cell.</summary>
    internal static string Solution(Notebook source, string id) => string.Join("\n\n", source.Cells
        .Where(c => c.IsCode && Exercises.TagOf(c) is { Role: ExerciseRole.Solution } t && t.Id == id)
        .Select(c => c.Source.Split('\n', 2) is [_, var body] ? body : ""));

    /// <summary>The notebook with each exercise's code task cell holding the given code.</summary>
    internal static Notebook WithTasks(Notebook student, IReadOnlyDictionary<string, string> tasks) => student with
    {
        Cells = student.Cells.Select(c => c.IsCode && Exercises.TagOf(c) is { Role: ExerciseRole.Task } t && tasks.TryGetValue(t.Id, out var code)
            ? c with { Source = $"// exercise {t.Id}: task\n{code}" }
            : c).ToList(),
    };

    // The only coupling to the grader: grade a folder of submission files, and read each exercise's outcome.
    private static async Task<IReadOnlyList<SubmissionGrade>> GradeAsync(string reference, string submissions) =>
        await Grader.GradeAsync(reference, Submissions.Find(submissions), GradingTests.Options, null, TestContext.Current.CancellationToken);

    private static (bool Passed, string Message) Outcome(IReadOnlyList<SubmissionGrade> grades, string student, Exercise exercise)
    {
        var grade = grades.Single(g => g.Student == student).Exercises.Single(e => e.ExerciseId == exercise.Id);
        var text = $"{Gradebook.Points(grade.CheckPoints, grade.Checks.Sum(c => c.MaxPoints))} {Gradebook.Text(grade)}";
        return (grade.Outcome == ExerciseOutcome.Passed, text.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal));
    }
}
