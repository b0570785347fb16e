using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Packaging;

namespace SoftmaxNotebooks.Runner.Export;

/// <summary>The <c>#:project</c>, <c>#:package</c> and <c>#:property</c> lines that stand for a notebook's <c>#r</c> and <c>#i</c> directives.</summary>
/// <param name="Lines"><c>#:project</c> and <c>#:package</c> lines, one per referenced project or package.</param>
/// <param name="Properties"><c>#:property</c> lines (package sources).</param>
/// <param name="HasDisplayAssembly">Whether the app references the kit's display assembly (then <c>display(x)</c> uses its formatters).</param>
/// <param name="HasPlotlyNetAdapter">Whether the app references the kit's Plotly.NET adapter (then <c>display(chart)</c> saves Plotly.NET charts as pages).</param>
internal sealed partial record AppDirectives(IReadOnlyList<string> Lines, IReadOnlyList<string> Properties, bool HasDisplayAssembly, bool HasPlotlyNetAdapter)
{
    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", ".git", "artifacts"];

    /// <summary>Maps the notebook's references to directives.</summary>
    /// <param name="references">Each reference with the "notebook:cell N" it came from.</param>
    /// <param name="notebookFolder">The notebook's folder: the repository that builds <c>#r</c>'d assemblies is found above it.</param>
    /// <param name="appFolder">Project paths are written relative to it.</param>
    /// <param name="options">Projects or packages.</param>
    /// <exception cref="ExportException">An assembly that no project builds and no referenced project depends on, or a package missing from the feed.</exception>
    public static AppDirectives Resolve(IReadOnlyList<(AppReference Reference, string Location)> references, string notebookFolder, string appFolder, ExportOptions options)
    {
        var lines = new List<string>();
        var sources = new List<string>();
        var hasDisplay = false;
        var hasPlotlyNet = false;
        var root = LocalPackager.FindRepositoryRoot(notebookFolder);
        var projects = root is null ? [] : FindProjects(root);

        // Assemblies a project builds become that project (or its package); the rest must come with one of them.
        var files = references.Where(r => r.Reference is AssemblyFile).DistinctBy(r => ((AssemblyFile)r.Reference).Path).ToList();
        var built = new List<(string Name, string Project)>();
        var dependencies = new List<(AssemblyFile File, string Location)>();
        foreach (var (reference, location) in files)
        {
            var file = (AssemblyFile)reference;
            var name = Path.GetFileNameWithoutExtension(file.Path);
            if (projects.TryGetValue(name, out var project))
            {
                built.Add((name, project));
            }
            else
            {
                dependencies.Add((file, location));
            }
        }

        var covered = Dependencies(built.Select(b => b.Project));
        foreach (var (file, location) in dependencies)
        {
            var name = Path.GetFileNameWithoutExtension(file.Path);
            if (!covered.Contains(name))
            {
                throw new ExportException(root is null
                    ? $"{location}: #r \"{file.Written}\": the notebook is not inside a SoftmaxNotebooks checkout, so no project is known to build {name}.dll; a file-based app references projects (#:project) and packages (#:package), not assembly files: use #r \"nuget: …\" in the notebook"
                    : $"{location}: #r \"{file.Written}\": no project in {root} builds {name}.dll and none of the referenced projects depends on it; a file-based app references projects (#:project) and packages (#:package), not assembly files: use #r \"nuget: …\" in the notebook");
            }
        }

        foreach (var (name, project) in built)
        {
            hasDisplay |= name == AppConventions.DisplayAssembly;
            hasPlotlyNet |= name == AppConventions.PlotlyNetAssembly;
            if (options.Kit == KitSource.Project)
            {
                lines.Add("#:project " + AppConventions.Slashes(Path.GetRelativePath(appFolder, project)));
                continue;
            }

            var feed = options.PackageFeed ?? throw new ArgumentException("A package export needs the feed pack-kit wrote.", nameof(options));
            var version = options.PackageVersion ?? throw new ArgumentException("A package export needs the version pack-kit gave the packages.", nameof(options));
            var package = $"{name}.{version}.nupkg";
            if (!Directory.Exists(feed) || !Directory.EnumerateFiles(feed, "*.nupkg").Any(f => string.Equals(Path.GetFileName(f), package, StringComparison.OrdinalIgnoreCase)))
            {
                var location = files.First(f => Path.GetFileNameWithoutExtension(((AssemblyFile)f.Reference).Path) == name).Location;
                throw new ExportException($"{location}: #r of {name}.dll: no package {name} {version} in {feed} (pack-kit packs the kit's projects; reference other projects' assemblies with a project export)");
            }

            lines.Add($"#:package {name}@{version}");
            if (!sources.Contains(Path.GetFullPath(feed)))
            {
                sources.Add(Path.GetFullPath(feed));
            }
        }

        foreach (var (reference, _) in references)
        {
            switch (reference)
            {
                case NuGetPackage package:
                    hasDisplay |= package.Id == AppConventions.DisplayAssembly;
                    hasPlotlyNet |= package.Id == AppConventions.PlotlyNetAssembly;
                    // Without a version the kernel takes the newest; * asks NuGet for the same.
                    lines.Add($"#:package {package.Id}@{package.Version ?? "*"}");
                    break;
                case NuGetFeed feed when !sources.Contains(feed.Source):
                    sources.Add(feed.Source);
                    break;
            }
        }

        string[] properties = sources.Count == 0 ? [] : ["#:property RestoreAdditionalProjectSources=" + string.Join(';', sources.Select(AppConventions.Slashes))];
        return new AppDirectives(lines.Distinct().ToList(), properties, hasDisplay, hasPlotlyNet);
    }

