using System.Text;

namespace SoftmaxNotebooks.Runner.Notebooks;

/// <summary>Reads notebooks by file type.</summary>
internal static class NotebookFile
{
    /// <summary>True for the file types the runner reads (<c>.dib</c>, <c>.ipynb</c>).</summary>
    /// <param name="path">A file path.</param>
    public static bool IsNotebook(string path) =>
        Path.GetExtension(path).ToUpperInvariant() is ".DIB" or ".IPYNB";

    /// <summary>Reads a <c>.dib</c> or <c>.ipynb</c> file.</summary>
    /// <param name="path">The file.</param>
    /// <param name="displayName">How error messages name the file (default: the path as given).</param>
    /// <exception cref="NotebookFormatException">Unknown file type, missing file, or malformed content.</exception>
    public static Notebook Read(string path, string? displayName = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        var name = displayName ?? path;
        if (!IsNotebook(path))
        {
            throw new NotebookFormatException($"{name}: unknown file type '{Path.GetExtension(path)}' (expected .dib or .ipynb).");
        }

        string text;
        try
        {
            text = File.ReadAllText(path, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NotebookFormatException($"{name}: cannot be read: {e.Message}", e);
        }

        return Path.GetExtension(path).Equals(".dib", StringComparison.OrdinalIgnoreCase)
            ? DibFormat.Parse(text, name)
            : IpynbFormat.Parse(text, name);
    }
}
