using System.Diagnostics;
using System.Globalization;
using SoftmaxNotebooks.Runner.Running;

namespace SoftmaxNotebooks.Notebooks.Tests;

/// <summary>
/// Every notebook runs through the headless runner exactly as the README's main command runs it; a failing cell,
/// including every failed Check(...) claim, fails the test with the runner's located error. The time of each notebook
/// is written to the test output (the set's budget is about 90 s on 2 cores: a budget, not a timed assertion).
/// </summary>
public sealed class NotebookRunTests
{
    public static TheoryData<string> Sources() => new(Repository.DibSources);

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task NotebookRunsWithoutAFailingCell(string dib)
    {
        var output = Path.Combine(Path.GetTempPath(), "softmax-notebooks-test-" + Guid.NewGuid().ToString("N"));
        var reporter = new CollectingReporter();
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var exitCode = await NotebookRunner.RunAsync(
                new RunOptions([Path.Combine(Repository.Notebooks, dib)], output, FailFast: true, Parallelism: 1, Live: false),
                reporter,
                TestContext.Current.CancellationToken);
            stopwatch.Stop();

            var result = Assert.Single(reporter.Results);
            TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{dib}: {result.Status} in {result.Elapsed.TotalSeconds:F1} s ({result.Cells.Count} cells; slowest: {Slowest(result)})"));
            Assert.True(result.Status == NotebookStatus.Passed, result.Error ?? $"{dib}: {result.Status}");
            Assert.Equal(0, exitCode);
            Assert.True(File.Exists(result.ExecutedPath), "the executed notebook was not written");
        }
        finally
        {
            if (Directory.Exists(output))
            {
                Directory.Delete(output, recursive: true);
            }
        }
    }

    private static string Slowest(NotebookRunResult result) =>
        result.Cells.OrderByDescending(c => c.Elapsed).Take(1)
            .Select(c => string.Create(CultureInfo.InvariantCulture, $"cell {c.CellNumber}, {c.Elapsed.TotalSeconds:F1} s"))
            .DefaultIfEmpty("none").First();

    private sealed class CollectingReporter : IRunReporter
    {
        private readonly List<NotebookRunResult> _results = [];

        public IReadOnlyList<NotebookRunResult> Results => _results;

        public Task RunAsync(IReadOnlyList<string> names, Func<Task> run) => run();

        public void Started(string name)
        {
        }

        public void CellFinished(string name, int cell, int count)
        {
        }

        public void Finished(NotebookRunResult result) => _results.Add(result);

        public void Message(string message) => TestContext.Current.TestOutputHelper?.WriteLine(message);

        public void Summary(IReadOnlyList<NotebookRunResult> results)
        {
        }
    }
}
