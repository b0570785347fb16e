using System.Globalization;
using System.Runtime.Versioning;
using System.Text.RegularExpressions;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>
/// The issue's table, row by row: each attack graded by the real <c>grade</c> command together with honest students
/// (<see cref="AttackSuiteFixture"/>), and contained. The comment on each test is what the same attack did before the
/// sandbox (from the issue).
/// </summary>
[SupportedOSPlatform("linux")]
public sealed partial class AttackSuiteTests(AttackSuiteFixture f) : IClassFixture<AttackSuiteFixture>
{
    private static readonly string[] Entries = { "'=1+1", "alice", "bigcell", "bignotebook", "bob", "carol", "copier", "daemon", "dave", "erin.txt", "forger", "holder", "hog", "killer", "kitforger", "linker", "litterer", "metadata", "network", "overwriter", "reader", "shadow", "weakener", "bigoutput", ".frank" };

    private string[] Row(string student) =>
        f.Rows.TryGetValue(student, out var row) ? row : throw new Xunit.Sdk.XunitException($"no gradebook row for {student}:\n{f.Run.Output}");

    private static string Passed(string[] row) => row[4];

    private static string Note(string[] row) => row[^1];

    /// <summary>An exercise's result column ("passed", "failed: …").</summary>
    private string Result(string[] row, string exercise) => row[f.Header.ToList().IndexOf(exercise + " result")];

    private string[] Results(string[] row) => ExerciseIds.Select(id => Result(row, id)).ToArray();

    private static readonly string[] ExerciseIds = ["1.1", "1.2", "1.3"];

    private string Gradebook => f.GradebookLater + File.ReadAllText(Path.Combine(f.Grades, "gradebook.html"));

    [Fact]
    public void The_grading_run_finishes_with_a_row_for_every_entry_and_honest_grades_as_without_attackers()
    {
        Assert.True(f.Run.ExitCode == 0, f.Run.Output);
        Assert.Contains("sandbox: bubblewrap sandbox per kernel", f.Run.Output, StringComparison.Ordinal);
        Assert.Equal(
            Entries.Order(StringComparer.Ordinal),
            f.Rows.Keys.Order(StringComparer.Ordinal));
        foreach (var honest in AttackSuiteFixture.Honest)
        {
            Assert.Equal(f.HonestRows[honest][2..], Row(honest)[2..]);
        }

        Assert.Equal(["3/3", "0/3", "1/3"], AttackSuiteFixture.Honest.Select(h => Passed(Row(h))));
    }

    // Before: leaked into the student's own grade message (400 characters per exercise) and over TCP.
    [Fact]
    public void Reading_the_reference_other_submissions_shadow_and_the_environment_finds_nothing()
    {
        var row = Row("reader");
        Assert.Contains("LOOT", Result(row, "1.2"), StringComparison.Ordinal);
        Assert.Contains("denied", Result(row, "1.2"), StringComparison.Ordinal);
        Assert.DoesNotContain("-MARKER-", Gradebook, StringComparison.Ordinal);
        Assert.DoesNotContain("root:", Gradebook, StringComparison.Ordinal);
        Assert.Empty(f.Received);
    }

    // Before: 3/3 without doing the work.
    [Fact]
    public void Importing_the_reference_s_solutions_at_run_time_gets_nothing() => Assert.Equal("0/3", Passed(Row("copier")));

    // Before: that honest student graded 0/3 instead of 3/3.
    [Fact]
    public void Overwriting_another_submission_changes_nothing()
    {
        Assert.Equal(f.Before["submissions"], f.After["submissions"]);
        Assert.Equal("3/3", Passed(Row("alice")));
    }

    // Before: a blank student passed in the next run; the instructor's source stays changed.
    [Fact]
    public void Weakening_the_reference_s_check_changes_nothing() => Assert.Equal(f.Before["reference"], f.After["reference"]);

    // Before: later students pass.
    [Fact]
    public void Forging_the_kit_changes_nothing()
    {
        Assert.Equal(f.Before["kit"], f.After["kit"]);
        Assert.Equal(f.Before["repository kit"], f.After["repository kit"]);
        Assert.Equal(f.Before["repository notebooks"], f.After["repository notebooks"]);
    }

    // Before: files in $HOME, /tmp and the gradebook folder persisted.
    [Fact]
    public void Files_written_to_home_tmp_or_the_gradebook_folder_do_not_persist()
    {
        Assert.Equal("absent", f.After["/tmp litter"]);
        Assert.Equal("absent", f.After["home litter"]);
        Assert.Equal(f.Before["the gradebook folder's earlier file"], f.After["the gradebook folder's earlier file"]);
        Assert.Equal("absent", f.After["gradebook folder litter"]);
    }

    // Before: TCP, UDP and HTTP (also from the kernel's own #!http kernel) to 127.0.0.1 all arrived.
    [Fact]
    public void Tcp_udp_and_http_to_the_grading_machine_arrive_nowhere()
    {
        Assert.Equal("0/3", Passed(Row("network")));
        Assert.Empty(f.Received);
    }

