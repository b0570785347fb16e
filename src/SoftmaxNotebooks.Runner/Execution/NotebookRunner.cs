using System.Diagnostics;
using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>What <c>run</c> runs and where it writes.</summary>
/// <param name="Paths">Notebook files and folders (<see cref="NotebookSet"/>).</param>
/// <param name="OutputDirectory">The output root; executed notebooks go to its <c>notebooks/</c> folder.</param>
/// <param name="FailFast">Stop every notebook at the first failure.</param>
/// <param name="Parallelism">How many notebooks run at once.</param>
/// <param name="CellTimeout">The longest one cell may run before its kernel is stopped; null for <see cref="ExecutionOptions.DefaultCellTimeout"/>.</param>
internal sealed record RunOptions(IReadOnlyList<string> Paths, string OutputDirectory, bool FailFast, int Parallelism, TimeSpan? CellTimeout = null)
{
    /// <summary>Starts each notebook's kernel (<c>run --sandbox</c> wraps it in the sandbox).</summary>
    public KernelLauncher Launcher { get; init; } = KernelLauncher.Direct;
}

/// <summary>How one notebook's run ended.</summary>
internal enum NotebookStatus
{
    /// <summary>Every cell ran.</summary>
    Passed,

    /// <summary>A cell failed, or the file could not be read.</summary>
    Failed,

    /// <summary>Stopped or never started because another notebook failed under <c>--fail-fast</c>.</summary>
    Cancelled,
}

/// <summary>The result of one notebook in a run.</summary>
/// <param name="Name">The notebook as the user named it.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Error">The located error message, or null.</param>
/// <param name="ExecutedPath">The executed <c>.ipynb</c> written on success, or null.</param>
/// <param name="Elapsed">Wall-clock time, from starting its kernel to writing its executed notebook.</param>
/// <param name="Cells">The cells that ran, with their times.</param>
/// <param name="KernelStart">Time from starting its kernel process to the kernel's <c>KernelReady</c> event.</param>
internal sealed record NotebookRunResult(
    string Name, NotebookStatus Status, string? Error, string? ExecutedPath, TimeSpan Elapsed, IReadOnlyList<CellOutcome> Cells, TimeSpan KernelStart = default);

/// <summary>What a run did.</summary>
/// <param name="Results">One result per notebook (paths that name none first), in input order.</param>
/// <param name="SkippedTwins">The generated <c>.ipynb</c> twins that were not run because their <c>.dib</c> was.</param>
internal sealed record RunReport(IReadOnlyList<NotebookRunResult> Results, IReadOnlyList<string> SkippedTwins)
{
    /// <summary>True when there was at least one notebook and every one passed.</summary>
    public bool Succeeded => Results.Count > 0 && Results.All(r => r.Status == NotebookStatus.Passed);

    /// <summary>The executed notebooks written by the notebooks that passed, in input order.</summary>
    public IReadOnlyList<string> Executed => Results.Where(r => r.ExecutedPath is not null).Select(r => r.ExecutedPath!).ToList();
}

/// <summary>Receives a run's progress while it runs (a live display, plain log lines).</summary>
internal interface IRunProgress
{
    /// <summary>Wraps the whole run (a live display starts and stops here).</summary>
    /// <param name="names">The notebooks about to run.</param>
    /// <param name="run">The run itself.</param>
    Task RunAsync(IReadOnlyList<string> names, Func<Task> run);

    /// <summary>A notebook's process started.</summary>
    /// <param name="name">The notebook.</param>
    void Started(string name);

    /// <summary>A cell finished.</summary>
    /// <param name="name">The notebook.</param>
    /// <param name="cell">The cell's 1-based number.</param>
    /// <param name="count">The notebook's cell count.</param>
    void CellFinished(string name, int cell, int count);

    /// <summary>A notebook finished.</summary>
    /// <param name="result">Its result.</param>
    void Finished(NotebookRunResult result);
}

