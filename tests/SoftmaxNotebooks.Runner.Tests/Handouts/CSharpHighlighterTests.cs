using System.Net;
using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Handouts;
using Xunit;

namespace SoftmaxNotebooks.Runner.Tests.Handouts;

public sealed class CSharpHighlighterTests
{
    [Theory]
    [InlineData("var x = 1;", "<span class=\"kw\">var</span> x = <span class=\"num\">1</span>;")]
    [InlineData("// a < b", "<span class=\"com\">// a &lt; b</span>")]
    [InlineData("/* x\ny */z", "<span class=\"com\">/* x\ny */</span>z")]
    [InlineData("\"a\\\"b\"", "<span class=\"str\">&quot;a\\&quot;b&quot;</span>")]
    [InlineData("@\"c:\\\"\"x\"", "<span class=\"str\">@&quot;c:\\&quot;&quot;x&quot;</span>")]
    [InlineData("$\"{a}\" + 'c'", "<span class=\"str\">$&quot;{a}&quot;</span> + <span class=\"str\">&#39;c&#39;</span>")]
    [InlineData("\"\"\"raw \" text\"\"\"", "<span class=\"str\">&quot;&quot;&quot;raw &quot; text&quot;&quot;&quot;</span>")]
    [InlineData("1e-3 + 0x1F + 2.5f", "<span class=\"num\">1e-3</span> + <span class=\"num\">0x1F</span> + <span class=\"num\">2.5f</span>")]
    [InlineData("#r \"../kit.dll\"\nusing System;", "<span class=\"dir\">#r &quot;../kit.dll&quot;</span>\n<span class=\"kw\">using</span> System;")]
    [InlineData("Softmax<double>(z)", "Softmax&lt;<span class=\"kw\">double</span>&gt;(z)")]
    [InlineData("a && b", "a &amp;&amp; b")]
    public void Highlights_tokens_and_escapes_html(string source, string expected) =>
        Assert.Equal(expected, CSharpHighlighter.ToHtml(source));

    [Theory]
    [InlineData("var s = \"unterminated\nnext line <b>")]
    [InlineData("/* open comment <script>")]
    [InlineData("x = '\\'' + @\"\"\"\" + $$\"\"\"{{a}}\"\"\"")]
    [InlineData("</script><script>alert(1)</script>")]
    public void Text_is_preserved_and_no_markup_leaks(string source)
    {
        var html = CSharpHighlighter.ToHtml(source);
        var withoutSpans = Regex.Replace(html, "</?span[^>]*>", string.Empty);
        Assert.DoesNotContain('<', withoutSpans);
        Assert.Equal(source, WebUtility.HtmlDecode(withoutSpans));
    }
}
