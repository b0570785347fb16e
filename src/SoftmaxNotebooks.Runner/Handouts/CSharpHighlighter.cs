using System.Net;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>
/// Highlights a C# cell from Roslyn's own syntax tree (parsed as a script, as the kernel parses cells): keywords,
/// string and character literals, comments, numbers and directives (<c>#r</c>, <c>#!…</c>, <c>#i</c>, preprocessor
/// lines) become <c>span</c>s with classes <c>kw</c>, <c>str</c>, <c>com</c>, <c>num</c> and <c>dir</c>; the rest is
/// encoded text. A word is a keyword where the compiler reads it as one, so <c>value</c>, <c>get</c> or
/// <c>select</c> used as a name stays plain. Roslyn's parser accepts any text, so highlighting never fails, and the
/// spans cover the cell's text exactly.
/// </summary>
internal static class CSharpHighlighter
{
    private static readonly CSharpParseOptions ScriptOptions = new(LanguageVersion.Preview, DocumentationMode.None, SourceCodeKind.Script);

    /// <summary>Returns the HTML (without a surrounding element) of highlighted C# source.</summary>
    /// <param name="source">C# code, possibly with <c>#r</c>/<c>#!</c> lines.</param>
    /// <returns>HTML-encoded text with highlighting spans.</returns>
    public static string ToHtml(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var html = new StringBuilder(source.Length * 2);
        foreach (var token in CSharpSyntaxTree.ParseText(source, ScriptOptions).GetRoot().DescendantTokens())
        {
            AppendTrivia(html, token.LeadingTrivia);
            Append(html, ClassOf(token), token.Text);
            AppendTrivia(html, token.TrailingTrivia);
        }

        return html.ToString();
    }

    private static string? ClassOf(SyntaxToken token)
    {
        if (SyntaxFacts.IsKeywordKind(token.Kind()) || IsContextualKeyword(token))
        {
            return "kw";
        }

        return token.Kind() switch
        {
            SyntaxKind.NumericLiteralToken => "num",
            SyntaxKind.StringLiteralToken or SyntaxKind.Utf8StringLiteralToken or SyntaxKind.CharacterLiteralToken
                or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken
                or SyntaxKind.Utf8SingleLineRawStringLiteralToken or SyntaxKind.Utf8MultiLineRawStringLiteralToken
                or SyntaxKind.InterpolatedStringStartToken or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.InterpolatedStringEndToken
                or SyntaxKind.InterpolatedVerbatimStringStartToken or SyntaxKind.InterpolatedSingleLineRawStringStartToken
                or SyntaxKind.InterpolatedMultiLineRawStringStartToken or SyntaxKind.InterpolatedRawStringEndToken => "str",
            _ => null,
        };
    }

    // Words the parser leaves as identifiers although they act as keywords: `var` as a declaration's type, and `nameof(…)`.
    private static bool IsContextualKeyword(SyntaxToken token) =>
        token.IsKind(SyntaxKind.IdentifierToken) && token.Parent is IdentifierNameSyntax name && (
            (name.IsVar && name.Parent is VariableDeclarationSyntax { Type: var a } && a == name)
            || (name.IsVar && name.Parent is DeclarationExpressionSyntax { Type: var b } && b == name)
            || (name.IsVar && name.Parent is ForEachStatementSyntax { Type: var c } && c == name)
            || (token.Text == "nameof" && name.Parent is InvocationExpressionSyntax { Expression: var d } && d == name));

    private static void AppendTrivia(StringBuilder html, SyntaxTriviaList trivia)
    {
        foreach (var piece in trivia)
        {
            var text = piece.ToFullString();
            if (piece.IsDirective || piece.IsKind(SyntaxKind.ShebangDirectiveTrivia))
            {
                // A directive's trivia runs to the end of its line, line break included; the span stops before it.
                var body = text.TrimEnd('\r', '\n');
                Append(html, "dir", body);
                Append(html, null, text[body.Length..]);
            }
            else
            {
                Append(html, piece.Kind() switch
                {
                    SyntaxKind.SingleLineCommentTrivia or SyntaxKind.MultiLineCommentTrivia
                        or SyntaxKind.SingleLineDocumentationCommentTrivia or SyntaxKind.MultiLineDocumentationCommentTrivia => "com",
                    _ => null,
                }, text);
            }
        }
    }

    private static void Append(StringBuilder html, string? cls, string text)
    {
        if (text.Length == 0)
        {
            return;
        }

        if (cls is null)
        {
            html.Append(WebUtility.HtmlEncode(text));
            return;
        }

        html.Append("<span class=\"").Append(cls).Append("\">").Append(WebUtility.HtmlEncode(text)).Append("</span>");
    }
}
