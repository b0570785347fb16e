using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>Why a kernel process failed.</summary>
internal enum KernelFailureReason
{
    /// <summary>The tool could not be restored, or the process did not start, exited or was not ready in time.</summary>
    DidNotStart,

    /// <summary>The process exited while a cell ran (a cell called <c>Environment.Exit</c>, or the kernel crashed).</summary>
    Exited,

    /// <summary>A cell ran past its time limit; the process was stopped.</summary>
    TimedOut,
}

/// <summary>The kernel did not start, stopped, or a cell ran past its time limit; <see cref="Reason"/> and the message say which.</summary>
internal sealed class KernelProcessException : RunnerException
{
    /// <summary>Creates the exception.</summary>
    public KernelProcessException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened to the kernel process.</param>
    public KernelProcessException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened to the kernel process.</param>
    /// <param name="innerException">The cause.</param>
    public KernelProcessException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with its reason and message.</summary>
    /// <param name="reason">Why the kernel failed.</param>
    /// <param name="message">What happened to the kernel process.</param>
    /// <param name="innerException">The cause, if any.</param>
    public KernelProcessException(KernelFailureReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    /// <summary>Why the kernel failed.</summary>
    public KernelFailureReason Reason { get; }
}
