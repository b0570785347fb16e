using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using SoftmaxNotebooks.Runner.Notebooks;
using SoftmaxNotebooks.Runner.Packaging;

namespace SoftmaxNotebooks.Runner.Tests;

/// <summary>
/// The two documented ways a notebook loads the kit: <c>#r</c> of artifacts/kit (notebooks in this repository) and
/// <c>#i</c>/<c>#r "nuget:"</c> of a <c>pack-kit</c> folder feed (users outside it). One class, so the two runs
/// take turns instead of competing for the machine with each other.
/// </summary>
public sealed class KitLoadingTests
{
    // log(1 + e^-40) = e^-40 - e^-80/2 + ...; the second term is far below half an ulp of the first.
    private static readonly double ExpectedLogSumExp = Math.Exp(-40);

    private static string KitNotebooks => Path.Combine(AppContext.BaseDirectory, "Fixtures", "KitNotebooks");

    private static string RepositoryKit => Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "kit");

    [Fact]
    public async Task A_notebook_loads_the_kit_from_artifacts_kit_by_relative_path_and_the_kit_formatters_apply()
    {
        Assert.True(File.Exists(Path.Combine(RepositoryKit, "SoftmaxNotebooks.Display.dll")),
            "building the runner (its project reference to the display project) should have copied the kit to " + RepositoryKit);
        using var workFolder = new TempFolder("kit-relative");
        var work = workFolder.Path;
        // The kit copied elsewhere: the notebook must bind to the copy its #r names and to no other.
        var kit = Path.Combine(work, "artifacts", "kit");
        Directory.CreateDirectory(kit);
        foreach (var file in Directory.EnumerateFiles(RepositoryKit))
        {
            File.Copy(file, Path.Combine(kit, Path.GetFileName(file)));
        }

        Directory.CreateDirectory(Path.Combine(work, "notebooks"));
        File.Copy(Path.Combine(KitNotebooks, "kit-relative.dib"), Path.Combine(work, "notebooks", "kit-relative.dib"));
        var (exitCode, output) = await RunnerProcess.RunAsync(work, null, "run", "notebooks", "--output", "out", "--plain");
        Assert.True(exitCode == 0, output);

        var (core, display) = AssertComputedAndFormatted(Path.Combine(work, "out", "notebooks", "kit-relative.ipynb"));
        Assert.Equal(Path.Combine(kit, "SoftmaxNotebooks.dll"), core);
        Assert.Equal(Path.Combine(kit, "SoftmaxNotebooks.Display.dll"), display);
    }

    [Fact]
    public async Task Pack_kit_writes_a_source_versioned_feed_that_a_notebook_loads_with_nuget_directives()
    {
        using var workFolder = new TempFolder("kit-nuget");
        var work = workFolder.Path;
        var feed = Path.Combine(work, "feed");
        var kitBefore = KitHashes();
        var (packExit, packOutput) = await RunnerProcess.RunAsync(RunnerProcess.RepositoryRoot, null, "pack-kit", "--output", feed);
        Assert.True(packExit == 0, packOutput);
        var version = LocalPackager.KitVersion(RunnerProcess.RepositoryRoot);
        Assert.Contains($"#r \"nuget: SoftmaxNotebooks.Display, {version}\"", packOutput, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(feed, $"SoftmaxNotebooks.{version}.nupkg")));
        Assert.True(File.Exists(Path.Combine(feed, $"SoftmaxNotebooks.Display.{version}.nupkg")));
        // Packing builds elsewhere: the kit that notebooks #r keeps its bytes (no packed version copied over it).
        Assert.Equal(kitBefore, KitHashes());

        Directory.CreateDirectory(Path.Combine(work, "notebooks"));
        var notebook = (await File.ReadAllTextAsync(Path.Combine(KitNotebooks, "kit-nuget.template"), TestContext.Current.CancellationToken))
            .Replace("{{FEED}}", feed, StringComparison.Ordinal)
            .Replace("{{VERSION}}", version, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(work, "notebooks", "kit-nuget.dib"), notebook, TestContext.Current.CancellationToken);
        var (exitCode, output) = await RunnerProcess.RunAsync(work, null, "run", "notebooks", "--output", "out", "--plain");
        Assert.True(exitCode == 0, output);

        var (core, display) = AssertComputedAndFormatted(Path.Combine(work, "out", "notebooks", "kit-nuget.ipynb"));
        // NuGet's package folders are lower-case id/version.
        Assert.Contains($"{Path.DirectorySeparatorChar}softmaxnotebooks{Path.DirectorySeparatorChar}{version}{Path.DirectorySeparatorChar}", core, StringComparison.Ordinal);
        Assert.Contains($"{Path.DirectorySeparatorChar}softmaxnotebooks.display{Path.DirectorySeparatorChar}{version}{Path.DirectorySeparatorChar}", display, StringComparison.Ordinal);
    }

    [Fact]
    public void The_kit_is_neither_a_dependency_of_the_runner_nor_beside_it()
    {
        // The test build's configuration folder (bin/<Configuration>/net10.0) names the runner's own output too.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        string[] folders =
        [
            Path.GetDirectoryName(RunnerProcess.RunnerDll)!,
            Path.Combine(RunnerProcess.RepositoryRoot, "src", "SoftmaxNotebooks.Runner", "bin", configuration, "net10.0"),
        ];
        foreach (var folder in folders)
        {
            using var deps = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "SoftmaxNotebooks.Runner.deps.json")));
            var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(p => p.Name.Split('/')[0]).ToList();
            Assert.Contains("SoftmaxNotebooks.Runner", libraries);
            Assert.DoesNotContain("SoftmaxNotebooks", libraries);
            Assert.DoesNotContain("SoftmaxNotebooks.Display", libraries);
            Assert.False(File.Exists(Path.Combine(folder, "SoftmaxNotebooks.dll")), folder);
            Assert.False(File.Exists(Path.Combine(folder, "SoftmaxNotebooks.Display.dll")), folder);
        }
    }

    /// <summary>Checks the computing and displaying cells; returns where the core and display assemblies were loaded from.</summary>
    private static (string Core, string Display) AssertComputedAndFormatted(string executedPath)
    {
        var cells = IpynbFormat.Parse(File.ReadAllText(executedPath), executedPath).Cells;
        var lines = Assert.IsType<StreamOutput>(Assert.Single(cells[2].Outputs)).Text.Split('\n');
        var logSumExp = double.Parse(lines[0], CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(logSumExp / ExpectedLogSumExp - 1) < 1e-15, lines[0]);

        var shown = Assert.IsType<DisplayDataOutput>(Assert.Single(cells[3].Outputs));
        Assert.Equal(["text/html", "text/plain"], shown.Data.Select(d => d.MimeType));
        // The kit's vector table, not the formatter package's default property tree.
        var html = shown.Data[0].Value;
        Assert.Contains("<table", html, StringComparison.Ordinal);
        Assert.DoesNotContain("dni-treeview", html, StringComparison.Ordinal);
        // The kit writes display text with the typographic minus (U+2212).
        var expectedText = ExpectedLogSumExp.ToString("0.000e-0", CultureInfo.InvariantCulture).Replace('-', '\u2212');
        Assert.Contains(expectedText, shown.Data[1].Value, StringComparison.Ordinal);
        return (lines[1], lines[2]);
    }

    private static Dictionary<string, string> KitHashes() => Directory.EnumerateFiles(RepositoryKit)
        .ToDictionary(file => Path.GetFileName(file), file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file))), StringComparer.Ordinal);
}
