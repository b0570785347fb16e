using System.Diagnostics;
using System.Globalization;
using SoftmaxNotebooks.Runner.Classroom.Integrity;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>
/// Grades submitted student notebooks against a reference notebook with exercises (nbgrader's shape: the grader runs
/// the same executor as <c>run</c>, with continue-on-error). Each submission runs in its own kernel process, in a fresh
/// copy of its files, with a time limit per cell and per submission; what runs is its <see cref="GradedNotebook"/>. A
/// failed cell does not stop the run (later exercises may not depend on it), so every exercise gets its own grade from
/// its check cell; a cell that times out or kills its kernel ends the submission, and the exercises after it did not
/// run. Submissions are untrusted code: grade them in a sandbox or container (the copy protects the other
/// submissions' files, not the machine; <see cref="GradeOptions.Launcher"/> is where a sandbox wraps the kernel).
/// </summary>
internal static class Grader
{
    private const int MessageLimit = 400;

    /// <summary>Grades every submission; one bad submission never stops the others.</summary>
    /// <param name="referencePath">The reference notebook (tasks, solutions and checks).</param>
    /// <param name="submissions">(student, file or folder) pairs, for example from <see cref="Submissions.Find"/>.</param>
    /// <param name="options">Parallelism, time limits and the kernel launcher.</param>
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
        var reference = await ProtectedAsync(ReferenceNotebook.Load(referencePath), cancellationToken).ConfigureAwait(false);
        return await ParallelWork.MapAsync(submissions, options.Parallelism, async (submission, _, token) =>
        {
            var grade = await GradeOneAsync(reference, submission.Student, submission.Path, options, token).ConfigureAwait(false);
            graded?.Invoke(grade);
            return grade;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The reference with checks a submission cannot shadow (<see cref="CheckQualifier"/>): every kit, framework and
    /// kernel name fully qualified, bound against the reference's own cells with the kernel's assemblies.
    /// </summary>
    private static async Task<ReferenceNotebook> ProtectedAsync(ReferenceNotebook reference, CancellationToken cancellationToken)
    {
        await KernelTool.RestoreAsync(cancellationToken).ConfigureAwait(false);
        var assemblies = KernelTool.Assemblies ?? throw new NotebookFormatException($"the kernel tool is not restored in {KernelTool.PackagesRoot}, so the checks cannot be bound.");
        var qualified = CheckQualifier.QualifyChecks(NotebookFile.Read(reference.Path), reference.Path, assemblies);
        return reference with { Exercises = reference.Exercises.Select(e => e with { Check = qualified[e.Id] }).ToList() };
    }

    private static async Task<SubmissionGrade> GradeOneAsync(ReferenceNotebook reference, string student, string path, GradeOptions options, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var name = Path.GetFileName(path);
        var copy = Path.Combine(Path.GetTempPath(), "softmax-grade-" + Guid.NewGuid().ToString("N"));
        try
        {
            string notebookPath;
            try
            {
                notebookPath = Submissions.Copy(path, copy);
                name = File.Exists(path) ? Path.GetFileName(path) : Path.Combine(Path.GetFileName(path), Path.GetRelativePath(copy, notebookPath));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotebookFormatException)
            {
                return Unrun(reference, student, name, e.Message, stopwatch.Elapsed);
            }

            if (new FileInfo(notebookPath).Length > options.MaxNotebookBytes)
            {
                return Unrun(reference, student, name, $"the notebook is larger than the {ByteCount.Format(options.MaxNotebookBytes)} limit for a notebook; not run", stopwatch.Elapsed);
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

            if (submitted.Cells.Select((c, i) => (c, i)).FirstOrDefault(p => p.c.Source.Length > options.MaxCellChars) is { c: not null } large)
            {
                return Unrun(reference, student, name, string.Create(CultureInfo.InvariantCulture,
                    $"cell {large.i + 1} holds {large.c.Source.Length} characters, over the limit of {options.MaxCellChars} for a cell; not run"), stopwatch.Elapsed);
            }

            var graded = GradedNotebook.Build(reference, submitted);
            var execution = new ExecutionOptions
            {
                CellTimeout = options.CellTimeout,
                Deadline = options.SubmissionTimeout - stopwatch.Elapsed,
                OnError = OnCellError.Continue,
                // Standard output (possibly megabytes of it) is dropped as it arrives.
                KeepStreams = false,
                // The kit-loading cell is the instructor's, so it gets the submission's whole budget, not a cell's.
                PreludeCells = 1,
                Launcher = options.Launcher,
                OutputLimit = options.OutputLimit,
                // The checks' outcomes are read so that a line forged on the kernel's output cannot decide them.
                ConfirmedCells = graded.Cells.Select((c, i) => (c, i)).Where(p => p.c.IsCheck).Select(p => p.i + 1).ToHashSet(),
            };
            var executed = await NotebookExecutor.ExecuteAsync(graded.Notebook, Path.GetDirectoryName(notebookPath)!, name, execution, null, cancellationToken).ConfigureAwait(false);
            var (grades, note) = Grades(reference, graded, executed, options);
            return new SubmissionGrade(student, name, grades, note, stopwatch.Elapsed) { Graded = graded, Executed = executed };
        }
        finally
        {
            TryDelete(copy);
        }
    }

    /// <summary>Each exercise's grade from the outcomes of the graded notebook's cells.</summary>
    private static (IReadOnlyList<ExerciseGrade> Grades, string? Note) Grades(ReferenceNotebook reference, GradedNotebook graded, ExecutedNotebook executed, GradeOptions options)
    {
        var grades = new Dictionary<string, ExerciseGrade>(StringComparer.Ordinal);
        IReadOnlyList<ExerciseGrade> Ordered(string why) => reference.Exercises
            .Select(e => grades.TryGetValue(e.Id, out var g) ? g : new ExerciseGrade(e.Id, ExerciseOutcome.DidNotRun, why))
            .ToList();

        if (executed.Failure is { Kind: FailureKind.KernelDidNotStart } start)
        {
            return (Ordered("the kernel did not start"), "the kernel did not start: " + Shorten(start.Message));
        }

        foreach (var outcome in executed.Cells.Where(c => c.Ran))
        {
            var cell = outcome.CellNumber;
            var role = graded.Cells[cell - 1];
            if (role.ExerciseId is not { } id)
            {
                if (outcome.Failure is { } setup)
                {
                    var why = "the notebook's first cell (loading the kit) " + (outcome.Status == CellStatus.TimedOut ? "timed out" : "failed");
                    return (Ordered(why), why + ": " + Shorten(setup.Message));
                }

                continue;
            }

            if (outcome.Failure is { StoppedKernel: true } stopped)
            {
                grades[id] = stopped.Kind switch
                {
                    FailureKind.Deadline => new ExerciseGrade(id, ExerciseOutcome.TimedOut, $"the submission's time limit ({Seconds(options.SubmissionTimeout)}) ran out", cell),
                    FailureKind.CellTimeout => new ExerciseGrade(id, ExerciseOutcome.TimedOut, $"a cell ran longer than {Seconds(options.CellTimeout)}", cell),
                    _ => new ExerciseGrade(id, ExerciseOutcome.Failed, "the kernel process stopped: " + Shorten(stopped.Message), cell),
                };
                return (Ordered($"the kernel was stopped in exercise {id}"), null);
            }

            if (role.IsCheck)
            {
                grades[id] = outcome.Failure is { } failure
                    ? new ExerciseGrade(id, ExerciseOutcome.Failed, Shorten(failure.Message), cell)
                    : new ExerciseGrade(id, ExerciseOutcome.Passed, null, cell);
            }
        }

        return (Ordered("its check did not run"), null);
    }

    private static SubmissionGrade Unrun(ReferenceNotebook reference, string student, string name, string note, TimeSpan elapsed) =>
        new(student, name, reference.Exercises.Select(e => new ExerciseGrade(e.Id, ExerciseOutcome.DidNotRun, "the submission was not run")).ToList(), note, elapsed);

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

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";
}
