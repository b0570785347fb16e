namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>What a kernel start needs: the folder it works in and what its environment gets besides the runner's own.</summary>
/// <param name="WorkingDirectory">The notebook's folder (or a submission's copy): relative paths in cells resolve against it, as in VS Code.</param>
internal sealed record KernelStartRequest(string WorkingDirectory)
{
    /// <summary>The most bytes the kernel may write to its protocol stream in all (then it is stopped); null for no limit.</summary>
    public long? OutputLimit { get; init; }

    /// <summary>Variables to set (a null value removes the variable); the rest of the runner's environment is inherited.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
}

/// <summary>A process to start: the program, its arguments, its working folder and the changes to its environment.</summary>
/// <param name="FileName">The program.</param>
/// <param name="Arguments">Its arguments, each passed as one argument (no shell).</param>
/// <param name="WorkingDirectory">The folder it starts in.</param>
/// <param name="Environment">Variables to set (a null value removes one) on top of the runner's environment.</param>
internal sealed record KernelCommand(string FileName, IReadOnlyList<string> Arguments, string WorkingDirectory, IReadOnlyDictionary<string, string?> Environment)
{
    /// <summary>What a wrapper holds for this one kernel (a sandbox's cgroups), released once its process has ended; null for nothing.</summary>
    public IKernelScope? Scope { get; init; }
}

/// <summary>
/// Resources a wrapper holds for one kernel: released (every process in them killed) when the kernel's process has
/// ended, and asked why the kernel died when it died.
/// </summary>
internal interface IKernelScope : IAsyncDisposable
{
    /// <summary>The limits the kernel ran into ("the memory limit (1.5 GiB) was reached"), or null.</summary>
    string? LimitsHit();
}

/// <summary>
/// Wraps the kernel's command line in another program that then runs it, such as a sandbox
/// (<c>bwrap … -- dotnet tool run dotnet-interactive …</c>). The kernel's protocol runs over the wrapper's standard
/// input and output, so the wrapper must pass them through.
/// </summary>
internal interface IKernelCommandWrapper
{
    /// <summary>The command that runs <paramref name="kernel"/> inside the wrapper.</summary>
    /// <param name="kernel">The kernel's own command line (<see cref="KernelTool.Command"/>).</param>
    /// <param name="request">What the start was asked for (the working folder a sandbox makes writable).</param>
    KernelCommand Wrap(KernelCommand kernel, KernelStartRequest request);
}
