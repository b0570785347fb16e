namespace SoftmaxNotebooks;

/// <summary>How a maximum-entropy solve ended.</summary>
public enum MaxEntropyTermination
{
    /// <summary>The constraint residual met the tolerance at a finite β (including β = 0 found exactly).</summary>
    Converged,

    /// <summary>
    /// The bracket around β shrank to adjacent doubles before the residual met the tolerance: β is the best double,
    /// and the residual is the rounding floor of the spectrum's sums.
    /// </summary>
    PrecisionLimit,

    /// <summary>Ē = E_min: the answer is the limit β = +∞ (T → 0⁺), the mass split over the lowest level(s) ∝ g.</summary>
    ZeroTemperatureLimit,

    /// <summary>Ē = E_max: the answer is the limit β = −∞ (T → 0⁻), the mass split over the highest level(s) ∝ g.</summary>
    NegativeZeroTemperatureLimit,

    /// <summary>The iteration budget ran out before convergence (Solve throws; TrySolve returns false with the last iterate).</summary>
    IterationLimit,
}

/// <summary>
/// The maximum-entropy distribution under Σp = 1 and Σ p_i E_i = Ē: a Gibbs state, with the β that enforces the
/// constraint and a record of how the solve ended.
/// </summary>
[Formatting.TypeFormatterSource(typeof(Formatting.DisplayFormatterSource<MaxEntropyResult>))]
public sealed record MaxEntropyResult
{
    /// <summary>The target mean energy Ē.</summary>
    public required double MeanEnergy { get; init; }

    /// <summary>The Lagrange multiplier β (inverse temperature); ±∞ for the limit terminations.</summary>
    public required double Beta { get; init; }

    /// <summary>The Gibbs state at <see cref="Beta"/>.</summary>
    public required GibbsState State { get; init; }

    /// <summary>Constraint residual ⟨E⟩_β − Ē at the returned β (0 for the limits).</summary>
    public required double Residual { get; init; }

    /// <summary>Stopping tolerance on |residual|: 1e−14·(E_max − E_min) + 4ε·max|E|, ε = 2⁻⁵².</summary>
    public required double Tolerance { get; init; }

    /// <summary>Number of streaming passes over the spectrum (0 when the answer needed none: limits, a flat spectrum).</summary>
    public required int Iterations { get; init; }

    /// <summary>How the solve ended.</summary>
    public required MaxEntropyTermination Termination { get; init; }

    /// <summary>Temperature 1/β (k_B = 1): +∞ at β = 0, ±0 in the limits.</summary>
    public double Temperature => State.Temperature;

    /// <summary>The maximum-entropy distribution (level probabilities, outcome values = energies).</summary>
    public Distribution Distribution => State.Distribution;

    /// <summary>Its microstate entropy −Σ p_i log(p_i/g_i), the maximised quantity (nats).</summary>
    public double Entropy => State.Entropy;

    /// <summary>True when β is the limit ±∞ rather than a finite root.</summary>
    public bool IsLimit => Termination is MaxEntropyTermination.ZeroTemperatureLimit or MaxEntropyTermination.NegativeZeroTemperatureLimit;

    /// <summary>A short description, culture-invariant.</summary>
    public override string ToString()
        => PhysicsGuard.Format($"MaxEntropyResult(Ē={PhysicsGuard.Format(MeanEnergy)}, β={PhysicsGuard.Format(Beta)}, S={PhysicsGuard.Format(Entropy)}, {Termination} after {Iterations} passes, residual {PhysicsGuard.Format(Residual)})");
}
