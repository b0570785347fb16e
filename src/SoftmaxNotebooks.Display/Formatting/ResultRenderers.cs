using System.Text;

namespace SoftmaxNotebooks.Display;

/// <summary>HTML and plain text for the math core's result types.</summary>
internal static class ResultRenderers
{
    // ---- Checked claim ----

    // One line, so a notebook can prove several claims in a row without the outputs dominating the page.
    public static string ClaimHtml(CheckedClaim c) =>
        "<div class=\"smx-claim\" style=\"color:inherit;background:transparent;line-height:1.4;margin:0.1em 0\">" +
        $"{Html.Mark(true, "✔")} {Html.Escape(c.Claim)}" +
        (c.Detail is { } detail ? $" <span style=\"{Html.Muted};font-variant-numeric:tabular-nums\">({Html.Escape(detail)})</span>" : "") +
        "</div>";

    // The core writes the detail (Δ to two digits, the tolerance as the notebook wrote it), so a claim's ToString
    // and its displays agree.
    public static string ClaimText(CheckedClaim c) => c.ToString();

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
        var h = d.Entropy();
        yield return ("H", $"{Numbers.Text(h)} nats ({Numbers.Text(d.EntropyBits())} bits)");
        yield return ("perplexity e^H", Numbers.Text(Math.Exp(h)));
        var mode = d.Labels is { } labels ? labels[d.Mode] : Numbers.Int(d.Mode);
        yield return ("mode", html ? Html.Escape(mode) : mode);
        if (d.Values is not null)
        {
            yield return ("⟨value⟩", Numbers.Text(d.Expectation()));
        }
    }

    // ---- GibbsState ----

    public static string GibbsHtml(GibbsState g)
    {
        var sb = new StringBuilder();
        sb.Append(Blocks.Heading($"Gibbs state <span style=\"{Html.Muted};font-weight:normal\">({Levels(g.Count)}{(g.IsLimit ? ", limit β = " + Numbers.Text(g.Beta) : "")})</span>"));
        sb.Append(Blocks.Summary(GibbsSummary(g)));
        sb.Append(Blocks.Summary(Entropies(g, "")));
        sb.Append(Blocks.Note(UnitsNote(g)));
        sb.Append(ProbabilityTableHtml(g.Probabilities, g.Labels, g.Energies, "E", "level", Degenerate(g) ? g.Degeneracies : null));
        return Blocks.Wrap(sb.ToString());
    }

    public static string GibbsText(GibbsState g) =>
        $"Gibbs state ({Levels(g.Count)}{(g.IsLimit ? ", limit β = " + Numbers.Text(g.Beta) : "")})\n" +
        Blocks.SummaryText(GibbsSummary(g)) + "\n" + Blocks.SummaryText(Entropies(g, "")) + "\n" + UnitsNote(g) + "\n" +
        ProbabilityTableText(g.Probabilities, g.Labels, g.Energies, "E", "level", Degenerate(g) ? g.Degeneracies : null);

    private static IEnumerable<(string, string)> GibbsSummary(GibbsState g)
    {
        yield return ("β", Numbers.Text(g.Beta));
        yield return ("T", Numbers.Text(g.Temperature));
        yield return ("log Z", Numbers.Text(g.LogZ));
        yield return ("⟨E⟩", Numbers.Text(g.MeanEnergy));
        yield return ("Var(E)", Numbers.Text(g.EnergyVariance));
        yield return ("F", Numbers.Text(g.FreeEnergy));
        yield return ("C", Numbers.Text(g.HeatCapacity));
    }

    private static bool Degenerate(GibbsState g) => g.Degeneracies.Any(d => d != 1);

    // TEACHING-NOTES item 6: with degeneracies the thermodynamic entropy is the microstate one, and the kit names
    // both; with every g = 1 they are one number, shown once with the reason.
    private static IEnumerable<(string, string)> Entropies(GibbsState g, string unit) => Degenerate(g)
        ?
        [
            ("S (microstates) = −Σ p log(p/g)", Numbers.Text(g.Entropy) + unit),
            ("H (levels, Shannon) = −Σ p log p", Numbers.Text(g.LevelEntropy) + unit),
        ]
        : [("S = H = −Σ p log p", Numbers.Text(g.Entropy) + unit + " (all g = 1: microstate and level entropies coincide)")];

    private static string UnitsNote(GibbsState g)
    {
        var units = g.BoltzmannConstant == 1 ? "S, H and C in units of k_B = 1 (nats)" : $"k_B = {Numbers.Text(g.BoltzmannConstant)}; S, H and C in units of k_B";
        var columns = Degenerate(g) ? "energy E, degeneracy g, level probability p" : "energy E, level probability p";
        return $"{units}; F = ⟨E⟩ − T·S; columns: {columns}.";
    }

    // ---- MaxEntropyResult ----

    public static string MaxEntropyHtml(MaxEntropyResult r)
    {
        var ok = r.Termination != MaxEntropyTermination.IterationLimit;
        var sb = new StringBuilder();
        sb.Append(Blocks.Heading($"{Html.Mark(ok)} Maximum entropy at Ē = {Numbers.Text(r.MeanEnergy)}: {Html.Escape(Ending(r.Termination))}"));
        sb.Append(Blocks.Summary(MaxEntropySummary(r)));
        sb.Append(Blocks.Summary(Entropies(r.State, " nats")));
        sb.Append(ProbabilityTableHtml(r.State.Probabilities, r.State.Labels, r.State.Energies, "E", "level", Degenerate(r.State) ? r.State.Degeneracies : null));
        return Blocks.Wrap(sb.ToString());
    }

    public static string MaxEntropyText(MaxEntropyResult r) =>
        $"{(r.Termination != MaxEntropyTermination.IterationLimit ? "[ok]" : "[FAILED]")} Maximum entropy at Ē = {Numbers.Text(r.MeanEnergy)}: {Ending(r.Termination)}\n" +
        Blocks.SummaryText(MaxEntropySummary(r)) + "\n" + Blocks.SummaryText(Entropies(r.State, " nats")) + "\n" +
        ProbabilityTableText(r.State.Probabilities, r.State.Labels, r.State.Energies, "E", "level", Degenerate(r.State) ? r.State.Degeneracies : null);

    private static IEnumerable<(string, string)> MaxEntropySummary(MaxEntropyResult r)
    {
        yield return ("β", Numbers.Text(r.Beta));
        yield return ("T", Numbers.Text(r.Temperature));
        yield return ("residual ⟨E⟩ − Ē", Numbers.Text(r.Residual));
        yield return ("tolerance", Numbers.Text(r.Tolerance));
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

    // Five columns fit an A4 page at six digits: the absolute and relative errors stay in report.Entries, and a step
    // shared by every row moves into the heading beside the tolerance.
    public static string GradientCheckHtml(GradientCheckReport r)
    {
        var sb = new StringBuilder();
        var verdict = r.Passed ? "passed" : "FAILED";
        sb.Append(Blocks.Heading($"{Html.Mark(r.Passed)} Gradient check {verdict} <span style=\"{Html.Muted};font-weight:normal\">({GradientSettings(r)})</span>"));
        var w = r.Worst;
        sb.Append(Blocks.Summary(
        [
            ("worst", Coordinate(r, w)),
            ("analytic", Numbers.Text(w.Analytic)),
            ("numeric", Numbers.Text(w.Numeric)),
            ("scaled error", Numbers.Text(w.ScaledError)),
        ]));
        var (rows, hidden) = GradientRows(r);
        var footer = hidden > 0 ? $"… {Numbers.Int(hidden)} more, {(r.Entries.Count(e => e.ScaledError > r.Tolerance) > rows.Length ? "some" : "all")} within tolerance" : null;
        var steps = SharedStep(r) is null;
        sb.Append(Blocks.Table(
            "Coordinates, worst first",
            [Html.VisuallyHidden("within tolerance"), .. GradientHeader(r, steps).Skip(1)],
            rows.Select(e => GradientRow(r, e, Html.Mark(e.ScaledError <= r.Tolerance), steps)),
            rowHeader: 1,
            new HashSet<int> { 1 },
            footer));
        sb.Append(Blocks.Note("scaled error = |analytic − numeric| / max(1, |analytic|, |numeric|), the quantity the tolerance bounds; " +
                              "rows sorted worst first; absolute and relative errors in <code>report.Entries</code>."));
        return Blocks.Wrap(sb.ToString());
    }

    public static string GradientCheckText(GradientCheckReport r)
    {
        var w = r.Worst;
        var (rows, hidden) = GradientRows(r);
        var steps = SharedStep(r) is null;
        var text = $"{(r.Passed ? "[PASS]" : "[FAIL]")} Gradient check {(r.Passed ? "passed" : "FAILED")} ({GradientSettings(r)})\n" +
                   $"worst {Coordinate(r, w)}: analytic {Numbers.Text(w.Analytic)}, numeric {Numbers.Text(w.Numeric)}, scaled error {Numbers.Text(w.ScaledError)}\n" +
                   TextTable.Render(GradientHeader(r, steps), rows.Select(e => GradientRow(r, e, e.ScaledError <= r.Tolerance ? "ok" : "FAIL", steps)), leftColumns: 2);
        return hidden > 0 ? text + $"… {hidden} more\n" : text;
    }

    private static string GradientSettings(GradientCheckReport r) =>
        $"{Shape(r)}, {r.Scheme.ToString().ToLowerInvariant()} differences, tolerance {Numbers.Text(r.Tolerance)}" +
        (SharedStep(r) is { } h ? $", step δ = {Numbers.Text(h)}" : "");

    // Steps are rounded so that x + h is representable, so they differ in their last bits even where the rule gives
    // one h; a column is worth its width only when its numbers differ as displayed.
    private static double? SharedStep(GradientCheckReport r) =>
        r.Entries.Count > 0 && r.Entries.Select(e => Numbers.Text(e.Step)).Distinct(StringComparer.Ordinal).Count() == 1 ? r.Entries[0].Step : null;

    private static IReadOnlyList<string> GradientHeader(GradientCheckReport r, bool steps) =>
        ["", "coordinate", "analytic", "numeric", $"scaled error (≤ {Numbers.Text(r.Tolerance)})", .. steps ? new[] { "step δ" } : []];

    private static IReadOnlyList<string> GradientRow(GradientCheckReport r, GradientCheckEntry e, string mark, bool steps) =>
        [mark, Coordinate(r, e), Numbers.Text(e.Analytic), Numbers.Text(e.Numeric), Numbers.Text(e.ScaledError), .. steps ? new[] { Numbers.Text(e.Step) } : []];

    private static (GradientCheckEntry[] Rows, int Hidden) GradientRows(GradientCheckReport r)
    {
        var sorted = r.Entries.OrderByDescending(e => e.ScaledError).ThenBy(e => e.Output).ThenBy(e => e.Input).ToArray();
        var max = DisplaySettings.MaxRows;
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
                ("best δ", Numbers.Text(s.Best.Step)),
                ("error there", Numbers.Text(s.Best.Error)),
                ("theory δ ≈ ε^(1/3)", Numbers.Text(s.TheoreticalOptimalStep)),
            ]) +
            Blocks.Table("Error at each step", ["step δ", "max scaled error", Html.VisuallyHidden("best step")],
                s.Points.Select(p => (IReadOnlyList<string>)[Numbers.Text(p.Step), Numbers.Text(p.Error), p == s.Best ? "← best" : ""]), rowHeader: 0) +
            Blocks.Note("Too large an h: truncation error (∝ h²); too small: rounding error (∝ ε/h). Chart it with <code>Charts.StepSweep(sweep)</code>."));

    public static string StepSweepText(StepSweepResult s) =>
        "Finite-difference step sweep\n" +
        Blocks.SummaryText([("best δ", Numbers.Text(s.Best.Step)), ("error there", Numbers.Text(s.Best.Error)), ("theory δ ≈ ε^(1/3)", Numbers.Text(s.TheoreticalOptimalStep))]) + "\n" +
        TextTable.Render(["step δ", "max scaled error", ""],
            s.Points.Select(p => (IReadOnlyList<string>)[Numbers.Text(p.Step), Numbers.Text(p.Error), p == s.Best ? "<- best" : ""]), leftColumns: 0);

    // ---- GeneralizedGibbsResult ----

    public static string GeneralizedHtml(GeneralizedGibbsResult r)
    {
        var ok = r.Termination != MaxEntropyTermination.IterationLimit;
        var sb = new StringBuilder();
        sb.Append(Blocks.Heading($"{Html.Mark(ok)} Maximum entropy under {Numbers.Int(r.Targets.Count)} constraints: {Html.Escape(Ending(r.Termination))}"));
        sb.Append(Blocks.Summary([("S", Numbers.Text(r.Entropy) + " nats"), ("log Z", Numbers.Text(r.LogZ)), ("iterations", Numbers.Int(r.Iterations)), ("tolerance", Numbers.Text(r.Tolerance))]));
        sb.Append(Blocks.Table("Constraints and their multipliers", ["k", "λ_k", "target c_k", "⟨f_k⟩", "residual"],
            Enumerable.Range(0, r.Targets.Count).Select(k => (IReadOnlyList<string>)
                [Numbers.Int(k), Numbers.Text(r.Multipliers[k]), Numbers.Text(r.Targets[k]), Numbers.Text(r.Expectations[k]), Numbers.Text(r.Residuals[k])]), rowHeader: 0));
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
            Blocks.Summary([("E_min", Numbers.Text(s.MinEnergy)), ("E_max", Numbers.Text(s.MaxEnergy)), ("Ē at β = 0", Numbers.Text(s.DegeneracyWeightedMean))]) +
            Blocks.Table("Levels", ["level", "label", "E", "g"],
                shown.Select(i => (IReadOnlyList<string>)[Numbers.Int(i), Html.Escape(s.Labels[i]), Numbers.Text(s.Energies[i]), Numbers.Text(s.Degeneracies[i])]),
                rowHeader: 0,
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
        var (header, row) = ProbabilityColumns(p, labels, values, valueHeader, indexHeader, degeneracies, Html.Escape);
        var left = new HashSet<int>();
        if (labels is not null)
        {
            left.Add(1);
        }

        left.Add(header.Count);
        header.Add("<span title=\"bar length relative to the most probable row\">bar</span>");
        var rows = shown.Select(i =>
        {
            var cells = row(i);
            cells.Add(Html.Bar(top > 0 ? p[i] / top : 0));
            return (IReadOnlyList<string>)cells;
        });
        var footer = hidden > 0 ? Blocks.MoreHtml(hidden, mass) + "; most probable shown first" : null;
        return Blocks.Table(indexHeader == "level" ? "Level probabilities" : "Probabilities", header, rows, rowHeader: 0, left, footer);
    }

    private static string ProbabilityTableText(IReadOnlyList<double> p, IReadOnlyList<string>? labels, IReadOnlyList<double>? values,
        string valueHeader, string indexHeader, IReadOnlyList<double>? degeneracies)
    {
        var (shown, hidden, mass) = Blocks.Select(p);
        var (header, row) = ProbabilityColumns(p, labels, values, valueHeader, indexHeader, degeneracies, label => label);
        var text = TextTable.Render(header, shown.Select(i => (IReadOnlyList<string>)row(i)), labels is null ? 0 : 2);
        return hidden > 0 ? text + Blocks.MoreText(hidden, mass) + "\n" : text;
    }

    /// <summary>The columns both renderings of a probability table share: index, label (through
    /// <paramref name="label"/>: escaped for HTML), value, degeneracy and p, each present when its data is.</summary>
    private static (List<string> Header, Func<int, List<string>> Row) ProbabilityColumns(IReadOnlyList<double> p,
        IReadOnlyList<string>? labels, IReadOnlyList<double>? values, string valueHeader, string indexHeader,
        IReadOnlyList<double>? degeneracies, Func<string, string> label)
    {
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
        return (header, i =>
        {
            var row = new List<string> { Numbers.Int(i) };
            if (labels is not null)
            {
                row.Add(label(labels[i]));
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
            return row;
        });
    }

    private static (int[] Shown, int Hidden) Head(int n)
    {
        var max = DisplaySettings.MaxRows;
        return n <= max ? (Enumerable.Range(0, n).ToArray(), 0) : (Enumerable.Range(0, max).ToArray(), n - max);
    }

    private static string Outcomes(int n) => n == 1 ? "1 outcome" : $"{Numbers.Int(n)} outcomes";

    private static string Levels(int n) => n == 1 ? "1 level" : $"{Numbers.Int(n)} levels";
}
