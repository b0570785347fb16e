using System.Diagnostics.CodeAnalysis;

namespace SoftmaxNotebooks;

/// <summary>
/// Maximum entropy under mean constraints. One constraint Σ p_i E_i = Ē gives the Gibbs distribution
/// p_i ∝ g_i e^{−βE_i}; β is found by safeguarded Newton on the convex dual g(β) = log Z(β) + β·Ē, whose derivative
/// is Ē − ⟨E⟩_β and second derivative Var(E) &gt; 0.
/// </summary>
/// <remarks>
/// <para>Each iteration is one streaming pass over the spectrum (log Z, ⟨E⟩ and Var(E) together, in energies shifted
/// by the extreme level and centred on Ē). Newton steps are taken on log(⟨E⟩ − E_min) when β &gt; 0 (on
/// log(E_max − ⟨E⟩) when β &lt; 0), which is nearly linear in β in the tails, so targets close to an end converge as
/// fast as central ones; a bracket [β_lo, β_hi] with bisection (doubling while one end is infinite) catches every step
/// that leaves it.</para>
/// <para>Stopping: the residual rule |⟨E⟩_β − Ē| ≤ 1e−14·(E_max − E_min) + 4ε·max|E| must hold, and then Newton keeps
/// polishing (at most 6 more passes) while it would still move β by more than a few ulps and its steps keep shrinking,
/// so that β is accurate near an end (Ē − E_min far below that tolerance) and with a large offset (the residual is
/// formed from energies centred on Ē, which the 4ε·max|E| term does not have to cover). β is solved as β·span, so a
/// subnormal span works; a target whose β itself exceeds the largest double gives an <see cref="ArgumentException"/>.</para>
/// <para>Feasibility: Ē must lie in [E_min, E_max]. Ē = E_min and Ē = E_max give the limits β = ±∞ (no iteration);
/// a spectrum whose energies are all equal gives β = 0. β = 0 exactly when Ē is the degeneracy-weighted mean
/// Σ g_i E_i / Σ g_i, and β &lt; 0 when Ē lies above it.</para>
/// </remarks>
public static partial class MaxEntropy
{
    /// <summary>Largest number of passes before a solve gives up.</summary>
    public const int MaxIterations = 200;

    // A Newton move of at most this many ulps of β·span counts as settled; at most MaxPolishPasses passes are spent
    // on polishing after the residual rule is met.
    private const double PolishUlps = 8;
    private const int MaxPolishPasses = 6;

    /// <summary>
    /// The maximum-entropy distribution over levels with all g_i = 1 and mean energy Ē.
    /// </summary>
    /// <param name="energies">E_i, finite, not empty (NaN or ±∞ → <see cref="ArgumentException"/> naming the index).</param>
    /// <param name="meanEnergy">Ē in [E_min, E_max]; outside → <see cref="ArgumentOutOfRangeException"/> stating the interval.</param>
    /// <exception cref="InvalidOperationException">The iteration budget ran out (not expected for valid input).</exception>
    public static MaxEntropyResult Solve(double[] energies, double meanEnergy) => Solve(energies, null, meanEnergy);

    /// <summary>
    /// The maximum-entropy distribution over degenerate levels (the microstate entropy −Σ p_i log(p_i/g_i) is maximised).
    /// </summary>
    /// <param name="energies">E_i, finite, not empty.</param>
    /// <param name="degeneracies">g_i &gt; 0 and finite, one per level (else <see cref="ArgumentException"/> naming the index); null means all 1.</param>
    /// <param name="meanEnergy">Ē in [E_min, E_max]; outside → <see cref="ArgumentOutOfRangeException"/> stating the interval.</param>
    /// <exception cref="InvalidOperationException">The iteration budget ran out.</exception>
    public static MaxEntropyResult Solve(double[] energies, double[]? degeneracies, double meanEnergy)
    {
        var outcome = Run(energies, degeneracies, meanEnergy);
        return outcome.Error is null && outcome.Result!.Termination != MaxEntropyTermination.IterationLimit
            ? outcome.Result
            : throw outcome.Error ?? new InvalidOperationException(NonConvergence(outcome.Result!));
    }

    /// <summary>Like <see cref="Solve(double[], double)"/>, but returns false instead of throwing.</summary>
    /// <param name="energies">E_i.</param>
    /// <param name="meanEnergy">Ē.</param>
    /// <param name="result">The result when true; on false, null for invalid input or the last iterate when the iteration budget ran out.</param>
    public static bool TrySolve(double[] energies, double meanEnergy, [NotNullWhen(true)] out MaxEntropyResult? result)
        => TrySolve(energies, null, meanEnergy, out result);

