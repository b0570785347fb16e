using SoftmaxNotebooks.Runner.Packaging;

namespace SoftmaxNotebooks.Runner.Tests;

/// <summary>
/// One `run` over every fixture notebook, under a German locale, shared by the execution tests: each notebook
/// starts its own kernel process, so the notebooks run once, in parallel, and each test checks its own notebook.
/// </summary>
public sealed class NotebookRunFixture : IAsyncLifetime
{
    private readonly TempFolder work = new("run");
    public string Work => work.Path;
    public string NotebookFolder => Path.Combine(Work, "nb");
    public string OutputFolder => Path.Combine(Work, "out");
    public string PackageVersion { get; private set; } = "";
    public int ExitCode { get; private set; }
    public string Output { get; private set; } = "";
    public static readonly IReadOnlyDictionary<string, string> German = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8", ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "false" };
    public const string LastGood = "{\"last\": \"good\"}\n";

    // The kit as the runner's build left it; the fixtures that load it only read it.
    private static string RepositoryKit => Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "kit");

    public string Executed(string name) => Path.Combine(OutputFolder, "notebooks", name + ".ipynb");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(NotebookFolder);
        foreach (var file in Directory.EnumerateFiles(RunnerProcess.FixtureNotebooks))
        {
            File.Copy(file, Path.Combine(NotebookFolder, Path.GetFileName(file)));
        }

        var lib = Path.Combine(NotebookFolder, "lib");
        Directory.CreateDirectory(lib);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "fixture-libs", "greeter")))
        {
            File.Copy(file, Path.Combine(lib, Path.GetFileName(file)));
        }

        var packaged = Path.Combine(RunnerProcess.FixtureLibrariesSource, "Packaged");
        PackageVersion = LocalPackager.SourceVersion([packaged]);
        var feed = Path.Combine(NotebookFolder, "feed");
        await LocalPackager.PackAsync([Path.Combine(packaged, "SoftmaxNotebooks.Fixture.Packaged.csproj")], PackageVersion, feed, CancellationToken.None);
        foreach (var template in Directory.EnumerateFiles(NotebookFolder, "*.template"))
        {
            var text = (await File.ReadAllTextAsync(template)).Replace("{{VERSION}}", PackageVersion, StringComparison.Ordinal).Replace("{{FEED}}", feed, StringComparison.Ordinal).Replace("{{KIT}}", RepositoryKit, StringComparison.Ordinal);
            await File.WriteAllTextAsync(Path.ChangeExtension(template, ".dib"), text);
            File.Delete(template);
        }

        // A previous good result of a notebook that now fails: the failing run must leave it in place.
        Directory.CreateDirectory(Path.Combine(OutputFolder, "notebooks"));
        await File.WriteAllTextAsync(Executed("runtime-error"), LastGood);

        (ExitCode, Output) = await RunnerProcess.RunAsync(Work, German, "run", "nb", "--output", "out", "--plain");
    }

    public ValueTask DisposeAsync()
    {
        work.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The classes that read the one fixture run share it (xunit creates a class fixture per class).</summary>
[CollectionDefinition(Name)]
public sealed class NotebookRunGroup : ICollectionFixture<NotebookRunFixture>
{
    public const string Name = "fixture notebooks run once";
}
