using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using SoftmaxNotebooks.Runner.Classroom.Integrity;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Execution.Sandbox;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>What one submitted cell produced: its final event and the text of every output on the way.</summary>
internal sealed record CellResult(bool Succeeded, string Output, string Failure)
{
    public override string ToString() => Succeeded ? "succeeded: " + Output : "failed: " + Failure + " | " + Output;
}

/// <summary>
/// The real kernel (the tool's own command, as <see cref="KernelProcess"/> starts it) inside a <see cref="KernelSandbox"/>,
/// spoken to with the stdio protocol directly: the test sees what a submission's cell sees and does.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class SandboxedKernel : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _input;
    private readonly StreamReader _output;
    private readonly StringBuilder _errors = new();
    private int _next;

    private SandboxedKernel(SandboxedStart sandbox, Process process)
    {
        Sandbox = sandbox;
        _process = process;
        _input = process.StandardInput;
        _output = process.StandardOutput;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_errors)
            {
                _errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    public SandboxedStart Sandbox { get; }

    public TimeSpan StartTime { get; private set; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The kernel's command as the runner starts it, with <paramref name="workingCopy"/> as its working folder.</summary>
    public static ProcessStartInfo KernelCommand(string workingCopy)
    {
        var start = new ProcessStartInfo(DotnetHost.Path)
        {
            WorkingDirectory = KernelTool.ManifestRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in new[] { "tool", "run", "dotnet-interactive", "--", "stdio", "--default-kernel", "csharp", "--working-dir", workingCopy })
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    public static async Task<SandboxedKernel> StartAsync(KernelSandbox sandbox, string workingCopy, IReadOnlyList<string> readOnlyPaths)
    {
        await KernelTool.RestoreAsync(TestContext.Current.CancellationToken);
        var start = sandbox.Prepare(KernelCommand(workingCopy), workingCopy, readOnlyPaths);
        var stopwatch = Stopwatch.StartNew();
        var process = await start.StartAsync();
        var kernel = new SandboxedKernel(start, process);
        while (await kernel.NextAsync(TimeSpan.FromMinutes(2)) is { } e)
        {
            if (e["eventType"]?.GetValue<string>() == "KernelReady")
            {
                kernel.StartTime = stopwatch.Elapsed;
                return kernel;
            }
        }

        var errors = kernel.Errors;
        await start.DisposeAsync();
        throw new InvalidOperationException("the sandboxed kernel ended before it was ready: " + errors);
    }

    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString();
            }
        }
    }

    /// <summary>Submits a C# cell and waits for its completion (or the kernel's end, reported as a failure).</summary>
    public async Task<CellResult> SubmitAsync(string code, TimeSpan? timeout = null)
    {
        var token = "test-" + (++_next).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        await SendAsync(code, token);
        var output = new StringBuilder();
        while (await NextAsync(timeout ?? TimeSpan.FromMinutes(2)) is { } e)
        {
            var type = e["eventType"]?.GetValue<string>();
            var mine = e["command"]?["token"]?.GetValue<string>() == token;
            if (mine && type is "CommandSucceeded")
            {
                return new CellResult(true, output.ToString(), "");
            }

            if (mine && type is "CommandFailed")
            {
                return new CellResult(false, output.ToString(), e["event"]?["message"]?.GetValue<string>() ?? "");
            }

            foreach (var value in e["event"]?["formattedValues"] as JsonArray ?? [])
            {
                if (value?["mimeType"]?.GetValue<string>() == "text/plain")
                {
                    output.Append(value["value"]?.GetValue<string>());
                }
            }
        }

        return new CellResult(false, output.ToString(), "the kernel ended: " + Errors);
    }

    /// <summary>
    /// Submits a check as the grader does with <see cref="CompletionLedger"/>: an unguessable token, then a barrier
    /// after the first completion. Returns what the first completion said (what a reader that stops there believes)
    /// and the ledger's verdict.
    /// </summary>
    public async Task<(bool FirstCompletionSucceeded, CheckVerdict Verdict)> SubmitCheckAsync(string code)
    {
        var ledger = new CompletionLedger();
        _ledger = ledger;
        try
        {
            var check = ledger.Send("check");
            await SendAsync(code, check);
            bool? first = null;
            while (first is null && await NextAsync(TimeSpan.FromMinutes(2)) is { } e)
            {
                if (e["eventType"]?.GetValue<string>() is "CommandSucceeded" or "CommandFailed" && e["command"]?["token"]?.GetValue<string>() == check)
                {
                    first = e["eventType"]!.GetValue<string>() == "CommandSucceeded";
                }
            }

            var barrier = ledger.Send("barrier");
            await SendAsync("", barrier);
            while (!ledger.Completed(barrier) && await NextAsync(TimeSpan.FromMinutes(2)) is not null)
            {
            }

            return (first ?? false, ledger.Verdict(check, barrier));
        }
        finally
        {
            _ledger = null;
        }
    }

    private CompletionLedger? _ledger;

    private async Task SendAsync(string code, string token)
    {
        var envelope = new JsonObject
        {
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = "csharp" },
            ["token"] = token,
        };
        await _input.WriteLineAsync(envelope.ToJsonString());
        await _input.FlushAsync();
    }

    private async Task<JsonObject?> NextAsync(TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        while (await _output.ReadLineAsync(limit.Token) is { } line)
        {
            JsonObject? e = null;
            try
            {
                e = line.StartsWith('{') ? JsonNode.Parse(line) as JsonObject : null;
            }
            catch (System.Text.Json.JsonException)
            {
            }

            if (e?["eventType"]?.GetValue<string>() is { } type)
            {
                _ledger?.Event(type, e["command"]?["token"]?.GetValue<string>());
                return e;
            }

            _ledger?.Foreign();
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await Sandbox.DisposeAsync();
        _process.Dispose();
    }
}
