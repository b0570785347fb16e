using System.Globalization;
using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Export;

/// <summary>A kernel directive of a cell that becomes a <c>#:</c> directive of the app.</summary>
internal abstract record AppReference;

/// <summary><c>#r "nuget: Id, Version"</c>.</summary>
/// <param name="Id">The package id.</param>
/// <param name="Version">The version or range; null takes the newest, as the kernel does.</param>
internal sealed record NuGetPackage(string Id, string? Version) : AppReference;

/// <summary><c>#i "nuget: source"</c>: a package source, a URL or a folder.</summary>
/// <param name="Source">A URL, or a folder as a full path.</param>
internal sealed record NuGetFeed(string Source) : AppReference;

/// <summary><c>#r "path/Name.dll"</c>.</summary>
/// <param name="Path">The assembly's full path (resolved against the notebook's folder).</param>
/// <param name="Written">The path as the cell wrote it.</param>
internal sealed record AssemblyFile(string Path, string Written) : AppReference;

/// <summary>Takes a C# cell's kernel directives out of its code, as the kernel does before compiling it.</summary>
internal static partial class CellDirectiveLines
{
    /// <summary>Splits a cell into C# (directive lines left blank, so line numbers stay the cell's) and references.</summary>
    /// <param name="source">The cell's text.</param>
    /// <param name="notebookFolder">Relative <c>#r</c> paths and <c>#i</c> folders resolve against it.</param>
    /// <param name="location">"notebook:cell N", for error messages.</param>
    /// <exception cref="ExportException">A magic command or a directive that a file-based app has no equivalent for.</exception>
    public static (string Code, IReadOnlyList<AppReference> References) Split(string source, string notebookFolder, string location)
    {
        var lines = source.Split('\n');
        var references = new List<AppReference>();
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            string Where() => string.Create(CultureInfo.InvariantCulture, $"{location}:line {i + 1}");
            if (line.StartsWith("#!", StringComparison.Ordinal))
            {
                // Older .ipynb files start C# cells with #!csharp: it changes nothing in C#.
                if (KernelNames.Canonical(line[2..], null) == KernelNames.CSharp)
                {
                    lines[i] = "";
                    continue;
                }

                throw new ExportException(KernelNames.Canonical(line[2..], null) is { } kernel
                    ? $"{Where()}: '{line}' switches to the {kernel} kernel; an exported app holds C# only"
                    : $"{Where()}: the magic command '{line}' works only in a notebook front-end and has no equivalent in a file-based app; remove it from the notebook (or do what it does in C#) and export again");
            }

            if (NuGetReference().Match(line) is { Success: true } package)
            {
                var version = package.Groups["version"].Success ? package.Groups["version"].Value.Trim() : "";
                references.Add(new NuGetPackage(package.Groups["id"].Value.Trim(), version.Length == 0 ? null : version));
                lines[i] = "";
            }
            else if (NuGetSource().Match(line) is { Success: true } feed)
            {
                var value = feed.Groups["source"].Value.Trim();
                references.Add(new NuGetFeed(value.Contains("://", StringComparison.Ordinal) ? value : Path.GetFullPath(value, notebookFolder)));
                lines[i] = "";
            }
            else if (PathReference().Match(line) is { Success: true } reference)
            {
                var written = reference.Groups["path"].Value;
                references.Add(new AssemblyFile(Path.GetFullPath(written, notebookFolder), written));
                lines[i] = "";
            }
            else if (line.StartsWith("#r", StringComparison.Ordinal) || line.StartsWith("#i", StringComparison.Ordinal) || line.StartsWith("#load", StringComparison.Ordinal))
            {
                throw new ExportException($"{Where()}: the directive '{line}' has no equivalent in a file-based app (it takes #r \"nuget: Id, Version\", #i \"nuget: source\" and #r \"path/Name.dll\" of a project's output)");
            }
        }

        return (string.Join('\n', lines), references);
    }

    [GeneratedRegex("""^#r\s+"nuget:\s*(?<id>[^,"]+?)\s*(,\s*(?<version>[^"]*))?"\s*$""")]
    private static partial Regex NuGetReference();

    [GeneratedRegex("""^#i\s+"nuget:\s*(?<source>[^"]+)"\s*$""")]
    private static partial Regex NuGetSource();

    [GeneratedRegex("""^#r\s+"(?<path>[^"]+)"\s*$""")]
    private static partial Regex PathReference();
}
