using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>
/// A real .NET Interactive kernel (<c>dotnet-interactive stdio</c>, the tool pinned in <c>.config/dotnet-tools.json</c>)
/// driven as VS Code's Polyglot extension drives it: one JSON command envelope per line on standard input, event
/// envelopes per line on standard output (<see cref="KernelProtocol"/>). One process per notebook, so no state leaks
/// between notebooks. Only <see cref="KernelLauncher"/> starts one, and only <see cref="NotebookExecutor"/> talks to it.
/// </summary>
internal sealed class KernelProcess : IAsyncDisposable
{
    private const int SigKill = 9;

    // setsid(1) runs the kernel as the leader of a new session and so of a new process group (it execs in place: the
    // child .NET forks is no group leader), so stopping the kernel can stop everything it started, wrappers included,
    // even processes that left the tree.
    private static readonly string? Setsid = OperatingSystem.IsWindows() ? null : new[] { "/usr/bin/setsid", "/bin/setsid" }.FirstOrDefault(File.Exists);

    private readonly Process process;
    private readonly Channel<KernelEvent> events = Channel.CreateUnbounded<KernelEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StringBuilder stderr = new();
    private readonly Task reader;
    private int nextToken;

    private KernelProcess(Process process, bool hasProcessGroup)
    {
        this.process = process;
        HasProcessGroup = hasProcessGroup;
        this.process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (stderr)
                {
                    stderr.AppendLine(e.Data);
                }
            }
        };
        this.process.BeginErrorReadLine();
        reader = Task.Run(ReadEventsAsync);
    }

    /// <summary>The time from starting the process to the kernel's <c>KernelReady</c> event.</summary>
    public TimeSpan StartTime { get; private set; }

    /// <summary>The id of the process started (the group's id as well when <see cref="HasProcessGroup"/>).</summary>
    public int ProcessId => process.Id;

    /// <summary>Whether the kernel leads a process group of its own, which <see cref="Kill"/> stops whole.</summary>
    public bool HasProcessGroup { get; }

    /// <summary>Starts a kernel process from its command line and waits until it is ready.</summary>
    /// <param name="command">The kernel's (or its wrapper's) command line.</param>
    /// <param name="timeout">How long to wait for <c>KernelReady</c>.</param>
    /// <param name="cancellationToken">Stops waiting (and the process).</param>
    /// <exception cref="KernelProcessException">The process did not start, exited, or was not ready in time.</exception>
    internal static async Task<KernelProcess> StartAsync(KernelCommand command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Setsid ?? command.FileName)
        {
            WorkingDirectory = command.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        if (Setsid is not null)
        {
            start.ArgumentList.Add(command.FileName);
        }

        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new KernelProcessException(KernelFailureReason.DidNotStart, "the kernel process did not start.");
        }
        catch (Win32Exception e)
        {
            throw new KernelProcessException(KernelFailureReason.DidNotStart, $"{start.FileName} could not be started: {e.Message}", e);
        }

        var kernel = new KernelProcess(process, Setsid is not null);
        try
        {
            while (await kernel.NextEventAsync(timeout, start: true, cancellationToken).ConfigureAwait(false) is not KernelReady)
            {
            }

            kernel.StartTime = stopwatch.Elapsed;
            return kernel;
        }
        catch
        {
            await kernel.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Submits code and passes every event to <paramref name="onEvent"/> until the command succeeds or fails (events of
    /// commands the submission starts, such as a package restore, come too).
    /// </summary>
    /// <param name="code">The cell's text.</param>
    /// <param name="kernelName">The target kernel (<c>csharp</c>, <c>fsharp</c>, <c>value</c>, …).</param>
    /// <param name="onEvent">Receives each event in order.</param>
    /// <param name="timeout">The longest the cell may run; then the kernel process is stopped.</param>
    /// <param name="cancellationToken">Stops waiting (and the process): an <see cref="OperationCanceledException"/>.</param>
    /// <returns>The final event: <see cref="CommandSucceeded"/> or <see cref="CommandFailed"/>.</returns>
    /// <exception cref="KernelProcessException">The kernel exited, or the cell ran past <paramref name="timeout"/> (<see cref="KernelProcessException.Reason"/> says which).</exception>
    public async Task<KernelEvent> SubmitCodeAsync(string code, string kernelName, Action<KernelEvent> onEvent, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(onEvent);
        var token = "cell-" + (++nextToken).ToString(CultureInfo.InvariantCulture);
        try
        {
            await process.StandardInput.WriteLineAsync(KernelProtocol.SubmitCode(code, kernelName, token).AsMemory(), cancellationToken).ConfigureAwait(false);
            await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw new KernelProcessException(KernelFailureReason.Exited, string.Create(CultureInfo.InvariantCulture,
                $"the kernel process exited with code {process.ExitCode} before the cell was sent.{StderrTail()}"), e);
        }

        while (true)
        {
            var next = await NextEventAsync(timeout, start: false, cancellationToken).ConfigureAwait(false);
            if (next.Token == token && next is CommandSucceeded or CommandFailed)
            {
                return next;
            }

            onEvent(next);
        }
    }

    /// <summary>Stops the kernel at once: its whole process group when it has one, and its process tree.</summary>
    public void Kill()
    {
        if (HasProcessGroup)
        {
            // A negative id names the group; an error only means the group is gone already.
            _ = SendSignal(-process.Id, SigKill);
        }

        try
        {
            process.Kill(entireProcessTree: true);
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
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The process is gone already.
        }

        Kill();
        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        await reader.ConfigureAwait(false);
        process.Dispose();
    }

    private async Task<KernelEvent> NextEventAsync(TimeSpan timeout, bool start, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // CancelAfter takes at most about 24 days; a longer limit is no limit, and one already spent ends at once.
        if (timeout < TimeSpan.FromDays(24))
        {
            limit.CancelAfter(timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero);
        }

        try
        {
            return await events.Reader.ReadAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            Kill();
            cancellationToken.ThrowIfCancellationRequested();
            throw new KernelProcessException(KernelFailureReason.TimedOut, start
                ? string.Create(CultureInfo.InvariantCulture, $"the kernel was not ready within {timeout.TotalSeconds:0.#} s; its process was stopped.{StderrTail()}")
                : string.Create(CultureInfo.InvariantCulture, $"the cell did not finish within {timeout.TotalSeconds:0.#} s; the kernel process was stopped."));
        }
        catch (ChannelClosedException)
        {
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            throw new KernelProcessException(start ? KernelFailureReason.DidNotStart : KernelFailureReason.Exited, string.Create(CultureInfo.InvariantCulture,
                $"the kernel process exited with code {process.ExitCode}.{StderrTail()}"));
        }
    }

    private string StderrTail()
    {
        lock (stderr)
        {
            var text = stderr.ToString().Trim();
            return text.Length == 0 ? "" : " Its error output: " + (text.Length > 2000 ? text[^2000..] : text);
        }
    }

    private async Task ReadEventsAsync()
    {
        try
        {
            while (await process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                if (KernelProtocol.ReadEvent(line) is { } e)
                {
                    await events.Writer.WriteAsync(e).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            events.Writer.TryComplete();
        }
    }

    // kill(2); DllImport rather than LibraryImport, which would need unsafe code for nothing here (two ints).
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SendSignal(int processId, int signal);
}
