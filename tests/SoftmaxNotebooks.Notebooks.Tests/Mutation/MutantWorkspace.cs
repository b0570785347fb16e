using System.Diagnostics;
using System.Text;

namespace SoftmaxNotebooks.Notebooks.Tests.Mutation;

/// <summary>
/// A temporary folder with one copy of the math core per mutation, each with its defect planted, built together by
/// one MSBuild run (one restore per copy, compiled in parallel), and beside each copy the folder layout the notebooks
/// expect: <c>notebooks/</c> with the declared notebook, <c>data/</c>, and <c>artifacts/kit/</c> holding the
/// repository's kit with the mutant core in place of the real one.
/// </summary>
internal sealed class MutantWorkspace : IDisposable
{
    private const string CoreFolder = "src/SoftmaxNotebooks";
    private const string CoreAssembly = "SoftmaxNotebooks.dll";

    // The build files the core project inherits from the repository root.
    private static readonly string[] RootBuildFiles = ["Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "global.json", "NuGet.config"];

    private MutantWorkspace(string root) => Root = root;

    public string Root { get; }

    /// <summary>The folder of one mutant: the notebook runner runs in it.</summary>
    public string FolderOf(int index) => Path.Combine(Root, Name(index));

    /// <summary>Copies the core once per mutation and plants each defect; throws when an anchor is not found exactly once.</summary>
    public static MutantWorkspace Create(IReadOnlyList<Mutation> mutations)
    {
        var workspace = new MutantWorkspace(Directory.CreateTempSubdirectory("softmax-notebooks-mutants-").FullName);
        try
        {
            foreach (var file in RootBuildFiles.Where(f => File.Exists(Path.Combine(Repository.Root, f))))
            {
                File.Copy(Path.Combine(Repository.Root, file), Path.Combine(workspace.Root, file));
            }

            var sources = CoreSources();
            for (var i = 0; i < mutations.Count; i++)
            {
                var core = Path.Combine(workspace.FolderOf(i), CoreFolder);
                var patched = Patch(mutations[i], sources);
                foreach (var (relative, text) in sources)
                {
                    var target = Path.Combine(core, relative);
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.WriteAllText(target, patched.GetValueOrDefault(relative, text));
                }
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

    /// <summary>The patched text of each file the mutation edits; throws naming the mutation when an anchor is missing or ambiguous.</summary>
    public static IReadOnlyDictionary<string, string> Patch(Mutation mutation, IReadOnlyDictionary<string, string> sources)
    {
        var patched = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var patch in mutation.Patches)
        {
            if (!patched.TryGetValue(patch.File, out var text) && !sources.TryGetValue(patch.File, out text))
            {
                throw new InvalidOperationException($"mutation {mutation.Id}: {CoreFolder}/{patch.File} does not exist; update Mutations.cs.");
            }

            var count = Occurrences(text, patch.Find);
            if (count != 1)
            {
                throw new InvalidOperationException(
                    $"mutation {mutation.Id}: the anchor occurs {count} times in {CoreFolder}/{patch.File} (it must occur exactly once); " +
                    $"update Mutations.cs to the refactored code. Anchor: «{patch.Find}»");
            }

            patched[patch.File] = text.Replace(patch.Find, patch.Replace, StringComparison.Ordinal);
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
    /// Builds every mutant core in one MSBuild run and lays out each mutant's notebook folder. Analyzers, XML docs and
    /// warnings-as-errors are off: they judge the real core, and a mutant only has to compile.
    /// </summary>
    public async Task BuildAsync(IReadOnlyList<Mutation> mutations, CancellationToken cancellationToken)
    {
        var projects = string.Concat(Enumerable.Range(0, mutations.Count).Select(i =>
            $"    <Mutant Include=\"{Name(i)}/{CoreFolder}/SoftmaxNotebooks.csproj\" />\n"));
        // Restore and build need separate evaluations (the restore writes the imports the build reads): a distinct
        // global property gives the restore its own.
        File.WriteAllText(Path.Combine(Root, "mutants.proj"), $"""
            <Project>
              <ItemGroup>
            {projects}  </ItemGroup>
              <Target Name="Build">
                <MSBuild Projects="@(Mutant)" Targets="Restore" BuildInParallel="true" Properties="MSBuildRestoreSessionId=$([System.Guid]::NewGuid())" />
                <MSBuild Projects="@(Mutant)" Targets="Build" BuildInParallel="true"
                         Properties="Configuration=Release;RunAnalyzers=false;GenerateDocumentationFile=false;TreatWarningsAsErrors=false" />
              </Target>
            </Project>
            """);
        var (exitCode, output) = await Processes.RunAsync(Processes.Dotnet,
            ["msbuild", "mutants.proj", "-m:" + Environment.ProcessorCount, "-nodeReuse:false", "-nologo", "-v:minimal"],
            Root, TimeSpan.FromMinutes(20), cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"building the mutant cores failed ({exitCode}):\n{Processes.Tail(output, 60)}");
        }

        var kit = Path.Combine(Repository.Root, "artifacts", "kit");
        if (!File.Exists(Path.Combine(kit, "SoftmaxNotebooks.Display.dll")))
        {
            throw new InvalidOperationException($"{kit} holds no SoftmaxNotebooks.Display.dll; build src/SoftmaxNotebooks.Display first.");
        }

        for (var i = 0; i < mutations.Count; i++)
        {
            var folder = FolderOf(i);
            var mutantKit = Directory.CreateDirectory(Path.Combine(folder, "artifacts", "kit")).FullName;
            // Everything but the real core (and its XML docs): the display library, the core's dependencies, plotly.js.
            foreach (var file in Directory.EnumerateFiles(kit).Where(f => Path.GetFileName(f) is not (CoreAssembly or "SoftmaxNotebooks.xml")))
            {
                File.Copy(file, Path.Combine(mutantKit, Path.GetFileName(file)));
            }

            File.Copy(Path.Combine(folder, CoreFolder, "bin", "Release", "net10.0", CoreAssembly), Path.Combine(mutantKit, CoreAssembly));
            var notebooks = Directory.CreateDirectory(Path.Combine(folder, "notebooks")).FullName;
            File.Copy(Path.Combine(Repository.Notebooks, mutations[i].Notebook), Path.Combine(notebooks, mutations[i].Notebook));
            CopyFolder(Repository.Data, Path.Combine(folder, "data"));
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static string Name(int index) => "m" + (index + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

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

    public static async Task<(int ExitCode, string Output)> RunAsync(
        string tool, IEnumerable<string> arguments, string workingDirectory, TimeSpan limit, CancellationToken cancellationToken)
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
            throw new TimeoutException($"{tool} {string.Join(' ', start.ArgumentList)} did not finish in {limit} (or the test was cancelled).");
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
