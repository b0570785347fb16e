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

/// <summary>A planted defect of one kit quantity and the notebook sections that must catch it.</summary>
/// <param name="Id">A short stable name, used in the table, in failure messages and as the switch's value.</param>
/// <param name="Defect">The defect in words.</param>
/// <param name="Quantity">The public kit quantity it falsifies, as <c>Type.Member</c> (see <see cref="NotebookClaims"/>).</param>
/// <param name="Targets">Each notebook that makes a claim about the quantity, with the section that must catch the defect.</param>
/// <param name="Patches">The edits that plant the defect.</param>
public sealed record Mutation(string Id, string Defect, string Quantity, IReadOnlyList<Target> Targets, IReadOnlyList<SourcePatch> Patches)
{
    public override string ToString() => Id;
}

/// <summary>
/// Every planted defect, the quantity it falsifies, and the sections where a check must catch it: in every notebook
/// whose lecture makes a claim about that quantity (<see cref="MutationCoverageTests"/> derives those claims from the
/// notebooks and fails when one has no entry here). This list is the one place to update when a notebook's sections
/// are renamed, or when the core is refactored (a patch whose anchor no longer occurs exactly once fails loudly
/// instead of silently testing nothing).
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
    private const string LseReturn = "return scaled ? pivot.Max + temperature * tail : pivot.Max + tail;";

    private static Target At(string notebook, string section) => new(notebook, section);

    public static IReadOnlyList<Mutation> All { get; } =
    [
        new("lse-plus-1e-3", "LogSumExp kernel returns LSE + 1e−3 (softplus shares the kernel)", "SoftmaxFunctions.LogSumExp",
            [At(Nb1, "1. LSE is a smooth maximum")],
            [new(SoftmaxKernel, LseReturn,
                "if (MUTANT) { return (scaled ? pivot.Max + temperature * tail : pivot.Max + tail) + T.CreateTruncating(1e-3); }\n        " + LseReturn)]),

        new("lse-temperature", "LSE_T: the temperature-scaled tail T·log1p(s) is × (1 + 1e−6)", "SoftmaxFunctions.LogSumExp",
            [At(Nb1, "2. Temperature: how smooth is the maximum?")],
            [new(SoftmaxKernel, LseReturn,
                "if (MUTANT) { return scaled ? pivot.Max + temperature * tail * T.CreateTruncating(1 + 1e-6) : pivot.Max + tail; }\n        " + LseReturn)]),

        // Still sums to 1, so only a check of the values can catch it (an unnormalised softmax is rejected by
        // Distribution's validation wherever it is first used, whatever the section).
        new("softmax-move-mass", "softmax moves 1e−6 of one entry's probability to the largest entry (still sums to 1)", "SoftmaxFunctions.Softmax",
            [At(Nb1, "3. The variational form: where the bounds come from")],
            [new(SoftmaxKernel,
                "ExpSum.Scale(destination, denominator, divide: true);",
                "ExpSum.Scale(destination, denominator, divide: true);\n        if (MUTANT)\n        {\n            int donor = pivot.Index == 0 ? destination.Length - 1 : 0;\n            T moved = destination[donor] * T.CreateTruncating(1e-6);\n            destination[donor] -= moved;\n            destination[pivot.Index] += moved;\n        }")]),

        new("log-softmax-scale", "log-softmax: every entry × (1 + 1e−6)", "SoftmaxFunctions.LogSoftmax",
            [At(Nb6, "5. Cancellation in log-softmax")],
            [new(SoftmaxKernel,
                "ExpSum.ShiftedLogits(z, pivot.Max, temperature, scaled, tail, destination);",
                "ExpSum.ShiftedLogits(z, pivot.Max, temperature, scaled, tail, destination);\n        if (MUTANT) { TensorPrimitives.Multiply(destination, T.CreateTruncating(1 + 1e-6), destination); }")]),

        new("sigmoid-scale", "Sigmoid(x) × (1 + 1e−6)", "SoftmaxFunctions.Sigmoid",
            [At(Nb1, "6. Two classes: the logistic function and softplus")],
            [new("SoftmaxFunctions.Logistic.cs", "return z[0];", "return MUTANT ? z[0] * T.CreateTruncating(1 + 1e-6) : z[0];")]),

        new("softplus-scale", "Softplus(x) × (1 + 1e−6) (LogSumExp itself correct)", "SoftmaxFunctions.Softplus",
            [At(Nb1, "6. Two classes: the logistic function and softplus")],
            [new("SoftmaxFunctions.Logistic.cs",
                "return SoftmaxKernel.LogSumExp<T>(z, T.One, scaled: false, nameof(x));",
                "return SoftmaxKernel.LogSumExp<T>(z, T.One, scaled: false, nameof(x)) * (MUTANT ? T.CreateTruncating(1 + 1e-6) : T.One);")]),

        new("jacobian-off-diagonal", "SoftmaxJacobian: off-diagonal entries −s_i s_j × (1 + 1e−6)", "SoftmaxFunctions.SoftmaxJacobian",
            [At(Nb2, "1. The Jacobian of softmax")],
            [new("Kernels/DerivativeKernel.cs", ": -(si * s[j]);", ": MUTANT ? -(si * s[j]) * T.CreateTruncating(1 + 1e-6) : -(si * s[j]);")]),

        new("lse-gradient", "LogSumExpGradient(z) = softmax(z) × (1 + 1e−6)", "SoftmaxFunctions.LogSumExpGradient",
            [At(Nb1, "4. The gradient of LSE is softmax")],
            [new("SoftmaxFunctions.Derivatives.cs",
                "public static double[] LogSumExpGradient(double[] z) => Softmax(z);",
                "public static double[] LogSumExpGradient(double[] z) => MUTANT ? MutantSwitch.Scaled(Softmax(z), 1 + 1e-6) : Softmax(z);")]),

        new("lse-hessian", "LogSumExpHessian(z): entry (0, 0) × (1 + 1e−6)", "SoftmaxFunctions.LogSumExpHessian",
            [At(Nb2, "1. The Jacobian of softmax")],
            [new("SoftmaxFunctions.Derivatives.cs",
                "public static double[,] LogSumExpHessian(double[] z) => SoftmaxJacobian(z);",
                "public static double[,] LogSumExpHessian(double[] z) { var h = SoftmaxJacobian(z); if (MUTANT) { h[0, 0] *= 1 + 1e-6; } return h; }")]),

        new("cross-entropy-loss", "CrossEntropyWithLogits(p, u) × (1 + 1e−6)", "SoftmaxFunctions.CrossEntropyWithLogits",
            [At(Nb2, "4. Cross-entropy with logits")],
            [new("Kernels/CrossEntropyKernel.cs",
                "ExpSum.AddCrossEntropyTerms(ref sum, target.Values, u, a, tail);\n            return sum.Total;",
                "ExpSum.AddCrossEntropyTerms(ref sum, target.Values, u, a, tail);\n            return MUTANT ? sum.Total * T.CreateTruncating(1 + 1e-6) : sum.Total;")]),

        new("cross-entropy-gradient", "CrossEntropyWithLogitsGradient(p, u) × (1 + 1e−6)", "SoftmaxFunctions.CrossEntropyWithLogitsGradient",
            [At(Nb2, "5. The gradient: prediction minus target")],
            [new("Kernels/CrossEntropyKernel.cs",
                "ExpSum.GradientFromSoftmax(destination, mass, target.Values, divisor);",
                "ExpSum.GradientFromSoftmax(destination, mass, target.Values, divisor);\n            if (MUTANT) { TensorPrimitives.Multiply<T>(destination, T.CreateTruncating(1 + 1e-6), destination); }")]),

        new("cross-entropy-batch-mean", "CrossEntropyWithLogitsRows: the batch mean × (1 + 1e−6)", "SoftmaxFunctions.CrossEntropyWithLogitsRows",
            [At(Nb2, "7. Maximum likelihood is minimum cross-entropy")],
            [new("SoftmaxFunctions.CrossEntropy.cs",
                "double.IsPositiveInfinity(total) ? total : total / rows;",
                "double.IsPositiveInfinity(total) ? total : MUTANT ? total / rows * (1 + 1e-6) : total / rows;")]),

        new("distribution-entropy", "Distribution.Entropy() = H(p) × (1 + 1e−6)", "Distribution.Entropy",
            [At(Nb2, "6. The loss is bounded below by the entropy of the target")],
            [new("Distribution.cs", "h -= p * Math.Log(p);", "h -= MUTANT ? p * Math.Log(p) * (1 + 1e-6) : p * Math.Log(p);")]),

        new("gibbs-log-z", "GibbsState.LogZ + 1e−6 (so Z × (1 + 1e−6) too)", "GibbsState.LogZ",
            [At(Nb3, "1. Softmax of minus β times the energy")],
            [new(GibbsState, "LogZ = summary.LogZ;", "LogZ = MUTANT ? summary.LogZ + 1e-6 : summary.LogZ;")]),

        new("gibbs-z", "GibbsState.Z × (1 + 1e−6) (log Z correct)", "GibbsState.Z",
            [At(Nb3, "1. Softmax of minus β times the energy")],
            [new(GibbsState, "? limitScale * sum : Math.Exp(LogZ);", "? limitScale * sum : MUTANT ? Math.Exp(LogZ) * (1 + 1e-6) : Math.Exp(LogZ);")]),

        new("gibbs-mean-energy", "GibbsState.MeanEnergy ⟨E⟩ × (1 + 5e−6)", "GibbsState.MeanEnergy",
            [At(Nb3, "2. Derivatives of $\\log Z$")],
            [new(GibbsState, "MeanEnergy = summary.MeanEnergy;", "MeanEnergy = MUTANT ? summary.MeanEnergy * (1 + 5e-6) : summary.MeanEnergy;")]),

        new("gibbs-variance-and-c", "the variance pass × (1 + 5e−6): Var(E) and C = β²Var(E) inflated together", "GibbsState.EnergyVariance",
            [At(Nb3, "2. Derivatives of $\\log Z$")],
            [new(GibbsState, "double sdUnits = Math.Sqrt(second.Variance);", "double sdUnits = Math.Sqrt(MUTANT ? second.Variance * (1 + 5e-6) : second.Variance);")]),

        new("gibbs-variance", "GibbsState.EnergyVariance × (1 + 5e−6) (C unchanged)", "GibbsState.EnergyVariance",
            [At(Nb3, "2. Derivatives of $\\log Z$")],
            [new(GibbsState, "EnergyVariance = summary.EnergyVariance;", "EnergyVariance = MUTANT ? summary.EnergyVariance * (1 + 5e-6) : summary.EnergyVariance;")]),

        new("gibbs-heat-capacity", "GibbsState.HeatCapacity C × (1 + 5e−6) (Var(E) unchanged)", "GibbsState.HeatCapacity",
            [At(Nb3, "2. Derivatives of $\\log Z$")],
            [new(GibbsState, "HeatCapacity = summary.HeatCapacity;", "HeatCapacity = MUTANT ? summary.HeatCapacity * (1 + 5e-6) : summary.HeatCapacity;")]),

        new("gibbs-entropy", "GibbsState.Entropy S × (1 + 1e−6)", "GibbsState.Entropy",
            [At(Nb3, "3. Entropy and free energy")],
            [new(GibbsState, "Entropy = summary.Entropy;", "Entropy = MUTANT ? summary.Entropy * (1 + 1e-6) : summary.Entropy;")]),

        new("gibbs-free-energy", "GibbsState.FreeEnergy F × (1 + 1e−6)", "GibbsState.FreeEnergy",
            [At(Nb3, "3. Entropy and free energy")],
            [new(GibbsState, "FreeEnergy = summary.FreeEnergy;", "FreeEnergy = MUTANT ? summary.FreeEnergy * (1 + 1e-6) : summary.FreeEnergy;")]),

        new("gibbs-free-energy-of-q", "GibbsState.FreeEnergyOf(q): the −T·S[q] term × (1 + 1e−6)", "GibbsState.FreeEnergyOf",
            [At(Nb3, "4. The free-energy inequality")],
            [new(GibbsState,
                ": meanEnergy - (MicrostateEntropyOf(q) / Beta);",
                ": meanEnergy - (MicrostateEntropyOf(q) / Beta) * (MUTANT ? 1 + 1e-6 : 1);")]),

        new("max-entropy-beta", "MaxEntropy.Solve reports β × (1 + 1e−6) (its distribution correct)", "MaxEntropyResult.Beta",
            [At(Nb4, "2. Jaynes' Brandeis dice")],
            [new("Physics/MaxEntropy.cs",
                "Beta = beta,\n            State = GibbsState.FromSolverPass(",
                "Beta = MUTANT ? beta * (1 + 1e-6) : beta,\n            State = GibbsState.FromSolverPass(")]),

        new("max-entropy-target", "MaxEntropy.Solve solves for the mean Ē + 1e−6 (a consistent but wrong β)", "MaxEntropyResult.Beta",
            [At(Nb4, "2. Jaynes' Brandeis dice")],
            [new("Physics/MaxEntropy.cs", "return Iterate(spectrum, meanEnergy);", "return Iterate(spectrum, MUTANT ? meanEnergy + 1e-6 : meanEnergy);")]),

        new("gradient-check-verdict", "GradientCheck: every report says Passed", "GradientCheckReport.Passed",
            [At(Nb2, "2. Checking a derivative numerically")],
            [new("Checking/GradientCheck.cs", "Passed = worst!.ScaledError <= options.Tolerance,", "Passed = MUTANT || worst!.ScaledError <= options.Tolerance,")]),

        new("gradient-check-error", "GradientCheck: the scaled error of every entry (and so the verdict) × 1e−3", "GradientCheckReport.Passed",
            [At(Nb2, "2. Checking a derivative numerically")],
            [new("Checking/GradientCheck.cs",
                "? abs / Math.Max(1.0, largest) : double.PositiveInfinity;",
                "? abs / Math.Max(1.0, largest) * (MUTANT ? 1e-3 : 1) : double.PositiveInfinity;")]),
    ];
}
