using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using System.Text;

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
public sealed class KernelSandbox
{
    /// <summary>Where the submission's files are bound read-only inside the sandbox, to be copied into the working copy.</summary>
    internal const string SubmissionSource = "/run/softmax/submission";

    private const string Home = "/home/student";

    private readonly SandboxHost _host;

    private KernelSandbox(SandboxHost host, SandboxLimits limits)
    {
        _host = host;
        Limits = limits;
    }

    /// <summary>The limits every kernel of this sandbox gets.</summary>
    public SandboxLimits Limits { get; }

    /// <summary>True when limits are cgroups and the kernel runs as an unprivileged user of the machine (the runner is root).</summary>
    public bool Privileged => _host.Privileged;

    /// <summary>
    /// Finds bubblewrap and what the kernel needs (the tool's package folder, its resolver cache, the tool manifest),
    /// writes the sandbox's <c>/etc</c> files, and starts a trivial sandbox once to prove it can.
    /// </summary>
    /// <param name="limits">The limits every kernel gets.</param>
    /// <exception cref="SandboxException">bwrap is missing, the kernel tool is not restored, or bwrap cannot make a sandbox here.</exception>
    public static KernelSandbox Create(SandboxLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        limits.Validated();
        var host = SandboxHost.Discover(limits.Uid);
        var sandbox = new KernelSandbox(host, limits);
        sandbox.Probe();
        return sandbox;
    }

    /// <summary>
    /// The start of <paramref name="kernel"/> inside a sandbox whose working copy is <paramref name="workingCopy"/>:
    /// the same path inside, a tmpfs filled with that folder's files when the kernel starts. The folder itself is only
    /// read (its files are made readable for the sandbox's user first).
    /// </summary>
    /// <param name="kernel">The kernel's program, arguments and working folder (its environment is not used: the sandbox's is cleared).</param>
    /// <param name="workingCopy">The folder of files the submission starts with, for example the grader's copy of it.</param>
    /// <param name="readOnlyPaths">Files or folders the kernel needs besides its own (the kit's folder), bound read-only at the same path.</param>
    /// <exception cref="IOException">The cgroups could not be created.</exception>
    public SandboxedStart Prepare(ProcessStartInfo kernel, string workingCopy, IReadOnlyList<string> readOnlyPaths)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ArgumentNullException.ThrowIfNull(workingCopy);
        ArgumentNullException.ThrowIfNull(readOnlyPaths);
        workingCopy = Path.GetFullPath(workingCopy);
        MakeReadable(workingCopy);
        var group = _host.Privileged && CgroupGroup.Available ? CgroupGroup.Create(Limits.MemoryBytes, Limits.MaxTasks) : null;
        var arguments = Arguments(kernel, workingCopy, readOnlyPaths, group);
        var start = new ProcessStartInfo(arguments[0])
        {
            RedirectStandardInput = kernel.RedirectStandardInput,
            RedirectStandardOutput = kernel.RedirectStandardOutput,
            RedirectStandardError = kernel.RedirectStandardError,
            StandardInputEncoding = kernel.StandardInputEncoding,
            StandardOutputEncoding = kernel.StandardOutputEncoding,
            StandardErrorEncoding = kernel.StandardErrorEncoding,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        return new SandboxedStart(start, group, this);
    }

    /// <summary>The whole command line of a sandboxed start: the cgroup join or rlimits, bwrap and its options, setpriv, the copy-in, the kernel.</summary>
    internal List<string> Arguments(ProcessStartInfo kernel, string workingCopy, IReadOnlyList<string> readOnlyPaths, CgroupGroup? group)
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

        command.AddRange([_host.Prlimit, "--core=0"]);
        if (group is null)
        {
            command.Add("--data=" + Limits.MemoryBytes.ToString(CultureInfo.InvariantCulture));
        }

        command.Add("--");
        command.AddRange(BwrapArguments(kernel.WorkingDirectory, workingCopy, readOnlyPaths));
        command.Add("--");
        if (_host.Privileged)
        {
            var id = Limits.Uid.ToString(CultureInfo.InvariantCulture);
            command.AddRange([_host.Setpriv!, "--reuid", id, "--regid", id, "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--"]);
        }

