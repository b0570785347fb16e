using Microsoft.DotNet.Interactive.Formatting;

namespace SoftmaxNotebooks.Display.Tests;

/// <summary>Every core result type through the kernel's entry point (<c>ToDisplayString</c>), in both MIME types.</summary>
public sealed class ResultFormatTests : IDisposable
{
    public ResultFormatTests()
    {
        KitDisplay.Precision = 4;
        KitDisplay.MaxRows = 12;
    }

    public void Dispose()
    {
        KitDisplay.Precision = 4;
        KitDisplay.MaxRows = 12;
    }

    private static readonly string[] HostileLabels = ["<script>alert(1)</script>", "R&D", "plain"];

    // Jaynes' Brandeis dice (PLATFORM.md, from the literature): faces 1..6 with mean 4.5 give β = −0.3710489…
    private static MaxEntropyResult Dice() => MaxEntropy.Solve([1, 2, 3, 4, 5, 6], 4.5);

    private static GradientCheckReport PassingCheck() =>
        GradientCheck.CheckGradient(z => SoftmaxFunctions.LogSumExp(z), SoftmaxFunctions.Softmax, [0.5, -1.0, 2.0]);

    private static GradientCheckReport FailingCheck() =>
        GradientCheck.CheckGradient(z => SoftmaxFunctions.LogSumExp(z), z => [.. SoftmaxFunctions.Softmax(z).Select(v => 2 * v)], [0.5, -1.0, 2.0]);

    public static TheoryData<string> ResultNames => [.. Results.Keys];

    private static readonly Dictionary<string, Func<object>> Results = new()
    {
        ["Distribution"] = () => Distribution.FromProbabilities([0.5, 0.25, 0.25], HostileLabels),
        ["GibbsState"] = () => GibbsState.FromBeta([0, 1, 2], 1, [1, 3, 5], HostileLabels),
        ["MaxEntropyResult"] = Dice,
        ["GeneralizedGibbsResult"] = () => MaxEntropy.SolveConstraints([[1, 2, 3, 4, 5, 6]], [4.5]),
        ["GradientCheckReport"] = PassingCheck,
        ["StepSweepResult"] = () => GradientCheck.SweepGradient(z => SoftmaxFunctions.LogSumExp(z), SoftmaxFunctions.Softmax, [0.5, -1.0]),
        ["EnergySpectrum"] = () => EnergySpectrum.Create([0, 1], [1, 2], HostileLabels[..2], "<b>two & levels</b>"),
        ["VectorView"] = () => KitDisplay.Show([1.0, 2.0], "<v>", HostileLabels[..2]),
        ["MatrixView"] = () => KitDisplay.Show(SoftmaxFunctions.SoftmaxJacobian([0.0, 1.0]), "J & co"),
        ["CheckedClaim"] = () => Check.Close(0.1 + 0.2, 0.3, 1e-12, "<script>alert(1)</script> & R&D sum"),
    };

