using SoftmaxNotebooks.Display;

namespace SoftmaxNotebooks;

public static partial class Charts
{
    /// <summary>A bar chart of a distribution, bars labelled by its labels (or outcome values, or indices).</summary>
    /// <param name="distribution">The distribution.</param>
    /// <param name="title">The chart title, or null for one naming the entropy.</param>
    public static Figure Distribution(Distribution distribution, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return Bars(distribution.Probabilities, OutcomeNames(distribution),
            title ?? $"Distribution (H = {Label(distribution.Entropy())} nats)", "p");
    }

    /// <summary>Two distributions over the same outcomes, side by side (for example data and model).</summary>
    /// <param name="p">The first distribution.</param>
    /// <param name="q">The second distribution, same number of outcomes.</param>
    /// <param name="title">The chart title, or null for one naming KL(p‖q).</param>
    /// <param name="nameP">Legend name of <paramref name="p"/>.</param>
    /// <param name="nameQ">Legend name of <paramref name="q"/>.</param>
    public static Figure Compare(Distribution p, Distribution q, string? title = null, string nameP = "p", string nameQ = "q")
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p.Count != q.Count)
        {
            throw new ArgumentException($"The distributions have {p.Count} and {q.Count} outcomes.", nameof(q));
        }

        return Bars(p.Probabilities, q.Probabilities, OutcomeNames(p),
            title ?? $"{nameP} and {nameQ}: KL({nameP}‖{nameQ}) = {Label(p.KullbackLeibler(q))} nats", nameP, nameQ);
    }

    /// <summary>softmax(z/T) with a temperature slider (one trace per T, no server).</summary>
    /// <param name="logits">The logits z.</param>
    /// <param name="labels">Outcome labels, or null for indices.</param>
    /// <param name="temperatures">The slider's temperatures, or null for <see cref="SliderTemperatures"/>.</param>
    public static Figure SoftmaxTemperatureSlider(double[] logits, IReadOnlyList<string>? labels = null, IReadOnlyList<double>? temperatures = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        var ts = temperatures ?? SliderTemperatures;
        return Slider(ts.Select(Label).ToArray(), ts.Select(t => (IReadOnlyList<double>)SoftmaxFunctions.Softmax(logits, t)).ToArray(),
            labels, "softmax(z / T): high T spreads the mass, low T picks the largest logit", "T = ", ActiveStep(ts));
    }

    /// <summary>The Gibbs distribution p_i ∝ g_i·e^(−E_i/T) with a temperature slider (one trace per T).</summary>
    /// <param name="energies">The level energies.</param>
    /// <param name="degeneracies">The level degeneracies, or null for 1 each.</param>
    /// <param name="labels">Level labels, or null for indices.</param>
    /// <param name="temperatures">The slider's temperatures, or null for <see cref="SliderTemperatures"/>.</param>
    public static Figure GibbsTemperatureSlider(double[] energies, double[]? degeneracies = null, IReadOnlyList<string>? labels = null,
        IReadOnlyList<double>? temperatures = null)
    {
        ArgumentNullException.ThrowIfNull(energies);
        var ts = temperatures ?? SliderTemperatures;
        return Slider(ts.Select(Label).ToArray(),
            ts.Select(t => GibbsState.FromTemperature(energies, t, degeneracies).Probabilities).ToArray(),
            labels, "Gibbs distribution p ∝ g·e^(−E/T): cooling empties the upper levels", "T = ", ActiveStep(ts)) with
        {
            XAxis = new Axis { Title = "level", Scale = AxisScale.Category },
        };
    }

    /// <summary>The Gibbs distribution of a spectrum with a temperature slider.</summary>
    /// <param name="spectrum">The spectrum.</param>
    /// <param name="temperatures">The slider's temperatures, or null for <see cref="SliderTemperatures"/>.</param>
    public static Figure GibbsTemperatureSlider(EnergySpectrum spectrum, IReadOnlyList<double>? temperatures = null)
    {
        ArgumentNullException.ThrowIfNull(spectrum);
        return GibbsTemperatureSlider(spectrum.Energies.ToArray(), spectrum.Degeneracies.ToArray(), spectrum.Labels, temperatures);
    }

    /// <summary>
    /// LSE_T(z) = T·log Σ e^(z_i/T) against T from 10 down to 0.01 (log axis), between its bounds max(z) and
    /// max(z) + T·log n: the smooth maximum becomes the maximum as T → 0.
    /// </summary>
    /// <param name="logits">The vector z (finite entries).</param>
    /// <param name="points">Number of temperatures, log-spaced.</param>
    public static Figure LogSumExpTemperature(double[] logits, int points = 61)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Length == 0)
        {
            throw new ArgumentException("The vector is empty.", nameof(logits));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        var ts = Enumerable.Range(0, points).Select(k => Math.Pow(10, 1 - 3.0 * k / (points - 1))).ToArray();
        var max = logits.Max();
        var logN = Math.Log(logits.Length);
        return new Figure
        {
            Title = "LSE_T(z) = T·log Σ exp(z_i/T) lies between max(z) and max(z) + T·log n",
            Traces =
            [
                new Trace { Kind = TraceKind.Lines, Name = "LSE_T(z)", X = ts, Y = ts.Select(t => SoftmaxFunctions.LogSumExp(logits, t)).ToArray() },
                new Trace { Kind = TraceKind.Lines, Name = "max(z)", X = ts, Y = ts.Select(_ => max).ToArray(), Dash = LineDash.Dash },
                new Trace { Kind = TraceKind.Lines, Name = "max(z) + T·log n", X = ts, Y = ts.Select(t => max + t * logN).ToArray(), Dash = LineDash.Dot },
            ],
            XAxis = new Axis { Title = "temperature T (log scale)", Scale = AxisScale.Log },
            YAxis = new Axis { Title = "value" },
        };
    }

    /// <summary>
    /// S(Ē) and β(Ē) over the feasible interval (E_min, E_max), with the solved point marked: β is the slope dS/dĒ.
    /// A dotted vertical line marks β = 0, at the degeneracy-weighted mean energy Σg_iE_i / Σg_i, where S reaches its
    /// maximum log Σg_i; the β axis spans every plotted β.
    /// </summary>
    /// <param name="result">A solved maximum-entropy problem.</param>
    /// <param name="points">Number of Ē values across the interval.</param>
    public static Figure MaxEntropyCurves(MaxEntropyResult result, int points = 101)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 3);
        var energies = result.State.Energies.ToArray();
        var degeneracies = result.State.Degeneracies.ToArray();
        var (lo, hi) = (energies.Min(), energies.Max());
        // Interior points only: the ends are the limits β = ±∞.
        var solved = Enumerable.Range(1, points)
            .Select(k => lo + (hi - lo) * k / (points + 1))
            .Select(e => MaxEntropy.TrySolve(energies, degeneracies, e, out var r) ? r : null)
            .OfType<MaxEntropyResult>()
            .ToArray();
        var x = solved.Select(r => r.MeanEnergy).ToArray();
        var betas = solved.Select(r => r.Beta).Append(result.Beta).ToArray();
        var (betaMin, betaMax) = (Math.Min(0, betas.Min()), Math.Max(0, betas.Max()));
        var betaPad = 0.05 * (betaMax - betaMin);
        // β = 0: the state is g/Σg, its mean energy the g-weighted mean and its entropy log Σg, the largest possible.
        var totalWeight = degeneracies.Sum();
        var flatMean = energies.Zip(degeneracies, (e, g) => e * g).Sum() / totalWeight;
        var maxEntropy = Math.Log(totalWeight);
        // Degeneracies may be fractional, so S can be negative; the axis starts at 0 or below the lowest S.
        var entropyLow = Math.Min(0, solved.Select(r => r.Entropy).DefaultIfEmpty(0).Min());
        return new Figure
        {
            Title = $"Maximum entropy: S(Ē) and β(Ē); solved at Ē = {Label(result.MeanEnergy)}, β = {Label(result.Beta)}",
            Traces =
            [
                new Trace { Kind = TraceKind.Lines, Name = "S(Ē)", X = x, Y = solved.Select(r => r.Entropy).ToArray() },
                new Trace { Kind = TraceKind.Lines, Name = "β(Ē) = dS/dĒ", X = x, Y = solved.Select(r => r.Beta).ToArray(), OnSecondaryAxis = true, Dash = LineDash.Dash },
                new Trace { Kind = TraceKind.Markers, Name = "solved S", X = [result.MeanEnergy], Y = [result.Entropy], MarkerSize = 11 },
                new Trace { Kind = TraceKind.Markers, Name = "solved β", X = [result.MeanEnergy], Y = [result.Beta], OnSecondaryAxis = true, MarkerSize = 11, Symbol = MarkerSymbol.Diamond },
                new Trace
                {
                    Kind = TraceKind.Lines,
                    Name = $"β = 0, S max (Ē = {Label(flatMean)})",
                    X = [flatMean, flatMean],
                    Y = [entropyLow, maxEntropy],
                    Dash = LineDash.Dot,
                    Color = ChartPalette.Grey,
                },
            ],
            XAxis = new Axis { Title = "mean energy Ē" },
            YAxis = new Axis { Title = "entropy S (nats)", Range = maxEntropy > entropyLow ? (entropyLow, maxEntropy + 0.05 * (maxEntropy - entropyLow)) : null },
            YAxis2 = new Axis { Title = "inverse temperature β", Range = (betaMin - betaPad, betaMax + betaPad) },
        };
    }

    /// <summary>The error of a finite-difference check against the step δ (log-log), with the best step marked.</summary>
    /// <param name="sweep">The sweep from <c>GradientCheck.SweepGradient</c> or <c>SweepJacobian</c>.</param>
    public static Figure StepSweep(StepSweepResult sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var figure = StepSweep(sweep.Points.Select(p => p.Step).ToArray(), sweep.Points.Select(p => p.Error).ToArray(),
            $"Gradient check: error against step δ (best δ = {Label(sweep.Best.Step)}, theory ε^(1/3) ≈ {Label(sweep.TheoreticalOptimalStep)})");
        return figure with
        {
            Traces = [.. figure.Traces, new Trace { Kind = TraceKind.Markers, Name = "best δ", X = [sweep.Best.Step], Y = [sweep.Best.Error], MarkerSize = 12, Symbol = MarkerSymbol.Diamond }],
            YAxis = figure.YAxis with { Title = "max scaled error" },
        };
    }

    /// <summary>
    /// σ(x) against the first entry of softmax([x, 0]), written softmax([x, 0])₁ as in the notebooks and the teaching
    /// notes (index 0 of the C# array): the logistic function is the 2-class softmax.
    /// </summary>
    /// <param name="from">Smallest logit.</param>
    /// <param name="to">Largest logit.</param>
    /// <param name="points">Number of points.</param>
    public static Figure SigmoidVsSoftmax(double from = -8, double to = 8, int points = 161)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(points, 2);
        if (!(from < to) || !double.IsFinite(from) || !double.IsFinite(to))
        {
            throw new ArgumentException($"Need finite from < to, got {from} and {to}.", nameof(to));
        }

        var x = Enumerable.Range(0, points).Select(k => from + (to - from) * k / (points - 1)).ToArray();
        // Math subscripts count from 1, as every notebook writes σ(x) = softmax([x, 0])₁; the array index stays 0.
        return new Figure
        {
            Title = "σ(x) = softmax([x, 0])₁: the logistic function is the two-class softmax",
            Traces =
            [
                new Trace { Kind = TraceKind.Lines, Name = "σ(x)", X = x, Y = x.Select(SoftmaxFunctions.Sigmoid).ToArray() },
                new Trace { Kind = TraceKind.Lines, Name = "softmax([x, 0])₁", X = x, Y = x.Select(v => SoftmaxFunctions.Softmax([v, 0.0])[0]).ToArray(), Dash = LineDash.Dash },
            ],
            XAxis = new Axis { Title = "logit x" },
            YAxis = new Axis { Title = "probability", Range = (0, 1) },
        };
    }

    // Category axes merge equal names, so outcome values name the bars only when they are distinct.
    private static string[]? OutcomeNames(Distribution d)
    {
        if (d.Labels is { } labels)
        {
            return labels.ToArray();
        }

        var values = d.Values?.Select(Label).ToArray();
        return values is not null && values.Distinct(StringComparer.Ordinal).Count() == values.Length ? values : null;
    }

    // The slider starts at T = 1 when offered: the plain softmax.
    private static int ActiveStep(IReadOnlyList<double> temperatures)
    {
        for (var i = 0; i < temperatures.Count; i++)
        {
            if (temperatures[i] == 1)
            {
                return i;
            }
        }

        return 0;
    }
}
