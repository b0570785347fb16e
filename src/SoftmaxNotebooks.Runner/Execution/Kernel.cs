using System.Diagnostics.CodeAnalysis;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>
/// The runner's stand-in for <c>Microsoft.DotNet.Interactive.Kernel</c>: every notebook's first submission is
/// <c>using static SoftmaxNotebooks.Runner.Execution.Kernel;</c>, so a cell calling <c>display(x)</c> compiles and
/// behaves as it does in the Polyglot C# kernel.
/// </summary>
public static class Kernel
{
    /// <summary>Shows a value as a <c>display_data</c> output of the running cell.</summary>
    /// <param name="value">The value; rendered through <c>Microsoft.DotNet.Interactive.Formatting</c>.</param>
    /// <param name="mimeTypes">MIME types to render in; by default <c>text/html</c> and <c>text/plain</c> (<c>text/plain</c> alone for strings).</param>
    /// <returns>A handle for the displayed value, as the kernel returns one.</returns>
    [SuppressMessage("Style", "IDE1006:Naming Styles", Justification = "The kernel's helper is lower-case; notebooks call it by that name.")]
    [SuppressMessage("Naming", "CA1707:Identifiers should not contain underscores", Justification = "Same as above.")]
    public static DisplayedValue display(object? value, params string[] mimeTypes)
    {
        ArgumentNullException.ThrowIfNull(mimeTypes);
        var collector = OutputCollector.Current;
        return new DisplayedValue(collector, collector.Display(value, mimeTypes), mimeTypes);
    }
}

/// <summary>A value shown with <c>display(x)</c>; as in the kernel, <see cref="Update"/> replaces what that output shows.</summary>
public sealed class DisplayedValue
{
    private readonly OutputCollector _collector;
    private readonly int _index;
    private readonly string[] _mimeTypes;

    internal DisplayedValue(OutputCollector collector, int index, string[] mimeTypes)
    {
        _collector = collector;
        _index = index;
        _mimeTypes = mimeTypes;
    }

    /// <summary>Shows another value in place of the displayed one, in the cell that displayed it (also when called from a later cell).</summary>
    /// <param name="updatedValue">The value to show; rendered in the same MIME types as the original.</param>
    public void Update(object? updatedValue) =>
        _collector.Replace(_index, new DisplayDataOutput(OutputCollector.Format(updatedValue, _mimeTypes)));
}
