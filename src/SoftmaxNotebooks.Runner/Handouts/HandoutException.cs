namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>A handout could not be rendered, printed or written; the message names the file and the cause.</summary>
public sealed class HandoutException : Exception
{
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

    /// <summary>Creates the exception with no message (for serializers and analyzers).</summary>
    public HandoutException()
    {
    }
}
