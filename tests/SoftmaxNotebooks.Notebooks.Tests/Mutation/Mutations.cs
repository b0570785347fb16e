namespace SoftmaxNotebooks.Notebooks.Tests.Mutation;

/// <summary>One exact edit of a core source file: <see cref="Find"/> must occur exactly once in <see cref="File"/>.</summary>
/// <param name="File">Path under <c>src/SoftmaxNotebooks/</c>, with forward slashes.</param>
/// <param name="Find">The exact text to replace (the anchor).</param>
/// <param name="Replace">What replaces it.</param>
public sealed record SourcePatch(string File, string Find, string Replace);

/// <summary>A planted defect of the math core and the notebook section that must catch it.</summary>
/// <param name="Id">A short stable name, used in the table and in failure messages.</param>
/// <param name="Defect">The defect in words.</param>
/// <param name="Notebook">The notebook source file name that teaches the quantity, e.g. <c>01-lse-to-softmax.dib</c>.</param>
/// <param name="Section">The section heading that teaches it, as written after <c>## </c> in the notebook.</param>
/// <param name="Patches">The edits that plant the defect.</param>
public sealed record Mutation(string Id, string Defect, string Notebook, string Section, IReadOnlyList<SourcePatch> Patches)
{
    public override string ToString() => Id;
}

/// <summary>
/// Every planted defect, with the notebook and section where a check must catch it. This list is the one place
/// to update when a notebook's sections are renamed or renumbered, or when the core is refactored (a patch whose
/// anchor text no longer occurs exactly once fails <see cref="MutationTests"/> loudly instead of silently testing
/// nothing).
/// </summary>
public static class Mutations
{
    private const string Nb1 = "01-lse-to-softmax.dib";
    private const string Nb2 = "02-gradients-and-cross-entropy.dib";
    private const string Nb3 = "03-gibbs-and-temperature.dib";
    private const string Nb4 = "04-maximum-entropy.dib";
    private const string Nb6 = "06-numerical-stability.dib";

    private const string SoftmaxKernel = "Kernels/SoftmaxKernel.cs";
    private const string GibbsState = "Physics/GibbsState.cs";

