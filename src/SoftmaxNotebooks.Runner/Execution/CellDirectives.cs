using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>
/// The kernel directives of one C# cell: <c>#r "nuget: …"</c> and <c>#i "nuget: …"</c> lines are taken out (they are
/// the kernel's, not the compiler's) and replaced by blank lines so line numbers stay those of the cell;
/// <c>#r "path"</c> stays for the compiler and is noted so its folder can serve dependencies.
/// </summary>
internal sealed partial record CellDirectives(
    string Code,
    IReadOnlyList<PackageRequest> Packages,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> ReferencePaths)
{
    /// <summary>Splits a cell into code and directives.</summary>
    /// <param name="source">The cell's text.</param>
    /// <param name="notebookFolder">Relative <c>#r</c> paths and <c>#i</c> folders resolve against it.</param>
    /// <exception cref="UnsupportedDirectiveException">A magic command or directive the runner does not support; the message gives its line.</exception>
    public static CellDirectives Parse(string source, string notebookFolder)
    {
        var lines = source.Split('\n');
        var packages = new List<PackageRequest>();
        var sources = new List<string>();
        var references = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                // A kernel-selector line inside a cell (older .ipynb files start C# cells with #!csharp) routes what
                // follows to that kernel: harmless for C#, another language otherwise.
                if (KernelNames.Canonical(line[2..], null) is { } kernel)
                {
                    if (kernel != KernelNames.CSharp)
                    {
                        throw new UnsupportedDirectiveException(i + 1, $"'{line}' switches to the '{kernel}' kernel; the runner executes C# only (as the notebooks in this kit must)");
                    }

                    lines[i] = "";
                    continue;
                }

                throw new UnsupportedDirectiveException(i + 1, $"magic command '{line}' is not supported by the runner (cells may use C# and #r/#i directives only)");
            }

            if (NuGetReference().Match(line) is { Success: true } package)
            {
                var version = package.Groups["version"].Success ? package.Groups["version"].Value.Trim() : null;
                packages.Add(new PackageRequest(package.Groups["id"].Value.Trim(), string.IsNullOrEmpty(version) ? null : version));
                lines[i] = "";
            }
            else if (NuGetSource().Match(line) is { Success: true } feed)
            {
                var value = feed.Groups["source"].Value.Trim();
                sources.Add(value.Contains("://", StringComparison.Ordinal) ? value : Path.GetFullPath(value, notebookFolder));
                lines[i] = "";
            }
            else if (line.StartsWith("#i", StringComparison.Ordinal))
            {
                throw new UnsupportedDirectiveException(i + 1, $"directive '{line}' is not supported (only #i \"nuget: <source>\")");
            }
            else if (PathReference().Match(line) is { Success: true } reference)
            {
                references.Add(Path.GetFullPath(reference.Groups["path"].Value, notebookFolder));
            }
        }

        return new CellDirectives(string.Join('\n', lines), packages, sources, references);
    }

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<id>[^,"]+?)\s*(,\s*(?<version>[^"]*))?"\s*$""")]
    private static partial Regex NuGetReference();

    [GeneratedRegex("""^#i\s+"nuget:\s*(?<source>[^"]+)"\s*$""")]
    private static partial Regex NuGetSource();

    [GeneratedRegex("""^#r\s+"(?<path>[^"]+)"\s*$""")]
    private static partial Regex PathReference();
}

/// <summary>A cell uses a magic command or directive the runner does not support.</summary>
internal sealed class UnsupportedDirectiveException(int line, string message) : Exception(message)
{
    /// <summary>The line within the cell (1-based).</summary>
    public int Line { get; } = line;
}
