using System.CommandLine;
using System.Globalization;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Execution.Sandbox;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary>The sandbox's limits as options (<c>grade</c> and <c>run --sandbox</c>), and the launcher they make.</summary>
internal sealed class SandboxOptions
{
    private const long MiB = 1024 * 1024;

    private readonly Option<int> memory = Positive("--sandbox-memory",
        "MiB of memory for one kernel with everything it starts and the files it writes (cgroup limit as root; per process otherwise).", SandboxLimits.Default.MemoryBytes / MiB);

    private readonly Option<int> processes = Positive("--sandbox-processes",
        "Processes and threads one kernel may run together (cgroup limit, as root).", SandboxLimits.Default.MaxTasks);

    private readonly Option<int> disk = Positive("--sandbox-disk",
        "MiB for the kernel's working copy and as much again for its /tmp (each a size-limited tmpfs).", SandboxLimits.Default.WorkBytes / MiB);

    /// <summary>Adds the options to a command.</summary>
    /// <param name="command">The command.</param>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(memory);
        command.Options.Add(processes);
        command.Options.Add(disk);
    }

    /// <summary>
    /// A launcher that starts every kernel in a <see cref="KernelSandbox"/> with the parsed limits, after proving the
    /// sandbox works here; its description goes to <paramref name="log"/>.
    /// </summary>
    /// <param name="result">The parsed command line.</param>
    /// <param name="readOnlyPaths">What every kernel reads besides its own files (the kit's folder).</param>
    /// <param name="log">Where the sandbox is described.</param>
    /// <param name="cancellationToken">Stops the kernel tool's restore.</param>
    /// <exception cref="SandboxException">Not Linux, bubblewrap missing, or it cannot make a sandbox here.</exception>
    public async Task<KernelLauncher> LauncherAsync(ParseResult result, IReadOnlyList<string> readOnlyPaths, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(log);
        if (!OperatingSystem.IsLinux())
        {
            throw new SandboxException("the sandbox needs Linux with bubblewrap; on this system grade inside a Linux container or VM.");
        }

        await KernelTool.RestoreAsync(cancellationToken).ConfigureAwait(false);
        var defaults = SandboxLimits.Default;
        var limits = defaults with
        {
            MemoryBytes = result.GetValue(memory) * MiB,
            MaxTasks = result.GetValue(processes),
            WorkBytes = result.GetValue(disk) * MiB,
            TmpBytes = result.GetValue(disk) * MiB,
        };
        try
        {
            var sandbox = KernelSandbox.Create(limits, readOnlyPaths);
            await log.WriteLineAsync("sandbox: " + sandbox.Description).ConfigureAwait(false);
            return new KernelLauncher(sandbox);
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new SandboxException(e.Message, e);
        }
    }

    private static Option<int> Positive(string name, string description, long defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => (int)defaultValue };
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() <= 0)
            {
                r.AddError(string.Create(CultureInfo.InvariantCulture, $"{r.Option.Name} must be a positive number."));
            }
        });
        return option;
    }
}
