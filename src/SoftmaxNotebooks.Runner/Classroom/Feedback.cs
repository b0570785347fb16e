using System.Globalization;
using System.Text;
using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>
/// A student's feedback: their graded notebook as it ran (their own cells with their outputs, each visible check with
/// its result and hint), with the points of every check, exercise and hand-graded part and the instructor's comments
/// written in as markdown. It holds nothing the student edition does not: no solution, no rubric, and of a hidden check
/// only its result and points, never its code or its message (nbgrader's issue #917 leaked exactly that).
/// </summary>
internal static class Feedback
{
    /// <summary>The folder, under the grading output, of the feedback files.</summary>
    public const string FolderName = "feedback";

    /// <summary>Builds one student's feedback notebook.</summary>
    /// <param name="reference">The reference the submission was graded against.</param>
    /// <param name="grade">The submission's grade (with its hand-graded marks, if any).</param>
    /// <param name="title">Names the assignment, for example the reference notebook's title.</param>
    public static Notebook Build(ReferenceNotebook reference, SubmissionGrade grade, string title)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(grade);
        var cells = new List<NotebookCell> { Markdown(Summary(reference, grade, title)) };
        if (grade is not { Executed: { } executed, Graded: { } graded })
        {
            return new Notebook(Notebook.DefaultKernelInfo(), cells);
        }

        var grades = grade.Exercises.ToDictionary(e => e.ExerciseId, StringComparer.Ordinal);
        var exercises = reference.Exercises.ToDictionary(e => e.Id, StringComparer.Ordinal);
        // The first cell is the instructor's kit-loading cell, with the grading machine's paths: not the student's.
        for (var i = 1; i < executed.Notebook.Cells.Count; i++)
        {
            var cell = executed.Notebook.Cells[i];
            var role = graded.Cells[i];
            if (role is not { ExerciseId: { } id, Check: { } index })
            {
                cells.Add(cell);
                continue;
            }

            var check = grades[id].Checks[index];
            if (check.Hidden)
            {
                cells.Add(Markdown($"*Hidden check {index + 1} of exercise {id}: {CheckResult(check)}.* Its code is not shown, so that an answer cannot be tuned to it."));
            }
            else
            {
                // The check as the reference has it (grading ran it with its names fully qualified).
                cells.Add(cell with { Source = exercises[id].Checks[index].Source });
                cells.Add(Markdown($"**Check {index + 1} of exercise {id}: {CheckResult(check)}.**" + (check.Message is { } message ? "\n\n> " + Escape(message) : "")));
            }

            if (index == exercises[id].Checks.Count - 1)
            {
                cells.Add(Markdown(ExerciseSummary(grades[id])));
            }
        }