    [Theory]
    [MemberData(nameof(ResultNames))]
    public void Formats_as_html_and_plain_text_through_the_kernel_entry_point(string name)
    {
        var value = Results[name]();
        var html = value.ToDisplayString("text/html");
        var text = value.ToDisplayString("text/plain");
        // The kit's own output, not the host's property-tree fallback.
        Assert.Equal(KitFormatters.Render(value, "text/html"), html);
        Assert.Equal(KitFormatters.Render(value, "text/plain"), text);
        Assert.StartsWith("<", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{ ", text[..Math.Min(20, text.Length)], StringComparison.Ordinal);
        Assert.Equal(new HashSet<string> { "text/html", "text/plain" }, Formatter.GetPreferredMimeTypesFor(value.GetType()).ToHashSet());
    }

    [Theory]
    [MemberData(nameof(ResultNames))]
    public void Output_is_deterministic(string name)
    {
        Assert.Equal(Results[name]().ToDisplayString("text/html"), Results[name]().ToDisplayString("text/html"));
        Assert.Equal(Results[name]().ToDisplayString("text/plain"), Results[name]().ToDisplayString("text/plain"));
    }

    [Fact]
    public void User_labels_are_escaped_everywhere_they_appear()
    {
        foreach (var name in new[] { "Distribution", "GibbsState", "EnergySpectrum", "VectorView" })
        {
            var html = Results[name]().ToDisplayString("text/html");
            Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
            Assert.Contains("R&amp;D", html, StringComparison.Ordinal);
        }

        Assert.Contains("&lt;b&gt;two &amp; levels&lt;/b&gt;", Results["EnergySpectrum"]().ToDisplayString("text/html"), StringComparison.Ordinal);
        Assert.Contains("J &amp; co", Results["MatrixView"]().ToDisplayString("text/html"), StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; R&amp;D sum", Results["CheckedClaim"]().ToDisplayString("text/html"), StringComparison.Ordinal);
        // The mode's label is user text too.
        var mode = Distribution.FromProbabilities([0.9, 0.1], ["<i>&", "b"]).ToDisplayString("text/html");
        Assert.Contains("mode = &lt;i&gt;&amp;", mode, StringComparison.Ordinal);
    }

    [Fact]
    public void Distribution_shows_entropy_and_a_bar_per_outcome()
    {
        var d = Distribution.FromProbabilities([0.5, 0.25, 0.25]);
        var html = d.ToDisplayString("text/html");
        // H = 1.5 bits = 1.5·ln 2 nats (closed form).
        Assert.Contains("H = 1.04 nats (1.5 bits)", html, StringComparison.Ordinal);
        // Bars are relative to the most probable outcome: 0.5 → full, 0.25 → half.
        Assert.Equal(1, Count(html, "width:100%;height:100%"));
        Assert.Equal(2, Count(html, "width:50%;height:100%"));
        Assert.Contains("H = 1.04 nats (1.5 bits)", d.ToDisplayString("text/plain"), StringComparison.Ordinal);
    }

    private static int Count(string text, string part) => text.Split(part).Length - 1;

    [Fact]
    public void Long_distributions_show_the_most_probable_outcomes_and_count_the_rest()
    {
        KitDisplay.MaxRows = 4;
        var w = Enumerable.Range(1, 10).Select(i => (double)i).ToArray();
        var d = Distribution.FromWeights(w);
        var html = d.ToDisplayString("text/html");
        var text = d.ToDisplayString("text/plain");
        // The hidden six carry (1+…+6)/55 = 21/55 of the mass.
        Assert.Contains("… 6 more (total probability 0.3818)", html, StringComparison.Ordinal);
        Assert.Contains("… 6 more (total probability 0.3818)", text, StringComparison.Ordinal);
        var rows = text.Split('\n').Skip(4).Take(4).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ToArray();
        Assert.Equal(["9", "8", "7", "6"], rows);
    }

    [Fact]
    public void Gibbs_state_lists_every_thermodynamic_quantity_and_the_level_table()
    {
        var text = GibbsState.FromBeta([0, 1], 0, [1, 3]).ToDisplayString("text/plain");
        // β = 0: p = g/Σg = (1/4, 3/4), log Z = log 4, ⟨E⟩ = 3/4, T = ∞; S = log Z + β⟨E⟩ = log 4 = 1.386,
        // H = ¼ log 4 + ¾ log(4/3) = 0.5623.
        foreach (var part in new[] { "β = 0", "T = ∞", "log Z = 1.386", "⟨E⟩ = 0.75", "Var(E) = 0.1875", "F = ", "C = 0",
                     "S (microstates) = −Σ p log(p/g) = 1.386", "H (levels, Shannon) = −Σ p log p = 0.5623" })
        {
            Assert.Contains(part, text, StringComparison.Ordinal);
        }

        Assert.Matches(@"level\s+E\s+g\s+p", text);
        Assert.Matches(@"1\s+1\s+3\s+0\.75", text);
        var html = GibbsState.FromBeta([0, 1], 0, [1, 3]).ToDisplayString("text/html");
        Assert.Contains(">g</th>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Gibbs_state_names_both_entropies_with_degeneracies_in_html()
    {
        var html = GibbsState.FromBeta([0, 1], 0, [1, 3]).ToDisplayString("text/html");
        Assert.Contains("S (microstates) = −Σ p log(p/g) = 1.386", html, StringComparison.Ordinal);
        Assert.Contains("H (levels, Shannon) = −Σ p log p = 0.5623", html, StringComparison.Ordinal);
        Assert.DoesNotContain("coincide", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("text/html")]
    public void Without_degeneracies_the_two_entropies_are_shown_once_and_said_to_coincide(string mime)
    {
        // All g = 1 at β = 0: p uniform on 4 levels, S = H = log 4.
        var output = GibbsState.FromBeta([0, 1, 2, 3], 0).ToDisplayString(mime);
        Assert.Contains("S = H = −Σ p log p = 1.386 (all g = 1: microstate and level entropies coincide)", output, StringComparison.Ordinal);
        Assert.Equal(1, Count(output, "1.386 ("));
        Assert.DoesNotContain("microstates)", output, StringComparison.Ordinal);
        // No column of ones: the line above says every g is 1.
        Assert.DoesNotMatch(@"level\s+E\s+g", output);
        Assert.DoesNotContain(">g</th>", output, StringComparison.Ordinal);
        Assert.Contains("columns: energy E, level probability p.", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Max_entropy_result_shows_beta_residual_iterations_and_how_it_ended()
    {
        var html = Dice().ToDisplayString("text/html");
        Assert.Contains("Maximum entropy at Ē = 4.5: converged", html, StringComparison.Ordinal);
        Assert.Contains("β = −0.371", html, StringComparison.Ordinal);
        Assert.Contains("β = −0.371", Dice().ToDisplayString("text/plain"), StringComparison.Ordinal);
        Assert.Contains("S = H = −Σ p log p = ", html, StringComparison.Ordinal);
        Assert.Contains("residual ⟨E⟩ − Ē = ", html, StringComparison.Ordinal);
        Assert.Contains("iterations = ", html, StringComparison.Ordinal);
        Assert.Contains("0.3475", html, StringComparison.Ordinal);
        var limit = MaxEntropy.Solve([1, 2, 3], 1).ToDisplayString("text/plain");
        Assert.Contains("the limit β = +∞", limit, StringComparison.Ordinal);
    }

    [Fact]
    public void Gradient_check_marks_pass_and_fail_clearly()
    {
        var pass = PassingCheck();
        var fail = FailingCheck();
        Assert.True(pass.Passed);
        Assert.False(fail.Passed);
        Assert.Contains("✓</span> Gradient check passed", pass.ToDisplayString("text/html"), StringComparison.Ordinal);
        Assert.Contains("✗</span> Gradient check FAILED", fail.ToDisplayString("text/html"), StringComparison.Ordinal);
        Assert.StartsWith("[PASS]", pass.ToDisplayString("text/plain"), StringComparison.Ordinal);
        Assert.StartsWith("[FAIL]", fail.ToDisplayString("text/plain"), StringComparison.Ordinal);
        Assert.Contains($"worst ∂f/∂x[{fail.Worst.Input}]", fail.ToDisplayString("text/plain"), StringComparison.Ordinal);
    }

    [Fact]
    public void Gradient_check_table_keeps_five_columns_and_moves_a_shared_step_into_the_heading()
    {
        // Every |x_i| ≤ 1, so every coordinate uses δ = ε^(1/3) = 2^(−52/3).
        var shared = GradientCheck.CheckGradient(z => SoftmaxFunctions.LogSumExp(z), SoftmaxFunctions.Softmax, [0.5, -1.0, 0.25]);
        var step = Numbers.Text(Math.Pow(2, -52.0 / 3));
        var html = shared.ToDisplayString("text/html");
        var text = shared.ToDisplayString("text/plain");
        Assert.Contains($"central differences, tolerance 1e−6, step δ = {step})", html, StringComparison.Ordinal);
        Assert.Contains($"central differences, tolerance 1e−6, step δ = {step})", text, StringComparison.Ordinal);
        Assert.Equal(5, Count(html.Split("</thead>")[0], "<th "));
        Assert.Contains(">scaled error (≤ 1e−6)</th>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("absolute error", html, StringComparison.Ordinal);
        Assert.DoesNotContain("step δ</th>", html, StringComparison.Ordinal);
        Assert.Matches(@"^\s+coordinate\s+analytic\s+numeric\s+scaled error \(≤ 1e−6\)$", text.Split('\n')[2]);

        // x = 2 gets δ = 2·ε^(1/3): the steps differ, so each row shows its own.
        var mixed = PassingCheck().ToDisplayString("text/html");
        Assert.DoesNotContain("step δ =", mixed, StringComparison.Ordinal);
        Assert.Equal(6, Count(mixed.Split("</thead>")[0], "<th "));
        Assert.Contains(">step δ</th>", mixed, StringComparison.Ordinal);
    }

    [Fact]
    public void Precision_applies_to_result_types()
    {
        var d = Distribution.FromProbabilities([1.0 / 3, 2.0 / 3]);
        KitDisplay.Precision = 8;
        Assert.Contains("0.33333333", d.ToDisplayString("text/plain"), StringComparison.Ordinal);
        KitDisplay.Precision = 2;
        Assert.Contains("0.33", d.ToDisplayString("text/plain"), StringComparison.Ordinal);
        Assert.DoesNotContain("0.333", d.ToDisplayString("text/plain"), StringComparison.Ordinal);
    }
}
