using System.Diagnostics;
using System.Runtime.Versioning;
using System.Text;
using System.Text.Json.Nodes;
using SoftmaxNotebooks.Runner.Classroom.Integrity;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Execution.Sandbox;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>What one submitted cell produced: its final event and the text of every output on the way.</summary>
internal sealed record CellResult(bool Succeeded, string Output, string Failure)
{
    public override string ToString() => Succeeded ? "succeeded: " + Output : "failed: " + Failure + " | " + Output;
}

/// <summary>
/// The real kernel (<see cref="KernelTool.Command"/>, as the runner starts it) inside a <see cref="KernelSandbox"/>,
/// spoken to with the stdio protocol directly: the test sees what a submission's cell sees and does.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class SandboxedKernel : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter input;
    private readonly StreamReader output;
    private readonly StringBuilder errors = new();
    private int next;

    private SandboxedKernel(SandboxScope scope, Process process)
    {
        Scope = scope;
        this.process = process;
        input = process.StandardInput;
        output = process.StandardOutput;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (errors)
            {
                errors.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
    }

    public SandboxScope Scope { get; }

    public TimeSpan StartTime { get; private set; }

    public int Pid => process.Id;

    public bool HasExited => process.HasExited;

    public static async Task<SandboxedKernel> StartAsync(KernelSandbox sandbox, string workingCopy)
    {
        await KernelTool.RestoreAsync(TestContext.Current.CancellationToken);
        var request = new KernelStartRequest(workingCopy);
        var command = sandbox.Wrap(KernelTool.Command(request), request);
        var start = new ProcessStartInfo(command.FileName)
        {
            WorkingDirectory = command.WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = Encoding.UTF8,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var stopwatch = Stopwatch.StartNew();
        var process = await ProcessStarter.StartAsync(start);
        var kernel = new SandboxedKernel((SandboxScope)command.Scope!, process);
        while (await kernel.NextAsync(TimeSpan.FromMinutes(2)) is { } e)
        {
            if (e["eventType"]?.GetValue<string>() == "KernelReady")
            {
                kernel.StartTime = stopwatch.Elapsed;
                return kernel;
            }
        }

        var errors = kernel.Errors;
        await kernel.DisposeAsync();
        throw new InvalidOperationException("the sandboxed kernel ended before it was ready: " + errors);
    }

    public string Errors
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    /// <summary>Submits a C# cell and waits for its completion (or the kernel's end, reported as a failure).</summary>
    public async Task<CellResult> SubmitAsync(string code, TimeSpan? timeout = null)
    {
        var token = "test-" + (++next).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
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
        this.ledger = ledger;
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
            ledger = null;
        }
    }

    private CompletionLedger? ledger;

    private async Task SendAsync(string code, string token)
    {
        var envelope = new JsonObject
        {
            ["commandType"] = "SubmitCode",
            ["command"] = new JsonObject { ["code"] = code, ["targetKernelName"] = "csharp" },
            ["token"] = token,
        };
        await input.WriteLineAsync(envelope.ToJsonString());
        await input.FlushAsync();
    }

    private async Task<JsonObject?> NextAsync(TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        while (await output.ReadLineAsync(limit.Token) is { } line)
        {
            if (KernelProtocol.ReadEvent(line) is { } typed)
            {
                ledger?.Event(typed);
                return (JsonObject)JsonNode.Parse(line)!;
            }

            ledger?.Foreign();
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }

        await process.WaitForExitAsync();
        await Scope.DisposeAsync();
        process.Dispose();
    }
}
