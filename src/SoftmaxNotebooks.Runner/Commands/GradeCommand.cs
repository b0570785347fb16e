using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary><c>grade</c>: a folder of submissions against a reference notebook, into a gradebook.</summary>
internal static class GradeCommand
{
    /// <summary>The warning the <c>grade</c> command and the README give.</summary>
    public const string UntrustedWarning =
        "Submissions are untrusted code: grading runs every cell of each submission with your user's rights. Grade only inside a sandbox or container you control (no credentials, no network, a throwaway file system).";

    /// <summary>Builds <c>grade &lt;submissions folder&gt; --notebook &lt;reference&gt; [--output dir] [--parallel n] [--cell-timeout s] [--submission-timeout s]</c>.</summary>
    public static Command Create()
    {
        var submissions = new Argument<string>("submissions") { Description = "Folder of submissions: one .ipynb/.dib per student (named after the student), or one subfolder per student holding one notebook." };
        var notebook = new Option<string>("--notebook", "-n") { Description = "The reference notebook with solutions and checks (for example notebooks/03-gibbs-and-temperature.dib).", Required = true };
        var output = CommandOptions.Output("Folder for gradebook.csv and gradebook.html.", Path.Combine("artifacts", "grades"));
        var parallel = CommandOptions.Parallel("Submissions graded at once, each in its own kernel process.", GradeOptions.Default.Parallelism);
        var cellTimeout = CommandOptions.CellTimeout("Seconds one cell of a submission may run.", GradeOptions.Default.CellTimeout);
        var submissionTimeout = CommandOptions.Seconds("--submission-timeout", "Seconds one submission may take in all, kernel start included.", GradeOptions.Default.SubmissionTimeout);
        var command = new Command("grade",
            "Grade a folder of submitted student notebooks against a reference notebook: each submission runs in its own .NET Interactive kernel, in a copy of its files, with time limits; the reference's checks decide. Writes gradebook.csv and gradebook.html. WARNING: " + UntrustedWarning)
        {
            submissions, notebook, output, parallel, cellTimeout, submissionTimeout,
        };
        command.SetGuardedAction((result, cancellationToken) => RunAsync(
            result.GetValue(submissions)!, result.GetValue(notebook)!, result.GetValue(output)!,
            new GradeOptions(result.GetValue(parallel), TimeSpan.FromSeconds(result.GetValue(cellTimeout)), TimeSpan.FromSeconds(result.GetValue(submissionTimeout))),
            Console.Out, Console.Error, cancellationToken));
        return command;
    }

    /// <summary>Grades a submissions folder and writes the gradebook.</summary>
    /// <param name="submissionsFolder">The submissions.</param>
    /// <param name="referencePath">The reference notebook.</param>
    /// <param name="outputDirectory">Where the gradebook goes.</param>
    /// <param name="options">Parallelism, limits and the kernel launcher.</param>
    /// <param name="stdout">Progress and the written paths.</param>
    /// <param name="stderr">The warning.</param>
    /// <param name="cancellationToken">Stops grading.</param>
    /// <returns>0 when the gradebook was written, whatever the grades.</returns>
    /// <exception cref="RunnerException">The folder is missing, or the reference cannot be read or has no exercises.</exception>
    public static async Task<int> RunAsync(string submissionsFolder, string referencePath, string outputDirectory, GradeOptions options,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!Directory.Exists(submissionsFolder))
        {
            throw new RunnerException($"{submissionsFolder}: no such folder.");
        }

        await stderr.WriteLineAsync("warning: " + UntrustedWarning).ConfigureAwait(false);
        var stopwatch = Stopwatch.StartNew();
        var ids = ReferenceNotebook.Load(referencePath).Exercises.Select(e => e.Id).ToList();
        var gate = new Lock();
        var grades = await Grader.GradeAsync(referencePath, Submissions.Find(submissionsFolder), options, g =>
        {
            lock (gate)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"graded {g.Student}: {g.Passed}/{g.Exercises.Count} passed ({g.Elapsed.TotalSeconds:0.0} s){(g.Note is null ? "" : "; " + g.Note)}"));
            }
        }, cancellationToken).ConfigureAwait(false);

        var (csv, html) = Gradebook.Write(outputDirectory, "Gradebook · " + Path.GetFileName(referencePath), ids, grades);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{grades.Count} submission(s) graded in {stopwatch.Elapsed.TotalSeconds:0.0} s; gradebook: {csv}, {html}")).ConfigureAwait(false);
        return 0;
    }
}
