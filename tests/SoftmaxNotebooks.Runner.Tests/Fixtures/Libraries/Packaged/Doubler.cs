namespace SoftmaxNotebooks.Fixture.Packaged;

/// <summary>Test fixture: a value with a name-convention HTML formatter, shipped as a package.</summary>
/// <param name="Value">The value.</param>
[TypeFormatterSource(typeof(DoublerFormatterSource))]
public sealed record Doubler(double Value)
{
    /// <summary>Twice the value.</summary>
    public double Twice => 2 * Value;
}

/// <summary>Matched by name by Microsoft.DotNet.Interactive.Formatting; no package reference needed.</summary>
/// <param name="formatterSourceType">The type that creates the formatters.</param>
[AttributeUsage(AttributeTargets.Class)]
public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>The type that creates the formatters.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;
}

/// <summary>Creates the formatters of <see cref="Doubler"/>.</summary>
public sealed class DoublerFormatterSource
{
    /// <summary>The formatters, found by name.</summary>
    public IEnumerable<object> CreateTypeFormatters() => [new DoublerHtmlFormatter()];
}

/// <summary>Writes a <see cref="Doubler"/> as HTML.</summary>
public sealed class DoublerHtmlFormatter
{
    /// <summary>The MIME type written.</summary>
    public string MimeType => "text/html";

    /// <summary>The type formatted.</summary>
    public Type Type => typeof(Doubler);

    /// <summary>Writes the HTML.</summary>
    /// <param name="instance">A <see cref="Doubler"/>.</param>
    /// <param name="writer">The target.</param>
    public bool Format(object instance, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("<b class=\"doubler\">" + ((Doubler)instance).Twice.ToString(System.Globalization.CultureInfo.InvariantCulture) + "</b>");
        return true;
    }
}
