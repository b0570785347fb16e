using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>Where the editions go and how the instructor editions run.</summary>
/// <param name="OutputDirectory">The output root: <c>instructor/</c> and <c>student/</c> go under it.</param>
/// <param name="CellTimeout">The longest one cell of an instructor edition may run.</param>
/// <param name="Parallelism">How many instructor editions run at once.</param>
internal sealed record EditionsOptions(string OutputDirectory, TimeSpan CellTimeout, int Parallelism);

/// <summary>How one notebook's editions came out.</summary>
internal enum EditionStatus
{
    /// <summary>Both editions were written and the instructor edition ran cleanly.</summary>
    Written,

    /// <summary>The notebook has no exercises; nothing was written.</summary>
    NoExercises,

    /// <summary>The notebook could not be read, or its instructor edition failed (its partial run is kept as <c>NAME.failed.ipynb</c>).</summary>
    Failed,
}

/// <summary>The editions of one notebook.</summary>
/// <param name="Source">The notebook with tasks and solutions.</param>
/// <param name="Status">How it came out.</param>
/// <param name="Error">Why it failed, or null.</param>
/// <param name="StudentNotebook">The student's <c>.ipynb</c> to hand out (written before the instructor edition runs), or null.</param>
/// <param name="InstructorNotebook">The executed instructor edition, or null unless written.</param>
/// <param name="StudentHandout">The student handout's notebook (<see cref="Editions.StudentHandout"/>), or null unless written.</param>
internal sealed record EditionResult(NotebookEntry Source, EditionStatus Status, string? Error, string? StudentNotebook, string? InstructorNotebook, Notebook? StudentHandout);

/// <summary>
/// The <c>editions</c> workflow: for each notebook with exercises, the student notebook to hand out (no solutions, no
/// outputs) in <c>student/notebooks/</c>, and the instructor edition executed (<see cref="NotebookExecutor"/>, stopping at
/// the first failure) into <c>instructor/notebooks/</c>; the handouts of both are the command's to render.
/// </summary>
internal static class EditionsWriter
{
    /// <summary>The instructor edition's folder under the output root.</summary>
    public const string InstructorFolder = "instructor";

    /// <summary>The student edition's folder under the output root.</summary>
    public const string StudentFolder = "student";

    /// <summary>Writes both editions of every notebook with exercises.</summary>
    /// <param name="notebooks">The notebooks (<see cref="NotebookSet"/>).</param>
    /// <param name="options">The output root and the instructor runs' limits.</param>
    /// <param name="finished">Called as each notebook is done (from several threads; may be null).</param>
    /// <param name="cancellationToken">Stops the runs.</param>
    /// <returns>One result per notebook, in the order given.</returns>
    public static async Task<IReadOnlyList<EditionResult>> WriteAsync(
        IReadOnlyList<NotebookEntry> notebooks, EditionsOptions options, Action<EditionResult>? finished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notebooks);
        ArgumentNullException.ThrowIfNull(options);
        var instructor = new ExecutedNotebookStore(Path.Combine(options.OutputDirectory, InstructorFolder, "notebooks"));
        var student = new ExecutedNotebookStore(Path.Combine(options.OutputDirectory, StudentFolder, "notebooks"));
        var execution = new ExecutionOptions { CellTimeout = options.CellTimeout };
        return await ParallelWork.MapAsync(notebooks, options.Parallelism, async (source, _, token) =>
        {
            var result = await WriteOneAsync(source, instructor, student, execution, token).ConfigureAwait(false);
            finished?.Invoke(result);
            return result;
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<EditionResult> WriteOneAsync(
        NotebookEntry source, ExecutedNotebookStore instructor, ExecutedNotebookStore student, ExecutionOptions execution, CancellationToken cancellationToken)
    {
        Notebook notebook;
        try
        {
            notebook = NotebookFile.Read(source.FullPath, source.Name);
            if (Exercises.Read(notebook, source.Name).Count == 0)
            {
                return new EditionResult(source, EditionStatus.NoExercises, null, null, null, null);
            }
        }
        catch (NotebookFormatException e)
        {
            return new EditionResult(source, EditionStatus.Failed, e.Message, null, null, null);
        }

        var handOut = student.PathFor(source.RelativePath);
        AtomicFile.WriteAllText(handOut, IpynbFormat.Write(Editions.Student(notebook)));
        var executed = await NotebookExecutor.ExecuteAsync(Editions.Instructor(notebook), source.Folder, source.Name, execution, null, cancellationToken).ConfigureAwait(false);
        // As in `run`: the last good edition and its handouts stay; a failed run is kept beside them.
        var written = instructor.Save(source.RelativePath, executed.Notebook, executed.Succeeded);
        return executed.Succeeded
            ? new EditionResult(source, EditionStatus.Written, null, handOut, written, Editions.StudentHandout(notebook, executed.Notebook))
            : new EditionResult(source, EditionStatus.Failed, "instructor edition: " + executed.Error, handOut, null, null);
    }
}
