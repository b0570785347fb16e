using System.Collections.Immutable;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Running;

namespace SoftmaxNotebooks.Benchmarks;

/// <summary>
/// Runs the cases of one class grouped by element type and length, methods in declaration order, so each target's
/// numerator and denominator (declared next to each other) run seconds apart. The default order groups by category,
/// which put a kit kernel minutes away from its baseline: on a shared machine the load changes in that time.
/// </summary>
public sealed class PairedOrderer : DefaultOrderer
{
    public override IEnumerable<BenchmarkCase> GetExecutionOrder(ImmutableArray<BenchmarkCase> benchmarkCases,
        IEnumerable<BenchmarkLogicalGroupRule>? order = null) =>
        benchmarkCases
            .OrderBy(b => b.Descriptor.Type.FullName, StringComparer.Ordinal)
            .ThenBy(b => (int)b.Parameters["N"])
            .ThenBy(b => b.Descriptor.WorkloadMethod.MetadataToken);
}
