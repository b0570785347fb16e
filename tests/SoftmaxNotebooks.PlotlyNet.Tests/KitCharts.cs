using SoftmaxNotebooks.Display;

namespace SoftmaxNotebooks.PlotlyNet.Tests;

/// <summary>One figure from every chart helper of the kit.</summary>
internal static class KitCharts
{
    public static IReadOnlyDictionary<string, Func<Figure>> All { get; } = new Dictionary<string, Func<Figure>>
    {
        ["Bars"] = () => Charts.Bars([0.1, 0.2, 0.7], ["a", "b", "c"], "Three outcomes"),
        ["Bars, two"] = () => Charts.Bars([0.5, 0.5], [0.9, 0.1], null, "p and q", "data", "model"),
        ["Slider"] = () => Charts.Slider(["10", "1", "0.1"], [[0.3, 0.7], [0.2, 0.8], [0, 1]], ["x", "y"], "s", "T = ", 1),
        ["StepSweep"] = () => Charts.StepSweep([1e-1, 1e-3, 1e-5], [1e-3, 1e-7, 1e-6]),
        ["LossCurve"] = () => Charts.LossCurve([2, 1, 0.5, 0.25], logScale: true),
        ["Distribution"] = () => Charts.Distribution(Distribution.FromProbabilities([0.25, 0.75], ["x", "y"])),
        ["Compare"] = () => Charts.Compare(Distribution.FromProbabilities([0.5, 0.5]), Distribution.FromProbabilities([0.25, 0.75])),
        ["SoftmaxTemperatureSlider"] = () => Charts.SoftmaxTemperatureSlider([1.0, 2.0, 3.0], ["a", "b", "c"]),
        ["GibbsTemperatureSlider"] = () => Charts.GibbsTemperatureSlider(EnergySpectrum.RigidRotor(4)),
        ["LogSumExpTemperature"] = () => Charts.LogSumExpTemperature([1.0, 2.0, 3.0], 21),
        ["MaxEntropyCurves"] = () => Charts.MaxEntropyCurves(MaxEntropy.Solve([1, 2, 3, 4, 5, 6], 4.5), 21),
        ["StepSweep, result"] = () => Charts.StepSweep(GradientCheck.SweepGradient(z => SoftmaxFunctions.LogSumExp(z), SoftmaxFunctions.Softmax, [0.5, -1.0])),
        ["SigmoidVsSoftmax"] = () => Charts.SigmoidVsSoftmax(-3, 3, 13),
        ["DecisionRegions"] = () => Charts.DecisionRegions([0, 1, 2], [10, 20], new[,] { { 0, 2 }, { 1, 2 }, { 1, 2 } }, ["a", "b", "c"],
            [(0.5, 10, 0), (1.5, 20, 2), (2, 10, 1)], "petal length", "petal width", "Decision regions"),
        ["Reliability"] = () => Charts.Reliability([0.95, 0.95, 0.85, 0.65, 0.62], [true, false, true, true, false], 5),
        ["Colours and opacity"] = () => new Figure
        {
            Title = string.Join(" ", Enumerable.Repeat("a long title that wraps", 6)),
            Traces =
            [
                new Trace { Kind = TraceKind.Lines, Name = "l", Y = [1, 2], Color = "#123456", Dash = LineDash.Dot },
                new Trace { Kind = TraceKind.LinesAndMarkers, Name = "lm", Y = [2, 3], Color = "#654321", Opacity = 0.5, MarkerSize = 8 },
                new Trace { Kind = TraceKind.Markers, Name = "m", Y = [3, 1], Color = "red", Opacity = 0.25 },
            ],
        },
        ["Bars, coloured"] = () => new Figure
        {
            Title = "coloured bars",
            Traces = [new Trace { Kind = TraceKind.Bar, Name = "b", Categories = ["u", "v"], Y = [1, 2], Color = "#009E73", Opacity = 0.5 }],
        },
    };
}
