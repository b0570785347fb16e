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
        return reference with { Exercises = reference.Exercises.Select(e => e with { Checks = e.Checks.Select(c => c with { Source = qualified[c.Source] }).ToList() }).ToList() };
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

    /// <summary>
    /// Each exercise's grade from the outcomes of the graded notebook's cells: every check earns its points when it
    /// passes; a use of a forbidden name (<see cref="ForbiddenCalls"/>) fails the exercise and its checks earn nothing.
    /// </summary>
    private static (IReadOnlyList<ExerciseGrade> Grades, string? Note) Grades(ReferenceNotebook reference, GradedNotebook graded, ExecutedNotebook executed, GradeOptions options)
    {
        var checks = new Dictionary<(string Id, int Check), (CheckGrade Grade, int Cell)>();
        (string Id, ExerciseGrade Grade)? stoppedIn = null;
        string? why = null;
        string? note = null;
        if (executed.Failure is { Kind: FailureKind.KernelDidNotStart } start)
        {
            why = "the kernel did not start";
            note = "the kernel did not start: " + Shorten(start.Message);
        }

        foreach (var outcome in executed.Cells.Where(c => c.Ran && why is null))
        {
            var cell = outcome.CellNumber;
            var role = graded.Cells[cell - 1];
            if (role.ExerciseId is not { } id)
            {
                if (outcome.Failure is { } setup)
                {
                    why = "the notebook's first cell (loading the kit) " + (outcome.Status == CellStatus.TimedOut ? "timed out" : "failed");
                    note = why + ": " + Shorten(setup.Message);
                }

                continue;
            }

            var exercise = reference.Exercises.First(e => e.Id == id);
            if (outcome.Failure is { StoppedKernel: true } stopped)
            {
                stoppedIn = (id, stopped.Kind switch
                {
                    FailureKind.Deadline => ExerciseGrade.Unrun(exercise, ExerciseOutcome.TimedOut, $"the submission's time limit ({Seconds(options.SubmissionTimeout)}) ran out", cell),
                    FailureKind.CellTimeout => ExerciseGrade.Unrun(exercise, ExerciseOutcome.TimedOut, $"a cell ran longer than {Seconds(options.CellTimeout)}", cell),
                    _ => ExerciseGrade.Unrun(exercise, ExerciseOutcome.Failed, "the kernel process stopped: " + Shorten(stopped.Message), cell),
                });
                why = $"the kernel was stopped in exercise {id}";
                break;
            }

            if (role.Check is { } index)
            {
                var check = exercise.Checks[index];
                checks[(id, index)] = (new CheckGrade(index, check.Points, check.Hidden,
                    outcome.Failure is null ? ExerciseOutcome.Passed : ExerciseOutcome.Failed, outcome.Failure is { } failure ? Shorten(failure.Message) : null), cell);
            }
        }

        var grades = new List<ExerciseGrade>();
        foreach (var exercise in reference.Exercises)
        {
            if (stoppedIn is { } s && s.Id == exercise.Id)
            {
                grades.Add(s.Grade);
                continue;
            }

            var ran = exercise.Checks.Select((_, i) => checks.TryGetValue((exercise.Id, i), out var c) ? c : ((CheckGrade Grade, int Cell)?)null).ToList();
            if (ran.All(c => c is null))
            {
                grades.Add(ExerciseGrade.Unrun(exercise, ExerciseOutcome.DidNotRun, why ?? "its checks did not run"));
                continue;
            }

            var forbidden = ForbiddenCalls.Find(exercise.Forbidden, graded.AnswerCode(exercise.Id).ToList(),
                [reference.Setup.Source, .. graded.OtherCode(exercise.Id)], reference.GivenCode);
            var results = ran.Select((c, i) => c?.Grade ?? new CheckGrade(i, exercise.Checks[i].Points, exercise.Checks[i].Hidden, ExerciseOutcome.DidNotRun, null)).ToList();
            var failed = ran.FirstOrDefault(c => c is { Grade.Outcome: ExerciseOutcome.Failed });
            var outcome = forbidden.Count > 0 || failed is not null ? ExerciseOutcome.Failed
                : results.Any(c => c.Outcome != ExerciseOutcome.Passed) ? ExerciseOutcome.DidNotRun
                : ExerciseOutcome.Passed;
            var message = forbidden.Count > 0 ? forbidden[0].ToString()
                : failed is { } f ? (f.Grade.Hidden ? HiddenCheckFailed : f.Grade.Message)
                : outcome == ExerciseOutcome.DidNotRun ? "a check did not run"
                : null;
            grades.Add(new ExerciseGrade(exercise.Id, outcome, message, failed?.Cell ?? ran.Last(c => c is not null)!.Value.Cell)
            {
                Checks = results,
                Forbidden = forbidden,
                HandGradedMaxPoints = exercise.HandGradedPoints,
            });
        }

        return (grades, note);
    }

    /// <summary>What a failed hidden check says: its claim is part of its code, which the student never sees.</summary>
    public const string HiddenCheckFailed = "a hidden check failed";

    /// <summary>The row of an entry of the submissions folder that is not a submission (another extension, a hidden file).</summary>
    /// <param name="reference">The reference, for its exercises.</param>
    /// <param name="name">The entry's name.</param>
    /// <param name="why">Why it was skipped.</param>
    public static SubmissionGrade NotGraded(ReferenceNotebook reference, string name, string why)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new(name, name, reference.Exercises.Select(e => ExerciseGrade.Unrun(e, ExerciseOutcome.DidNotRun, "the entry was not graded")).ToList(), why, TimeSpan.Zero);
    }

    private static SubmissionGrade Unrun(ReferenceNotebook reference, string student, string name, string note, TimeSpan elapsed) =>
        new(student, name, reference.Exercises.Select(e => ExerciseGrade.Unrun(e, ExerciseOutcome.DidNotRun, "the submission was not run")).ToList(), note, elapsed);

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
