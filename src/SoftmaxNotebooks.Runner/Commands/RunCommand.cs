using System.CommandLine;
using System.Globalization;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Handouts;
using Spectre.Console;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary><c>run</c>: execute notebooks, keep the executed notebooks, then render their handouts.</summary>
internal static class RunCommand
{
    /// <summary>Builds <c>run &lt;notebooks or folders&gt; [--output dir] [--fail-fast] [--parallel n] [--plain] [--pdf] [layout] [--cell-timeout s]</c>.</summary>
    public static Command Create()
    {
        var paths = CommandOptions.Paths("Notebook files or folders (searched for .dib and .ipynb).");
        var output = CommandOptions.Output("Output root; executed notebooks go to <output>/notebooks.", "artifacts");
        var failFast = new Option<bool>("--fail-fast") { Description = "Stop all notebooks at the first failure." };
        var parallel = CommandOptions.Parallel("Notebooks run at once.", Environment.ProcessorCount);
        var plain = new Option<bool>("--plain") { Description = "Plain progress lines even on a terminal." };
        var pdf = CommandOptions.Pdf("Also print each handout (<output>/handouts) to PDF with headless chromium.");
        var (code, printCode, singleFile) = CommandOptions.Layout();
        var cellTimeout = CommandOptions.CellTimeout("Seconds one cell may run before its kernel process is stopped and the notebook fails.", ExecutionOptions.DefaultCellTimeout);
        var sandbox = new Option<bool>("--sandbox") { Description = "Run each kernel in the bubblewrap sandbox that grading uses: no network, the notebook's folder copied into a private tmpfs (nothing written reaches the disk), the repository's kit and data/ and NuGet's packages folder read-only, limits as set by the --sandbox-* options. For notebooks you do not trust; nothing else of the machine is there." };
        var limits = new SandboxOptions();
        var command = new Command("run", "Execute notebooks, each in its own .NET Interactive kernel process, and write executed .ipynb files and offline HTML handouts.")
        {
            paths, output, failFast, parallel, plain, pdf, code, printCode, singleFile, cellTimeout, sandbox,
        };
        limits.AddTo(command);
        command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var outputDirectory = result.GetValue(output)!;
            var launcher = result.GetValue(sandbox)
                ? await limits.LauncherAsync(result, [Path.Combine(KernelTool.ManifestRoot, "artifacts", "kit"), Path.Combine(KernelTool.ManifestRoot, "data"), KernelTool.PackagesRoot], Console.Out, cancellationToken).ConfigureAwait(false)
                : KernelLauncher.Direct;
            var options = new RunOptions(result.GetValue(paths)!, outputDirectory, result.GetValue(failFast), result.GetValue(parallel), TimeSpan.FromSeconds(result.GetValue(cellTimeout))) { Launcher = launcher };
            var handouts = new HandoutOptions
            {
                OutputDirectory = Path.Combine(outputDirectory, HandoutOutput.FolderName), Pdf = result.GetValue(pdf),
                Code = result.GetValue(code), PrintedCode = result.GetValue(printCode), SingleFile = result.GetValue(singleFile),
            };
            var live = !result.GetValue(plain) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
            IRunPrinter printer = live ? new LiveRunPrinter(AnsiConsole.Console) : new PlainRunPrinter(Console.Out);
            return await RunAsync(options, handouts, printer, Console.Out, Console.Error, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs the notebooks, renders the handouts of those that passed, and prints the summary.</summary>
    /// <param name="options">What to run and where to write.</param>
    /// <param name="handouts">Where the handouts go and how they look.</param>
    /// <param name="printer">Progress and summary.</param>
    /// <param name="stdout">Where written handouts are listed.</param>
    /// <param name="stderr">Where handout failures are reported.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>0 when there was a notebook, every notebook passed and every handout was written.</returns>
    public static async Task<int> RunAsync(RunOptions options, HandoutOptions handouts, IRunPrinter printer, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(printer);
        var report = await NotebookRunner.RunAsync(options, printer, cancellationToken).ConfigureAwait(false);
        if (report.SkippedTwins.Count > 0)
        {
            printer.Message(string.Create(CultureInfo.InvariantCulture,
                $"running the .dib source, not its generated .ipynb twin, for {report.SkippedTwins.Count} notebook(s); skipped: {string.Join(", ", report.SkippedTwins)}"));
        }

        if (report.Results.Count == 0)
        {
            printer.Message("no .dib or .ipynb notebooks found in " + string.Join(", ", options.Paths));
        }

        var exitCode = report.Succeeded ? 0 : 1;
        if (report.Executed.Count > 0 && HandoutOutput.Publish(handouts, report.Executed.Select(p => new HandoutSource(p)), stdout, stderr, cancellationToken) != 0)
        {
            exitCode = 1;
        }

        printer.Summary(report.Results);
        return exitCode;
    }
}
