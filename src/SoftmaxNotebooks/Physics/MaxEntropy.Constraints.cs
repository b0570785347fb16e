using System.Diagnostics.CodeAnalysis;
using MathNet.Numerics.LinearAlgebra;

namespace SoftmaxNotebooks;

public static partial class MaxEntropy
{
    // Beyond this size (in units of 1/range) the weights differ by e^{−1e4} and the solution is not representable:
    // the targets sit on, or outside, the boundary of the achievable means.
    private const double DivergenceThreshold = 1e4;

    /// <summary>
    /// Maximum entropy under several mean constraints Σ p_i f_k(i) = c_k (and Σp = 1): the generalised Gibbs distribution
    /// p_i ∝ g_i·exp(−Σ_k λ_k f_k(i)). Damped Newton on the convex dual D(λ) = log Z(λ) + Σ λ_k c_k, whose gradient is
    /// c − ⟨f⟩ and whose Hessian is the covariance matrix of the f_k (solved by Cholesky, MathNet.Numerics), with a
    /// backtracking line search on D. Each f_k is centred on c_k and scaled by its range before solving.
    /// </summary>
    /// <param name="constraintFunctions">constraintFunctions[k][i] = f_k(i): K ≥ 1 rows of equal length n ≥ 1, finite (else <see cref="ArgumentException"/> naming [k][i]).</param>
    /// <param name="targets">c_k, one per row, each inside [min f_k, max f_k] (else <see cref="ArgumentOutOfRangeException"/> stating the interval).</param>
    /// <param name="degeneracies">g_i &gt; 0, or null for all 1.</param>
    /// <exception cref="ArgumentException">A constant f_k, or f_k dependent or nearly dependent on the others (a degenerate constraint set,
    /// covariance condition number above 1e12), or a range max f_k − min f_k beyond the largest double, or targets on the
    /// boundary of the set of achievable means or outside it, where the multipliers diverge: c_k = min f_k or c_k = max f_k
    /// (the message names the constraint), or a face of that set that no distribution with full support reaches (detected
    /// when Newton's steps stop shrinking after the residual is met). This solver returns no limit results: for one
    /// constraint at an end of its range, <see cref="Solve(double[], double[], double)"/> gives the limit β = ±∞.</exception>
    /// <remarks>The residual test max_k |⟨f_k⟩ − c_k|/range_k ≤ 1e−12 + 4ε·max|f_k|/range_k is met first; then, as in
    /// <see cref="Solve(double[], double[], double)"/>, Newton keeps polishing (a few iterations at most) while it would
    /// still move λ by more than a few ulps, because the data are centred on c_k and that absolute floor can be far
    /// looser than the rounding that actually happened.</remarks>
    /// <exception cref="InvalidOperationException">The iteration budget ran out.</exception>
    public static GeneralizedGibbsResult SolveConstraints(double[][] constraintFunctions, double[] targets, double[]? degeneracies = null)
    {
        var (result, error) = RunConstraints(constraintFunctions, targets, degeneracies);
        if (error is not null)
        {
            throw error;
        }

        return result!.Termination == MaxEntropyTermination.IterationLimit
            ? throw new InvalidOperationException(PhysicsGuard.Format($"The constrained maximum-entropy solve did not converge in {result.Iterations} iterations (residuals {string.Join(", ", result.Residuals.Select(PhysicsGuard.Format))})."))
            : result;
    }

    /// <summary>Like <see cref="SolveConstraints"/>, but returns false instead of throwing (null arrays still throw).</summary>
    /// <param name="constraintFunctions">constraintFunctions[k][i] = f_k(i).</param>
    /// <param name="targets">c_k.</param>
    /// <param name="degeneracies">g_i, or null.</param>
    /// <param name="result">The result when true; on false, null for invalid or infeasible input, or the last iterate when the budget ran out.</param>
    public static bool TrySolveConstraints(double[][] constraintFunctions, double[] targets, double[]? degeneracies, [NotNullWhen(true)] out GeneralizedGibbsResult? result)
    {
        ArgumentNullException.ThrowIfNull(constraintFunctions);
        ArgumentNullException.ThrowIfNull(targets);
        var (r, error) = RunConstraints(constraintFunctions, targets, degeneracies);
        result = r;
        return error is null && r!.Termination != MaxEntropyTermination.IterationLimit;
    }

    private static (GeneralizedGibbsResult? Result, Exception? Error) RunConstraints(double[][] functions, double[] targets, double[]? degeneracies)
    {
        ConstraintProblem problem;
        try
        {
            problem = ConstraintProblem.Create(functions, targets, degeneracies);
        }
        catch (ArgumentException e)
        {
            return (null, e);
        }

        return problem.Solve();
    }

