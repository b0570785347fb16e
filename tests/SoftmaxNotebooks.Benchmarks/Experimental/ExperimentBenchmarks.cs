using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace SoftmaxNotebooks.Benchmarks.Experimental;

/// <summary>The single-pass prototype of <see cref="OnlineNormaliser"/>, on the same inputs as <see cref="KernelBenchmarks{T}"/>.</summary>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(double))]
[GenericTypeArguments(typeof(float))]
public class ExperimentBenchmarks<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] z = [];

    // 10², 10⁴, 10⁶, 10⁷: from cache-resident to well past the 32 MiB L3 (10⁷ doubles are 80 MB).
    [Params(100, 10_000, 1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup() => z = Inputs.Logits<T>(N, seed: 1);

    [Benchmark, BenchmarkCategory(Categories.Experiment)]
    public T OnlineLogSumExp() => OnlineNormaliser.LogSumExp<T>(z);
}
