namespace SoftmaxNotebooks.Display;

/// <summary>
/// The display assembly's own copy of the name-convention attribute (see the core's
/// <c>SoftmaxNotebooks.Formatting.TypeFormatterSourceAttribute</c>): hosts match it by name, so neither assembly
/// references a kernel package.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>A type with a public parameterless constructor and a public <c>CreateTypeFormatters()</c>.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>The MIME types a displayed value is sent in.</summary>
    public string[] PreferredMimeTypes { get; set; } = ["text/html", "text/plain"];
}

/// <summary>The formatter source for the display assembly's own displayable types.</summary>
internal sealed class DisplayFormatterSource<T>
{
    /// <summary>Called by the notebook host (by name) the first time it formats a <typeparamref name="T"/>.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822", Justification = "Hosts create an instance and call this method on it.")]
    public IEnumerable<object> CreateTypeFormatters() => KitFormatters.For(typeof(T));
}
