namespace SoftmaxNotebooks.Display.Tests;

public sealed class TableTests : IDisposable
{
    public TableTests() => KitDisplay.Precision = 4;

    public void Dispose()
    {
        KitDisplay.Precision = 4;
        KitDisplay.MaxRows = 12;
        KitDisplay.MaxColumns = 6;
    }

    [Theory]
    [InlineData(0.123456, 4, "0.1235")]
    [InlineData(1.0 / 3, 6, "0.333333")]
    [InlineData(1.5e-7, 4, "1.5e−7")]
    [InlineData(-2.0, 4, "−2")]
    [InlineData(123456789.0, 4, "1.235e8")]
    [InlineData(double.PositiveInfinity, 4, "∞")]
    [InlineData(double.NegativeInfinity, 4, "−∞")]
    [InlineData(double.NaN, 4, "NaN")]
    [InlineData(-0.0, 4, "0")]
    public void Numbers_use_the_notebook_precision_and_invariant_culture(double x, int digits, string expected)
    {
        KitDisplay.Precision = digits;
        Assert.Equal(expected, Numbers.Text(x));
    }

    [Fact]
    public void Html_and_plain_text_share_the_typographic_minus()
    {
        var v = KitDisplay.Show([-1.5e-7]);
        Assert.Contains(">−1.5e−7<", v.ToHtml(), StringComparison.Ordinal);
        Assert.Contains(" −1.5e−7\n", v.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("-", v.ToString().Split('\n')[3], StringComparison.Ordinal);
    }

    [Fact]
    public void Precision_set_once_applies_to_later_outputs()
    {
        var v = KitDisplay.Show([Math.PI]);
        KitDisplay.Precision = 8;
        Assert.Contains("3.1415927", v.ToString(), StringComparison.Ordinal);
        KitDisplay.Precision = 3;
        Assert.Contains("3.14", v.ToHtml(), StringComparison.Ordinal);
        Assert.DoesNotContain("3.142", v.ToHtml(), StringComparison.Ordinal);
    }

    [Fact]
    public void Precision_rejects_values_outside_1_to_17()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KitDisplay.Precision = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => KitDisplay.Precision = 18);
    }

    [Fact]
    public void Labels_and_captions_are_html_escaped()
    {
        var v = KitDisplay.Show([0.5, 0.5], "<b>name</b>", ["<script>alert(1)</script>", "R&D \"q\" 'x'"]);
        var html = v.ToHtml();
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.Contains("R&amp;D &quot;q&quot; &#39;x&#39;", html, StringComparison.Ordinal);
        var m = KitDisplay.Show(new double[,] { { 1 } }, "a&b", ["<r>"], ["<c>"]).ToHtml();
        Assert.Contains("a&amp;b", m, StringComparison.Ordinal);
        Assert.Contains("&lt;r&gt;", m, StringComparison.Ordinal);
        Assert.Contains("&lt;c&gt;", m, StringComparison.Ordinal);
        Assert.DoesNotContain("<r>", m, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_text_keeps_labels_verbatim()
    {
        var text = KitDisplay.Show([1.0], labels: ["<script>"]).ToString();
        Assert.Contains("<script>", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_deterministic()
    {
        double[,] jacobian = { { 0.2, -0.1 }, { -0.1, 0.2 } };
        Assert.Equal(KitDisplay.Show(jacobian).ToHtml(), KitDisplay.Show(jacobian).ToHtml());
        Assert.Equal(KitDisplay.Show([1.0, 2.0]).ToString(), KitDisplay.Show([1.0, 2.0]).ToString());
    }

    [Fact]
    public void Html_inherits_theme_colours_and_hard_codes_no_white()
    {
        var html = KitDisplay.Show(new double[,] { { 1, 2 } }).ToHtml() + KitDisplay.Show([1.0]).ToHtml();
        Assert.Contains("currentColor", html, StringComparison.Ordinal);
        Assert.DoesNotContain("#fff", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("white", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("background:#", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Long_vectors_show_max_rows_and_count_the_rest()
    {
        KitDisplay.MaxRows = 5;
        var v = KitDisplay.Show(Enumerable.Range(0, 20).Select(i => (double)i).ToArray());
        Assert.Contains("… 15 more", v.ToHtml(), StringComparison.Ordinal);
        Assert.EndsWith("… 15 more\n", v.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Large_matrices_are_cut_in_both_directions()
    {
        KitDisplay.MaxRows = 4;
        KitDisplay.MaxColumns = 5;
        var m = KitDisplay.Show(new double[6, 7]);
        Assert.Contains("… 2 more rows, 2 more columns", m.ToHtml(), StringComparison.Ordinal);
        Assert.EndsWith("… 2 more rows, 2 more columns\n", m.ToString(), StringComparison.Ordinal);
        Assert.Contains("(6 × 7)", m.ToString(), StringComparison.Ordinal);
        // Five numeric column headers, then the "…" column; the corner above the row labels is a data cell, not an
        // empty header.
        var head = m.ToHtml().Split("</thead>")[0];
        Assert.Equal(5 + 1, head.Split("<th scope=\"col\"").Length - 1);
        Assert.Contains("<thead><tr><td ", head, StringComparison.Ordinal);
    }

    [Fact]
    public void Wide_matrices_cut_columns_alone_and_name_the_cut()
    {
        var m = KitDisplay.Show(new double[2, 11]);
        Assert.Equal(6, KitDisplay.MaxColumns);
        Assert.Contains("… 5 more columns<", m.ToHtml(), StringComparison.Ordinal);
        Assert.DoesNotContain("rows", m.ToHtml().Split("<tbody>")[1], StringComparison.Ordinal);
        var header = m.ToString().Split('\n')[1];
        Assert.EndsWith("5  …", header, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => KitDisplay.MaxColumns = 1);
    }

    [Fact]
    public void Kit_tables_carry_a_print_rule_that_shrinks_them_to_the_page()
    {
        foreach (var html in new[] { KitDisplay.Show([1.0]).ToHtml(), KitDisplay.Show(new double[1, 1]).ToHtml(), KitFormatters.Render(Distribution.FromProbabilities([0.5, 0.5]), "text/html") })
        {
            Assert.Contains("<table class=\"smx-table\"", html, StringComparison.Ordinal);
            Assert.Contains("@media print{table.smx-table{font-size:0.85em;max-width:100%}", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Plain_text_columns_are_aligned()
    {
        var lines = KitDisplay.Show([1.0, -22.5, 333.0]).ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var widths = lines.Skip(1).Select(l => l.Length).Distinct().ToArray();
        Assert.Single(widths);
    }

    [Fact]
    public void Show_copies_its_input()
    {
        var a = new[] { 1.0 };
        var v = KitDisplay.Show(a);
        a[0] = 2;
        Assert.Equal(1.0, v.Values[0]);
    }

    [Fact]
    public void Labels_must_match_the_length()
    {
        Assert.Throws<ArgumentException>(() => KitDisplay.Show([1.0, 2.0], labels: ["a"]));
        Assert.Throws<ArgumentException>(() => KitDisplay.Show(new double[2, 2], rowLabels: ["a"]));
    }

    [Fact]
    public void Every_kit_table_has_a_caption_scoped_headers_and_no_empty_header_cell()
    {
        var failing = GradientCheck.CheckGradient(z => SoftmaxFunctions.LogSumExp(z), z => [.. SoftmaxFunctions.Softmax(z).Select(v => 1.01 * v)], [0.5, -1.0, 2.0]);
        var outputs = new object[]
        {
            Distribution.FromLogits([2.0, 1.0, 0.1], labels: ["cat", "dog", "fish"]),
            GibbsState.FromTemperature([0, 1, 2], 1.5, [1, 3, 5]),
            MaxEntropy.Solve([1, 2, 3, 4, 5, 6], 4.5),
            MaxEntropy.SolveConstraints([[1, 2, 3], [1, 4, 9]], [2.2, 5.6]),
            failing,
            GradientCheck.SweepGradient(z => SoftmaxFunctions.LogSumExp(z), SoftmaxFunctions.Softmax, [0.5, -1.0]),
            EnergySpectrum.HarmonicLadder(3),
            KitDisplay.Show([1.0, 2.0], "v"),
            KitDisplay.Show(new double[,] { { 1, 2 }, { 3, 4 } }, "J"),
        };
        foreach (var output in outputs)
        {
            var html = KitFormatters.Render(output, "text/html");
            var name = output.GetType().Name;
            var tables = System.Text.RegularExpressions.Regex.Count(html, "<table\\b");
            Assert.True(tables > 0, name);
            Assert.Equal(tables, System.Text.RegularExpressions.Regex.Count(html, "<table[^>]*><caption\\b"));
            var headers = System.Text.RegularExpressions.Regex.Matches(html, "<th\\b([^>]*)>(.*?)</th>");
            Assert.All(headers, h => Assert.Matches("^ scope=\"(col|row)\"", h.Groups[1].Value));
            // A header cell names its column or row; hidden text counts (a screen reader reads it).
            Assert.All(headers, h => Assert.NotEqual("", System.Text.RegularExpressions.Regex.Replace(h.Groups[2].Value, "<[^>]+>", "").Trim()));
        }

        // Marks are announced as words.
        Assert.Contains("<span role=\"img\" aria-label=\"failed\"", KitFormatters.Render(failing, "text/html"), StringComparison.Ordinal);
        var passing = GradientCheck.CheckGradient(z => SoftmaxFunctions.LogSumExp(z), SoftmaxFunctions.Softmax, [0.5, -1.0, 2.0]);
        Assert.Contains("<span role=\"img\" aria-label=\"passed\"", KitFormatters.Render(passing, "text/html"), StringComparison.Ordinal);
    }
}
