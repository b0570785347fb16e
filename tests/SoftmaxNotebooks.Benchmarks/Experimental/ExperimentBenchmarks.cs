using System.Numerics;
using BenchmarkDotNet.Attributes;

namespace SoftmaxNotebooks.Benchmarks.Experimental;

/// <summary>The prototypes of <see cref="FusedKernels"/>, on the same inputs as <see cref="KernelBenchmarks{T}"/>.</summary>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(double))]
[GenericTypeArguments(typeof(float))]
public class ExperimentBenchmarks<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private T[] z = [];
    private T[] p = [];
    private T[] destination = [];

    // 10², 10⁴, 10⁶, 10⁷: from cache-resident to well past the 32 MiB L3 (10⁷ doubles are 80 MB).
    [Params(100, 10_000, 1_000_000, 10_000_000)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        z = Inputs.Logits<T>(N, seed: 1);
        p = Inputs.Target<T>(N, seed: 2);
        destination = new T[N];
    }

    [Benchmark, BenchmarkCategory(Categories.Experiment)]
    public T FusedLogSumExp() => FusedKernels.LogSumExp<T>(z);

    [Benchmark, BenchmarkCategory(Categories.Experiment)]
    public T OnlineLogSumExp() => FusedKernels.LogSumExpOnline<T>(z);

    [Benchmark, BenchmarkCategory(Categories.Experiment)]
    public void FusedSoftmax() => FusedKernels.Softmax<T>(z, destination);

    [Benchmark, BenchmarkCategory(Categories.Experiment)]
    public void FusedLogSoftmax() => FusedKernels.LogSoftmax<T>(z, destination);

    [Benchmark, BenchmarkCategory(Categories.Experiment)]
    public T FusedCrossEntropy() => FusedKernels.CrossEntropy<T>(p, z);

    [Benchmark, BenchmarkCategory(Categories.Experiment)]
    public void FusedCrossEntropyGradient() => FusedKernels.CrossEntropyGradient<T>(p, z, destination);
}
