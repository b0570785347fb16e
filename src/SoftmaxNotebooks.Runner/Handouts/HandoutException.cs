using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>A handout could not be rendered, printed or written; the message names the file and the cause.</summary>
internal sealed class HandoutException : RunnerException
{
    /// <summary>Creates the exception.</summary>
    public HandoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed, naming the file.</param>
    public HandoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What failed, naming the file.</param>
    /// <param name="innerException">The underlying failure.</param>
    public HandoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
