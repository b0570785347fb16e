namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>
/// The one place that starts kernel processes: it restores the pinned tool, builds the kernel's command line, lets
/// an optional <see cref="IKernelCommandWrapper"/> wrap it, starts it in a process group of its own (so that
/// <see cref="KernelProcess"/> can stop the kernel and everything it started) and waits for <c>KernelReady</c>.
/// </summary>
/// <param name="wrapper">Wraps every kernel command line (a sandbox), or null to start the kernel directly.</param>
internal sealed class KernelLauncher(IKernelCommandWrapper? wrapper = null)
{
    /// <summary>Starts kernels directly, with the runner's rights.</summary>
    public static KernelLauncher Direct { get; } = new();

    /// <summary>Starts a kernel and waits until it is ready.</summary>
    /// <param name="request">Where it works and what environment it gets.</param>
    /// <param name="timeout">How long to wait for <c>KernelReady</c> (the tool restore not included).</param>
    /// <param name="cancellationToken">Stops waiting (and the process).</param>
    /// <returns>The ready kernel; the caller disposes it.</returns>
    /// <exception cref="KernelProcessException">The tool could not be restored, the process did not start or exited, or it was not ready in time.</exception>
    public async Task<KernelProcess> StartAsync(KernelStartRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await KernelTool.RestoreAsync(cancellationToken).ConfigureAwait(false);
        var command = KernelTool.Command(request);
        if (wrapper is not null)
        {
            try
            {
                command = wrapper.Wrap(command, request);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new KernelProcessException(KernelFailureReason.DidNotStart, "the kernel's wrapper could not be set up: " + e.Message, e);
            }
        }

        return await KernelProcess.StartAsync(command, request.OutputLimit, timeout, cancellationToken).ConfigureAwait(false);
    }
}
