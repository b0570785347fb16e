using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>How one exercise of one submission came out.</summary>
public enum ExerciseOutcome
{
    /// <summary>The reference check cell ran without error.</summary>
    Passed,

    /// <summary>The check cell failed (a failed claim, an exception, a compile error), or the kernel died in the exercise.</summary>
    Failed,

    /// <summary>The exercise's cells were never reached: the file was unreadable, or an earlier exercise stopped the kernel.</summary>
    DidNotRun,

    /// <summary>A cell of the exercise ran past the cell or submission time limit; its kernel was stopped.</summary>
    TimedOut,
}

/// <summary>One exercise's grade.</summary>
/// <param name="ExerciseId">The exercise, for example <c>3.2</c>.</param>
/// <param name="Outcome">How it came out.</param>
/// <param name="Message">The check's message, or why the exercise did not run or timed out; null when passed.</param>
public sealed record ExerciseGrade(string ExerciseId, ExerciseOutcome Outcome, string? Message);

/// <summary>One submission's grades.</summary>
/// <param name="Student">The student: the file's name without extension, or the folder's name for a folder submission.</param>
/// <param name="Submission">The submitted notebook, relative to the submissions folder.</param>
/// <param name="Exercises">One grade per exercise of the reference, in its order.</param>
/// <param name="Note">A problem with the whole submission (unreadable file, kernel that did not start), or null.</param>
/// <param name="Elapsed">Wall-clock time of grading it.</param>
public sealed record SubmissionGrade(string Student, string Submission, IReadOnlyList<ExerciseGrade> Exercises, string? Note, TimeSpan Elapsed)
{
    /// <summary>The number of passed exercises.</summary>
    public int Passed => Exercises.Count(e => e.Outcome == ExerciseOutcome.Passed);
}

/// <summary>Options of <see cref="Grader"/>.</summary>
/// <param name="Parallelism">Submissions graded at once (each in its own kernel process).</param>
/// <param name="CellTimeout">The longest one exercise cell may run.</param>
/// <param name="SubmissionTimeout">The longest one submission may take, kernel start included.</param>
public sealed record GradeOptions(int Parallelism, TimeSpan CellTimeout, TimeSpan SubmissionTimeout)
{
    /// <summary>Defaults: one submission per core, 60 s per cell, 5 minutes per submission.</summary>
    public static GradeOptions Default { get; } = new(Environment.ProcessorCount, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5));
}

/// <summary>
/// Grades submitted student notebooks against a reference notebook with exercises. Each submission runs in its own
/// kernel process, in a fresh copy of its files, with a time limit per cell and per submission. What runs is the
/// reference's first code cell (it loads the kit; relative <c>#r</c> paths are made absolute), then every code cell of
/// the submission's exercise section, in its order, with each check cell replaced by the reference's check: a student
/// who edits or deletes a check is graded by the real one. A failed cell does not stop the run (later exercises may
/// not depend on it), so every exercise gets its own grade from its check cell; a cell that times out or kills its
/// kernel ends the submission, and the exercises after it did not run. Submissions are untrusted code: grade them in a
/// sandbox or container (the copy protects the other submissions' files, not the machine).
/// </summary>
public static partial class Grader
{
    private const int MessageLimit = 400;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Finds the submissions in a folder: each <c>.ipynb</c>/<c>.dib</c> file in it, and each subfolder (one notebook inside).</summary>
    /// <param name="folder">The submissions folder.</param>
    /// <returns>(student, path of the file or folder) in ordinal order of the student names.</returns>
    public static IReadOnlyList<(string Student, string Path)> FindSubmissions(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var files = Directory.EnumerateFiles(folder).Where(NotebookFile.IsNotebook).Select(f => (Path.GetFileNameWithoutExtension(f), f));
        var folders = Directory.EnumerateDirectories(folder).Where(d => !Path.GetFileName(d).StartsWith('.')).Select(d => (Path.GetFileName(d), d));
        return files.Concat(folders).OrderBy(s => s.Item1, StringComparer.Ordinal).ToList();
    }

