using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SoftmaxNotebooks.Notebooks.Tests.Mutation;

/// <summary>
/// A temporary copy of the repository's notebook layout (<c>notebooks/</c>, <c>data/</c>, <c>artifacts/kit/</c>) whose
/// kit holds ONE mutant core: every planted defect is compiled in, each behind a switch that is on only when the
/// environment variable <see cref="SwitchVariable"/> names it. So the core is built once, and each run of a notebook
/// picks its defect by that variable; with the variable unset the mutant core computes what the real one does.
/// </summary>
internal sealed class MutantWorkspace : IDisposable
{
    /// <summary>The environment variable that names the one defect a run switches on.</summary>
    public const string SwitchVariable = "SOFTMAX_NOTEBOOKS_MUTANT";

    /// <summary>The token in a patch's replacement that stands for "this mutation is switched on".</summary>
    public const string SwitchToken = "MUTANT";

    private const string CoreFolder = "src/SoftmaxNotebooks";
    private const string CoreAssembly = "SoftmaxNotebooks.dll";

    // The build files the core project inherits from the repository root.
    private static readonly string[] RootBuildFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config"];

    // Compiled into the mutant core beside the patched sources.
    private const string SwitchSource = $$"""
        namespace SoftmaxNotebooks;

        /// <summary>Which planted defect is on in this process (none when the variable is unset).</summary>
        internal static class MutantSwitch
        {
            private static readonly string? Active = System.Environment.GetEnvironmentVariable("{{SwitchVariable}}");

            public static bool Is(string id) => Active == id;

            /// <summary>Multiplies every entry by <paramref name="factor"/> in place and returns the array.</summary>
            public static double[] Scaled(double[] values, double factor)
            {
                for (int i = 0; i < values.Length; i++)
                {
                    values[i] *= factor;
                }

                return values;
            }

            /// <summary>Multiplies every entry by <paramref name="factor"/> in place and returns the matrix.</summary>
            public static double[,] Scaled(double[,] values, double factor)
            {
                for (int i = 0; i < values.GetLength(0); i++)
                {
                    for (int j = 0; j < values.GetLength(1); j++)
                    {
                        values[i, j] *= factor;
                    }
                }

                return values;
            }

            /// <summary>A copy with the first entry multiplied by <paramref name="factor"/>.</summary>
            public static double[] FirstScaled(double[] values, double factor)
            {
                var copy = (double[])values.Clone();
                copy[0] *= factor;
                return copy;
            }

            /// <summary>A copy of a probability vector with 1e−6 of the first entry's probability moved to the last (same sum).</summary>
            public static double[] MovedMass(double[] p)
            {
                var copy = (double[])p.Clone();
                double moved = copy[0] * 1e-6;
                copy[0] -= moved;
                copy[^1] += moved;
                return copy;
            }
        }
        """;

    private MutantWorkspace(string root) => Root = root;

    /// <summary>The folder the runner runs in: it holds <c>notebooks/</c>, <c>data/</c> and <c>artifacts/kit/</c>.</summary>
    public string Root { get; }

