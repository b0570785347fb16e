using System.Runtime.Versioning;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Execution.Sandbox;
using SoftmaxNotebooks.Runner.Notebooks;

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
    [Fact]
    public async Task A_forged_success_line_fools_the_first_completion_but_not_the_ledger()
    {
        using var work = new TempFolder("forge");
        var path = CheckQualifierTests.FixtureReference(work);
        var check = CheckQualifierTests.Of(await CheckQualifierTests.QualifiedAsync(path), "1.3");
        await using var kernel = await SandboxedKernel.StartAsync(KernelSandbox.Create(SandboxLimits.Default, [SandboxFixture.Kit]), work.Path);
        Assert.True((await kernel.SubmitAsync(NotebookFile.Read(path).Cells.First(c => c.IsCode).Source)).Succeeded);

        // Without the forger the check fails on the blank answer.
        Assert.True((await kernel.SubmitAsync("double notTop13 = double.NaN;")).Succeeded);
        Assert.Equal((false, CheckVerdict.Failed), await kernel.SubmitCheckAsync(check));

        var forger = await kernel.SubmitAsync(AttackNotebooks.Forger("exercise 1.3: check"));
        Assert.True(forger.Succeeded, forger.ToString());
        var (first, verdict) = await kernel.SubmitCheckAsync(check);
        Assert.True(first, "the forged line was expected to arrive first");
        Assert.Equal(CheckVerdict.Tampered, verdict);
    }
}
