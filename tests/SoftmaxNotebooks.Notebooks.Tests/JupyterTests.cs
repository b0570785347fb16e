using System.Diagnostics;

namespace SoftmaxNotebooks.Notebooks.Tests;

/// <summary>
/// The .ipynb twins also run under Jupyter's own client: the pinned kernel tool installs its kernelspec into a
/// folder of the test's own (`dotnet-interactive jupyter install --path`), and Debian's python3-nbclient executes
/// a twin with that kernel, as JupyterLab would.
/// </summary>
public sealed class JupyterTests
{
    [Fact]
    public async Task A_twin_runs_under_nbclient_with_the_kernels_jupyter_kernelspec()
    {
        var work = Directory.CreateTempSubdirectory("softmax-notebooks-jupyter-").FullName;
        try
        {
            // `jupyter install --path` wants an existing folder.
            var kernels = Directory.CreateDirectory(Path.Combine(work, "kernels")).FullName;
            var (restoreExit, restoreOutput) = await RunAsync("dotnet", Repository.Root, null, "tool", "restore");
            Assert.True(restoreExit == 0, restoreOutput);
            var (installExit, installOutput) = await RunAsync("dotnet", Repository.Root, null, "tool", "run", "dotnet-interactive", "--", "jupyter", "install", "--path", kernels);
            Assert.True(installExit == 0, installOutput);
            Assert.True(File.Exists(Path.Combine(kernels, ".net-csharp", "kernel.json")), installOutput);

            var executed = Path.Combine(work, "06-numerical-stability.ipynb");
            const string script = """
                import sys, nbformat, nbclient
                nb = nbformat.read(sys.argv[1], as_version=4)
                nbclient.NotebookClient(nb, timeout=600, kernel_name='.net-csharp', resources={'metadata': {'path': sys.argv[2]}}).execute()
                nbformat.validate(nb)
                nbformat.write(nb, sys.argv[3])
                code = [c for c in nb.cells if c.cell_type == 'code']
                print('cells', len(code), 'with-outputs', sum(1 for c in code if c.outputs), 'errors', sum(1 for c in code for o in c.outputs if o.output_type == 'error'))
                """;
            var environment = new Dictionary<string, string> { ["JUPYTER_PATH"] = work, ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1" };
            var (exitCode, output) = await RunAsync("/usr/bin/python3", Repository.Notebooks, environment,
                "-c", script, Path.Combine(Repository.Notebooks, "06-numerical-stability.ipynb"), Repository.Notebooks, executed);
            Assert.True(exitCode == 0, output);
            var summary = output.Split('\n').Single(l => l.StartsWith("cells ", StringComparison.Ordinal)).Split(' ');
            Assert.Equal("0", summary[5]);
            Assert.True(int.Parse(summary[3], System.Globalization.CultureInfo.InvariantCulture) > 0, output);
            Assert.True(File.Exists(executed));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string tool, string workingDirectory, IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
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
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }
}
