namespace SoftmaxNotebooks;

/// <summary>
/// The maximum-entropy distribution under several mean constraints Σ p_i f_k(i) = c_k: the generalised Gibbs
/// distribution p_i ∝ g_i·exp(−Σ_k λ_k f_k(i)), with the multipliers and a record of how the solve ended.
/// </summary>
[Formatting.TypeFormatterSource(typeof(Formatting.DisplayFormatterSource<GeneralizedGibbsResult>))]
public sealed record GeneralizedGibbsResult
{
    /// <summary>The Lagrange multipliers λ_k (λ = β for the single constraint f = E).</summary>
    public required IReadOnlyList<double> Multipliers { get; init; }

    /// <summary>The targets c_k.</summary>
    public required IReadOnlyList<double> Targets { get; init; }

    /// <summary>The achieved means ⟨f_k⟩.</summary>
    public required IReadOnlyList<double> Expectations { get; init; }

    /// <summary>Residuals ⟨f_k⟩ − c_k.</summary>
    public required IReadOnlyList<double> Residuals { get; init; }

    /// <summary>Stopping tolerance on max_k |⟨f_k⟩ − c_k| / (max f_k − min f_k).</summary>
    public required double Tolerance { get; init; }

    /// <summary>The maximum-entropy distribution over the levels.</summary>
    public required Distribution Distribution { get; init; }

    /// <summary>Its microstate entropy −Σ p_i log(p_i/g_i) = log Z + Σ λ_k ⟨f_k⟩ (nats).</summary>
    public required double Entropy { get; init; }

    /// <summary>log Z = log Σ g_i exp(−Σ λ_k f_k(i)).</summary>
    public required double LogZ { get; init; }

    /// <summary>Newton iterations taken (each one evaluation of the dual, its gradient and its Hessian, plus line-search evaluations).</summary>
    public required int Iterations { get; init; }

    /// <summary><see cref="MaxEntropyTermination.Converged"/>, <see cref="MaxEntropyTermination.PrecisionLimit"/> or <see cref="MaxEntropyTermination.IterationLimit"/>.</summary>
    public required MaxEntropyTermination Termination { get; init; }

    /// <summary>A short description, culture-invariant.</summary>
    public override string ToString()
        => PhysicsGuard.Format($"GeneralizedGibbsResult(K={Multipliers.Count}, λ=[{string.Join(", ", Multipliers.Select(PhysicsGuard.Format))}], S={PhysicsGuard.Format(Entropy)}, {Termination} after {Iterations} iterations)");
}
