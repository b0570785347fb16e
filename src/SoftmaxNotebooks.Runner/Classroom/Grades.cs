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

/// <summary>One exercise's grade.</summary>
/// <param name="ExerciseId">The exercise, for example <c>3.2</c>.</param>
/// <param name="Outcome">How it came out.</param>
/// <param name="Message">The check's message, or why the exercise did not run or timed out; null when passed.</param>
/// <param name="Cell">
/// The 1-based number, in <see cref="SubmissionGrade.Graded"/>, of the cell that decided the grade (the reference's
/// check, or the cell the kernel stopped in); null when none did.
/// </param>
internal sealed record ExerciseGrade(string ExerciseId, ExerciseOutcome Outcome, string? Message, int? Cell = null);

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
