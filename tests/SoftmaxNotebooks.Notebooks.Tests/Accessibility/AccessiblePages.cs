using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Notebooks.Tests.Accessibility;

/// <summary>
/// Every kind of HTML page the kit writes, rendered once per test run from the notebook runs the other notebook tests
/// share (<see cref="NotebookRuns"/>; nothing runs twice): the handouts of all notebooks with their index and licences
/// page and their PDFs, as the README's main command writes them with <c>--pdf</c>; the instructor and the student
/// edition of one notebook with exercises, made by the classroom's own edition functions from that run; and a
/// gradebook with every kind of grade.
/// </summary>
internal static class AccessiblePages
{
    /// <summary>The notebook whose editions are checked (it has exercises).</summary>
    public const string EditionsNotebook = "06-numerical-stability.dib";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? root;

    /// <summary>The pages, relative to the root, as the tests name them.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        .. Repository.DibSources.Select(d => "handouts/" + Path.ChangeExtension(d, ".html")),
        "handouts/index.html",
        "handouts/licences.html",
        "classroom/instructor/" + Path.ChangeExtension(EditionsNotebook, ".html"),
        "classroom/student/" + Path.ChangeExtension(EditionsNotebook, ".html"),
        "classroom/student/index.html",
        "grades/gradebook.html",
    ];

    /// <summary>The handout pages (one per notebook).</summary>
    public static IEnumerable<string> Handouts => Names.Where(n => n.StartsWith("handouts/", StringComparison.Ordinal) && !n.EndsWith("/index.html", StringComparison.Ordinal) && !n.EndsWith("/licences.html", StringComparison.Ordinal));

    /// <summary>The folder holding every page, written on first use.</summary>
    public static async Task<string> RootAsync(NotebookRuns runs)
    {
        await Gate.WaitAsync();
        try
        {
            return root ??= await WriteAsync(runs);
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<string> WriteAsync(NotebookRuns runs)
    {
        var folder = Directory.CreateTempSubdirectory("softmax-notebooks-a11y-").FullName;
        var executed = new List<string>();
        foreach (var dib in Repository.DibSources)
        {
            var (_, result, _) = await runs.RunAsync(dib);
            Assert.True(result.Status == NotebookStatus.Passed, result.Error ?? $"{dib}: {result.Status}");
            executed.Add(result.ExecutedPath!);
        }

        var handouts = new HandoutPublisher(new HandoutOptions { OutputDirectory = Path.Combine(folder, "handouts"), Pdf = true }).Publish(executed);
        Assert.True(handouts.AllRendered, string.Join("; ", handouts.Handouts.Select(h => h.Error).OfType<string>()));

        // The editions as the editions command makes them: the instructor edition is the source without its tasks (the
        // run executed tasks and solutions alike, so its cells carry the instructor edition's outputs); the student
        // handout swaps the solutions for the tasks and drops the exercise section's outputs.
        var source = NotebookFile.Read(Path.Combine(Repository.Notebooks, EditionsNotebook));
        var instructor = Editions.Instructor(NotebookFile.Read(executed[IndexOf(EditionsNotebook)]));
        var ipynb = Path.Combine(Repository.Notebooks, Path.ChangeExtension(EditionsNotebook, ".ipynb"));
        new HandoutPublisher(new HandoutOptions { OutputDirectory = Path.Combine(folder, "classroom", "instructor") }).Publish([new HandoutSource(ipynb, instructor)]);
        new HandoutPublisher(new HandoutOptions { OutputDirectory = Path.Combine(folder, "classroom", "student") })
            .Publish([new HandoutSource(ipynb, Editions.StudentHandout(source, instructor))]);

        ExerciseGrade[] grades =
        [
            new("6.1", ExerciseOutcome.Passed, null),
            new("6.2", ExerciseOutcome.Failed, "CHECK FAILED: log1p(s) is accurate for s = 1e−10 — relative error 8.3e−8 (line 4)"),
            new("6.3", ExerciseOutcome.TimedOut, "cell 3 ran longer than 60 s"),
        ];
        Gradebook.Write(Path.Combine(folder, "grades"), "Gradebook: 06-numerical-stability", ReferenceNotebook.Load(Path.Combine(Repository.Notebooks, "06-numerical-stability.dib")).Exercises,
        [
            new SubmissionGrade("ada", "ada.ipynb", grades, null, TimeSpan.FromSeconds(12)),
            new SubmissionGrade("grace", "grace.dib", [new("6.1", ExerciseOutcome.Passed, null), new("6.2", ExerciseOutcome.Passed, null), new("6.3", ExerciseOutcome.DidNotRun, "an earlier cell timed out")], null, TimeSpan.FromSeconds(9)),
            new SubmissionGrade("alan", "alan.ipynb", [], "not a notebook: the file is not valid JSON", TimeSpan.Zero),
        ]);
        return folder;
    }

    private static int IndexOf(string dib)
    {
        for (var i = 0; i < Repository.DibSources.Count; i++)
        {
            if (Repository.DibSources[i] == dib)
            {
                return i;
            }
        }

        throw new InvalidOperationException(dib + " is not a notebook source");
    }
}
