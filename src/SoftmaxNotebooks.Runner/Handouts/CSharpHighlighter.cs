using System.Collections.Frozen;
using System.Text;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>
/// A small lexical highlighter for C# cells: keywords, strings, comments, numbers and directives
/// (<c>#r</c>, <c>#!</c>, preprocessor lines) become <c>span</c>s with classes <c>kw</c>, <c>str</c>, <c>com</c>,
/// <c>num</c> and <c>dir</c>; everything is HTML-escaped. It never fails: text it does not recognise stays plain.
/// </summary>
public static class CSharpHighlighter
{
    private static readonly FrozenSet<string> Keywords = FrozenSet.Create(StringComparer.Ordinal,
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const",
        "continue", "decimal", "default", "delegate", "do", "double", "else", "enum", "event", "explicit", "extern",
        "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface",
        "internal", "is", "lock", "long", "namespace", "new", "null", "object", "operator", "out", "override",
        "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short",
        "sizeof", "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof",
        "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
        "var", "async", "await", "record", "init", "required", "with", "when", "where", "yield", "get", "set",
        "nameof", "not", "and", "or", "let", "from", "select", "orderby", "group", "into", "join", "dynamic",
        "global", "nint", "nuint", "scoped", "file", "field", "value",
    ]);

    /// <summary>Returns the HTML (without a surrounding element) of highlighted C# source.</summary>
    /// <param name="source">C# code, possibly with <c>#r</c>/<c>#!</c> lines.</param>
    /// <returns>HTML-escaped text with highlighting spans.</returns>
    public static string ToHtml(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var html = new StringBuilder(source.Length * 2);
        var i = 0;
        var lineStart = true;
        while (i < source.Length)
        {
            var c = source[i];
            if (lineStart && c == '#')
            {
                i = Span(html, "dir", source, i, LineEnd(source, i));
                continue;
            }

            if (c == '\n')
            {
                html.Append('\n');
                lineStart = true;
                i++;
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                html.Append(c);
                i++;
                continue;
            }

            lineStart = false;
            if (c == '/' && At(source, i + 1) == '/')
            {
                i = Span(html, "com", source, i, LineEnd(source, i));
            }
            else if (c == '/' && At(source, i + 1) == '*')
            {
                var close = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                i = Span(html, "com", source, i, close < 0 ? source.Length : close + 2);
            }
            else if (StringStart(source, i) is { } prefix)
            {
                i = Span(html, "str", source, i, StringEnd(source, i, prefix));
            }
            else if (c == '\'')
            {
                i = Span(html, "str", source, i, QuotedEnd(source, i + 1, '\'', escapes: true));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && char.IsAsciiDigit(At(source, i + 1))))
            {
                i = Span(html, "num", source, i, NumberEnd(source, i));
            }
            else if (char.IsLetter(c) || c == '_' || c == '@')
            {
                var end = i + 1;
                while (end < source.Length && (char.IsLetterOrDigit(source[end]) || source[end] == '_'))
                {
                    end++;
                }

                var word = source[i..end];
                if (Keywords.Contains(word))
                {
                    i = Span(html, "kw", source, i, end);
                }
                else
                {
                    html.Append(Html.Escape(word));
                    i = end;
                }
            }
            else
            {
                html.Append(Html.Escape(c.ToString()));
                i++;
            }
        }

        return html.ToString();
    }

    private static char At(string s, int i) => i < s.Length ? s[i] : '\0';

    private static int LineEnd(string s, int i)
    {
        var end = s.IndexOf('\n', i);
        return end < 0 ? s.Length : end;
    }

    private static int Span(StringBuilder html, string cls, string s, int start, int end)
    {
        html.Append("<span class=\"").Append(cls).Append("\">")
            .Append(Html.Escape(s[start..end]))
            .Append("</span>");
        return end;
    }

    // The prefix of a string literal starting at i ($, @, $@, @$, $$ …), including the opening quote(s), or null.
    private static string? StringStart(string s, int i)
    {
        var j = i;
        while (j < s.Length && (s[j] == '$' || s[j] == '@') && j - i < 4)
        {
            j++;
        }

        if (At(s, j) != '"')
        {
            return null;
        }

        var quotes = j;
        while (At(s, quotes) == '"')
        {
            quotes++;
        }

        // Three or more quotes open a raw string; exactly two are an empty string.
        return quotes - j >= 3 ? s[i..quotes] : s[i..(j + 1)];
    }

    private static int StringEnd(string s, int i, string prefix)
    {
        var start = i + prefix.Length;
        var quoteCount = prefix.Length - prefix.TrimEnd('"').Length;
        if (quoteCount >= 3)
        {
            var close = s.IndexOf(new string('"', quoteCount), start, StringComparison.Ordinal);
            return close < 0 ? s.Length : close + quoteCount;
        }

        var verbatim = prefix.Contains('@', StringComparison.Ordinal);
        if (!verbatim)
        {
            return QuotedEnd(s, start, '"', escapes: true);
        }

        var k = start;
        while (k < s.Length)
        {
            if (s[k] == '"')
            {
                if (At(s, k + 1) == '"')
                {
                    k += 2;
                    continue;
                }

                return k + 1;
            }

            k++;
        }

        return s.Length;
    }

    private static int QuotedEnd(string s, int k, char quote, bool escapes)
    {
        while (k < s.Length && s[k] != '\n')
        {
            if (escapes && s[k] == '\\')
            {
                k += 2;
                continue;
            }

            if (s[k] == quote)
            {
                return k + 1;
            }

            k++;
        }

        return Math.Min(k, s.Length);
    }

    private static int NumberEnd(string s, int i)
    {
        var k = i;
        if (s[k] == '0' && (At(s, k + 1) is 'x' or 'X' or 'b' or 'B'))
        {
            k += 2;
        }

        while (k < s.Length)
        {
            var c = s[k];
            if (char.IsAsciiLetterOrDigit(c) || c == '_')
            {
                // An exponent sign belongs to the number: 1e-3.
                if ((c is 'e' or 'E') && At(s, k + 1) is '+' or '-')
                {
                    k += 2;
                    continue;
                }

                k++;
            }
            else if (c == '.' && char.IsAsciiDigit(At(s, k + 1)))
            {
                k++;
            }
            else
            {
                break;
            }
        }

        return k;
    }
}
