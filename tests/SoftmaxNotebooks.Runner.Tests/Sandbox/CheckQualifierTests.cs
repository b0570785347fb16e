using System.Runtime.Versioning;
using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Classroom.Integrity;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Execution.Sandbox;
using SoftmaxNotebooks.Runner.Notebooks;
using SoftmaxNotebooks.Runner.Tests.Classroom;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>Checks whose kit and framework names a submission cannot shadow.</summary>
public sealed partial class CheckQualifierTests
{
    /// <summary>The attack suite's reference (three exercises in the shapes of notebook 06's) in a folder, loading the repository's kit.</summary>
    internal static string FixtureReference(TempFolder folder)
    {
        var path = folder.File("reference.dib");
        File.WriteAllText(path, AttackNotebooks.Reference(Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "kit"), "marker"));
        return path;
    }

    internal static async Task<IReadOnlyDictionary<string, string>> QualifiedAsync(string path)
    {
        await KernelTool.RestoreAsync(TestContext.Current.CancellationToken);
        return CheckQualifier.QualifyChecks(NotebookFile.Read(path), path, KernelTool.Assemblies!);
    }

    [Fact]
    public async Task Every_check_of_every_notebook_is_qualified_line_for_line()
    {
        foreach (var path in ExercisesTests.RepositoryNotebooks)
        {
            var notebook = NotebookFile.Read(path);
            var checks = Exercises.Read(notebook, path).SelectMany(e => e.Checks).Select(c => c.Source).ToList();
            var qualified = await QualifiedAsync(path);
            Assert.Equal(checks.Order(StringComparer.Ordinal), qualified.Keys.Order(StringComparer.Ordinal));
            foreach (var check in checks)
            {
                var before = check.Split('\n');
                var after = qualified[check].Split('\n');
                Assert.Equal(before.Length, after.Length);
                for (var i = 0; i < before.Length; i++)
                {
                    // Every Check call stays on its line, qualified: a failed claim's "(line L)" still names it.
                    Assert.Equal(UnqualifiedCheck().Count(before[i]), Regex.Count(after[i], @"global::SoftmaxNotebooks\.Check\."));
                    Assert.DoesNotMatch(UnqualifiedCheck(), after[i]);
                }
            }
        }
    }

    /// <summary>The qualified check of an exercise (its first check cell).</summary>
    internal static string Of(IReadOnlyDictionary<string, string> qualified, string id) =>
        qualified.First(p => p.Key.StartsWith($"// exercise {id}: check", StringComparison.Ordinal)).Value;

    [Fact]
    public async Task Kit_framework_and_kernel_names_are_qualified_and_the_student_s_are_not()
    {
        using var folder = new TempFolder("qualify");
        var checks = await QualifiedAsync(FixtureReference(folder));
        Assert.Equal("""
            // exercise 1.2: check
            double[] z12 = [3.0, 1.0, 2.0];
            global::Microsoft.DotNet.Interactive.Kernel.display(global::SoftmaxNotebooks.Check.That(global::System.Linq.Enumerable.Max(Shifted12(z12)) == 0 && global::System.Linq.Enumerable.Max(global::System.Linq.Enumerable.Zip(global::SoftmaxNotebooks.SoftmaxFunctions.Softmax(Shifted12(z12)), global::SoftmaxNotebooks.SoftmaxFunctions.Softmax(z12), (a, b) => global::System.Math.Abs(a - b))) < 1e-15,
                "Shifted12 subtracts the maximum and leaves softmax unchanged (hint: z.Max())"));
            """, Of(checks, "1.2"));
        Assert.Contains("global::SoftmaxNotebooks.Check.Close(lse11, global::SoftmaxNotebooks.SoftmaxFunctions.LogSumExp([1.0, 2.0, 3.0]), 1e-12,", Of(checks, "1.1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_with_a_query_expression_is_refused()
    {
        using var folder = new TempFolder("qualify");
        var path = folder.File("query.dib");
        File.WriteAllText(path, """
            #!csharp

            var setup = 1;

            #!markdown

            ## Exercises

            #!csharp

            // exercise 1.1: solution
            int[] xs = [1, 2, 3];

            #!csharp

            // exercise 1.1: check
            var ys = from x in xs where x > 1 select x;
            """);
        var e = await Assert.ThrowsAsync<NotebookFormatException>(() => QualifiedAsync(path));
        Assert.Contains("exercise 1.1 uses a query expression (line 2)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_check_that_does_not_compile_against_the_reference_is_refused()
    {
        using var folder = new TempFolder("qualify");
        var path = folder.File("broken.dib");
        File.WriteAllText(path, "#!csharp\n\nvar setup = 1;\n\n#!markdown\n\n## Exercises\n\n#!csharp\n\n// exercise 1.1: solution\nint answer = 42;\n\n#!csharp\n\n// exercise 1.1: check\nif (answr != 42) throw new Exception(\"no\");\n");
        var e = await Assert.ThrowsAsync<NotebookFormatException>(() => QualifiedAsync(path));
        Assert.Contains("the check of exercise 1.1 does not compile against the notebook's own cells", e.Message, StringComparison.Ordinal);
        Assert.Contains("answr", e.Message, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"(?<![\w.:])Check\.")]
    private static partial Regex UnqualifiedCheck();
}

/// <summary>
/// The same in the real kernel: a submission that declares its own <c>Check</c>, <c>Math</c> and <c>Softmax</c> passes
/// today's checks with wrong answers and fails the qualified ones, while the solutions pass both.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class QualifiedChecksInTheKernelTests
{
    [Fact]
    public async Task Shadowed_names_fool_the_written_checks_but_not_the_qualified_ones()
    {
        using var work = new TempFolder("qualified");
        var path = CheckQualifierTests.FixtureReference(work);
        var notebook = NotebookFile.Read(path);
        var written = Exercises.Read(notebook, path).ToDictionary(e => e.Id, e => e.Checks.Single().Source);
        var qualified = await CheckQualifierTests.QualifiedAsync(path);
        var setup = notebook.Cells.First(c => c.IsCode).Source;
        var solutions = notebook.Cells.Skip(Exercises.SectionStart(notebook)).Where(c => c.IsCode && Exercises.TagOf(c)?.Role == ExerciseRole.Solution).Select(c => c.Source);
        await using var kernel = await SandboxedKernel.StartAsync(KernelSandbox.Create(SandboxLimits.Default, [SandboxFixture.Kit]), work.Path);
        Assert.True((await kernel.SubmitAsync(setup)).Succeeded);
        foreach (var solution in solutions)
        {
            Assert.True((await kernel.SubmitAsync(solution)).Succeeded);
        }

        foreach (var (id, check) in written.Select(w => (w.Key, qualified[w.Value])))
        {
            var honest = await kernel.SubmitAsync(check);
            Assert.True(honest.Succeeded, $"the solution of {id} fails its qualified check: {honest}");
        }

        Assert.True((await kernel.SubmitAsync(AttackNotebooks.Shadowing)).Succeeded);
        foreach (var id in written.Keys)
        {
            var fooled = await kernel.SubmitAsync(written[id]);
            Assert.True(fooled.Succeeded, $"the written check of {id} was expected to be fooled: {fooled}");
            var held = await kernel.SubmitAsync(qualified[written[id]]);
            Assert.False(held.Succeeded, $"the qualified check of {id} was fooled: {held}");
            Assert.Contains("CHECK FAILED", held.Failure, StringComparison.Ordinal);
        }
    }
}