        // The working copy starts as the submission's files; a copy that does not fit the tmpfs fails here, loudly.
        command.AddRange(["/bin/sh", "-c", $"cp -R {SubmissionSource}/. \"$0\" || {{ echo \"the submission's files do not fit the working copy's {SandboxLimits.Size(Limits.WorkBytes)}\" >&2; exit 125; }}; exec \"$@\"", workingCopy]);
        command.Add(kernel.FileName);
        command.AddRange(kernel.ArgumentList);
        return command;
    }

    private List<string> BwrapArguments(string kernelFolder, string workingCopy, IReadOnlyList<string> readOnlyPaths)
    {
        var b = new BwrapBuilder(_host.Bwrap);
        if (_host.Privileged)
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
            b.Add("--ro-bind", Path.Combine(_host.EtcFolder, file), "/etc/" + file);
        }

        b.Tmpfs("/tmp", Limits.TmpBytes, "1777");
        // Root-owned mounts (bwrap makes them) that the one user inside may write: world-writable and sticky.
        b.Tmpfs(Home, Limits.HomeBytes, "1777");
        b.Directory(Home + "/.dotnet", "1777");
        b.ReadOnly(_host.ResolverCache, Home + "/.dotnet/toolResolverCache");
        foreach (var path in _host.KernelFiles.Concat(readOnlyPaths).Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
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
        var path2 = _host.DotnetRoot is { } root ? root + ":/usr/bin:/bin" : "/usr/bin:/bin";
        foreach (var (name, value) in new (string, string)[]
        {
            ("PATH", path2), ("HOME", Home), ("USER", "student"), ("LANG", "C.UTF-8"), ("TMPDIR", "/tmp"),
            ("DOTNET_CLI_TELEMETRY_OPTOUT", "1"), ("DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT", "1"), ("DOTNET_NOLOGO", "1"),
            ("DOTNET_GCHeapHardLimit", "0x" + Limits.ManagedHeapBytes.ToString("x", CultureInfo.InvariantCulture)),
        })
        {
            b.Add("--setenv", name, value);
        }

        if (_host.DotnetRoot is { } dotnetRoot)
        {
            b.Add("--setenv", "DOTNET_ROOT", dotnetRoot);
        }

        return b.Arguments;
    }

    /// <summary>Starts a sandbox around <c>true</c> once, so a machine that cannot make one fails before any kernel starts.</summary>
    private void Probe()
    {
        using var folder = new TemporaryFolder();
        MakeReadable(folder.Path);
        var probe = new ProcessStartInfo("/usr/bin/true") { WorkingDirectory = "/tmp" };
        var arguments = Arguments(probe, folder.Path, [], null);
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
            var hint = _host.Privileged
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
        private readonly HashSet<string> _folders = new(StringComparer.Ordinal) { "/" };

        public List<string> Arguments { get; } = [bwrap];

        public void Add(params string[] arguments) => Arguments.AddRange(arguments);

        public void Directory(string path, string mode = "0755")
        {
            Parents(path);
            if (_folders.Add(path))
            {
                Add("--perms", mode, "--dir", path);
            }
        }

        public void Tmpfs(string path, long bytes, string mode)
        {
            Parents(path);
            _folders.Add(path);
            Add("--perms", mode, "--size", bytes.ToString(CultureInfo.InvariantCulture), "--tmpfs", path);
        }

        public void ReadOnly(string source, string target)
        {
            Parents(target);
            if (System.IO.Directory.Exists(source))
            {
                _folders.Add(target);
            }

            Add("--ro-bind", source, target);
        }

        private void Parents(string path)
        {
            var parent = Path.GetDirectoryName(path);
            if (parent is not null && !_folders.Contains(parent) && !parent.StartsWith("/usr", StringComparison.Ordinal))
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
/// <param name="ResolverCache">The SDK's local-tool resolver cache (<c>~/.dotnet/toolResolverCache</c>).</param>
/// <param name="KernelFiles">The kernel tool's package folder, the tool manifest and global.json, bound read-only.</param>
/// <param name="DotnetRoot">The .NET installation's folder when it is not under /usr, else null.</param>
[SupportedOSPlatform("linux")]
internal sealed record SandboxHost(string Bwrap, string? Setpriv, string Prlimit, bool Privileged, string EtcFolder, string ResolverCache, IReadOnlyList<string> KernelFiles, string? DotnetRoot)
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

        var cliHome = Environment.GetEnvironmentVariable("DOTNET_CLI_HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var resolverCache = Path.Combine(cliHome, ".dotnet", "toolResolverCache");
        var package = KernelToolPackage.Folder;
        if (package is null || !Directory.Exists(resolverCache))
        {
            throw new SandboxException($"the kernel tool {KernelToolPackage.Version} is not restored (its package folder or {resolverCache} is missing): run `dotnet tool restore` in {KernelTool.ManifestRoot}.");
        }

        var files = new List<string> { package, KernelToolPackage.Manifest };
        var globalJson = Path.Combine(KernelTool.ManifestRoot, "global.json");
        if (File.Exists(globalJson))
        {
            files.Add(globalJson);
        }

        var host = Path.IsPathRooted(DotnetHost.Path) ? DotnetHost.Path : Which(DotnetHost.Path) ?? throw new SandboxException("dotnet is not on the PATH.");
        var dotnet = new FileInfo(host).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? host;
        var dotnetRoot = Path.GetDirectoryName(dotnet)!;
        return new SandboxHost(bwrap, setpriv, prlimit, privileged, WriteEtc(uid), resolverCache, files,
            dotnetRoot.StartsWith("/usr/", StringComparison.Ordinal) ? null : dotnetRoot);
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
