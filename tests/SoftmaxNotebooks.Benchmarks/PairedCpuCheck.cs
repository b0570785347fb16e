using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace SoftmaxNotebooks.Benchmarks;

/// <summary>
/// The target ratios timed by the calling thread's CPU time (Linux CLOCK_THREAD_CPUTIME_ID), numerator and denominator
/// interleaved call by call. On a shared machine with a load far above its core count, wall-clock ratios move by
/// ±20–30 % between runs because a case is descheduled for whole time slices; the thread's CPU time leaves those out
/// (what remains is the sharing of caches and memory bandwidth), and the same ratio of medians moved by about ±5–10 %
/// between runs on the 2-core development machine under a load of 15–40. A check for such a machine, not a replacement for
/// BenchmarkDotNet's wall-clock numbers on a quiet one.
/// </summary>
public static class PairedCpuCheck
{
    public static void Run(TextWriter output, int rounds)
    {
        if (!OperatingSystem.IsLinux())
        {
            output.WriteLine("--paired reads CLOCK_THREAD_CPUTIME_ID and runs on Linux only.");
            return;
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Paired thread-CPU ratios, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {rounds} interleaved rounds, medians (ms); wall-clock minimum in brackets"));
        foreach (int n in new[] { 1_000_000, 10_000_000 })
        {
            var b = new KernelBenchmarks<double> { N = n };
            b.Setup();
            (string Name, Action Call)[] cases =
            [
                (nameof(b.TensorPrimitivesExp), b.TensorPrimitivesExp),
                (nameof(b.LogSumExp), () => b.LogSumExp()),
                (nameof(b.TensorPrimitivesSoftMax), b.TensorPrimitivesSoftMax),
                (nameof(b.Softmax), b.Softmax),
                (nameof(b.LogSoftmax), b.LogSoftmax),
            ];
            int repeats = Math.Max(1, 4_000_000 / n);
            var cpu = cases.Select(_ => new List<double>()).ToArray();
            var wall = cases.Select(_ => new List<double>()).ToArray();
            for (int warm = 0; warm < 3; warm++)
            {
                foreach ((_, Action call) in cases)
                {
                    call();
                }
            }

            for (int round = 0; round < rounds; round++)
            {
                for (int c = 0; c < cases.Length; c++)
                {
                    double cpuStart = ThreadCpuMilliseconds();
                    long wallStart = Stopwatch.GetTimestamp();
                    for (int r = 0; r < repeats; r++)
                    {
                        cases[c].Call();
                    }

                    wall[c].Add(Stopwatch.GetElapsedTime(wallStart).TotalMilliseconds / repeats);
                    cpu[c].Add((ThreadCpuMilliseconds() - cpuStart) / repeats);
                }
            }

            double Median(int c) => cpu[c].Order().ElementAt(cpu[c].Count / 2);
            string times = string.Join(", ", cases.Select((k, c) =>
                string.Create(CultureInfo.InvariantCulture, $"{k.Name} {Median(c):F3} ({wall[c].Min():F3})")));
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"double n={n}: {times}"));
            string Ratio(int numerator, int denominator) => string.Create(CultureInfo.InvariantCulture,
                $"{cases[numerator].Name}/{cases[denominator].Name} {Median(numerator) / Median(denominator):F2}× ({wall[numerator].Min() / wall[denominator].Min():F2}×)");
            output.WriteLine($"  {Ratio(1, 0)}; {Ratio(3, 2)}; {Ratio(4, 2)}");
        }
    }

    private static double ThreadCpuMilliseconds()
    {
        const int threadCpuTimeClock = 3;
        _ = ClockGetTime(threadCpuTimeClock, out TimeSpec time);
        return (time.Seconds * 1e3) + (time.Nanoseconds * 1e-6);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);
}
