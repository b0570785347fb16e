using System.Globalization;
using SoftmaxNotebooks.Display;

namespace SoftmaxNotebooks;

/// <summary>
/// The kit's charts: each returns a <see cref="Figure"/> that displays in notebooks, serializes to plotly.js JSON
/// and saves as a standalone page. Titles and axis titles are Unicode (plotly.js would need MathJax for LaTeX).
/// </summary>
public static partial class Charts
{
    /// <summary>The temperatures of the slider charts: 10 down to 0.01 in 1–2–5 steps.</summary>
    public static IReadOnlyList<double> SliderTemperatures { get; } = [10, 5, 2, 1, 0.5, 0.2, 0.1, 0.05, 0.02, 0.01];

    /// <summary>A bar chart of one distribution.</summary>
    /// <param name="probabilities">The probabilities, one bar each.</param>
    /// <param name="labels">Outcome labels, or null for 0, 1, 2, ….</param>
    /// <param name="title">The chart title.</param>
    /// <param name="name">The legend name.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    public static Figure Bars(IReadOnlyList<double> probabilities, IReadOnlyList<string>? labels = null,
        string title = "Distribution", string name = "p", string xTitle = "outcome", string yTitle = "probability")
    {
        ArgumentNullException.ThrowIfNull(probabilities);
        var categories = Categories(labels, probabilities.Count);
        return new Figure
        {
            Title = title,
            Traces = [new Trace { Kind = TraceKind.Bar, Name = name, Categories = categories, Y = probabilities.ToArray() }],
            XAxis = new Axis { Title = xTitle, Scale = AxisScale.Category },
            YAxis = new Axis { Title = yTitle, Range = (0, UpperLimit(probabilities)) },
        };
    }

    /// <summary>Two distributions over the same outcomes, bars side by side.</summary>
    /// <param name="p">The first distribution.</param>
    /// <param name="q">The second distribution, same length.</param>
    /// <param name="labels">Outcome labels, or null for 0, 1, 2, ….</param>
    /// <param name="title">The chart title.</param>
    /// <param name="nameP">Legend name of <paramref name="p"/>.</param>
    /// <param name="nameQ">Legend name of <paramref name="q"/>.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    public static Figure Bars(IReadOnlyList<double> p, IReadOnlyList<double> q, IReadOnlyList<string>? labels = null,
        string title = "Two distributions", string nameP = "p", string nameQ = "q", string xTitle = "outcome", string yTitle = "probability")
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p.Count != q.Count)
        {
            throw new ArgumentException($"The distributions have {p.Count} and {q.Count} outcomes.", nameof(q));
        }

        var categories = Categories(labels, p.Count);
        return new Figure
        {
            Title = title,
            Traces =
            [
                new Trace { Kind = TraceKind.Bar, Name = nameP, Categories = categories, Y = p.ToArray() },
                // Hatched, so the two series differ in more than colour.
                new Trace { Kind = TraceKind.Bar, Name = nameQ, Categories = categories, Y = q.ToArray(), Pattern = FillPattern.Hatched },
            ],
            XAxis = new Axis { Title = xTitle, Scale = AxisScale.Category },
            YAxis = new Axis { Title = yTitle, Range = (0, UpperLimit(p.Concat(q))) },
            BarMode = BarMode.Group,
        };
    }

    /// <summary>
    /// A slider over distributions, one bar trace per step; each slider step shows its own trace only (visibility
    /// masks, no server).
    /// </summary>
    /// <param name="stepLabels">The slider label of each distribution, for example the temperatures.</param>
    /// <param name="distributions">The distributions, same length each.</param>
    /// <param name="labels">Outcome labels, or null for 0, 1, 2, ….</param>
    /// <param name="title">The chart title.</param>
    /// <param name="prefix">The text before the current step's label, for example "T = ".</param>
    /// <param name="active">The step shown first.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    public static Figure Slider(IReadOnlyList<string> stepLabels, IReadOnlyList<IReadOnlyList<double>> distributions,
        IReadOnlyList<string>? labels, string title, string prefix, int active = 0, string xTitle = "outcome", string yTitle = "probability")
    {
        ArgumentNullException.ThrowIfNull(stepLabels);
        ArgumentNullException.ThrowIfNull(distributions);
        if (stepLabels.Count != distributions.Count || distributions.Count == 0)
        {
            throw new ArgumentException($"Got {stepLabels.Count} step labels for {distributions.Count} distributions (need at least one).", nameof(distributions));
        }

        ArgumentOutOfRangeException.ThrowIfNegative(active);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(active, distributions.Count);
        var n = distributions[0].Count;
        if (distributions.Any(d => d.Count != n))
        {
            throw new ArgumentException("The distributions differ in length.", nameof(distributions));
        }

        var categories = Categories(labels, n);
        var traces = distributions.Select((d, k) => new Trace
        {
            Kind = TraceKind.Bar,
            Name = prefix + stepLabels[k],
            Categories = categories,
            Y = d.ToArray(),
            Visible = k == active,
        }).ToArray();
        var steps = stepLabels.Select((label, k) => new SliderStep
        {
            Label = label,
            Visible = Enumerable.Range(0, traces.Length).Select(i => i == k).ToArray(),
        }).ToArray();
        return new Figure
        {
            Title = title,
            Traces = traces,
            XAxis = new Axis { Title = xTitle, Scale = AxisScale.Category },
            // One fixed scale for every step, so moving the slider shows the mass moving rather than the axis.
            YAxis = new Axis { Title = yTitle, Range = (0, UpperLimit(distributions.SelectMany(d => d))) },
            Slider = new Slider { Prefix = prefix, Steps = steps, Active = active },
            Height = 480,
        };
    }

    /// <summary>Error of a finite-difference derivative against the step δ, on log-log axes.</summary>
    /// <param name="steps">The steps h.</param>
    /// <param name="errors">The error at each step.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    public static Figure StepSweep(IReadOnlyList<double> steps, IReadOnlyList<double> errors,
        string title = "Gradient check: error against step δ", string xTitle = "step δ", string yTitle = "error")
    {
        ArgumentNullException.ThrowIfNull(steps);
        ArgumentNullException.ThrowIfNull(errors);
        if (steps.Count != errors.Count)
        {
            throw new ArgumentException($"Got {steps.Count} steps and {errors.Count} errors.", nameof(errors));
        }

        return new Figure
        {
            Title = title,
            Traces =
            [
                new Trace
                {
                    Kind = TraceKind.LinesAndMarkers,
                    Name = "error",
                    X = steps.ToArray(),
                    // A zero error has no place on a log axis; a gap says so honestly.
                    Y = errors.Select(e => e > 0 ? e : double.NaN).ToArray(),
                },
            ],
            XAxis = new Axis { Title = xTitle, Scale = AxisScale.Log },
            YAxis = new Axis { Title = yTitle, Scale = AxisScale.Log },
        };
    }

    /// <summary>A loss curve for a training loop: loss against step.</summary>
    /// <param name="losses">The loss after each step.</param>
    /// <param name="title">The chart title.</param>
    /// <param name="logScale">Whether the loss axis is logarithmic.</param>
    /// <param name="xTitle">The x axis title.</param>
    /// <param name="yTitle">The y axis title.</param>
    public static Figure LossCurve(IReadOnlyList<double> losses, string title = "Training loss", bool logScale = false,
        string xTitle = "step", string yTitle = "loss")
    {
        ArgumentNullException.ThrowIfNull(losses);
        return new Figure
        {
            Title = title,
            Traces =
            [
                new Trace
                {
                    Kind = TraceKind.Lines,
                    Name = "loss",
                    X = Enumerable.Range(1, losses.Count).Select(i => (double)i).ToArray(),
                    Y = losses.ToArray(),
                },
            ],
            XAxis = new Axis { Title = xTitle },
            YAxis = new Axis { Title = yTitle, Scale = logScale ? AxisScale.Log : AxisScale.Linear },
        };
    }

    // Chart text does not follow KitDisplay.Precision: a figure's JSON stays the same whatever a notebook set.
    internal static string Label(double x) => Numbers.Text(x, 4);

    private static string[] Categories(IReadOnlyList<string>? labels, int n)
    {
        if (labels is null)
        {
            return Enumerable.Range(0, n).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        }

        if (labels.Count != n)
        {
            throw new ArgumentException($"Got {labels.Count} labels for {n} outcomes.", nameof(labels));
        }

        return labels.ToArray();
    }

    // Probabilities never exceed 1; a little headroom keeps the tallest bar off the frame.
    private static double UpperLimit(IEnumerable<double> values)
    {
        var max = Math.Min(1, values.Where(double.IsFinite).DefaultIfEmpty(1).Max());
        return (max > 0 ? max : 1) * 1.08;
    }
}
