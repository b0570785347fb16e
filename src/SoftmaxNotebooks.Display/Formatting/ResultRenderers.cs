using System.Text;

namespace SoftmaxNotebooks.Display;

/// <summary>HTML and plain text for the math core's result types.</summary>
internal static class ResultRenderers
{
    // ---- Checked claim ----

    // One line, so a notebook can prove several claims in a row without the outputs dominating the page.
    public static string ClaimHtml(CheckedClaim c) =>
        "<div class=\"smx-claim\" style=\"color:inherit;background:transparent;line-height:1.4;margin:0.1em 0\">" +
        $"<span style=\"color:{Html.Good};font-weight:700\" aria-label=\"passed\">✔</span> {Html.Escape(c.Claim)}" +
        (ClaimDetail(c, html: true) is { } detail ? $" <span style=\"{Html.Muted};font-variant-numeric:tabular-nums\">({detail})</span>" : "") +
        "</div>";

    public static string ClaimText(CheckedClaim c) =>
        "✔ " + c.Claim + (ClaimDetail(c, html: false) is { } detail ? $" ({detail})" : "");

    // Δ needs its order of magnitude only; the tolerance is shown as the notebook wrote it.
    private static string? ClaimDetail(CheckedClaim c, bool html)
    {
        if (c.Difference is not { } d || c.Tolerance is not { } t)
        {
            return null;
        }

        Func<string, string> minus = html ? s => s.Replace('-', '−') : s => s;
        return $"|Δ| = {minus(Numbers.Text(d, 2))} ≤ {minus(Numbers.Text(t, 6))}";
    }

    // ---- Distribution ----

    public static string DistributionHtml(Distribution d)
    {
        var sb = new StringBuilder();
        sb.Append(Blocks.Heading($"Distribution <span style=\"{Html.Muted};font-weight:normal\">({Outcomes(d.Count)})</span>"));
        sb.Append(Blocks.Summary(DistributionSummary(d, html: true)));
        sb.Append(ProbabilityTableHtml(d.Probabilities, d.Labels, d.Values, "value", "outcome", null));
        return Blocks.Wrap(sb.ToString());
    }

    public static string DistributionText(Distribution d) =>
        $"Distribution ({Outcomes(d.Count)})\n" + Blocks.SummaryText(DistributionSummary(d, html: false)) + "\n" +
        ProbabilityTableText(d.Probabilities, d.Labels, d.Values, "value", "outcome", null);

    private static IEnumerable<(string, string)> DistributionSummary(Distribution d, bool html)
    {
        Func<double, string> n = html ? Numbers.Html : Numbers.Text;
        var h = d.Entropy();
        yield return ("H", $"{n(h)} nats ({n(d.EntropyBits())} bits)");
        yield return ("perplexity e^H", n(Math.Exp(h)));
        var mode = d.Labels is { } labels ? labels[d.Mode] : Numbers.Int(d.Mode);
        yield return ("mode", html ? Html.Escape(mode) : mode);
        if (d.Values is not null)
        {
            yield return ("⟨value⟩", n(d.Expectation()));
        }
    }

    // ---- GibbsState ----

    public static string GibbsHtml(GibbsState g)
    {
        var sb = new StringBuilder();
        sb.Append(Blocks.Heading($"Gibbs state <span style=\"{Html.Muted};font-weight:normal\">({Levels(g.Count)}{(g.IsLimit ? ", limit β = " + Numbers.Html(g.Beta) : "")})</span>"));
        sb.Append(Blocks.Summary(GibbsSummary(g, html: true)));
        sb.Append(Blocks.Note(UnitsNote(g.BoltzmannConstant)));
        sb.Append(ProbabilityTableHtml(g.Probabilities, g.Labels, g.Energies, "E", "level", g.Degeneracies));
        return Blocks.Wrap(sb.ToString());
    }

    public static string GibbsText(GibbsState g) =>
        $"Gibbs state ({Levels(g.Count)}{(g.IsLimit ? ", limit β = " + Numbers.Text(g.Beta) : "")})\n" +
        Blocks.SummaryText(GibbsSummary(g, html: false)) + "\n" + UnitsNote(g.BoltzmannConstant) + "\n" +
        ProbabilityTableText(g.Probabilities, g.Labels, g.Energies, "E", "level", g.Degeneracies);

