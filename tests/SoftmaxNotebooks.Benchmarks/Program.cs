using BenchmarkDotNet.Running;
using SoftmaxNotebooks.Benchmarks;
using SoftmaxNotebooks.Benchmarks.Experimental;

// --quick: the subset that decides the targets (a few minutes on 2 cores); --accuracy: ulp checks of the
// vectorised exp and of the prototype kernels, no timing. Any other arguments go to BenchmarkDotNet (--filter ...).
bool quick = args.Contains("--quick");
if (args.Contains("--accuracy"))
{
    AccuracyCheck.Run(Console.Out);
    return;
}

string[] rest = [.. args.Where(a => a != "--quick")];
if (!rest.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h"))
{
    rest = [.. rest, "--filter", "*"];
}

var summaries = BenchmarkSwitcher
    .FromTypes([typeof(KernelBenchmarks<>), typeof(PhysicsBenchmarks), typeof(ExperimentBenchmarks<>)])
    .Run(rest, BenchConfig.Create(quick))
    .ToList();
TargetReport.Write(summaries, quick, Console.Out);