    /// <summary>Every project in the repository by the assembly it builds (its AssemblyName, else its file name).</summary>
    private static Dictionary<string, string> FindProjects(string root)
    {
        var projects = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var pending = new Stack<string>([root]);
        var found = new List<string>();
        while (pending.Count > 0)
        {
            var folder = pending.Pop();
            found.AddRange(Directory.EnumerateFiles(folder, "*.csproj"));
            foreach (var sub in Directory.EnumerateDirectories(folder).Where(d => !SkippedFolders.Contains(Path.GetFileName(d))))
            {
                pending.Push(sub);
            }
        }

        // The shortest path wins when two projects build the same name (a test fixture beside the real project).
        foreach (var project in found.OrderBy(p => p.Length).ThenBy(p => p, StringComparer.Ordinal))
        {
            var name = AssemblyName().Match(File.ReadAllText(project)) is { Success: true } m ? m.Groups["name"].Value.Trim() : Path.GetFileNameWithoutExtension(project);
            projects.TryAdd(name, project);
        }

        return projects;
    }

    /// <summary>Package ids and project assembly names the given projects depend on, followed through project references.</summary>
    private static HashSet<string> Dependencies(IEnumerable<string> projects)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(projects);
        while (pending.Count > 0)
        {
            var project = Path.GetFullPath(pending.Pop());
            if (!visited.Add(project) || !File.Exists(project))
            {
                continue;
            }

            var text = File.ReadAllText(project);
            foreach (Match package in PackageReferenceItem().Matches(text))
            {
                names.Add(package.Groups["id"].Value);
            }

            foreach (Match reference in ProjectReferenceItem().Matches(text))
            {
                var path = Path.GetFullPath(reference.Groups["path"].Value.Replace('\\', '/'), Path.GetDirectoryName(project)!);
                names.Add(Path.GetFileNameWithoutExtension(path));
                pending.Push(path);
            }
        }

        return names;
    }

    [GeneratedRegex("""<AssemblyName>(?<name>[^<$]+)</AssemblyName>""")]
    private static partial Regex AssemblyName();

    [GeneratedRegex("""<PackageReference\s+Include="(?<id>[^"]+)"\s*""")]
    private static partial Regex PackageReferenceItem();

    [GeneratedRegex("""<ProjectReference\s+Include="(?<path>[^"]+)"\s*""")]
    private static partial Regex ProjectReferenceItem();
}
