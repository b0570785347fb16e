using System.Diagnostics;
using System.Globalization;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Running;

/// <summary>Renders handouts from executed notebooks once <c>run</c> has written them (the handout step's seam).</summary>
/// <param name="executedNotebooks">The executed <c>.ipynb</c> files that succeeded, in input order.</param>
/// <param name="outputDirectory">The run's output root (handouts go under it).</param>
/// <param name="cancellationToken">Stops rendering.</param>
/// <returns>0 when every handout was written.</returns>
public delegate Task<int> HandoutStep(IReadOnlyList<string> executedNotebooks, string outputDirectory, CancellationToken cancellationToken);

/// <summary>Options of the <c>run</c> command.</summary>
/// <param name="Paths">Notebook files and folders (folders are searched for <c>.dib</c> and <c>.ipynb</c> files).</param>
/// <param name="OutputDirectory">The output root; executed notebooks go to its <c>notebooks/</c> folder.</param>
/// <param name="FailFast">Stop every notebook at the first failure.</param>
/// <param name="Parallelism">How many notebooks run at once.</param>
/// <param name="Live">Live progress on a terminal (true) or plain lines (false).</param>
/// <param name="Handouts">The handout step to run after execution, or null for none.</param>
/// <param name="CellTimeout">The longest one cell may run before its kernel is stopped; null for <see cref="NotebookExecutor.DefaultCellTimeout"/>.</param>
public sealed record RunOptions(
    IReadOnlyList<string> Paths, string OutputDirectory, bool FailFast, int Parallelism, bool Live, HandoutStep? Handouts = null, TimeSpan? CellTimeout = null);

/// <summary>How one notebook's run ended.</summary>
public enum NotebookStatus
{
    /// <summary>Every cell ran.</summary>
    Passed,

    /// <summary>A cell failed, or the file could not be read.</summary>
    Failed,

    /// <summary>Stopped or never started because another notebook failed under <c>--fail-fast</c>.</summary>
    Cancelled,
}

/// <summary>The result of one notebook in a run.</summary>
/// <param name="Name">The notebook as the user named it (path relative to the working folder).</param>
/// <param name="Status">How it ended.</param>
/// <param name="Error">The located error message, or null.</param>
/// <param name="ExecutedPath">The executed <c>.ipynb</c> written on success, or null.</param>
/// <param name="Elapsed">Wall-clock time, from starting its kernel to writing its executed notebook.</param>
/// <param name="Cells">Time per executed cell.</param>
/// <param name="KernelStart">Time from starting its kernel process to the kernel's <c>KernelReady</c> event.</param>
public sealed record NotebookRunResult(
    string Name, NotebookStatus Status, string? Error, string? ExecutedPath, TimeSpan Elapsed, IReadOnlyList<CellTiming> Cells, TimeSpan KernelStart = default);

/// <summary>Runs notebooks, each in its own kernel process, several at once, and reports progress and a summary.</summary>
public static class NotebookRunner
{
    /// <summary>Runs every notebook the options name.</summary>
    /// <param name="options">What to run and where to write.</param>
    /// <param name="reporter">Progress and summary output.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The process exit code: 0 when every notebook (and the handout step) succeeded.</returns>
    public static async Task<int> RunAsync(RunOptions options, IRunReporter reporter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(reporter);
        var (jobs, problems, twins) = Discover(options);
        if (twins.Count > 0)
        {
            reporter.Message(string.Create(CultureInfo.InvariantCulture,
                $"running the .dib source, not its generated .ipynb twin, for {twins.Count} notebook(s); skipped: {string.Join(", ", twins)}"));
        }

        var results = new NotebookRunResult[jobs.Count];
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var slots = new SemaphoreSlim(Math.Max(1, options.Parallelism));

        // The jobs start inside the reporter's run, so a live display has its rows before the first progress report.
        async Task RunJobAsync(Job job, int index)
        {
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                if (stop.IsCancellationRequested)
                {
                    results[index] = new NotebookRunResult(job.Name, NotebookStatus.Cancelled, null, null, TimeSpan.Zero, []);
                    return;
                }

                reporter.Started(job.Name);
                var result = job.ParseError is { } parseError
                    ? new NotebookRunResult(job.Name, NotebookStatus.Failed, parseError, null, TimeSpan.Zero, [])
                    : await RunKernelAsync(job, options, reporter, stop.Token).ConfigureAwait(false);
                results[index] = result;
                reporter.Finished(result);
                if (result.Status == NotebookStatus.Failed && options.FailFast)
                {
                    await stop.CancelAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                slots.Release();
            }
        }

        await reporter.RunAsync(jobs.Select(j => j.Name).ToList(), () => Task.WhenAll(jobs.Select(RunJobAsync))).ConfigureAwait(false);
        var all = problems.Concat(results).ToList();
        var exitCode = all.All(r => r.Status == NotebookStatus.Passed) && all.Count > 0 ? 0 : 1;
        if (all.Count == 0)
        {
            reporter.Message("no .dib or .ipynb notebooks found in " + string.Join(", ", options.Paths));
        }

        if (options.Handouts is { } handouts)
        {
            var executed = all.Where(r => r.ExecutedPath is not null).Select(r => r.ExecutedPath!).ToList();
            if (executed.Count > 0 && await handouts(executed, options.OutputDirectory, cancellationToken).ConfigureAwait(false) != 0)
            {
                exitCode = 1;
            }
        }

        reporter.Summary(all);
        return exitCode;
    }

