using System.Globalization;
using System.Runtime.Versioning;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Execution.Sandbox;

/// <summary>One sandboxed kernel's cgroups (when the runner is root): what it ran into, and its end.</summary>
/// <param name="group">The cgroups, or null without them.</param>
/// <param name="limits">The limits, for messages.</param>
[SupportedOSPlatform("linux")]
internal sealed class SandboxScope(CgroupGroup? group, SandboxLimits limits) : IKernelScope
{
    /// <summary>The processes of the sandbox still alive (from its cgroup; empty without cgroups).</summary>
    public IReadOnlyList<int> Processes() => group?.Processes() ?? [];

    /// <summary>The most memory the sandbox used (bytes), or null without cgroups.</summary>
    public long? PeakMemoryBytes => group?.PeakMemoryBytes;

    /// <inheritdoc/>
    public string? LimitsHit()
    {
        if (group is null)
        {
            return null;
        }

        var hits = new List<string>();
        if (group.OomKills > 0)
        {
            hits.Add(string.Create(CultureInfo.InvariantCulture, $"the memory limit ({ByteCount.Format(limits.MemoryBytes)}) was reached: {group.OomKills} process(es) killed"));
        }

        if (group.TaskLimitHits > 0)
        {
            hits.Add(string.Create(CultureInfo.InvariantCulture, $"the limit of {limits.MaxTasks} processes and threads refused {group.TaskLimitHits} start(s)"));
        }

        return hits.Count == 0 ? null : string.Join("; ", hits);
    }

    /// <summary>
    /// Kills whatever is left in the cgroups and removes them. (bwrap's end has ended everything already: its pid
    /// namespace's init dies with it, and the kernel ends every process of a namespace whose init died.)
    /// </summary>
    public ValueTask DisposeAsync()
    {
        group?.Dispose();
        return ValueTask.CompletedTask;
    }
}
