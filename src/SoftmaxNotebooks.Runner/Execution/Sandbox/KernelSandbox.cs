using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Execution.Sandbox;

/// <summary>
/// Wraps a kernel start in bubblewrap (<c>bwrap</c>) so that the code it runs sees only what the kernel needs:
/// no network (a new network namespace with only its own loopback), a new pid namespace and session (every process
/// the submission starts dies with it), a cleared environment, <c>/usr</c> and the kernel's files read-only, a
/// one-line <c>/etc/passwd</c>, private size-limited tmpfs mounts for <c>/tmp</c>, the home folder and the working
/// copy (the submission's files are copied in at start from a read-only bind: nothing the submission writes reaches
/// the machine's disk), all capabilities dropped, no new privileges, and a user id that is not root.
/// </summary>
/// <remarks>
/// <para>As root (the usual grading machine or container) bwrap runs privileged, without a user namespace, and the
/// kernel is started through <c>setpriv</c> as <see cref="SandboxLimits.Uid"/>: the submission's processes are that
/// unprivileged user on the machine too, not a root mapped into a namespace. Memory and task limits are cgroup v1
/// groups per submission (<see cref="CgroupGroup"/>), which also list every process to kill at the end.</para>
/// <para>Not as root, bwrap makes a user namespace (the kernel is the uid inside it and your own user outside it, and
/// may not make further user namespaces); memory is then limited per process (<c>prlimit --data</c>) and there is
/// no limit on the number of processes (the pid namespace still ends them all with the kernel).</para>
/// <para>In both, the kernel's runtime gets a managed heap limit below the memory limit, so that a large managed
/// allocation fails as an exception in its cell, and core dumps are off (a core handler could write outside).</para>
/// </remarks>
[SupportedOSPlatform("linux")]
internal sealed class KernelSandbox : IKernelCommandWrapper
{
    /// <summary>Where the submission's files are bound read-only inside the sandbox, to be copied into the working copy.</summary>
    internal const string SubmissionSource = "/run/softmax/submission";

    private const string Home = "/home/student";

    private readonly SandboxHost host;
    private readonly IReadOnlyList<string> readOnlyPaths;

    private KernelSandbox(SandboxHost host, SandboxLimits limits, IReadOnlyList<string> readOnlyPaths)
    {
        this.host = host;
        this.readOnlyPaths = readOnlyPaths;
        Limits = limits;
    }

    /// <summary>The limits every kernel of this sandbox gets.</summary>
    public SandboxLimits Limits { get; }

    /// <summary>True when limits are cgroups and the kernel runs as an unprivileged user of the machine (the runner is root).</summary>
    public bool Privileged => host.Privileged;

