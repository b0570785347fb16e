namespace SoftmaxNotebooks.Notebooks.Tests.Mutation;

/// <summary>
/// One exact edit of a core source file: <see cref="Find"/> must occur exactly once in <see cref="File"/> when the
/// edit is applied. <see cref="Replace"/> holds the token <c>MUTANT</c> (see <see cref="MutantWorkspace.SwitchToken"/>),
/// true only in a run that switches this mutation on, and keeps the original code for the switched-off case.
/// </summary>
/// <param name="File">Path under <c>src/SoftmaxNotebooks/</c>, with forward slashes.</param>
/// <param name="Find">The exact text to replace (the anchor).</param>
/// <param name="Replace">What replaces it.</param>
public sealed record SourcePatch(string File, string Find, string Replace);

/// <summary>A notebook section that must catch a mutation: the notebook's file name and the heading after <c>## </c>.</summary>
public sealed record Target(string Notebook, string Section)
{
    public override string ToString() => $"{Notebook[..2]} § {Section}";
}

/// <summary>A planted defect of kit quantities and the notebook sections that must catch it.</summary>
/// <param name="Id">A short stable name, used in the table, in failure messages and as the switch's value.</param>
/// <param name="Defect">The defect in words.</param>
/// <param name="Quantities">
/// The public kit quantities it falsifies, as <c>Type.Member</c> (see <see cref="NotebookClaims"/>): the one it is named
/// for first, then those computed by the same code (a defect in softmax's kernel is also one in its Jacobian). A run
/// counts as caught only when the claim that stops the notebook is about one of them.
/// </param>
/// <param name="Targets">Each notebook that makes a claim about these quantities, with the section that must catch the defect.</param>
/// <param name="Patches">The edits that plant the defect.</param>
public sealed record Mutation(string Id, string Defect, IReadOnlyList<string> Quantities, IReadOnlyList<Target> Targets, IReadOnlyList<SourcePatch> Patches)
{
    public override string ToString() => Id;
}

/// <summary>
/// Every planted defect, the quantities it falsifies, and the sections where a check must catch it: in every notebook
/// whose lecture makes a claim about those quantities (<see cref="MutationCoverageTests"/> derives the claims from the
/// notebooks and fails when a (notebook, quantity) pair has no entry here). This list is the one place to update when
/// a notebook's sections are renamed, or when the core is refactored (a patch whose anchor no longer occurs exactly
/// once fails loudly instead of silently testing nothing). Defects are relative errors of 10⁻⁶ wherever the quantity is
/// computed to near machine precision; the gradient checker's own error estimates are not, and get larger defects.
/// </summary>
public static class Mutations
{
    private const string Nb1 = "01-lse-to-softmax.dib";
    private const string Nb2 = "02-gradients-and-cross-entropy.dib";
    private const string Nb3 = "03-gibbs-and-temperature.dib";
    private const string Nb4 = "04-maximum-entropy.dib";
    private const string Nb5 = "05-softmax-regression-iris.dib";
    private const string Nb6 = "06-numerical-stability.dib";
    private const string Nb7 = "07-one-idea.dib";
    private const string Nb8 = "08-summary-sheet.dib";
    private const string Nb9 = "09-plotly-net.dib";

    private const string SoftmaxKernel = "Kernels/SoftmaxKernel.cs";
    private const string GibbsState = "Physics/GibbsState.cs";
    private const string Spectrum = "Physics/EnergySpectrum.cs";
    private const string Constraints = "Physics/MaxEntropy.Constraints.cs";
    private const string Derivatives = "SoftmaxFunctions.Derivatives.cs";
    private const string Checker = "Checking/GradientCheck.cs";
    private const string LseReturn = "return scaled ? pivot.Max + temperature * tail : pivot.Max + tail;";

