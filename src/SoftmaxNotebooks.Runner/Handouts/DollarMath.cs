using System.Text.RegularExpressions;
using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>
/// Markdown math as VS Code's notebooks find it (the rules of <c>@vscode/markdown-it-katex</c>), in place of
/// Markdig's math extension, which allows no line break inside <c>$…$</c>/<c>$$…$$</c> and typesets
/// <c>$$…$$</c> inside a paragraph as inline math. The TeX is kept verbatim (only HTML-escaped) in
/// <c>span.math</c>/<c>div.math</c> with class <c>inline</c> or <c>display</c>; handout.js typesets each with
/// KaTeX in that mode.
/// </summary>
internal sealed class DollarMathExtension : IMarkdownExtension
{
    public void Setup(MarkdownPipelineBuilder pipeline)
    {
        if (!pipeline.BlockParsers.Contains<DollarMathBlockParser>())
        {
            // Ahead of the other parsers, as markdown-it tries it right after block quotes; no other block starts with $.
            pipeline.BlockParsers.Insert(0, new DollarMathBlockParser());
        }

        if (!pipeline.InlineParsers.Contains<DollarMathInlineParser>())
        {
            pipeline.InlineParsers.Add(new DollarMathInlineParser());
        }
    }

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
        if (renderer is HtmlRenderer html)
        {
            if (!html.ObjectRenderers.Contains<DollarMathBlockRenderer>())
            {
                html.ObjectRenderers.Add(new DollarMathBlockRenderer());
                html.ObjectRenderers.Add(new DollarMathInlineRenderer());
            }
        }
    }
}

/// <summary>A <c>$$</c> block: starts on a line beginning with <c>$$</c>, ends on the first line ending with <c>$$</c>.</summary>
internal sealed class DollarMathBlock(BlockParser parser) : LeafBlock(parser)
{
    public List<string> TexLines { get; } = [];

    public string Tex => string.Join("\n", TexLines);
}

/// <summary>Inline <c>$…$</c>, or <c>$$…$$</c> inside a paragraph (typeset as display math, as VS Code does).</summary>
internal sealed class DollarMathInline : LeafInline
{
    public required string Tex { get; init; }

    public required bool Display { get; init; }
}

internal sealed class DollarMathBlockParser : BlockParser
{
    private const string Fence = "$$";

    public DollarMathBlockParser() => OpeningCharacters = ['$'];

    public override BlockState TryOpen(BlockProcessor processor)
    {
        var line = processor.Line;
        if (processor.IsCodeIndent || line.CurrentChar != '$' || line.PeekChar() != '$')
        {
            return BlockState.None;
        }

        var block = new DollarMathBlock(this) { Column = processor.Column, Span = new SourceSpan(processor.Start, line.End) };
        processor.NewBlocks.Push(block);
        var rest = line.ToString()[Fence.Length..];
        var trimmed = rest.Trim();
        if (trimmed.EndsWith(Fence, StringComparison.Ordinal))
        {
            block.TexLines.Add(trimmed[..^Fence.Length]);
            return BlockState.BreakDiscard;
        }

        if (trimmed.Length > 0)
        {
            block.TexLines.Add(rest);
        }

        return BlockState.ContinueDiscard;
    }

    // Blank lines stay inside the formula; an unclosed block runs to the end of its container, as in VS Code.
    public override BlockState TryContinue(BlockProcessor processor, Block block)
    {
        var math = (DollarMathBlock)block;
        var text = processor.Line.ToString();
        var close = text.IndexOf(Fence, StringComparison.Ordinal);
        if (close < 0)
        {
            math.TexLines.Add(text);
            return BlockState.ContinueDiscard;
        }

        var trimmed = text.TrimEnd();
        var last = trimmed.EndsWith(Fence, StringComparison.Ordinal) ? trimmed[..^Fence.Length] : text[..close];
        if (last.Trim().Length > 0)
        {
            math.TexLines.Add(last);
        }

        block.UpdateSpanEnd(processor.Line.End);
        return BlockState.BreakDiscard;
    }
}

internal sealed partial class DollarMathInlineParser : InlineParser
{
    public DollarMathInlineParser() => OpeningCharacters = ['$'];

