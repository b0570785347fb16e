using System.Net;
using System.Text;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>
/// The one frame of every HTML page the runner writes (handouts, their index and licences page, the gradebook):
/// the doctype, <c>lang</c>, charset, viewport, generator and title, the page's own head elements, then its body.
/// Text goes into a page through <see cref="WebUtility.HtmlEncode(string)"/>, the runner's one HTML encoder.
/// </summary>
internal static class PageShell
{
    /// <summary>Starts a page: everything up to and including the body's start tag.</summary>
    /// <param name="title">The page's title (plain text; it is encoded here).</param>
    /// <param name="head">The head's own elements (stylesheets, scripts), HTML.</param>
    /// <param name="bodyClass">The body's class, or null.</param>
    /// <param name="capacity">The expected page size, to size the buffer once (handouts inline megabytes of scripts).</param>
    /// <returns>The page so far; append the body and finish it with <see cref="End"/>.</returns>
    public static StringBuilder Begin(string title, string head, string? bodyClass = null, int capacity = 16 * 1024)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(head);
        var page = new StringBuilder(Math.Max(capacity, head.Length + 1024))
            .Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<meta name=\"generator\" content=\"SoftmaxNotebooks.Runner\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
            .Append(head)
            .Append("</head>\n<body");
        if (bodyClass is not null)
        {
            page.Append(" class=\"").Append(WebUtility.HtmlEncode(bodyClass)).Append('"');
        }

        return page.Append(">\n");
    }

    /// <summary>Ends a page <see cref="Begin"/> started.</summary>
    /// <param name="page">The page with its body.</param>
    /// <returns>The complete document.</returns>
    public static string End(StringBuilder page)
    {
        ArgumentNullException.ThrowIfNull(page);
        return page.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>A <c>style</c> element.</summary>
    /// <param name="css">The stylesheet.</param>
    public static string Style(string css) => "<style>\n" + css + "\n</style>\n";
}