    // Before: 8 GB, 200 processes and 2 GB in /tmp all succeeded.
    [Fact]
    public void Memory_processes_and_disk_stop_at_their_limits()
    {
        var report = HogReport().Match(Result(Row("hog"), "1.2"));
        Assert.True(report.Success, Result(Row("hog"), "1.2"));
        Assert.InRange(int.Parse(report.Groups["memory"].Value, CultureInfo.InvariantCulture), 0, 1536);
        Assert.InRange(int.Parse(report.Groups["processes"].Value, CultureInfo.InvariantCulture), 0, 127);
        Assert.InRange(int.Parse(report.Groups["disk"].Value, CultureInfo.InvariantCulture), 0, 64);
    }

    // Before: no gradebook at all; two kernels kept running 4.5 minutes.
    [Fact]
    public void Killing_every_process_in_sight_kills_only_the_attacker_s_own_kernel()
    {
        Assert.Equal("0/3", Passed(Row("killer")));
        Assert.True(f.Run.ExitCode == 0, f.Run.Output);
        Assert.Empty(f.SandboxProcessesAfter);
    }

    // Before: survived grading, copied 7 later students' copies, rewrote its own row to 3/3 after the grader exited.
    [Fact]
    public void A_detached_background_process_dies_with_its_kernel()
    {
        Assert.Empty(f.SandboxProcessesAfter);
        Assert.Equal(f.GradebookRightAfter, f.GradebookLater);
        Assert.Equal("0/3", Passed(Row("daemon")));
        Assert.False(Directory.Exists(Path.Combine(f.Course, "stolen")));
    }

    // Before: the grader waited without limit (60 s became 213 s; `sleep infinity` = no gradebook ever).
    [Fact]
    public void A_detached_process_holding_the_kernel_s_output_does_not_hold_the_grader()
    {
        var elapsed = GradedIn().Match(f.Run.Output.Split('\n').First(l => l.StartsWith("graded holder:", StringComparison.Ordinal)));
        Assert.InRange(double.Parse(elapsed.Groups["seconds"].Value, CultureInfo.InvariantCulture), 0, 90);
        Assert.Equal("0/3", Passed(Row("holder")));
    }

    // Before: 3/3 with wrong answers.
    [Fact]
    public void Declaring_Check_or_shadowing_Math_and_Softmax_changes_no_check() => Assert.Equal("0/3", Passed(Row("shadow")));

    // Before: 3/3 with wrong answers.
    [Fact]
    public void A_forged_success_line_on_the_kernel_s_raw_output_is_tampering()
    {
        var row = Row("forger");
        Assert.Equal("0/3", Passed(row));
        Assert.All(Results(row), grade => Assert.Contains("forged", grade, StringComparison.Ordinal));
    }

    // Before: 3/3 for a blank notebook.
    [Fact]
    public void A_check_cell_set_to_another_kernel_still_runs_the_reference_check_in_csharp()
    {
        var row = Row("metadata");
        Assert.Equal("0/3", Passed(row));
        Assert.All(Results(row), grade => Assert.StartsWith("failed:", grade, StringComparison.Ordinal));
    }

    // Before: followed: 3/3 / read and copied (its note shows the first character).
    [Fact]
    public void Symbolic_links_are_refused_and_noted()
    {
        Assert.Contains("symbolic link", Note(Row("linker")), StringComparison.Ordinal);
        Assert.Equal("0/3", Passed(Row("linker")));
        Assert.Contains("data.csv is a symbolic link", Note(Row("dave")), StringComparison.Ordinal);
    }

    // Before: graded, but the grader's memory rose to 1.25 GB / from 79 to 206 MB.
    [Fact]
    public void A_huge_cell_notebook_or_output_is_noted_not_graded()
    {
        Assert.Contains("over the limit of 1048576 for a cell", Note(Row("bigcell")), StringComparison.Ordinal);
        Assert.Contains("larger than the 8 MiB limit for a notebook", Note(Row("bignotebook")), StringComparison.Ordinal);
        Assert.Contains("output limit of 32 MiB", string.Join(" ", Row("bigoutput")), StringComparison.Ordinal);
    }

    // Before: silently skipped, no row in the gradebook.
    [Fact]
    public void Another_extension_and_a_hidden_folder_get_their_rows()
    {
        Assert.StartsWith("skipped: not a notebook", Note(Row("erin.txt")), StringComparison.Ordinal);
        Assert.StartsWith("skipped: a hidden folder", Note(Row(".frank")), StringComparison.Ordinal);
    }

    // Before: written raw into the CSV (a spreadsheet formula).
    [Fact]
    public void A_student_named_like_a_formula_is_text_in_the_csv()
    {
        Assert.Contains("\r\n'=1+1,'=1+1.ipynb,", f.GradebookLater, StringComparison.Ordinal);
        Assert.DoesNotContain("\r\n=1+1", f.GradebookLater, StringComparison.Ordinal);
    }

    [Fact]
    public void Nothing_outside_the_copies_changed()
    {
        Assert.Equal(f.Before, f.After);
        Assert.Empty(f.Received);
    }

    [GeneratedRegex(@"HOG allocated (?<memory>\d+) MB, started (?<processes>\d+) processes, wrote (?<disk>\d+) MB to /tmp")]
    private static partial Regex HogReport();

    [GeneratedRegex(@"\((?<seconds>[0-9.]+) s")]
    private static partial Regex GradedIn();
}
