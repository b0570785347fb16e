using System.Globalization;
using SoftmaxNotebooks;
using static SoftmaxNotebooks.SoftmaxFunctions;

// Touches every area of the core a trimmed app might use; prints values the test compares with the untrimmed core.
double[] z = [1.0, 2.0, 3.0, double.NegativeInfinity];
double[] buffer = new double[z.Length];
Softmax(z, buffer);
double[] large = new double[300_000];
for (int i = 0; i < large.Length; i++)
{
    large[i] = Math.Sin(i) * 30;
}

var gibbs = GibbsState.FromBeta([0.0, 1.0, 2.0], 0.5, [1.0, 3.0, 5.0]);
var maxEnt = MaxEntropy.Solve([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], meanEnergy: 4.5);
var claim = Check.Close(LogSumExp([0.0, -40.0]), 4.248354255291589e-18, 0, "LSE([0, -40])");
string[] lines =
[
    $"lse {LogSumExp([0.0, -40.0]):R}",
    $"softmax {string.Join(' ', buffer.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}",
    $"weighted {WeightedLogSumExp(z, [1.0, 2.0, 3.0, 4.0]):R}",
    $"logsoftmax {LogSoftmax([0.0, -800.0])[1]:R}",
    $"large {LogSumExp(large):R}",
    $"parallel {LogSumExp(large, Parallelism.Threads(3)):R}",
    $"float {LogSumExp([1f, 2f, 3f]):R}",
    $"crossentropy {CrossEntropyWithLogits(1, [0.5, 2.0, -1.0]):R}",
    $"gibbs {gibbs.LogZ:R} {gibbs.MeanEnergy:R}",
    $"maxent {maxEnt.Beta:R}",
    $"claim {claim.Passed}",
];
// InvariantGlobalization (the project) makes every number above culture-invariant.
Console.WriteLine(string.Join('\n', lines));