    private sealed record Job(string Name, string SourcePath, string ExecutedPath, string? ParseError);

    private static (List<Job> Jobs, List<NotebookRunResult> Problems, List<string> Twins) Discover(RunOptions options)
    {
        var jobs = new List<Job>();
        var problems = new List<NotebookRunResult>();
        var twins = new List<string>();
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal);
        var notebooksFolder = Path.Combine(Path.GetFullPath(options.OutputDirectory), "notebooks");
        foreach (var input in options.Paths)
        {
            var full = Path.GetFullPath(input);
            IEnumerable<(string File, string Relative)> files;
            if (Directory.Exists(full))
            {
                var found = Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories)
                    .Where(NotebookFile.IsNotebook)
                    .Where(f => !Path.GetRelativePath(full, f).Split(Path.DirectorySeparatorChar).Any(IsIgnoredFolder))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                // X.ipynb beside X.dib is the .dib's generated twin (convert writes it for users who open .ipynb):
                // running both would only run the same cells twice into one executed notebook.
                var sources = found.Where(IsDib).Select(StemOf).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var generated = found.Where(f => !IsDib(f) && sources.Contains(StemOf(f))).ToHashSet(StringComparer.Ordinal);
                twins.AddRange(generated.Select(f => Path.GetRelativePath(Environment.CurrentDirectory, f)));
                files = found.Where(f => !generated.Contains(f)).Select(f => (f, Path.GetRelativePath(full, f)));
            }
            else if (File.Exists(full))
            {
                files = [(full, Path.GetFileName(full))];
            }
            else
            {
                problems.Add(new NotebookRunResult(input, NotebookStatus.Failed, $"{input}: no such file or folder.", null, TimeSpan.Zero, []));
                continue;
            }

            foreach (var (file, relative) in files)
            {
                var name = Path.GetRelativePath(Environment.CurrentDirectory, file);
                string? parseError = null;
                try
                {
                    NotebookFile.Read(file, name);
                }
                catch (NotebookFormatException e)
                {
                    parseError = e.Message;
                }

                var executed = Path.Combine(notebooksFolder, Path.ChangeExtension(relative, ".ipynb"));
                if (outputs.TryGetValue(executed, out var other))
                {
                    problems.Add(new NotebookRunResult(name, NotebookStatus.Failed,
                        $"{name}: its executed notebook would overwrite that of {other}; rename one of them.", null, TimeSpan.Zero, []));
                    continue;
                }

                outputs[executed] = name;
                jobs.Add(new Job(name, file, executed, parseError));
            }
        }

        return (jobs, problems, twins);
    }

    private static bool IsDib(string path) => Path.GetExtension(path).Equals(".dib", StringComparison.OrdinalIgnoreCase);

    private static string StemOf(string path) => Path.Combine(Path.GetDirectoryName(path)!, Path.GetFileNameWithoutExtension(path));

    private static bool IsIgnoredFolder(string segment) =>
        segment is "bin" or "obj" or "node_modules" or ".ipynb_checkpoints" || segment.StartsWith('.');

    private static async Task<NotebookRunResult> RunKernelAsync(Job job, RunOptions options, IRunReporter reporter, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var notebook = NotebookFile.Read(job.SourcePath, job.Name);
            var execution = await NotebookExecutor.ExecuteAsync(notebook, job.SourcePath, job.Name,
                (cell, count) => reporter.CellFinished(job.Name, cell, count), options.CellTimeout ?? NotebookExecutor.DefaultCellTimeout, cancellationToken).ConfigureAwait(false);
            stopwatch.Stop();
            if (cancellationToken.IsCancellationRequested)
            {
                return new NotebookRunResult(job.Name, NotebookStatus.Cancelled, null, null, stopwatch.Elapsed, execution.Timings);
            }

            WriteExecuted(job.ExecutedPath, execution);
            return execution.Succeeded
                ? new NotebookRunResult(job.Name, NotebookStatus.Passed, null, job.ExecutedPath, stopwatch.Elapsed, execution.Timings, execution.KernelStart)
                : new NotebookRunResult(job.Name, NotebookStatus.Failed, execution.Error, null, stopwatch.Elapsed, execution.Timings, execution.KernelStart);
        }
        catch (NotebookFormatException e)
        {
            return new NotebookRunResult(job.Name, NotebookStatus.Failed, e.Message, null, stopwatch.Elapsed, []);
        }
        catch (KernelProcessException e)
        {
            return new NotebookRunResult(job.Name, NotebookStatus.Failed, $"{job.Name}: {e.Message}", null, stopwatch.Elapsed, []);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new NotebookRunResult(job.Name, NotebookStatus.Cancelled, null, null, stopwatch.Elapsed, []);
        }
    }

    /// <summary>The path a failed run writes its partial executed notebook to, so the last good one stays.</summary>
    /// <param name="executedPath">Where the executed notebook goes on success.</param>
    public static string FailedPath(string executedPath) => Path.ChangeExtension(executedPath, ".failed.ipynb");

    private static void WriteExecuted(string executedPath, ExecutionResult execution)
    {
        var json = IpynbFormat.Write(execution.Executed);
        if (execution.Succeeded)
        {
            AtomicFile.WriteAllText(executedPath, json);
            File.Delete(FailedPath(executedPath));
        }
        else
        {
            AtomicFile.WriteAllText(FailedPath(executedPath), json);
        }
    }
}
