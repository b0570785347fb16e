using System.Runtime.Versioning;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Execution.Sandbox;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>A check's outcome read from the protocol: what the kernel really said, not what a forged line says.</summary>
public sealed class CompletionLedgerTests
{
    private static (CompletionLedger Ledger, string Check, string Barrier) Sent()
    {
        var ledger = new CompletionLedger();
        var check = ledger.Send("check");
        ledger.Event(new OtherKernelEvent(check, "CodeSubmissionReceived"));
        return (ledger, check, ledger.Send("barrier"));
    }

    [Fact]
    public void One_completion_then_the_barrier_s_is_the_check_s_outcome()
    {
        var (passed, check, barrier) = Sent();
        passed.Event(new CommandSucceeded(check));
        passed.Event(new CommandSucceeded(barrier));
        Assert.Equal(CheckVerdict.Passed, passed.Verdict(check, barrier));

        var (failed, check2, barrier2) = Sent();
        failed.Event(new CommandFailed(check2, "failed"));
        failed.Event(new CommandSucceeded(barrier2));
        Assert.Equal(CheckVerdict.Failed, failed.Verdict(check2, barrier2));
    }

    [Fact]
    public void A_forged_success_before_the_real_failure_is_tampering()
    {
        var (ledger, check, barrier) = Sent();
        ledger.Event(new CommandSucceeded(check));
        ledger.Event(new CommandFailed(check, "failed"));
        ledger.Event(new CommandSucceeded(barrier));
        Assert.Equal(CheckVerdict.Tampered, ledger.Verdict(check, barrier));
    }

    [Fact]
    public void A_forged_success_and_a_kernel_that_dies_before_the_barrier_is_no_answer()
    {
        var (ledger, check, barrier) = Sent();
        ledger.Event(new CommandSucceeded(check));
        Assert.Equal(CheckVerdict.Unanswered, ledger.Verdict(check, barrier));
    }

    [Fact]
    public void Foreign_bytes_between_the_check_and_the_barrier_s_answer_are_tampering_and_before_it_are_not()
    {
        var ledger = new CompletionLedger();
        ledger.Foreign();
        var check = ledger.Send("check");
        ledger.Event(new CommandSucceeded(check));
        var barrier = ledger.Send("barrier");
        ledger.Event(new CommandSucceeded(barrier));
        Assert.Equal(CheckVerdict.Passed, ledger.Verdict(check, barrier));

        var (sprayed, check2, barrier2) = Sent();
        sprayed.Foreign();
        sprayed.Event(new CommandSucceeded(check2));
        sprayed.Event(new CommandSucceeded(barrier2));
        Assert.Equal(CheckVerdict.Tampered, sprayed.Verdict(check2, barrier2));
    }

    [Fact]
    public void Tokens_cannot_be_guessed_and_completions_for_other_tokens_count_for_nothing()
    {
        var (ledger, check, barrier) = Sent();
        Assert.Matches("^check-[0-9a-f]{24}$", check);
        Assert.NotEqual(check, ledger.Send("check"));
        ledger.Event(new CommandSucceeded("check-1"));
        ledger.Event(new CommandSucceeded("cell-7"));
        ledger.Event(new CommandFailed(check, "failed"));
        ledger.Event(new CommandSucceeded(barrier));
        Assert.Equal(CheckVerdict.Failed, ledger.Verdict(check, barrier));
    }
}

/// <summary>The forgery in the real kernel: a cell that writes a success line for the check onto the kernel's raw standard output.</summary>
[SupportedOSPlatform("linux")]
public sealed class ForgedCompletionInTheKernelTests
{
    // Watches the kernel's own events; when the 6.3 check arrives, writes a "succeeded" envelope with its token to fd 1.
    private const string Forger = """
        using Microsoft.DotNet.Interactive;
        using Microsoft.DotNet.Interactive.Commands;
        using Microsoft.DotNet.Interactive.Events;
        class Forger : IObserver<KernelEvent>
        {
            public void OnNext(KernelEvent e)
            {
                if (e is CodeSubmissionReceived { Command: SubmitCode submit } && submit.Code.Contains("exercise 6.3: check"))
                {
                    using var raw = new System.IO.FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)1, false), System.IO.FileAccess.Write);
                    raw.Write(System.Text.Encoding.UTF8.GetBytes("{\"event\":{},\"eventType\":\"CommandSucceeded\",\"command\":{\"token\":\"" + submit.GetOrCreateToken() + "\",\"commandType\":\"SubmitCode\",\"command\":{}}}\n"));
                }
            }
            public void OnError(Exception e) { }
            public void OnCompleted() { }
        }
        Kernel.Root.KernelEvents.Subscribe(new Forger());
        double[] z63 = [40.0, 0.0, 0.0];
        double notTop63 = double.NaN;
        """;

    [Fact]
    public async Task A_forged_success_line_fools_the_first_completion_but_not_the_ledger()
    {
        var path = Path.Combine(RunnerProcess.RepositoryRoot, "notebooks", "06-numerical-stability.dib");
        var check = (await CheckQualifierTests.QualifiedAsync(path))["6.3"];
        var kit = Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "kit");
        using var work = new TempFolder("forge");
        await using var kernel = await SandboxedKernel.StartAsync(KernelSandbox.Create(SandboxLimits.Default, [kit]), work.Path);
        Assert.True((await kernel.SubmitAsync($"#r \"{kit}/SoftmaxNotebooks.dll\"\n#r \"{kit}/SoftmaxNotebooks.Display.dll\"")).Succeeded);

        // Without the forger the check fails on the blank answer.
        Assert.True((await kernel.SubmitAsync("double[] z63 = [40.0, 0.0, 0.0];\ndouble notTop63 = double.NaN;")).Succeeded);
        Assert.Equal((false, CheckVerdict.Failed), await kernel.SubmitCheckAsync(check));

        var forger = await kernel.SubmitAsync(Forger);
        Assert.True(forger.Succeeded, forger.ToString());
        var (first, verdict) = await kernel.SubmitCheckAsync(check);
        Assert.True(first, "the forged line was expected to arrive first");
        Assert.Equal(CheckVerdict.Tampered, verdict);
    }
}
