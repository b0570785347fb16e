using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SoftmaxNotebooks.Runner.Notebooks;

/// <summary>Reads and writes Jupyter <c>.ipynb</c> files (nbformat 4.5) with Polyglot Notebooks' metadata.</summary>
internal static class IpynbFormat
{
    /// <summary>Parses <c>.ipynb</c> JSON.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="fileName">Named in error messages.</param>
    /// <exception cref="NotebookFormatException">The JSON is malformed (the message gives line and column) or a required field is missing.</exception>
    public static Notebook Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text.TrimStart('\uFEFF'), documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(string.Create(CultureInfo.InvariantCulture,
                $"{fileName}:line {(e.LineNumber ?? 0) + 1}:column {(e.BytePositionInLine ?? 0) + 1}: malformed JSON: {FirstSentence(e.Message)}"), e);
        }

        if (root is not JsonObject notebook)
        {
            throw Missing(fileName, "$", "the top level must be a JSON object");
        }

        if (notebook["nbformat"] is not JsonValue major || !major.TryGetValue(out int majorVersion))
        {
            throw Missing(fileName, "$.nbformat", "missing or not an integer");
        }

        if (majorVersion != 4)
        {
            throw Missing(fileName, "$.nbformat", string.Create(CultureInfo.InvariantCulture, $"nbformat {majorVersion} is not supported (only 4)"));
        }

        if (notebook["cells"] is not JsonArray cellArray)
        {
            throw Missing(fileName, "$.cells", "missing or not an array");
        }

        var metadata = notebook["metadata"] as JsonObject;
        var kernelInfo = metadata?["polyglot_notebook"]?["kernelInfo"] is JsonObject info
            ? (JsonObject)info.DeepClone()
            : KernelInfoFromKernelspec(metadata);
        var defaultKernel = kernelInfo["defaultKernelName"] is JsonValue dv && dv.TryGetValue(out string? dk)
            ? KernelNames.Canonical(dk, kernelInfo) ?? dk
            : KernelNames.CSharp;

        var cells = new List<NotebookCell>();
        foreach (var (cell, path) in Objects(cellArray, fileName, "$.cells", "a cell must be a JSON object"))
        {
            var cellType = StringOf(cell["cell_type"]) ?? throw Missing(fileName, path + ".cell_type", "missing or not a string");
            var source = MultilineString(cell["source"]) ?? throw Missing(fileName, path + ".source", "missing or not a string or array of strings");
            var id = StringOf(cell["id"]);
            switch (cellType)
            {
                case "markdown":
                    cells.Add(new NotebookCell(KernelNames.Markdown, source, [], id));
                    break;
                case "raw":
                    cells.Add(new NotebookCell(KernelNames.Raw, source, [], id));
                    break;
                case "code":
                    var cellMetadata = cell["metadata"] as JsonObject;
                    var kernel = StringOf(cellMetadata?["polyglot_notebook"]?["kernelName"])
                                 ?? StringOf(cellMetadata?["dotnet_interactive"]?["language"]);
                    kernel = kernel is null ? defaultKernel : KernelNames.Canonical(kernel, kernelInfo) ?? kernel;
                    var count = cell["execution_count"] is JsonValue cv && cv.TryGetValue(out int c) ? c : (int?)null;
                    var outputs = cell["outputs"] is JsonArray outputArray ? ReadOutputs(outputArray, fileName, path) : [];
                    cells.Add(new NotebookCell(kernel, source, outputs, id, count));
                    break;
                default:
                    throw Missing(fileName, path + ".cell_type", $"unknown cell type '{cellType}'");
            }
        }

        return new Notebook(kernelInfo, cells);
    }

    /// <summary>Writes a notebook as nbformat 4.5 JSON with Polyglot metadata, byte-for-byte the same for the same notebook.</summary>
    /// <param name="notebook">The notebook; its cells' outputs and execution counts are written as they are.</param>
    /// <remarks>Cells without an id get one derived from their position, kernel and source, so ids are stable across runs.</remarks>
    public static string Write(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var cells = new JsonArray();
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            var id = cell.Id is { } given && usedIds.Add(given) ? given : DerivedId(i, cell, usedIds);
            var json = new JsonObject();
            if (!cell.IsCode)
            {
                json["cell_type"] = cell.IsRaw ? "raw" : "markdown";
                json["id"] = id;
                json["metadata"] = new JsonObject();
                json["source"] = SourceLines(cell.Source);
            }
            else
            {
                json["cell_type"] = "code";
                json["execution_count"] = cell.ExecutionCount;
                json["id"] = id;
                json["metadata"] = new JsonObject
                {
                    ["dotnet_interactive"] = new JsonObject { ["language"] = cell.KernelName },
                    ["polyglot_notebook"] = new JsonObject { ["kernelName"] = cell.KernelName },
                };
                json["outputs"] = new JsonArray(cell.Outputs.Select(WriteOutput).ToArray());
                json["source"] = SourceLines(cell.Source);
            }

            cells.Add(json);
        }

        var root = new JsonObject
        {
            ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["display_name"] = ".NET (C#)", ["language"] = "C#", ["name"] = ".net-csharp" },
                ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
                ["polyglot_notebook"] = new JsonObject { ["kernelInfo"] = notebook.KernelInfo.DeepClone() },
            },
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        return root.ToJsonString(WriteOptions) + "\n";
    }

    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        // Jupyter writes non-ASCII text as is; only what JSON itself requires is escaped.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // JSON MIME values are held as compact text; non-ASCII and HTML-sensitive characters stay as they are, so a
    // handout embedding the JSON in a script sees the notebook's own text (it guards "</" itself).
    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonObject KernelInfoFromKernelspec(JsonObject? metadata)
    {
        var info = Notebook.DefaultKernelInfo();
        var language = StringOf(metadata?["kernelspec"]?["language"]) ?? StringOf(metadata?["language_info"]?["name"]);
        if (language is not null && KernelNames.Canonical(language, null) is { } kernel && kernel != KernelNames.CSharp)
        {
            info["defaultKernelName"] = kernel;
            info["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = kernel });
        }

        return info;
    }

    /// <summary>Each element of a JSON array with its path, every one an object by <paramref name="rule"/>.</summary>
    private static IEnumerable<(JsonObject Item, string Path)> Objects(JsonArray array, string fileName, string arrayPath, string rule)
    {
        for (var i = 0; i < array.Count; i++)
        {
            var path = string.Create(CultureInfo.InvariantCulture, $"{arrayPath}[{i}]");
            yield return (array[i] as JsonObject ?? throw Missing(fileName, path, rule), path);
        }
    }

    private static List<CellOutput> ReadOutputs(JsonArray outputs, string fileName, string cellPath)
    {
        var result = new List<CellOutput>();
        foreach (var (output, path) in Objects(outputs, fileName, cellPath + ".outputs", "an output must be a JSON object"))
        {
            var type = StringOf(output["output_type"]) ?? throw Missing(fileName, path + ".output_type", "missing or not a string");
            result.Add(type switch
            {
                "display_data" => new DisplayDataOutput(ReadData(output, fileName, path)),
                "execute_result" => new ExecuteResultOutput(ReadData(output, fileName, path),
                    output["execution_count"] is JsonValue v && v.TryGetValue(out int n) ? n : 0),
                "stream" => new StreamOutput(StringOf(output["name"]) ?? throw Missing(fileName, path + ".name", "missing"),
                    MultilineString(output["text"]) ?? throw Missing(fileName, path + ".text", "missing")),
                "error" => new ErrorOutput(StringOf(output["ename"]) ?? "", StringOf(output["evalue"]) ?? "",
                    output["traceback"] is JsonArray tb ? tb.Select(t => StringOf(t) ?? "").ToArray() : []),
                _ => throw Missing(fileName, path + ".output_type", $"unknown output type '{type}'"),
            });
        }

        return result;
    }

    private static List<FormattedValue> ReadData(JsonObject output, string fileName, string path)
    {
        if (output["data"] is not JsonObject data)
        {
            throw Missing(fileName, path + ".data", "missing or not an object");
        }

        return data.Select(pair => new FormattedValue(pair.Key,
            IsJsonMime(pair.Key) ? pair.Value?.ToJsonString(CompactOptions) ?? "null" : MultilineString(pair.Value) ?? "")).ToList();
    }

    private static JsonObject WriteOutput(CellOutput output)
    {
        switch (output)
        {
            case DisplayDataOutput display:
                return new JsonObject { ["data"] = WriteData(display.Data), ["metadata"] = new JsonObject(), ["output_type"] = "display_data" };
            case ExecuteResultOutput result:
                return new JsonObject
                {
                    ["data"] = WriteData(result.Data),
                    ["execution_count"] = result.ExecutionCount,
                    ["metadata"] = new JsonObject(),
                    ["output_type"] = "execute_result",
                };
            case StreamOutput stream:
                return new JsonObject { ["name"] = stream.Name, ["output_type"] = "stream", ["text"] = SourceLines(stream.Text) };
            case ErrorOutput error:
                return new JsonObject
                {
                    ["ename"] = error.EName,
                    ["evalue"] = error.EValue,
                    ["output_type"] = "error",
                    ["traceback"] = new JsonArray(error.Traceback.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
                };
            default:
                throw new ArgumentOutOfRangeException(nameof(output), output.GetType().Name, "Unknown output type.");
        }
    }

    private static JsonObject WriteData(IReadOnlyList<FormattedValue> data)
    {
        var json = new JsonObject();
        foreach (var value in data)
        {
            json[value.MimeType] = IsJsonMime(value.MimeType) ? JsonNode.Parse(value.Value) : SourceLines(value.Value);
        }

        return json;
    }

    private static bool IsJsonMime(string mimeType) => mimeType.EndsWith("json", StringComparison.OrdinalIgnoreCase);

    /// <summary>nbformat's multiline string: one array item per line, each but the last ending in <c>\n</c>.</summary>
    private static JsonArray SourceLines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOf('\n', start);
            var next = end < 0 ? text.Length : end + 1;
            array.Add(text[start..next]);
            start = next;
        }

        return array;
    }

    private static string DerivedId(int index, NotebookCell cell, HashSet<string> usedIds)
    {
        for (var salt = 0; ; salt++)
        {
            var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{index}\n{salt}\n{cell.KernelName}\n{cell.Source}")));
            var id = Convert.ToHexStringLower(hash, 0, 8);
            if (usedIds.Add(id))
            {
                return id;
            }
        }
    }

    private static string? StringOf(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static string? MultilineString(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue(out string? s) => s.Replace("\r\n", "\n", StringComparison.Ordinal),
        JsonArray a when a.All(x => StringOf(x) is not null) => string.Concat(a.Select(x => StringOf(x))).Replace("\r\n", "\n", StringComparison.Ordinal),
        _ => null,
    };

    private static NotebookFormatException Missing(string fileName, string path, string what) => new($"{fileName}:{path}: {what}.");

    private static readonly string[] PositionMarkers = [" Path:", " LineNumber:"];

    private static string FirstSentence(string message)
    {
        // System.Text.Json appends the position, which the error already gives 1-based.
        var cuts = PositionMarkers.Select(marker => message.IndexOf(marker, StringComparison.Ordinal)).Where(i => i >= 0).ToList();
        return cuts.Count == 0 ? message : message[..cuts.Min()];
    }
}
