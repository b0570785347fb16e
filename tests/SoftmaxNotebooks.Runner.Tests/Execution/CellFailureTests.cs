using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Execution;

/// <summary>The typed layer: kernel event lines and cell failures, each read in one place.</summary>
public sealed class CellFailureTests
{
    private const string Cell = "var x = 1;\nCheck.That(x == 2, \"x is 2\");";

    [Fact]
    public void A_failed_claim_is_located_on_its_Check_line_and_keeps_its_own_message_for_the_gradebook()
    {
        const string message = "SoftmaxNotebooks.ClaimFailedException: CHECK FAILED: x is 2 — the condition is false (line 2)\n   at Submission#3.<<Initialize>>d__0.MoveNext()";
        var failure = CellFailures.FromCommand("nb.dib:cell 3", Cell, message, []);
        Assert.Equal(FailureKind.Claim, failure.Kind);
        Assert.Equal("ClaimFailedException", failure.Name);
        Assert.Equal(2, failure.Line);
        Assert.Equal("nb.dib:cell 3:line 2: SoftmaxNotebooks.ClaimFailedException: CHECK FAILED: x is 2 — the condition is false", failure.Located);
        Assert.Equal("CHECK FAILED: x is 2 — the condition is false (line 2)", failure.Message);
        Assert.Equal(message.Split('\n'), failure.Details);
    }

    [Fact]
    public void A_claim_whose_line_is_no_Check_call_keeps_the_compilers_line_in_the_message()
    {
        var failure = CellFailures.FromCommand("nb.dib:cell 3", "Verify(rows);", "SoftmaxNotebooks.ClaimFailedException: CHECK FAILED: rows sum to 1 — |Δ| = 0.1 > 1e-9 (line 7)", []);
        Assert.Null(failure.Line);
        Assert.Equal("nb.dib:cell 3: SoftmaxNotebooks.ClaimFailedException: CHECK FAILED: rows sum to 1 — |Δ| = 0.1 > 1e-9 (line 7)", failure.Located);
    }

    [Fact]
    public void Compile_errors_come_first_each_on_its_line_and_warnings_are_left_out()
    {
        KernelDiagnostic[] diagnostics =
        [
            new("warning", "CS0219", "The variable 'x' is assigned but its value is never used", 1),
            new("error", "CS0103", "The name 'y' does not exist in the current context", 2),
            new("error", "CS1002", "; expected", null),
        ];
        var failure = CellFailures.FromCommand("nb.dib:cell 1", Cell, "Cell did not compile.", diagnostics);
        Assert.Equal(FailureKind.Compilation, failure.Kind);
        Assert.Equal("CompilationError", failure.Name);
        Assert.Equal("nb.dib:cell 1:line 2: error CS0103: The name 'y' does not exist in the current context", failure.Located);
        Assert.Equal("error CS0103: The name 'y' does not exist in the current context", failure.Message);
        Assert.Equal([failure.Located, "nb.dib:cell 1: error CS1002: ; expected"], failure.Details);
    }

    [Fact]
    public void An_exception_is_its_head_without_the_stack_inner_exceptions_included()
    {
        const string message = "System.InvalidOperationException: outer\n ---> System.ArgumentException: inner\n   at Submission#2.Run()\n   --- End of inner exception stack trace ---\n   at Submission#2.Main()";
        var failure = CellFailures.FromCommand("nb.dib:cell 2", "Run();", message, []);
        Assert.Equal(FailureKind.Exception, failure.Kind);
        Assert.Equal("InvalidOperationException", failure.Name);
        Assert.Equal("nb.dib:cell 2: System.InvalidOperationException: outer ---> System.ArgumentException: inner", failure.Located);
        Assert.Equal("InvalidOperationException: outer ---> System.ArgumentException: inner", failure.Message);
    }

    [Fact]
    public void Kernel_event_lines_become_typed_events_and_other_lines_none()
    {
        Assert.Null(KernelProtocol.ReadEvent("Welcome to .NET Interactive"));
        Assert.Null(KernelProtocol.ReadEvent("{not json"));
        Assert.IsType<KernelReady>(KernelProtocol.ReadEvent("""{"eventType":"KernelReady","event":{"kernelInfos":[]}}"""));
        var value = Assert.IsType<ValueProduced>(KernelProtocol.ReadEvent(
            """{"eventType":"ReturnValueProduced","event":{"valueId":"v1","formattedValues":[{"mimeType":"text/plain","value":"a\r\nb","suppressDisplay":false}]},"command":{"token":"cell-1","commandType":"SubmitCode"}}"""));
        Assert.Equal(("cell-1", ValueKind.Returned, "v1"), (value.Token, value.Kind, value.ValueId));
        Assert.Equal([new FormattedValue("text/plain", "a\nb")], value.Values);
        var diagnostics = Assert.IsType<DiagnosticsProduced>(KernelProtocol.ReadEvent(
            """{"eventType":"DiagnosticsProduced","event":{"diagnostics":[{"severity":"error","code":"CS0103","message":"no y","linePositionSpan":{"start":{"line":1,"character":0},"end":{"line":1,"character":1}}}]},"command":{"token":"cell-2"}}"""));
        Assert.Equal([new KernelDiagnostic("error", "CS0103", "no y", 2)], diagnostics.Diagnostics);
        Assert.Equal(new OtherKernelEvent(null, "KernelInfoProduced"), KernelProtocol.ReadEvent("""{"eventType":"KernelInfoProduced","event":{"kernelInfo":{}}}"""));
    }

    [Fact]
    public void A_SubmitCode_envelope_is_one_line_of_the_protocols_JSON()
    {
        var line = KernelProtocol.SubmitCode("var s = \"é\";\n1", "csharp", "cell-1");
        Assert.DoesNotContain('\n', line);
        using var envelope = System.Text.Json.JsonDocument.Parse(line);
        var root = envelope.RootElement;
        Assert.Equal("SubmitCode", root.GetProperty("commandType").GetString());
        Assert.Equal("cell-1", root.GetProperty("token").GetString());
        Assert.Equal("var s = \"é\";\n1", root.GetProperty("command").GetProperty("code").GetString());
        Assert.Equal("csharp", root.GetProperty("command").GetProperty("targetKernelName").GetString());
    }
}