    /// <summary>Grades every submission; one bad submission never stops the others.</summary>
    /// <param name="referencePath">The reference notebook (tasks, solutions and checks).</param>
    /// <param name="submissions">(student, file or folder) pairs, for example from <see cref="FindSubmissions"/>.</param>
    /// <param name="options">Parallelism and time limits.</param>
    /// <param name="graded">Called as each submission is graded (from several threads; may be null).</param>
    /// <param name="cancellationToken">Stops grading.</param>
    /// <returns>One grade per submission, in the order given.</returns>
    /// <exception cref="NotebookFormatException">The reference cannot be read or has no valid exercises.</exception>
    public static async Task<IReadOnlyList<SubmissionGrade>> GradeAsync(
        string referencePath, IReadOnlyList<(string Student, string Path)> submissions, GradeOptions options, Action<SubmissionGrade>? graded, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(referencePath);
        ArgumentNullException.ThrowIfNull(submissions);
        ArgumentNullException.ThrowIfNull(options);
        var reference = Reference.Load(referencePath);
        await KernelTool.RestoreAsync(cancellationToken).ConfigureAwait(false);
        using var slots = new SemaphoreSlim(Math.Max(1, options.Parallelism));
        var grades = await Task.WhenAll(submissions.Select(async s =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var grade = await GradeOneAsync(reference, s.Student, s.Path, options, cancellationToken).ConfigureAwait(false);
                graded?.Invoke(grade);
                return grade;
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
        return grades;
    }

    /// <summary>The reference notebook's kit-loading cell and exercises.</summary>
    internal sealed record Reference(string Setup, string SetupKernel, IReadOnlyList<Exercise> Exercises)
    {
        public static Reference Load(string path)
        {
            var notebook = NotebookFile.Read(path);
            var exercises = Classroom.Exercises.Read(notebook, path);
            if (exercises.Count == 0)
            {
                throw new NotebookFormatException($"{path}: has no exercises (cells tagged '// exercise N: check').");
            }

            var setup = notebook.Cells.Take(Classroom.Exercises.SectionStart(notebook)).FirstOrDefault(c => c.IsCode)
                ?? throw new NotebookFormatException($"{path}: has no code cell before its exercises to load the kit.");
            var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
            // The submission runs in a copy elsewhere, so the kit is loaded from where the reference finds it.
            var absolute = RelativeReference().Replace(setup.Source, m =>
                m.Groups["path"].Value.Contains("nuget:", StringComparison.Ordinal) || Path.IsPathRooted(m.Groups["path"].Value)
                    ? m.Value
                    : m.Groups["directive"].Value + "\"" + Path.GetFullPath(Path.Combine(folder, m.Groups["path"].Value)) + "\"");
            return new Reference(absolute, setup.KernelName, exercises);
        }
    }

    private sealed record GradedCell(string Source, string KernelName, string ExerciseId, bool IsCheck);

    private static async Task<SubmissionGrade> GradeOneAsync(Reference reference, string student, string path, GradeOptions options, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var name = Path.GetFileName(path);
        var copy = Path.Combine(Path.GetTempPath(), "softmax-grade-" + Guid.NewGuid().ToString("N"));
        try
        {
            string notebookPath;
            try
            {
                notebookPath = CopySubmission(path, copy);
                name = File.Exists(path) ? Path.GetFileName(path) : Path.Combine(Path.GetFileName(path), Path.GetRelativePath(copy, notebookPath));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotebookFormatException)
            {
                return Unrun(reference, student, name, e.Message, stopwatch.Elapsed);
            }

            Notebook submitted;
            try
            {
                submitted = NotebookFile.Read(notebookPath, name);
            }
            catch (NotebookFormatException e)
            {
                return Unrun(reference, student, name, "unreadable notebook: " + Shorten(e.Message), stopwatch.Elapsed);
            }

            var cells = Program(reference, submitted);
            var (grades, note) = await RunAsync(reference, cells, Path.GetDirectoryName(notebookPath)!, options, stopwatch, cancellationToken).ConfigureAwait(false);
            return new SubmissionGrade(student, name, grades, note, stopwatch.Elapsed);
        }
        finally
        {
            TryDelete(copy);
        }
    }

    /// <summary>The cells to run: the submission's exercise section with the reference's checks in place of its own.</summary>
    private static List<GradedCell> Program(Reference reference, Notebook submitted)
    {
        var checks = reference.Exercises.ToDictionary(e => e.Id, e => e.Check, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var cells = new List<GradedCell>();
        string current = reference.Exercises[0].Id;
        foreach (var cell in submitted.Cells.Skip(Exercises.SectionStart(submitted)).Where(c => c.IsCode))
        {
            ExerciseTag? tag;
            try
            {
                tag = Exercises.TagOf(cell);
            }
            catch (NotebookFormatException)
            {
                tag = null;
            }

            if (tag is not null && checks.ContainsKey(tag.Id))
            {
                current = tag.Id;
            }

            if (tag?.Role == ExerciseRole.Check)
            {
                if (checks.TryGetValue(tag.Id, out var check) && placed.Add(tag.Id))
                {
                    cells.Add(new GradedCell(check, cell.KernelName, tag.Id, true));
                }

                continue;
            }

            cells.Add(new GradedCell(cell.Source, cell.KernelName, current, false));
        }

        // A check the student deleted still runs, after everything the student wrote.
        cells.AddRange(reference.Exercises.Where(e => !placed.Contains(e.Id)).Select(e => new GradedCell(e.Check, KernelNames.CSharp, e.Id, true)));
        return cells;
    }

    private static async Task<(IReadOnlyList<ExerciseGrade> Grades, string? Note)> RunAsync(
        Reference reference, List<GradedCell> cells, string workingDirectory, GradeOptions options, Stopwatch stopwatch, CancellationToken cancellationToken)
    {
        var grades = new Dictionary<string, ExerciseGrade>(StringComparer.Ordinal);
        IReadOnlyList<ExerciseGrade> Ordered(string? why) => reference.Exercises
            .Select(e => grades.TryGetValue(e.Id, out var g) ? g : new ExerciseGrade(e.Id, ExerciseOutcome.DidNotRun, why))
            .ToList();

        TimeSpan Left() => options.SubmissionTimeout - stopwatch.Elapsed;
        KernelProcess kernel;
        try
        {
            kernel = await KernelProcess.StartAsync(workingDirectory, Min(StartTimeout, Left()), cancellationToken).ConfigureAwait(false);
        }
        catch (KernelProcessException e)
        {
            return (Ordered("the kernel did not start"), "the kernel did not start: " + Shorten(e.Message));
        }

        await using (kernel.ConfigureAwait(false))
        {
            // The kit-loading cell is the instructor's, so it gets the submission's whole budget, not a cell's.
            var setup = await SubmitAsync(kernel, reference.Setup, reference.SetupKernel, Left(), cancellationToken).ConfigureAwait(false);
            if (setup.Outcome != ExerciseOutcome.Passed)
            {
                var why = "the notebook's first cell (loading the kit) " + (setup.Outcome == ExerciseOutcome.TimedOut ? "timed out" : "failed");
                return (Ordered(why), why + ": " + setup.Message);
            }

            foreach (var cell in cells)
            {
                var limit = Min(options.CellTimeout, Left());
                var result = await SubmitAsync(kernel, cell.Source, cell.KernelName, limit, cancellationToken).ConfigureAwait(false);
                if (result.Outcome is ExerciseOutcome.TimedOut or ExerciseOutcome.DidNotRun)
                {
                    var message = result.Outcome == ExerciseOutcome.TimedOut
                        ? (limit < options.CellTimeout ? $"the submission's time limit ({Seconds(options.SubmissionTimeout)}) ran out" : $"a cell ran longer than {Seconds(options.CellTimeout)}")
                        : "the kernel process stopped: " + result.Message;
                    grades[cell.ExerciseId] = new ExerciseGrade(cell.ExerciseId, result.Outcome == ExerciseOutcome.TimedOut ? ExerciseOutcome.TimedOut : ExerciseOutcome.Failed, message);
                    return (Ordered($"the kernel was stopped in exercise {cell.ExerciseId}"), null);
                }

                if (cell.IsCheck)
                {
                    grades[cell.ExerciseId] = new ExerciseGrade(cell.ExerciseId, result.Outcome, result.Message);
                }
            }

            return (Ordered("its check did not run"), null);
        }
    }

    /// <summary>Runs one cell: Passed, Failed with the message, TimedOut, or DidNotRun when the kernel process died.</summary>
    private static async Task<(ExerciseOutcome Outcome, string? Message)> SubmitAsync(KernelProcess kernel, string code, string kernelName, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (limit <= TimeSpan.Zero)
        {
            return (ExerciseOutcome.TimedOut, null);
        }

        var errors = new List<string>();
        void Collect(KernelEvent e)
        {
            // Only compile errors are kept; standard output (possibly megabytes of it) is dropped as it arrives.
            if (e.EventType == "DiagnosticsProduced")
            {
                foreach (var d in (e.Event["diagnostics"] as JsonArray ?? []).OfType<JsonObject>().Where(d => d["severity"]?.GetValue<string>() == "error"))
                {
                    errors.Add($"error {d["code"]?.GetValue<string>()}: {d["message"]?.GetValue<string>()}");
                }
            }
        }

        var stopwatch = Stopwatch.StartNew();
        try
        {
            var final = await kernel.SubmitCodeAsync(code, kernelName, Collect, limit, cancellationToken).ConfigureAwait(false);
            return final.EventType == "CommandSucceeded"
                ? (ExerciseOutcome.Passed, null)
                : (ExerciseOutcome.Failed, Shorten(errors.Count > 0 ? errors[0] : FailureHead(final.Event["message"]?.GetValue<string>())));
        }
        catch (KernelProcessException e)
        {
            return stopwatch.Elapsed >= limit ? (ExerciseOutcome.TimedOut, null) : (ExerciseOutcome.DidNotRun, Shorten(e.Message));
        }
    }

    /// <summary>The exception's type and message without the stack: "CHECK FAILED: …" for a failed claim.</summary>
    private static string FailureHead(string? message)
    {
        var lines = (message ?? "the cell failed").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var head = string.Join(" ", lines.TakeWhile(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal)).Select(l => l.Trim())).Trim();
        var claim = head.IndexOf("CHECK FAILED", StringComparison.Ordinal);
        return claim >= 0 ? head[claim..] : QualifiedName().Replace(head, "${name}");
    }

    private static SubmissionGrade Unrun(Reference reference, string student, string name, string note, TimeSpan elapsed) =>
        new(student, name, reference.Exercises.Select(e => new ExerciseGrade(e.Id, ExerciseOutcome.DidNotRun, "the submission was not run")).ToList(), note, elapsed);

    /// <summary>Copies a submission (a notebook file, or a folder holding one) into <paramref name="copy"/> and returns the copied notebook.</summary>
    private static string CopySubmission(string path, string copy)
    {
        Directory.CreateDirectory(copy);
        if (File.Exists(path))
        {
            var target = Path.Combine(copy, Path.GetFileName(path));
            File.Copy(path, target);
            return target;
        }

        var notebooks = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(NotebookFile.IsNotebook).ToList();
        if (notebooks.Count != 1)
        {
            throw new NotebookFormatException($"the folder holds {notebooks.Count} notebooks; a submission folder holds exactly one .ipynb or .dib.");
        }

        foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(path, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return Path.Combine(copy, Path.GetRelativePath(path, notebooks[0]));
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file the submission left open or locked; the copy lies in the temporary folder.
        }
    }

    private static string Shorten(string? text)
    {
        var flat = string.Join(' ', (text ?? "").Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return flat.Length <= MessageLimit ? flat : flat[..(MessageLimit - 1)] + "…";
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

    [GeneratedRegex("""(?<directive>#r\s+)"(?<path>[^"]+)"(?=\s*$)""", RegexOptions.Multiline)]
    private static partial Regex RelativeReference();

    [GeneratedRegex(@"^(?:[A-Za-z_][\w]*\.)+(?<name>\w+(?:Exception|Error):)")]
    private static partial Regex QualifiedName();
}
