using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Execution;

/// <summary>
/// The executor's options in the real kernel: continue-on-error runs every cell, stop-on-error stops, streams can be
/// dropped, a wrapper around the kernel's command line runs it (the sandbox's seam), a deadline reaches the kernel
/// start, and stopping a kernel stops its whole process group.
/// </summary>
public sealed class ExecutorTests
{
    private static Notebook Cells(params string[] code) => new(Notebook.DefaultKernelInfo(), [.. code.Select(c => NotebookCell.Create(KernelNames.CSharp, c))]);

    private static string Text(CellOutput output) => Assert.IsType<DisplayDataOutput>(output).Data.Single(v => v.MimeType == "text/plain").Value;

    [Fact]
    public async Task Continue_on_error_runs_every_cell_through_a_wrapped_kernel_and_drops_streams_when_asked()
    {
        using var folder = new TempFolder("executor");
        var notebook = Cells(
            "Console.Write(\"dropped\"); display(Environment.GetEnvironmentVariable(\"SMX_WRAPPED\"));",
            "throw new InvalidOperationException(\"first\");",
            "display(1 + 1);");
        var options = new ExecutionOptions { OnError = OnCellError.Continue, KeepStreams = false, Launcher = new KernelLauncher(new EnvWrapper()) };

        var executed = await NotebookExecutor.ExecuteAsync(notebook, folder.Path, "nb.dib", options, null, TestContext.Current.CancellationToken);

        Assert.Equal([CellStatus.Passed, CellStatus.Failed, CellStatus.Passed], executed.Cells.Select(c => c.Status));
        Assert.Equal("yes", Text(Assert.Single(executed.Notebook.Cells[0].Outputs)));
        Assert.Equal("InvalidOperationException: first", executed.Failure!.Message);
        Assert.Equal("nb.dib:cell 2: System.InvalidOperationException: first", executed.Error);
        Assert.Equal([1, 2, 3], executed.Notebook.Cells.Select(c => c.ExecutionCount ?? 0));
        Assert.False(executed.Succeeded);
    }

    [Fact]
    public async Task Stop_on_error_leaves_the_later_cells_unrun_and_a_spent_deadline_stops_the_kernel_start()
    {
        using var folder = new TempFolder("executor");
        var notebook = Cells("throw new InvalidOperationException(\"first\");", "display(2);");

        var stopped = await NotebookExecutor.ExecuteAsync(notebook, folder.Path, "nb.dib", new ExecutionOptions(), null, TestContext.Current.CancellationToken);
        Assert.Equal([CellStatus.Failed, CellStatus.NotRun], stopped.Cells.Select(c => c.Status));
        Assert.Empty(stopped.Notebook.Cells[1].Outputs);
        Assert.Null(stopped.Notebook.Cells[1].ExecutionCount);

        var late = await NotebookExecutor.ExecuteAsync(notebook, folder.Path, "nb.dib", new ExecutionOptions { Deadline = TimeSpan.FromMilliseconds(1) }, null, TestContext.Current.CancellationToken);
        Assert.Equal(FailureKind.KernelDidNotStart, late.Failure!.Kind);
        Assert.StartsWith("nb.dib: the kernel was not ready within 0 s", late.Error, StringComparison.Ordinal);
        Assert.All(late.Cells, c => Assert.Equal(CellStatus.NotRun, c.Status));
    }

    [Fact]
    public async Task A_timed_out_cell_stops_its_kernel_with_every_process_of_its_group()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "process groups are a Unix feature");
        using var folder = new TempFolder("executor");
        // sh starts sleep in the background and exits: sleep leaves the kernel's process tree but stays in its group.
        var notebook = Cells(
            "var sh = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(\"sh\", [\"-c\", \"sleep 300 >/dev/null 2>&1 & echo $!\"]) { RedirectStandardOutput = true })!;\ndisplay(sh.StandardOutput.ReadLine());",
            "System.Threading.Thread.Sleep(TimeSpan.FromMinutes(5));");

        var executed = await NotebookExecutor.ExecuteAsync(notebook, folder.Path, "nb.dib", new ExecutionOptions { CellTimeout = TimeSpan.FromSeconds(20) }, null, TestContext.Current.CancellationToken);

        Assert.Equal([CellStatus.Passed, CellStatus.TimedOut], executed.Cells.Select(c => c.Status));
        Assert.Equal(FailureKind.CellTimeout, executed.Failure!.Kind);
        Assert.Equal("nb.dib:cell 2: the cell did not finish within 20 s (set --cell-timeout to allow longer); the kernel process was stopped.", executed.Error);
        var sleep = int.Parse(Text(Assert.Single(executed.Notebook.Cells[0].Outputs)), System.Globalization.CultureInfo.InvariantCulture);
        var gone = System.Diagnostics.Stopwatch.StartNew();
        while (Directory.Exists("/proc/" + sleep) && gone.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.False(Directory.Exists("/proc/" + sleep), $"sleep ({sleep}), started by the kernel and orphaned, outlived the kernel");
    }

    /// <summary>Runs the kernel under <c>env</c> with one more variable: a wrapper that passes standard input and output through, as a sandbox does.</summary>
    private sealed class EnvWrapper : IKernelCommandWrapper
    {
        public KernelCommand Wrap(KernelCommand kernel, KernelStartRequest request) =>
            kernel with { FileName = "/usr/bin/env", Arguments = ["SMX_WRAPPED=yes", kernel.FileName, .. kernel.Arguments] };
    }
}
