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
/// <para>Feasibility: Ē must lie in [E_min, E_max]. Ē = E_min and Ē = E_max give the limits β = ±∞ (no iteration);
/// a spectrum whose energies are all equal gives β = 0. β = 0 exactly when Ē is the degeneracy-weighted mean
/// Σ g_i E_i / Σ g_i, and β &lt; 0 when Ē lies above it.</para>
/// </remarks>
public static partial class MaxEntropy
{
    /// <summary>Largest number of passes before a solve gives up.</summary>
    public const int MaxIterations = 200;

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
                meanEnergy,
                PhysicsGuard.Format($"The mean energy {PhysicsGuard.Format(meanEnergy)} is infeasible: it must lie in [E_min, E_max] = [{PhysicsGuard.Format(min)}, {PhysicsGuard.Format(max)}].")));
        }

        return (Iterate(spectrum, meanEnergy), null);
    }

    private static MaxEntropyResult Iterate(Spectrum spectrum, double target)
    {
        double min = spectrum.Min, max = spectrum.Max;
        double span = max - min;
        double tolerance = (1e-14 * span) + (4 * PhysicsMath.Epsilon * Math.Max(Math.Abs(min), Math.Abs(max)));

        if (span == 0)
        {
            return Limit(spectrum, target, 0.0, tolerance, MaxEntropyTermination.Converged);
        }

        if (target == min)
        {
            return Limit(spectrum, target, double.PositiveInfinity, tolerance, MaxEntropyTermination.ZeroTemperatureLimit);
        }

        if (target == max)
        {
            return Limit(spectrum, target, double.NegativeInfinity, tolerance, MaxEntropyTermination.NegativeZeroTemperatureLimit);
        }

        double inv = 1.0 / span;
        double distanceBelow = (target - min) * inv; // Ē − E_min in units of the span
        double distanceAbove = (max - target) * inv;
        double beta = 0.0, lo = double.NegativeInfinity, hi = double.PositiveInfinity;
        bool positiveSide = false;
        GibbsMoments moments = default;
        double eRef = min;
        double residual = double.NaN;
        double lastStep = double.PositiveInfinity, stepBeforeLast = double.PositiveInfinity;

        for (int pass = 1; pass <= MaxIterations; pass++)
        {
            eRef = beta >= 0 ? min : max;
            moments = GibbsKernel.Evaluate(spectrum.Energies, spectrum.LogDegeneracies, beta, eRef, target, inv);
            residual = span * moments.Mean;
            if (Math.Abs(residual) <= tolerance)
            {
                return Finite(spectrum, target, beta, eRef, span, moments, residual, tolerance, pass, MaxEntropyTermination.Converged);
            }

            // ⟨E⟩_β decreases in β: a mean above the target needs a larger β.
            if (residual > 0)
            {
                lo = beta;
            }
            else
            {
                hi = beta;
            }

            if (pass == 1)
            {
                positiveSide = residual > 0;
            }

            // As in rtsafe: a Newton step is taken only if it stays inside the bracket and is at most half the step
            // before last; otherwise bisect (or double outwards while an end is infinite), so two-sided oscillation
            // between the tails cannot stall the solve.
            double next = beta + (NewtonStep(moments, positiveSide, distanceBelow, distanceAbove) * inv);
            if (!(next > lo && next < hi) || !(Math.Abs(next - beta) <= 0.5 * stepBeforeLast))
            {
                next = double.IsPositiveInfinity(hi) ? lo + Math.Max(Math.Abs(lo), inv)
                    : double.IsNegativeInfinity(lo) ? hi - Math.Max(Math.Abs(hi), inv)
                    : lo + (0.5 * (hi - lo));
            }

            stepBeforeLast = lastStep;
            lastStep = Math.Abs(next - beta);
            if (next == beta || !(next > lo && next < hi) || double.IsInfinity(next))
            {
                return Finite(spectrum, target, beta, eRef, span, moments, residual, tolerance, pass, MaxEntropyTermination.PrecisionLimit);
            }

            beta = next;
        }

        return Finite(spectrum, target, beta, eRef, span, moments, residual, tolerance, MaxIterations, MaxEntropyTermination.IterationLimit);
    }

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
