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
    };
}
