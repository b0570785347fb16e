using SoftmaxNotebooks.Runner.Execution;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>How one exercise of one submission came out.</summary>
internal enum ExerciseOutcome
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

/// <summary>One check's outcome.</summary>
/// <param name="Index">Its index in <see cref="Exercise.Checks"/>.</param>
/// <param name="MaxPoints">What passing it is worth.</param>
/// <param name="Hidden">A hidden check: its result may be shown to the student, never its code or message.</param>
/// <param name="Outcome">Passed, failed (its message says why), or did not run / timed out.</param>
/// <param name="Message">The check's failure message (a failed claim with its hint), or null.</param>
internal sealed record CheckGrade(int Index, double MaxPoints, bool Hidden, ExerciseOutcome Outcome, string? Message)
{
    /// <summary>The points it earned: all of them when it passed, none otherwise.</summary>
    public double Points => Outcome == ExerciseOutcome.Passed ? MaxPoints : 0;
}

/// <summary>A part graded by hand, from the instructor's marks file.</summary>
/// <param name="Points">The points given, between 0 and the rubric's points.</param>
/// <param name="Comment">The instructor's comment for the student (may be empty).</param>
internal sealed record HandMark(double Points, string Comment);

/// <summary>One exercise's grade.</summary>
/// <param name="ExerciseId">The exercise, for example <c>3.2</c>.</param>
/// <param name="Outcome">How its automatic part came out: passed only when every check passed and nothing forbidden was used.</param>
/// <param name="Message">Why it did not pass (a forbidden call, the first failed check's message, why it did not run or timed out); null when passed.</param>
/// <param name="Cell">
/// The 1-based number, in <see cref="SubmissionGrade.Graded"/>, of the cell that decided the grade (the first failed
/// check, or the cell the kernel stopped in); null when none did.
/// </param>
internal sealed record ExerciseGrade(string ExerciseId, ExerciseOutcome Outcome, string? Message, int? Cell = null)
{
    /// <summary>Each check's outcome, in the exercise's order.</summary>
    public IReadOnlyList<CheckGrade> Checks { get; init; } = [];

    /// <summary>Uses of names the exercise forbids; any of them makes the automatic part worth 0.</summary>
    public IReadOnlyList<ForbiddenCall> Forbidden { get; init; } = [];

    /// <summary>The points of the parts graded by hand (the exercise's rubrics); 0 when it has none.</summary>
    public double HandGradedMaxPoints { get; init; }

    /// <summary>The instructor's mark for the parts graded by hand, or null when not (yet) marked.</summary>
    public HandMark? Mark { get; init; }

    /// <summary>The points the checks earned: 0 when a forbidden name was used.</summary>
    public double CheckPoints => Forbidden.Count > 0 ? 0 : Checks.Sum(c => c.Points);

    /// <summary>The exercise's points so far: the checks' and the hand-graded mark's.</summary>
    public double Points => CheckPoints + (Mark?.Points ?? 0);

    /// <summary>What the exercise is worth.</summary>
    public double MaxPoints => Checks.Sum(c => c.MaxPoints) + HandGradedMaxPoints;

    /// <summary>The grade of an exercise none of whose cells ran.</summary>
    /// <param name="exercise">The exercise.</param>
    /// <param name="outcome">Did not run, timed out or failed.</param>
    /// <param name="why">Why.</param>
    /// <param name="cell">The cell it stopped in, if any.</param>
    public static ExerciseGrade Unrun(Exercise exercise, ExerciseOutcome outcome, string why, int? cell = null)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        return new ExerciseGrade(exercise.Id, outcome, why, cell)
        {
            Checks = exercise.Checks.Select((c, i) => new CheckGrade(i, c.Points, c.Hidden, ExerciseOutcome.DidNotRun, null)).ToList(),
            HandGradedMaxPoints = exercise.HandGradedPoints,
        };
    }
}

/// <summary>One submission's grades.</summary>
/// <param name="Student">The student: the file's name without extension, or the folder's name for a folder submission.</param>
/// <param name="Submission">The submitted notebook, relative to the submissions folder.</param>
/// <param name="Exercises">One grade per exercise of the reference, in its order.</param>
/// <param name="Note">A problem with the whole submission (unreadable file, kernel that did not start), or null.</param>
/// <param name="Elapsed">Wall-clock time of grading it.</param>
internal sealed record SubmissionGrade(string Student, string Submission, IReadOnlyList<ExerciseGrade> Exercises, string? Note, TimeSpan Elapsed)
{
    /// <summary>The number of passed exercises.</summary>
    public int Passed => Exercises.Count(e => e.Outcome == ExerciseOutcome.Passed);

    /// <summary>The points of every exercise, hand-graded marks included.</summary>
    public double Points => Exercises.Sum(e => e.Points);

    /// <summary>What the notebook is worth.</summary>
    public double MaxPoints => Exercises.Sum(e => e.MaxPoints);

    /// <summary>The notebook the submission was graded by (see <see cref="GradedNotebook"/>), or null when it could not be built.</summary>
    public GradedNotebook? Graded { get; init; }

    /// <summary>The graded notebook as executed, with every cell's outputs and outcome, or null when it was not run.</summary>
    public ExecutedNotebook? Executed { get; init; }
}

/// <summary>Options of <see cref="Grader"/>.</summary>
/// <param name="Parallelism">Submissions graded at once (each in its own kernel process).</param>
/// <param name="CellTimeout">The longest one exercise cell may run.</param>
/// <param name="SubmissionTimeout">The longest one submission may take, kernel start included.</param>
internal sealed record GradeOptions(int Parallelism, TimeSpan CellTimeout, TimeSpan SubmissionTimeout)
{
    /// <summary>Defaults: one submission per core, 60 s per cell, 5 minutes per submission.</summary>
    public static GradeOptions Default { get; } = new(Environment.ProcessorCount, TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5));

    /// <summary>Starts each submission's kernel (a sandbox wraps it here).</summary>
    public KernelLauncher Launcher { get; init; } = KernelLauncher.Direct;

    /// <summary>The most bytes one submission's kernel may write (then it is stopped). Default 32 MiB.</summary>
    public long OutputLimit { get; init; } = 32L << 20;

    /// <summary>The largest notebook file graded (a larger one is noted, not run). Default 8 MiB.</summary>
    public long MaxNotebookBytes { get; init; } = 8L << 20;

    /// <summary>The largest cell graded, in characters (a notebook with a larger one is noted, not run). Default 1 Mi.</summary>
    public int MaxCellChars { get; init; } = 1 << 20;
}
