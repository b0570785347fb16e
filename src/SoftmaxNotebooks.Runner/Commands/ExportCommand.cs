using System.CommandLine;
using SoftmaxNotebooks.Runner.Export;
using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary><c>export</c>: notebooks to .NET 10 file-based apps.</summary>
internal static class ExportCommand
{
    /// <summary>Builds <c>export &lt;notebooks or folders&gt; [--output dir] [--kit project|package] [--feed dir]</c>.</summary>
    public static Command Create()
    {
        var paths = CommandOptions.Paths("Notebooks, or folders (searched as run searches them: .dib files, and .ipynb files without a .dib beside them).");
        var output = CommandOptions.OptionalOutput("Folder for the apps, keeping a folder's subfolders (default: apps/ beside each notebook).");
        var kit = new Option<KitSource>("--kit") { Description = "Reference the kit as repository projects (#:project) or as the packages pack-kit writes (#:package).", DefaultValueFactory = _ => KitSource.Project };
        var feed = new Option<string>("--feed") { Description = "With --kit package: the folder feed to pack the kit into.", DefaultValueFactory = _ => Path.Combine("artifacts", "packages") };
        var command = new Command("export", "Turn notebooks into .NET 10 file-based apps (run one with `dotnet run app.cs`): code cells as top-level statements, markdown as comments.")
        {
            paths, output, kit, feed,
        };
        command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var options = new ExportOptions(result.GetValue(output), result.GetValue(kit));
            if (options.Kit == KitSource.Package)
            {
                var (folder, version) = await KitPacking.PackAsync(result.GetValue(feed)!, "--kit package packs the kit, so run it", Console.Out, cancellationToken).ConfigureAwait(false);
                options = options with { PackageFeed = folder, PackageVersion = version };
            }

            return Run(result.GetValue(paths)!, options, Console.Out, Console.Error);
        });
        return command;
    }

    /// <summary>Exports each notebook, reporting each app written and each notebook that cannot be exported.</summary>
    /// <param name="paths">Notebooks or folders (<see cref="NotebookSet"/>).</param>
    /// <param name="options">Where the apps go and how they reference the kit.</param>
    /// <param name="stdout">Where written apps are listed.</param>
    /// <param name="stderr">Where failures are reported.</param>
    /// <returns>0 when every notebook was exported, else 1.</returns>
    public static int Run(IReadOnlyList<string> paths, ExportOptions options, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var set = NotebookPaths.Find(paths, stderr);
        var exitCode = set.Problems.Count > 0 ? 1 : 0;

        string? last = null;
        foreach (var notebook in set.Notebooks)
        {
            // A folder's subfolders stay subfolders of the output folder, so apps of notebooks named alike do not collide.
            var folder = options.OutputFolder is null ? null : Path.Combine(options.OutputFolder, Path.GetDirectoryName(notebook.RelativePath)!);
            try
            {
                last = AppExporter.Export(notebook.Name, options with { OutputFolder = folder });
                stdout.WriteLine($"{notebook.Name} → {Path.GetRelativePath(Environment.CurrentDirectory, last)}");
            }
            catch (RunnerException e)
            {
                stderr.WriteLine("error: " + e.Message);
                exitCode = 1;
            }
        }

        if (last is not null)
        {
            stdout.WriteLine($"run one with: dotnet run {Path.GetRelativePath(Environment.CurrentDirectory, last)}");
        }

        return exitCode;
    }
}
