using System.Diagnostics;
using System.Globalization;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>What a failing cell does to the rest of the notebook.</summary>
internal enum OnCellError
{
    /// <summary>Stop at the first failing cell (<c>run</c>, <c>editions</c>): later cells keep no outputs.</summary>
    Stop,

    /// <summary>Run on (grading: each exercise gets its own check); only a stopped kernel ends the run.</summary>
    Continue,
}

/// <summary>How <see cref="NotebookExecutor"/> runs a notebook.</summary>
internal sealed record ExecutionOptions
{
    /// <summary>The default per-cell time limit: generous, since a cell may restore NuGet packages.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The default time a kernel gets to become ready.</summary>
    public static readonly TimeSpan DefaultStartTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The longest one cell may run before its kernel is stopped.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;

    /// <summary>The longest the kernel may take to become ready.</summary>
    public TimeSpan StartTimeout { get; init; } = DefaultStartTimeout;

    /// <summary>The longest the whole execution may take, kernel start included; null for no overall limit.</summary>
    public TimeSpan? Deadline { get; init; }

    /// <summary>Stop at the first failing cell, or run on.</summary>
    public OnCellError OnError { get; init; } = OnCellError.Stop;

    /// <summary>Keep what cells write to standard output and error (false drops it as it arrives: untrusted code may write megabytes).</summary>
    public bool KeepStreams { get; init; } = true;

    /// <summary>
    /// How many leading code cells are the prelude (when grading, the reference's kit-loading cell): they run under the
    /// <see cref="Deadline"/> alone rather than the <see cref="CellTimeout"/> (when there is one), and a failing prelude
    /// cell stops the run whatever <see cref="OnError"/> says.
    /// </summary>
    public int PreludeCells { get; init; }

    /// <summary>Starts the kernel (the seam a sandbox wraps).</summary>
    public KernelLauncher Launcher { get; init; } = KernelLauncher.Direct;

    /// <summary>The most bytes the kernel may write in all (then it is stopped); null for no limit.</summary>
    public long? OutputLimit { get; init; }

    /// <summary>
    /// The cells (1-based positions) whose outcome must be confirmed against forgery (grading's checks): after each, a
    /// barrier cell runs and the outcome counts only with exactly one completion and a clean stream (<see cref="CompletionLedger"/>).
    /// </summary>
    public IReadOnlySet<int> ConfirmedCells { get; init; } = new HashSet<int>();
}

/// <summary>How one code cell came out.</summary>
internal enum CellStatus
{
    /// <summary>It ran without error.</summary>
    Passed,

    /// <summary>It failed (a compile error, a failed claim, an exception); the kernel is still there.</summary>
    Failed,

    /// <summary>It ran past its time limit (<see cref="CellFailure.Kind"/> says which); its kernel was stopped.</summary>
    TimedOut,

    /// <summary>The kernel process exited while it ran.</summary>
    KernelStopped,

    /// <summary>It was never submitted: an earlier cell stopped the run, or the kernel did not start.</summary>
    NotRun,
}

/// <summary>The outcome of one code cell.</summary>
/// <param name="CellNumber">The cell's 1-based position in the notebook (markdown cells count).</param>
/// <param name="Status">How it came out.</param>
/// <param name="Failure">Why it failed, or null.</param>
/// <param name="Elapsed">Wall-clock time from submitting it to its last event, including any package restore.</param>
internal sealed record CellOutcome(int CellNumber, CellStatus Status, CellFailure? Failure, TimeSpan Elapsed)
{
    /// <summary>True when the cell was submitted to the kernel.</summary>
    public bool Ran => Status != CellStatus.NotRun;
}

/// <summary>The outcome of executing one notebook.</summary>
/// <param name="Notebook">The notebook with each executed cell's outputs and execution count (cells that did not run have neither).</param>
/// <param name="Cells">One outcome per code cell, in order.</param>
/// <param name="Failure">The first failure (of a cell, or of the kernel start), or null when every code cell passed.</param>
/// <param name="KernelStart">The time from starting the kernel process to its <c>KernelReady</c> event.</param>
/// <param name="Elapsed">The whole execution's wall-clock time, kernel start included.</param>
internal sealed record ExecutedNotebook(Notebook Notebook, IReadOnlyList<CellOutcome> Cells, CellFailure? Failure, TimeSpan KernelStart, TimeSpan Elapsed)
{
    /// <summary>True when every code cell ran and passed.</summary>
    public bool Succeeded => Failure is null;

    /// <summary>The first failure's located message (<c>notebook:cell N:line L: message</c>), or null.</summary>
    public string? Error => Failure?.Located;
}

