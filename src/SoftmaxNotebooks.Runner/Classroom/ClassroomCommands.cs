using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;
using SoftmaxNotebooks.Runner.Running;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>The classroom commands: <c>editions</c> (instructor and student handouts and notebooks) and <c>grade</c>.</summary>
public static class ClassroomCommands
{
    /// <summary>The warning the <c>grade</c> command and the README give.</summary>
    public const string UntrustedWarning =
        "Submissions are untrusted code: grading runs every cell of each submission with your user's rights. Grade only inside a sandbox or container you control (no credentials, no network, a throwaway file system).";

    /// <summary>Builds <c>editions &lt;notebooks or folders&gt; [--output dir] [--pdf] [--cell-timeout s]</c>.</summary>
    public static Command Editions()
    {
        var paths = new Argument<string[]>("paths") { Description = "Notebooks with exercises (.dib sources), or folders holding them.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Output root: <output>/instructor and <output>/student.", DefaultValueFactory = _ => Path.Combine("artifacts", "classroom") };
        var pdf = new Option<bool>("--pdf") { Description = "Also print each handout to PDF with headless chromium." };
        var cellTimeout = new Option<double>("--cell-timeout") { Description = "Seconds one cell may run.", DefaultValueFactory = _ => NotebookExecutor.DefaultCellTimeout.TotalSeconds };
        var command = new Command("editions",
            "Run the instructor edition of each notebook with exercises (solutions, no scaffolds) and write its executed notebook and handout; write the student edition (scaffolds and checks, no solutions, no exercise outputs) as a handout and as a plain .ipynb to hand out.")
        {
            paths, output, pdf, cellTimeout,
        };
        command.SetAction((result, cancellationToken) => WriteEditionsAsync(
            result.GetValue(paths)!, result.GetValue(output)!, result.GetValue(pdf), TimeSpan.FromSeconds(result.GetValue(cellTimeout)), Console.Out, Console.Error, cancellationToken));
        return command;
    }

    /// <summary>Builds <c>grade &lt;submissions folder&gt; --notebook &lt;reference&gt; [--output dir] [--parallel n] [--cell-timeout s] [--submission-timeout s]</c>.</summary>
    public static Command Grade()
    {
        var submissions = new Argument<string>("submissions") { Description = "Folder of submissions: one .ipynb/.dib per student (named after the student), or one subfolder per student holding one notebook." };
        var notebook = new Option<string>("--notebook", "-n") { Description = "The reference notebook with solutions and checks (for example notebooks/03-gibbs-and-temperature.dib).", Required = true };
        var output = new Option<string>("--output", "-o") { Description = "Folder for gradebook.csv and gradebook.html.", DefaultValueFactory = _ => Path.Combine("artifacts", "grades") };
        var parallel = new Option<int>("--parallel") { Description = "Submissions graded at once, each in its own kernel process.", DefaultValueFactory = _ => GradeOptions.Default.Parallelism };
        var cellTimeout = new Option<double>("--cell-timeout") { Description = "Seconds one cell of a submission may run.", DefaultValueFactory = _ => GradeOptions.Default.CellTimeout.TotalSeconds };
        var submissionTimeout = new Option<double>("--submission-timeout") { Description = "Seconds one submission may take in all, kernel start included.", DefaultValueFactory = _ => GradeOptions.Default.SubmissionTimeout.TotalSeconds };
        foreach (var seconds in new[] { cellTimeout, submissionTimeout })
        {
            seconds.Validators.Add(r =>
            {
                if (!(r.GetValueOrDefault<double>() > 0))
                {
                    r.AddError($"{r.Option.Name} must be a positive number of seconds.");
                }
            });
        }

        var command = new Command("grade",
            "Grade a folder of submitted student notebooks against a reference notebook: each submission runs in its own .NET Interactive kernel, in a copy of its files, with time limits; the reference's checks decide. Writes gradebook.csv and gradebook.html. WARNING: " + UntrustedWarning)
        {
            submissions, notebook, output, parallel, cellTimeout, submissionTimeout,
        };
        command.SetAction((result, cancellationToken) => GradeAsync(
            result.GetValue(submissions)!, result.GetValue(notebook)!, result.GetValue(output)!,
            new GradeOptions(result.GetValue(parallel), TimeSpan.FromSeconds(result.GetValue(cellTimeout)), TimeSpan.FromSeconds(result.GetValue(submissionTimeout))),
            Console.Out, Console.Error, cancellationToken));
        return command;
    }

    /// <summary>Grades a submissions folder and writes the gradebook.</summary>
    /// <param name="submissionsFolder">The submissions.</param>
    /// <param name="referencePath">The reference notebook.</param>
    /// <param name="outputDirectory">Where the gradebook goes.</param>
    /// <param name="options">Parallelism and limits.</param>
    /// <param name="stdout">Progress and the written paths.</param>
    /// <param name="stderr">Errors.</param>
    /// <param name="cancellationToken">Stops grading.</param>
    /// <returns>0 when the gradebook was written (whatever the grades), 1 when it could not be.</returns>
    public static async Task<int> GradeAsync(string submissionsFolder, string referencePath, string outputDirectory, GradeOptions options,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        if (!Directory.Exists(submissionsFolder))
        {
            await stderr.WriteLineAsync($"error: {submissionsFolder}: no such folder.").ConfigureAwait(false);
            return 1;
        }

        await stderr.WriteLineAsync("warning: " + UntrustedWarning).ConfigureAwait(false);
        var stopwatch = Stopwatch.StartNew();
        var found = Grader.FindSubmissions(submissionsFolder);
        IReadOnlyList<SubmissionGrade> grades;
        IReadOnlyList<string> ids;
        try
        {
            ids = Grader.Reference.Load(referencePath).Exercises.Select(e => e.Id).ToList();
            var progress = new Lock();
            grades = await Grader.GradeAsync(referencePath, found, options, g =>
            {
                lock (progress)
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"graded {g.Student}: {g.Passed}/{g.Exercises.Count} passed ({g.Elapsed.TotalSeconds:0.0} s){(g.Note is null ? "" : "; " + g.Note)}"));
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is NotebookFormatException or KernelProcessException)
        {
            await stderr.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
            return 1;
        }

        var (csv, html) = Gradebook.Write(outputDirectory, "Gradebook · " + Path.GetFileName(referencePath), ids, grades);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{grades.Count} submission(s) graded in {stopwatch.Elapsed.TotalSeconds:0.0} s; gradebook: {csv}, {html}")).ConfigureAwait(false);
        return 0;
    }

