using System.CommandLine;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary><c>editions</c>: the instructor and student editions of notebooks with exercises, as notebooks and handouts.</summary>
internal static class EditionsCommand
{
    /// <summary>Builds <c>editions &lt;notebooks or folders&gt; [--output dir] [--pdf] [--cell-timeout s] [--parallel n]</c>.</summary>
    public static Command Create()
    {
        var paths = CommandOptions.Paths("Notebooks with exercises (.dib sources), or folders holding them (searched as run searches them).");
        var output = CommandOptions.Output("Output root: <output>/instructor and <output>/student.", Path.Combine("artifacts", "classroom"));
        var pdf = CommandOptions.Pdf();
        var cellTimeout = CommandOptions.CellTimeout("Seconds one cell of an instructor edition may run.", ExecutionOptions.DefaultCellTimeout);
        var parallel = CommandOptions.Parallel("Instructor editions run at once.", Environment.ProcessorCount);
        var command = new Command("editions",
            "Run the instructor edition of each notebook with exercises (solutions, no scaffolds) and write its executed notebook and handout; write the student edition (scaffolds and checks, no solutions, no exercise outputs) as a handout and as a plain .ipynb to hand out.")
        {
            paths, output, pdf, cellTimeout, parallel,
        };
        command.SetGuardedAction((result, cancellationToken) => RunAsync(
            result.GetValue(paths)!, new EditionsOptions(result.GetValue(output)!, TimeSpan.FromSeconds(result.GetValue(cellTimeout)), result.GetValue(parallel)),
            result.GetValue(pdf), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    /// <summary>Writes both editions of every notebook with exercises, then their handouts.</summary>
    /// <param name="paths">Notebooks or folders (<see cref="NotebookSet"/>).</param>
    /// <param name="options">The output root and the instructor runs' limits.</param>
    /// <param name="pdf">Also print PDFs.</param>
    /// <param name="stdout">Written files.</param>
    /// <param name="stderr">Errors.</param>
    /// <param name="cancellationToken">Stops the runs.</param>
    /// <returns>0 when every edition was written and every instructor edition ran cleanly.</returns>
    public static async Task<int> RunAsync(IReadOnlyList<string> paths, EditionsOptions options, bool pdf, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var set = NotebookPaths.Find(paths, stderr);
        var exitCode = set.Problems.Count > 0 ? 1 : 0;

        var gate = new Lock();
        var results = await EditionsWriter.WriteAsync(set.Notebooks, options, result =>
        {
            lock (gate)
            {
                switch (result.Status)
                {
                    case EditionStatus.NoExercises:
                        stdout.WriteLine($"skipped {result.Source.Name}: no exercises");
                        break;
                    case EditionStatus.Failed:
                        stderr.WriteLine("error: " + result.Error);
                        break;
                    default:
                        stdout.WriteLine("student notebook: " + result.StudentNotebook);
                        break;
                }
            }
        }, cancellationToken).ConfigureAwait(false);
        if (results.Any(r => r.Status == EditionStatus.Failed))
        {
            exitCode = 1;
        }

        var written = results.Where(r => r.Status == EditionStatus.Written).ToList();
        if (written.Count > 0)
        {
            exitCode |= HandoutOutput.Publish(
                new HandoutOptions { OutputDirectory = Path.Combine(options.OutputDirectory, EditionsWriter.InstructorFolder, HandoutOutput.FolderName), Pdf = pdf },
                written.Select(r => new HandoutSource(r.InstructorNotebook!)), stdout, stderr, cancellationToken);
            // Students work in the code cells, so their edition shows the scaffolds open. The handout's notebook is
            // named (and finds its images) as the source is.
            exitCode |= HandoutOutput.Publish(
                new HandoutOptions { OutputDirectory = Path.Combine(options.OutputDirectory, EditionsWriter.StudentFolder, HandoutOutput.FolderName), Pdf = pdf, Code = CodeFolding.Open, PrintedCode = PrintedCode.Full },
                written.Select(r => new HandoutSource(Path.ChangeExtension(r.Source.FullPath, ".ipynb"), r.StudentHandout)), stdout, stderr, cancellationToken);
        }

        return exitCode;
    }
}
