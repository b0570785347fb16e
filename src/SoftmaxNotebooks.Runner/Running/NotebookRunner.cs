using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SoftmaxNotebooks.Runner.Execution;
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
public sealed record RunOptions(
    IReadOnlyList<string> Paths, string OutputDirectory, bool FailFast, int Parallelism, bool Live, HandoutStep? Handouts = null);

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
/// <param name="Elapsed">Wall-clock time of its process.</param>
/// <param name="Cells">Time per executed cell.</param>
public sealed record NotebookRunResult(
    string Name, NotebookStatus Status, string? Error, string? ExecutedPath, TimeSpan Elapsed, IReadOnlyList<CellTiming> Cells);

/// <summary>Runs notebooks, each in its own child process, several at once, and reports progress and a summary.</summary>
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
                    : await RunChildAsync(job, reporter, stop.Token).ConfigureAwait(false);
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

    private static async Task<NotebookRunResult> RunChildAsync(Job job, IRunReporter reporter, CancellationToken cancellationToken)
    {
        var resultPath = Path.Combine(Path.GetTempPath(), "softmax-notebooks-" + Guid.NewGuid().ToString("N") + ".json");
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            // Jupyter and Polyglot kernels run a notebook in its own folder, so relative file paths in cells
            // (for example ../data/x.csv) mean the same here as there.
            WorkingDirectory = Path.GetDirectoryName(job.SourcePath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { typeof(NotebookRunner).Assembly.Location, "execute-one", job.SourcePath, "--name", job.Name, "--executed", job.ExecutedPath, "--result", resultPath })
        {
            start.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("the runner could not start a child process.");
        var errorText = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            using var registration = cancellationToken.Register(() => process.Kill(entireProcessTree: true));
            while (await process.StandardOutput.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
            {
                var parts = line.StartsWith(ExecuteOne.ProgressPrefix, StringComparison.Ordinal) ? line[ExecuteOne.ProgressPrefix.Length..].Split(' ') : [];
                if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var cell) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var count))
                {
                    reporter.CellFinished(job.Name, cell, count);
                }
            }

            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            stopwatch.Stop();
            if (cancellationToken.IsCancellationRequested)
            {
                return new NotebookRunResult(job.Name, NotebookStatus.Cancelled, null, null, stopwatch.Elapsed, []);
            }

            if (!File.Exists(resultPath))
            {
                var stderr = (await errorText.ConfigureAwait(false)).Trim();
                return new NotebookRunResult(job.Name, NotebookStatus.Failed,
                    string.Create(CultureInfo.InvariantCulture, $"{job.Name}: the runner's child process exited with code {process.ExitCode}: {stderr}"),
                    null, stopwatch.Elapsed, []);
            }

            var result = JsonSerializer.Deserialize(await File.ReadAllTextAsync(resultPath, CancellationToken.None).ConfigureAwait(false), ChildResultJson.Default.ChildResult)!;
            var cells = result.CellMilliseconds.Select(pair => new CellTiming(pair.Key, TimeSpan.FromMilliseconds(pair.Value))).OrderBy(c => c.CellNumber).ToList();
            return result.Error is null
                ? new NotebookRunResult(job.Name, NotebookStatus.Passed, null, job.ExecutedPath, stopwatch.Elapsed, cells)
                : new NotebookRunResult(job.Name, NotebookStatus.Failed, result.Error, null, stopwatch.Elapsed, cells);
        }
        finally
        {
            File.Delete(resultPath);
        }
    }
}
