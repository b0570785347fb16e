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
    [InlineData("$\"x = {a}\" + 'c'", "<span class=\"str\">$&quot;</span><span class=\"str\">x = </span>{a}<span class=\"str\">&quot;</span> + <span class=\"str\">&#39;c&#39;</span>")]
    [InlineData("\"\"\"raw \" text\"\"\"", "<span class=\"str\">&quot;&quot;&quot;raw &quot; text&quot;&quot;&quot;</span>")]
    [InlineData("1e-3 + 0x1F + 2.5f", "<span class=\"num\">1e-3</span> + <span class=\"num\">0x1F</span> + <span class=\"num\">2.5f</span>")]
    [InlineData("#r \"../kit.dll\"\nusing System;", "<span class=\"dir\">#r &quot;../kit.dll&quot;</span>\n<span class=\"kw\">using</span> System;")]
    [InlineData("Softmax<double>(z)", "Softmax&lt;<span class=\"kw\">double</span>&gt;(z)")]
    [InlineData("a && b", "a &amp;&amp; b")]
    [InlineData("#!time\n#i \"nuget: ./feed\"\nx++;", "<span class=\"dir\">#!time</span>\n<span class=\"dir\">#i &quot;nuget: ./feed&quot;</span>\nx++;")]
    public void Highlights_tokens_and_escapes_html(string source, string expected) =>
        Assert.Equal(expected, CSharpHighlighter.ToHtml(source));

    [Fact]
    public void Contextual_keywords_are_keywords_only_where_the_compiler_reads_them_as_keywords()
    {
        // value, get and select as names: plain; the same words in an accessor list or a query: keywords.
        Assert.Equal(
            "<span class=\"kw\">var</span> value = <span class=\"num\">1</span>; <span class=\"kw\">var</span> get = value; <span class=\"kw\">var</span> select = get;",
            CSharpHighlighter.ToHtml("var value = 1; var get = value; var select = get;"));
        Assert.Equal(
            "<span class=\"kw\">int</span> P { <span class=\"kw\">get</span>; <span class=\"kw\">set</span> { _ = value; } }",
            CSharpHighlighter.ToHtml("int P { get; set { _ = value; } }"));
        Assert.Equal(
            "<span class=\"kw\">var</span> q = <span class=\"kw\">from</span> x <span class=\"kw\">in</span> xs <span class=\"kw\">where</span> x &gt; <span class=\"num\">0</span> <span class=\"kw\">select</span> x;",
            CSharpHighlighter.ToHtml("var q = from x in xs where x > 0 select x;"));
        // var as a variable's name is a name; nameof(...) is an operator.
        Assert.Equal("<span class=\"kw\">int</span> var = <span class=\"kw\">nameof</span>(x);", CSharpHighlighter.ToHtml("int var = nameof(x);"));
    }

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
