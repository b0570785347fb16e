using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;
using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;

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

    // setpriv(1) gives the kernel a parent-death signal: a runner that dies (killed, crashed) takes its kernel along.
    private static readonly string? Setpriv = OperatingSystem.IsWindows() ? null : new[] { "/usr/bin/setpriv", "/bin/setpriv" }.FirstOrDefault(File.Exists);

    // How long a stopped kernel's output may take to end: a process that left the kernel's group and holds the pipe
    // open must not hold the runner.
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(5);

    private readonly Process process;
    private readonly Channel<KernelEvent> events = Channel.CreateUnbounded<KernelEvent>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StringBuilder stderr = new();
    private readonly CompletionLedger ledger = new();
    private readonly IKernelScope? scope;
    private readonly long outputLimit;
    private readonly Task reader;
    private string? stopReason;
    private bool ready;

    private KernelProcess(Process process, bool hasProcessGroup, IKernelScope? scope, long? outputLimit)
    {
        this.process = process;
        this.scope = scope;
        this.outputLimit = outputLimit ?? long.MaxValue;
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

    /// <summary>Whether the kernel leads a process group of its own, which <see cref="Kill"/> stops whole.</summary>
    public bool HasProcessGroup { get; }

    /// <summary>Starts a kernel process from its command line and waits until it is ready.</summary>
    /// <param name="command">The kernel's (or its wrapper's) command line.</param>
    /// <param name="outputLimit">The most bytes the kernel may write in all (then it is stopped), or null for no limit.</param>
    /// <param name="timeout">How long to wait for <c>KernelReady</c>.</param>
    /// <param name="cancellationToken">Stops waiting (and the process).</param>
    /// <exception cref="KernelProcessException">The process did not start, exited, or was not ready in time.</exception>
    internal static async Task<KernelProcess> StartAsync(KernelCommand command, long? outputLimit, TimeSpan timeout, CancellationToken cancellationToken)
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
            if (Setpriv is not null)
            {
                start.ArgumentList.Add(Setpriv);
                start.ArgumentList.Add("--pdeathsig");
                start.ArgumentList.Add("KILL");
                start.ArgumentList.Add("--");
            }

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
            // From the runner's one starter thread: a parent-death signal follows the thread that forked the child.
            process = await ProcessStarter.StartAsync(start).ConfigureAwait(false);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException)
        {
            if (command.Scope is not null)
            {
                await command.Scope.DisposeAsync().ConfigureAwait(false);
            }

            throw new KernelProcessException(KernelFailureReason.DidNotStart, $"{start.FileName} could not be started: {e.Message}", e);
        }

        var kernel = new KernelProcess(process, Setsid is not null, command.Scope, outputLimit);
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
        // Unguessable, so that a line a cell writes onto the kernel's output cannot name a command it has not seen.
        var token = ledger.Send("cell");
        await SendAsync(code, kernelName, token, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Confirms a command's completion (<see cref="CompletionLedger"/>): sends a barrier, an empty cell the kernel runs
    /// only after the command has really ended, and reads the command's verdict once the barrier has completed.
    /// </summary>
    /// <param name="completion">The completion <see cref="SubmitCodeAsync"/> returned.</param>
    /// <param name="timeout">The longest the barrier may take; then the kernel is stopped and the verdict is <see cref="CheckVerdict.Unanswered"/>.</param>
    /// <param name="cancellationToken">Stops waiting (and the process).</param>
    public async Task<CheckVerdict> ConfirmAsync(KernelEvent completion, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completion);
        var barrier = ledger.Send("barrier");
        try
        {
            await SendAsync("", KernelNames.CSharp, barrier, cancellationToken).ConfigureAwait(false);
            while (!ledger.Completed(barrier))
            {
                _ = await NextEventAsync(timeout, start: false, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (KernelProcessException)
        {
            return CheckVerdict.Unanswered;
        }

        return ledger.Verdict(completion.Token!, barrier);
    }

    private async Task SendAsync(string code, string kernelName, string token, CancellationToken cancellationToken)
    {
        try
        {
            await process.StandardInput.WriteLineAsync(KernelProtocol.SubmitCode(code, kernelName, token).AsMemory(), cancellationToken).ConfigureAwait(false);
            await process.StandardInput.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            await WaitForExitAsync().ConfigureAwait(false);
            throw new KernelProcessException(KernelFailureReason.Exited, string.Create(CultureInfo.InvariantCulture,
                $"the kernel process exited with code {process.ExitCode} before the cell was sent.{Why()}"), e);
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
        await WaitForExitAsync().ConfigureAwait(false);
        try
        {
            await reader.WaitAsync(DrainLimit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // A process outside the kernel's group holds its output open: stop reading rather than wait for it.
            process.StandardOutput.Close();
        }

        if (scope is not null)
        {
            await scope.DisposeAsync().ConfigureAwait(false);
        }

        process.Dispose();
    }

    /// <summary>Waits for the process to exit, and for its error output to end at most <see cref="DrainLimit"/> more.</summary>
    private async Task WaitForExitAsync()
    {
        using var limit = new CancellationTokenSource(DrainLimit);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Exited (it was killed), but a process outside its group holds the error output open.
        }
    }

    private async Task<KernelEvent> NextEventAsync(TimeSpan timeout, bool start, CancellationToken cancellationToken)
    {
        // A limit already spent ends at once; CancelAfter takes at most about 24 days, and a longer limit is no limit.
        timeout = timeout > TimeSpan.Zero ? timeout : TimeSpan.Zero;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (timeout < TimeSpan.FromDays(24))
        {
            limit.CancelAfter(timeout);
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
                ? string.Create(CultureInfo.InvariantCulture, $"the kernel was not ready within {timeout.TotalSeconds:0.#} s; its process was stopped.{Why()}")
                : string.Create(CultureInfo.InvariantCulture, $"the cell did not finish within {timeout.TotalSeconds:0.#} s; the kernel process was stopped."));
        }
        catch (ChannelClosedException)
        {
            Kill();
            await WaitForExitAsync().ConfigureAwait(false);
            var exit = process.HasExited ? string.Create(CultureInfo.InvariantCulture, $"the kernel process exited with code {process.ExitCode}") : "the kernel's output ended";
            throw new KernelProcessException(start ? KernelFailureReason.DidNotStart : KernelFailureReason.Exited, $"{stopReason ?? exit}.{Why()}");
        }
    }

    /// <summary>The limits the kernel ran into and the end of its error output, for a message.</summary>
    private string Why()
    {
        var limits = scope?.LimitsHit();
        return (limits is null ? "" : " Sandbox: " + limits + ".") + StderrTail();
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
        var lines = new BoundedLineReader(process.StandardOutput.BaseStream, outputLimit);
        try
        {
            while (await lines.ReadLineAsync(CancellationToken.None).ConfigureAwait(false) is { } line)
            {
                if (KernelProtocol.ReadEvent(line) is { } e)
                {
                    ready |= e is KernelReady;
                    ledger.Event(e);
                    await events.Writer.WriteAsync(e).ConfigureAwait(false);
                }
                else if (ready)
                {
                    // After the banner the kernel writes nothing but envelopes: this came from code in it.
                    ledger.Foreign();
                }
            }
        }
        catch (OutputLimitException e)
        {
            stopReason = e.Message.TrimEnd('.');
            Kill();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The stream was closed under the reader (see DisposeAsync).
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
