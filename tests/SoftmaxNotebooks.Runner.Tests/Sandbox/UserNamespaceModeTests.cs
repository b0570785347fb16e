using System.Globalization;
using System.Runtime.Versioning;
using SoftmaxNotebooks.Runner.Execution.Sandbox;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>
/// The mode a grader that is not root gets (a user namespace, a per-process data limit, no cgroups), run here from
/// root: bwrap makes the user namespace either way, so its options are exercised with the real kernel.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class UserNamespaceModeTests
{
    [Fact]
    public async Task The_kernel_runs_in_a_user_namespace_as_the_sandbox_user_with_a_data_limit_and_no_network()
    {
        using var work = new TempFolder("userns");
        var sandbox = KernelSandbox.Create(SandboxLimits.Default, [SandboxFixture.Kit], privileged: false);
        Assert.False(sandbox.Privileged);
        await using var kernel = await SandboxedKernel.StartAsync(sandbox, work.Path);
        var result = await kernel.SubmitAsync($$"""
            #r "{{SandboxFixture.Kit}}/SoftmaxNotebooks.dll"
            var status = System.IO.File.ReadAllLines("/proc/self/status");
            Console.WriteLine("UID " + status.First(l => l.StartsWith("Uid:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
            Console.WriteLine("CAPS " + status.First(l => l.StartsWith("CapEff:")).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
            Console.WriteLine("DATA " + System.IO.File.ReadAllLines("/proc/self/limits").First(l => l.StartsWith("Max data size")));
            Console.WriteLine("NETS " + string.Join(",", System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces().Select(i => i.Name)));
            try { System.IO.File.ReadAllText("{{RunnerProcess.RepositoryRoot}}/README.md"); Console.WriteLine("READ THE REPOSITORY"); } catch (Exception e) { Console.WriteLine("repository " + e.GetType().Name); }
            var nested = System.Diagnostics.Process.Start("/usr/bin/unshare", "--user /bin/true")!;
            nested.WaitForExit();
            Console.WriteLine("NESTED USER NAMESPACE exit " + nested.ExitCode);
            """);
        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("UID " + SandboxLimits.Default.Uid.ToString(CultureInfo.InvariantCulture), result.Output, StringComparison.Ordinal);
        Assert.Contains("CAPS 0000000000000000", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"DATA Max data size\s+" + SandboxLimits.Default.MemoryBytes.ToString(CultureInfo.InvariantCulture), result.Output);
        Assert.Contains("NETS lo", result.Output, StringComparison.Ordinal);
        Assert.Contains("repository ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("READ THE REPOSITORY", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("NESTED USER NAMESPACE exit 0", result.Output, StringComparison.Ordinal);
        Assert.Empty(kernel.Scope.Processes());
        Assert.Null(kernel.Scope.LimitsHit());
    }
}
