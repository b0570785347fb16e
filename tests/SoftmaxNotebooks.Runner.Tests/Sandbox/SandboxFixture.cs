using System.Runtime.Versioning;
using System.Security.Cryptography;
using SoftmaxNotebooks.Runner.Execution.Sandbox;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>
/// One sandboxed real kernel with the kit's folder bound, a working copy holding a notebook, a secret in the test's
/// environment, and TCP and UDP listeners on 127.0.0.1 that record whatever reaches them: the probes run as cells.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class SandboxFixture : IAsyncLifetime
{
    public const string Secret = "SOFTMAX_SANDBOX_TEST_SECRET";
    private readonly TempFolder work = new("sandbox");
    private readonly LoopbackListeners listeners = new();
    private SandboxedKernel? kernel;

    internal SandboxedKernel Kernel => kernel!;

    internal KernelSandbox Sandbox { get; private set; } = null!;

    public string WorkingCopy => Path.Combine(work.Path, "copy");

    public string CopyHash { get; private set; } = "";

    public int TcpPort => listeners.TcpPort;

    public int UdpPort => listeners.UdpPort;

    public static string Kit => Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "kit");

    /// <summary>What reached the listeners from anywhere: must stay empty.</summary>
    public IReadOnlyList<string> Received => listeners.Received;

    public async ValueTask InitializeAsync()
    {
        Environment.SetEnvironmentVariable(Secret, "the-instructor's-token");
        Directory.CreateDirectory(WorkingCopy);
        await File.WriteAllTextAsync(Path.Combine(WorkingCopy, "alice.dib"), "#!csharp\n\n1 + 1\n");
        CopyHash = HashFolder(WorkingCopy);
        Sandbox = KernelSandbox.Create(SandboxLimits.Default, [Kit]);
        kernel = await SandboxedKernel.StartAsync(Sandbox, WorkingCopy);
    }

    public async ValueTask DisposeAsync()
    {
        if (kernel is not null)
        {
            await kernel.DisposeAsync();
        }

        listeners.Dispose();
        work.Dispose();
    }

    /// <summary>Every file's path and SHA-256 under a folder (or one file of it; or all but some), as one hash.</summary>
    public static string HashFolder(string folder, string? only = null, IReadOnlyCollection<string>? exclude = null)
    {
        var lines = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Where(f => (only is null || Path.GetRelativePath(folder, f) == only) && exclude?.Contains(Path.GetRelativePath(folder, f)) != true)
            .Select(f => Path.GetRelativePath(folder, f) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
        return Convert.ToHexString(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines))));
    }
}
