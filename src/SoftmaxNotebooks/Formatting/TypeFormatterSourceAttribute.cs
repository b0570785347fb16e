namespace SoftmaxNotebooks.Formatting;

/// <summary>
/// Marks a result type with the source of its HTML and plain-text formatters. Notebook hosts
/// (Microsoft.DotNet.Interactive.Formatting, in the 2023 package and in the final kernel alike) match this
/// attribute by its name and read <see cref="FormatterSourceType"/> and <see cref="PreferredMimeTypes"/> by
/// reflection, so the math library needs no reference to any kernel assembly.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = false)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>A type with a public parameterless constructor and a public <c>CreateTypeFormatters()</c>.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>
    /// The MIME types a displayed value is sent in: HTML for notebooks, plain text for consoles and for
    /// readers of the saved notebook that do not render HTML.
    /// </summary>
    public string[] PreferredMimeTypes { get; set; } = ["text/html", "text/plain"];
}
