using System.Runtime.Versioning;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Commands;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Execution.Sandbox;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary><c>grade</c> sandboxes by default and says so; without bubblewrap it refuses, unless told what is given up.</summary>
[SupportedOSPlatform("linux")]
public sealed class GradeSandboxCommandTests
{
    [Fact]
    public async Task Without_bubblewrap_grade_refuses_and_the_flag_runs_it_unsandboxed_with_a_warning()
    {
        using var course = new TempFolder("no-bwrap");
        var reference = await CourseAsync(course);

        // A PATH with every program of /usr/bin but bwrap: a machine where bubblewrap is not installed.
        var bin = Directory.CreateDirectory(course.File("bin")).FullName;
        foreach (var program in Directory.EnumerateFiles("/usr/bin").Where(p => Path.GetFileName(p) != "bwrap"))
        {
            File.CreateSymbolicLink(Path.Combine(bin, Path.GetFileName(program)), program);
        }

        var noBwrap = new Dictionary<string, string> { ["PATH"] = bin };
        var (refused, refusal) = await RunnerProcess.RunAsync(course.Path, noBwrap, "grade", "submissions", "--notebook", reference, "--output", "grades");
        Assert.Equal(1, refused);
        Assert.Contains("error: bubblewrap (bwrap) is not installed; grading runs every submission in it. Install it with `sudo apt-get install bubblewrap`", refusal, StringComparison.Ordinal);
        Assert.False(Directory.Exists(course.File("grades")));

        var (exitCode, output) = await RunnerProcess.RunAsync(course.Path, noBwrap, "grade", "submissions", "--notebook", reference, "--output", "grades", GradeCommand.NoSandbox);
        Assert.True(exitCode == 0, output);
        Assert.Contains("warning: without the sandbox, submissions are untrusted code running with your user's rights", output, StringComparison.Ordinal);
        Assert.Contains("graded alice: 3/3 passed", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_bubblewrap_grade_says_which_sandbox_and_limits_it_uses()
    {
        using var course = new TempFolder("bwrap");
        var reference = await CourseAsync(course);

        var (exitCode, output) = await RunnerProcess.RunAsync(course.Path, null, "grade", "submissions", "--notebook", reference, "--output", "grades",
            "--sandbox-memory", "1024", "--sandbox-processes", "96", "--sandbox-disk", "32", "--output-limit", "8");
        Assert.True(exitCode == 0, output);
        Assert.Contains("sandbox: bubblewrap sandbox per kernel: no network, only its working copy writable (a tmpfs), memory 1 GiB, 96 processes/threads, working copy 32 MiB, /tmp 32 MiB", output, StringComparison.Ordinal);
        Assert.Contains("graded alice: 3/3 passed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("warning:", output, StringComparison.Ordinal);

        var (tooSmall, message) = await RunnerProcess.RunAsync(course.Path, null, "grade", "submissions", "--notebook", reference, "--sandbox-memory", "100");
        Assert.Equal(1, tooSmall);
        Assert.Contains("the sandbox's MemoryBytes must be at least 512 MiB", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_that_loads_NuGet_packages_grades_offline_in_the_sandbox()
    {
        // Notebook 09 loads Plotly.NET with #r "nuget: …": restored from NuGet's packages folder, bound read-only.
        var path = Path.Combine(RunnerProcess.RepositoryRoot, "notebooks", "09-plotly-net.dib");
        using var folder = new TempFolder("grade-nuget");
        await File.WriteAllTextAsync(folder.File("solutions.ipynb"), IpynbFormat.Write(Editions.Instructor(NotebookFile.Read(path))), TestContext.Current.CancellationToken);
        var reference = ReferenceNotebook.Load(path);
        Assert.Contains(KernelTool.PackagesRoot, reference.ReadPaths);
        var options = Tests.Classroom.GradingTests.Options with { Launcher = new KernelLauncher(KernelSandbox.Create(SandboxLimits.Default, reference.ReadPaths)) };
        var grade = Assert.Single(await Grader.GradeAsync(path, Submissions.Find(folder.Path), options, null, TestContext.Current.CancellationToken));
        Assert.True(grade.Note is null && grade.Passed == grade.Exercises.Count, string.Join("; ", grade.Exercises.Select(Gradebook.Text)) + " " + grade.Note);
    }

    /// <summary>A reference (the attack suite's) and one submission, alice's solutions; returns the reference's path.</summary>
    private static async Task<string> CourseAsync(TempFolder course)
    {
        var reference = course.File("reference.dib");
        await File.WriteAllTextAsync(reference, AttackNotebooks.Reference(Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "kit"), "unused"), TestContext.Current.CancellationToken);
        var submissions = Directory.CreateDirectory(course.File("submissions")).FullName;
        await File.WriteAllTextAsync(Path.Combine(submissions, "alice.ipynb"), IpynbFormat.Write(Editions.Instructor(NotebookFile.Read(reference))), TestContext.Current.CancellationToken);
        return reference;
    }
}
