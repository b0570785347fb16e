using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>
/// A runner killed mid-run (SIGKILL: no chance to clean up) leaves no kernel behind: <c>grade</c>'s sandboxes die with
/// their parent (bwrap's parent-death signal, then the pid namespace), and <c>run</c>'s kernels without a sandbox get a
/// parent-death signal of their own.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class RunnerDeathTests
{
    [Fact]
    public async Task A_grader_killed_mid_run_leaves_no_kernel_and_no_process_of_a_submission()
    {
        using var course = new TempFolder("killed-grader");
        var kit = Path.Combine(RunnerProcess.RepositoryRoot, "artifacts", "kit");
        var reference = course.File("reference.dib");
        await File.WriteAllTextAsync(reference, AttackNotebooks.Reference(kit, "unused"), TestContext.Current.CancellationToken);
        var submissions = Directory.CreateDirectory(course.File("submissions")).FullName;
        var student = Editions.Student(NotebookFile.Read(reference));
        foreach (var name in new[] { "sleeper1", "sleeper2" })
        {
            // A cell that starts a detached process and then sleeps: the grader is killed while it runs.
            var sleeper = AttackNotebooks.WithComment(student, "System.Diagnostics.Process.Start(\"/bin/sh\", new[] { \"-c\", \"setsid /bin/sleep 100000 &\" })!.WaitForExit();\nSystem.Threading.Thread.Sleep(300_000);");
            await File.WriteAllTextAsync(Path.Combine(submissions, name + ".ipynb"), IpynbFormat.Write(sleeper), TestContext.Current.CancellationToken);
        }

        await AssertKillingLeavesNothingAsync(course.Path, "grade-killed", "grade", submissions, "--notebook", reference, "--output", course.File("grades"), "--parallel", "2");
        Assert.False(File.Exists(course.File("grades/gradebook.csv")));
    }

    [Fact]
    public async Task A_run_killed_mid_run_without_the_sandbox_leaves_no_kernel()
    {
        using var folder = new TempFolder("killed-run");
        var notebook = folder.File("slow.dib");
        await File.WriteAllTextAsync(notebook, "#!csharp\n\nSystem.Threading.Thread.Sleep(300_000);\n", TestContext.Current.CancellationToken);
        await AssertKillingLeavesNothingAsync(folder.Path, "run-killed", "run", notebook, "--output", folder.File("out"), "--plain");
    }

    /// <summary>Starts the runner, waits until a kernel runs under it, kills the runner and waits for every process that ran under it to end.</summary>
    private static async Task AssertKillingLeavesNothingAsync(string workingDirectory, string evidence, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(RunnerProcess.RunnerDll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var runner = Process.Start(start)!;
        var output = runner.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = runner.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var clock = Stopwatch.StartNew();
        List<(int Pid, string Command)> under;
        // Every kernel running, and in it the cell's own sleep: the moment the issue's grader was killed.
        while ((under = Descendants(runner.Id)).Count(p => p.Command.Contains("Microsoft.DotNet.Interactive.App.dll", StringComparison.Ordinal)) < (arguments[0] == "grade" ? 2 : 1)
            || (arguments[0] == "grade" && under.Count(p => p.Command.StartsWith("/bin/sleep 100000", StringComparison.Ordinal)) < 2))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(4) && !runner.HasExited, $"the kernels did not start: {(runner.HasExited ? await output + await errors : "")}");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        var before = Ps();
        runner.Kill();
        await runner.WaitForExitAsync(TestContext.Current.CancellationToken);
        clock.Restart();
        List<string> alive;
        while ((alive = under.Where(p => ContainmentTests.Command(p.Pid) == p.Command).Select(p => p.Pid + " " + p.Command).ToList()).Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        if (Environment.GetEnvironmentVariable("SOFTMAX_ATTACK_EVIDENCE") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllTextAsync(Path.Combine(folder, evidence + ".txt"),
                $"$ {string.Join(' ', arguments)}\nprocesses under the runner (pid {runner.Id}) before kill -9:\n{string.Join("\n", under.Select(p => p.Pid + " " + p.Command))}\n\nps before:\n{before}\n\nps {clock.Elapsed.TotalSeconds:0.0} s after kill -9:\n{Ps()}\n",
                TestContext.Current.CancellationToken);
        }

        Assert.True(alive.Count == 0, "still running after the runner was killed:\n" + string.Join("\n", alive));
    }

    /// <summary>Every process whose chain of parents reaches <paramref name="root"/>, with its command line.</summary>
    private static List<(int Pid, string Command)> Descendants(int root)
    {
        var parents = new Dictionary<int, int>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    // Field 4 of /proc/pid/stat, after the command in parentheses (which may hold spaces).
                    var stat = File.ReadAllText(Path.Combine(folder, "stat"));
                    parents[pid] = int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // Ended while listed.
                }
            }
        }

        bool Under(int pid)
        {
            for (var p = pid; parents.TryGetValue(p, out var parent) && p != 1; p = parent)
            {
                if (parent == root)
                {
                    return true;
                }
            }

            return false;
        }

        return parents.Keys.Where(Under).Select(pid => (pid, ContainmentTests.Command(pid))).Where(p => p.Item2.Length > 0).ToList();
    }

    private static string Ps() => Tools.Execute("ps", "-eo", "pid,ppid,user,etime,args", "--forest").Output
        .Split('\n').Where(l => l.Contains("Interactive.App", StringComparison.Ordinal) || l.Contains("bwrap", StringComparison.Ordinal) || l.Contains("sleep 100000", StringComparison.Ordinal) || l.Contains("SoftmaxNotebooks.Runner.dll", StringComparison.Ordinal) || l.TrimStart().StartsWith("PID", StringComparison.Ordinal))
        .Select(l => l.Length > 220 ? l[..220] + "…" : l).Aggregate("", (a, l) => a + l + "\n");
}
