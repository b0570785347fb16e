using System.Diagnostics;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Classroom;

/// <summary>Grading in the real kernel: every solution passes its check and every scaffold fails it.</summary>
public sealed class GradingTests
{
    internal static readonly GradeOptions Options = new(Environment.ProcessorCount, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5));

    [Fact]
    public async Task EverySolutionPassesAndEveryScaffoldFailsItsCheck()
    {
        using var folder = new TempFolder("grade-editions");
        var failures = new List<string>();
        foreach (var path in ExercisesTests.RepositoryNotebooks)
        {
            var source = NotebookFile.Read(path);
            var submissions = Directory.CreateDirectory(Path.Combine(folder.Path, Path.GetFileNameWithoutExtension(path))).FullName;
            File.WriteAllText(Path.Combine(submissions, "solutions.ipynb"), IpynbFormat.Write(Editions.Instructor(source)));
            File.WriteAllText(Path.Combine(submissions, "scaffolds.ipynb"), IpynbFormat.Write(Editions.Student(source)));
            var grades = await Grader.GradeAsync(path, Submissions.Find(submissions), Options, null, TestContext.Current.CancellationToken);
            var solutions = grades.Single(g => g.Student == "solutions");
            var scaffolds = grades.Single(g => g.Student == "scaffolds");
            Assert.Null(solutions.Note);
            Assert.Null(scaffolds.Note);
            failures.AddRange(solutions.Exercises.Where(e => e.Outcome != ExerciseOutcome.Passed).Select(e => $"{path}: solution of {e.ExerciseId}: {Gradebook.Text(e)}"));
            failures.AddRange(scaffolds.Exercises.Where(e => e.Outcome != ExerciseOutcome.Failed).Select(e => $"{path}: scaffold of {e.ExerciseId}: {Gradebook.Text(e)}"));
            // A failing check gives its hint, never a bare stack trace.
            failures.AddRange(scaffolds.Exercises.Where(e => e.Message is null || e.Message.Contains(" at ", StringComparison.Ordinal) && !e.Message.Contains("CHECK FAILED", StringComparison.Ordinal))
                .Select(e => $"{path}: scaffold of {e.ExerciseId} fails without a clear message: {e.Message}"));
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task TheGradeCommandRefusesAReferenceWithoutExercises()
    {
        using var folder = new TempFolder("grade-none");
        var reference = folder.File("plain.dib");
        File.WriteAllText(reference, "#!csharp\n\nvar x = 1;\n");
        Directory.CreateDirectory(folder.File("submissions"));
        var (exitCode, output) = await RunnerProcess.RunAsync(folder.Path, null, "grade", "submissions", "--notebook", reference);
        Assert.Equal(1, exitCode);
        Assert.Contains("has no exercises", output, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHelpWarnsThatSubmissionsAreUntrustedCode()
    {
        var grade = Program.BuildCommand().Subcommands.Single(c => c.Name == "grade");
        Assert.Contains("untrusted code", grade.Description, StringComparison.Ordinal);
        Assert.Contains("refuses to run without the sandbox unless given " + Commands.GradeCommand.NoSandbox, grade.Description, StringComparison.Ordinal);
    }
}
