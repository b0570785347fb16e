using System.Globalization;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Execution.Sandbox;

/// <summary>
/// What one sandboxed kernel may use. Memory and processes are cgroup v1 limits on everything the submission starts
/// (when the runner is root; otherwise a per-process data limit, see <see cref="KernelSandbox"/>); the three file
/// systems a submission can write are size-limited tmpfs mounts, whose pages count against the memory limit too. (The
/// limit on output is the reader's: <see cref="ExecutionOptions.OutputLimit"/>.)
/// </summary>
/// <param name="MemoryBytes">Memory of the whole submission (kernel, children, its tmpfs files). Default 1.5 GiB: a
/// kernel grading notebook 06's solutions peaked at 232 MiB (measured in the sandbox).</param>
/// <param name="MaxTasks">Processes and threads of the whole submission (cgroup v1 counts threads). Default 128: the
/// kernel runs about 25 threads.</param>
/// <param name="WorkBytes">The writable copy of the submission (the kernel's working folder). Default 64 MiB.</param>
/// <param name="TmpBytes">The private <c>/tmp</c>. Default 64 MiB.</param>
/// <param name="HomeBytes">The private home folder. Default 16 MiB.</param>
/// <param name="Uid">The user id the submission runs as when the runner is root (inside and outside the sandbox), and
/// inside it otherwise; it must not be a user of this machine. Default 64000.</param>
internal sealed record SandboxLimits(long MemoryBytes, int MaxTasks, long WorkBytes, long TmpBytes, long HomeBytes, int Uid)
{
    private const long MiB = 1024 * 1024;

    /// <summary>The defaults above.</summary>
    public static SandboxLimits Default { get; } = new(1536 * MiB, 128, 64 * MiB, 64 * MiB, 16 * MiB, 64000);

    /// <summary>The managed heap limit the kernel's runtime is given: three quarters of the memory limit, so that a large
    /// allocation fails as an <see cref="OutOfMemoryException"/> in the cell while the kernel keeps running.</summary>
    public long ManagedHeapBytes => MemoryBytes / 4 * 3;

    /// <summary>Checks every limit, naming the first that is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A limit is too small for a kernel, or the uid is 0.</exception>
    public SandboxLimits Validated()
    {
        Require(MemoryBytes >= 512 * MiB, nameof(MemoryBytes), MemoryBytes, "at least 512 MiB: a kernel with the kit loaded takes about 250 MiB");
        Require(MaxTasks >= 64, nameof(MaxTasks), MaxTasks, "at least 64: the kernel alone runs about 25 threads");
        Require(WorkBytes >= MiB, nameof(WorkBytes), WorkBytes, "at least 1 MiB");
        Require(TmpBytes >= MiB, nameof(TmpBytes), TmpBytes, "at least 1 MiB");
        Require(HomeBytes >= MiB, nameof(HomeBytes), HomeBytes, "at least 1 MiB");
        Require(Uid is > 0 and < 65535, nameof(Uid), Uid, "between 1 and 65534: submissions never run as root");
        return this;
    }

    /// <summary>"1.5 GiB memory, 128 tasks, …" for messages and the gradebook.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"memory {ByteCount.Format(MemoryBytes)}, {MaxTasks} processes/threads, working copy {ByteCount.Format(WorkBytes)}, /tmp {ByteCount.Format(TmpBytes)}, home {ByteCount.Format(HomeBytes)}, uid {Uid}");

    private static void Require(bool condition, string name, long value, string rule)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"the sandbox's {name} must be {rule}; it is {value}."));
        }
    }
}