    private sealed class ConstraintProblem
    {
        private readonly double[][] scaled; // (f_k − c_k) / range_k
        private readonly double[]? logG;
        private readonly double[] targets;
        private readonly double[] ranges;
        private readonly int n;
        private readonly int k;
        private readonly double tolerance;

        private ConstraintProblem(double[][] scaled, double[]? logG, double[] targets, double[] ranges, double tolerance)
        {
            this.scaled = scaled;
            this.logG = logG;
            this.targets = targets;
            this.ranges = ranges;
            this.tolerance = tolerance;
            k = scaled.Length;
            n = scaled[0].Length;
        }

        public static ConstraintProblem Create(double[][] constraintFunctions, double[] targets, double[]? degeneracies)
        {
            var functions = constraintFunctions;
            ArgumentNullException.ThrowIfNull(functions, nameof(constraintFunctions));
            ArgumentNullException.ThrowIfNull(targets);
            if (functions.Length == 0)
            {
                throw new ArgumentException("No constraint functions were given; at least one is required.", nameof(constraintFunctions));
            }

            if (targets.Length != functions.Length)
            {
                throw new ArgumentException(
                    PhysicsGuard.Format($"targets has {targets.Length} entries but there are {functions.Length} constraint functions."), nameof(targets));
            }

            int count = functions[0]?.Length ?? 0;
            if (count == 0)
            {
                throw new ArgumentException("constraintFunctions[0] is null or empty; each row needs one value per level.", nameof(constraintFunctions));
            }

            PhysicsGuard.Degeneracies(degeneracies, count, nameof(degeneracies), out var logG);
            var scaled = new double[functions.Length][];
            var ranges = new double[functions.Length];
            double relativeFloor = 0;
            for (int row = 0; row < functions.Length; row++)
            {
                var f = functions[row];
                if (f is null || f.Length != count)
                {
                    throw new ArgumentException(
                        PhysicsGuard.Format($"constraintFunctions[{row}] has {f?.Length ?? 0} entries; every row needs {count}, one per level."), nameof(constraintFunctions));
                }

                double c = targets[row];
                if (!double.IsFinite(c))
                {
                    throw new ArgumentException(PhysicsGuard.Format($"targets[{row}] is {PhysicsGuard.Format(c)}; targets must be finite."), nameof(targets));
                }

                double min = double.PositiveInfinity, max = double.NegativeInfinity;
                for (int i = 0; i < count; i++)
                {
                    if (!double.IsFinite(f[i]))
                    {
                        throw new ArgumentException(
                            PhysicsGuard.Format($"constraintFunctions[{row}][{i}] is {PhysicsGuard.Format(f[i])}; constraint values must be finite."), nameof(constraintFunctions));
                    }

                    min = Math.Min(min, f[i]);
                    max = Math.Max(max, f[i]);
                }

                if (!(c >= min && c <= max))
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(targets),
                        PhysicsGuard.Format($"targets[{row}] = {PhysicsGuard.Format(c)} is infeasible: it must lie in [min f_{row}, max f_{row}] = [{PhysicsGuard.Format(min)}, {PhysicsGuard.Format(max)}]."));
                }

                double range = max - min;
                if (double.IsInfinity(range))
                {
                    throw new ArgumentException(
                        PhysicsGuard.Format($"constraintFunctions[{row}] spans [{PhysicsGuard.Format(min)}, {PhysicsGuard.Format(max)}], a range wider than the largest double; rescale it."),
                        nameof(constraintFunctions));
                }

                if (!(range > 0))
                {
                    throw new ArgumentException(
                        PhysicsGuard.Format($"constraintFunctions[{row}] is constant ({PhysicsGuard.Format(min)}): the constraint is either implied by Σp = 1 or infeasible; remove it."),
                        nameof(constraintFunctions));
                }

                if (c == min || c == max)
                {
                    throw new ArgumentException(
                        PhysicsGuard.Format($"targets[{row}] = {PhysicsGuard.Format(c)} lies on the boundary of the achievable means: it equals {(c == min ? "min" : "max")} f_{row} = {PhysicsGuard.Format(c)}, so only distributions without full support reach it and λ_{row} diverges. This solver returns no limit results (MaxEntropy.Solve gives β = ±∞ for one constraint at an end)."),
                        nameof(targets));
                }