/// <summary>
/// Executes a notebook in its own real .NET Interactive kernel (the shape of Jupyter's nbclient): one <c>SubmitCode</c>
/// per code cell in order, turning the kernel's events into nbformat outputs the way VS Code's Polyglot extension turns
/// them into cell outputs (its <c>interactiveClient.ts</c> and <c>notebookControllers.ts</c>). The only code that talks
/// to a <see cref="KernelProcess"/>: <c>run</c>, <c>editions</c> and <c>grade</c> all execute through here.
/// </summary>
internal static class NotebookExecutor
{
    /// <summary>Executes a notebook's code cells in order.</summary>
    /// <param name="notebook">The notebook (its outputs are replaced).</param>
    /// <param name="workingDirectory">The folder the kernel works in (the notebook's own, for relative paths in cells).</param>
    /// <param name="displayName">How messages name the notebook, e.g. <c>notebooks/intro.dib</c>.</param>
    /// <param name="options">Time limits, what a failure does, what is kept, and the launcher.</param>
    /// <param name="cellFinished">Called after each submitted cell, or null.</param>
    /// <param name="cancellationToken">Stops execution and the kernel process: an <see cref="OperationCanceledException"/>.</param>
    /// <returns>The executed notebook and every code cell's outcome; a kernel that does not start is a failure, not an exception.</returns>
    public static async Task<ExecutedNotebook> ExecuteAsync(
        Notebook notebook, string workingDirectory, string displayName, ExecutionOptions options, Action<CellOutcome>? cellFinished, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var cells = notebook.Cells.Select(c => c.IsCode ? c with { Outputs = [], ExecutionCount = null } : c).ToList();
        var code = Enumerable.Range(0, cells.Count).Where(i => cells[i].IsCode).ToList();
        var outcomes = code.Select(i => new CellOutcome(i + 1, CellStatus.NotRun, null, TimeSpan.Zero)).ToArray();
        ExecutedNotebook Result(CellFailure? failure, TimeSpan kernelStart) =>
            new(notebook with { Cells = cells }, outcomes, failure, kernelStart, clock.Elapsed);

        if (code.Count == 0)
        {
            return Result(null, TimeSpan.Zero);
        }

        TimeSpan Left() => options.Deadline is { } deadline ? deadline - clock.Elapsed : Timeout.InfiniteTimeSpan;
        KernelProcess kernel;
        try
        {
            var startLimit = options.Deadline is null ? options.StartTimeout : Min(options.StartTimeout, Left());
            kernel = await options.Launcher.StartAsync(new KernelStartRequest(Path.GetFullPath(workingDirectory)) { OutputLimit = options.OutputLimit }, startLimit, cancellationToken).ConfigureAwait(false);
        }
        catch (KernelProcessException e)
        {
            return Result(CellFailures.FromKernel(displayName, FailureKind.KernelDidNotStart, e.Message), TimeSpan.Zero);
        }

        await using (kernel.ConfigureAwait(false))
        {
            var outputs = new OutputTracker(options.KeepStreams);
            CellFailure? first = null;
            var executed = 0;
            for (var k = 0; k < code.Count; k++)
            {
                var index = code[k];
                var cell = cells[index];
                var prelude = k < options.PreludeCells;
                var location = string.Create(CultureInfo.InvariantCulture, $"{displayName}:cell {index + 1}");
                var limit = prelude ? (options.Deadline is null ? options.CellTimeout : Left())
                    : options.Deadline is null ? options.CellTimeout : Min(options.CellTimeout, Left());
                var deadlineGoverns = options.Deadline is not null && (prelude || limit < options.CellTimeout);
                outputs.StartCell();
                var stopwatch = Stopwatch.StartNew();
                CellFailure? failure;
                if (limit <= TimeSpan.Zero)
                {
                    failure = CellFailures.FromKernel(location, FailureKind.Deadline, DeadlineMessage(options.Deadline!.Value));
                }
                else
                {
                    try
                    {
                        var final = await kernel.SubmitCodeAsync(cell.Source, cell.KernelName, outputs.Apply, limit, cancellationToken).ConfigureAwait(false);
                        failure = final is CommandFailed failed ? CellFailures.FromCommand(location, cell.Source, failed.Message, outputs.Diagnostics) : null;
                        if (options.ConfirmedCells.Contains(index + 1))
                        {
                            failure = await kernel.ConfirmAsync(final, options.Deadline is null ? options.CellTimeout : Min(options.CellTimeout, Left()), cancellationToken).ConfigureAwait(false) switch
                            {
                                CheckVerdict.Tampered => CellFailures.FromKernel(location, FailureKind.Tampered,
                                    "the cell's outcome was forged on the kernel's output (a second completion, or bytes that are not the kernel's): not counted."),
                                CheckVerdict.Unanswered => CellFailures.FromKernel(location, FailureKind.KernelStopped,
                                    "the kernel did not answer after the cell, so its outcome cannot be confirmed; the kernel process was stopped."),
                                _ => failure,
                            };
                        }
                    }
                    catch (KernelProcessException e)
                    {
                        failure = e.Reason == KernelFailureReason.TimedOut
                            ? deadlineGoverns
                                ? CellFailures.FromKernel(location, FailureKind.Deadline, DeadlineMessage(options.Deadline!.Value))
                                : CellFailures.FromKernel(location, FailureKind.CellTimeout, CellTimeoutMessage(limit))
                            : CellFailures.FromKernel(location, FailureKind.KernelStopped, e.Message);
                    }
                }

                stopwatch.Stop();
                if (failure is not null)
                {
                    outputs.AddError(failure.Name, failure.Located, failure.Details);
                    first ??= failure;
                }

                // VS Code numbers a cell when its execution ends, failed or not, counting from 1 per kernel.
                executed++;
                cells[index] = cell with { Outputs = outputs.EndCell(executed), ExecutionCount = executed };
                outcomes[k] = new CellOutcome(index + 1, Status(failure), failure, stopwatch.Elapsed);
                cellFinished?.Invoke(outcomes[k]);
                if (failure is not null && (failure.StoppedKernel || prelude || options.OnError == OnCellError.Stop))
                {
                    break;
                }
            }

            return Result(first, kernel.StartTime);
        }
    }

