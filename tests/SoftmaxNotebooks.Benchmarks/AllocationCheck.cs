using System.Globalization;
using System.Numerics;

namespace SoftmaxNotebooks.Benchmarks;

/// <summary>
/// The allocation target measured exactly: GC.GetAllocatedBytesForCurrentThread around repeated calls of every kit
/// span kernel, after warm-up. BenchmarkDotNet's Allocated column divides a process-wide byte count by the number of
/// operations, so a runtime allocation on another thread (seen once as 336 B in a TensorPrimitives.Exp baseline) can
/// show up as a few bytes per operation; this count cannot.
/// </summary>
public static class AllocationCheck
{
    public const int Calls = 20;

    public static IReadOnlyList<(string Case, long Bytes)> Run()
    {
        var results = new List<(string, long)>();
        foreach (int n in new[] { 100, 10_000, 1_000_000 })
        {
            Measure(results, new KernelBenchmarks<double> { N = n }, "double", n);
            Measure(results, new KernelBenchmarks<float> { N = n }, "float", n);
        }

        return results;
    }

    private static void Measure<T>(List<(string, long)> results, KernelBenchmarks<T> benchmarks, string type, int n)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        benchmarks.Setup();
        (string Name, Action Call)[] kernels =
        [
            (nameof(benchmarks.LogSumExp), () => benchmarks.LogSumExp()),
            (nameof(benchmarks.Softmax), benchmarks.Softmax),
            (nameof(benchmarks.LogSoftmax), benchmarks.LogSoftmax),
            (nameof(benchmarks.CrossEntropy), () => benchmarks.CrossEntropy()),
            (nameof(benchmarks.CrossEntropyGradient), benchmarks.CrossEntropyGradient),
        ];
        foreach ((string name, Action call) in kernels)
        {
            for (int i = 0; i < 3; i++)
            {
                call();
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < Calls; i++)
            {
                call();
            }

            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            results.Add((string.Create(CultureInfo.InvariantCulture, $"{name}<{type}> n={n}"), bytes));
        }
    }
}
