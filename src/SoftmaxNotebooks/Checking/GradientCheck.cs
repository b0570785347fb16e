namespace SoftmaxNotebooks;

/// <summary>
/// Numerical checks of analytic derivatives: central differences (optionally Richardson-extrapolated) per coordinate,
/// a report that names the worst partial derivative, and an error-versus-step sweep.
/// </summary>
/// <remarks>
/// The functions are called with fresh copies of x, so they may not corrupt the point. x must be finite and not
/// empty. Steps are made exactly representable ((x + δ) − x) so that the divisor is the step actually taken.
/// Functions that return NaN or ±∞ near x give entries with scaled error +∞, which fail.
/// The rounding error of a difference is about ε·|f|/h_i, so a coordinate whose effect on f is small next to |f|
/// itself (f ≈ 5e11 while ∂f/∂x_i ≈ 1) cannot be checked this way: such an entry fails rather than passing silently.
/// Points within a step of the end of the double range (|x_i| near <see cref="double.MaxValue"/>) make x ± δ overflow,
/// and their entries fail the same way. A function that returns no components, or null, is an <see cref="ArgumentException"/> naming f.
/// </remarks>
public static class GradientCheck
{
    /// <summary>Default tolerance on the scaled error, loose enough for central differences (error ~ ε^{2/3} ≈ 4e−11 times the third derivative).</summary>
    public const double DefaultTolerance = 1e-6;

    private static readonly double CentralStep = Math.Cbrt(PhysicsMath.Epsilon);
    private static readonly double RichardsonStep = Math.Pow(PhysicsMath.Epsilon, 0.2);

    /// <summary>Checks an analytic gradient of a scalar function f: ℝⁿ → ℝ at x.</summary>
    /// <param name="f">The function.</param>
    /// <param name="gradient">Its claimed gradient; must return n values.</param>
    /// <param name="x">The point, finite, not empty.</param>
    /// <param name="options">Tolerance and scheme; null for the defaults.</param>
    public static GradientCheckReport CheckGradient(Func<double[], double> f, Func<double[], double[]> gradient, double[] x, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(gradient);
        var point = Point(x);
        var analytic = gradient((double[])point.Clone()) ?? throw new ArgumentException("The gradient returned null.", nameof(gradient));
        if (analytic.Length != point.Length)
        {
            throw new ArgumentException(
                PhysicsGuard.Format($"The gradient has {analytic.Length} components but x has {point.Length}."), nameof(gradient));
        }

        var jacobian = new double[1, point.Length];
        for (int j = 0; j < point.Length; j++)
        {
            jacobian[0, j] = analytic[j];
        }

        return Check(Lift(f), jacobian, point, options ?? new GradientCheckOptions());
    }

    /// <summary>Checks an analytic Jacobian J[i, j] = ∂f_i/∂x_j of a vector function f: ℝⁿ → ℝᵐ at x.</summary>
    /// <param name="f">The function; must return the same number m of components at every point.</param>
    /// <param name="jacobian">Its claimed Jacobian, m × n.</param>
    /// <param name="x">The point, finite, not empty.</param>
    /// <param name="options">Tolerance and scheme; null for the defaults.</param>
    public static GradientCheckReport CheckJacobian(Func<double[], double[]> f, Func<double[], double[,]> jacobian, double[] x, GradientCheckOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(jacobian);
        var point = Point(x);
        return Check(f, Analytic(f, jacobian, point), point, options ?? new GradientCheckOptions());
    }

    /// <summary>Error of central differences against the relative step δ = 1e−1 … 1e−13 (half-decades) for a scalar function.</summary>
    /// <param name="f">The function.</param>
    /// <param name="gradient">Its analytic gradient.</param>
    /// <param name="x">The point, finite, not empty.</param>
    public static StepSweepResult SweepGradient(Func<double[], double> f, Func<double[], double[]> gradient, double[] x)
    {
        ArgumentNullException.ThrowIfNull(gradient);
        ArgumentNullException.ThrowIfNull(f);
        return SweepJacobian(Lift(f), p => Row(gradient(p) ?? throw new ArgumentException("The gradient returned null.", nameof(gradient))), x);
    }

    /// <summary>Error of central differences against the relative step δ = 1e−1 … 1e−13 (half-decades) for a vector function.</summary>
    /// <param name="f">The function.</param>
    /// <param name="jacobian">Its analytic Jacobian.</param>
    /// <param name="x">The point, finite, not empty.</param>
    public static StepSweepResult SweepJacobian(Func<double[], double[]> f, Func<double[], double[,]> jacobian, double[] x)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(jacobian);
        var point = Point(x);
        var analytic = Analytic(f, jacobian, point);
        var points = new StepSweepPoint[25];
        for (int s = 0; s < points.Length; s++)
        {
            double h = Math.Pow(10, -1 - (0.5 * s));
            var report = Check(f, analytic, point, new GradientCheckOptions(), h);
            points[s] = new StepSweepPoint(h, report.Worst.ScaledError);
        }

        var best = points[0];
        foreach (var p in points)
        {
            if (p.Error < best.Error)
            {
                best = p;
            }
        }

