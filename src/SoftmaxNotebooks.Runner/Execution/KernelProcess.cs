using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>One event envelope the kernel wrote: its type, its payload and the token of the command it answers.</summary>
/// <param name="EventType">For example <c>DisplayedValueProduced</c> or <c>CommandSucceeded</c>.</param>
/// <param name="Event">The event's payload.</param>
/// <param name="Token">The token of the command the event belongs to, if any.</param>
public sealed record KernelEvent(string EventType, JsonObject Event, string? Token);

/// <summary>The kernel did not start, stopped, or a cell ran past its time limit; the message says which.</summary>
public sealed class KernelProcessException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KernelProcessException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened to the kernel process.</param>
    public KernelProcessException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened to the kernel process.</param>
    /// <param name="innerException">The cause.</param>
    public KernelProcessException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// A real .NET Interactive kernel (<c>dotnet-interactive stdio</c>, the tool pinned in <c>.config/dotnet-tools.json</c>)
/// driven as VS Code's Polyglot extension drives it: one JSON command envelope per line on standard input, event
/// envelopes per line on standard output. One process per notebook, so no state leaks between notebooks.
/// </summary>
public sealed class KernelProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<KernelEvent> _events = Channel.CreateUnbounded<KernelEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StringBuilder _stderr = new();
    private readonly Task _reader;
    private int _nextToken;

    private KernelProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (_stderr)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        _process.BeginErrorReadLine();
        _reader = Task.Run(ReadEventsAsync);
    }

    /// <summary>The time from starting the process to the kernel's <c>KernelReady</c> event.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>Starts a kernel whose working directory is <paramref name="workingDirectory"/> and waits until it is ready.</summary>
    /// <param name="workingDirectory">The notebook's folder: relative paths in cells (<c>#r</c>, files) resolve against it, as in VS Code.</param>
    /// <param name="timeout">How long to wait for <c>KernelReady</c>.</param>
    /// <param name="cancellationToken">Stops waiting (and the process).</param>
    /// <exception cref="KernelProcessException">The tool is missing, the process exited, or it was not ready in time.</exception>
    public static async Task<KernelProcess> StartAsync(string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            // `dotnet tool run` finds the local tool through the manifest above its own working directory; the
            // kernel itself works in the notebook's folder (--working-dir).
            WorkingDirectory = KernelTool.ManifestRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "tool", "run", "dotnet-interactive", "--", "stdio", "--default-kernel", "csharp", "--working-dir", workingDirectory })
        {
            start.ArgumentList.Add(argument);
        }

        KernelTool.ConfigureEnvironment(start);
        var stopwatch = Stopwatch.StartNew();
        var process = Process.Start(start) ?? throw new KernelProcessException("the dotnet-interactive kernel did not start.");
        var kernel = new KernelProcess(process);
        try
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(timeout);
            while (true)
            {
                var next = await kernel.NextEventAsync(timeout, "start", limit.Token).ConfigureAwait(false);
                if (next.EventType == "KernelReady")
                {
                    kernel.StartTime = stopwatch.Elapsed;
                    return kernel;
                }
            }
        }
        catch
        {
            await kernel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Submits code to a kernel and passes every event to <paramref name="onEvent"/> until the command succeeds or
    /// fails (events of commands the submission starts, such as a package restore, come too).
    /// </summary>
    /// <param name="code">The cell's text.</param>
    /// <param name="kernelName">The target kernel (<c>csharp</c>, <c>fsharp</c>, <c>value</c>, …).</param>
    /// <param name="onEvent">Receives each event in order.</param>
    /// <param name="timeout">The longest the cell may run; then the kernel process is stopped.</param>
    /// <param name="cancellationToken">Stops waiting (and the process).</param>
    /// <returns>The final event: <c>CommandSucceeded</c> or <c>CommandFailed</c>.</returns>
    /// <exception cref="KernelProcessException">The kernel exited, or the cell ran past <paramref name="timeout"/>.</exception>
    public async Task<KernelEvent> SubmitCodeAsync(string code, string kernelName, Action<KernelEvent> onEvent, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        var token = "cell-" + (++_nextToken).ToString(CultureInfo.InvariantCulture);
        var envelope = new JsonObject
        {
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = kernelName },
            ["token"] = token,
        };
        try
        {
            await _process.StandardInput.WriteLineAsync(envelope.ToJsonString().AsMemory(), cancellationToken).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw new KernelProcessException(string.Create(CultureInfo.InvariantCulture,
                $"the kernel process exited with code {_process.ExitCode} before the cell was sent.{StderrTail()}"), e);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            var next = await NextEventAsync(timeout, "cell", limit.Token).ConfigureAwait(false);
            if (next.Token == token && next.EventType is "CommandSucceeded" or "CommandFailed")
            {
                return next;
            }

            onEvent(next);
        }
    }

    private async Task<KernelEvent> NextEventAsync(TimeSpan timeout, string what, CancellationToken limit)
    {
        try
        {
            return await _events.Reader.ReadAsync(limit).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            Kill();
            throw new KernelProcessException(what == "start"
                ? string.Create(CultureInfo.InvariantCulture, $"the kernel was not ready within {timeout.TotalSeconds:0.#} s; its process was stopped.{StderrTail()}")
                : string.Create(CultureInfo.InvariantCulture, $"the cell did not finish within {timeout.TotalSeconds:0.#} s (set --cell-timeout to allow longer); the kernel process was stopped."));
        }
        catch (ChannelClosedException)
        {
            await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw new KernelProcessException(string.Create(CultureInfo.InvariantCulture,
                $"the kernel process exited with code {_process.ExitCode}.{StderrTail()}"));
        }
    }

    private string StderrTail()
    {
        lock (_stderr)
        {
            var text = _stderr.ToString().Trim();
            return text.Length == 0 ? "" : " Its error output: " + (text.Length > 2000 ? text[^2000..] : text);
        }
    }

    private async Task ReadEventsAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                // The tool prints a banner before its first envelope; only JSON lines are envelopes.
                if (!line.StartsWith('{'))
                {
                    continue;
                }

                JsonObject? envelope;
                try
                {
                    envelope = JsonNode.Parse(line) as JsonObject;
                }
                catch (JsonException)
                {
                    continue;
                }

                if (envelope?["eventType"]?.GetValue<string>() is { } eventType && envelope["event"] is JsonObject payload)
                {
                    var token = envelope["command"]?["token"]?.GetValue<string>();
                    await _events.Writer.WriteAsync(new KernelEvent(eventType, payload, token)).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            _events.Writer.TryComplete();
        }
    }

    private void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    /// <summary>Ends the kernel process (closing its input first, then stopping it) and waits for it.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process is gone already.
        }

        Kill();
        await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await _reader.ConfigureAwait(false);
        _process.Dispose();
    }
}
