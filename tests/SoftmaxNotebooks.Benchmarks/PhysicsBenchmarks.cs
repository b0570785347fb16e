using BenchmarkDotNet.Attributes;

namespace SoftmaxNotebooks.Benchmarks;

/// <summary>
/// The Gibbs state and the max-entropy solve over a spectrum of N levels, next to one LogSumExp over the same
/// energies (the unit the solve is measured in). These take arrays and build result objects, so they allocate.
/// </summary>
[MemoryDiagnoser]
public class PhysicsBenchmarks
{
    /// <summary>Target mean energy: a quarter of the way up a spectrum uniform in [0, 1), so β is positive and moderate.</summary>
    public const double TargetMean = 0.25;

    private double[] energies = [];

    // 10², 10⁴, 10⁶, 10⁷: from cache-resident to well past the 32 MiB L3 (10⁷ doubles are 80 MB).
    [Params(100, 10_000, 1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => energies = Energies(N);

    public static double[] Energies(int n)
    {
        var random = new Random(3);
        var e = new double[n];
        for (int i = 0; i < n; i++)
        {
            e[i] = random.NextDouble();
        }

        return e;
    }

    [Benchmark, BenchmarkCategory(Categories.Physics)]
    public double LogSumExpOfEnergies() => SoftmaxFunctions.LogSumExp<double>(energies.AsSpan());

    [Benchmark, BenchmarkCategory(Categories.Physics)]
    public double MaxEntropySolve() => MaxEntropy.Solve(energies, TargetMean).Beta;

    [Benchmark, BenchmarkCategory(Categories.Physics)]
    public double GibbsStateFromBeta()
    {
        var state = GibbsState.FromBeta(energies, beta: 3.0);
        return state.LogZ + state.MeanEnergy + state.HeatCapacity;
    }
}
