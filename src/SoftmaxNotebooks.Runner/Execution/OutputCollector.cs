using System.Text;
using Microsoft.DotNet.Interactive.Formatting;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>Collects the outputs of the running cell in the order they happen (console text, displayed values).</summary>
internal sealed class OutputCollector
{
    private readonly List<CellOutput> _outputs = [];
    private readonly Lock _lock = new();

    /// <summary>The collector of the cell that is running; each notebook runs in its own process, one cell at a time.</summary>
    public static OutputCollector Current { get; set; } = new();

    public IReadOnlyList<CellOutput> Outputs
    {
        get
        {
            lock (_lock)
            {
                return [.. _outputs];
            }
        }
    }

    /// <summary>Adds a <c>display_data</c> output.</summary>
    /// <returns>Its position among the cell's outputs, which stays the same: only a trailing stream output is ever merged.</returns>
    public int Display(object? value, string[] mimeTypes)
    {
        var data = Format(value, mimeTypes);
        lock (_lock)
        {
            _outputs.Add(new DisplayDataOutput(data));
            return _outputs.Count - 1;
        }
    }

    public void Replace(int index, CellOutput output)
    {
        lock (_lock)
        {
            _outputs[index] = output;
        }
    }

    public void Add(CellOutput output)
    {
        lock (_lock)
        {
            _outputs.Add(output);
        }
    }

    public void Write(string stream, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        lock (_lock)
        {
            // Consecutive writes to one stream form one output, as Jupyter front ends merge them.
            if (_outputs.Count > 0 && _outputs[^1] is StreamOutput last && last.Name == stream)
            {
                _outputs[^1] = last with { Text = last.Text + text };
            }
            else
            {
                _outputs.Add(new StreamOutput(stream, text));
            }
        }
    }

    /// <summary>Renders a value as the kernel does: HTML and plain text through the registered formatters (strings as plain text only).</summary>
    /// <remarks>The formatters write CRLF on every platform; LF keeps executed notebooks the same everywhere.</remarks>
    public static IReadOnlyList<FormattedValue> Format(object? value, IReadOnlyList<string> mimeTypes)
    {
        IReadOnlyList<string> types = mimeTypes.Count > 0 ? mimeTypes
            : value is string ? [PlainTextFormatter.MimeType]
            : [HtmlFormatter.MimeType, PlainTextFormatter.MimeType];
        return types.Select(type => new FormattedValue(type, value.ToDisplayString(type).Replace("\r\n", "\n", StringComparison.Ordinal))).ToList();
    }
}

/// <summary>Routes <see cref="Console"/> output into the running cell's <see cref="OutputCollector"/>.</summary>
internal sealed class CapturingWriter(string stream) : TextWriter
{
    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value) => OutputCollector.Current.Write(stream, value.ToString());

    public override void Write(string? value) => OutputCollector.Current.Write(stream, value ?? "");

    public override void Write(char[] buffer, int index, int count) => OutputCollector.Current.Write(stream, new string(buffer, index, count));

    public override void WriteLine(string? value) => OutputCollector.Current.Write(stream, (value ?? "") + "\n");

    public override void WriteLine() => OutputCollector.Current.Write(stream, "\n");
}