    public static IReadOnlyList<Mutation> All { get; } =
    [
        new("lse-plus-1e-3", "LogSumExp kernel returns LSE + 1e−3 (softplus shares the kernel)",
            Nb1, "1. LSE is a smooth maximum",
            [new(SoftmaxKernel,
                "return scaled ? pivot.Max + temperature * tail : pivot.Max + tail;",
                "return (scaled ? pivot.Max + temperature * tail : pivot.Max + tail) + T.CreateTruncating(1e-3);")]),

        new("lse-temperature", "LSE_T: the temperature-scaled tail T·log1p(s) is × (1 + 1e−6)",
            Nb1, "2. Temperature: how smooth is the maximum?",
            [new(SoftmaxKernel,
                "return scaled ? pivot.Max + temperature * tail : pivot.Max + tail;",
                "return scaled ? pivot.Max + temperature * tail * T.CreateTruncating(1 + 1e-6) : pivot.Max + tail;")]),

        // Still sums to 1, so only a check of the values can catch it (an unnormalised softmax is rejected by
        // Distribution's validation wherever it is first used, whatever the section). Section 3 introduces
        // softmax(z/T) as the maximiser of the variational form, before section 4 derives ∇LSE = softmax.
        new("softmax-move-mass", "softmax moves 1e−6 of one entry's probability to the largest entry (still sums to 1)",
            Nb1, "3. The variational form: where the bounds come from",
            [new(SoftmaxKernel,
                "ExpSum.Scale(destination, denominator, divide: true);",
                "ExpSum.Scale(destination, denominator, divide: true);\n        int donor = pivot.Index == 0 ? destination.Length - 1 : 0;\n        T moved = destination[donor] * T.CreateTruncating(1e-6);\n        destination[donor] -= moved;\n        destination[pivot.Index] += moved;")]),

        new("log-softmax-scale", "log-softmax: every entry × (1 + 1e−6)",
            Nb6, "5. Cancellation in log-softmax",
            [new(SoftmaxKernel,
                "ExpSum.ShiftedLogits(z, pivot.Max, temperature, scaled, tail, destination);",
                "ExpSum.ShiftedLogits(z, pivot.Max, temperature, scaled, tail, destination);\n        TensorPrimitives.Multiply(destination, T.CreateTruncating(1 + 1e-6), destination);")]),

        new("sigmoid-scale", "Sigmoid(x) × (1 + 1e−6)",
            Nb1, "6. Two classes: the logistic function and softplus",
            [new("SoftmaxFunctions.Logistic.cs",
                "return z[0];",
                "return z[0] * T.CreateTruncating(1 + 1e-6);")]),

        new("softplus-scale", "Softplus(x) × (1 + 1e−6) (LogSumExp itself correct)",
            Nb1, "6. Two classes: the logistic function and softplus",
            [new("SoftmaxFunctions.Logistic.cs",
                "return SoftmaxKernel.LogSumExp<T>(z, T.One, scaled: false, nameof(x));",
                "return SoftmaxKernel.LogSumExp<T>(z, T.One, scaled: false, nameof(x)) * T.CreateTruncating(1 + 1e-6);")]),

        new("jacobian-off-diagonal", "SoftmaxJacobian: off-diagonal entries −s_i s_j × (1 + 1e−6)",
            Nb2, "1. The Jacobian of softmax",
            [new("Kernels/DerivativeKernel.cs",
                ": -(si * s[j]);",
                ": -(si * s[j]) * T.CreateTruncating(1 + 1e-6);")]),

        new("lse-gradient", "LogSumExpGradient(z) = softmax(z) × (1 + 1e−6)",
            Nb1, "4. The gradient of LSE is softmax",
            [new("SoftmaxFunctions.Derivatives.cs",
                "public static double[] LogSumExpGradient(double[] z) => Softmax(z);",
                "public static double[] LogSumExpGradient(double[] z) => Array.ConvertAll(Softmax(z), v => v * (1 + 1e-6));")]),

        new("lse-hessian", "LogSumExpHessian(z): entry (0, 0) × (1 + 1e−6)",
            Nb2, "1. The Jacobian of softmax",
            [new("SoftmaxFunctions.Derivatives.cs",
                "public static double[,] LogSumExpHessian(double[] z) => SoftmaxJacobian(z);",
                "public static double[,] LogSumExpHessian(double[] z) { var h = SoftmaxJacobian(z); h[0, 0] *= 1 + 1e-6; return h; }")]),

        new("cross-entropy-loss", "CrossEntropyWithLogits(p, u) × (1 + 1e−6)",
            Nb2, "4. Cross-entropy with logits",
            [new("Kernels/CrossEntropyKernel.cs",
                "ExpSum.AddCrossEntropyTerms(ref sum, target.Values, u, a, tail);\n            return sum.Total;",
                "ExpSum.AddCrossEntropyTerms(ref sum, target.Values, u, a, tail);\n            return sum.Total * T.CreateTruncating(1 + 1e-6);")]),

        new("cross-entropy-gradient", "CrossEntropyWithLogitsGradient(p, u) × (1 + 1e−6)",
            Nb2, "5. The gradient: prediction minus target",
            [new("Kernels/CrossEntropyKernel.cs",
                "ExpSum.GradientFromSoftmax(destination, mass, target.Values, divisor);",
                "ExpSum.GradientFromSoftmax(destination, mass, target.Values, divisor);\n            TensorPrimitives.Multiply<T>(destination, T.CreateTruncating(1 + 1e-6), destination);")]),

        new("cross-entropy-batch-mean", "CrossEntropyWithLogitsRows: the batch mean × (1 + 1e−6)",
            Nb2, "7. Maximum likelihood is minimum cross-entropy",
            [new("SoftmaxFunctions.CrossEntropy.cs",
                "double.IsPositiveInfinity(total) ? total : total / rows;",
                "double.IsPositiveInfinity(total) ? total : total / rows * (1 + 1e-6);")]),

        new("distribution-entropy", "Distribution.Entropy() = H(p) × (1 + 1e−6)",
            Nb2, "6. The loss is bounded below by the entropy of the target",
            [new("Distribution.cs",
                "h -= p * Math.Log(p);",
                "h -= p * Math.Log(p) * (1 + 1e-6);")]),

        new("gibbs-log-z", "GibbsState.LogZ + 1e−6 (so Z × (1 + 1e−6) too)",
            Nb3, "1. Softmax of minus β times the energy",
            [new(GibbsState, "LogZ = summary.LogZ;", "LogZ = summary.LogZ + 1e-6;")]),

        new("gibbs-z", "GibbsState.Z × (1 + 1e−6) (log Z correct)",
            Nb3, "1. Softmax of minus β times the energy",
            [new(GibbsState,
                "? limitScale * sum : Math.Exp(LogZ);",
                "? limitScale * sum : Math.Exp(LogZ) * (1 + 1e-6);")]),

        new("gibbs-mean-energy", "GibbsState.MeanEnergy ⟨E⟩ × (1 + 5e−6)",
            Nb3, "2. Derivatives of $\\log Z$",
            [new(GibbsState, "MeanEnergy = summary.MeanEnergy;", "MeanEnergy = summary.MeanEnergy * (1 + 5e-6);")]),

        new("gibbs-variance-and-c", "the variance pass × (1 + 5e−6): Var(E) and C = β²Var(E) inflated together",
            Nb3, "2. Derivatives of $\\log Z$",
            [new(GibbsState,
                "double sdUnits = Math.Sqrt(second.Variance);",
                "double sdUnits = Math.Sqrt(second.Variance * (1 + 5e-6));")]),

        new("gibbs-variance", "GibbsState.EnergyVariance × (1 + 5e−6) (C unchanged)",
            Nb3, "2. Derivatives of $\\log Z$",
            [new(GibbsState, "EnergyVariance = summary.EnergyVariance;", "EnergyVariance = summary.EnergyVariance * (1 + 5e-6);")]),

        new("gibbs-heat-capacity", "GibbsState.HeatCapacity C × (1 + 5e−6) (Var(E) unchanged)",
            Nb3, "2. Derivatives of $\\log Z$",
            [new(GibbsState, "HeatCapacity = summary.HeatCapacity;", "HeatCapacity = summary.HeatCapacity * (1 + 5e-6);")]),

        new("gibbs-entropy", "GibbsState.Entropy S × (1 + 1e−6)",
            Nb3, "3. Entropy and free energy",
            [new(GibbsState, "Entropy = summary.Entropy;", "Entropy = summary.Entropy * (1 + 1e-6);")]),

        new("gibbs-free-energy", "GibbsState.FreeEnergy F × (1 + 1e−6)",
            Nb3, "3. Entropy and free energy",
            [new(GibbsState, "FreeEnergy = summary.FreeEnergy;", "FreeEnergy = summary.FreeEnergy * (1 + 1e-6);")]),

        new("gibbs-free-energy-of-q", "GibbsState.FreeEnergyOf(q): the −T·S[q] term × (1 + 1e−6)",
            Nb3, "4. The free-energy inequality",
            [new(GibbsState,
                ": meanEnergy - (MicrostateEntropyOf(q) / Beta);",
                ": meanEnergy - (MicrostateEntropyOf(q) / Beta) * (1 + 1e-6);")]),

        new("max-entropy-beta", "MaxEntropy.Solve reports β × (1 + 1e−6) (its distribution correct)",
            Nb4, "2. Jaynes' Brandeis dice",
            [new("Physics/MaxEntropy.cs",
                "Beta = beta,\n            State = GibbsState.FromSolverPass(",
                "Beta = beta * (1 + 1e-6),\n            State = GibbsState.FromSolverPass(")]),

        new("max-entropy-target", "MaxEntropy.Solve solves for the mean Ē + 1e−6 (a consistent but wrong β)",
            Nb4, "2. Jaynes' Brandeis dice",
            [new("Physics/MaxEntropy.cs",
                "return Iterate(spectrum, meanEnergy);",
                "return Iterate(spectrum, meanEnergy + 1e-6);")]),

        new("gradient-check-verdict", "GradientCheck: every report says Passed",
            Nb2, "2. Checking a derivative numerically",
            [new("Checking/GradientCheck.cs",
                "Passed = worst!.ScaledError <= options.Tolerance,",
                "Passed = true,")]),

        new("gradient-check-error", "GradientCheck: the scaled error of every entry (and of the sweep) × 1e−3",
            Nb2, "2. Checking a derivative numerically",
            [new("Checking/GradientCheck.cs",
                "? abs / Math.Max(1.0, largest) : double.PositiveInfinity;",
                "? abs / Math.Max(1.0, largest) * 1e-3 : double.PositiveInfinity;")]),
    ];
}