    private static string CellTimeoutMessage(TimeSpan limit) => string.Create(CultureInfo.InvariantCulture,
        $"the cell did not finish within {limit.TotalSeconds:0.#} s (set --cell-timeout to allow longer); the kernel process was stopped.");

    private static string DeadlineMessage(TimeSpan deadline) => string.Create(CultureInfo.InvariantCulture,
        $"the time limit of {deadline.TotalSeconds:0.#} s for the whole notebook ran out; the kernel process was stopped.");

    private static CellStatus Status(CellFailure? failure) => failure?.Kind switch
    {
        null => CellStatus.Passed,
        FailureKind.CellTimeout or FailureKind.Deadline => CellStatus.TimedOut,
        FailureKind.KernelStopped => CellStatus.KernelStopped,
        _ => CellStatus.Failed,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>
    /// The outputs as VS Code keeps them: an event with a value id already seen in this notebook replaces the running
    /// cell's output of that id (and is lost when that output is in another cell); any other event appends an output;
    /// a stream event right after an output of the same stream joins it.
    /// </summary>
    private sealed class OutputTracker(bool keepStreams)
    {
        private readonly HashSet<string> tracked = new(StringComparer.Ordinal);
        private readonly List<(string Id, CellOutput Output)> cell = [];
        private readonly List<KernelDiagnostic> diagnostics = [];
        private int nextId;

        public IReadOnlyList<KernelDiagnostic> Diagnostics => diagnostics;

        public void StartCell()
        {
            cell.Clear();
            diagnostics.Clear();
        }

        public void Apply(KernelEvent e)
        {
            switch (e)
            {
                case StreamProduced stream when keepStreams:
                    if (cell.Count > 0 && cell[^1].Output is StreamOutput last && last.Name == stream.Stream)
                    {
                        cell[^1] = (cell[^1].Id, last with { Text = last.Text + stream.Text });
                    }
                    else
                    {
                        Add(stream.ValueId ?? NextId(), new StreamOutput(stream.Stream, stream.Text));
                    }

                    break;
                case ValueProduced value:
                    Add(value.ValueId ?? NextId(), value.Kind == ValueKind.Returned ? new ExecuteResultOutput(value.Values, 0) : new DisplayDataOutput(value.Values));
                    break;
                case CommandFailed failed:
                    AddError("Error", failed.Message, failed.Message.Split('\n'));
                    break;
                case ErrorProduced error:
                    AddError("Error", error.Message, error.Message.Split('\n'));
                    break;
                case DiagnosticsProduced produced:
                    diagnostics.AddRange(produced.Diagnostics);
                    break;
            }
        }

        public void AddError(string name, string message, IReadOnlyList<string> details) =>
            Add(NextId(), new ErrorOutput(name, message, details.Count > 0 ? details : [message]));

        public List<CellOutput> EndCell(int executionCount) =>
            cell.Select(c => c.Output is ExecuteResultOutput r ? r with { ExecutionCount = executionCount } : c.Output).ToList();

        private void Add(string id, CellOutput output)
        {
            if (tracked.Contains(id))
            {
                for (var i = 0; i < cell.Count; i++)
                {
                    if (cell[i].Id == id)
                    {
                        cell[i] = (id, output);
                    }
                }

                return;
            }

            tracked.Add(id);
            cell.Add((id, output));
        }

        private string NextId() => "output-" + (++nextId).ToString(CultureInfo.InvariantCulture);
    }
}
