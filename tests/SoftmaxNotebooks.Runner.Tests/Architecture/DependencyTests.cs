using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SoftmaxNotebooks.Runner.Tests.Architecture;

/// <summary>
/// The runner's shape, read from its sources with Roslyn's semantic model: which file names a type which other file
/// declares. Commands sit on top (no folder uses one), the folders below them form no circle, and no file uses a file
/// that uses it back (shared types live in files of their own).
/// </summary>
public sealed class DependencyTests
{
    private static readonly Lazy<RunnerSources> Sources = new(RunnerSources.Load);

    [Fact]
    public void No_folder_depends_on_a_command_or_on_Program()
    {
        var wrong = Sources.Value.FolderArrows.Where(a => a.From is not "Commands" and not "" && a.To is "Commands" or "").ToList();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong.Select(a => $"{a.From} -> {(a.To.Length == 0 ? "Program" : a.To)}")));
    }

    [Fact]
    public void The_folders_under_the_commands_form_no_circle()
    {
        var arrows = Sources.Value.FolderArrows.Where(a => a.From is not "Commands" and not "").ToList();
        var circles = arrows.Where(a => Reaches(arrows, a.To, a.From)).Select(a => $"{a.From} -> {a.To}").ToList();
        Assert.True(circles.Count == 0, "arrows on a circle: " + string.Join(", ", circles));
    }

    [Fact]
    public void No_file_uses_a_file_that_uses_it()
    {
        var uses = Sources.Value.FileArrows.ToHashSet();
        var pairs = uses.Where(a => string.CompareOrdinal(a.From, a.To) < 0 && uses.Contains((a.To, a.From))).Select(a => $"{a.From} <-> {a.To}").ToList();
        Assert.True(pairs.Count == 0, string.Join("\n", pairs));
    }

    private static bool Reaches(IReadOnlyList<(string From, string To)> arrows, string from, string to)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var next = new Stack<string>([from]);
        while (next.TryPop(out var folder))
        {
            if (folder == to)
            {
                return true;
            }

            if (seen.Add(folder))
            {
                foreach (var arrow in arrows.Where(a => a.From == folder))
                {
                    next.Push(arrow.To);
                }
            }
        }

        return false;
    }

    /// <summary>The runner's files (paths relative to its project folder) and which file names a type which other declares.</summary>
    private sealed record RunnerSources(IReadOnlyList<(string From, string To)> FileArrows)
    {
        /// <summary>Folder to folder ("" for the project's root, where Program is), from the file arrows.</summary>
        public IReadOnlyList<(string From, string To)> FolderArrows =>
            FileArrows.Select(a => (From: Folder(a.From), To: Folder(a.To))).Where(a => a.From != a.To).Distinct().ToList();

        public static RunnerSources Load()
        {
            var root = Path.Combine(RunnerProcess.RepositoryRoot, "src", "SoftmaxNotebooks.Runner");
            var trees = Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
                .Where(f => !Path.GetRelativePath(root, f).Split(Path.DirectorySeparatorChar).Any(s => s is "bin" or "obj"))
                .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), new CSharpParseOptions(LanguageVersion.Preview), path: Path.GetRelativePath(root, f).Replace('\\', '/')))
                .ToList();
            // The references the runner itself was compiled with: the framework and the assemblies beside the tests.
            var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
                .Concat(Directory.EnumerateFiles(AppContext.BaseDirectory, "*.dll"))
                .Where(f => !Path.GetFileName(f).StartsWith("SoftmaxNotebooks.Runner", StringComparison.Ordinal))
                .DistinctBy(Path.GetFileName)
                .Select(f => MetadataReference.CreateFromFile(f));
            var compilation = CSharpCompilation.Create("RunnerShape", trees, references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var arrows = new HashSet<(string, string)>();
            foreach (var tree in trees)
            {
                var model = compilation.GetSemanticModel(tree);
                foreach (var name in tree.GetRoot().DescendantNodes().OfType<SimpleNameSyntax>())
                {
                    if (model.GetSymbolInfo(name).Symbol is INamedTypeSymbol type)
                    {
                        for (; type.ContainingType is not null; type = type.ContainingType)
                        {
                        }

                        foreach (var declaration in type.OriginalDefinition.DeclaringSyntaxReferences)
                        {
                            if (declaration.SyntaxTree.FilePath != tree.FilePath)
                            {
                                arrows.Add((tree.FilePath, declaration.SyntaxTree.FilePath));
                            }
                        }
                    }
                }
            }

            Assert.True(arrows.Count > 50, "the runner's sources were read and bound");
            return new RunnerSources(arrows.Order().ToList());
        }

        private static string Folder(string file) => file.Contains('/', StringComparison.Ordinal) ? file[..file.IndexOf('/', StringComparison.Ordinal)] : "";
    }
}
