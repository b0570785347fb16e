using System.Collections.Concurrent;
using System.Diagnostics;

namespace SoftmaxNotebooks.Runner.IO;

/// <summary>
/// Starts processes from one thread that lives as long as the runner. Linux sends a parent-death signal
/// (<c>bwrap --die-with-parent</c>, <c>setpriv --pdeathsig</c>) when the <em>thread</em> that forked the child ends,
/// not the process, and .NET forks from the thread that calls <see cref="Process.Start()"/>: a kernel started from a
/// thread-pool thread would be killed whenever the pool retires that thread (measured: a bwrap started from a thread
/// that then ended died at once). Started from here, the signal comes only when the runner itself dies.
/// </summary>
internal static class ProcessStarter
{
    private static readonly BlockingCollection<(ProcessStartInfo Start, TaskCompletionSource<Process> Started)> Requests = new();

    private static readonly Lazy<Thread> Starter = new(() =>
    {
        var thread = new Thread(Serve) { IsBackground = true, Name = "kernel starter" };
        thread.Start();
        return thread;
    });

    /// <summary>Starts the process on the starter thread.</summary>
    /// <param name="start">What to start.</param>
    /// <returns>The started process.</returns>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started.</exception>
    public static Task<Process> StartAsync(ProcessStartInfo start)
    {
        ArgumentNullException.ThrowIfNull(start);
        _ = Starter.Value;
        var started = new TaskCompletionSource<Process>(TaskCreationOptions.RunContinuationsAsynchronously);
        Requests.Add((start, started));
        return started.Task;
    }

    private static void Serve()
    {
        foreach (var (start, started) in Requests.GetConsumingEnumerable())
        {
            try
            {
                started.SetResult(Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start."));
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
            {
                started.SetException(e);
            }
        }
    }
}
