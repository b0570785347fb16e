namespace SoftmaxNotebooks.Runner.IO;

/// <summary>
/// A failure the runner reports to its user as one line, <c>error: message</c>: the message names the file, the
/// position and the rule. Every command's error boundary catches this type (and so each of its kinds) and nothing
/// else, so an unexpected exception still shows its stack trace.
/// </summary>
internal class RunnerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RunnerException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed, naming the file and the cause.</param>
    public RunnerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What failed, naming the file and the cause.</param>
    /// <param name="innerException">The underlying failure.</param>
    public RunnerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
