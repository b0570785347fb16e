using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Filters;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace SoftmaxNotebooks.Benchmarks;

/// <summary>The two run configurations: the full grid, and the quick subset that decides the targets.</summary>
public static class BenchConfig
{
    /// <summary>
    /// A fixed number of iterations, so the run length is predictable on a shared machine. Out of process (the default
    /// toolchain): in-process runs showed a few hundred bytes per operation from the host's own threads in the
    /// Allocated column, which would hide whether a kernel allocates. Tiered compilation is off: with it, a tier-up
    /// finishing during the memory-diagnoser iteration put a one-time 84 B into TensorPrimitives.Exp's row, and every
    /// method (kit and baseline alike) is measured as fully optimised code from the first call.
    /// </summary>
    /// <remarks>With <paramref name="inProcess"/> the cases run inside this process (InProcessEmitToolchain): the
    /// only way from a self-contained publish on a machine without the .NET SDK (device/run.sh). Set
    /// DOTNET_TieredCompilation=0 in the environment then, as the out-of-process job does.</remarks>
    public static IConfig Create(bool quick, bool inProcess = false)
    {
        Job job = new Job(quick ? "Quick" : "Full")
            .WithLaunchCount(1)
            .WithWarmupCount(quick ? 3 : 4)
            .WithIterationCount(15)
            .WithIterationTime(TimeInterval.FromMilliseconds(quick ? 200 : 250))
            .WithEnvironmentVariable("DOTNET_TieredCompilation", "0");
        if (inProcess)
        {
            job = job.WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance);
        }

        IConfig config = DefaultConfig.Instance.AddJob(job.AsDefault()).WithOrderer(new PairedOrderer());
        return quick ? config.AddFilter(new SimpleFilter(IsQuickCase)) : config;
    }

    /// <summary>The cases the targets are computed from, plus float and the online prototype at the same sizes.</summary>
    public static bool IsQuickCase(BenchmarkCase benchmark)
    {
        int n = (int)benchmark.Parameters["N"];
        string method = benchmark.Descriptor.WorkloadMethod.Name;
        Type type = benchmark.Descriptor.Type;
        bool isDouble = !type.IsGenericType || type.GetGenericArguments()[0] == typeof(double);
        bool category(string name) => benchmark.Descriptor.Categories.Contains(name);
        return n switch
        {
            1_000_000 when category(Categories.Kit) || category(Categories.Physics) || category(Categories.Experiment)
                || (isDouble && category(Categories.Parallel)) => true,
            1_000_000 => method is nameof(KernelBenchmarks<double>.TensorPrimitivesSoftMax)
                or nameof(KernelBenchmarks<double>.ComposedStableSoftmax)
                or nameof(KernelBenchmarks<double>.TensorPrimitivesExp),
            10_000_000 => isDouble && method is nameof(KernelBenchmarks<double>.LogSumExp)
                or nameof(KernelBenchmarks<double>.LogSumExpAllCores)
                or nameof(KernelBenchmarks<double>.SoftmaxAllCores)
                or nameof(KernelBenchmarks<double>.LogSoftmaxAllCores)
                or nameof(KernelBenchmarks<double>.Softmax)
                or nameof(KernelBenchmarks<double>.LogSoftmax)
                or nameof(KernelBenchmarks<double>.TensorPrimitivesSoftMax)
                or nameof(KernelBenchmarks<double>.TensorPrimitivesExp)
                or nameof(KernelBenchmarks<double>.TensorPrimitivesSum)
                or nameof(KernelBenchmarks<double>.ComposedStableLogSumExp)
                or nameof(Experimental.ExperimentBenchmarks<double>.OnlineLogSumExp),
            _ => false,
        };
    }
}