    /// <summary>Like <see cref="Solve(double[], double[], double)"/>, but returns false instead of throwing (null arrays still throw <see cref="ArgumentNullException"/>).</summary>
    /// <param name="energies">E_i.</param>
    /// <param name="degeneracies">g_i, or null.</param>
    /// <param name="meanEnergy">Ē.</param>
    /// <param name="result">The result when true; on false, null for invalid input or the last iterate when the iteration budget ran out.</param>
    public static bool TrySolve(double[] energies, double[]? degeneracies, double meanEnergy, [NotNullWhen(true)] out MaxEntropyResult? result)
    {
        ArgumentNullException.ThrowIfNull(energies);
        var outcome = Run(energies, degeneracies, meanEnergy);
        result = outcome.Result;
        return outcome.Error is null && result!.Termination != MaxEntropyTermination.IterationLimit;
    }

    internal static MaxEntropyResult Solve(Spectrum spectrum, double meanEnergy)
    {
        var outcome = Run(spectrum, meanEnergy);
        return outcome.Error is null && outcome.Result!.Termination != MaxEntropyTermination.IterationLimit
            ? outcome.Result
            : throw outcome.Error ?? new InvalidOperationException(NonConvergence(outcome.Result!));
    }

    private static string NonConvergence(MaxEntropyResult result)
        => PhysicsGuard.Format($"The maximum-entropy solve did not converge in {result.Iterations} passes (β = {PhysicsGuard.Format(result.Beta)}, residual {PhysicsGuard.Format(result.Residual)}, tolerance {PhysicsGuard.Format(result.Tolerance)}).");

    private static (MaxEntropyResult? Result, Exception? Error) Run(double[] energies, double[]? degeneracies, double meanEnergy)
    {
        Spectrum spectrum;
        try
        {
            spectrum = Spectrum.Validate(energies, degeneracies, null);
        }
        catch (ArgumentException e)
        {
            return (null, e);
        }

        return Run(spectrum, meanEnergy);
    }

    private static (MaxEntropyResult? Result, Exception? Error) Run(Spectrum spectrum, double meanEnergy)
    {
        if (double.IsNaN(meanEnergy))
        {
            return (null, new ArgumentException("meanEnergy is NaN.", nameof(meanEnergy)));
        }

        double min = spectrum.Min, max = spectrum.Max;
        if (!(meanEnergy >= min && meanEnergy <= max))
        {
            return (null, new ArgumentOutOfRangeException(
                nameof(meanEnergy),
                PhysicsGuard.Format($"The mean energy {PhysicsGuard.Format(meanEnergy)} is infeasible: it must lie in [E_min, E_max] = [{PhysicsGuard.Format(min)}, {PhysicsGuard.Format(max)}].")));
        }

        return Iterate(spectrum, meanEnergy);
    }

