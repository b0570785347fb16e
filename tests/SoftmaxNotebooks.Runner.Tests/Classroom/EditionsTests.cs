using System.Net;
using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Commands;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Classroom;

/// <summary>
/// The <c>editions</c> output of notebook 4 (it has a markdown solution too): the instructor edition ran cleanly and
/// shows the solutions; no solution code, solution prose or solution output is anywhere in the student HTML, PDF or
/// <c>.ipynb</c>.
/// </summary>
public sealed partial class EditionsTests
{
    private const string Name = "04-maximum-entropy";

    [Fact]
    public async Task TheStudentEditionHoldsNoSolutionAnywhere()
    {
        using var folder = new TempFolder("editions");
        var sourcePath = Path.Combine(RunnerProcess.RepositoryRoot, "notebooks", Name + ".dib");
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await EditionsCommand.RunAsync([sourcePath], new EditionsOptions(folder.Path, TimeSpan.FromMinutes(5), Environment.ProcessorCount), pdf: true, stdout, stderr, TestContext.Current.CancellationToken);
        Assert.True(exitCode == 0, stdout + "\n" + stderr);

        var source = NotebookFile.Read(sourcePath);
        var others = source.Cells.Where(c => Exercises.TagOf(c)?.Role != ExerciseRole.Solution).Select(c => c.Source).ToList();
        var solutions = source.Cells.Where(c => Exercises.TagOf(c)?.Role == ExerciseRole.Solution).ToList();
        // Code lines only a solution has (declarations the task repeats, such as the faces, are not secrets); the
        // markdown solution's math is typeset differently in each format, so prose is searched for by its words.
        var lines = solutions.Where(c => c.IsCode).SelectMany(c => c.Source.Split('\n').Skip(1)).Select(l => l.Trim())
            .Where(l => l.Length >= 16 && !others.Any(o => o.Contains(l, StringComparison.Ordinal))).Distinct().ToList();
        var words = solutions.SelectMany(c => Identifier().Matches(c.Source).Select(m => m.Value))
            .Where(w => !others.Any(o => o.Contains(w, StringComparison.Ordinal))).Distinct().ToList();
        Assert.True(lines.Count >= 6, string.Join("\n", lines));
        Assert.True(words.Count >= 3, string.Join(", ", words));
        Assert.Contains("mirror", words);

        var executed = NotebookFile.Read(Path.Combine(folder.Path, "instructor", "notebooks", Name + ".ipynb"));
        Assert.False(executed.HasError);
        var solutionOutputs = executed.Cells.Where(c => Exercises.TagOf(c)?.Role == ExerciseRole.Solution)
            .SelectMany(c => c.Outputs).OfType<DisplayDataOutput>().SelectMany(o => o.Data).Where(d => d.MimeType == "text/plain").Select(d => d.Value.Trim()).ToList();
        Assert.Contains("β = 0.371049", solutionOutputs);

        var instructorHtml = HtmlText(File.ReadAllText(Path.Combine(folder.Path, "instructor", "handouts", Name + ".html")));
        var studentHtml = HtmlText(File.ReadAllText(Path.Combine(folder.Path, "student", "handouts", Name + ".html")));
        var studentNotebook = NotebookFile.Read(Path.Combine(folder.Path, "student", "notebooks", Name + ".ipynb"));
        var studentIpynb = string.Join("\n", studentNotebook.Cells.Select(c => c.Source));
        var instructorPdf = Tools.Run("pdftotext", Path.Combine(folder.Path, "instructor", "handouts", Name + ".pdf"), "-");
        var studentPdf = Tools.Run("pdftotext", Path.Combine(folder.Path, "student", "handouts", Name + ".pdf"), "-");

        Assert.All(studentNotebook.Cells, c => Assert.Empty(c.Outputs));
        // The student handout shows the worked part's outputs and leaves the exercises to run, and says so.
        Assert.Contains("partly executed: cells without output are left to run", studentHtml, StringComparison.Ordinal);
        foreach (var line in lines.Concat(solutionOutputs))
        {
            Assert.Contains(Normalise(line), Normalise(instructorHtml), StringComparison.Ordinal);
            Assert.DoesNotContain(Normalise(line), Normalise(studentHtml), StringComparison.Ordinal);
            Assert.DoesNotContain(line, studentIpynb, StringComparison.Ordinal);
        }

        foreach (var word in words)
        {
            Assert.DoesNotContain(word, studentPdf, StringComparison.Ordinal);
            Assert.DoesNotContain(word, studentHtml, StringComparison.Ordinal);
        }

        Assert.Contains(words, w => instructorPdf.Contains(w, StringComparison.Ordinal));
        // The scaffolds and the checks are what the student gets instead.
        Assert.Contains("double beta41 = double.NaN; // your code", studentHtml, StringComparison.Ordinal);
        Assert.Contains("double beta41 = double.NaN; // your code", studentIpynb, StringComparison.Ordinal);
        Assert.DoesNotContain("double beta41 = double.NaN; // your code", instructorHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_gives_the_notebooks_run_would_run()
    {
        // None of these notebooks has exercises, so each is found, read and skipped without a kernel.
        using var course = NotebookSetTests.Course();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exitCode = await EditionsCommand.RunAsync([course.Path], new EditionsOptions(course.File("out"), TimeSpan.FromMinutes(1), 2), pdf: false, stdout, stderr, TestContext.Current.CancellationToken);

        Assert.True(exitCode == 0, stderr.ToString());
        // Notebooks report as they finish, so in any order.
        var run = Runner.Notebooks.NotebookSet.Find([course.Path]).Notebooks.Select(n => $"skipped {n.Name}: no exercises").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(run, stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.Equal(4, run.Count);
    }

    /// <summary>The text a reader sees: scripts and styles dropped, tags removed, entities decoded.</summary>
    internal static string HtmlText(string html) =>
        WebUtility.HtmlDecode(Tag().Replace(ScriptOrStyle().Replace(html, ""), ""));

    internal static string Normalise(string text) => Whitespace().Replace(text, " ");

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\b[A-Za-z_][A-Za-z0-9_]{5,}\b")]
    private static partial Regex Identifier();
}
