using BenchmarkDotNet.Running;
using SoftmaxNotebooks.Benchmarks;
using SoftmaxNotebooks.Benchmarks.Experimental;

// --quick: the subset that decides the targets (a few minutes on 2 cores); --accuracy: ulp checks of the
// vectorised exp and of the prototype kernels, no timing; --paired: the target ratios by thread CPU time (a loaded
// machine); --inprocess: run the cases in this process (from a
// self-contained publish without the SDK, device/run.sh). Any other arguments go to BenchmarkDotNet (--filter ...).
bool quick = args.Contains("--quick");
bool inProcess = args.Contains("--inprocess");
if (args.Contains("--accuracy"))
{
    AccuracyCheck.Run(Console.Out);
    return;
}

if (args.Contains("--paired"))
{
    PairedCpuCheck.Run(Console.Out, rounds: 61);
    return;
}

string[] rest = [.. args.Where(a => a is not ("--quick" or "--inprocess"))];
if (!rest.Any(a => a is "--filter" or "-f" or "--list" or "--help" or "-h"))
{
    rest = [.. rest, "--filter", "*"];
}

var summaries = BenchmarkSwitcher
    .FromTypes([typeof(KernelBenchmarks<>), typeof(PhysicsBenchmarks), typeof(ExperimentBenchmarks<>)])
    .Run(rest, BenchConfig.Create(quick, inProcess))
    .ToList();
TargetReport.Write(summaries, quick, Console.Out);