    private static IEnumerable<(string, string)> GibbsSummary(GibbsState g, bool html)
    {
        Func<double, string> n = html ? Numbers.Html : Numbers.Text;
        yield return ("β", n(g.Beta));
        yield return ("T", n(g.Temperature));
        yield return ("log Z", n(g.LogZ));
        yield return ("⟨E⟩", n(g.MeanEnergy));
        yield return ("Var(E)", n(g.EnergyVariance));
        yield return ("S", n(g.Entropy));
        yield return ("F", n(g.FreeEnergy));
        yield return ("C", n(g.HeatCapacity));
    }

    private static string UnitsNote(double k) => k == 1
        ? "S and C in units of k_B = 1 (nats); F = ⟨E⟩ − T·S; columns: energy E, degeneracy g, level probability p."
        : $"k_B = {Numbers.Text(k)}; S and C in units of k_B; F = ⟨E⟩ − T·S; columns: energy E, degeneracy g, level probability p.";

    // ---- MaxEntropyResult ----

    public static string MaxEntropyHtml(MaxEntropyResult r)
    {
        var ok = r.Termination != MaxEntropyTermination.IterationLimit;
        var sb = new StringBuilder();
        sb.Append(Blocks.Heading($"{Blocks.Mark(ok)} Maximum entropy at Ē = {Numbers.Html(r.MeanEnergy)}: {Html.Escape(Ending(r.Termination))}"));
        sb.Append(Blocks.Summary(MaxEntropySummary(r, html: true)));
        sb.Append(ProbabilityTableHtml(r.State.Probabilities, r.State.Labels, r.State.Energies, "E", "level", r.State.Degeneracies));
        return Blocks.Wrap(sb.ToString());
    }

    public static string MaxEntropyText(MaxEntropyResult r) =>
        $"{(r.Termination != MaxEntropyTermination.IterationLimit ? "[ok]" : "[FAILED]")} Maximum entropy at Ē = {Numbers.Text(r.MeanEnergy)}: {Ending(r.Termination)}\n" +
        Blocks.SummaryText(MaxEntropySummary(r, html: false)) + "\n" +
        ProbabilityTableText(r.State.Probabilities, r.State.Labels, r.State.Energies, "E", "level", r.State.Degeneracies);

    private static IEnumerable<(string, string)> MaxEntropySummary(MaxEntropyResult r, bool html)
    {
        Func<double, string> n = html ? Numbers.Html : Numbers.Text;
        yield return ("β", n(r.Beta));
        yield return ("T", n(r.Temperature));
        yield return ("S", n(r.Entropy) + " nats");
        yield return ("residual ⟨E⟩ − Ē", n(r.Residual));
        yield return ("tolerance", n(r.Tolerance));
        yield return ("iterations", Numbers.Int(r.Iterations));
    }

    private static string Ending(MaxEntropyTermination t) => t switch
    {
        MaxEntropyTermination.Converged => "converged",
        MaxEntropyTermination.PrecisionLimit => "converged to the last representable β (precision limit)",
        MaxEntropyTermination.ZeroTemperatureLimit => "Ē is the lowest energy: the limit β = +∞ (T → 0⁺)",
        MaxEntropyTermination.NegativeZeroTemperatureLimit => "Ē is the highest energy: the limit β = −∞ (T → 0⁻)",
        MaxEntropyTermination.IterationLimit => "did not converge (iteration limit)",
        _ => t.ToString(),
    };

    // ---- GradientCheckReport ----

