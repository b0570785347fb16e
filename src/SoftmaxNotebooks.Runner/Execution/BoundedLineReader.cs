using System.Buffers;
using System.Globalization;
using SoftmaxNotebooks.Runner.IO;
using System.Text;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>The kernel wrote more than its output limit; the reader stopped, and the kernel is to be ended.</summary>
internal sealed class OutputLimitException : Exception
{
    /// <summary>Creates the exception.</summary>
    public OutputLimitException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Which limit and how much was read.</param>
    public OutputLimitException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">Which limit and how much was read.</param>
    /// <param name="innerException">The cause.</param>
    public OutputLimitException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>
/// Reads UTF-8 lines from a kernel's standard output with a budget on all bytes together: a cell that prints without
/// end, or one line of hundreds of megabytes, costs the reader at most the budget in memory, and then fails instead
/// of growing (<see cref="StreamReader.ReadLineAsync()"/> keeps any line whole, however long).
/// </summary>
/// <param name="stream">The stream; not closed by the reader.</param>
/// <param name="maxBytes">The most bytes the reader takes from it, lines and line ends together.</param>
internal sealed class BoundedLineReader(Stream stream, long maxBytes)
{
    private readonly byte[] chunk = new byte[64 * 1024];
    private readonly ArrayBufferWriter<byte> line = new();
    private int start;
    private int end;
    private bool ended;

    /// <summary>Bytes taken from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The next line without its line end (<c>\n</c> or <c>\r\n</c>), or null at the end of the stream.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <exception cref="OutputLimitException">The stream gave more than the budget.</exception>
    public async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        line.Clear();
        while (true)
        {
            var available = chunk.AsSpan(start, end - start);
            var newline = available.IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line.Write(available[..newline]);
                start += newline + 1;
                return Decode();
            }

            line.Write(available);
            start = end = 0;
            if (ended)
            {
                return line.WrittenCount > 0 ? Decode() : null;
            }

            var read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                ended = true;
                continue;
            }

            BytesRead += read;
            if (BytesRead > maxBytes)
            {
                ended = true;
                throw new OutputLimitException(string.Create(CultureInfo.InvariantCulture,
                    $"the kernel wrote more than its output limit of {ByteCount.Format(maxBytes)}; it was stopped."));
            }

            end = read;
        }
    }

    private string Decode()
    {
        var bytes = line.WrittenSpan;
        return Encoding.UTF8.GetString(bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes);
    }
}
