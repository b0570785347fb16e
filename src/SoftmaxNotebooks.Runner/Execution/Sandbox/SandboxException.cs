using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Execution.Sandbox;

/// <summary>The sandbox cannot be set up on this machine (bubblewrap missing or refused); the message says what to install or allow.</summary>
internal sealed class SandboxException : RunnerException
{
    /// <summary>Creates the exception.</summary>
    public SandboxException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is missing and how to get it.</param>
    public SandboxException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is missing and how to get it.</param>
    /// <param name="innerException">The cause.</param>
    public SandboxException(string message, Exception innerException) : base(message, innerException) { }
}
