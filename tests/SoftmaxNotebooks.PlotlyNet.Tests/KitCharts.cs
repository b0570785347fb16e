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
    };
}