    /// <summary>What the sandbox gives and holds back, for the grader's first line.</summary>
    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"bubblewrap sandbox per kernel: no network, only its working copy writable (a tmpfs), {Limits}, {(Privileged ? CgroupGroup.Available ? "cgroup limits" : "per-process memory limit (no cgroup v1 here)" : "per-process memory limit (not root)")}");

    /// <summary>
    /// Finds bubblewrap and the kernel tool's package, writes the sandbox's <c>/etc</c> files, and starts a trivial
    /// sandbox once to prove it can.
    /// </summary>
    /// <param name="limits">The limits every kernel gets.</param>
    /// <param name="readOnlyPaths">Files or folders every kernel needs besides its own (the kit's folder), bound read-only at the same path.</param>
    /// <exception cref="SandboxException">bwrap is missing, the kernel tool is not restored, or bwrap cannot make a sandbox here.</exception>
    public static KernelSandbox Create(SandboxLimits limits, IReadOnlyList<string> readOnlyPaths) =>
        Create(limits, readOnlyPaths, Environment.IsPrivilegedProcess);

    /// <summary>As <see cref="Create(SandboxLimits, IReadOnlyList{string})"/>, choosing the mode: privileged (root: cgroups, setpriv) or a user namespace (a root runner can make one too, which tests the unprivileged mode).</summary>
    internal static KernelSandbox Create(SandboxLimits limits, IReadOnlyList<string> readOnlyPaths, bool privileged)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(readOnlyPaths);
        limits.Validated();
        var host = SandboxHost.Discover(limits.Uid) with { Privileged = privileged };
        var sandbox = new KernelSandbox(host, limits, readOnlyPaths.Select(Path.GetFullPath).Where(Path.Exists).ToList());
        sandbox.Probe();
        return sandbox;
    }

    /// <summary>
    /// The start of <paramref name="kernel"/> inside a sandbox whose working copy is the request's working folder:
    /// the same path inside, a tmpfs filled with that folder's files when the kernel starts. The folder itself is only
    /// read (its files are made readable for the sandbox's user first). The returned command holds the sandbox's
    /// cgroups (<see cref="KernelCommand.Scope"/>), which the kernel's end empties and removes.
    /// </summary>
    /// <param name="kernel">The kernel's program, arguments and working folder; of its environment only the variables it sets are passed.</param>
    /// <param name="request">The working folder.</param>
    /// <exception cref="IOException">The cgroups could not be created.</exception>
    public KernelCommand Wrap(KernelCommand kernel, KernelStartRequest request)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(request);
        var workingCopy = Path.GetFullPath(request.WorkingDirectory);
        MakeReadable(workingCopy);
        var group = host.Privileged && CgroupGroup.Available ? CgroupGroup.Create(Limits.MemoryBytes, Limits.MaxTasks) : null;
        var arguments = Arguments(kernel, workingCopy, group);
        return new KernelCommand(arguments[0], arguments[1..], "/", new Dictionary<string, string?>()) { Scope = new SandboxScope(group, Limits) };
    }

    /// <summary>The whole command line of a sandboxed start: the cgroup join or rlimits, bwrap and its options, setpriv, the copy-in, the kernel.</summary>
    internal List<string> Arguments(KernelCommand kernel, string workingCopy, CgroupGroup? group)
    {
        var command = new List<string>();
        if (group is not null)
        {
            // The shell joins both groups before anything else runs, so every later fork is inside them; then it
            // becomes bwrap (exec keeps the pid the runner watches).
            command.AddRange(["/bin/sh", "-c", "for f in \"$@\"; do [ \"$f\" = -- ] && break; echo $$ > \"$f\" || exit 125; shift; done; shift; exec \"$@\"", "join-cgroups"]);
            command.AddRange(group.ProcsFiles);
            command.Add("--");
        }

        command.AddRange([host.Prlimit, "--core=0"]);
        if (group is null)
        {
            command.Add("--data=" + Limits.MemoryBytes.ToString(CultureInfo.InvariantCulture));
        }

        command.Add("--");
        command.AddRange(BwrapArguments(kernel, workingCopy));
        command.Add("--");
        if (host.Privileged)
        {
            var id = Limits.Uid.ToString(CultureInfo.InvariantCulture);
            command.AddRange([host.Setpriv!, "--reuid", id, "--regid", id, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--"]);
        }

        // The working copy starts as the submission's files; a copy that does not fit the tmpfs fails here, loudly.
        command.AddRange(["/bin/sh", "-c", $"cp -R {SubmissionSource}/. \"$0\" || {{ echo \"the submission's files do not fit the working copy's {ByteCount.Format(Limits.WorkBytes)}\" >&2; exit 125; }}; exec \"$@\"", workingCopy]);
        command.Add(kernel.FileName);
        command.AddRange(kernel.Arguments);
        return command;
    }

    private List<string> BwrapArguments(KernelCommand kernel, string workingCopy)
    {
        var kernelFolder = kernel.WorkingDirectory;
        var b = new BwrapBuilder(host.Bwrap);
        if (host.Privileged)
        {
            b.Add("--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup");
            // setpriv needs these three to become the sandbox user and empty the capability bounding set; it drops them.
            b.Add("--cap-drop", "ALL", "--cap-add", "CAP_SETUID", "--cap-add", "CAP_SETGID", "--cap-add", "CAP_SETPCAP");
        }
        else
        {
            var id = Limits.Uid.ToString(CultureInfo.InvariantCulture);
            b.Add("--unshare-all", "--unshare-user", "--uid", id, "--gid", id, "--disable-userns", "--cap-drop", "ALL");
        }

        b.Add("--die-with-parent", "--new-session");
        b.Add("--ro-bind", "/usr", "/usr");
        foreach (var top in new[] { "bin", "sbin", "lib", "lib32", "lib64" })
        {
            var path = "/" + top;
            if (new FileInfo(path).LinkTarget is { } target)
            {
                b.Add("--symlink", target, path);
            }
            else if (Directory.Exists(path))
            {
                b.Add("--ro-bind", path, path);
            }
        }

        b.Add("--proc", "/proc", "--dev", "/dev");
        b.Directory("/etc");
        foreach (var shared in new[] { "/etc/ssl", "/etc/localtime" })
        {
            if (Path.Exists(shared))
            {
                b.Add("--ro-bind", shared, shared);
            }
        }

        foreach (var file in SandboxHost.EtcFiles)
        {
            b.Add("--ro-bind", Path.Combine(host.EtcFolder, file), "/etc/" + file);
        }

        // Root-owned mounts (bwrap makes them) that the one user inside may write: world-writable and sticky.
        b.Tmpfs("/tmp", Limits.TmpBytes, "1777");
        b.Tmpfs(Home, Limits.HomeBytes, "1777");
        // A path inside another bound one is bound with it (the kernel tool's package inside NuGet's packages folder).
        var paths = host.KernelFiles.Concat(readOnlyPaths).Distinct(StringComparer.Ordinal).ToList();
        foreach (var path in paths.Where(p => !paths.Any(other => p.StartsWith(other + "/", StringComparison.Ordinal))))
        {
            if (!path.StartsWith("/usr/", StringComparison.Ordinal))
            {
                b.ReadOnly(path, path);
            }
        }

        b.ReadOnly(workingCopy, SubmissionSource);
        b.Tmpfs(workingCopy, Limits.WorkBytes, "1777");
        b.Directory(kernelFolder);
        b.Add("--chdir", kernelFolder);
        b.Add("--clearenv");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["PATH"] = host.DotnetRoot is { } root ? root + ":/usr/bin:/bin" : "/usr/bin:/bin",
            ["HOME"] = Home,
            ["USER"] = "student",
            ["LANG"] = "C.UTF-8",
            ["TMPDIR"] = "/tmp",
            ["DOTNET_GCHeapHardLimit"] = "0x" + Limits.ManagedHeapBytes.ToString("x", CultureInfo.InvariantCulture),
        };
        if (host.DotnetRoot is { } dotnetRoot)
        {
            variables["DOTNET_ROOT"] = dotnetRoot;
        }

        // With NuGet's packages folder bound (a reference that loads packages), the kernel's `#r "nuget:"` restores
        // from it without the network.
        if (readOnlyPaths.Contains(KernelTool.PackagesRoot))
        {
            variables["NUGET_PACKAGES"] = KernelTool.PackagesRoot;
        }

        // The variables the runner sets for the kernel (telemetry off); nothing of the runner's own environment.
        foreach (var (name, value) in kernel.Environment)
        {
            if (value is not null)
            {
                variables[name] = value;
            }
        }

        foreach (var (name, value) in variables)
        {
            b.Add("--setenv", name, value);
        }

        return b.Arguments;
    }

    /// <summary>Starts a sandbox around <c>true</c> once, so a machine that cannot make one fails before any kernel starts.</summary>
    private void Probe()
    {
        using var folder = new TemporaryFolder();
        MakeReadable(folder.Path);
        var arguments = Arguments(new KernelCommand("/usr/bin/true", [], "/tmp", new Dictionary<string, string?>()), folder.Path, null);
        var start = new ProcessStartInfo(arguments[0]) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new SandboxException("bwrap did not start.");
        var errors = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            process.Kill(entireProcessTree: true);
            throw new SandboxException("bwrap did not finish a trivial sandbox within 30 s.");
        }

        if (process.ExitCode != 0)
        {
            var hint = host.Privileged
                ? "As root, bwrap needs the right to make mount and pid namespaces (in a container: run it with --privileged or CAP_SYS_ADMIN)."
                : "Not as root, bwrap needs unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1, or an AppArmor profile that allows bwrap); grading as root avoids this.";
            throw new SandboxException(string.Create(CultureInfo.InvariantCulture,
                $"bubblewrap cannot make a sandbox on this machine (exit code {process.ExitCode}): {errors.Result.Trim()} {hint}"));
        }
    }

    /// <summary>Lets the sandbox's user read the working copy's files (the copy is private to the runner; the user is not its owner when the runner is root).</summary>
    private static void MakeReadable(string folder)
    {
        const UnixFileMode Read = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        const UnixFileMode Enter = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        File.SetUnixFileMode(folder, File.GetUnixFileMode(folder) | Read | Enter);
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            if (entry.LinkTarget is null)
            {
                entry.UnixFileMode |= entry is DirectoryInfo ? Read | Enter : Read;
            }
        }
    }

    /// <summary>bwrap's options in order, creating every parent folder of a mount point explicitly (bwrap would make them 0700 root, unreadable for the sandbox's user).</summary>
    private sealed class BwrapBuilder(string bwrap)
    {
        private readonly HashSet<string> folders = new(StringComparer.Ordinal) { "/" };

        public List<string> Arguments { get; } = [bwrap];

        public void Add(params string[] arguments) => Arguments.AddRange(arguments);

        public void Directory(string path, string mode = "0755")
        {
            Parents(path);
            if (folders.Add(path))
            {
                Add("--perms", mode, "--dir", path);
            }
        }

        public void Tmpfs(string path, long bytes, string mode)
        {
            Parents(path);
            folders.Add(path);
            Add("--perms", mode, "--size", bytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", path);
        }

        public void ReadOnly(string source, string target)
        {
            Parents(target);
            if (System.IO.Directory.Exists(source))
            {
                folders.Add(target);
            }

            Add("--ro-bind", source, target);
        }

        private void Parents(string path)
        {
            var parent = Path.GetDirectoryName(path);
            if (parent is not null && !folders.Contains(parent) && !parent.StartsWith("/usr", StringComparison.Ordinal))
            {
                Directory(parent);
            }
        }
    }

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("softmax-sandbox-probe-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

/// <summary>What the sandbox binds and runs, found once per runner.</summary>
/// <param name="Bwrap">bubblewrap's path.</param>
/// <param name="Setpriv">util-linux setpriv's path (used when <paramref name="Privileged"/>).</param>
/// <param name="Prlimit">util-linux prlimit's path.</param>
/// <param name="Privileged">The runner is root: bwrap runs privileged and the kernel drops to the sandbox's uid.</param>
/// <param name="EtcFolder">The folder holding the sandbox's passwd, group, nsswitch.conf and hosts.</param>
/// <param name="KernelFiles">The kernel tool's package folder, bound read-only.</param>
/// <param name="DotnetRoot">The .NET installation's folder when it is not under /usr, else null.</param>
[SupportedOSPlatform("linux")]
internal sealed record SandboxHost(string Bwrap, string? Setpriv, string Prlimit, bool Privileged, string EtcFolder, IReadOnlyList<string> KernelFiles, string? DotnetRoot)
{
    /// <summary>The files of the sandbox's <c>/etc</c>: the kernel dies at start without a passwd entry for its uid.</summary>
    public static readonly string[] EtcFiles = ["passwd", "group", "nsswitch.conf", "hosts"];

    /// <exception cref="SandboxException">A program or the restored tool is missing.</exception>
    public static SandboxHost Discover(int uid)
    {
        var bwrap = Which("bwrap") ?? throw new SandboxException(
            "bubblewrap (bwrap) is not installed; grading runs every submission in it. Install it with `sudo apt-get install bubblewrap` (Debian/Ubuntu; `bash .ci/setup` does it), or `dnf install bubblewrap`.");
        var privileged = Environment.IsPrivilegedProcess;
        var setpriv = Which("setpriv");
        var prlimit = Which("prlimit") ?? throw new SandboxException("prlimit (util-linux) is not installed: `sudo apt-get install util-linux`.");
        if (privileged && setpriv is null)
        {
            throw new SandboxException("setpriv (util-linux) is not installed: `sudo apt-get install util-linux`. As root, the sandbox needs it to run the kernel as an unprivileged user.");
        }

        var package = KernelTool.PackageFolder ?? throw new SandboxException(
            $"the kernel tool {KernelTool.Package} {KernelTool.Version} is not restored in {KernelTool.PackagesRoot}: run `dotnet tool restore` in {KernelTool.ManifestRoot}.");
        var host = Path.IsPathRooted(DotnetHost.Path) ? DotnetHost.Path : Which(DotnetHost.Path) ?? throw new SandboxException("dotnet is not on the PATH.");
        var dotnet = new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host;
        var dotnetRoot = Path.GetDirectoryName(dotnet)!;
        var underUsr = dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal);
        return new SandboxHost(bwrap, setpriv, prlimit, privileged, WriteEtc(uid), underUsr ? [package] : [package, dotnetRoot], underUsr ? null : dotnetRoot);
    }

    private static string WriteEtc(int uid)
    {
        var folder = Directory.CreateTempSubdirectory("softmax-sandbox-etc-").FullName;
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        var id = uid.ToString(CultureInfo.InvariantCulture);
        var contents = new Dictionary<string, string>
        {
            ["passwd"] = $"student:x:{id}:{id}:student:/home/student:/usr/sbin/nologin\n",
            ["group"] = $"student:x:{id}:\n",
            ["nsswitch.conf"] = "passwd: files\ngroup: files\nhosts: files\n",
            ["hosts"] = "127.0.0.1 localhost\n::1 localhost\n",
        };
        foreach (var (name, text) in contents)
        {
            File.WriteAllText(Path.Combine(folder, name), text, new UTF8Encoding(false));
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temporary folder.
            }
        };
        return folder;
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
        .Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
}
