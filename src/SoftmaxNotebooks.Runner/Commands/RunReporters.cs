using System.Globalization;
using Spectre.Console;

using SoftmaxNotebooks.Runner.Execution;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary>Prints a run: its progress while it runs (<see cref="IRunProgress"/>), notes, and the summary at the end.</summary>
internal interface IRunPrinter : IRunProgress
{
    /// <summary>A note outside any notebook.</summary>
    /// <param name="message">The text.</param>
    void Message(string message);

    /// <summary>Prints every notebook's status and time, the errors and the slowest cells.</summary>
    /// <param name="results">All results, in input order.</param>
    void Summary(IReadOnlyList<NotebookRunResult> results);
}

/// <summary>Plain lines, for CI logs and redirected output.</summary>
/// <param name="writer">Where lines go.</param>
internal sealed class PlainRunPrinter(TextWriter writer) : IRunPrinter
{
    private readonly Lock gate = new();

    /// <inheritdoc/>
    public Task RunAsync(IReadOnlyList<string> names, Func<Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run();
    }

    /// <inheritdoc/>
    public void Started(string name) => Line($"start  {name}");

    /// <inheritdoc/>
    public void CellFinished(string name, int cell, int count)
    {
        // One line per cell would flood CI logs; starts and ends are enough there.
    }

    /// <inheritdoc/>
    public void Finished(NotebookRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Line(result.Status == NotebookStatus.Passed
            ? $"ok     {result.Name} ({Seconds(result.Elapsed)})"
            : $"{StatusText(result.Status),-6} {result.Name} ({Seconds(result.Elapsed)}){(result.Error is null ? "" : ": " + result.Error)}");
    }

    /// <inheritdoc/>
    public void Message(string message) => Line(message);

    /// <inheritdoc/>
    public void Summary(IReadOnlyList<NotebookRunResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        lock (gate)
        {
            writer.WriteLine();
            var width = results.Select(r => r.Name.Length).Append("notebook".Length).Max();
            writer.WriteLine($"{"notebook".PadRight(width)}  status     time");
            foreach (var result in results)
            {
                writer.WriteLine($"{result.Name.PadRight(width)}  {StatusText(result.Status),-9}  {Seconds(result.Elapsed),7}");
            }

            foreach (var result in results.Where(r => r.Error is not null))
            {
                writer.WriteLine($"error: {result.Error}");
            }

            var slowest = Slowest(results);
            if (slowest.Count > 0)
            {
                writer.WriteLine("slowest cells:");
                foreach (var (name, cell) in slowest)
                {
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Seconds(cell.Elapsed),7}  {name}:cell {cell.CellNumber}"));
                }
            }

            writer.WriteLine(Totals(results));
            writer.Flush();
        }
    }

    internal static string StatusText(NotebookStatus status) => status switch
    {
        NotebookStatus.Passed => "passed",
        NotebookStatus.Failed => "FAILED",
        _ => "cancelled",
    };

    internal static string Seconds(TimeSpan elapsed) => elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    internal static List<(string Name, CellOutcome Cell)> Slowest(IReadOnlyList<NotebookRunResult> results) =>
        results.SelectMany(r => r.Cells.Select(c => (r.Name, Cell: c))).OrderByDescending(x => x.Cell.Elapsed).Take(5).ToList();

    internal static string Totals(IReadOnlyList<NotebookRunResult> results) => string.Create(CultureInfo.InvariantCulture,
        $"{results.Count(r => r.Status == NotebookStatus.Passed)} passed, {results.Count(r => r.Status == NotebookStatus.Failed)} failed, {results.Count(r => r.Status == NotebookStatus.Cancelled)} cancelled");

    private void Line(string text)
    {
        lock (gate)
        {
            writer.WriteLine(text);
            writer.Flush();
        }
    }
}

/// <summary>A live progress display on a terminal (Spectre.Console).</summary>
/// <param name="console">The terminal.</param>
internal sealed class LiveRunPrinter(IAnsiConsole console) : IRunPrinter
{
    private readonly Dictionary<string, ProgressTask> tasks = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private ProgressContext? context;

    /// <inheritdoc/>
    public Task RunAsync(IReadOnlyList<string> names, Func<Task> run)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(run);
        return console.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async started =>
            {
                lock (gate)
                {
                    context = started;
                    foreach (var name in names)
                    {
                        tasks[name] = started.AddTask(Markup.Escape(name), autoStart: false, maxValue: 1);
                    }
                }

                await run().ConfigureAwait(false);
            });
    }

    /// <inheritdoc/>
    public void Started(string name) => WithTask(name, task => task.StartTask());

    /// <inheritdoc/>
    public void CellFinished(string name, int cell, int count) => WithTask(name, task =>
    {
        task.MaxValue = count;
        task.Value = cell;
    });

    /// <inheritdoc/>
    public void Finished(NotebookRunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        WithTask(result.Name, task =>
        {
            var color = result.Status == NotebookStatus.Passed ? "green" : "red";
            task.Description = $"[{color}]{Markup.Escape(result.Name)}[/]";
            task.Value = task.MaxValue;
            task.StopTask();
        });
    }

    /// <inheritdoc/>
    public void Message(string message) => console.MarkupLine(Markup.Escape(message));

    /// <inheritdoc/>
    public void Summary(IReadOnlyList<NotebookRunResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var table = new Table().AddColumn("notebook").AddColumn("status").AddColumn(new TableColumn("time").RightAligned());
        foreach (var result in results)
        {
            var status = PlainRunPrinter.StatusText(result.Status);
            var color = result.Status == NotebookStatus.Passed ? "green" : result.Status == NotebookStatus.Failed ? "red" : "yellow";
            table.AddRow(Markup.Escape(result.Name), $"[{color}]{status}[/]", PlainRunPrinter.Seconds(result.Elapsed));
        }

        console.Write(table);
        foreach (var result in results.Where(r => r.Error is not null))
        {
            console.MarkupLine($"[red]error:[/] {Markup.Escape(result.Error!)}");
        }

        var slowest = PlainRunPrinter.Slowest(results);
        if (slowest.Count > 0)
        {
            console.MarkupLine("slowest cells:");
            foreach (var (name, cell) in slowest)
            {
                console.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"  {PlainRunPrinter.Seconds(cell.Elapsed),7}  {name}:cell {cell.CellNumber}")));
            }
        }

        console.MarkupLine(Markup.Escape(PlainRunPrinter.Totals(results)));
    }

    private void WithTask(string name, Action<ProgressTask> action)
    {
        lock (gate)
        {
            if (context is not null && tasks.TryGetValue(name, out var task))
            {
                action(task);
            }
        }
    }
}