        return new StepSweepResult { Points = Array.AsReadOnly(points), Best = best, TheoreticalOptimalStep = CentralStep };
    }

    private static double[,] Analytic(Func<double[], double[]> f, Func<double[], double[,]> jacobian, double[] point)
    {
        var analytic = jacobian((double[])point.Clone()) ?? throw new ArgumentException("The Jacobian returned null.", nameof(jacobian));
        int outputs = Outputs(f, point);
        if (analytic.GetLength(0) != outputs || analytic.GetLength(1) != point.Length)
        {
            throw new ArgumentException(
                PhysicsGuard.Format($"The Jacobian is {analytic.GetLength(0)} × {analytic.GetLength(1)} but f maps {point.Length} inputs to {outputs} outputs."), nameof(jacobian));
        }

        return analytic;
    }

    private static GradientCheckReport Check(Func<double[], double[]> f, double[,] analytic, double[] x, GradientCheckOptions options, double? relativeStep = null)
    {
        if (!(options.Tolerance > 0) || !double.IsFinite(options.Tolerance))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), PhysicsGuard.Format($"The tolerance must be finite and > 0, but was {PhysicsGuard.Format(options.Tolerance)}."));
        }

        if (!Enum.IsDefined(options.Scheme))
        {
            throw new ArgumentOutOfRangeException(
                nameof(options), PhysicsGuard.Format($"options.Scheme is {(int)options.Scheme}, which is not a DifferenceScheme."));
        }

        int m = analytic.GetLength(0), n = x.Length;
        var numeric = new double[m, n];
        var steps = new double[n];
        for (int j = 0; j < n; j++)
        {
            double scale = Math.Max(1.0, Math.Abs(x[j]));
            if (relativeStep is double h)
            {
                steps[j] = Exact(x[j], h * scale);
                Column(numeric, j, Central(f, x, j, steps[j], m));
            }
            else if (options.Scheme == DifferenceScheme.Central)
            {
                steps[j] = Exact(x[j], CentralStep * scale);
                Column(numeric, j, Central(f, x, j, steps[j], m));
            }
            else
            {
                steps[j] = Exact(x[j], RichardsonStep * scale);
                var coarse = Central(f, x, j, steps[j], m);
                var fine = Central(f, x, j, Exact(x[j], 0.5 * steps[j]), m);
                var extrapolated = new double[m];
                for (int i = 0; i < m; i++)
                {
                    extrapolated[i] = ((4 * fine[i]) - coarse[i]) / 3;
                }

                Column(numeric, j, extrapolated);
            }
        }

        var entries = new GradientCheckEntry[m * n];
        GradientCheckEntry? worst = null;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                var entry = Entry(i, j, analytic[i, j], numeric[i, j], steps[j]);
                entries[(i * n) + j] = entry;
                if (worst is null || entry.ScaledError > worst.ScaledError)
                {
                    worst = entry;
                }
            }
        }

        return new GradientCheckReport
        {
            Entries = Array.AsReadOnly(entries),
            Worst = worst!,
            Tolerance = options.Tolerance,
            Passed = worst!.ScaledError <= options.Tolerance,
            Scheme = relativeStep is null ? options.Scheme : DifferenceScheme.Central,
            Outputs = m,
            Inputs = n,
        };
    }

    private static GradientCheckEntry Entry(int output, int input, double analytic, double numeric, double step)
    {
        double abs = Math.Abs(analytic - numeric);
        double largest = Math.Max(Math.Abs(analytic), Math.Abs(numeric));
        double relative = largest == 0 ? 0.0 : abs / largest;
        double scaled = double.IsFinite(abs) ? abs / Math.Max(1.0, largest) : double.PositiveInfinity;
        return new GradientCheckEntry(output, input, analytic, numeric, abs, relative, scaled, step);
    }

    private static double[] Central(Func<double[], double[]> f, double[] x, int j, double h, int m)
    {
        var plus = (double[])x.Clone();
        plus[j] = x[j] + h;
        var minus = (double[])x.Clone();
        minus[j] = x[j] - h;
        var fp = Evaluate(f, plus, m);
        var fm = Evaluate(f, minus, m);
        var d = new double[m];
        for (int i = 0; i < m; i++)
        {
            d[i] = (fp[i] - fm[i]) / (2 * h);
        }

        return d;
    }

    private static double[] Evaluate(Func<double[], double[]> f, double[] x, int m)
    {
        var y = f(x) ?? throw new ArgumentException("The function returned null near x.", nameof(f));
        return y.Length == m
            ? y
            : throw new InvalidOperationException(PhysicsGuard.Format($"The function returned {y.Length} components near x but {m} at x."));
    }

    private static int Outputs(Func<double[], double[]> f, double[] x)
    {
        int m = (f((double[])x.Clone()) ?? throw new ArgumentException("The function returned null at x.", nameof(f))).Length;
        return m > 0 ? m : throw new ArgumentException("f returned no components; a Jacobian check needs at least one (m ≥ 1).", nameof(f));
    }

    // (x + h) − x is the step the arithmetic actually takes; dividing by it removes one rounding error.
    private static double Exact(double x, double h)
    {
        double moved = x + h;
        return moved - x;
    }

    private static void Column(double[,] target, int j, double[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            target[i, j] = values[i];
        }
    }

    private static Func<double[], double[]> Lift(Func<double[], double> f) => p => [f(p)];

    private static double[,] Row(double[] g)
    {
        var r = new double[1, g.Length];
        for (int j = 0; j < g.Length; j++)
        {
            r[0, j] = g[j];
        }

        return r;
    }

    private static double[] Point(double[] x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.Length == 0)
        {
            throw new ArgumentException("x is empty; a gradient check needs at least one coordinate.", nameof(x));
        }

        for (int j = 0; j < x.Length; j++)
        {
            if (!double.IsFinite(x[j]))
            {
                throw new ArgumentException(PhysicsGuard.Format($"x[{j}] is {PhysicsGuard.Format(x[j])}; the point must be finite."), nameof(x));
            }
        }

        return (double[])x.Clone();
    }
}
