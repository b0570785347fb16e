using SoftmaxNotebooks.Runner.Handouts;
using Xunit;

namespace SoftmaxNotebooks.Runner.Tests.Handouts;

/// <summary>Markdown math by the rules VS Code's notebooks use (@vscode/markdown-it-katex plus PLATFORM.md's no-space rule).</summary>
public sealed class DollarMathTests
{
    private static string Html(string markdown) => HandoutPage.MarkdownHtml(markdown, null);

    [Fact]
    public void A_block_opened_by_dollars_at_the_start_of_a_line_runs_to_the_line_ending_with_dollars()
    {
        var html = Html("The conditions\n$$a = b ,\n\\qquad\nc = d$$\nhold.");

        Assert.Equal("<p>The conditions</p>\n<div class=\"math display\">a = b ,\n\\qquad\nc = d</div>\n<p>hold.</p>\n", html);
    }

    [Fact]
    public void Dollars_on_their_own_lines_keep_row_separators_ampersands_and_comparisons()
    {
        var html = Html("$$\n\\begin{aligned}\na_1 &= b_1 \\\\\n*c* &< d_2 > e\n\\end{aligned}\n$$");

        Assert.Equal("<div class=\"math display\">\\begin{aligned}\na_1 &amp;= b_1 \\\\\n*c* &amp;&lt; d_2 &gt; e\n\\end{aligned}</div>\n", html);
    }

    [Fact]
    public void A_blank_line_stays_inside_a_display_block()
    {
        Assert.Equal("<div class=\"math display\">x_1 = 1\n\nx_2 = 2</div>\n", Html("$$\nx_1 = 1\n\nx_2 = 2\n$$"));
    }

    [Fact]
    public void Display_math_inside_a_paragraph_may_span_lines_and_stays_display()
    {
        var html = Html("so $$p_i = e^{z_i} *\n\\text{and}* q_i$$ follows");

        Assert.Equal("<p>so <span class=\"math display\">p_i = e^{z_i} *\n\\text{and}* q_i</span> follows</p>\n", html);
    }

    [Fact]
    public void Display_blocks_work_inside_lists_and_quotes()
    {
        Assert.Contains("<li>item\n<div class=\"math display\">y = 1</div>\n</li>", Html("- item\n  $$\n  y = 1\n  $$"), StringComparison.Ordinal);
        Assert.Contains("<blockquote>\n<div class=\"math display\">y = 2</div>\n</blockquote>", Html("> $$\n> y = 2\n> $$"), StringComparison.Ordinal);
    }

    [Fact]
    public void Inline_math_keeps_underscores_and_stars_and_may_span_lines()
    {
        var html = Html("Here $x_1 * y_2$ and $a*b*c$ and $u_i\nv_j$.");

        Assert.Equal("<p>Here <span class=\"math inline\">x_1 * y_2</span> and <span class=\"math inline\">a*b*c</span> and <span class=\"math inline\">u_i\nv_j</span>.</p>\n", html);
    }

    [Theory]
    [InlineData("It costs $5 and $6 today.", "<p>It costs $5 and $6 today.</p>\n")]
    [InlineData("Escaped \\$x$ and \\$5.", "<p>Escaped $x$ and $5.</p>\n")]
    [InlineData("Spaced $ x $ and $x $ and $ x$ are text.", "<p>Spaced $ x $ and $x $ and $ x$ are text.</p>\n")]
    [InlineData("A word$x$ or $x$y is text.", "<p>A word$x$ or $x$y is text.</p>\n")]
    [InlineData("In code `$x$` no math.", "<p>In code <code>$x$</code> no math.</p>\n")]
    [InlineData("Empty $$$$ stays.", "<p>Empty $$$$ stays.</p>\n")]
    public void Dollars_that_do_not_delimit_math_stay_text(string markdown, string expected)
    {
        Assert.Equal(expected, Html(markdown));
    }

    [Fact]
    public void An_escaped_dollar_inside_math_does_not_close_it()
    {
        Assert.Equal("<p><span class=\"math inline\">\\$5 + x</span></p>\n", Html("$\\$5 + x$"));
    }

    [Fact]
    public void Single_dollar_alignment_environments_are_display_math_as_in_vs_code()
    {
        Assert.Equal("<p><span class=\"math display\">\\begin{align}a\\end{align}</span></p>\n", Html("$\\begin{align}a\\end{align}$"));
    }
}
