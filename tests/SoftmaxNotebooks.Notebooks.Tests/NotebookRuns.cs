using System.Collections.Concurrent;
using SoftmaxNotebooks.Runner.Execution;

[assembly: AssemblyFixture(typeof(SoftmaxNotebooks.Notebooks.Tests.NotebookRuns))]

namespace SoftmaxNotebooks.Notebooks.Tests;

/// <summary>One notebook's run through the runner: its exit code, its result and the generated twins it skipped.</summary>
/// <param name="ExitCode">The runner's exit code.</param>
/// <param name="Result">How the notebook's run ended, with the executed notebook's path.</param>
/// <param name="SkippedTwins">The generated .ipynb twins the runner left out.</param>
internal sealed record NotebookRun(int ExitCode, NotebookRunResult Result, IReadOnlyList<string> SkippedTwins);

/// <summary>
/// Each notebook runs through the headless runner once per test run, exactly as the README's main command runs it;
/// the notebook tests and the exported-app tests (which compare the app's claims with the notebook's) share the run.
/// </summary>
public sealed class NotebookRuns : IDisposable
{
    private readonly string output = Path.Combine(Path.GetTempPath(), "softmax-notebooks-test-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, Lazy<Task<NotebookRun>>> runs = new(StringComparer.Ordinal);

    /// <summary>The run of <paramref name="dib"/> (a file name in notebooks/), started by the first test that asks.</summary>
    internal Task<NotebookRun> RunAsync(string dib) =>
        runs.GetOrAdd(dib, d => new Lazy<Task<NotebookRun>>(() => Run(Path.Combine(Repository.Notebooks, d)))).Value;

    /// <summary>Runs any notebook file (not shared), writing into this fixture's folder.</summary>
    internal async Task<NotebookRun> Run(string notebook)
    {
        var reporter = new CollectingReporter();
        // Not a test's token: other tests may wait on the same run.
        var report = await NotebookRunner.RunAsync(
            new RunOptions([notebook], Path.Combine(output, Guid.NewGuid().ToString("N")), FailFast: true, Parallelism: 1),
            reporter,
            CancellationToken.None);
        return new NotebookRun(report.Succeeded ? 0 : 1, Assert.Single(reporter.Results), report.SkippedTwins);
    }

    public void Dispose()
    {
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private sealed class CollectingReporter : IRunProgress
    {
        private readonly List<NotebookRunResult> results = [];

        public IReadOnlyList<NotebookRunResult> Results => results;

        public Task RunAsync(IReadOnlyList<string> names, Func<Task> run) => run();

        public void Started(string name)
        {
        }

        public void CellFinished(string name, int cell, int count)
        {
        }

        public void Finished(NotebookRunResult result) => results.Add(result);
    }
}
