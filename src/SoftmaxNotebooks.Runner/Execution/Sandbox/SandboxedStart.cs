using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;

namespace SoftmaxNotebooks.Runner.Execution.Sandbox;

/// <summary>
/// One kernel's sandbox: its start (made on the runner's one <see cref="ProcessStarter"/> thread, so bwrap's
/// parent-death signal fires only when the runner dies) and its end, which kills every process it holds.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SandboxedStart : IAsyncDisposable
{
    private readonly CgroupGroup? _group;
    private readonly KernelSandbox _sandbox;
    private Process? _process;

    internal SandboxedStart(ProcessStartInfo startInfo, CgroupGroup? group, KernelSandbox sandbox)
    {
        StartInfo = startInfo;
        _group = group;
        _sandbox = sandbox;
    }

    /// <summary>What is started: the cgroup join (or rlimits), bwrap with its options, setpriv, the copy-in and the kernel.</summary>
    public ProcessStartInfo StartInfo { get; }

    /// <summary>The command line as a shell would take it, for logs and the documentation.</summary>
    public string CommandLine => string.Join(' ', new[] { StartInfo.FileName }.Concat(StartInfo.ArgumentList).Select(Quote));

    /// <summary>Starts the sandbox.</summary>
    /// <returns>The sandbox's process (bwrap); the kernel is its descendant and speaks through its standard streams.</returns>
    /// <exception cref="InvalidOperationException">It was started already.</exception>
    public async Task<Process> StartAsync()
    {
        if (_process is not null)
        {
            throw new InvalidOperationException("the sandbox was started already.");
        }

        _process = await ProcessStarter.StartAsync(StartInfo).ConfigureAwait(false);
        return _process;
    }

    /// <summary>
    /// Why the sandbox's limits may have ended the kernel, for a message: "the memory limit (1.5 GiB) was reached" and
    /// the like, or null when no limit was hit. Only cgroup limits are seen (as root).
    /// </summary>
    public string? LimitsHit()
    {
        if (_group is null)
        {
            return null;
        }

        var hits = new List<string>();
        if (_group.OomKills > 0)
        {
            hits.Add(string.Create(CultureInfo.InvariantCulture, $"the memory limit ({SandboxLimits.Size(_sandbox.Limits.MemoryBytes)}) was reached: {_group.OomKills} process(es) killed"));
        }

        if (_group.TaskLimitHits > 0)
        {
            hits.Add(string.Create(CultureInfo.InvariantCulture, $"the limit of {_sandbox.Limits.MaxTasks} processes and threads refused {_group.TaskLimitHits} start(s)"));
        }

        return hits.Count == 0 ? null : string.Join("; ", hits);
    }

    /// <summary>The most memory the sandbox used (bytes), or null without cgroups.</summary>
    public long? PeakMemoryBytes => _group?.PeakMemoryBytes;

    /// <summary>The processes of the sandbox still alive (from its cgroup; without cgroups, the started process alone).</summary>
    public IReadOnlyList<int> Processes() =>
        _group?.Processes() ?? (_process is { HasExited: false } p ? [p.Id] : []);

    /// <summary>
    /// Ends everything: bwrap is killed, and with it the pid namespace's init, which takes every process of the
    /// namespace along (the kernel's rule for a pid namespace); the cgroup is then emptied as well and removed.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            try
            {
                _process.Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
            {
                // Exited already, or its owner (the kernel's reader) disposed it after ending it.
            }
        }

        _group?.Dispose();
    }

    private static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