    public static string GradientCheckHtml(GradientCheckReport r)
    {
        var sb = new StringBuilder();
        var verdict = r.Passed ? "passed" : "FAILED";
        sb.Append(Blocks.Heading($"{Blocks.Mark(r.Passed)} Gradient check {verdict} <span style=\"{Html.Muted};font-weight:normal\">({Shape(r)}, {r.Scheme.ToString().ToLowerInvariant()} differences, tolerance {Numbers.Html(r.Tolerance)})</span>"));
        var w = r.Worst;
        sb.Append(Blocks.Summary(
        [
            ("worst", Coordinate(r, w)),
            ("analytic", Numbers.Html(w.Analytic)),
            ("numeric", Numbers.Html(w.Numeric)),
            ("scaled error", Numbers.Html(w.ScaledError)),
        ]));
        var (rows, hidden) = GradientRows(r);
        var footer = hidden > 0 ? $"… {Numbers.Int(hidden)} more, {(r.Entries.Count(e => e.ScaledError > r.Tolerance) > rows.Length ? "some" : "all")} within tolerance" : null;
        sb.Append(Blocks.Table(
            ["", "coordinate", "analytic", "numeric", "absolute error", "relative error", "scaled error", "step h"],
            rows.Select(e => (IReadOnlyList<string>)
            [
                Blocks.Mark(e.ScaledError <= r.Tolerance), Coordinate(r, e), Numbers.Html(e.Analytic), Numbers.Html(e.Numeric),
                Numbers.Html(e.AbsoluteError), Numbers.Html(e.RelativeError), Numbers.Html(e.ScaledError), Numbers.Html(e.Step),
            ]),
            new HashSet<int> { 1 },
            footer));
        sb.Append(Blocks.Note("scaled error = |analytic − numeric| / max(1, |analytic|, |numeric|), the quantity the tolerance bounds; rows sorted worst first."));
        return Blocks.Wrap(sb.ToString());
    }

    public static string GradientCheckText(GradientCheckReport r)
    {
        var w = r.Worst;
        var (rows, hidden) = GradientRows(r);
        var text = $"{(r.Passed ? "[PASS]" : "[FAIL]")} Gradient check {(r.Passed ? "passed" : "FAILED")} ({Shape(r)}, {r.Scheme.ToString().ToLowerInvariant()} differences, tolerance {Numbers.Text(r.Tolerance)})\n" +
                   $"worst {Coordinate(r, w)}: analytic {Numbers.Text(w.Analytic)}, numeric {Numbers.Text(w.Numeric)}, scaled error {Numbers.Text(w.ScaledError)}\n" +
                   TextTable.Render(
                       ["", "coordinate", "analytic", "numeric", "abs error", "rel error", "scaled error", "step h"],
                       rows.Select(e => (IReadOnlyList<string>)
                       [
                           e.ScaledError <= r.Tolerance ? "ok" : "FAIL", Coordinate(r, e), Numbers.Text(e.Analytic), Numbers.Text(e.Numeric),
                           Numbers.Text(e.AbsoluteError), Numbers.Text(e.RelativeError), Numbers.Text(e.ScaledError), Numbers.Text(e.Step),
                       ]),
                       leftColumns: 2);
        return hidden > 0 ? text + $"… {hidden} more\n" : text;
    }

    private static (GradientCheckEntry[] Rows, int Hidden) GradientRows(GradientCheckReport r)
    {
        var sorted = r.Entries.OrderByDescending(e => e.ScaledError).ThenBy(e => e.Output).ThenBy(e => e.Input).ToArray();
        var max = KitDisplay.MaxRows;
        return sorted.Length <= max ? (sorted, 0) : (sorted[..max], sorted.Length - max);
    }

    private static string Shape(GradientCheckReport r) =>
        r.Outputs == 1 ? $"gradient, {Numbers.Int(r.Inputs)} inputs" : $"Jacobian {Numbers.Int(r.Outputs)} × {Numbers.Int(r.Inputs)}";

    private static string Coordinate(GradientCheckReport r, GradientCheckEntry e) =>
        r.Outputs == 1 ? $"∂f/∂x[{Numbers.Int(e.Input)}]" : $"∂f[{Numbers.Int(e.Output)}]/∂x[{Numbers.Int(e.Input)}]";

    // ---- StepSweepResult ----

    public static string StepSweepHtml(StepSweepResult s) =>
        Blocks.Wrap(
            Blocks.Heading("Finite-difference step sweep") +
            Blocks.Summary(
            [
                ("best h", Numbers.Html(s.Best.Step)),
                ("error there", Numbers.Html(s.Best.Error)),
                ("theory h ≈ ε^(1/3)", Numbers.Html(s.TheoreticalOptimalStep)),
            ]) +
            Blocks.Table(["step h", "max scaled error", ""],
                s.Points.Select(p => (IReadOnlyList<string>)[Numbers.Html(p.Step), Numbers.Html(p.Error), p == s.Best ? "← best" : ""])) +
            Blocks.Note("Too large an h: truncation error (∝ h²); too small: rounding error (∝ ε/h). Chart it with <code>Charts.StepSweep(sweep)</code>."));