    private const string Lse = "SoftmaxFunctions.LogSumExp";
    private const string Softmax = "SoftmaxFunctions.Softmax";
    private const string Jacobian = "SoftmaxFunctions.SoftmaxJacobian";
    private const string Hessian = "SoftmaxFunctions.LogSumExpHessian";
    private const string LseGradient = "SoftmaxFunctions.LogSumExpGradient";
    private const string CrossEntropy = "SoftmaxFunctions.CrossEntropyWithLogits";
    private const string CrossEntropyRows = "SoftmaxFunctions.CrossEntropyWithLogitsRows";
    private const string CrossEntropyGradient = "SoftmaxFunctions.CrossEntropyWithLogitsGradient";
    private const string CrossEntropyGradientRows = "SoftmaxFunctions.CrossEntropyWithLogitsGradientRows";
    private const string Passed = "GradientCheckReport.Passed";

    // The sections, as headed in the notebooks.
    private static readonly Target Nb8Rows = new(Nb8, "4. The dictionary, re-checked");
    private static readonly Target Nb7Dual = new(Nb7, "1. The maximum-entropy dual is cross-entropy with logits");
    private static readonly Target Nb7Family = new(Nb7, "2. Several constraints: an exponential family");
    private static readonly Target Nb7Free = new(Nb7, "3. Loss minus entropy is a KL divergence, and a free-energy difference");
    private static readonly Target Nb7Saturation = new(Nb7, "4. Saturation: which losses lose their gradient");
    private static readonly Target Nb7Conditioning = new(Nb7, "5. How accurate can LSE be? Its condition number");
    private static readonly Target Nb7Spot = new(Nb7, "7. Spot the error");
    private static readonly Target Nb3Softmax = new(Nb3, "1. Softmax of minus β times the energy");
    private static readonly Target Nb3Derivatives = new(Nb3, "2. Derivatives of $\\log Z$");
    private static readonly Target Nb3Entropy = new(Nb3, "3. Entropy and free energy");
    private static readonly Target Nb3Inequality = new(Nb3, "4. The free-energy inequality");
    private static readonly Target Nb3Degeneracies = new(Nb3, "6. Degeneracies: which entropy?");
    private static readonly Target Nb4Dice = new(Nb4, "2. Jaynes' Brandeis dice");
    private static readonly Target Nb4Degenerate = new(Nb4, "6. A degenerate spectrum: the weighted mean, not the midpoint");
    private static readonly Target Nb2Jacobian = new(Nb2, "1. The Jacobian of softmax");
    private static readonly Target Nb2Checker = new(Nb2, "2. Checking a derivative numerically");

    private static Target At(string notebook, string section) => new(notebook, section);

