namespace SoftmaxNotebooks.Display;

/// <summary>
/// The formatters of every kit type, in the shape notebook hosts accept by name: objects with
/// <c>string MimeType</c>, <c>Type Type</c> and <c>bool Format(object instance, TextWriter writer)</c>.
/// </summary>
/// <remarks>
/// The core's <c>[TypeFormatterSource]</c> attributes reach this class by reflection, so the math assembly does
/// not reference the display assembly. Hosts call it; notebooks use <see cref="KitDisplay"/> instead.
/// </remarks>
public static class KitFormatters
{
    /// <summary>The HTML and plain-text formatters for <paramref name="type"/>, or none if the kit does not format it.</summary>
    /// <param name="type">A kit type: a core result type or a display type.</param>
    public static IEnumerable<object> For(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (!Renderers.TryGet(type, out var html, out var text))
        {
            return [];
        }

        return [new KitFormatter(type, "text/html", html), new KitFormatter(type, "text/plain", text)];
    }

    /// <summary>Renders a kit value as the given MIME type without going through a notebook host.</summary>
    /// <param name="value">A value of a kit type.</param>
    /// <param name="mimeType"><c>text/html</c> or <c>text/plain</c>.</param>
    /// <returns>The rendered text.</returns>
    /// <exception cref="ArgumentException">The kit does not format this type or MIME type.</exception>
    public static string Render(object value, string mimeType)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (!Renderers.TryGet(value.GetType(), out var html, out var text))
        {
            throw new ArgumentException($"The kit has no formatter for {value.GetType()}.", nameof(value));
        }

        return mimeType switch
        {
            "text/html" => html(value),
            "text/plain" => text(value),
            _ => throw new ArgumentException($"The kit formats text/html and text/plain, not {mimeType}.", nameof(mimeType)),
        };
    }
}

/// <summary>One (type, MIME type) formatter; public members because hosts bind them by name through reflection.</summary>
internal sealed class KitFormatter(Type type, string mimeType, Func<object, string> render)
{
    /// <summary>The MIME type this formatter writes.</summary>
    public string MimeType { get; } = mimeType;

    /// <summary>The type this formatter formats.</summary>
    public Type Type { get; } = type;

    /// <summary>Writes <paramref name="instance"/>; false when it is not a <see cref="Type"/>, so the host tries others.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        if (instance is null || !Type.IsInstanceOfType(instance))
        {
            return false;
        }

        writer.Write(render(instance));
        return true;
    }
}