/// <summary>
/// The <c>run</c> workflow: every notebook of a <see cref="NotebookSet"/> through <see cref="NotebookExecutor"/>, each in
/// its own kernel process, several at once, its executed notebook kept in an <see cref="ExecutedNotebookStore"/>.
/// </summary>
internal static class NotebookRunner
{
    /// <summary>Runs every notebook the options name.</summary>
    /// <param name="options">What to run and where to write.</param>
    /// <param name="progress">Told of each start, cell and end.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>Every notebook's result.</returns>
    public static async Task<RunReport> RunAsync(RunOptions options, IRunProgress progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(progress);
        var set = NotebookSet.Find(options.Paths);
        var store = new ExecutedNotebookStore(Path.Combine(options.OutputDirectory, "notebooks"));
        var problems = set.Problems.Select(p => Failed(p.Path, p.Message)).ToList();
        var jobs = new List<NotebookEntry>();
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var notebook in set.Notebooks)
        {
            if (outputs.TryGetValue(store.PathFor(notebook.RelativePath), out var other))
            {
                problems.Add(Failed(notebook.Name, $"{notebook.Name}: its executed notebook would overwrite that of {other}; rename one of them."));
                continue;
            }

            outputs[store.PathFor(notebook.RelativePath)] = notebook.Name;
            jobs.Add(notebook);
        }

        var execution = new ExecutionOptions { CellTimeout = options.CellTimeout ?? ExecutionOptions.DefaultCellTimeout, Launcher = options.Launcher };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        NotebookRunResult[] results = [];
        // The jobs start inside the progress display's run, so a live display has its rows before the first report.
        await progress.RunAsync(jobs.Select(j => j.Name).ToList(), async () => results = await ParallelWork.MapAsync(jobs, options.Parallelism, async (job, _, _) =>
        {
            if (stop.IsCancellationRequested)
            {
                return new NotebookRunResult(job.Name, NotebookStatus.Cancelled, null, null, TimeSpan.Zero, []);
            }

            progress.Started(job.Name);
            var result = await RunOneAsync(job, store, execution, progress, stop.Token).ConfigureAwait(false);
            progress.Finished(result);
            if (result.Status == NotebookStatus.Failed && options.FailFast)
            {
                await stop.CancelAsync().ConfigureAwait(false);
            }

            return result;
        }, CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);

        return new RunReport([.. problems, .. results], set.SkippedTwins);
    }

    private static NotebookRunResult Failed(string name, string error) => new(name, NotebookStatus.Failed, error, null, TimeSpan.Zero, []);

    private static async Task<NotebookRunResult> RunOneAsync(
        NotebookEntry job, ExecutedNotebookStore store, ExecutionOptions options, IRunProgress progress, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        Notebook notebook;
        try
        {
            notebook = NotebookFile.Read(job.FullPath, job.Name);
        }
        catch (NotebookFormatException e)
        {
            return Failed(job.Name, e.Message);
        }

        ExecutedNotebook executed;
        try
        {
            executed = await NotebookExecutor.ExecuteAsync(notebook, job.Folder, job.Name, options,
                cell => progress.CellFinished(job.Name, cell.CellNumber, notebook.Cells.Count), cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new NotebookRunResult(job.Name, NotebookStatus.Cancelled, null, null, stopwatch.Elapsed, []);
        }

        var cells = executed.Cells.Where(c => c.Ran).ToList();
        var written = store.Save(job.RelativePath, executed.Notebook, executed.Succeeded);
        stopwatch.Stop();
        return executed.Succeeded
            ? new NotebookRunResult(job.Name, NotebookStatus.Passed, null, written, stopwatch.Elapsed, cells, executed.KernelStart)
            : new NotebookRunResult(job.Name, NotebookStatus.Failed, executed.Error, null, stopwatch.Elapsed, cells, executed.KernelStart);
    }
}