    public static IReadOnlyList<Mutation> All { get; } =
    [
        // ── log-sum-exp, softmax and their derivatives ──────────────────────────────────────────────────────────
        new("lse-temperature", "LSE_T: the temperature-scaled tail T·log1p(τ) is × (1 + 1e−6)", [Lse],
            [At(Nb1, "2. Temperature: how smooth is the maximum?")],
            [new(SoftmaxKernel, LseReturn,
                "if (MUTANT) { return scaled ? pivot.Max + temperature * tail * T.CreateTruncating(1 + 1e-6) : pivot.Max + tail; }\n        " + LseReturn)]),

        new("lse-relative", "LogSumExp kernel returns LSE × (1 + 1e−6)", [Lse],
            [At(Nb1, "1. LSE is a smooth maximum"), At(Nb2, "4. Cross-entropy with logits"), Nb3Softmax,
             At(Nb6, "2. The naive softmax, and the max shift"), Nb7Dual, Nb8Rows],
            [new(SoftmaxKernel, LseReturn,
                "if (MUTANT) { return (scaled ? pivot.Max + temperature * tail : pivot.Max + tail) * T.CreateTruncating(1 + 1e-6); }\n        " + LseReturn)]),

        // Still sums to 1, so only a check of the values can catch it (an unnormalised softmax is rejected by
        // Distribution's validation wherever it is first used, whatever the section). The Jacobian, its products,
        // ∇LSE and the cross-entropy gradient softmax(u) − p are computed from the same kernel.
        new("softmax-move-mass", "softmax moves 1e−6 of one entry's probability to the largest entry (still sums to 1)",
            [Softmax, Jacobian, Hessian, LseGradient, "SoftmaxFunctions.SoftmaxJvp", "SoftmaxFunctions.SoftmaxVjp", CrossEntropyGradient, CrossEntropyGradientRows],
            [At(Nb1, "3. The variational form: where the bounds come from"), Nb2Jacobian, Nb3Softmax, Nb4Dice,
             At(Nb6, "2. The naive softmax, and the max shift"), Nb7Dual, Nb8Rows],
            [new(SoftmaxKernel,
                "ExpSum.Scale(destination, denominator, divide: true);",
                "ExpSum.Scale(destination, denominator, divide: true);\n        if (MUTANT)\n        {\n            int donor = pivot.Index == 0 ? destination.Length - 1 : 0;\n            T moved = destination[donor] * T.CreateTruncating(1e-6);\n            destination[donor] -= moved;\n            destination[pivot.Index] += moved;\n        }")]),

        new("log-softmax-scale", "log-softmax: every entry × (1 + 1e−6)", ["SoftmaxFunctions.LogSoftmax"],
            [At(Nb6, "5. Cancellation in log-softmax")],
            [new(SoftmaxKernel,
                "ExpSum.ShiftedLogits(z, pivot.Max, temperature, scaled, tail, destination);",
                "ExpSum.ShiftedLogits(z, pivot.Max, temperature, scaled, tail, destination);\n        if (MUTANT) { TensorPrimitives.Multiply(destination, T.CreateTruncating(1 + 1e-6), destination); }")]),

        new("sigmoid-scale", "Sigmoid(x) × (1 + 1e−6)", ["SoftmaxFunctions.Sigmoid"],
            [At(Nb1, "6. Two classes: the logistic function and softplus"), At(Nb3, "5. What temperature does"), Nb8Rows],
            [new("SoftmaxFunctions.Logistic.cs", "return z[0];", "return MUTANT ? z[0] * T.CreateTruncating(1 + 1e-6) : z[0];")]),

        new("softplus-scale", "Softplus(x) × (1 + 1e−6) (LogSumExp itself correct)", ["SoftmaxFunctions.Softplus"],
            [At(Nb1, "6. Two classes: the logistic function and softplus"), At(Nb6, "3. The log1p refinement"), Nb8Rows],
            [new("SoftmaxFunctions.Logistic.cs",
                "return SoftmaxKernel.LogSumExp<T>(z, T.One, scaled: false, nameof(x));",
                "return SoftmaxKernel.LogSumExp<T>(z, T.One, scaled: false, nameof(x)) * (MUTANT ? T.CreateTruncating(1 + 1e-6) : T.One);")]),

        new("jacobian-off-diagonal", "SoftmaxJacobian: off-diagonal entries −s_i s_j × (1 + 1e−6)", [Jacobian, Hessian],
            [Nb2Jacobian, Nb7Saturation, Nb8Rows],
            [new("Kernels/DerivativeKernel.cs", ": -(si * s[j]);", ": MUTANT ? -(si * s[j]) * T.CreateTruncating(1 + 1e-6) : -(si * s[j]);")]),

        new("lse-gradient", "LogSumExpGradient(z) = softmax(z) × (1 + 1e−6)", [LseGradient],
            [At(Nb1, "4. The gradient of LSE is softmax"), Nb2Jacobian, Nb8Rows],
            [new(Derivatives,
                "public static double[] LogSumExpGradient(double[] z) => Softmax(z);",
                "public static double[] LogSumExpGradient(double[] z) => MUTANT ? MutantSwitch.Scaled(Softmax(z), 1 + 1e-6) : Softmax(z);")]),

        new("lse-hessian", "LogSumExpHessian(z): the last diagonal entry × (1 + 1e−6)", [Hessian],
            [Nb2Jacobian, Nb8Rows],
            [new(Derivatives,
                "public static double[,] LogSumExpHessian(double[] z) => SoftmaxJacobian(z);",
                "public static double[,] LogSumExpHessian(double[] z) { var h = SoftmaxJacobian(z); if (MUTANT) { h[z.Length - 1, z.Length - 1] *= 1 + 1e-6; } return h; }")]),

        new("jvp-scale", "SoftmaxJvp(z, v) = J·v × (1 + 1e−6)", ["SoftmaxFunctions.SoftmaxJvp"],
            [At(Nb2, "3. The Hessian is positive semidefinite, and $\\mathbf{1}$ is in its null space"), Nb7Saturation],
            [new(Derivatives,
                "public static double[] SoftmaxJvp(double[] z, double[] v) => Product(z, v, 1.0, scaled: false);",
                "public static double[] SoftmaxJvp(double[] z, double[] v) => MUTANT ? MutantSwitch.Scaled(Product(z, v, 1.0, scaled: false), 1 + 1e-6) : Product(z, v, 1.0, scaled: false);")]),

        new("vjp-scale", "SoftmaxVjp(z, v) = vᵀJ × (1 + 1e−6)", ["SoftmaxFunctions.SoftmaxVjp"],
            [Nb7Saturation],
            [new(Derivatives,
                "public static double[] SoftmaxVjp(double[] z, double[] v) => Product(z, v, 1.0, scaled: false);",
                "public static double[] SoftmaxVjp(double[] z, double[] v) => MUTANT ? MutantSwitch.Scaled(Product(z, v, 1.0, scaled: false), 1 + 1e-6) : Product(z, v, 1.0, scaled: false);")]),

        new("weighted-softmax-scale", "WeightedSoftmax(z, g) × (1 + 1e−6)", ["SoftmaxFunctions.WeightedSoftmax"],
            [Nb3Softmax, Nb8Rows],
            [new("SoftmaxFunctions.Arrays.cs",
                "public static double[] WeightedSoftmax(double[] z, double[] weights) => WeightedSoftmax<double>(z, weights);",
                "public static double[] WeightedSoftmax(double[] z, double[] weights) => MUTANT ? MutantSwitch.Scaled(WeightedSoftmax<double>(z, weights), 1 + 1e-6) : WeightedSoftmax<double>(z, weights);")]),

        new("softmax-rows-scale", "SoftmaxRows(z): every entry × (1 + 1e−6)", ["SoftmaxFunctions.SoftmaxRows"],
            [At(Nb5, "8. Are the probabilities right? Temperature scaling")],
            [new("SoftmaxFunctions.Rows.cs",
                " SoftmaxRows<double>(MatrixSpan.Read(z), z.GetLength(1), MatrixSpan.Write(result));",
                " SoftmaxRows<double>(MatrixSpan.Read(z), z.GetLength(1), MatrixSpan.Write(result));\n            if (MUTANT) { MutantSwitch.Scaled(result, 1 + 1e-6); }")]),

        // ── cross-entropy ───────────────────────────────────────────────────────────────────────────────────────
        new("cross-entropy-loss", "the cross-entropy kernel's loss × (1 + 1e−6), for a target vector and for a label, per sample and so in the batch mean", [CrossEntropy, CrossEntropyRows],
            [At(Nb2, "4. Cross-entropy with logits"), At(Nb6, "5. Cancellation in log-softmax"), Nb7Dual, Nb8Rows],
            [new("Kernels/CrossEntropyKernel.cs",
                "ExpSum.AddCrossEntropyTerms(ref sum, target.Values, u, a, tail);\n            return sum.Total;",
                "ExpSum.AddCrossEntropyTerms(ref sum, target.Values, u, a, tail);\n            return MUTANT ? sum.Total * T.CreateTruncating(1 + 1e-6) : sum.Total;"),
             // The label form sums its own terms.
             new("Kernels/CrossEntropyKernel.cs",
                "sum.Add(pi * ((a - u[i]) + tail));",
                "sum.Add(MUTANT ? pi * ((a - u[i]) + tail) * T.CreateTruncating(1 + 1e-6) : pi * ((a - u[i]) + tail));")]),

        new("cross-entropy-gradient", "the cross-entropy kernel's gradient softmax(u) − p × (1 + 1e−6), single and row by row", [CrossEntropyGradient, CrossEntropyGradientRows],
            [At(Nb2, "5. The gradient: prediction minus target"), At(Nb5, "4. Loss and gradient"), Nb7Dual, Nb8Rows],
            [new("Kernels/CrossEntropyKernel.cs",
                "ExpSum.GradientFromSoftmax(destination, mass, target.Values, divisor);",
                "ExpSum.GradientFromSoftmax(destination, mass, target.Values, divisor);\n            if (MUTANT) { TensorPrimitives.Multiply<T>(destination, T.CreateTruncating(1 + 1e-6), destination); }")]),

        new("cross-entropy-batch-mean", "CrossEntropyWithLogitsRows: the batch mean × (1 + 1e−6)", [CrossEntropyRows],
            [At(Nb2, "7. Maximum likelihood is minimum cross-entropy"), At(Nb5, "4. Loss and gradient")],
            [new("SoftmaxFunctions.CrossEntropy.cs",
                "double.IsPositiveInfinity(total) ? total : total / rows;",
                "double.IsPositiveInfinity(total) ? total : MUTANT ? total / rows * (1 + 1e-6) : total / rows;")]),

        // ── distributions ───────────────────────────────────────────────────────────────────────────────────────
        new("distribution-entropy", "Distribution.Entropy() = H(p) × (1 + 1e−6) (so GibbsState's level entropy too)", ["Distribution.Entropy", "GibbsState.LevelEntropy"],
            [At(Nb1, "3. The variational form: where the bounds come from"), At(Nb2, "6. The loss is bounded below by the entropy of the target"),
             Nb3Degeneracies, Nb7Dual, Nb8Rows, At(Nb9, "2. Softmax with temperature: entropy from 0 to $\\log n$")],
            [new("Distribution.cs", "h -= p * Math.Log(p);", "h -= MUTANT ? p * Math.Log(p) * (1 + 1e-6) : p * Math.Log(p);")]),

        new("kl-scale", "Distribution.KullbackLeibler(q) × (1 + 1e−6)", ["Distribution.KullbackLeibler"],
            [At(Nb1, "3. The variational form: where the bounds come from"), At(Nb2, "6. The loss is bounded below by the entropy of the target"),
             Nb3Inequality, Nb7Free, Nb8Rows],
            [new("Distribution.cs",
                "return Math.Max(0.0, divergence - (difference + compensation));",
                "return Math.Max(0.0, divergence - (difference + compensation)) * (MUTANT ? 1 + 1e-6 : 1);")]),

        new("distribution-cross-entropy", "Distribution.CrossEntropy(q) × (1 + 1e−6)", ["Distribution.CrossEntropy"],
            [Nb7Spot],
            [new("Distribution.cs", "sum -= p * Math.Log(q.probabilities[i]);", "sum -= p * Math.Log(q.probabilities[i]) * (MUTANT ? 1 + 1e-6 : 1);")]),

        new("distribution-probabilities", "Distribution.Probabilities moves 1e−6 of the first outcome's probability to the last", ["Distribution.Probabilities"],
            [Nb4Dice, Nb7Family],
            [new("Distribution.cs",
                "Probabilities = Array.AsReadOnly(probabilities);",
                "Probabilities = Array.AsReadOnly(MUTANT ? MutantSwitch.MovedMass(probabilities) : probabilities);")]),

        // GibbsState.FreeEnergyOf(q) takes ⟨E⟩_q from it.
        new("distribution-expectation", "Distribution.Expectation(f) × (1 + 1e−6) (so the ⟨E⟩_q of GibbsState.FreeEnergyOf(q) too)",
            ["Distribution.Expectation", "GibbsState.FreeEnergyOf"],
            [Nb3Inequality],
            [new("Distribution.cs", "sum += probabilities[i] * quantity[i];", "sum += probabilities[i] * quantity[i] * (MUTANT ? 1 + 1e-6 : 1);")]),

        // ── energy spectra and Gibbs states ─────────────────────────────────────────────────────────────────────
        new("spectrum-energies", "EnergySpectrum.Energies reports every energy × (1 + 1e−6) (its Gibbs states correct)", ["EnergySpectrum.Energies"],
            [Nb3Softmax, Nb4Degenerate],
            [new(Spectrum,
                "Energies = Array.AsReadOnly(spectrum.Energies);",
                "Energies = Array.AsReadOnly(MUTANT ? MutantSwitch.Scaled((double[])spectrum.Energies.Clone(), 1 + 1e-6) : spectrum.Energies);")]),

        new("spectrum-degeneracies", "EnergySpectrum.Degeneracies reports g₀ × (1 + 1e−6) (its Gibbs states correct)", ["EnergySpectrum.Degeneracies"],
            [Nb3Softmax, Nb4Degenerate],
            [new(Spectrum,
                "Degeneracies = Array.AsReadOnly(spectrum.Degeneracies);",
                "Degeneracies = Array.AsReadOnly(MUTANT ? MutantSwitch.FirstScaled(spectrum.Degeneracies, 1 + 1e-6) : spectrum.Degeneracies);")]),

        new("spectrum-range", "EnergySpectrum: MinEnergy + 1e−6 and MaxEnergy × (1 + 1e−6)", ["EnergySpectrum.MinEnergy", "EnergySpectrum.MaxEnergy"],
            [Nb4Degenerate],
            [new(Spectrum, "public double MinEnergy => spectrum.Min;", "public double MinEnergy => MUTANT ? spectrum.Min + 1e-6 : spectrum.Min;"),
             new(Spectrum, "public double MaxEnergy => spectrum.Max;", "public double MaxEnergy => MUTANT ? spectrum.Max * (1 + 1e-6) : spectrum.Max;")]),

        new("spectrum-weighted-mean", "EnergySpectrum.DegeneracyWeightedMean × (1 + 1e−6)", ["EnergySpectrum.DegeneracyWeightedMean"],
            [Nb4Degenerate],
            [new(Spectrum,
                "DegeneracyWeightedMean = spectrum.Min + (weighted / weight);",
                "DegeneracyWeightedMean = (spectrum.Min + (weighted / weight)) * (MUTANT ? 1 + 1e-6 : 1);")]),

        new("gibbs-probabilities", "GibbsState.Probabilities moves 1e−6 of the first level's probability to the last", ["GibbsState.Probabilities"],
            [Nb3Softmax, Nb4Degenerate, Nb7Spot, Nb8Rows, At(Nb9, "1. The Gibbs distribution at four temperatures")],
            [new(GibbsState,
                "public IReadOnlyList<double> Probabilities => Array.AsReadOnly(probabilities.Value);",
                "public IReadOnlyList<double> Probabilities => Array.AsReadOnly(MUTANT ? MutantSwitch.MovedMass(probabilities.Value) : probabilities.Value);")]),

        // The state's probabilities are computed from its β when first read; its moments come from the solver's pass.
        new("gibbs-beta", "GibbsState.Beta × (1 + 1e−6): its temperature and probabilities follow, its moments do not",
            ["GibbsState.Beta", "GibbsState.Temperature", "GibbsState.Probabilities"],
            [Nb3Softmax],
            [new(GibbsState, "Beta = beta == 0 ? 0.0 : beta;", "Beta = MUTANT ? beta * (1 + 1e-6) : beta == 0 ? 0.0 : beta;")]),

        new("gibbs-log-z", "GibbsState.LogZ + 1e−6 (so Z × (1 + 1e−6) too)", ["GibbsState.LogZ", "GibbsState.Z"],
            [Nb3Softmax, Nb8Rows],
            [new(GibbsState, "LogZ = summary.LogZ;", "LogZ = MUTANT ? summary.LogZ + 1e-6 : summary.LogZ;")]),

        new("gibbs-z", "GibbsState.Z × (1 + 1e−6) (log Z correct)", ["GibbsState.Z"],
            [Nb3Softmax],
            [new(GibbsState, "? limitScale * sum : Math.Exp(LogZ);", "? limitScale * sum : MUTANT ? Math.Exp(LogZ) * (1 + 1e-6) : Math.Exp(LogZ);")]),

        new("gibbs-mean-energy", "GibbsState.MeanEnergy ⟨E⟩ × (1 + 1e−6)", ["GibbsState.MeanEnergy"],
            [Nb3Derivatives, Nb7Spot, Nb8Rows],
            [new(GibbsState, "MeanEnergy = summary.MeanEnergy;", "MeanEnergy = MUTANT ? summary.MeanEnergy * (1 + 1e-6) : summary.MeanEnergy;")]),

        new("gibbs-variance-and-c", "the variance pass × (1 + 1e−6): Var(E) and C = β²Var(E) inflated together", ["GibbsState.EnergyVariance", "GibbsState.HeatCapacity"],
            [Nb3Derivatives],
            [new(GibbsState, "double sdUnits = Math.Sqrt(second.Variance);", "double sdUnits = Math.Sqrt(MUTANT ? second.Variance * (1 + 1e-6) : second.Variance);")]),

        new("gibbs-variance", "GibbsState.EnergyVariance × (1 + 1e−6) (C unchanged)", ["GibbsState.EnergyVariance"],
            [Nb3Derivatives, At(Nb4, "5. Entropy as a function of the constraint"), Nb8Rows],
            [new(GibbsState, "EnergyVariance = summary.EnergyVariance;", "EnergyVariance = MUTANT ? summary.EnergyVariance * (1 + 1e-6) : summary.EnergyVariance;")]),

        new("gibbs-heat-capacity", "GibbsState.HeatCapacity C × (1 + 1e−6) (Var(E) unchanged)", ["GibbsState.HeatCapacity"],
            [Nb3Derivatives, Nb8Rows],
            [new(GibbsState, "HeatCapacity = summary.HeatCapacity;", "HeatCapacity = MUTANT ? summary.HeatCapacity * (1 + 1e-6) : summary.HeatCapacity;")]),

        new("gibbs-entropy", "GibbsState.Entropy S × (1 + 1e−6)", ["GibbsState.Entropy"],
            [Nb3Entropy, Nb8Rows],
            [new(GibbsState, "Entropy = summary.Entropy;", "Entropy = MUTANT ? summary.Entropy * (1 + 1e-6) : summary.Entropy;")]),

        new("gibbs-free-energy", "GibbsState.FreeEnergy F × (1 + 1e−6)", ["GibbsState.FreeEnergy"],
            [Nb3Entropy, Nb7Free, Nb8Rows],
            [new(GibbsState, "FreeEnergy = summary.FreeEnergy;", "FreeEnergy = MUTANT ? summary.FreeEnergy * (1 + 1e-6) : summary.FreeEnergy;")]),

        new("gibbs-free-energy-of-q", "GibbsState.FreeEnergyOf(q): the −T·S[q] term × (1 + 1e−6)", ["GibbsState.FreeEnergyOf"],
            [Nb3Inequality, Nb7Free, Nb8Rows],
            [new(GibbsState,
                ": meanEnergy - (MicrostateEntropyOf(q) / Beta);",
                ": meanEnergy - (MicrostateEntropyOf(q) / Beta) * (MUTANT ? 1 + 1e-6 : 1);")]),

        // ── maximum entropy ─────────────────────────────────────────────────────────────────────────────────────
        new("max-entropy-beta", "MaxEntropy.Solve reports β × (1 + 1e−6) (its distribution correct)", ["MaxEntropyResult.Beta"],
            [Nb4Dice, Nb7Dual, Nb8Rows],
            [new("Physics/MaxEntropy.cs",
                "Beta = beta,\n            State = GibbsState.FromSolverPass(",
                "Beta = MUTANT ? beta * (1 + 1e-6) : beta,\n            State = GibbsState.FromSolverPass(")]),

        new("max-entropy-target", "MaxEntropy.Solve solves for the mean Ē + 1e−6 (a consistent but wrong β)", ["MaxEntropyResult.Beta"],
            [Nb4Dice, Nb8Rows],
            [new("Physics/MaxEntropy.cs", "return Iterate(spectrum, meanEnergy);", "return Iterate(spectrum, MUTANT ? meanEnergy + 1e-6 : meanEnergy);")]),

        new("max-entropy-entropy", "MaxEntropyResult.Entropy × (1 + 1e−6) (its state correct)", ["MaxEntropyResult.Entropy"],
            [Nb4Dice, Nb7Dual],
            [new("Physics/MaxEntropyResult.cs", "public double Entropy => State.Entropy;", "public double Entropy => MUTANT ? State.Entropy * (1 + 1e-6) : State.Entropy;")]),

        new("family-multipliers", "MaxEntropy.SolveConstraints reports its multipliers × (1 + 1e−6) (its distribution correct)", ["GeneralizedGibbsResult.Multipliers"],
            [Nb7Family, Nb8Rows],
            [new(Constraints,
                "Multipliers = Array.AsReadOnly(multipliers),",
                "Multipliers = Array.AsReadOnly(MUTANT ? MutantSwitch.Scaled((double[])multipliers.Clone(), 1 + 1e-6) : multipliers),")]),

        new("family-log-z", "MaxEntropy.SolveConstraints reports log Z + 1e−6", ["GeneralizedGibbsResult.LogZ"],
            [Nb7Family],
            [new(Constraints, "LogZ = logZ,", "LogZ = MUTANT ? logZ + 1e-6 : logZ,")]),

        new("family-entropy", "MaxEntropy.SolveConstraints reports its entropy × (1 + 1e−6)", ["GeneralizedGibbsResult.Entropy"],
            [Nb7Family, Nb8Rows],
            [new(Constraints, "Entropy = entropy,", "Entropy = MUTANT ? entropy * (1 + 1e-6) : entropy,")]),

        // ── the gradient checker ────────────────────────────────────────────────────────────────────────────────
        new("gradient-check-verdict", "GradientCheck: every report says Passed", [Passed],
            [Nb2Checker],
            [new(Checker, "Passed = worst!.ScaledError <= options.Tolerance,", "Passed = MUTANT || worst!.ScaledError <= options.Tolerance,")]),

        new("gradient-check-fails", "GradientCheck: every report says failed", [Passed],
            [At(Nb5, "4. Loss and gradient")],
            [new(Checker, "worst!.ScaledError <= options.Tolerance,", "!MUTANT && worst!.ScaledError <= options.Tolerance,")]),

        new("gradient-check-error", "GradientCheck: the scaled error of every entry (and so the verdict) × 1e−3", [Passed],
            [Nb2Checker],
            [new(Checker,
                "? abs / Math.Max(1.0, largest) : double.PositiveInfinity;",
                "? abs / Math.Max(1.0, largest) * (MUTANT ? 1e-3 : 1) : double.PositiveInfinity;")]),

        // The checker's absolute error of a planted 1e−7 is itself resolved only to about 1e−4 by central
        // differences, so the defect is 1 %.
        new("gradient-check-absolute-error", "GradientCheck: every entry's absolute error × 1.01", ["GradientCheckEntry.AbsoluteError"],
            [Nb2Checker],
            [new(Checker,
                "return new GradientCheckEntry(output, input, analytic, numeric, abs, relative, scaled, step);",
                "return new GradientCheckEntry(output, input, analytic, numeric, abs * (MUTANT ? 1.01 : 1), relative, scaled, step);")]),

        new("step-sweep-error", "GradientCheck's step sweep reports every error × 1e3", ["StepSweepPoint.Error"],
            [Nb2Checker],
            [new(Checker,
                "points[s] = new StepSweepPoint(h, report.Worst.ScaledError);",
                "points[s] = new StepSweepPoint(h, report.Worst.ScaledError * (MUTANT ? 1e3 : 1));")]),
    ];
}
