using System.Diagnostics;
using System.Globalization;
using SoftmaxNotebooks.Runner.Export;
using SoftmaxNotebooks.Runner.Notebooks;
using SoftmaxNotebooks.Runner.Execution;

namespace SoftmaxNotebooks.Notebooks.Tests;

/// <summary>
/// Every notebook exported as a .NET 10 file-based app and run with <c>dotnet run</c>, as a student without a notebook
/// front-end would: the app exits with 0 and prints the same claims, in the same order and with the same numbers, as
/// the notebook's run through the runner (shared with <see cref="NotebookRunTests"/>). The apps are written inside
/// the repository (artifacts/export-tests) so their <c>#:project</c> paths reach src/, at a fixed path so that a
/// second local test run finds them compiled. Each app's compile and run time goes to the test output.
/// </summary>
public sealed class ExportedAppTests(NotebookRuns runs)
{
    private static readonly string AppFolder = Path.Combine(Repository.Root, "artifacts", "export-tests", "apps");
    private static readonly string Fixtures = Path.Combine(Repository.Root, "tests", "SoftmaxNotebooks.Notebooks.Tests", "Fixtures");

    public static TheoryData<string> Sources() => new(Repository.DibSources);

    [Theory]
    [MemberData(nameof(Sources))]
    public async Task ExportedAppPrintsTheNotebooksClaims(string dib)
    {
        var app = AppExporter.Export(Path.Combine(Repository.Notebooks, dib), new ExportOptions(AppFolder));
        var notebookRun = runs.RunAsync(dib);
        var (exitCode, stdout, stderr) = await DotnetRun(app);
        Assert.True(exitCode == 0, $"{Path.GetFileName(app)} exited with {exitCode}:\n{stderr}\n{Tail(stdout)}");
        Assert.DoesNotContain("CHECK FAILED", stdout + stderr, StringComparison.Ordinal);

        var (_, result, _) = await notebookRun;
        Assert.True(result.Status == NotebookStatus.Passed, result.Error ?? $"{dib}: {result.Status}");
        var expected = Claims(NotebookFile.Read(result.ExecutedPath!).Cells.SelectMany(c => c.Outputs).SelectMany(PlainText));
        Assert.NotEmpty(expected);
        Assert.Equal(expected, Claims([stdout]));
    }

    [Fact]
    public async Task WhatACellChainAllowsBehavesAsInTheNotebook()
    {
        // Redeclared names, a loop variable named like a later top-level one, a using after statements, a type
        // between statements, an unassigned cell variable and a trailing expression: every displayed line must match.
        var notebook = Path.Combine(Fixtures, "export-semantics.dib");
        var app = AppExporter.Export(notebook, new ExportOptions(AppFolder));
        var notebookRun = runs.Run(notebook);
        var (exitCode, stdout, stderr) = await DotnetRun(app);
        Assert.True(exitCode == 0, $"{Path.GetFileName(app)} exited with {exitCode}:\n{stderr}\n{Tail(stdout)}");

        var (_, result, _) = await notebookRun;
        Assert.True(result.Status == NotebookStatus.Passed, result.Error ?? result.Status.ToString());
        var expected = Lines(NotebookFile.Read(result.ExecutedPath!).Cells.SelectMany(c => c.Outputs).SelectMany(PlainText));
        Assert.Equal(expected, Lines([stdout]));
        Assert.Contains("✔ later cells see the new s, Scale and i", expected);
        Assert.Contains("s = a string now, Scale = 0.5, total = 6", expected);
    }

    [Fact]
    public async Task ABrokenClaimStopsTheAppWithCheckFailed()
    {
        var app = AppExporter.Export(Path.Combine(Fixtures, "broken-claim.dib"), new ExportOptions(AppFolder));
        var (exitCode, stdout, stderr) = await DotnetRun(app);
        TestContext.Current.TestOutputHelper?.WriteLine($"exit code {exitCode}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        Assert.Equal(1, exitCode);
        Assert.Contains("✔ LSE(0, 0) = log 2", stdout, StringComparison.Ordinal);
        Assert.StartsWith("CHECK FAILED: LSE(0, 0) = 1/2 (deliberately false) — actual = 0.6931471805599453, expected = 0.5", stderr.TrimStart(), StringComparison.Ordinal);
        Assert.DoesNotContain("not reached", stdout, StringComparison.Ordinal);
    }

    private static IEnumerable<string> PlainText(CellOutput output) => output switch
    {
        DisplayDataOutput d => d.Data.Where(v => v.MimeType == "text/plain").Select(v => v.Value),
        ExecuteResultOutput r => r.Data.Where(v => v.MimeType == "text/plain").Select(v => v.Value),
        StreamOutput s => [s.Text],
        _ => [],
    };

    private static List<string> Lines(IEnumerable<string> texts) =>
        texts.SelectMany(t => t.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n')).Where(l => l.Trim().Length > 0).ToList();

    // A passed claim displays as "✔ claim" and, for a numeric claim, its difference and tolerance.
    private static List<string> Claims(IEnumerable<string> texts) => Lines(texts).Where(l => l.StartsWith("✔ ", StringComparison.Ordinal)).ToList();

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(30));

    /// <summary><c>dotnet run -c Release app.cs</c>: Release, so the kit projects the test build compiled are reused.</summary>
    private static async Task<(int ExitCode, string Stdout, string Stderr)> DotnetRun(string app)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "run", "-c", "Release", app })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        // Build nodes left running would hold the redirected output open after the app exits.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(10));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var result = (process.ExitCode, await stdout, await stderr);
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"dotnet run {Path.GetFileName(app)}: exit code {process.ExitCode} after {stopwatch.Elapsed.TotalSeconds:F1} s (compile and run)"));
        return result;
    }
}
