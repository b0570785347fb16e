using System.Text;

namespace SoftmaxNotebooks.Runner.Notebooks;

/// <summary>Reads notebooks by file type and writes files atomically.</summary>
public static class NotebookFile
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

    /// <summary>
    /// Writes text to a temporary file beside the target and renames it over the target, so readers see the old
    /// file or the new one, never a half-written one, and a failure leaves the old file in place.
    /// </summary>
    /// <param name="path">The target file; its folder is created when missing.</param>
    /// <param name="content">The text, written as UTF-8 without a byte-order mark.</param>
    public static void WriteAtomically(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var temporary = full + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp";
        try
        {
            File.WriteAllText(temporary, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
