using System.Diagnostics;
using System.Runtime.Versioning;
using SoftmaxNotebooks.Runner.Execution.Sandbox;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>
/// How a sandbox ends: every process in it dies with it (detached ones too), with its parent when the runner is
/// killed, and by the memory limit when a cell takes native memory beyond it. Each test has its own kernel.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class SandboxEndTests
{
    private static readonly Lazy<KernelSandbox> Sandbox = new(() => KernelSandbox.Create(SandboxLimits.Default, []));

    [Fact]
    public async Task A_detached_background_process_dies_with_the_sandbox()
    {
        using var work = new TempFolder("sandbox-daemon");
        List<(int Pid, string Command)> before;
        await using (var kernel = await SandboxedKernel.StartAsync(Sandbox.Value, work.Path))
        {
            var result = await kernel.SubmitAsync("""
                System.Diagnostics.Process.Start("/bin/sh", new[] { "-c", "setsid nohup /bin/sleep 1001 >/dev/null 2>&1 < /dev/null & (/bin/sleep 1002 &) ; exit 0" })!.WaitForExit();
                Console.WriteLine("detached");
                """);
            Assert.True(result.Succeeded, result.ToString());
            // The detached shells exec their sleeps a moment after the cell returns.
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while ((before = Snapshot(kernel.Scope.Processes())).Count(p => p.Command.StartsWith("/bin/sleep 100", StringComparison.Ordinal)) < 2 && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(100, TestContext.Current.CancellationToken);
            }

            Assert.Contains(before, p => p.Command == "/bin/sleep 1001");
            Assert.Contains(before, p => p.Command == "/bin/sleep 1002");
        }

        Assert.Empty(StillAlive(before));
    }

    [Fact]
    public async Task A_kernel_started_from_a_thread_that_ends_keeps_running()
    {
        using var work = new TempFolder("sandbox-thread");
        SandboxedKernel? kernel = null;
        // The starting thread ends at once: bwrap's parent-death signal must not follow it.
        var thread = new Thread(() => kernel = SandboxedKernel.StartAsync(Sandbox.Value, work.Path).GetAwaiter().GetResult());
        thread.Start();
        thread.Join();
        await Task.Delay(1000, TestContext.Current.CancellationToken);
        await using (kernel!)
        {
            var result = await kernel!.SubmitAsync("Console.WriteLine(\"alive\");");
            Assert.True(result.Succeeded && result.Output.Contains("alive", StringComparison.Ordinal), result.ToString());
        }
    }

    [Fact]
    public async Task Native_memory_beyond_the_limit_ends_the_kernel_and_says_why()
    {
        using var work = new TempFolder("sandbox-oom");
        await using var kernel = await SandboxedKernel.StartAsync(Sandbox.Value, work.Path);
        var result = await kernel.SubmitAsync("""
            var size = 8L << 30;
            var block = System.Runtime.InteropServices.Marshal.AllocHGlobal((nint)size);
            for (long i = 0; i < size; i += 4096) { System.Runtime.InteropServices.Marshal.WriteByte(block, (int)0, 1); block += 4096; }
            Console.WriteLine("TOUCHED 8 GB");
            """, TimeSpan.FromMinutes(3));
        Assert.False(result.Succeeded, result.ToString());
        Assert.DoesNotContain("TOUCHED", result.Output, StringComparison.Ordinal);
        Assert.Contains("memory limit (1.5 GiB) was reached", kernel.Scope.LimitsHit(), StringComparison.Ordinal);
    }

    private static List<(int Pid, string Command)> Snapshot(IReadOnlyList<int> pids) => pids.Select(pid => (pid, ContainmentTests.Command(pid))).ToList();

    /// <summary>The processes of a snapshot that still run the same command.</summary>
    private static List<string> StillAlive(List<(int Pid, string Command)> snapshot) =>
        snapshot.Where(p => p.Command.Length > 0 && ContainmentTests.Command(p.Pid) == p.Command).Select(p => p.Pid + " " + p.Command).ToList();

    /// <summary>
    /// Processes of the sandbox's user that no running runner owns: what a grader would have left behind. (Another
    /// test's sandbox, whose runner is alive, is in that runner's cgroups.)
    /// </summary>
    internal static IReadOnlyList<string> LeftBehind()
    {
        var uid = SandboxLimits.Default.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var left = new List<string>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid) || ContainmentTests.HostUid(pid) != uid)
            {
                continue;
            }

            try
            {
                var group = CgroupOwner().Match(File.ReadAllText(Path.Combine(folder, "cgroup")));
                if (!group.Success || !Directory.Exists("/proc/" + group.Groups["runner"].Value))
                {
                    left.Add($"{pid} {ContainmentTests.Command(pid)}");
                }
            }
            catch (IOException)
            {
                // Ended while read.
            }
        }

        return left;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@":memory:/softmax-notebooks/sandbox-(?<runner>\d+)-\d+")]
    private static partial System.Text.RegularExpressions.Regex CgroupOwner();
}
