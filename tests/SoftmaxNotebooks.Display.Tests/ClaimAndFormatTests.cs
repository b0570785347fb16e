using System.Globalization;
using Microsoft.DotNet.Interactive.Formatting;

namespace SoftmaxNotebooks.Display.Tests;

/// <summary>Checked claims as notebook outputs, and the public number formatter notebooks use in prose.</summary>
public sealed class ClaimAndFormatTests : IDisposable
{
    public ClaimAndFormatTests() => KitDisplay.Precision = 4;

    public void Dispose() => KitDisplay.Precision = 4;

    [Fact]
    public void Numeric_claim_shows_as_one_check_line_with_its_difference_and_tolerance()
    {
        // 0.1 + 0.2 − 0.3 = 2⁻⁵⁴ = 5.55…e−17 in binary64 (0.1 + 0.2 rounds to 0.30000000000000004).
        var claim = Check.Close(0.1 + 0.2, 0.3, 1e-12, "0.1 + 0.2 = 0.3 up to rounding");
        Assert.Equal("✔ 0.1 + 0.2 = 0.3 up to rounding (|Δ| = 5.6e−17 ≤ 1e−12)", claim.ToDisplayString("text/plain"));
        var html = claim.ToDisplayString("text/html");
        Assert.StartsWith("<div class=\"smx-claim\"", html, StringComparison.Ordinal);
        Assert.Contains("✔</span> 0.1 + 0.2 = 0.3 up to rounding", html, StringComparison.Ordinal);
        // A screen reader announces the mark as a word, not as "heavy check mark": aria-label names a span only with a role.
        Assert.Contains("<span role=\"img\" aria-label=\"passed\"", html, StringComparison.Ordinal);
        Assert.Contains("(|Δ| = 5.6e−17 ≤ 1e−12)", html, StringComparison.Ordinal);
        // Theme-following: the mark uses VS Code's chart colour, the text inherits the page colour.
        Assert.Contains("var(--vscode-charts-green", html, StringComparison.Ordinal);
        Assert.Contains("color:inherit", html, StringComparison.Ordinal);
        Assert.DoesNotContain("#fff", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Relative_claim_shows_its_relative_difference_against_the_relative_tolerance()
    {
        // |0.1 + 0.2 − 0.3| / 0.3 = 2⁻⁵⁴ / 0.3 = 1.85…e−16.
        var claim = Check.CloseRelative(0.1 + 0.2, 0.3, 1e-12, "sum & ratio");
        Assert.Equal("✔ sum & ratio (rel. Δ = 1.9e−16 ≤ 1e−12)", claim.ToDisplayString("text/plain"));
        Assert.Contains("sum &amp; ratio <span", claim.ToDisplayString("text/html"), StringComparison.Ordinal);
        Assert.Contains("(rel. Δ = 1.9e−16 ≤ 1e−12)</span>", claim.ToDisplayString("text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public void Boolean_claim_shows_the_claim_alone()
    {
        var claim = Check.That(true, "softmax sums to 1");
        Assert.Equal("✔ softmax sums to 1", claim.ToDisplayString("text/plain"));
        Assert.DoesNotContain("Δ", claim.ToDisplayString("text/html"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.1234567, null, "0.1235")]
    [InlineData(0.1234567, 2, "0.12")]
    [InlineData(1.2e-11, 2, "1.2e−11")]
    [InlineData(-1.2e-11, 2, "−1.2e−11")]
    [InlineData(-0.5, 4, "−0.5")]
    [InlineData(6.02214076e23, 3, "6.02e23")]
    [InlineData(double.PositiveInfinity, null, "∞")]
    [InlineData(double.NegativeInfinity, null, "−∞")]
    [InlineData(double.NaN, null, "NaN")]
    [InlineData(1e300, 4, "1e300")]
    public void Format_writes_invariant_numbers_with_lowercase_exponents_and_typographic_minus(double x, int? digits, string expected)
    {
        Assert.Equal(expected, KitDisplay.Format(x, digits));
    }

    [Fact]
    public void Format_ignores_the_current_culture_and_follows_the_precision()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("1.5", KitDisplay.Format(1.5));
            Assert.Equal("[0.5, −0.25, 1.5e−8]", KitDisplay.Format([0.5, -0.25, 1.5e-8]));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        KitDisplay.Precision = 2;
        Assert.Equal("3.1", KitDisplay.Format(Math.PI));
        Assert.Equal("[3.142, 2.718]", KitDisplay.Format([Math.PI, Math.E], 4));
        Assert.Equal("[]", KitDisplay.Format([]));
    }

    [Fact]
    public void Format_is_the_formatter_of_tables_and_chart_labels()
    {
        // One implementation: what prose shows is what the tables and slider labels show.
        Assert.Equal(Numbers.Text(1.5e-7, 4), KitDisplay.Format(1.5e-7, 4));
        Assert.Equal(KitDisplay.Format(-0.001, 4), Charts.Label(-0.001));
        // A row label built with Format next to the table's own numbers: one minus sign.
        var html = KitDisplay.Show(new double[,] { { -2 } }, rowLabels: [KitDisplay.Format(-1.5)]).ToHtml();
        Assert.Contains(">−1.5</th>", html, StringComparison.Ordinal);
        Assert.Contains(">−2</td>", html, StringComparison.Ordinal);
        var sweep = FigureJson.Parse(Charts.StepSweep([1e-5, 1e-6], [1e-3, 1e-4], title: "h = " + KitDisplay.Format(1e-5)));
        Assert.Equal("h = 1e−5", sweep.Layout().Text("title"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(18)]
    public void Format_rejects_digits_outside_1_to_17(int digits)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KitDisplay.Format(1.0, digits));
        Assert.Throws<ArgumentOutOfRangeException>(() => KitDisplay.Format([1.0], digits));
    }
}