    /// <summary>Copies the core with every defect planted behind its switch; throws when an anchor is not found exactly once.</summary>
    public static MutantWorkspace Create(IReadOnlyList<Mutation> mutations)
    {
        var workspace = new MutantWorkspace(Directory.CreateTempSubdirectory("softmax-notebooks-mutants-").FullName);
        try
        {
            foreach (var file in RootBuildFiles.Where(f => File.Exists(Path.Combine(Repository.Root, f))))
            {
                File.Copy(Path.Combine(Repository.Root, file), Path.Combine(workspace.Root, file));
            }

            var core = Path.Combine(workspace.Root, CoreFolder);
            foreach (var (relative, text) in PatchAll(mutations, CoreSources()).Append(new("MutantSwitch.cs", SwitchSource)))
            {
                var target = Path.Combine(core, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, text);
            }

            return workspace;
        }
        catch
        {
            workspace.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The core's source and project files by path relative to <c>src/SoftmaxNotebooks</c> (forward slashes), with
    /// line ends normalised to \n so that anchors read the same on every checkout.
    /// </summary>
    public static IReadOnlyDictionary<string, string> CoreSources()
    {
        var core = Path.Combine(Repository.Root, CoreFolder);
        return Directory.EnumerateFiles(core, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(core, f).Replace('\\', '/'))
            .Where(f => !f.StartsWith("bin/", StringComparison.Ordinal) && !f.StartsWith("obj/", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(core, f)).ReplaceLineEndings("\n"), StringComparer.Ordinal);
    }

    /// <summary>
    /// Every file of the core with every mutation's patches applied in order, each behind its switch. Each anchor must
    /// occur exactly once in the text it is applied to (the real source, or the source with the earlier patches in it:
    /// a replacement keeps the original code as its switched-off branch, so a later patch can anchor on it again).
    /// </summary>
    /// <exception cref="InvalidOperationException">An anchor is missing or ambiguous, or a replacement has no switch.</exception>
    public static IReadOnlyDictionary<string, string> PatchAll(IReadOnlyList<Mutation> mutations, IReadOnlyDictionary<string, string> sources)
    {
        var patched = new Dictionary<string, string>(sources, StringComparer.Ordinal);
        foreach (var mutation in mutations)
        {
            foreach (var patch in mutation.Patches)
            {
                if (!patched.TryGetValue(patch.File, out var text))
                {
                    throw new InvalidOperationException($"mutation {mutation.Id}: {CoreFolder}/{patch.File} does not exist; update Mutations.cs.");
                }

                if (!patch.Replace.Contains(SwitchToken, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"mutation {mutation.Id}: the replacement in {patch.File} has no {SwitchToken} switch, so the defect would be on in every run.");
                }

                var count = Occurrences(text, patch.Find);
                if (count != 1)
                {
                    throw new InvalidOperationException(
                        $"mutation {mutation.Id}: the anchor occurs {count} times in {CoreFolder}/{patch.File} (it must occur exactly once); " +
                        $"update Mutations.cs to the refactored code. Anchor: «{patch.Find}»");
                }

                var replacement = patch.Replace.Replace(SwitchToken, $"global::SoftmaxNotebooks.MutantSwitch.Is(\"{mutation.Id}\")", StringComparison.Ordinal);
                patched[patch.File] = text.Replace(patch.Find, replacement, StringComparison.Ordinal);
            }
        }

        return patched;
    }

    public static int Occurrences(string text, string find)
    {
        var count = 0;
        for (var at = text.IndexOf(find, StringComparison.Ordinal); at >= 0; at = text.IndexOf(find, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Builds the mutant core and lays out the notebook folder beside it: the kit with the mutant core in place of the
    /// real one, the notebooks and the data. Analyzers, XML docs and warnings-as-errors are off: they judge the real
    /// core, and a mutant only has to compile.
    /// </summary>
    public async Task BuildAsync(IEnumerable<string> notebooks, CancellationToken cancellationToken)
    {
        var (exitCode, output) = await Processes.RunAsync(Processes.Dotnet,
            ["build", Path.Combine(CoreFolder, "SoftmaxNotebooks.csproj"), "-c", "Release", "-nodeReuse:false", "-nologo", "-v:minimal",
             "-p:RunAnalyzers=false", "-p:GenerateDocumentationFile=false", "-p:TreatWarningsAsErrors=false"],
            Root, TimeSpan.FromMinutes(10), null, cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"building the mutant core failed ({exitCode}):\n{Processes.Tail(output, 60)}");
        }

        var kit = Path.Combine(Repository.Root, "artifacts", "kit");
        if (!File.Exists(Path.Combine(kit, "SoftmaxNotebooks.Display.dll")))
        {
            throw new InvalidOperationException($"{kit} holds no SoftmaxNotebooks.Display.dll; build src/SoftmaxNotebooks.Display first.");
        }

        var mutantKit = Directory.CreateDirectory(Path.Combine(Root, "artifacts", "kit")).FullName;
        // Everything but the real core (and its XML docs): the display library, the core's dependencies, plotly.js.
        foreach (var file in Directory.EnumerateFiles(kit).Where(f => Path.GetFileName(f) is not (CoreAssembly or "SoftmaxNotebooks.xml")))
        {
            File.Copy(file, Path.Combine(mutantKit, Path.GetFileName(file)));
        }

        File.Copy(Path.Combine(Root, CoreFolder, "bin", "Release", "net10.0", CoreAssembly), Path.Combine(mutantKit, CoreAssembly));
        var notebookFolder = Directory.CreateDirectory(Path.Combine(Root, "notebooks")).FullName;
        foreach (var notebook in notebooks.Distinct(StringComparer.Ordinal))
        {
            File.Copy(Path.Combine(Repository.Notebooks, notebook), Path.Combine(notebookFolder, notebook));
        }

        CopyFolder(Repository.Data, Path.Combine(Root, "data"));
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }
}

/// <summary>Runs command-line tools to their end, with a time limit.</summary>
internal static class Processes
{
    /// <summary>The dotnet host that runs this test (the SDK sets DOTNET_HOST_PATH for the processes it starts).</summary>
    public static string Dotnet { get; } =
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";

    /// <summary>
    /// Runs <paramref name="tool"/> and returns its exit code and its output (stdout and stderr interleaved); the
    /// process tree is killed past <paramref name="limit"/>. <paramref name="environment"/> (or null) sets variables
    /// for the process; the rest of the environment is inherited.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string tool, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit,
        IReadOnlyDictionary<string, string>? environment, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(tool + " did not start.");
        var output = new StringBuilder();
        var stdout = Pump(process.StandardOutput, output);
        var stderr = Pump(process.StandardError, output);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                $"{tool} {string.Join(' ', start.ArgumentList)} did not finish in {limit} (or the test was cancelled)."));
        }

        await Task.WhenAll(stdout, stderr);
        return (process.ExitCode, output.ToString());
    }

    public static string Tail(string text, int lines) =>
        string.Join('\n', text.Split('\n').TakeLast(lines));

    private static async Task Pump(StreamReader reader, StringBuilder sink)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            lock (sink)
            {
                sink.Append(line).Append('\n');
            }
        }
    }
}