    public static string StepSweepText(StepSweepResult s) =>
        "Finite-difference step sweep\n" +
        Blocks.SummaryText([("best h", Numbers.Text(s.Best.Step)), ("error there", Numbers.Text(s.Best.Error)), ("theory h ≈ ε^(1/3)", Numbers.Text(s.TheoreticalOptimalStep))]) + "\n" +
        TextTable.Render(["step h", "max scaled error", ""],
            s.Points.Select(p => (IReadOnlyList<string>)[Numbers.Text(p.Step), Numbers.Text(p.Error), p == s.Best ? "<- best" : ""]), leftColumns: 0);

    // ---- GeneralizedGibbsResult ----

    public static string GeneralizedHtml(GeneralizedGibbsResult r)
    {
        var ok = r.Termination != MaxEntropyTermination.IterationLimit;
        var sb = new StringBuilder();
        sb.Append(Blocks.Heading($"{Blocks.Mark(ok)} Maximum entropy under {Numbers.Int(r.Targets.Count)} constraints: {Html.Escape(Ending(r.Termination))}"));
        sb.Append(Blocks.Summary([("S", Numbers.Html(r.Entropy) + " nats"), ("log Z", Numbers.Html(r.LogZ)), ("iterations", Numbers.Int(r.Iterations)), ("tolerance", Numbers.Html(r.Tolerance))]));
        sb.Append(Blocks.Table(["k", "λ_k", "target c_k", "⟨f_k⟩", "residual"],
            Enumerable.Range(0, r.Targets.Count).Select(k => (IReadOnlyList<string>)
                [Numbers.Int(k), Numbers.Html(r.Multipliers[k]), Numbers.Html(r.Targets[k]), Numbers.Html(r.Expectations[k]), Numbers.Html(r.Residuals[k])])));
        var d = r.Distribution;
        sb.Append(ProbabilityTableHtml(d.Probabilities, d.Labels, d.Values, "value", "outcome", null));
        return Blocks.Wrap(sb.ToString());
    }

    public static string GeneralizedText(GeneralizedGibbsResult r)
    {
        var d = r.Distribution;
        return $"{(r.Termination != MaxEntropyTermination.IterationLimit ? "[ok]" : "[FAILED]")} Maximum entropy under {r.Targets.Count} constraints: {Ending(r.Termination)}\n" +
               Blocks.SummaryText([("S", Numbers.Text(r.Entropy) + " nats"), ("log Z", Numbers.Text(r.LogZ)), ("iterations", Numbers.Int(r.Iterations))]) + "\n" +
               TextTable.Render(["k", "λ_k", "target c_k", "⟨f_k⟩", "residual"],
                   Enumerable.Range(0, r.Targets.Count).Select(k => (IReadOnlyList<string>)
                       [Numbers.Int(k), Numbers.Text(r.Multipliers[k]), Numbers.Text(r.Targets[k]), Numbers.Text(r.Expectations[k]), Numbers.Text(r.Residuals[k])])) +
               ProbabilityTableText(d.Probabilities, d.Labels, d.Values, "value", "outcome", null);
    }

    // ---- EnergySpectrum ----

    public static string SpectrumHtml(EnergySpectrum s)
    {
        var (shown, hidden) = Head(s.Count);
        return Blocks.Wrap(
            Blocks.Heading($"Spectrum “{Html.Escape(s.Name)}” <span style=\"{Html.Muted};font-weight:normal\">({Levels(s.Count)})</span>") +
            Blocks.Summary([("E_min", Numbers.Html(s.MinEnergy)), ("E_max", Numbers.Html(s.MaxEnergy)), ("Ē at β = 0", Numbers.Html(s.DegeneracyWeightedMean))]) +
            Blocks.Table(["level", "label", "E", "g"],
                shown.Select(i => (IReadOnlyList<string>)[Numbers.Int(i), Html.Escape(s.Labels[i]), Numbers.Html(s.Energies[i]), Numbers.Html(s.Degeneracies[i])]),
                new HashSet<int> { 1 },
                hidden > 0 ? $"… {Numbers.Int(hidden)} more levels" : null));
    }