    private static (MaxEntropyResult? Result, Exception? Error) Iterate(Spectrum spectrum, double target)
    {
        double min = spectrum.Min, max = spectrum.Max;
        double span = max - min;
        double tolerance = (1e-14 * span) + (4 * PhysicsMath.Epsilon * Math.Max(Math.Abs(min), Math.Abs(max)));

        if (span == 0)
        {
            return (Limit(spectrum, target, 0.0, tolerance, MaxEntropyTermination.Converged), null);
        }

        if (target == min)
        {
            return (Limit(spectrum, target, double.PositiveInfinity, tolerance, MaxEntropyTermination.ZeroTemperatureLimit), null);
        }

        if (target == max)
        {
            return (Limit(spectrum, target, double.NegativeInfinity, tolerance, MaxEntropyTermination.NegativeZeroTemperatureLimit), null);
        }

        // Newton runs on b = β·span, which stays finite where 1/span does not (a subnormal span); β = b/span.
        double distanceBelow = (target - min) / span; // Ē − E_min in units of the span
        double distanceAbove = (max - target) / span;
        double b = 0.0, lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        bool positiveSide = false;
        GibbsMoments moments = default;
        double beta = 0.0, eRef = min;
        double residual = double.NaN;
        double lastStep = double.PositiveInfinity, stepBeforeLast = double.PositiveInfinity;
        int polish = 0;

        for (int pass = 1; pass <= MaxIterations; pass++)
        {
            beta = b / span;
            if (double.IsInfinity(beta))
            {
                return (null, BetaOverflow(target, span, "meanEnergy"));
            }

            eRef = beta >= 0 ? min : max;
            moments = GibbsKernel.Evaluate(spectrum.Energies, spectrum.LogDegeneracies, beta, eRef, target, span);
            residual = span * moments.Mean;
            bool within = Math.Abs(residual) <= tolerance;
            if (residual == 0)
            {
                return (Finite(spectrum, target, beta, eRef, span, moments, residual, tolerance, pass, MaxEntropyTermination.Converged), null);
            }

            // ⟨E⟩_β decreases in β: a mean above the target needs a larger β.
            if (residual > 0)
            {
                lo = b;
            }
            else
            {
                hi = b;
            }

            if (pass == 1)
            {
                positiveSide = residual > 0;
            }

            // As in rtsafe: a Newton step is taken only if it stays inside the bracket and is at most half the step
            // before last; otherwise bisect (or double outwards while an end is infinite), so two-sided oscillation
            // between the tails cannot stall the solve.
            double newton = b + NewtonStep(moments, positiveSide, distanceBelow, distanceAbove);
            bool newtonValid = !double.IsNaN(newton);
            bool newtonTaken = newton > lo && newton < hi && Math.Abs(newton - b) <= 0.5 * stepBeforeLast;
            if (within)
            {
                // The stopping rule of the issue is met, but its absolute tolerance (1e−14·span + 4ε·max|E|) can be met
                // while β is still wrong in its leading digits: near an end (⟨E⟩ − E_min far below the tolerance) or
                // with a large offset (the 4ε·max|E| term covers a rounding the centred pass does not make). So keep
                // polishing, one pass each, while Newton would still move β by more than a few ulps and its steps keep
                // shrinking as Newton's do; a step that does not shrink is rounding noise. A Newton step that is NaN
                // (⟨E⟩ − E_min underflowed after an overshoot) is replaced by bisection of the bracket.
                double move = Math.Abs(newton - b);
                // At b = 0 "a few ulps" has no meaning; β = 0 within the tolerance is the answer (the weighted mean).
                bool settled = b == 0 || (newtonValid
                    && (!newtonTaken || !(move > PolishUlps * PhysicsMath.Epsilon * Math.Abs(b)) || (polish > 0 && !(move < 0.5 * lastStep))));
                if (settled || polish >= MaxPolishPasses || (!newtonValid && double.IsInfinity(hi - lo)))
                {
                    return (Finite(spectrum, target, beta, eRef, span, moments, residual, tolerance, pass, MaxEntropyTermination.Converged), null);
                }

                polish++;
            }

            double next = newtonTaken ? newton
                : double.IsPositiveInfinity(hi) ? lo + Math.Max(Math.Abs(lo), 1.0)
                : double.IsNegativeInfinity(lo) ? hi - Math.Max(Math.Abs(hi), 1.0)
                : lo + (0.5 * (hi - lo));

            stepBeforeLast = lastStep;
            lastStep = Math.Abs(next - b);
            if (next == b || !(next > lo && next < hi) || double.IsInfinity(next))
            {
                return (Finite(spectrum, target, beta, eRef, span, moments, residual, tolerance, pass, within ? MaxEntropyTermination.Converged : MaxEntropyTermination.PrecisionLimit), null);
            }

            b = next;
        }

        return (Finite(spectrum, target, beta, eRef, span, moments, residual, tolerance, MaxIterations, MaxEntropyTermination.IterationLimit), null);
    }

    // Raised far from the argument it concerns, hence the explicit name.
    private static ArgumentException BetaOverflow(double target, double span, string paramName)
        => new(
            PhysicsGuard.Format($"The mean energy {PhysicsGuard.Format(target)} needs |β| beyond the largest double: the energies span only {PhysicsGuard.Format(span)}, so β = (β·span)/span overflows. Rescale the energies (the distribution depends only on β·span)."),
            paramName);

    // Newton on h(b) = log(⟨u⟩ − u_min) (β > 0) or log(u_max − ⟨u⟩) (β < 0) in span units b = β·span: exact for a
    // two-level tail, and the plain Newton step μ/σ² when ⟨u⟩ is already near the target.
    private static double NewtonStep(in GibbsMoments m, bool positiveSide, double distanceBelow, double distanceAbove)
    {
        if (!(m.Variance > 0))
        {
            return double.NaN;
        }

        if (positiveSide)
        {
            double gap = distanceBelow + m.Mean;
            return gap > 0 ? PhysicsMath.Log1P(m.Mean / distanceBelow) * gap / m.Variance : double.NaN;
        }

        double gapAbove = distanceAbove - m.Mean;
        return gapAbove > 0 ? -PhysicsMath.Log1P(-m.Mean / distanceAbove) * gapAbove / m.Variance : double.NaN;
    }

    private static MaxEntropyResult Finite(
        Spectrum spectrum, double target, double beta, double eRef, double span, in GibbsMoments moments,
        double residual, double tolerance, int passes, MaxEntropyTermination termination)
        => new()
        {
            MeanEnergy = target,
            Beta = beta,
            State = GibbsState.FromSolverPass(spectrum, beta, eRef, target, span, moments),
            Residual = residual,
            Tolerance = tolerance,
            Iterations = passes,
            Termination = termination,
        };

    private static MaxEntropyResult Limit(Spectrum spectrum, double target, double beta, double tolerance, MaxEntropyTermination termination)
    {
        var state = GibbsState.Create(spectrum, beta, 1.0);
        return new MaxEntropyResult
        {
            MeanEnergy = target,
            Beta = beta,
            State = state,
            Residual = state.MeanEnergy - target,
            Tolerance = tolerance,
            Iterations = 0,
            Termination = termination,
        };
    }
}
