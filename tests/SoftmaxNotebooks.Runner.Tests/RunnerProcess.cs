using System.Diagnostics;

namespace SoftmaxNotebooks.Runner.Tests;

/// <summary>Starts the runner as users do (<c>dotnet SoftmaxNotebooks.Runner.dll …</c>), from the copy beside the tests.</summary>
internal static class RunnerProcess
{
    public static string RunnerDll => typeof(Program).Assembly.Location;

    public static async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RunnerDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await stdout + await stderr);
    }

    public static string FixtureNotebooks => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Notebooks");

    /// <summary>The fixture projects' sources, found from the test assembly's folder up to the repository.</summary>
    public static string FixtureLibrariesSource
    {
        get
        {
            for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                var candidate = Path.Combine(folder.FullName, "Fixtures", "Libraries");
                if (Directory.Exists(candidate) && folder.Name == "SoftmaxNotebooks.Runner.Tests")
                {
                    return candidate;
                }
            }

            throw new DirectoryNotFoundException("Fixtures/Libraries not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The checkout the tests were built from (the folder holding SoftmaxNotebooks.sln).</summary>
    public static string RepositoryRoot =>
        SoftmaxNotebooks.Runner.Packaging.LocalPackager.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new DirectoryNotFoundException("SoftmaxNotebooks.sln not found above " + AppContext.BaseDirectory);

    public static string NbformatValidationErrors(string ipynbPath)
    {
        var (exitCode, output, errors) = Tools.Execute("/usr/bin/python3", "-c",
            "import sys, nbformat; nb = nbformat.read(sys.argv[1], as_version=nbformat.NO_CONVERT); nbformat.validate(nb); print('valid', nb.nbformat, nb.nbformat_minor)",
            ipynbPath);
        Assert.False(errors.Contains("No module named 'nbformat'", StringComparison.Ordinal), "This test needs python3-nbformat: run `bash .ci/setup`, which installs it.");
        return exitCode == 0 && output.Trim() == "valid 4 5" ? "" : output + errors;
    }
}
