using System.Diagnostics;
using System.Runtime.Versioning;
using System.Security.Cryptography;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>
/// A class of honest and hostile submissions graded by the real <c>grade</c> command (sandboxed, as by default), once
/// all together and once the honest ones alone, against a small reference notebook that loads the kit from the
/// course's own folder. Everything the attacks aim at lives in that folder (the reference with its solutions, the kit,
/// the other submissions, the gradebook folder) or is watched (a TCP and UDP listener on 127.0.0.1, the grader's
/// environment, /tmp, the home folder, the machine's processes), and is hashed or recorded before and after.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class AttackSuiteFixture : IAsyncLifetime
{
    public const string EnvironmentSecret = "SOFTMAX_GRADER_SECRET";

    private readonly TempFolder work = new("attacks");
    private readonly LoopbackListeners listeners = new();

    public string Id { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();

    public string Course => work.Path;

    public string Reference => Path.Combine(Course, "reference.dib");

    public string Kit => Path.Combine(Course, "kit");

    public string SubmissionsFolder => Path.Combine(Course, "submissions");

    public string HonestFolder => Path.Combine(Course, "honest-only");

    public string Grades => Path.Combine(Course, "grades");

    public string HonestGrades => Path.Combine(Course, "grades-honest");

    /// <summary>Strings that must never leave their file: the reference's solution, an honest student's notebook, the grader's environment.</summary>
    public string SolutionMarker => "SOLUTION-MARKER-" + Id;

    public string AliceMarker => "ALICE-MARKER-" + Id;

    public string EnvironmentMarker => "ENV-MARKER-" + Id;

    /// <summary>A file a submission would leave in the machine's /tmp.</summary>
    public string TmpLitter => "/tmp/softmax-attack-litter-" + Id;

    /// <summary>A file a submission would leave in the grader's home folder.</summary>
    public string HomeLitter => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "softmax-attack-litter-" + Id);

    public int TcpPort => listeners.TcpPort;

    public int UdpPort => listeners.UdpPort;

    public IReadOnlyDictionary<string, string> Before { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> After { get; private set; } = new Dictionary<string, string>();

    public string GradebookRightAfter { get; private set; } = "";

    public string GradebookLater { get; private set; } = "";

    public (int ExitCode, string Output, TimeSpan Elapsed) Run { get; private set; }

    public (int ExitCode, string Output, TimeSpan Elapsed) HonestRun { get; private set; }

    public IReadOnlyList<string> SandboxProcessesAfter { get; private set; } = [];

    public IReadOnlyList<string> Received => listeners.Received;

    /// <summary>The gradebook's rows by student: the CSV fields (student, submission, passed, exercises…, note).</summary>
    public IReadOnlyDictionary<string, string[]> Rows { get; private set; } = new Dictionary<string, string[]>();

    public IReadOnlyDictionary<string, string[]> HonestRows { get; private set; } = new Dictionary<string, string[]>();

    public static readonly string[] Honest = ["alice", "bob", "carol"];

    public async ValueTask InitializeAsync()
    {

        CopyKit();
        await File.WriteAllTextAsync(Reference, AttackNotebooks.Reference(Kit, SolutionMarker));
        var reference = NotebookFile.Read(Reference);
        var student = Editions.Student(reference);
        Directory.CreateDirectory(SubmissionsFolder);
        Directory.CreateDirectory(HonestFolder);
        foreach (var folder in new[] { SubmissionsFolder, HonestFolder })
        {
            Write(folder, "alice", AttackNotebooks.WithComment(Editions.Instructor(reference), "// " + AliceMarker));
            Write(folder, "bob", student);
            Write(folder, "carol", AttackNotebooks.Carol(student));
        }

        foreach (var (name, notebook) in AttackNotebooks.Attackers(this, student))
        {
            Write(SubmissionsFolder, name, notebook);
        }

        AttackNotebooks.Entries(this, reference, student);
        Directory.CreateDirectory(Grades);
        await File.WriteAllTextAsync(Path.Combine(Grades, "notes-from-last-term.txt"), "kept as it is\n");

        Before = Hashes();
        Run = await GradeAsync(SubmissionsFolder, Grades);
        var csv = Path.Combine(Grades, "gradebook.csv");
        GradebookRightAfter = File.Exists(csv) ? await File.ReadAllTextAsync(csv) : "";
        // A daemon left behind would rewrite its row after the grader exits: look again a little later.
        await Task.Delay(TimeSpan.FromSeconds(5));
        GradebookLater = File.Exists(csv) ? await File.ReadAllTextAsync(csv) : "";
        SandboxProcessesAfter = SandboxEndTests.LeftBehind();
        After = Hashes();
        Rows = ReadRows(GradebookLater);

        HonestRun = await GradeAsync(HonestFolder, HonestGrades);
        var honest = Path.Combine(HonestGrades, "gradebook.csv");
        HonestRows = ReadRows(File.Exists(honest) ? await File.ReadAllTextAsync(honest) : "");
        KeepEvidence();
    }

    public ValueTask DisposeAsync()
    {
        listeners.Dispose();
        File.Delete(TmpLitter);
        File.Delete(HomeLitter);
        work.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>What is hashed before and after grading: the course (reference, kit, submissions, the gradebook folder's earlier file) and the repository's notebooks and kit; what litter would be found.</summary>
    private Dictionary<string, string> Hashes()
    {
        var repository = RunnerProcess.RepositoryRoot;
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reference"] = SandboxFixture.HashFolder(Course, "reference.dib"),
            ["kit"] = SandboxFixture.HashFolder(Kit),
            ["submissions"] = SandboxFixture.HashFolder(SubmissionsFolder),
            ["the gradebook folder's earlier file"] = SandboxFixture.HashFolder(Grades, only: "notes-from-last-term.txt"),
            ["gradebook folder litter"] = File.Exists(Path.Combine(Grades, "litter.txt")) ? "present" : "absent",
            ["repository notebooks"] = SandboxFixture.HashFolder(Path.Combine(repository, "notebooks")),
            ["repository kit"] = SandboxFixture.HashFolder(Path.Combine(repository, "artifacts", "kit")),
            ["/tmp litter"] = File.Exists(TmpLitter) ? "present" : "absent",
            ["home litter"] = File.Exists(HomeLitter) ? "present" : "absent",
        };
        return hashes;
    }

    private void CopyKit()
    {
        var repositoryKit = Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "kit");
        Directory.CreateDirectory(Kit);
        foreach (var file in Directory.EnumerateFiles(repositoryKit, "*.dll"))
        {
            File.Copy(file, Path.Combine(Kit, Path.GetFileName(file)));
        }
    }

    private static void Write(string folder, string student, Notebook notebook) =>
        File.WriteAllText(Path.Combine(folder, student + ".ipynb"), IpynbFormat.Write(notebook));

    private async Task<(int, string, TimeSpan)> GradeAsync(string submissions, string output)
    {
        var stopwatch = Stopwatch.StartNew();
        var (exitCode, text) = await RunnerProcess.RunAsync(Course, new Dictionary<string, string> { [EnvironmentSecret] = EnvironmentMarker },
            "grade", submissions, "--notebook", Reference, "--output", output, "--parallel", "2", "--cell-timeout", "60", "--submission-timeout", "180");
        return (exitCode, text, stopwatch.Elapsed);
    }

    private static Dictionary<string, string[]> ReadRows(string csv) =>
        CsvTable.Parse(csv, "gradebook.csv").Skip(1).ToDictionary(r => r.Cells[0], r => r.Cells.ToArray(), StringComparer.Ordinal);

    /// <summary>The gradebook's column names.</summary>
    public IReadOnlyList<string> Header => CsvTable.Parse(GradebookLater, "gradebook.csv")[0].Cells;

    /// <summary>With SOFTMAX_ATTACK_EVIDENCE set, the gradebooks and the grader's output are copied there.</summary>
    private void KeepEvidence()
    {
        if (Environment.GetEnvironmentVariable("SOFTMAX_ATTACK_EVIDENCE") is not { Length: > 0 } folder)
        {
            return;
        }

        Directory.CreateDirectory(folder);
        foreach (var file in new[] { "gradebook.csv", "gradebook.html" })
        {
            File.Copy(Path.Combine(Grades, file), Path.Combine(folder, file), overwrite: true);
            File.Copy(Path.Combine(HonestGrades, file), Path.Combine(folder, "honest-only-" + file), overwrite: true);
        }

        File.WriteAllText(Path.Combine(folder, "grade-output.txt"), $"$ grade (all, {Run.Elapsed.TotalSeconds:0.0} s, exit {Run.ExitCode})\n{Run.Output}\n$ grade (honest only, {HonestRun.Elapsed.TotalSeconds:0.0} s, exit {HonestRun.ExitCode})\n{HonestRun.Output}\n");
        File.WriteAllText(Path.Combine(folder, "hashes.txt"), string.Join("\n", Before.Keys.Select(k => $"{k}: before {Before[k]} after {After[k]}")) + "\nlistener received: " + string.Join("; ", Received) + "\nprocesses left behind by the grader: " + string.Join("; ", SandboxProcessesAfter) + "\n");
        File.Copy(Reference, Path.Combine(folder, "reference.dib"), overwrite: true);
    }
}
