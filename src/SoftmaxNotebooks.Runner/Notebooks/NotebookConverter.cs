using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Notebooks;

/// <summary>Converts between <c>.dib</c> and <c>.ipynb</c>.</summary>
internal static class NotebookConverter
{
    /// <summary>Converts a notebook file to the other format.</summary>
    /// <param name="inputPath">A <c>.dib</c> or <c>.ipynb</c> file.</param>
    /// <param name="outputPath">The target; by default the input with the other extension.</param>
    /// <returns>The path written and a note on what the target format cannot hold (null when nothing was lost).</returns>
    /// <exception cref="NotebookFormatException">The input cannot be read.</exception>
    public static (string OutputPath, string? Note) Convert(string inputPath, string? outputPath)
    {
        ArgumentNullException.ThrowIfNull(inputPath);
        var notebook = NotebookFile.Read(inputPath);
        var toDib = Path.GetExtension(inputPath).Equals(".ipynb", StringComparison.OrdinalIgnoreCase);
        var target = outputPath ?? Path.ChangeExtension(inputPath, toDib ? ".dib" : ".ipynb");
        if (toDib)
        {
            AtomicFile.WriteAllText(target, DibFormat.Write(notebook));
            var outputs = notebook.Cells.Sum(c => c.Outputs.Count);
            var note = $"{inputPath}: .dib keeps cells and kernel info only; {outputs} output(s), cell ids, execution counts and other metadata were dropped.";
            return (target, note);
        }

        AtomicFile.WriteAllText(target, IpynbFormat.Write(notebook with { Cells = notebook.Cells.Select(c => c with { Outputs = [] }).ToList() }));
        return (target, null);
    }
}