    /// <summary>Writes both editions of every notebook with exercises.</summary>
    /// <param name="paths">Notebooks or folders (folders: their <c>.dib</c> files).</param>
    /// <param name="outputDirectory">The output root.</param>
    /// <param name="pdf">Also print PDFs.</param>
    /// <param name="cellTimeout">The per-cell limit of the instructor runs.</param>
    /// <param name="stdout">Written files.</param>
    /// <param name="stderr">Errors.</param>
    /// <param name="cancellationToken">Stops the runs.</param>
    /// <returns>0 when every edition was written and every instructor edition ran cleanly.</returns>
    public static async Task<int> WriteEditionsAsync(IReadOnlyList<string> paths, string outputDirectory, bool pdf, TimeSpan cellTimeout,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var exitCode = 0;
        var sources = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                sources.AddRange(Directory.EnumerateFiles(path, "*.dib").Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                sources.Add(path);
            }
            else
            {
                await stderr.WriteLineAsync($"error: {path}: no such file or folder.").ConfigureAwait(false);
                exitCode = 1;
            }
        }

        var instructorFolder = Path.Combine(outputDirectory, "instructor");
        var studentFolder = Path.Combine(outputDirectory, "student");
        var studentExecuted = Path.Combine(Path.GetTempPath(), "softmax-student-" + Guid.NewGuid().ToString("N"));
        var instructorNotebooks = new List<string>();
        var studentNotebooks = new List<string>();
        var gate = new Lock();
        using var slots = new SemaphoreSlim(Environment.ProcessorCount);
        try
        {
            await Task.WhenAll(sources.Select(async source =>
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var name = Path.GetFileNameWithoutExtension(source);
                    Notebook notebook;
                    try
                    {
                        notebook = NotebookFile.Read(source);
                        if (Exercises.Read(notebook, source).Count == 0)
                        {
                            lock (gate)
                            {
                                stdout.WriteLine($"skipped {source}: no exercises");
                            }

                            return;
                        }
                    }
                    catch (NotebookFormatException e)
                    {
                        lock (gate)
                        {
                            stderr.WriteLine("error: " + e.Message);
                            exitCode = 1;
                        }

                        return;
                    }

                    var handOut = Path.Combine(studentFolder, "notebooks", name + ".ipynb");
                    AtomicFile.WriteAllText(handOut, IpynbFormat.Write(Classroom.Editions.Student(notebook)));
                    var execution = await NotebookExecutor.ExecuteAsync(Classroom.Editions.Instructor(notebook), source, source, null, cellTimeout, cancellationToken).ConfigureAwait(false);
                    var executed = Path.Combine(instructorFolder, "notebooks", name + ".ipynb");
                    if (!execution.Succeeded)
                    {
                        // As in `run`: the last good edition and its handouts stay; the failed run is kept beside them.
                        AtomicFile.WriteAllText(NotebookRunner.FailedPath(executed), IpynbFormat.Write(execution.Executed));
                        lock (gate)
                        {
                            stderr.WriteLine("error: instructor edition: " + execution.Error);
                            exitCode = 1;
                        }

                        return;
                    }

                    var studentCopy = Path.Combine(studentExecuted, name + ".ipynb");
                    AtomicFile.WriteAllText(executed, IpynbFormat.Write(execution.Executed));
                    File.Delete(NotebookRunner.FailedPath(executed));
                    AtomicFile.WriteAllText(studentCopy, IpynbFormat.Write(Classroom.Editions.StudentHandout(notebook, execution.Executed)));
                    lock (gate)
                    {
                        stdout.WriteLine("student notebook: " + handOut);
                        instructorNotebooks.Add(executed);
                        studentNotebooks.Add(studentCopy);
                    }
                }
                finally
                {
                    slots.Release();
                }
            })).ConfigureAwait(false);

            instructorNotebooks.Sort(StringComparer.Ordinal);
            studentNotebooks.Sort(StringComparer.Ordinal);
            if (instructorNotebooks.Count > 0)
            {
                exitCode |= HandoutCommand.Render(instructorNotebooks, HandoutCommand.Options(
                    Path.Combine(instructorFolder, HandoutCommand.FolderName), pdf, null, CodeFolding.Folded, PrintedCode.Small, singleFile: false), stdout, stderr, cancellationToken);
                // Students work in the code cells, so their edition shows the scaffolds open.
                exitCode |= HandoutCommand.Render(studentNotebooks, HandoutCommand.Options(
                    Path.Combine(studentFolder, HandoutCommand.FolderName), pdf, null, CodeFolding.Open, PrintedCode.Full, singleFile: false), stdout, stderr, cancellationToken);
            }
        }
        finally
        {
            if (Directory.Exists(studentExecuted))
            {
                Directory.Delete(studentExecuted, recursive: true);
            }
        }

        return exitCode;
    }
}
