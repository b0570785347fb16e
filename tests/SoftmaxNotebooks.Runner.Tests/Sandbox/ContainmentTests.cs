using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>
/// Attacks run as cells of the real kernel inside the sandbox, each asserting that it failed or stayed inside. The
/// kernel is shared, so every probe leaves it as it found it (no process, no big file left behind).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class ContainmentTests(SandboxFixture fixture) : IClassFixture<SandboxFixture>
{
    private static readonly TimeSpan Slow = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_kernel_runs_the_kit_as_an_unprivileged_user_inside_and_outside()
    {
        var result = await fixture.Kernel.SubmitAsync($$"""
            #r "{{SandboxFixture.Kit}}/SoftmaxNotebooks.dll"
            var status = System.IO.File.ReadAllLines("/proc/self/status");
            Console.WriteLine(string.Join("|", status.Where(l => l.StartsWith("Uid:") || l.StartsWith("CapEff:") || l.StartsWith("NoNewPrivs:")).Select(l => string.Join(" ", l.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries)))));
            Console.WriteLine(Environment.UserName + " " + Environment.CurrentDirectory);
            Console.WriteLine("SOFTMAX " + SoftmaxNotebooks.SoftmaxFunctions.Softmax(new double[] { 0, Math.Log(3) })[1].ToString("R", System.Globalization.CultureInfo.InvariantCulture));
            """);
        Assert.True(result.Succeeded, result.ToString());
        var uid = fixture.Sandbox.Limits.Uid.ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"Uid: {uid} {uid} {uid} {uid}|CapEff: 0000000000000000|NoNewPrivs: 1", result.Output, StringComparison.Ordinal);
        Assert.Contains("student " + fixture.WorkingCopy, result.Output, StringComparison.Ordinal);
        Assert.Equal(0.75, double.Parse(Line(result.Output, "SOFTMAX "), CultureInfo.InvariantCulture), 1e-15);

        // Seen from the machine: every process of the sandbox but bwrap itself is the sandbox's user, not root.
        var owners = fixture.Kernel.Scope.Processes().Select(pid => (Pid: pid, Uid: HostUid(pid), Command: Command(pid))).Where(p => p.Uid is not null).ToList();
        Assert.Contains(owners, p => p.Command.Contains("Microsoft.DotNet.Interactive.App.dll", StringComparison.Ordinal) && p.Uid == uid);
        Assert.All(owners.Where(p => !p.Command.StartsWith("bwrap", StringComparison.Ordinal) && !p.Command.Contains("/bwrap", StringComparison.Ordinal)),
            p => Assert.True(p.Uid == uid, $"{p.Command} runs as uid {p.Uid}"));
    }

    [Fact]
    public async Task Secrets_the_repository_and_other_files_are_not_there()
    {
        var result = await fixture.Kernel.SubmitAsync($$"""
            foreach (var path in new[] { "/etc/shadow", "/etc/hostname", "{{RunnerProcess.RepositoryRoot}}/README.md", "{{RunnerProcess.RepositoryRoot}}/notebooks/06-numerical-stability.dib", "/root/.bash_history", "/proc/1/environ", "/sys/fs/cgroup/memory/memory.limit_in_bytes" })
            {
                try { var text = System.IO.File.ReadAllText(path); Console.WriteLine("READ " + path + " " + text.Length); }
                catch (Exception e) { Console.WriteLine("denied " + path + " " + e.GetType().Name); }
            }
            Console.WriteLine("ENV " + string.Join(",", Environment.GetEnvironmentVariables().Keys.Cast<string>().Order()));
            Console.WriteLine("ROOT " + string.Join(",", System.IO.Directory.GetFileSystemEntries("/").Order()));
            Console.WriteLine("REPO " + string.Join(",", System.IO.Directory.GetFileSystemEntries("{{RunnerProcess.RepositoryRoot}}").Order()));
            """);
        Assert.True(result.Succeeded, result.ToString());
        Assert.DoesNotContain("READ ", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(SandboxFixture.Secret, result.Output, StringComparison.Ordinal);
        var environment = Line(result.Output, "ENV ").Split(',');
        Assert.True(environment.ToHashSet().IsSubsetOf(new HashSet<string>(["PATH", "HOME", "USER", "LANG", "TMPDIR", "DOTNET_CLI_TELEMETRY_OPTOUT", "DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT", "DOTNET_NOLOGO", "DOTNET_GCHeapHardLimit",
            // Set by the kernel in its own process (its PowerShell and MSBuild parts) and by the shell.
            "PSModulePath", "POWERSHELL_DISTRIBUTION_CHANNEL", "MSBUILDFAILONDRIVEENUMERATINGWILDCARD", "PWD"])), string.Join(",", environment));
        // The repository shows only the files the kernel needs, read-only.
        Assert.Equal(["artifacts"], Line(result.Output, "REPO ").Split(",").Select(Path.GetFileName));
        string[] root = ["/bin", "/dev", "/etc", "/home", "/lib", "/lib64", "/proc", "/root", "/run", "/sbin", "/tmp", "/usr", RepositoryTop];
        Assert.Equal(root.Distinct().Order(StringComparer.Ordinal), Line(result.Output, "ROOT ").Split(',').Order(StringComparer.Ordinal));
    }

    // The kit's folder is bound read-only at its own path, so the repository's top folder shows at the root (/work, /check, /tmp).
    private static string RepositoryTop => "/" + RunnerProcess.RepositoryRoot.Split('/', StringSplitOptions.RemoveEmptyEntries)[0];

    [Fact]
    public async Task Writes_outside_the_working_copy_fail_and_writes_inside_never_reach_the_disk()
    {
        var outside = Path.Combine(Path.GetTempPath(), "softmax-sandbox-escape-" + Guid.NewGuid().ToString("N"));
        var result = await fixture.Kernel.SubmitAsync($$"""
            foreach (var path in new[] { "{{SandboxFixture.Kit}}/SoftmaxNotebooks.dll", "{{RunnerProcess.RepositoryRoot}}/global.json", "{{RunnerProcess.RepositoryRoot}}/.config/evil.json", "/etc/passwd", "/usr/evil", "/root/.nuget/packages/evil" })
            {
                try { System.IO.File.WriteAllText(path, "forged"); Console.WriteLine("WROTE " + path); }
                catch (Exception e) { Console.WriteLine("denied " + path + " " + e.GetType().Name); }
            }
            System.IO.File.WriteAllText("{{outside}}", "only in the sandbox's /tmp");
            System.IO.File.AppendAllText("alice.dib", "// changed in the working copy");
            System.IO.File.WriteAllText("new-file.txt", "in the working copy");
            Console.WriteLine("INSIDE " + System.IO.File.Exists("{{outside}}") + " " + System.IO.File.ReadAllText("alice.dib").Contains("changed"));
            """);
        Assert.True(result.Succeeded, result.ToString());
        Assert.DoesNotContain("WROTE", result.Output, StringComparison.Ordinal);
        Assert.Contains("INSIDE True True", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(outside), "a file the sandbox wrote to its /tmp appeared in the machine's");
        Assert.Equal(fixture.CopyHash, SandboxFixture.HashFolder(fixture.WorkingCopy));
    }

    [Fact]
    public async Task The_network_reaches_nothing_on_this_machine()
    {
        var result = await fixture.Kernel.SubmitAsync($$"""
            try { using var tcp = new System.Net.Sockets.TcpClient(); tcp.Connect("127.0.0.1", {{fixture.TcpPort}}); Console.WriteLine("TCP CONNECTED"); }
            catch (Exception e) { Console.WriteLine("tcp " + e.GetType().Name); }
            try { using var udp = new System.Net.Sockets.UdpClient(); udp.Send(new byte[] { 1, 2, 3 }, 3, "127.0.0.1", {{fixture.UdpPort}}); Console.WriteLine("udp sent into the sandbox's own loopback"); }
            catch (Exception e) { Console.WriteLine("udp " + e.GetType().Name); }
            try { using var http = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromSeconds(5) }; http.GetStringAsync("http://127.0.0.1:{{fixture.TcpPort}}/").Wait(); Console.WriteLine("HTTP ANSWERED"); }
            catch (Exception e) { Console.WriteLine("http " + e.GetType().Name); }
            try { System.Net.Dns.GetHostAddresses("nuget.org"); Console.WriteLine("DNS RESOLVED"); }
            catch (Exception e) { Console.WriteLine("dns " + e.GetType().Name); }
            Console.WriteLine("INTERFACES " + string.Join(",", System.Net.NetworkInformation.NetworkInterface.GetAllNetworkInterfaces().Select(i => i.Name)));
            """);
        Assert.True(result.Succeeded, result.ToString());
        Assert.DoesNotContain("CONNECTED", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ANSWERED", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("RESOLVED", result.Output, StringComparison.Ordinal);
        Assert.Equal("lo", Line(result.Output, "INTERFACES "));
        await Task.Delay(500, TestContext.Current.CancellationToken);
        Assert.Empty(fixture.Received);
    }

    [Fact]
    public async Task Two_hundred_processes_are_refused_by_the_task_limit()
    {
        var result = await fixture.Kernel.SubmitAsync("""
            var children = new List<System.Diagnostics.Process>();
            string refused = "none";
            for (var i = 0; i < 200; i++)
            {
                try { children.Add(System.Diagnostics.Process.Start("/bin/sleep", "120")!); }
                catch (Exception e) { refused = e.GetType().Name; break; }
            }
            Console.WriteLine($"STARTED {children.Count} REFUSED {refused}");
            foreach (var child in children) { child.Kill(); child.WaitForExit(); }
            """, Slow);
        Assert.True(result.Succeeded, result.ToString());
        var started = int.Parse(Line(result.Output, "STARTED ").Split(' ')[0], CultureInfo.InvariantCulture);
        Assert.InRange(started, 1, fixture.Sandbox.Limits.MaxTasks);
        Assert.DoesNotContain("REFUSED none", result.Output, StringComparison.Ordinal);
        Assert.Contains("processes and threads refused", fixture.Kernel.Scope.LimitsHit(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eight_gigabytes_of_managed_memory_fail_in_the_cell_and_the_kernel_lives_on()
    {
        var result = await fixture.Kernel.SubmitAsync("""
            var blocks = new List<byte[]>();
            try { for (var i = 0; i < 80; i++) { var block = new byte[100_000_000]; Array.Fill(block, (byte)1); blocks.Add(block); } Console.WriteLine("ALLOCATED 8 GB"); }
            catch (OutOfMemoryException) { Console.WriteLine($"out of memory after {blocks.Count * 100} MB"); }
            blocks.Clear();
            GC.Collect();
            """, Slow);
        Assert.True(result.Succeeded, result.ToString());
        Assert.Contains("out of memory after", result.Output, StringComparison.Ordinal);
        var after = await fixture.Kernel.SubmitAsync("Console.WriteLine(6 * 7);");
        Assert.True(after.Succeeded && after.Output.Trim() == "42", after.ToString());
    }

    [Fact]
    public async Task Two_gigabytes_written_to_tmp_home_or_the_copy_stop_at_their_size()
    {
        var result = await fixture.Kernel.SubmitAsync("""
            foreach (var folder in new[] { "/tmp", Environment.GetEnvironmentVariable("HOME")!, Environment.CurrentDirectory })
            {
                var path = System.IO.Path.Combine(folder, "fill.bin");
                long written = 0;
                var block = new byte[1 << 20];
                try { using var file = System.IO.File.Create(path); for (var i = 0; i < 2048; i++) { file.Write(block); file.Flush(); written += block.Length; } Console.WriteLine("WROTE 2 GB to " + folder); }
                catch (System.IO.IOException) { Console.WriteLine($"full {folder} after {written >> 20} MiB"); }
                System.IO.File.Delete(path);
            }
            """, Slow);
        Assert.True(result.Succeeded, result.ToString());
        Assert.DoesNotContain("WROTE 2 GB", result.Output, StringComparison.Ordinal);
        var limits = fixture.Sandbox.Limits;
        // The mount fills at its size less what else lives there (the kernel's own files in /tmp come and go), so the
        // amount written is within a few MiB of the limit, never above it.
        AssertFullNear("/tmp", limits.TmpBytes >> 20, result.Output);
        AssertFullNear("/home/student", limits.HomeBytes >> 20, result.Output);
        Assert.Contains($"full {fixture.WorkingCopy} after", result.Output, StringComparison.Ordinal);
    }

    private static void AssertFullNear(string folder, long limitMiB, string output)
    {
        var match = Regex.Match(output, "full " + Regex.Escape(folder) + " after (\\d+) MiB");
        Assert.True(match.Success, $"no 'full {folder}' line in: {output}");
        Assert.InRange(long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), limitMiB - 4, limitMiB);
    }

    [Fact]
    public async Task The_runner_and_every_other_process_are_out_of_sight()
    {
        var result = await fixture.Kernel.SubmitAsync($$"""
            var pids = System.IO.Directory.GetDirectories("/proc").Select(System.IO.Path.GetFileName).Where(n => n!.All(char.IsDigit)).Select(int.Parse).Order().ToList();
            Console.WriteLine("PIDS " + string.Join(",", pids));
            try { System.Diagnostics.Process.GetProcessById({{Environment.ProcessId}}).Kill(); Console.WriteLine("KILLED THE RUNNER"); }
            catch (Exception e) { Console.WriteLine("runner " + e.GetType().Name); }
            try { System.Diagnostics.Process.GetProcessById(1).Kill(); Console.WriteLine("KILLED INIT"); }
            catch (Exception e) { Console.WriteLine("init " + e.GetType().Name); }
            """);
        Assert.True(result.Succeeded, result.ToString());
        Assert.DoesNotContain("KILLED", result.Output, StringComparison.Ordinal);
        // bwrap's init, `dotnet tool run`, the kernel: a handful of pids of the sandbox's own namespace.
        Assert.All(Line(result.Output, "PIDS ").Split(',').Select(p => int.Parse(p, CultureInfo.InvariantCulture)), pid => Assert.InRange(pid, 1, 20));
    }

    internal static string Line(string output, string prefix) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal))?[prefix.Length..]
        ?? throw new Xunit.Sdk.XunitException($"no line starting '{prefix}' in: {output}");

    internal static string? HostUid(int pid)
    {
        try
        {
            return File.ReadAllLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:", StringComparison.Ordinal)).Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
        }
        catch (IOException)
        {
            return null;
        }
    }

    internal static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
