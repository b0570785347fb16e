namespace SoftmaxNotebooks;

/// <summary>How <see cref="GradientCheck"/> forms its numerical derivatives.</summary>
public enum DifferenceScheme
{
    /// <summary>Central differences (f(x + δ) − f(x − δ)) / 2δ with δ_i = ε^{1/3}·max(1, |x_i|): error O(δ²) + O(ε/δ).</summary>
    Central,

    /// <summary>
    /// Richardson extrapolation of central differences, (4·D(δ/2) − D(δ)) / 3 with δ_i = ε^{1/5}·max(1, |x_i|):
    /// error O(δ⁴) + O(ε/δ), so about ε^{4/5} instead of ε^{2/3}, at twice the function evaluations.
    /// </summary>
    Richardson,
}

/// <summary>Settings of a gradient or Jacobian check.</summary>
public sealed record GradientCheckOptions
{
    /// <summary>Largest allowed <see cref="GradientCheckEntry.ScaledError"/>; must be finite and &gt; 0. Default 1e−6.</summary>
    public double Tolerance { get; init; } = GradientCheck.DefaultTolerance;

    /// <summary>The difference scheme. Default <see cref="DifferenceScheme.Central"/>.</summary>
    public DifferenceScheme Scheme { get; init; } = DifferenceScheme.Central;
}

/// <summary>One checked partial derivative ∂f_Output/∂x_Input.</summary>
/// <param name="Output">Component of f (0 for a scalar function).</param>
/// <param name="Input">Coordinate of x.</param>
/// <param name="Analytic">The value the analytic gradient or Jacobian gave.</param>
/// <param name="Numeric">The finite-difference estimate.</param>
/// <param name="AbsoluteError">|analytic − numeric| (NaN when either is NaN).</param>
/// <param name="RelativeError">|analytic − numeric| / max(|analytic|, |numeric|); 0 when both are 0.</param>
/// <param name="ScaledError">|analytic − numeric| / max(1, |analytic|, |numeric|), the error the tolerance applies to
/// (relative for large derivatives, absolute for small ones); +∞ when either value is NaN or infinite.</param>
/// <param name="Step">The step δ_i used for this coordinate.</param>
public sealed record GradientCheckEntry(
    int Output, int Input, double Analytic, double Numeric, double AbsoluteError, double RelativeError, double ScaledError, double Step)
{
    /// <summary>The members with culture-invariant numbers (the compiler-generated form would use the current culture).</summary>
    public override string ToString()
        => PhysicsGuard.Format($"GradientCheckEntry {{ Output = {Output}, Input = {Input}, Analytic = {PhysicsGuard.Format(Analytic)}, Numeric = {PhysicsGuard.Format(Numeric)}, AbsoluteError = {PhysicsGuard.Format(AbsoluteError)}, RelativeError = {PhysicsGuard.Format(RelativeError)}, ScaledError = {PhysicsGuard.Format(ScaledError)}, Step = {PhysicsGuard.Format(Step)} }}");
}

/// <summary>The result of comparing an analytic gradient or Jacobian with finite differences.</summary>
[Formatting.TypeFormatterSource(typeof(Formatting.DisplayFormatterSource<GradientCheckReport>))]
public sealed record GradientCheckReport
{
    /// <summary>One entry per partial derivative, ordered by output, then input.</summary>
    public required IReadOnlyList<GradientCheckEntry> Entries { get; init; }

    /// <summary>The entry with the largest scaled error (the first one on ties).</summary>
    public required GradientCheckEntry Worst { get; init; }

    /// <summary>The tolerance on the scaled error.</summary>
    public required double Tolerance { get; init; }

    /// <summary>True when every scaled error is ≤ <see cref="Tolerance"/>.</summary>
    public required bool Passed { get; init; }

    /// <summary>The difference scheme used.</summary>
    public required DifferenceScheme Scheme { get; init; }

    /// <summary>Number of components of f (1 for a scalar function).</summary>
    public required int Outputs { get; init; }

    /// <summary>Number of coordinates of x.</summary>
    public required int Inputs { get; init; }

    /// <summary>A one-line verdict, culture-invariant.</summary>
    public override string ToString()
        => PhysicsGuard.Format($"GradientCheck {(Passed ? "passed" : "FAILED")}: worst ∂f[{Worst.Output}]/∂x[{Worst.Input}] scaled error {PhysicsGuard.Format(Worst.ScaledError)} (tolerance {PhysicsGuard.Format(Tolerance)}, {Scheme})");
}

/// <summary>One point of an error-versus-step sweep.</summary>
/// <param name="Step">The relative step δ (the step for coordinate i is δ·max(1, |x_i|)).</param>
/// <param name="Error">The largest scaled error over all partial derivatives at that step.</param>
public readonly record struct StepSweepPoint(double Step, double Error)
{
    /// <summary>The members with culture-invariant numbers (the compiler-generated form would use the current culture).</summary>
    public override string ToString()
        => PhysicsGuard.Format($"StepSweepPoint {{ Step = {PhysicsGuard.Format(Step)}, Error = {PhysicsGuard.Format(Error)} }}");
}

/// <summary>
/// Central-difference error against step size: truncation error ∝ h² on the right, rounding error ∝ ε/h on the left,
/// the V's bottom near ε^{1/3}. Data for a log–log chart.
/// </summary>
[Formatting.TypeFormatterSource(typeof(Formatting.DisplayFormatterSource<StepSweepResult>))]
public sealed record StepSweepResult
{
    /// <summary>The points, from δ = 1e−1 down to δ = 1e−13 in half-decades (25 points).</summary>
    public required IReadOnlyList<StepSweepPoint> Points { get; init; }

    /// <summary>The point with the smallest error (the largest step on ties).</summary>
    public required StepSweepPoint Best { get; init; }

    /// <summary>ε^{1/3} ≈ 6.06e−6, the step that balances h² truncation against ε/h rounding for unit-scale derivatives.</summary>
    public required double TheoreticalOptimalStep { get; init; }

    /// <summary>The best step and error, culture-invariant.</summary>
    public override string ToString()
        => PhysicsGuard.Format($"StepSweep(best δ={PhysicsGuard.Format(Best.Step)}, error={PhysicsGuard.Format(Best.Error)}, ε^(1/3)={PhysicsGuard.Format(TheoreticalOptimalStep)})");
}
