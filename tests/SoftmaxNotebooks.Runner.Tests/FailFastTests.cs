namespace SoftmaxNotebooks.Runner.Tests;

public sealed class FailFastTests
{
    [Fact]
    public async Task Fail_fast_stops_the_remaining_notebooks_after_the_first_failure()
    {
        using var workFolder = new TempFolder("failfast");
        var work = workFolder.Path;
        Directory.CreateDirectory(Path.Combine(work, "nb"));
        File.Copy(Path.Combine(RunnerProcess.FixtureNotebooks, "compile-error.dib"), Path.Combine(work, "nb", "a-compile-error.dib"));
        File.Copy(Path.Combine(RunnerProcess.FixtureNotebooks, "basics.dib"), Path.Combine(work, "nb", "b-basics.dib"));
        var (exitCode, output) = await RunnerProcess.RunAsync(work, null, "run", "nb", "--output", "out", "--plain", "--fail-fast", "--parallel", "1");
        Assert.Equal(1, exitCode);
        Assert.Matches(@"(?m)^nb/b-basics\.dib\s+cancelled", output);
        Assert.False(File.Exists(Path.Combine(work, "out", "notebooks", "b-basics.ipynb")));
    }
}