        return executed.Notebook with { Cells = cells };
    }

    /// <summary>Writes each student's feedback as <c>&lt;student&gt;.ipynb</c> and a self-contained <c>&lt;student&gt;.html</c> page.</summary>
    /// <param name="folder">The feedback folder (it also gets an index page for the instructor).</param>
    /// <param name="reference">The reference.</param>
    /// <param name="grades">The grades.</param>
    /// <param name="title">Names the assignment.</param>
    /// <returns>The notebooks and pages written, in the order of the grades.</returns>
    public static IReadOnlyList<(string Notebook, string Page)> Write(string folder, ReferenceNotebook reference, IReadOnlyList<SubmissionGrade> grades, string title)
    {
        ArgumentNullException.ThrowIfNull(grades);
        Directory.CreateDirectory(folder);
        var sources = grades.Select(g =>
        {
            var notebook = Build(reference, g, title);
            var path = Path.Combine(folder, g.Student + ".ipynb");
            AtomicFile.WriteAllText(path, IpynbFormat.Write(notebook));
            return new HandoutSource(path, notebook, HandoutStatus.Graded);
        }).ToList();
        // Self-contained pages: each one can be sent to its student on its own. Students read code, so it is open.
        var report = new HandoutPublisher(new HandoutOptions { OutputDirectory = folder, SingleFile = true, Code = CodeFolding.Open, PrintedCode = PrintedCode.Full })
            .Publish(sources);
        if (report.Handouts.FirstOrDefault(h => h.Status == HandoutStatus.RenderFailed) is { } failed)
        {
            throw new RunnerException($"{failed.NotebookPath}: the feedback page could not be written: {failed.Error}");
        }

        return sources.Select(s => (s.NotebookPath, report.Handouts.First(h => h.NotebookPath == Path.GetFullPath(s.NotebookPath)).HtmlPath!)).ToList();
    }

    /// <summary>The opening cell: the assignment, the student, the points, and a table of every exercise.</summary>
    private static string Summary(ReferenceNotebook reference, SubmissionGrade grade, string title)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# Feedback · {Escape(title)}\n\n")
            .Append(CultureInfo.InvariantCulture, $"**{Escape(grade.Student)}** ({Escape(grade.Submission)}): **{Gradebook.Points(grade.Points, grade.MaxPoints)} points**")
            .Append(grade.Exercises.Any(e => e.HandGradedMaxPoints > 0 && e.Mark is null) ? ", parts graded by hand not marked yet" : "")
            .Append(".\n\n");
        if (grade.Note is { } note)
        {
            text.Append("> ").Append(Escape(note)).Append("\n\n");
        }

        text.Append("| exercise | points | automatic checks | graded by hand |\n| --- | --- | --- | --- |\n");
        foreach (var (e, exercise) in grade.Exercises.Zip(reference.Exercises))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"| {e.ExerciseId} | {Gradebook.Points(e.Points, e.MaxPoints)} | {Cell(Outcome(e))} | {Cell(exercise.HandGradedPoints > 0 ? Gradebook.ByHand(e) : "—")} |\n");
        }

        return text.Append("\nEach exercise below shows your cells as they ran, each check with its result and hint, and the exercise's points.").ToString();
    }

    private static string ExerciseSummary(ExerciseGrade grade)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"#### Exercise {grade.ExerciseId}: {Gradebook.Points(grade.Points, grade.MaxPoints)} points\n\n")
            .Append(CultureInfo.InvariantCulture, $"* Automatic checks: {Gradebook.Points(grade.CheckPoints, grade.Checks.Sum(c => c.MaxPoints))} ({Escape(Outcome(grade))}).\n");
        foreach (var call in grade.Forbidden)
        {
            text.Append("* Not counted: your answer ").Append(Escape(call.ToString())).Append(".\n");
        }

        if (grade.HandGradedMaxPoints > 0)
        {
            var byHand = Escape(Gradebook.ByHand(grade));
            text.Append("* Graded by hand: ").Append(byHand).Append(byHand.EndsWith('.') ? "\n" : ".\n");
        }

        return text.ToString();
    }

    private static string Outcome(ExerciseGrade grade) => grade.Outcome switch
    {
        ExerciseOutcome.Passed => "all passed",
        _ when grade.Forbidden.Count > 0 => "a forbidden call",
        _ => Gradebook.Text(grade),
    };

    private static string CheckResult(CheckGrade check) => check.Outcome switch
    {
        ExerciseOutcome.Passed => "passed",
        ExerciseOutcome.Failed => "failed",
        ExerciseOutcome.TimedOut => "timed out",
        _ => "did not run",
    } + ", " + Gradebook.Points(check.Points, check.MaxPoints) + (check.MaxPoints == 1 ? " point" : " points");

    private static NotebookCell Markdown(string text) => NotebookCell.Create(KernelNames.Markdown, text);

    // Student names and messages are untrusted text inside markdown: no tags, no table breaks, no emphasis of their own.
    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace("*", "\\*", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal).Replace("`", "\\`", StringComparison.Ordinal)
        .Replace("$", "\\$", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static string Cell(string text) => Escape(text).Replace("|", "\\|", StringComparison.Ordinal);
}
