using System.Globalization;
using System.Text;
using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Export;

/// <summary>
/// Turns a <c>.dib</c>/<c>.ipynb</c> notebook into a .NET 10 file-based app (<c>dotnet run app.cs</c>): code cells in
/// order as top-level statements, markdown as comments, the kernel's <c>#r</c>/<c>#i</c> as <c>#:project</c>,
/// <c>#:package</c> and <c>#:property</c> directives, and <c>display(x)</c> as the kit's plain-text rendering.
/// </summary>
internal static class AppExporter
{
    /// <summary>The app's path for a notebook: <c>&lt;folder&gt;/&lt;notebook name&gt;.cs</c>.</summary>
    /// <param name="notebookPath">The notebook file.</param>
    /// <param name="outputFolder">The folder, or null for <c>apps/</c> beside the notebook.</param>
    public static string AppPath(string notebookPath, string? outputFolder)
    {
        ArgumentNullException.ThrowIfNull(notebookPath);
        var folder = outputFolder ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(notebookPath))!, "apps");
        return Path.GetFullPath(Path.Combine(folder, Path.GetFileNameWithoutExtension(notebookPath) + ".cs"));
    }

    /// <summary>Exports one notebook and writes the app (atomically).</summary>
    /// <param name="notebookPath">A <c>.dib</c> or <c>.ipynb</c> file.</param>
    /// <param name="options">Where the app goes and how it references the kit.</param>
    /// <returns>The app's full path.</returns>
    /// <exception cref="NotebookFormatException">The notebook cannot be read.</exception>
    /// <exception cref="ExportException">A cell holds something an app cannot hold; the message names the notebook, the cell and the line.</exception>
    public static string Export(string notebookPath, ExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(notebookPath);
        ArgumentNullException.ThrowIfNull(options);
        var appPath = AppPath(notebookPath, options.OutputFolder);
        var text = Translate(NotebookFile.Read(notebookPath), notebookPath, appPath, options);
        Directory.CreateDirectory(Path.GetDirectoryName(appPath)!);
        AtomicFile.WriteAllText(appPath, text);
        return appPath;
    }

    /// <summary>The app's text for a notebook read from <paramref name="notebookPath"/>, to be written at <paramref name="appPath"/>.</summary>
    internal static string Translate(Notebook notebook, string notebookPath, string appPath, ExportOptions options)
    {
        var notebookFolder = Path.GetDirectoryName(Path.GetFullPath(notebookPath))!;
        var appFolder = Path.GetDirectoryName(Path.GetFullPath(appPath))!;
        var codeCells = new List<CellCode>();
        var references = new List<(AppReference Reference, string Location)>();
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            var location = string.Create(CultureInfo.InvariantCulture, $"{notebookPath}:cell {i + 1}");
            if (cell.IsCode && cell.KernelName != KernelNames.CSharp)
            {
                throw new ExportException($"{location}: a {cell.KernelName} cell; an exported app holds the C# cells only (move this cell's work into C#, or into markdown if it is prose)");
            }

            if (cell.IsCode)
            {
                var (code, cellReferences) = CellDirectiveLines.Split(cell.Source, notebookFolder, location);
                codeCells.Add(new CellCode(i + 1, code));
                references.AddRange(cellReferences.Select(r => (r, location)));
            }
        }

        var translated = CellTranslator.Translate(codeCells, notebookPath).ToDictionary(c => c.Number);
        var directives = AppDirectives.Resolve(references, notebookFolder, appFolder, options);

        var app = new StringBuilder();
        var name = Path.GetFileName(appPath);
        // Beside the notebook's folder the relative path says where it is; far from it, the full path does.
        var source = AppConventions.Slashes(Path.GetRelativePath(appFolder, Path.GetFullPath(notebookPath)));
        source = source.StartsWith("../../..", StringComparison.Ordinal) ? AppConventions.Slashes(Path.GetFullPath(notebookPath)) : source;
        app.Append("// ").Append(name).Append(": ").Append(source)
            .Append(" as a .NET file-based app. Run it with `dotnet run ").Append(name).Append("`.\n");
        app.Append("// Exported by the runner's `export` command: edit the notebook and export again rather than editing this file.\n");
        if (directives.Lines.Count > 0)
        {
            app.Append("// The notebook's #r and #i directives:\n");
            foreach (var line in directives.Lines)
            {
                app.Append(line).Append('\n');
            }
        }

        app.Append("// Notebook code has the kernel's usings (below), and no analyzers or warnings-as-errors of a surrounding build.\n");
        app.Append("#:property ImplicitUsings=disable\n");
        app.Append("#:property RunAnalyzers=false\n");
        app.Append("#:property TreatWarningsAsErrors=false\n");
        if (directives.Lines.Any(l => l.StartsWith("#:package ", StringComparison.Ordinal)))
        {
            // #:package names the notebook's own version; a Directory.Packages.props above the app (this repository's)
            // would otherwise reject it (NU1008). Referenced projects keep their central versions.
            app.Append("#:property ManagePackageVersionsCentrally=false\n");
        }

        foreach (var property in directives.Properties)
        {
            app.Append(property).Append('\n');
        }

        app.Append('\n');
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ns in AppConventions.KernelUsings)
        {
            seen.Add($"using {ns};");
            app.Append("using ").Append(ns).Append(";\n");
        }

        foreach (var directive in translated.Values.SelectMany(c => c.Usings))
        {
            if (seen.Add(directive.Split('\n')[^1].Trim()))
            {
                app.Append(directive).Append('\n');
            }
        }

        app.Append("using static NotebookConsole;\n\n");
        app.Append("// As in the notebook: relative paths start in the notebook's folder, and a failed Check stops the run\n");
        app.Append("// (\"CHECK FAILED: …\" and exit code 1).\n");
        app.Append("NotebookConsole.Start(notebookFolder: \"").Append(AppConventions.Slashes(Path.GetRelativePath(appFolder, notebookFolder))).Append("\");\n");

        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            var body = cell.IsCode ? translated[i + 1].Statements : Comment(cell);
            if (body.Length > 0)
            {
                app.Append('\n').Append(body).Append('\n');
            }
        }

        var types = translated.Values.SelectMany(c => c.Types).ToList();
        if (types.Count > 0)
        {
            app.Append("\n// Types the notebook declared in its cells (C# puts them after the top-level statements).\n");
            foreach (var type in types)
            {
                app.Append('\n').Append(type).Append('\n');
            }
        }

        app.Append('\n').Append(NotebookConsoleSource.Text(directives.HasDisplayAssembly, directives.HasPlotlyNetAdapter));
        return app.ToString();
    }

    private static string Comment(NotebookCell cell)
    {
        if (cell.Source.Trim().Length == 0)
        {
            return "";
        }

        var lines = cell.Source.Replace("\r\n", "\n", StringComparison.Ordinal).Trim('\n').Split('\n');
        var prefix = cell.IsRaw ? ["// (raw cell)"] : Array.Empty<string>();
        return string.Join('\n', prefix.Concat(lines.Select(l => l.TrimEnd().Length == 0 ? "//" : "// " + l.TrimEnd())));
    }
}
