using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary><c>grade</c>: a folder of submissions against a reference notebook, into a gradebook.</summary>
internal static class GradeCommand
{
    /// <summary>The flag that turns the sandbox off, named after what it gives up.</summary>
    public const string NoSandbox = "--no-sandbox-i-trust-these-submissions";

    /// <summary>The warning <c>grade --no-sandbox-i-trust-these-submissions</c> gives.</summary>
    public const string UntrustedWarning =
        "without the sandbox, submissions are untrusted code running with your user's rights: a cell can read the reference's solutions and other submissions, change files (the gradebook included), reach the network, and leave processes behind. Grade this way only notebooks you trust, or inside a container you throw away.";

    /// <summary>Builds <c>grade &lt;submissions folder&gt; --notebook &lt;reference&gt; [--manual marks.csv] [--output dir] [--parallel n] [--cell-timeout s] [--submission-timeout s]</c>.</summary>
    public static Command Create()
    {
        var submissions = new Argument<string>("submissions") { Description = "Folder of submissions: one .ipynb/.dib per student (named after the student), or one subfolder per student holding one notebook." };
        var notebook = new Option<string>("--notebook", "-n") { Description = "The reference notebook with solutions and checks (for example notebooks/03-gibbs-and-temperature.dib).", Required = true };
        var manual = new Option<string?>("--manual", "-m") { Description = "The instructor's marks for the parts graded by hand: a CSV with the header student,exercise,points,comment (points from 0 to the rubric's)." };
        var output = CommandOptions.Output("Folder for gradebook.csv/.html, canvas.csv, gradescope/<student>/results.json and feedback/<student>.ipynb/.html.", Path.Combine("artifacts", "grades"));
        var parallel = CommandOptions.Parallel("Submissions graded at once, each in its own kernel process.", GradeOptions.Default.Parallelism);
        var cellTimeout = CommandOptions.CellTimeout("Seconds one cell of a submission may run.", GradeOptions.Default.CellTimeout);
        var submissionTimeout = CommandOptions.Seconds("--submission-timeout", "Seconds one submission may take in all, kernel start included.", GradeOptions.Default.SubmissionTimeout);
        var outputLimit = new Option<int>("--output-limit") { Description = "MiB one submission's kernel may write in all; then it is stopped.", DefaultValueFactory = _ => (int)(GradeOptions.Default.OutputLimit >> 20) };
        var noSandbox = new Option<bool>(NoSandbox) { Description = "Run the kernels WITHOUT the sandbox: " + UntrustedWarning };
        var sandbox = new SandboxOptions();
        var command = new Command("grade",
            "Grade a folder of submitted student notebooks against a reference notebook: each submission runs in its own .NET Interactive kernel inside a bubblewrap sandbox (no network, only a private copy of its files writable, limits on time, memory, processes, disk and output); the reference's checks (hidden ones included) earn their points, an answer that uses a name its exercise forbids earns none, and --manual adds the marks of the parts graded by hand. Writes the gradebook (CSV and HTML, points per exercise and in all), a Canvas-style CSV, a Gradescope results.json and a feedback notebook and page per student. Submissions are untrusted code: grading refuses to run without the sandbox unless given " + NoSandbox + ".")
        {
            submissions, notebook, manual, output, parallel, cellTimeout, submissionTimeout, outputLimit, noSandbox,
        };
        sandbox.AddTo(command);
        command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var launcher = KernelLauncher.Direct;
            if (result.GetValue(noSandbox))
            {
                await Console.Error.WriteLineAsync("warning: " + UntrustedWarning).ConfigureAwait(false);
            }
            else
            {
                launcher = await sandbox.LauncherAsync(result, ReferenceNotebook.Load(result.GetValue(notebook)!).ReadPaths, Console.Out, cancellationToken).ConfigureAwait(false);
            }

            var options = new GradeOptions(result.GetValue(parallel), TimeSpan.FromSeconds(result.GetValue(cellTimeout)), TimeSpan.FromSeconds(result.GetValue(submissionTimeout)))
            {
                Launcher = launcher,
                OutputLimit = (long)result.GetValue(outputLimit) << 20,
            };
            return await RunAsync(result.GetValue(submissions)!, result.GetValue(notebook)!, result.GetValue(manual), result.GetValue(output)!, options, Console.Out, cancellationToken).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Where a submission's time went: ": kernel start 2.1 s, kit 1.0 s, cells 2.1 s" (the kit-loading cell is the first).</summary>
    private static string Breakdown(ExecutedNotebook? executed) => executed is null || executed.Cells.Count == 0 || !executed.Cells[0].Ran ? "" : string.Create(CultureInfo.InvariantCulture,
        $": kernel start {executed.KernelStart.TotalSeconds:0.0} s, kit {executed.Cells[0].Elapsed.TotalSeconds:0.0} s, cells {executed.Cells.Skip(1).Sum(c => c.Elapsed.TotalSeconds):0.0} s");

    /// <summary>Grades a submissions folder and writes the gradebook, the LMS files and each student's feedback.</summary>
    /// <param name="submissionsFolder">The submissions.</param>
    /// <param name="referencePath">The reference notebook.</param>
    /// <param name="marksPath">The hand-graded marks (CSV), or null.</param>
    /// <param name="outputDirectory">Where everything goes.</param>
    /// <param name="options">Parallelism, limits and the kernel launcher.</param>
    /// <param name="stdout">Progress and the written paths.</param>
    /// <param name="cancellationToken">Stops grading.</param>
    /// <returns>0 when the gradebook was written, whatever the grades.</returns>
    /// <exception cref="RunnerException">The folder is missing, the reference cannot be read or has no exercises, or the marks file is wrong.</exception>
    public static async Task<int> RunAsync(string submissionsFolder, string referencePath, string? marksPath, string outputDirectory, GradeOptions options,
        TextWriter stdout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(submissionsFolder))
        {
            throw new RunnerException($"{submissionsFolder}: no such folder.");
        }

        var stopwatch = Stopwatch.StartNew();
        var reference = ReferenceNotebook.Load(referencePath);
        var marks = marksPath is null ? null : ManualMarks.Read(marksPath, reference.Exercises);
        var gate = new Lock();
        var grades = await Grader.GradeAsync(referencePath, Submissions.Find(submissionsFolder), options, g =>
        {
            lock (gate)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"graded {g.Student}: {g.Passed}/{g.Exercises.Count} passed, {Gradebook.Points(g.Points, g.MaxPoints)} points before marks by hand ({g.Elapsed.TotalSeconds:0.0} s{Breakdown(g.Executed)}){(g.Note is null ? "" : "; " + g.Note)}"));
            }
        }, cancellationToken).ConfigureAwait(false);

        if (marks is not null)
        {
            grades = ManualMarks.Apply(grades, marks, marksPath!);
        }

        // Every entry that was not graded gets its row, so that nothing handed in disappears silently.
        grades = [.. grades, .. Submissions.Skipped(submissionsFolder).Select(s => Grader.NotGraded(reference, s.Name, s.Why))];
        var assignment = Path.GetFileNameWithoutExtension(referencePath);
        var (csv, html) = Gradebook.Write(outputDirectory, "Gradebook · " + Path.GetFileName(referencePath), reference.Exercises, grades);
        var (canvas, _) = LmsExports.Write(outputDirectory, reference, assignment, grades);
        Feedback.Write(Path.Combine(outputDirectory, Feedback.FolderName), reference, grades, HandoutPage.Title(NotebookFile.Read(referencePath), assignment));
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{grades.Count} submission(s) graded in {stopwatch.Elapsed.TotalSeconds:0.0} s; gradebook: {csv}, {html}; LMS: {canvas}, {Path.Combine(outputDirectory, LmsExports.GradescopeFolder)}/<student>/results.json; feedback: {Path.Combine(outputDirectory, Feedback.FolderName)}/<student>.html and .ipynb")).ConfigureAwait(false);
        return 0;
    }
}
