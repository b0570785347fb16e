using System.CommandLine;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Export;
using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.Notebooks;
using SoftmaxNotebooks.Runner.Packaging;
using SoftmaxNotebooks.Runner.Running;
using Spectre.Console;

namespace SoftmaxNotebooks.Runner;

/// <summary>The command line: parses arguments and delegates to <see cref="NotebookRunner"/> and <see cref="NotebookConverter"/>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>0 on success.</returns>
    public static Task<int> Main(string[] args) => BuildCommand().Parse(args).InvokeAsync();

    /// <summary>Builds the command tree (<c>run</c>, <c>convert</c>, <c>handout</c>, <c>pack-kit</c>).</summary>
    public static RootCommand BuildCommand()
    {
        var root = new RootCommand("Runs .dib and .ipynb notebooks headless in the real .NET Interactive kernel (the tool pinned in .config/dotnet-tools.json), and converts between the formats.");
        root.Subcommands.Add(RunCommand());
        root.Subcommands.Add(ConvertCommand());
        root.Subcommands.Add(HandoutCommand.Create());
        root.Subcommands.Add(PackKitCommand());
        root.Subcommands.Add(ClassroomCommands.Editions());
        root.Subcommands.Add(ClassroomCommands.Grade());
        root.Subcommands.Add(ExportCommand.Create());
        return root;
    }

    private static Command RunCommand()
    {
        var paths = new Argument<string[]>("paths") { Description = "Notebook files or folders (searched for .dib and .ipynb).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Output root; executed notebooks go to <output>/notebooks.", DefaultValueFactory = _ => "artifacts" };
        var failFast = new Option<bool>("--fail-fast") { Description = "Stop all notebooks at the first failure." };
        var parallel = new Option<int>("--parallel") { Description = "Notebooks run at once.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines even on a terminal." };
        var pdf = new Option<bool>("--pdf") { Description = "Also print each handout (<output>/handouts) to PDF with headless chromium." };
        var (code, printCode, singleFile) = HandoutCommand.LayoutOptions();
        var cellTimeout = new Option<double>("--cell-timeout")
        {
            Description = "Seconds one cell may run before its kernel process is stopped and the notebook fails.",
            DefaultValueFactory = _ => NotebookExecutor.DefaultCellTimeout.TotalSeconds,
        };
        cellTimeout.Validators.Add(r =>
        {
            if (!(r.GetValueOrDefault<double>() > 0))
            {
                r.AddError("--cell-timeout must be a positive number of seconds.");
            }
        });
        var command = new Command("run", "Execute notebooks, each in its own .NET Interactive kernel process, and write executed .ipynb files and offline HTML handouts.")
        {
            paths, output, failFast, parallel, plain, pdf, code, printCode, singleFile, cellTimeout,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var live = !result.GetValue(plain) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            var options = new RunOptions(result.GetValue(paths)!, result.GetValue(output)!, result.GetValue(failFast), result.GetValue(parallel), live, HandoutCommand.Step(
                HandoutCommand.Options(HandoutCommand.FolderName, result.GetValue(pdf), null, result.GetValue(code), result.GetValue(printCode), result.GetValue(singleFile))),
                TimeSpan.FromSeconds(result.GetValue(cellTimeout)));
            IRunReporter reporter = live ? new LiveRunReporter(AnsiConsole.Console) : new PlainRunReporter(Console.Out);
            return NotebookRunner.RunAsync(options, reporter, cancellationToken);
        });
        return command;
    }

    private static Command ConvertCommand()
    {
        var input = new Argument<string>("input") { Description = "A .dib or .ipynb file." };
        var output = new Option<string?>("--output", "-o") { Description = "Target file (default: the input with the other extension)." };
        var command = new Command("convert", ".dib → .ipynb (cells and kernel info) or .ipynb → .dib (drops outputs and other metadata).") { input, output };
        command.SetAction(result =>
        {
            try
            {
                var (written, note) = NotebookConverter.Convert(result.GetValue(input)!, result.GetValue(output));
                if (note is not null)
                {
                    Console.Error.WriteLine("note: " + note);
                }

                Console.WriteLine(written);
                return 0;
            }
            catch (NotebookFormatException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 1;
            }
        });
        return command;
    }

    private static Command PackKitCommand()
    {
        var output = new Option<string>("--output", "-o") { Description = "Folder feed to pack into.", DefaultValueFactory = _ => "artifacts/packages" };
        var command = new Command("pack-kit", "Pack the kit (SoftmaxNotebooks, SoftmaxNotebooks.Display) into a local folder feed, versioned by a hash of its sources.") { output };
        command.SetAction(async (result, cancellationToken) =>
        {
            var root = LocalPackager.FindRepositoryRoot(Environment.CurrentDirectory);
            if (root is null)
            {
                await Console.Error.WriteLineAsync("error: run pack-kit inside the SoftmaxNotebooks repository (no SoftmaxNotebooks.sln found above the current folder).").ConfigureAwait(false);
                return 1;
            }

            var folder = Path.GetFullPath(result.GetValue(output)!);
            var version = await LocalPackager.PackKitAsync(root, folder, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"packed SoftmaxNotebooks and SoftmaxNotebooks.Display {version} into {folder}");
            Console.WriteLine("in a notebook:");
            Console.WriteLine($"#i \"nuget: {folder}\"");
            Console.WriteLine($"#r \"nuget: SoftmaxNotebooks.Display, {version}\"");
            return 0;
        });
        return command;
    }
}