                var s = new double[count];
                for (int i = 0; i < count; i++)
                {
                    s[i] = (f[i] - c) / range;
                }

                scaled[row] = s;
                ranges[row] = range;
                relativeFloor = Math.Max(relativeFloor, Math.Max(Math.Abs(min), Math.Abs(max)) / range);
            }

            var problem = new ConstraintProblem(scaled, logG, (double[])targets.Clone(), ranges, 1e-12 + (4 * PhysicsMath.Epsilon * relativeFloor));
            problem.CheckIndependent();
            return problem;
        }

        public (GeneralizedGibbsResult? Result, Exception? Error) Solve()
        {
            var lambda = new double[k];
            var state = Evaluate(lambda, withCovariance: true);
            int polish = 0;
            double lastMove = double.PositiveInfinity;
            for (int iteration = 1; iteration <= MaxIterations; iteration++)
            {
                bool within = MaxAbs(state.Means) <= tolerance;
                if (within && MaxAbs(state.Means) == 0)
                {
                    return (Result(lambda, state, iteration - 1, MaxEntropyTermination.Converged), null);
                }

                var direction = NewtonDirection(state);
                if (within)
                {
                    // Polish while Newton still moves λ by more than a few ulps and its moves keep shrinking. Near a
                    // solution they shrink quadratically; on a face of the achievable set (targets reachable only without
                    // full support) λ walks off by about one unit of 1/range per step forever, so a move that neither
                    // shrinks nor is rounding noise means the targets lie on the boundary.
                    double move = MaxAbs(direction);
                    bool settled = !(move > 8 * PhysicsMath.Epsilon * MaxAbs(lambda));
                    bool stalled = polish > 0 && !(move < 0.5 * lastMove);
                    if (settled || stalled || polish >= 6)
                    {
                        return settled || move <= 1e-6
                            ? (Result(lambda, state, iteration - 1, MaxEntropyTermination.Converged), null)
                            : (null, OnBoundary(lambda));
                    }

                    polish++;
                }

                double slope = 0; // directional derivative of D along the direction: −μᵀ Σ⁻¹ μ < 0
                for (int a = 0; a < k; a++)
                {
                    slope -= state.Means[a] * direction[a];
                }

                double step = 1.0;
                var trial = new double[k];
                Evaluation next;
                while (true)
                {
                    for (int a = 0; a < k; a++)
                    {
                        trial[a] = lambda[a] + (step * direction[a]);
                    }

                    next = Evaluate(trial, withCovariance: false);
                    // While polishing, the decrease of D (about μᵀΣ⁻¹μ ≪ ε·|D|) is below its rounding, so the
                    // Armijo test would only halve good steps: Newton is in its quadratic range, take the full step.
                    if (within || next.Dual <= state.Dual + (1e-4 * step * slope) || step < 1e-12)
                    {
                        break;
                    }

                    step *= 0.5;
                }

                if (step < 1e-12 || !(slope < 0))
                {
                    // No decrease is possible in double precision: the iterate is as good as the arithmetic allows.
                    if (within)
                    {
                        return (Result(lambda, state, iteration - 1, MaxEntropyTermination.Converged), null);
                    }

                    return MaxAbs(state.Means) <= 1e3 * tolerance
                        ? (Result(lambda, state, iteration, MaxEntropyTermination.PrecisionLimit), null)
                        : (null, Infeasible(lambda));
                }

                lastMove = step * MaxAbs(direction);
                Array.Copy(trial, lambda, k);
                if (MaxAbs(lambda) > DivergenceThreshold)
                {
                    return (null, Infeasible(lambda));
                }

                state = Evaluate(lambda, withCovariance: true);
            }

            return (Result(lambda, state, MaxIterations, MaxEntropyTermination.IterationLimit), null);
        }

        // The exceptions below concern the caller's arguments but are raised far from them, hence the explicit names.
        private static ArgumentException ArgumentError(string message, string paramName) => new(message, paramName);

        private ArgumentException Infeasible(double[] lambda)
            => ArgumentError(
                PhysicsGuard.Format($"The targets [{string.Join(", ", targets.Select(PhysicsGuard.Format))}] are not achievable by any distribution with full support: they lie outside or on the boundary of the set of achievable means (the multipliers diverge, max |λ·range| = {PhysicsGuard.Format(MaxAbs(lambda))})."),
                "targets");

        private ArgumentException OnBoundary(double[] lambda)
            => ArgumentError(
                PhysicsGuard.Format($"The targets [{string.Join(", ", targets.Select(PhysicsGuard.Format))}] lie on the boundary of the set of achievable means: only distributions without full support reach them, and the multipliers diverge (Newton's steps stopped shrinking at max |λ·range| = {PhysicsGuard.Format(MaxAbs(lambda))}). This solver returns no limit results."),
                "targets");

        private void CheckIndependent()
        {
            var uniform = Evaluate(new double[k], withCovariance: true);
            var covariance = Matrix<double>.Build.DenseOfArray(uniform.Covariance);
            var singular = covariance.Svd(computeVectors: false).S;
            double largest = singular.Maximum();
            int rank = singular.Count(s => s > 1e-12 * largest);
            if (rank < k)
            {
                throw ArgumentError(
                    PhysicsGuard.Format($"The constraint functions are linearly dependent or nearly so (together with the constant function): their covariance has numerical rank {rank} < {k} (condition number above 1e12). Remove the redundant constraints."),
                    "constraintFunctions");
            }
        }

        private double[] NewtonDirection(Evaluation state)
        {
            var h = Matrix<double>.Build.DenseOfArray(state.Covariance);
            var g = Vector<double>.Build.DenseOfArray(state.Means);
            // Var is positive definite for independent constraints and full support, but it can lose definiteness in
            // rounding near the boundary; a tiny ridge keeps Cholesky usable there.
            for (double ridge = 0; ; ridge = ridge == 0 ? 1e-14 * Math.Max(h.Trace(), double.Epsilon) : ridge * 100)
            {
                try
                {
                    var m = ridge == 0 ? h : h + (ridge * Matrix<double>.Build.DenseIdentity(k));
                    return m.Cholesky().Solve(g).ToArray();
                }
                catch (ArgumentException) when (ridge < 1e6)
                {
                }
            }
        }

        private Evaluation Evaluate(double[] lambda, bool withCovariance)
        {
            var a = new double[n];
            double max = double.NegativeInfinity;
            for (int i = 0; i < n; i++)
            {
                double x = logG is null ? 0.0 : logG[i];
                for (int c = 0; c < k; c++)
                {
                    x -= lambda[c] * scaled[c][i];
                }

                a[i] = x;
                max = Math.Max(max, x);
            }

            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                a[i] = Math.Exp(a[i] - max);
                sum += a[i];
            }

            var means = new double[k];
            for (int c = 0; c < k; c++)
            {
                double m = 0;
                var f = scaled[c];
                for (int i = 0; i < n; i++)
                {
                    m += a[i] * f[i];
                }

                means[c] = m / sum;
            }

            double[,] covariance = new double[k, k];
            if (withCovariance)
            {
                for (int c = 0; c < k; c++)
                {
                    for (int d = 0; d <= c; d++)
                    {
                        double v = 0;
                        for (int i = 0; i < n; i++)
                        {
                            v += a[i] * (scaled[c][i] - means[c]) * (scaled[d][i] - means[d]);
                        }

                        covariance[c, d] = covariance[d, c] = v / sum;
                    }
                }
            }

            return new Evaluation(max + Math.Log(sum), means, covariance, a, sum);
        }

        private GeneralizedGibbsResult Result(double[] lambdaScaled, Evaluation state, int iterations, MaxEntropyTermination termination)
        {
            var p = new double[n];
            for (int i = 0; i < n; i++)
            {
                p[i] = state.Weights[i] / state.Sum;
            }

            var multipliers = new double[k];
            var expectations = new double[k];
            var residuals = new double[k];
            double entropy = state.Dual;
            double logZ = state.Dual;
            for (int c = 0; c < k; c++)
            {
                multipliers[c] = lambdaScaled[c] / ranges[c];
                residuals[c] = ranges[c] * state.Means[c];
                expectations[c] = targets[c] + residuals[c];
                entropy += lambdaScaled[c] * state.Means[c];
                logZ -= multipliers[c] * targets[c];
            }

            return new GeneralizedGibbsResult
            {
                Multipliers = Array.AsReadOnly(multipliers),
                Targets = Array.AsReadOnly((double[])targets.Clone()),
                Expectations = Array.AsReadOnly(expectations),
                Residuals = Array.AsReadOnly(residuals),
                Tolerance = tolerance,
                Distribution = Distribution.FromTrusted(p, null, null),
                Entropy = entropy,
                LogZ = logZ,
                Iterations = iterations,
                Termination = termination,
            };
        }

        private static double MaxAbs(double[] x) => x.Length == 0 ? 0 : x.Max(Math.Abs);

        private sealed record Evaluation(double Dual, double[] Means, double[,] Covariance, double[] Weights, double Sum);
    }
}