    public static string SpectrumText(EnergySpectrum s)
    {
        var (shown, hidden) = Head(s.Count);
        var text = $"Spectrum \"{s.Name}\" ({Levels(s.Count)})\n" +
                   Blocks.SummaryText([("E_min", Numbers.Text(s.MinEnergy)), ("E_max", Numbers.Text(s.MaxEnergy)), ("Ē at β = 0", Numbers.Text(s.DegeneracyWeightedMean))]) + "\n" +
                   TextTable.Render(["level", "label", "E", "g"],
                       shown.Select(i => (IReadOnlyList<string>)[Numbers.Int(i), s.Labels[i], Numbers.Text(s.Energies[i]), Numbers.Text(s.Degeneracies[i])]), leftColumns: 2);
        return hidden > 0 ? text + $"… {hidden} more levels\n" : text;
    }

    // ---- shared probability tables ----

    private static string ProbabilityTableHtml(IReadOnlyList<double> p, IReadOnlyList<string>? labels, IReadOnlyList<double>? values,
        string valueHeader, string indexHeader, IReadOnlyList<double>? degeneracies)
    {
        var (shown, hidden, mass) = Blocks.Select(p);
        var top = shown.Length == 0 ? 1 : shown.Max(i => p[i]);
        var header = new List<string> { indexHeader };
        var left = new HashSet<int>();
        if (labels is not null)
        {
            left.Add(header.Count);
            header.Add("label");
        }

        if (values is not null)
        {
            header.Add(valueHeader);
        }

        if (degeneracies is not null)
        {
            header.Add("g");
        }

        header.Add("p");
        left.Add(header.Count);
        header.Add("<span title=\"bar length relative to the most probable row\">bar</span>");
        var rows = shown.Select(i =>
        {
            var row = new List<string> { Numbers.Int(i) };
            if (labels is not null)
            {
                row.Add(Html.Escape(labels[i]));
            }

            if (values is not null)
            {
                row.Add(Numbers.Html(values[i]));
            }

            if (degeneracies is not null)
            {
                row.Add(Numbers.Html(degeneracies[i]));
            }

            row.Add(Numbers.Html(p[i]));
            row.Add(Html.Bar(top > 0 ? p[i] / top : 0));
            return (IReadOnlyList<string>)row;
        });
        var footer = hidden > 0 ? Blocks.MoreHtml(hidden, mass) + "; most probable shown first" : null;
        return Blocks.Table(header, rows, left, footer);
    }

    private static string ProbabilityTableText(IReadOnlyList<double> p, IReadOnlyList<string>? labels, IReadOnlyList<double>? values,
        string valueHeader, string indexHeader, IReadOnlyList<double>? degeneracies)
    {
        var (shown, hidden, mass) = Blocks.Select(p);
        var header = new List<string> { indexHeader };
        if (labels is not null)
        {
            header.Add("label");
        }

        if (values is not null)
        {
            header.Add(valueHeader);
        }

        if (degeneracies is not null)
        {
            header.Add("g");
        }

        header.Add("p");
        var rows = shown.Select(i =>
        {
            var row = new List<string> { Numbers.Int(i) };
            if (labels is not null)
            {
                row.Add(labels[i]);
            }

            if (values is not null)
            {
                row.Add(Numbers.Text(values[i]));
            }

            if (degeneracies is not null)
            {
                row.Add(Numbers.Text(degeneracies[i]));
            }

            row.Add(Numbers.Text(p[i]));
            return (IReadOnlyList<string>)row;
        });
        var text = TextTable.Render(header, rows, labels is null ? 0 : 2);
        return hidden > 0 ? text + Blocks.MoreText(hidden, mass) + "\n" : text;
    }

    private static (int[] Shown, int Hidden) Head(int n)
    {
        var max = KitDisplay.MaxRows;
        return n <= max ? (Enumerable.Range(0, n).ToArray(), 0) : (Enumerable.Range(0, max).ToArray(), n - max);
    }

    private static string Outcomes(int n) => n == 1 ? "1 outcome" : $"{Numbers.Int(n)} outcomes";

    private static string Levels(int n) => n == 1 ? "1 level" : $"{Numbers.Int(n)} levels";
}
