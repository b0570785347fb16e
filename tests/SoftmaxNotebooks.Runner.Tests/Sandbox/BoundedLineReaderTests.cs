using System.Text;
using SoftmaxNotebooks.Runner.Execution;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

public sealed class BoundedLineReaderTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(70_000)]
    public async Task Lines_come_back_whole_whatever_the_stream_s_pieces(int piece)
    {
        var text = "{\"a\":1}\r\nbanner\n\nμ→∞ ✔ " + new string('x', 100_000) + "\nlast without end";
        var reader = new BoundedLineReader(new Trickle(Encoding.UTF8.GetBytes(text), piece), 1 << 20);
        var lines = new List<string>();
        while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
        {
            lines.Add(line);
        }

        Assert.Equal(["{\"a\":1}", "banner", "", "μ→∞ ✔ " + new string('x', 100_000), "last without end"], lines);
        Assert.Equal(Encoding.UTF8.GetByteCount(text), reader.BytesRead);
    }

    [Fact]
    public async Task Output_up_to_the_budget_is_read_and_one_byte_more_is_refused()
    {
        var exact = Encoding.UTF8.GetBytes("0123456789\n");
        var reader = new BoundedLineReader(new MemoryStream(exact), exact.Length);
        Assert.Equal("0123456789", await reader.ReadLineAsync(CancellationToken.None));
        Assert.Null(await reader.ReadLineAsync(CancellationToken.None));

        var over = new BoundedLineReader(new MemoryStream(Encoding.UTF8.GetBytes("0123456789\nx")), exact.Length);
        var e = await Assert.ThrowsAsync<OutputLimitException>(async () => await over.ReadLineAsync(CancellationToken.None));
        Assert.Contains("more than its output limit", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_line_stops_at_the_budget_without_reading_on()
    {
        var endless = new Endless();
        var reader = new BoundedLineReader(endless, 4 << 20);
        await Assert.ThrowsAsync<OutputLimitException>(async () => await reader.ReadLineAsync(CancellationToken.None));
        Assert.InRange(endless.Given, 4 << 20, (4 << 20) + (64 << 10));
    }

    /// <summary>A stream that gives at most <paramref name="piece"/> bytes per read.</summary>
    private sealed class Trickle(byte[] bytes, int piece) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(piece, buffer.Length)], cancellationToken);
    }

    /// <summary>A stream of 'x' without end, counting what it gave.</summary>
    private sealed class Endless : Stream
    {
        public long Given { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Given; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'x');
            Given += count;
            return count;
        }

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
