using System.Diagnostics;
using System.Globalization;

namespace SoftmaxNotebooks.Runner.Execution.Sandbox;

/// <summary>
/// One submission's cgroup v1 <c>memory</c> and <c>pids</c> groups: a memory limit and a task limit on everything the
/// submission starts, whatever it forks, and the list of its processes to kill at the end. Created per submission
/// and removed after; needs root (this is the limit a sandbox gets when the runner is root; without it
/// <see cref="KernelSandbox"/> falls back to a per-process data limit).
/// </summary>
internal sealed class CgroupGroup : IDisposable
{
    private const string Root = "/sys/fs/cgroup";
    private const string Parent = "softmax-notebooks";
    private static int next;

    private readonly string memory;
    private readonly string pids;

    private CgroupGroup(string memory, string pids)
    {
        this.memory = memory;
        this.pids = pids;
    }

    /// <summary>True when cgroup v1 memory and pids controllers are mounted and this process may create groups (root).</summary>
    public static bool Available { get; } = Environment.IsPrivilegedProcess
        && File.Exists(Path.Combine(Root, "memory", "cgroup.procs")) && File.Exists(Path.Combine(Root, "memory", "memory.limit_in_bytes"))
        && File.Exists(Path.Combine(Root, "pids", "cgroup.procs"));

    /// <summary>The two <c>cgroup.procs</c> files a process writes its pid into to join both groups (before it starts anything).</summary>
    public IReadOnlyList<string> ProcsFiles => [Path.Combine(memory, "cgroup.procs"), Path.Combine(pids, "cgroup.procs")];

    /// <summary>Creates the groups with their limits.</summary>
    /// <param name="memoryBytes">The memory limit (swap included where the kernel accounts swap).</param>
    /// <param name="maxTasks">The limit on processes and threads.</param>
    /// <exception cref="IOException">A group could not be created or limited.</exception>
    public static CgroupGroup Create(long memoryBytes, int maxTasks)
    {
        _ = StaleRemoved.Value;
        var name = string.Create(CultureInfo.InvariantCulture, $"sandbox-{Environment.ProcessId}-{Interlocked.Increment(ref next)}");
        var memory = Directory.CreateDirectory(Path.Combine(Root, "memory", Parent, name)).FullName;
        var pids = Directory.CreateDirectory(Path.Combine(Root, "pids", Parent, name)).FullName;
        var group = new CgroupGroup(memory, pids);
        try
        {
            var limit = memoryBytes.ToString(CultureInfo.InvariantCulture);
            File.WriteAllText(Path.Combine(memory, "memory.limit_in_bytes"), limit);
            // Without swap accounting the file is absent and there is no swap to limit.
            var withSwap = Path.Combine(memory, "memory.memsw.limit_in_bytes");
            if (File.Exists(withSwap))
            {
                File.WriteAllText(withSwap, limit);
            }

            File.WriteAllText(Path.Combine(pids, "pids.max"), maxTasks.ToString(CultureInfo.InvariantCulture));
            return group;
        }
        catch
        {
            group.Dispose();
            throw;
        }
    }

    // A runner that was killed could not remove its groups (their processes died with bwrap): the first group of a
    // later runner removes those whose runner is gone.
    private static readonly Lazy<bool> StaleRemoved = new(() =>
    {
        foreach (var controller in new[] { "memory", "pids" })
        {
            var parent = Path.Combine(Root, controller, Parent);
            if (!Directory.Exists(parent))
            {
                continue;
            }

            foreach (var folder in Directory.EnumerateDirectories(parent, "sandbox-*"))
            {
                var runner = Path.GetFileName(folder).Split('-')[1];
                if (!Directory.Exists("/proc/" + runner))
                {
                    new CgroupGroup(folder, folder).Dispose();
                }
            }
        }

        return true;
    });

    /// <summary>The most memory the group used, in bytes.</summary>
    public long PeakMemoryBytes => ReadLong(Path.Combine(memory, "memory.max_usage_in_bytes"));

    /// <summary>How often the memory limit stopped an allocation (the kernel then reclaims or OOM-kills in the group).</summary>
    public long MemoryLimitHits => ReadLong(Path.Combine(memory, "memory.failcnt"));

    /// <summary>Processes the kernel's OOM killer ended in this group.</summary>
    public long OomKills => ReadField(Path.Combine(memory, "memory.oom_control"), "oom_kill");

    /// <summary>How often a fork or thread start was refused by the task limit.</summary>
    public long TaskLimitHits => ReadField(Path.Combine(pids, "pids.events"), "max");

    /// <summary>The processes in the group now.</summary>
    public IReadOnlyList<int> Processes() => ProcsFiles.SelectMany(ReadPids).Distinct().ToList();

    /// <summary>Kills every process in the group, until none is left or five seconds have passed.</summary>
    /// <returns>True when the group is empty.</returns>
    public bool KillAll()
    {
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            var left = Processes();
            if (left.Count == 0)
            {
                return true;
            }

            if (stopwatch.Elapsed > TimeSpan.FromSeconds(5))
            {
                return false;
            }

            foreach (var pid in left)
            {
                try
                {
                    using var process = Process.GetProcessById(pid);
                    process.Kill();
                }
                catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
                {
                    // Gone between the listing and the kill.
                }
            }

            Thread.Sleep(20);
        }
    }

    /// <summary>Kills what is left and removes both groups (a group with processes cannot be removed; it then stays, empty of limits' purpose, and is named in the error output).</summary>
    public void Dispose()
    {
        KillAll();
        foreach (var folder in new[] { memory, pids })
        {
            for (var attempt = 0; attempt < 50 && Directory.Exists(folder); attempt++)
            {
                try
                {
                    Directory.Delete(folder);
                }
                catch (IOException) when (attempt < 49)
                {
                    // The last task is still exiting.
                    Thread.Sleep(20);
                }
                catch (IOException e)
                {
                    Console.Error.WriteLine($"warning: could not remove the sandbox's cgroup {folder}: {e.Message}");
                }
            }
        }
    }

    private static IEnumerable<int> ReadPids(string file)
    {
        try
        {
            return File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => int.Parse(l, CultureInfo.InvariantCulture)).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    private static long ReadLong(string file)
    {
        try
        {
            return long.Parse(File.ReadAllText(file).Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }

    /// <summary>The number after <paramref name="field"/> in a "name value" per line file (memory.oom_control, pids.events).</summary>
    private static long ReadField(string file, string field)
    {
        try
        {
            return File.ReadAllLines(file).Select(l => l.Split(' ', 2)).Where(p => p.Length == 2 && p[0] == field)
                .Select(p => long.Parse(p[1], CultureInfo.InvariantCulture)).FirstOrDefault();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return 0;
        }
    }
}
