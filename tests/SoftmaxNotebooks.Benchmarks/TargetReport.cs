using System.Globalization;
using System.Text;
using BenchmarkDotNet.Reports;

namespace SoftmaxNotebooks.Benchmarks;

/// <summary>One measured case: which method, on what element type and length, its mean time and allocation.</summary>
public sealed record Measurement(string Class, string Type, string Method, string Category, int N, double MeanNs, double MedianNs, long? AllocatedBytes);

/// <summary>
/// The issue's targets, computed from the Mean of the cases of the same run (BenchmarkDotNet's Summary), printed and
/// written to BenchmarkDotNet.Artifacts/results/target-ratios.md.
/// </summary>
public static class TargetReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static IReadOnlyList<Measurement> Collect(IEnumerable<Summary> summaries) =>
    [
        .. from summary in summaries
           from report in summary.Reports
           where report.ResultStatistics is not null
           let descriptor = report.BenchmarkCase.Descriptor
           let type = descriptor.Type
           select new Measurement(
               type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name,
               type.IsGenericType ? type.GetGenericArguments()[0].Name.ToLowerInvariant() : "double",
               descriptor.WorkloadMethod.Name,
               descriptor.Categories.FirstOrDefault() ?? "",
               (int)report.BenchmarkCase.Parameters["N"],
               report.ResultStatistics!.Mean,
               report.ResultStatistics!.Median,
               report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase)),
    ];

    public static void Write(IReadOnlyList<Summary> summaries, bool quick, TextWriter console)
    {
        IReadOnlyList<Measurement> all = Collect(summaries);
        string markdown = Render(all, AllocationCheck.Run(), quick);
        console.WriteLine();
        console.WriteLine(markdown);
        string? directory = summaries.Select(s => s.ResultsDirectoryPath).FirstOrDefault(Directory.Exists);
        if (directory is not null)
        {
            string path = Path.Combine(directory, "target-ratios.md");
            File.WriteAllText(path, markdown);
            console.WriteLine($"Written to {path}");
        }
    }

    public static string Render(IReadOnlyList<Measurement> all, IReadOnlyList<(string Case, long Bytes)> allocations, bool quick)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"## Target ratios ({(quick ? "quick" : "full")} run, {DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", Invariant)} UTC, {Environment.ProcessorCount} logical processors, Vector512 {(System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "accelerated" : "not accelerated")})");
        text.AppendLine();
        text.AppendLine("Ratios of Mean times (the target); in brackets the ratio of Median times, which a busy machine disturbs less.");
        text.AppendLine();
        text.AppendLine("| target | numerator | denominator | ratio (median) | bound | met |");
        text.AppendLine("|---|---|---|---:|---:|---|");
        // The targets of issue 15 (the same on every machine; the torch comparisons are in peers.py's output).
        Ratio(text, all, "LogSumExp, 10⁶ doubles", ("KernelBenchmarks", "double", "LogSumExp", 1_000_000),
            ("KernelBenchmarks", "double", "TensorPrimitivesExp", 1_000_000), 1.1);
        Ratio(text, all, "LogSumExp, 10⁷ doubles", ("KernelBenchmarks", "double", "LogSumExp", 10_000_000),
            ("KernelBenchmarks", "double", "TensorPrimitivesExp", 10_000_000), 1.1);
        Ratio(text, all, "Stable softmax, 10⁶ doubles", ("KernelBenchmarks", "double", "Softmax", 1_000_000),
            ("KernelBenchmarks", "double", "TensorPrimitivesSoftMax", 1_000_000), 1.0);
        Ratio(text, all, "Stable softmax, 10⁷ doubles", ("KernelBenchmarks", "double", "Softmax", 10_000_000),
            ("KernelBenchmarks", "double", "TensorPrimitivesSoftMax", 10_000_000), 1.1);
        Ratio(text, all, "Max-entropy solve, 10⁶ levels", ("PhysicsBenchmarks", "double", "MaxEntropySolve", 1_000_000),
            ("PhysicsBenchmarks", "double", "LogSumExpOfEnergies", 1_000_000), 12);
        var spans = all.Where(m => m.Category == Categories.Kit).ToList();
        long? worst = spans.Count == 0 ? null : spans.Max(m => m.AllocatedBytes ?? long.MaxValue);
        text.AppendLine(Invariant,
            $"| Span overloads allocate nothing (BDN Allocated column) | {spans.Count} kit span cases | | max {(worst is null ? "n/a" : Bytes(worst.Value))} per op | 0 B | {(worst is null ? "not measured" : worst == 0 ? "yes" : "see the exact count")} |");
        long exact = allocations.Count == 0 ? -1 : allocations.Max(a => a.Bytes);
        text.AppendLine(Invariant,
            $"| Span overloads allocate nothing (exact per-thread count) | {allocations.Count} cases × {AllocationCheck.Calls} calls | | {Bytes(exact)} in total | 0 B | {(exact == 0 ? "yes" : "NO: " + string.Join(", ", allocations.Where(a => a.Bytes > 0).Select(a => a.Case)))} |");

        text.AppendLine();
        text.AppendLine("Context (same run; not targets):");
        text.AppendLine();
        text.AppendLine("| comparison | numerator | denominator | ratio (median) |");
        text.AppendLine("|---|---|---|---:|");
        foreach (string type in new[] { "double", "float" })
        {
            Context(text, all, ("KernelBenchmarks", type, "Softmax", 1_000_000), ("KernelBenchmarks", type, "TensorPrimitivesSoftMax", 1_000_000));
            Context(text, all, ("KernelBenchmarks", type, "ComposedStableSoftmax", 1_000_000), ("KernelBenchmarks", type, "TensorPrimitivesSoftMax", 1_000_000));
            Context(text, all, ("KernelBenchmarks", type, "LogSoftmax", 1_000_000), ("KernelBenchmarks", type, "TensorPrimitivesSoftMax", 1_000_000));
            Context(text, all, ("KernelBenchmarks", type, "CrossEntropy", 1_000_000), ("KernelBenchmarks", type, "LogSumExp", 1_000_000));
            Context(text, all, ("KernelBenchmarks", type, "CrossEntropyGradient", 1_000_000), ("KernelBenchmarks", type, "Softmax", 1_000_000));
            Context(text, all, ("KernelBenchmarks", type, "LogSumExp", 1_000_000), ("KernelBenchmarks", type, "TensorPrimitivesExp", 1_000_000));
            Context(text, all, ("ExperimentBenchmarks", type, "OnlineLogSumExp", 1_000_000), ("KernelBenchmarks", type, "TensorPrimitivesExp", 1_000_000));
            Context(text, all, ("KernelBenchmarks", type, "LogSumExp", 10_000_000), ("KernelBenchmarks", type, "TensorPrimitivesSum", 10_000_000));
            Context(text, all, ("KernelBenchmarks", type, "LogSumExpAllCores", 10_000_000), ("KernelBenchmarks", type, "LogSumExp", 10_000_000));
            Context(text, all, ("KernelBenchmarks", type, "LogSumExpAllCores", 1_000_000), ("KernelBenchmarks", type, "LogSumExp", 1_000_000));
            Context(text, all, ("KernelBenchmarks", type, "SoftmaxAllCores", 10_000_000), ("KernelBenchmarks", type, "Softmax", 10_000_000));
            Context(text, all, ("KernelBenchmarks", type, "SoftmaxAllCores", 1_000_000), ("KernelBenchmarks", type, "Softmax", 1_000_000));
            Context(text, all, ("KernelBenchmarks", type, "LogSoftmaxAllCores", 10_000_000), ("KernelBenchmarks", type, "LogSoftmax", 10_000_000));
            Context(text, all, ("KernelBenchmarks", type, "LogSoftmaxAllCores", 1_000_000), ("KernelBenchmarks", type, "LogSoftmax", 1_000_000));
            Context(text, all, ("KernelBenchmarks", type, "LogSoftmax", 10_000_000), ("KernelBenchmarks", type, "TensorPrimitivesSoftMax", 10_000_000));
            Context(text, all, ("KernelBenchmarks", type, "ComposedStableLogSumExp", 10_000_000), ("KernelBenchmarks", type, "TensorPrimitivesExp", 10_000_000));
            Context(text, all, ("ExperimentBenchmarks", type, "OnlineLogSumExp", 10_000_000), ("KernelBenchmarks", type, "TensorPrimitivesExp", 10_000_000));
            Context(text, all, ("KernelBenchmarks", type, "TensorPrimitivesExp", 10_000_000), ("KernelBenchmarks", type, "TensorPrimitivesSum", 10_000_000));
        }

        Context(text, all, ("PhysicsBenchmarks", "double", "GibbsStateFromBeta", 1_000_000), ("PhysicsBenchmarks", "double", "LogSumExpOfEnergies", 1_000_000));
        Context(text, all, ("PhysicsBenchmarks", "double", "MaxEntropySolve", 10_000_000), ("PhysicsBenchmarks", "double", "LogSumExpOfEnergies", 10_000_000));
        text.AppendLine();
        text.AppendLine("All measured cases (allocated is per operation):");
        text.AppendLine();
        text.AppendLine("| class | type | method | N | mean | median | allocated |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|");
        foreach (Measurement m in all.OrderBy(m => m.Class, StringComparer.Ordinal).ThenBy(m => m.Type, StringComparer.Ordinal)
                     .ThenBy(m => m.N).ThenBy(m => m.Method, StringComparer.Ordinal))
        {
            text.AppendLine(Invariant, $"| {m.Class} | {m.Type} | {m.Method} | {m.N} | {Time(m.MeanNs)} | {Time(m.MedianNs)} | {(m.AllocatedBytes is { } b ? Bytes(b) : "?")} |");
        }

        return text.ToString();
    }

    private static Measurement? Find(IReadOnlyList<Measurement> all, (string Class, string Type, string Method, int N) key) =>
        all.FirstOrDefault(m => m.Class == key.Class && m.Type == key.Type && m.Method == key.Method && m.N == key.N);

    private static void Ratio(StringBuilder text, IReadOnlyList<Measurement> all, string name,
        (string, string, string, int) numeratorKey, (string, string, string, int) denominatorKey, double bound)
    {
        Measurement? numerator = Find(all, numeratorKey), denominator = Find(all, denominatorKey);
        if (numerator is null || denominator is null)
        {
            text.AppendLine(Invariant, $"| {name} | {Label(numeratorKey)} | {Label(denominatorKey)} | not measured | ≤ {bound} | ? |");
            return;
        }

        double ratio = numerator.MeanNs / denominator.MeanNs;
        double medianRatio = numerator.MedianNs / denominator.MedianNs;
        text.AppendLine(Invariant,
            $"| {name} | {Label(numeratorKey)} {Time(numerator.MeanNs)} | {Label(denominatorKey)} {Time(denominator.MeanNs)} | {ratio.ToString("F2", Invariant)}× ({medianRatio.ToString("F2", Invariant)}×) | ≤ {bound.ToString(Invariant)}× | {(ratio <= bound ? "yes" : "NO")} |");
    }

    private static void Context(StringBuilder text, IReadOnlyList<Measurement> all,
        (string, string, string, int) numeratorKey, (string, string, string, int) denominatorKey)
    {
        Measurement? numerator = Find(all, numeratorKey), denominator = Find(all, denominatorKey);
        if (numerator is not null && denominator is not null)
        {
            text.AppendLine(Invariant,
                $"| {numeratorKey.Item2} n={numeratorKey.Item4.ToString(Invariant)} | {Label(numeratorKey)} {Time(numerator.MeanNs)} | {Label(denominatorKey)} {Time(denominator.MeanNs)} | {(numerator.MeanNs / denominator.MeanNs).ToString("F2", Invariant)}× ({(numerator.MedianNs / denominator.MedianNs).ToString("F2", Invariant)}×) |");
        }
    }

    private static string Label((string Class, string Type, string Method, int N) key) => key.Method;

    private static string Time(double ns) => ns switch
    {
        >= 1e6 => (ns / 1e6).ToString("F3", Invariant) + " ms",
        >= 1e3 => (ns / 1e3).ToString("F2", Invariant) + " µs",
        _ => ns.ToString("F1", Invariant) + " ns",
    };

    private static string Bytes(long bytes) => bytes.ToString(Invariant) + " B";
}
