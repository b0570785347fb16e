namespace SoftmaxNotebooks.Runner.Tests;

public sealed class TimeoutTests
{
    [Fact]
    public async Task A_cell_past_the_cell_timeout_stops_its_kernel_and_fails_with_a_clear_message()
    {
        using var workFolder = new TempFolder("timeout");
        var work = workFolder.Path;
        Directory.CreateDirectory(Path.Combine(work, "nb"));
        await File.WriteAllTextAsync(Path.Combine(work, "nb", "hang.dib"),
            "#!csharp\n\nSystem.Threading.Thread.Sleep(TimeSpan.FromMinutes(10));\n", TestContext.Current.CancellationToken);
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var (exitCode, output) = await RunnerProcess.RunAsync(work, null, "run", "nb", "--output", "out", "--plain", "--cell-timeout", "20");
        Assert.Equal(1, exitCode);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromMinutes(2), $"{stopwatch.Elapsed} {output}");
        Assert.Contains("error: nb/hang.dib:cell 1: the cell did not finish within 20 s (set --cell-timeout to allow longer); the kernel process was stopped.", output, StringComparison.Ordinal);
        // The failed notebook is written whole beside where a good one would go, with no temporary file left.
        Assert.Equal("", RunnerProcess.NbformatValidationErrors(Path.Combine(work, "out", "notebooks", "hang.failed.ipynb")));
        Assert.False(File.Exists(Path.Combine(work, "out", "notebooks", "hang.ipynb")));
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(work, "out", "notebooks"), "*.tmp"));
    }
}
