using System.Numerics;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;

namespace SoftmaxNotebooks.Benchmarks;

/// <summary>
/// The kit's span kernels against the TensorPrimitives baselines, same inputs, same run. Destinations are allocated
/// in <see cref="Setup"/>, so the Allocated column shows what the kernels themselves allocate (it must be 0 B).
/// </summary>
[MemoryDiagnoser]
[GenericTypeArguments(typeof(double))]
[GenericTypeArguments(typeof(float))]
public class KernelBenchmarks<T> where T : unmanaged, IFloatingPointIeee754<T>
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

    [Benchmark, BenchmarkCategory(Categories.Kit)]
    public T LogSumExp() => SoftmaxFunctions.LogSumExp<T>(z.AsSpan());

    /// <summary>The n exponentials every stable method must evaluate, written to memory.</summary>
    [Benchmark, BenchmarkCategory(Categories.Baseline)]
    public void TensorPrimitivesExp() => TensorPrimitives.Exp<T>(z, destination);

    /// <summary>One read of z: the memory-bandwidth floor of any pass over the input.</summary>
    [Benchmark, BenchmarkCategory(Categories.Baseline)]
    public T TensorPrimitivesSum() => TensorPrimitives.Sum<T>(z);

    /// <summary>The opt-in parallel LogSumExp on every core (the same bits as <see cref="LogSumExp"/>); it allocates
    /// its per-block arrays and Parallel.For's bookkeeping, so it is not in the zero-allocation check.</summary>
    [Benchmark, BenchmarkCategory(Categories.Parallel)]
    public T LogSumExpAllCores() => SoftmaxFunctions.LogSumExp<T>(z.AsSpan(), Parallelism.AllCores);

    /// <summary>The opt-in parallel softmax on every core (the same bits as <see cref="Softmax"/>).</summary>
    [Benchmark, BenchmarkCategory(Categories.Parallel)]
    public void SoftmaxAllCores() => SoftmaxFunctions.Softmax<T>(z.AsSpan(), destination.AsSpan(), Parallelism.AllCores);

    /// <summary>The opt-in parallel log-softmax on every core (the same bits as <see cref="LogSoftmax"/>).</summary>
    [Benchmark, BenchmarkCategory(Categories.Parallel)]
    public void LogSoftmaxAllCores() => SoftmaxFunctions.LogSoftmax<T>(z.AsSpan(), destination.AsSpan(), Parallelism.AllCores);

    [Benchmark, BenchmarkCategory(Categories.Kit)]
    public void Softmax() => SoftmaxFunctions.Softmax<T>(z.AsSpan(), destination.AsSpan());

    /// <summary>exp(z_i)/Σ exp(z_j) without the shift: overflows for large logits, the speed reference.</summary>
    [Benchmark, BenchmarkCategory(Categories.Baseline)]
    public void TensorPrimitivesSoftMax() => TensorPrimitives.SoftMax<T>(z, destination);

    /// <summary>The stable softmax as a user would compose it from TensorPrimitives: Max, Subtract, Exp, Sum, Divide.</summary>
    [Benchmark, BenchmarkCategory(Categories.Baseline)]
    public void ComposedStableSoftmax()
    {
        T max = TensorPrimitives.Max<T>(z);
        TensorPrimitives.Subtract<T>(z, max, destination);
        TensorPrimitives.Exp<T>(destination, destination);
        T sum = TensorPrimitives.Sum<T>(destination);
        TensorPrimitives.Divide<T>(destination, sum, destination);
    }

    [Benchmark, BenchmarkCategory(Categories.Kit)]
    public void LogSoftmax() => SoftmaxFunctions.LogSoftmax<T>(z.AsSpan(), destination.AsSpan());

    [Benchmark, BenchmarkCategory(Categories.Kit)]
    public T CrossEntropy() => SoftmaxFunctions.CrossEntropyWithLogits<T>(p.AsSpan(), z.AsSpan());

    [Benchmark, BenchmarkCategory(Categories.Kit)]
    public void CrossEntropyGradient() =>
        SoftmaxFunctions.CrossEntropyWithLogitsGradient<T>(p.AsSpan(), z.AsSpan(), destination.AsSpan());

    /// <summary>The textbook stable log-sum-exp composed from TensorPrimitives (scratch = destination).</summary>
    [Benchmark, BenchmarkCategory(Categories.Baseline)]
    public T ComposedStableLogSumExp()
    {
        T max = TensorPrimitives.Max<T>(z);
        TensorPrimitives.Subtract<T>(z, max, destination);
        TensorPrimitives.Exp<T>(destination, destination);
        return max + T.Log(TensorPrimitives.Sum<T>(destination));
    }

    /// <summary>The plain scalar loop: max, then exp and sum, then divide.</summary>
    [Benchmark, BenchmarkCategory(Categories.Baseline)]
    public void ScalarSoftmax()
    {
        T[] x = z;
        T[] d = destination;
        T max = T.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            max = T.Max(max, x[i]);
        }

        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            T e = T.Exp(x[i] - max);
            d[i] = e;
            sum += e;
        }

        for (int i = 0; i < d.Length; i++)
        {
            d[i] /= sum;
        }
    }

    /// <summary>The plain scalar log-sum-exp loop.</summary>
    [Benchmark, BenchmarkCategory(Categories.Baseline)]
    public T ScalarLogSumExp()
    {
        T[] x = z;
        T max = T.NegativeInfinity;
        for (int i = 0; i < x.Length; i++)
        {
            max = T.Max(max, x[i]);
        }

        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            sum += T.Exp(x[i] - max);
        }

        return max + T.Log(sum);
    }
}

/// <summary>Category names used by the filters and the target report.</summary>
public static class Categories
{
    public const string Kit = "Kit";
    public const string Baseline = "Baseline";
    public const string Physics = "Physics";
    public const string Experiment = "Experiment";
    public const string Parallel = "Parallel";
}
