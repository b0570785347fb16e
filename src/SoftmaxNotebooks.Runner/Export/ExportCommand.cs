using System.CommandLine;
using SoftmaxNotebooks.Runner.Notebooks;
using SoftmaxNotebooks.Runner.Packaging;

namespace SoftmaxNotebooks.Runner.Export;

/// <summary>The <c>export</c> command: notebooks to .NET 10 file-based apps.</summary>
public static class ExportCommand
{
    /// <summary>Builds <c>export &lt;notebooks or folders&gt; [--output dir] [--kit project|package] [--feed dir]</c>.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Notebooks, or folders (their .dib files, and .ipynb files without a .dib beside them).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Folder for the apps (default: apps/ beside each notebook)." };
        var kit = new Option<KitSource>("--kit") { Description = "Reference the kit as repository projects (#:project) or as the packages pack-kit writes (#:package).", DefaultValueFactory = _ => KitSource.Project };
        var feed = new Option<string>("--feed") { Description = "With --kit package: the folder feed to pack the kit into.", DefaultValueFactory = _ => Path.Combine("artifacts", "packages") };
        var command = new Command("export", "Turn notebooks into .NET 10 file-based apps (run one with `dotnet run app.cs`): code cells as top-level statements, markdown as comments.")
        {
            paths, output, kit, feed,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = new ExportOptions(result.GetValue(output), result.GetValue(kit));
            if (options.Kit == KitSource.Package)
            {
                var root = LocalPackager.FindRepositoryRoot(Environment.CurrentDirectory);
                if (root is null)
                {
                    await Console.Error.WriteLineAsync("error: --kit package packs the kit, so run it inside the SoftmaxNotebooks repository (no SoftmaxNotebooks.sln found above the current folder).").ConfigureAwait(false);
                    return 1;
                }

                var folder = Path.GetFullPath(result.GetValue(feed)!);
                var version = await LocalPackager.PackKitAsync(root, folder, cancellationToken).ConfigureAwait(false);
                Console.WriteLine($"packed SoftmaxNotebooks and SoftmaxNotebooks.Display {version} into {folder}");
                options = options with { PackageFeed = folder, PackageVersion = version };
            }

            return Run(result.GetValue(paths)!, options, Console.Out, Console.Error);
        });
        return command;
    }

    /// <summary>Exports each notebook, reporting each app written and each notebook that cannot be exported.</summary>
    /// <param name="paths">Notebooks or folders.</param>
    /// <param name="options">Where the apps go and how they reference the kit.</param>
    /// <param name="stdout">Where written apps are listed.</param>
    /// <param name="stderr">Where failures are reported.</param>
    /// <returns>0 when every notebook was exported, else 1.</returns>
    public static int Run(IReadOnlyList<string> paths, ExportOptions options, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var exitCode = 0;
        string? last = null;
        foreach (var notebook in paths.SelectMany(Notebooks))
        {
            try
            {
                last = AppExporter.Export(notebook, options);
                stdout.WriteLine($"{notebook} → {Path.GetRelativePath(Environment.CurrentDirectory, last)}");
            }
            catch (Exception e) when (e is ExportException or NotebookFormatException)
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

    private static IEnumerable<string> Notebooks(string path)
    {
        if (!Directory.Exists(path))
        {
            // A missing or non-notebook file is reported by the reader, with its name.
            return [path];
        }

        var files = Directory.EnumerateFiles(path).Where(NotebookFile.IsNotebook).Order(StringComparer.Ordinal).ToList();
        // The .dib is the source; its .ipynb twin would export the same app again.
        return files.Where(f => Path.GetExtension(f).Equals(".dib", StringComparison.OrdinalIgnoreCase) ||
                                !files.Contains(Path.ChangeExtension(f, ".dib")));
    }
}