    public override bool Match(InlineProcessor processor, ref StringSlice slice)
    {
        var text = slice.Text;
        var open = slice.Start;
        var end = slice.End;
        char At(int i) => i >= 0 && i <= end ? text[i] : '\0';

        if (At(open + 1) == '$')
        {
            return MatchDisplay(processor, ref slice, At);
        }

        // VS Code's delimiter rule: $ opens unless it follows a word character, $ or \, and closes unless a word
        // character or $ follows; PLATFORM.md's rule on top: no space just inside either delimiter. So
        // "costs $5 and $6" and "$ x $" stay text.
        var previous = At(open - 1);
        if (previous is '$' or '\\' || IsWordCharacter(previous) || At(open + 1) == '\0' || char.IsWhiteSpace(At(open + 1)))
        {
            return false;
        }

        var close = FindUnescaped(text, "$", open + 1, end);
        if (close < 0 || close == open + 1 || IsWordCharacter(At(close + 1)) || At(close + 1) == '$' || char.IsWhiteSpace(At(close - 1)))
        {
            return false;
        }

        var tex = text[(open + 1)..close];
        // $`…`$ is VS Code's way to write math that markdown must not touch.
        if (tex.Length > 2 && tex[0] == '`' && tex[^1] == '`')
        {
            tex = tex[1..^1];
        }

        return Emit(processor, ref slice, open, close + 1, tex, DisplayEnvironment().IsMatch(tex));
    }

    private static bool MatchDisplay(InlineProcessor processor, ref StringSlice slice, Func<int, char> at)
    {
        var open = slice.Start;
        var content = open + 2;
        if (at(open - 1) is '$' or '\\' || at(content) == '$')
        {
            return Literal(processor, ref slice, open, content);
        }

        var close = FindUnescaped(slice.Text, "$$", content, slice.End);
        if (close < 0 || at(close - 1) == '$' || at(close + 2) == '$')
        {
            return Literal(processor, ref slice, open, content);
        }

        return Emit(processor, ref slice, open, close + 2, slice.Text[content..close], display: true);
    }

    // A $$ that opens nothing is text, both dollars: the second must not start inline math.
    private static bool Literal(InlineProcessor processor, ref StringSlice slice, int start, int next)
    {
        processor.Inline = new LiteralInline("$$") { Span = new SourceSpan(processor.GetSourcePosition(start), processor.GetSourcePosition(next - 1)) };
        slice.Start = next;
        return true;
    }

    private static bool Emit(InlineProcessor processor, ref StringSlice slice, int start, int next, string tex, bool display)
    {
        processor.Inline = new DollarMathInline
        {
            Tex = tex,
            Display = display,
            Span = new SourceSpan(processor.GetSourcePosition(start, out var line, out var column), processor.GetSourcePosition(next - 1)),
            Line = line,
            Column = column,
        };
        slice.Start = next;
        return true;
    }

    // The first delimiter at or after from, up to end, not preceded by an odd number of backslashes.
    private static int FindUnescaped(string text, string delimiter, int from, int end)
    {
        for (var i = text.IndexOf(delimiter, from, StringComparison.Ordinal);
             i >= 0 && i + delimiter.Length - 1 <= end;
             i = text.IndexOf(delimiter, i + delimiter.Length, StringComparison.Ordinal))
        {
            var backslashes = 0;
            while (i - backslashes - 1 >= from && text[i - backslashes - 1] == '\\')
            {
                backslashes++;
            }

            if (backslashes % 2 == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsWordCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    // Environments VS Code typesets in display mode even between single dollars.
    [GeneratedRegex(@"\\begin\{(align|equation|gather|cd|alignat)\}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DisplayEnvironment();
}

internal sealed class DollarMathBlockRenderer : HtmlObjectRenderer<DollarMathBlock>
{
    protected override void Write(HtmlRenderer renderer, DollarMathBlock obj)
    {
        renderer.EnsureLine();
        renderer.Write("<div class=\"math display\">").WriteEscape(obj.Tex).Write("</div>").WriteLine();
    }
}

internal sealed class DollarMathInlineRenderer : HtmlObjectRenderer<DollarMathInline>
{
    protected override void Write(HtmlRenderer renderer, DollarMathInline obj) =>
        renderer.Write(obj.Display ? "<span class=\"math display\">" : "<span class=\"math inline\">")
            .WriteEscape(obj.Tex).Write("</span>");
}
