using System.Text;

namespace SoftmaxNotebooks.Runner.IO;

/// <summary>
/// Writes files by writing a temporary file in the same folder and renaming it over the target, so a reader
/// (or a failed run or render) never sees or leaves a half-written file and the last good file survives a failure.
/// Executed notebooks, handouts, PDFs and the runner's own result files all go through here.
/// </summary>
internal static class AtomicFile
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes UTF-8 text (no byte-order mark) atomically; the target's folder is created when missing.</summary>
    /// <param name="path">The target file.</param>
    /// <param name="text">The content.</param>
    public static void WriteAllText(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Write(path, stream => stream.Write(Utf8NoBom.GetBytes(text)));
    }

    /// <summary>
    /// Runs <paramref name="write"/> against a temporary file beside <paramref name="path"/> and renames it over
    /// the target only when <paramref name="write"/> returns; when it throws, the temporary file is deleted and
    /// the target is untouched.
    /// </summary>
    /// <param name="path">The target file.</param>
    /// <param name="write">Writes the content.</param>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        WriteVia(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            write(stream);
            stream.Flush(flushToDisk: true);
        });
    }

    /// <summary>
    /// Lets <paramref name="produce"/> create a temporary file (for example an external program's output) beside
    /// <paramref name="path"/>, then renames it over the target; when <paramref name="produce"/> throws or creates
    /// no file, the target is untouched.
    /// </summary>
    /// <param name="path">The target file.</param>
    /// <param name="produce">Creates the file at the temporary path it is given.</param>
    /// <exception cref="IOException"><paramref name="produce"/> created no file, or the rename failed.</exception>
    public static void WriteVia(string path, Action<string> produce)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(produce);
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(folder);
        // Same folder, so the rename stays on one file system and is atomic; dot-prefixed so listings skip it.
        var temp = Path.Combine(folder, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            produce(temp);
            if (!File.Exists(temp))
            {
                throw new IOException($"{path}: nothing was written.");
            }

            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }
}
