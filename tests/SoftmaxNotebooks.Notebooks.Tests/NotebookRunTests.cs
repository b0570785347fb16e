using System.Globalization;
using SoftmaxNotebooks.Runner.Execution;

namespace SoftmaxNotebooks.Notebooks.Tests;

/// <summary>
/// Every notebook runs through the headless runner exactly as the README's main command runs it; a failing cell,
/// including every failed Check(...) claim, fails the test with the runner's located error. The time of each notebook
/// is written to the test output (the set's budget is about 90 s on 2 cores: a budget, not a timed assertion). The runs
/// are shared with the exported-app tests (<see cref="NotebookRuns"/>).
/// </summary>
public sealed class NotebookRunTests(NotebookRuns runs)
{
    public static TheoryData<string> Sources() => new(Repository.DibSources);

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task NotebookRunsWithoutAFailingCell(string dib)
    {
        var (exitCode, result, messages) = await runs.RunAsync(dib);
        foreach (var message in messages)
        {
            TestContext.Current.TestOutputHelper?.WriteLine(message);
        }

        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{dib}: {result.Status} in {result.Elapsed.TotalSeconds:F1} s ({result.Cells.Count} cells; slowest: {Slowest(result)})"));
        Assert.True(result.Status == NotebookStatus.Passed, result.Error ?? $"{dib}: {result.Status}");
        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(result.ExecutedPath), "the executed notebook was not written");
    }

    private static string Slowest(NotebookRunResult result) =>
        result.Cells.OrderByDescending(c => c.Elapsed).Take(1)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"cell {c.CellNumber}, {c.Elapsed.TotalSeconds:F1} s"))
            .DefaultIfEmpty("none").First();
}
