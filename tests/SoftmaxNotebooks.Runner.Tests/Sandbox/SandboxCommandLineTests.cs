using System.Globalization;
using System.Runtime.Versioning;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Execution.Sandbox;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>The sandbox's bwrap command line, read as a reviewer would: what it binds, what it leaves out, in what order.</summary>
[SupportedOSPlatform("linux")]
public sealed class SandboxCommandLineTests
{
    private static readonly Lazy<KernelSandbox> Sandbox = new(() => KernelSandbox.Create(SandboxLimits.Default, [Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "kit")]));

    private static async Task<(List<string> Bwrap, List<string> Inside, string CommandLine)> CommandAsync(string copy)
    {
        var request = new KernelStartRequest(copy);
        var command = Sandbox.Value.Wrap(KernelTool.Command(request), request);
        await using var scope = command.Scope!;
        var all = new[] { command.FileName }.Concat(command.Arguments).ToList();
        var bwrap = all.FindIndex(a => a.EndsWith("/bwrap", StringComparison.Ordinal));
        var end = all.IndexOf("--", bwrap);
        return (all[bwrap..end], all[(end + 1)..], string.Join(' ', all.Select(Quote)));
    }

    /// <summary>An argument as a POSIX shell reads it back.</summary>
    internal static string Quote(string argument) =>
        argument.Length > 0 && argument.All(c => char.IsAsciiLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal))
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [Fact]
    public async Task Nothing_is_bound_writable_and_every_namespace_is_new()
    {
        using var copy = new TempFolder("cmd");
        var (bwrap, _, _) = await CommandAsync(copy.Path);
        Assert.DoesNotContain(bwrap, a => a is "--bind" or "--bind-try" or "--dev-bind" or "--dev-bind-try" or "--bind-fd" or "--share-net");
        Assert.Contains("--die-with-parent", bwrap);
        Assert.Contains("--new-session", bwrap);
        Assert.Contains("--cap-drop", bwrap);
        Assert.Equal("ALL", bwrap[bwrap.IndexOf("--cap-drop") + 1]);
        if (Sandbox.Value.Privileged)
        {
            Assert.Superset(new HashSet<string> { "--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup" }, bwrap.ToHashSet());
        }
        else
        {
            Assert.Superset(new HashSet<string> { "--unshare-all", "--unshare-user", "--disable-userns" }, bwrap.ToHashSet());
        }
    }

    [Fact]
    public async Task The_environment_is_cleared_and_holds_no_more_than_the_kernel_needs()
    {
        using var copy = new TempFolder("cmd");
        var (bwrap, _, _) = await CommandAsync(copy.Path);
        var clear = bwrap.IndexOf("--clearenv");
        Assert.True(clear > 0);
        var set = bwrap.Select((a, i) => (a, i)).Where(p => p.a == "--setenv").ToList();
        Assert.All(set, p => Assert.True(p.i > clear, "a variable set before --clearenv"));
        Assert.Equal(
            ["DOTNET_CLI_TELEMETRY_OPTOUT", "DOTNET_GCHeapHardLimit", "DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT", "DOTNET_NOLOGO", "HOME", "LANG", "PATH", "TMPDIR", "USER"],
            set.Select(p => bwrap[p.i + 1]).Where(n => n != "DOTNET_ROOT").Order(StringComparer.Ordinal));
        var heap = bwrap[set.Single(p => bwrap[p.i + 1] == "DOTNET_GCHeapHardLimit").i + 2];
        Assert.Equal(SandboxLimits.Default.MemoryBytes / 4 * 3, long.Parse(heap[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Only_the_kernel_s_files_are_bound_and_the_repository_itself_is_not()
    {
        using var copy = new TempFolder("cmd");
        var (bwrap, _, _) = await CommandAsync(copy.Path);
        var sources = bwrap.Select((a, i) => (a, i)).Where(p => p.a == "--ro-bind").Select(p => bwrap[p.i + 1]).ToList();
        var root = KernelTool.ManifestRoot;
        Assert.Equal([Path.Combine(root, "artifacts", "kit")], sources.Where(s => s.StartsWith(root + "/", StringComparison.Ordinal)));
        Assert.DoesNotContain(root, sources);
        Assert.DoesNotContain("/", sources);
        Assert.DoesNotContain("/etc", sources);
        Assert.DoesNotContain(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), sources);
        Assert.Contains(KernelTool.PackageFolder, sources);
        // The working copy is read from, and written in a tmpfs of its size at the same path.
        Assert.Equal(KernelSandbox.SubmissionSource, bwrap[bwrap.IndexOf(copy.Path) + 1]);
        var tmpfs = bwrap.Select((a, i) => (a, i)).Where(p => p.a == "--tmpfs").ToDictionary(p => bwrap[p.i + 1], p => long.Parse(bwrap[p.i - 1], CultureInfo.InvariantCulture));
        Assert.Equal(SandboxLimits.Default.WorkBytes, tmpfs[copy.Path]);
        Assert.Equal(SandboxLimits.Default.TmpBytes, tmpfs["/tmp"]);
        Assert.Equal(SandboxLimits.Default.HomeBytes, tmpfs["/home/student"]);
    }

    [Fact]
    public async Task Every_mount_point_s_folder_is_made_before_it_readable_by_the_sandbox_user()
    {
        using var copy = new TempFolder("cmd");
        var (bwrap, _, _) = await CommandAsync(copy.Path);
        var made = new HashSet<string>(StringComparer.Ordinal) { "/" };
        for (var i = 1; i < bwrap.Count; i++)
        {
            var target = bwrap[i] switch
            {
                "--ro-bind" or "--symlink" => bwrap[i + 2],
                "--dir" or "--tmpfs" or "--proc" or "--dev" => bwrap[i + 1],
                _ => null,
            };
            if (target is null)
            {
                continue;
            }

            var parent = Path.GetDirectoryName(target)!;
            Assert.True(made.Contains(parent) || parent.StartsWith("/usr", StringComparison.Ordinal),
                $"{bwrap[i]} {target}: its folder {parent} was not made first (bwrap would make it 0700, owned by root)");
            if (bwrap[i] is "--dir" or "--tmpfs")
            {
                Assert.True(bwrap[i - 2] == "--perms" || bwrap[i - 4] == "--perms", $"{target} has no explicit mode");
            }

            made.Add(target);
        }
    }

    [Fact]
    public async Task The_kernel_starts_as_the_sandbox_user_after_copying_the_submission_in()
    {
        using var copy = new TempFolder("cmd");
        var (_, inside, commandLine) = await CommandAsync(copy.Path);
        var uid = SandboxLimits.Default.Uid.ToString(CultureInfo.InvariantCulture);
        if (Sandbox.Value.Privileged)
        {
            Assert.Equal(["--reuid", uid, "--regid", uid, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--"], inside[1..9]);
            Assert.EndsWith("/setpriv", inside[0], StringComparison.Ordinal);
        }

        var kernel = KernelTool.Command(new KernelStartRequest(copy.Path));
        Assert.Equal([kernel.FileName, .. kernel.Arguments], inside[^(kernel.Arguments.Count + 1)..]);
        Assert.Contains($"cp -R {KernelSandbox.SubmissionSource}/.", string.Join(' ', inside), StringComparison.Ordinal);
        if (Environment.GetEnvironmentVariable("SOFTMAX_ATTACK_EVIDENCE") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, "sandbox-command-line.txt"), commandLine + "\n", TestContext.Current.CancellationToken);
        }
    }
}
