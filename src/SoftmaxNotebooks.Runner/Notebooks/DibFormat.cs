using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Documents;

namespace SoftmaxNotebooks.Runner.Notebooks;

/// <summary>Reads and writes Polyglot Notebooks' plain-text <c>.dib</c> format.</summary>
/// <remarks>
/// A line that is exactly <c>#!</c> plus a kernel name or alias starts a cell; a <c>#!name</c> line with arguments, or
/// with a name that is no kernel, is a magic command inside the current cell. <c>#!meta</c> is followed by one line
/// of kernel-info JSON. Blank lines around a cell's contents are not part of the cell.
/// </remarks>
internal static class DibFormat
{
    private const string MetaName = "meta";

    /// <summary>Parses <c>.dib</c> text.</summary>
    /// <param name="text">The file's text (LF or CRLF line ends, with or without a byte-order mark).</param>
    /// <param name="fileName">Named in error messages.</param>
    /// <exception cref="NotebookFormatException">The <c>#!meta</c> section is not a JSON object.</exception>
    public static Notebook Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');

        // The kernel list in #!meta may declare more kernel names, so it is read before the cells are split.
        var kernelInfo = ReadMeta(lines, fileName) ?? Notebook.DefaultKernelInfo();
        var defaultKernel = kernelInfo["defaultKernelName"] is JsonValue v && v.TryGetValue(out string? d) ? KernelNames.Canonical(d, kernelInfo) ?? d : KernelNames.CSharp;

        // Cells are split by the parser VS Code's extension uses (Microsoft.DotNet.Interactive.Documents), told every
        // kernel name and alias a separator line may use. #!meta stays the kit's own (ReadMeta above): the package
        // silently ignores malformed kernel info, where the kit names the file and line.
        var kernels = new KernelInfoCollection { DefaultKernelName = defaultKernel };
        foreach (var (name, aliases) in KernelNames.All(kernelInfo))
        {
            kernels.Add(new KernelInfo(name, languageName: null, aliases));
        }

        var document = CodeSubmission.Parse(string.Join('\n', lines), kernels);
        var cells = document.Elements
            .Select(e =>
            {
                var kernel = e.KernelName ?? defaultKernel;
                return NotebookCell.Create(KernelNames.Canonical(kernel, kernelInfo) ?? kernel, e.Contents);
            })
            .ToList();
        return new Notebook(kernelInfo, cells);
    }

    /// <summary>Writes <c>.dib</c> text (LF line ends). Outputs are not part of the format and are left out.</summary>
    /// <param name="notebook">The notebook.</param>
    public static string Write(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var builder = new StringBuilder();
        var meta = new JsonObject { ["kernelInfo"] = notebook.KernelInfo.DeepClone() };
        builder.Append("#!meta\n\n").Append(meta.ToJsonString(CompactJson)).Append('\n');
        foreach (var cell in notebook.Cells)
        {
            // A raw cell has no .dib kernel; markdown is the closest plain-text home for it.
            var kernel = cell.IsRaw ? KernelNames.Markdown : cell.KernelName;
            builder.Append("\n#!").Append(kernel).Append("\n\n");
            if (cell.Source.Length > 0)
            {
                builder.Append(cell.Source).Append('\n');
            }
        }

        return builder.ToString();
    }

    internal static readonly JsonSerializerOptions CompactJson = new() { WriteIndented = false };

    private static JsonObject? ReadMeta(string[] lines, string fileName)
    {
        for (var i = 0; i < lines.Length; i++)
        {
            if (SeparatorName(lines[i]) != MetaName)
            {
                continue;
            }

            var json = new StringBuilder();
            for (var j = i + 1; j < lines.Length; j++)
            {
                var name = SeparatorName(lines[j]);
                if (name is not null && (name == MetaName || KernelNames.Canonical(name, null) is not null))
                {
                    break;
                }

                json.Append(lines[j]).Append('\n');
            }

            try
            {
                return JsonNode.Parse(json.ToString()) is JsonObject { } meta && meta["kernelInfo"] is JsonObject kernelInfo
                    ? (JsonObject)kernelInfo.DeepClone()
                    : throw new NotebookFormatException($"{fileName}:line {i + 1}: #!meta must be followed by a JSON object with a kernelInfo object.");
            }
            catch (JsonException e)
            {
                // The JSON text starts on the line after #!meta (1-based line i + 2).
                var line = i + 2 + (int)(e.LineNumber ?? 0);
                throw new NotebookFormatException(
                    string.Create(CultureInfo.InvariantCulture, $"{fileName}:line {line}: #!meta is not valid JSON: {e.Message}"), e);
            }
        }

        return null;
    }

    /// <summary>The name of a <c>#!name</c> line without arguments, or null for any other line.</summary>
    private static string? SeparatorName(string line)
    {
        var trimmed = line.TrimEnd();
        if (!trimmed.StartsWith("#!", StringComparison.Ordinal) || trimmed.Length == 2)
        {
            return null;
        }

        var name = trimmed[2..];
        return name.Any(char.IsWhiteSpace) ? null : name;
    }
}
