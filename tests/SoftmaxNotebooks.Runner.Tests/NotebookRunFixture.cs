using SoftmaxNotebooks.Runner.Packaging;

namespace SoftmaxNotebooks.Runner.Tests;

/// <summary>
/// One `run` over every fixture notebook, under a German locale, shared by the execution tests: child processes
/// cost a second or two each, so the notebooks run once, in parallel, and each test checks its own notebook.
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
    public const string LastGood = "{\"last\": \"good\"}\n";

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
        await LocalPackager.PackAsync([Path.Combine(packaged, "SoftmaxNotebooks.Fixture.Packaged.csproj")], PackageVersion, Path.Combine(NotebookFolder, "feed"), CancellationToken.None);
        var template = Path.Combine(NotebookFolder, "nuget-local.template");
        await File.WriteAllTextAsync(Path.Combine(NotebookFolder, "nuget-local.dib"), (await File.ReadAllTextAsync(template)).Replace("{{VERSION}}", PackageVersion, StringComparison.Ordinal));
        File.Delete(template);

        // A previous good result of a notebook that now fails: the failing run must leave it in place.
        Directory.CreateDirectory(Path.Combine(OutputFolder, "notebooks"));
        await File.WriteAllTextAsync(Executed("runtime-error"), LastGood);

        var german = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8", ["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "false" };
        (ExitCode, Output) = await RunnerProcess.RunAsync(Work, german, "run", "nb", "--output", "out", "--plain");
    }

    public ValueTask DisposeAsync()
    {
        work.Dispose();
        return ValueTask.CompletedTask;
    }
}
