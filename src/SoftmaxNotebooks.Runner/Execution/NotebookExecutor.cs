using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>How long one cell took.</summary>
/// <param name="CellNumber">The cell's 1-based position in the notebook.</param>
/// <param name="Elapsed">Wall-clock time, including any package restore.</param>
public sealed record CellTiming(int CellNumber, TimeSpan Elapsed);

/// <summary>The outcome of executing one notebook.</summary>
/// <param name="Executed">The notebook with each executed cell's outputs and execution count.</param>
/// <param name="Error">Null on success; otherwise <c>file:cell N:line L: message</c>.</param>
/// <param name="Timings">The time of each executed cell.</param>
/// <param name="KernelStart">The time from starting the kernel process to its <c>KernelReady</c> event.</param>
public sealed record ExecutionResult(Notebook Executed, string? Error, IReadOnlyList<CellTiming> Timings, TimeSpan KernelStart)
{
    /// <summary>True when every cell ran.</summary>
    public bool Succeeded => Error is null;
}

/// <summary>
/// Executes a notebook in its own real .NET Interactive kernel (<see cref="KernelProcess"/>), one <c>SubmitCode</c>
/// per code cell in order, and turns the kernel's events into nbformat outputs the way VS Code's Polyglot
/// extension turns them into cell outputs (its <c>interactiveClient.ts</c> and <c>notebookControllers.ts</c>).
/// </summary>
public static partial class NotebookExecutor
{
    /// <summary>The default per-cell time limit: generous, since a cell may restore NuGet packages.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(10);

    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    /// <summary>Executes a notebook's code cells in order, stopping at the first failure.</summary>
    /// <param name="notebook">The parsed notebook.</param>
    /// <param name="notebookPath">The file's path: the kernel works in its folder.</param>
    /// <param name="displayName">How errors name the notebook, e.g. <c>notebooks/intro.dib</c>.</param>
    /// <param name="cellFinished">Called after each cell with its 1-based number and the cell count.</param>
    /// <param name="cellTimeout">The longest one cell may run before the kernel process is stopped.</param>
    /// <param name="cancellationToken">Stops execution (and the kernel process).</param>
    public static async Task<ExecutionResult> ExecuteAsync(
        Notebook notebook, string notebookPath, string displayName, Action<int, int>? cellFinished, TimeSpan cellTimeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var folder = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        var cells = notebook.Cells.Select(c => c.IsCode ? c with { Outputs = [], ExecutionCount = null } : c).ToList();
        var timings = new List<CellTiming>();
        if (!cells.Any(c => c.IsCode))
        {
            return new ExecutionResult(notebook with { Cells = cells }, null, timings, TimeSpan.Zero);
        }

        await KernelTool.RestoreAsync(cancellationToken).ConfigureAwait(false);
        KernelProcess kernel;
        try
        {
            kernel = await KernelProcess.StartAsync(folder, StartTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (KernelProcessException e)
        {
            return new ExecutionResult(notebook with { Cells = cells }, $"{displayName}: {e.Message}", timings, TimeSpan.Zero);
        }

        await using (kernel.ConfigureAwait(false))
        {
            var outputs = new OutputTracker();
            string? error = null;
            for (var i = 0; i < cells.Count && error is null; i++)
            {
                var cell = cells[i];
                if (!cell.IsCode)
                {
                    continue;
                }

                var number = i + 1;
                var location = string.Create(CultureInfo.InvariantCulture, $"{displayName}:cell {number}");
                outputs.StartCell();
                var stopwatch = Stopwatch.StartNew();
                try
                {
                    var final = await kernel.SubmitCodeAsync(cell.Source, cell.KernelName, outputs.Apply, cellTimeout, cancellationToken).ConfigureAwait(false);
                    if (final.EventType == "CommandFailed")
                    {
                        var (located, name, details) = Locate(location, cell.Source, final.Event, outputs.Diagnostics);
                        error = located;
                        outputs.AddError(name, located, details);
                    }
                }
                catch (KernelProcessException e)
                {
                    error = $"{location}: {e.Message}";
                    outputs.AddError("KernelStopped", error, [error]);
                }

                stopwatch.Stop();
                timings.Add(new CellTiming(number, stopwatch.Elapsed));
                // VS Code numbers a cell when its execution ends, failed or not, counting from 1 per kernel.
                cells[i] = cell with { Outputs = outputs.EndCell(timings.Count), ExecutionCount = timings.Count };
                cellFinished?.Invoke(number, cells.Count);
            }

            return new ExecutionResult(notebook with { Cells = cells }, error, timings, kernel.StartTime);
        }
    }

    /// <summary>The located message, the error's name and its detail lines for a failed cell.</summary>
    private static (string Message, string Name, IReadOnlyList<string> Details) Locate(string location, string source, JsonObject failed, IReadOnlyList<JsonObject> diagnostics)
    {
        var errors = diagnostics.Where(d => d["severity"]?.GetValue<string>() == "error").ToList();
        if (errors.Count > 0)
        {
            var lines = errors.Select(d =>
            {
                var line = d["linePositionSpan"]?["start"]?["line"]?.GetValue<int>();
                var where = line is null ? location : string.Create(CultureInfo.InvariantCulture, $"{location}:line {line + 1}");
                return $"{where}: error {d["code"]?.GetValue<string>()}: {d["message"]?.GetValue<string>()}";
            }).ToList();
            return (lines[0], "CompilationError", lines);
        }

        // A runtime failure's message is the exception's ToString(): the type, message and inner exceptions, then
        // the stack, whose frames carry no line numbers (the kernel compiles cells without debug information). A
        // failed claim is the exception: its message ends "(line L)", the Check call's line as the compiler saw it.
        var message = failed["message"]?.GetValue<string>() ?? "the command failed.";
        var all = message.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var head = string.Join(" ", all.TakeWhile(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal)).Select(l => l.Trim()));
        var type = ExceptionType().Match(head);
        var name = type.Success ? type.Groups["name"].Value : "Error";
        var claim = ClaimLine().Match(head);
        if (head.StartsWith(ClaimFailed, StringComparison.Ordinal) && claim.Success && CellLine(source, int.Parse(claim.Groups["line"].Value, CultureInfo.InvariantCulture)) is { } line)
        {
            head = head[..claim.Index];
            location = string.Create(CultureInfo.InvariantCulture, $"{location}:line {line}");
        }

        return ($"{location}: {head}", name, all);
    }

    /// <summary>
    /// The cell line of the failed <c>Check</c> call the compiler placed at <paramref name="compiledLine"/> (the line
    /// its invocation starts on). The kernel takes its own directives (<c>#r "nuget:…"</c>, <c>#i</c>, <c>#!…</c>)
    /// out of a cell before compiling it, so the cell line is that line or up to one line per directive further down
    /// (measured in the kernel: how many lines a directive removes depends on its neighbours); it is the one line in
    /// that window that calls <c>Check</c>. Null when there is not exactly one, e.g. when the failing call sits in a
    /// helper another cell declared (the message then names the cell alone).
    /// </summary>
    internal static int? CellLine(string source, int compiledLine)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var directives = lines.Count(l => KernelDirective().IsMatch(l));
        var candidates = Enumerable.Range(compiledLine, directives + 1)
            .Where(n => n >= 1 && n <= lines.Length && lines[n - 1].Contains("Check.", StringComparison.Ordinal)).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    [GeneratedRegex(@"^\s*(?:#!|#i\s|#r\s+""nuget:)")]
    private static partial Regex KernelDirective();

    [GeneratedRegex(@"^(?:[\w]+\.)*(?<name>\w+(?:Exception|Error)):")]
    private static partial Regex ExceptionType();

    private const string ClaimFailed = "SoftmaxNotebooks.ClaimFailedException: ";

    [GeneratedRegex(@" \(line (?<line>[0-9]+)\)$")]
    private static partial Regex ClaimLine();

    /// <summary>
    /// The outputs as VS Code keeps them: an event with a value id already seen in this notebook replaces the running
    /// cell's output of that id (and is lost when that output is in another cell); any other event appends an output;
    /// a stream event right after an output of the same stream joins it.
    /// </summary>
    private sealed class OutputTracker
    {
        private readonly HashSet<string> _tracked = new(StringComparer.Ordinal);
        private readonly List<(string Id, CellOutput Output)> _cell = [];
        private readonly List<JsonObject> _diagnostics = [];
        private int _nextId;

        public IReadOnlyList<JsonObject> Diagnostics => _diagnostics;

        public void StartCell()
        {
            _cell.Clear();
            _diagnostics.Clear();
        }

        public void Apply(KernelEvent e)
        {
            switch (e.EventType)
            {
                case "StandardOutputValueProduced":
                case "StandardErrorValueProduced":
                {
                    var text = string.Concat(Values(e.Event).Select(v => v.Value));
                    var stream = e.EventType == "StandardErrorValueProduced" ? "stderr" : "stdout";
                    if (_cell.Count > 0 && _cell[^1].Output is StreamOutput last && last.Name == stream)
                    {
                        _cell[^1] = (_cell[^1].Id, last with { Text = last.Text + text });
                    }
                    else
                    {
                        Add(IdOf(e.Event), new StreamOutput(stream, text));
                    }

                    break;
                }

                case "DisplayedValueProduced":
                case "DisplayedValueUpdated":
                case "ReturnValueProduced":
                {
                    var data = Values(e.Event);
                    CellOutput output = e.EventType == "ReturnValueProduced" ? new ExecuteResultOutput(data, 0) : new DisplayDataOutput(data);
                    Add(IdOf(e.Event), output);
                    break;
                }

                case "CommandFailed":
                case "ErrorProduced":
                {
                    var message = e.Event["message"]?.GetValue<string>() ?? "";
                    AddError("Error", message, message.Split('\n'));
                    break;
                }

                case "DiagnosticsProduced":
                    _diagnostics.AddRange((e.Event["diagnostics"] as JsonArray ?? []).OfType<JsonObject>());
                    break;
            }
        }

        public void AddError(string name, string message, IReadOnlyList<string> details) =>
            Add(NextId(), new ErrorOutput(name, message, details.Count > 0 ? details : [message]));

        public List<CellOutput> EndCell(int executionCount) =>
            _cell.Select(c => c.Output is ExecuteResultOutput r ? r with { ExecutionCount = executionCount } : c.Output).ToList();

        private void Add(string id, CellOutput output)
        {
            if (_tracked.Contains(id))
            {
                for (var i = 0; i < _cell.Count; i++)
                {
                    if (_cell[i].Id == id)
                    {
                        _cell[i] = (id, output);
                    }
                }

                return;
            }

            _tracked.Add(id);
            _cell.Add((id, output));
        }

        private string IdOf(JsonObject e) => e["valueId"]?.GetValue<string>() ?? NextId();

        private string NextId() => "output-" + (++_nextId).ToString(CultureInfo.InvariantCulture);

        /// <remarks>The kernel's formatters write CRLF on every platform; LF keeps executed notebooks the same everywhere.</remarks>
        private static List<FormattedValue> Values(JsonObject e) =>
            (e["formattedValues"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(v => new FormattedValue(
                v["mimeType"]?.GetValue<string>() ?? "text/plain",
                (v["value"]?.GetValue<string>() ?? "").Replace("\r\n", "\n", StringComparison.Ordinal)))
            .ToList();
    }
}
