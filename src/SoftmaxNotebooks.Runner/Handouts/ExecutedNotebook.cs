using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>The kind of a notebook cell as a handout shows it.</summary>
public enum HandoutCellKind
{
    /// <summary>A markdown cell: prose and math.</summary>
    Markdown,

    /// <summary>A code cell with its outputs.</summary>
    Code,

    /// <summary>A raw cell, shown as preformatted text.</summary>
    Raw,
}

/// <summary>The kind of one output of a code cell (nbformat's <c>output_type</c>).</summary>
public enum HandoutOutputKind
{
    /// <summary><c>display_data</c>: a value shown with <c>display(x)</c>.</summary>
    DisplayData,

    /// <summary><c>execute_result</c>: the cell's trailing value.</summary>
    ExecuteResult,

    /// <summary><c>stream</c>: console text on stdout or stderr.</summary>
    Stream,

    /// <summary><c>error</c>: the exception or compile error that stopped the notebook.</summary>
    Error,
}

/// <summary>One output of an executed code cell.</summary>
/// <param name="Kind">The output type.</param>
/// <param name="Data">MIME type → content, for display data and execute results (textual MIME types only).</param>
/// <param name="StreamName"><c>stdout</c> or <c>stderr</c> for a stream.</param>
/// <param name="Text">The text of a stream.</param>
/// <param name="ErrorName">The exception type of an error.</param>
/// <param name="ErrorValue">The message of an error.</param>
/// <param name="Traceback">The traceback lines of an error.</param>
public sealed record HandoutOutput(
    HandoutOutputKind Kind,
    IReadOnlyDictionary<string, string> Data,
    string? StreamName,
    string? Text,
    string? ErrorName,
    string? ErrorValue,
    IReadOnlyList<string> Traceback);

/// <summary>One cell of an executed notebook.</summary>
/// <param name="Kind">Markdown, code or raw.</param>
/// <param name="Source">The cell's source text.</param>
/// <param name="Language">The cell's kernel language (<c>csharp</c> unless the cell metadata names another).</param>
/// <param name="ExecutionCount">The execution count of a code cell that ran, otherwise null.</param>
/// <param name="Outputs">The outputs of a code cell (empty for other cells).</param>
public sealed record HandoutCell(
    HandoutCellKind Kind,
    string Source,
    string Language,
    int? ExecutionCount,
    IReadOnlyList<HandoutOutput> Outputs);

/// <summary>An executed notebook (nbformat 4) read for rendering into a handout.</summary>
/// <param name="Name">The file name without extension; names the handout file.</param>
/// <param name="SourcePath">The full path the notebook was read from, or null when it came from memory.</param>
/// <param name="Cells">The cells in order.</param>
public sealed record ExecutedNotebook(string Name, string? SourcePath, IReadOnlyList<HandoutCell> Cells)
{
    /// <summary>True when a code cell has an <c>error</c> output.</summary>
    public bool HasError => Cells.Any(c => c.Outputs.Any(o => o.Kind == HandoutOutputKind.Error));

    /// <summary>True when at least one code cell exists and every code cell carries an execution count or outputs.</summary>
    public bool WasExecuted
    {
        get
        {
            var code = Cells.Where(c => c.Kind == HandoutCellKind.Code).ToList();
            return code.Count > 0 && code.All(c => c.ExecutionCount is not null || c.Outputs.Count > 0);
        }
    }

    /// <summary>Reads an executed <c>.ipynb</c> file.</summary>
    /// <param name="path">The notebook's path.</param>
    /// <returns>The notebook.</returns>
    /// <exception cref="HandoutException">The file is not a readable nbformat 4 notebook; the message names the file and position.</exception>
    public static ExecutedNotebook Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var full = Path.GetFullPath(path);
        string json;
        try
        {
            json = File.ReadAllText(full, Encoding.UTF8);
        }
        catch (IOException e)
        {
            throw new HandoutException($"{path}: cannot read the notebook: {e.Message}", e);
        }

        return Parse(json, Path.GetFileNameWithoutExtension(full), full);
    }

    /// <summary>Parses the JSON of an executed notebook.</summary>
    /// <param name="json">nbformat 4 JSON.</param>
    /// <param name="name">The name the handout file takes.</param>
    /// <param name="sourcePath">Where the notebook came from, for messages and relative images; null when unknown.</param>
    /// <returns>The notebook.</returns>
    /// <exception cref="HandoutException">The JSON is malformed or lacks nbformat 4 fields.</exception>
    public static ExecutedNotebook Parse(string json, string name, string? sourcePath = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentException.ThrowIfNullOrEmpty(name);
        var label = sourcePath ?? name;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new HandoutException($"{label}: not a notebook: the JSON root is not an object.");
            }

            if (!root.TryGetProperty("nbformat", out var format) || format.ValueKind != JsonValueKind.Number || format.GetInt32() != 4)
            {
                throw new HandoutException($"{label}: not an nbformat 4 notebook (\"nbformat\": 4 is missing).");
            }

            if (!root.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
            {
                throw new HandoutException($"{label}: the notebook has no \"cells\" array.");
            }

            var list = new List<HandoutCell>();
            var index = 0;
            foreach (var cell in cells.EnumerateArray())
            {
                index++;
                list.Add(ReadCell(cell, $"{label}: cell {index.ToString(CultureInfo.InvariantCulture)}"));
            }

            return new ExecutedNotebook(name, sourcePath, list);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line
                ? $" at line {(line + 1).ToString(CultureInfo.InvariantCulture)}, position {((e.BytePositionInLine ?? 0) + 1).ToString(CultureInfo.InvariantCulture)}"
                : string.Empty;
            throw new HandoutException($"{label}: malformed JSON{where}: {e.Message}", e);
        }
    }

    private static HandoutCell ReadCell(JsonElement cell, string label)
    {
        if (cell.ValueKind != JsonValueKind.Object || !cell.TryGetProperty("cell_type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new HandoutException($"{label}: a cell needs a \"cell_type\".");
        }

        var source = cell.TryGetProperty("source", out var s) ? MultilineText(s, label + ": source") : string.Empty;
        switch (type.GetString())
        {
            case "markdown":
                return new HandoutCell(HandoutCellKind.Markdown, source, "markdown", null, []);
            case "raw":
                return new HandoutCell(HandoutCellKind.Raw, source, "raw", null, []);
            case "code":
                int? count = cell.TryGetProperty("execution_count", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null;
                var outputs = new List<HandoutOutput>();
                if (cell.TryGetProperty("outputs", out var outs) && outs.ValueKind == JsonValueKind.Array)
                {
                    var i = 0;
                    foreach (var output in outs.EnumerateArray())
                    {
                        i++;
                        outputs.Add(ReadOutput(output, $"{label}: output {i.ToString(CultureInfo.InvariantCulture)}"));
                    }
                }

                return new HandoutCell(HandoutCellKind.Code, source, CellLanguage(cell), count, outputs);
            default:
                throw new HandoutException($"{label}: unknown cell_type \"{type.GetString()}\".");
        }
    }

    private static string CellLanguage(JsonElement cell)
    {
        if (cell.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object)
        {
            if (metadata.TryGetProperty("polyglot_notebook", out var polyglot) && polyglot.ValueKind == JsonValueKind.Object
                && polyglot.TryGetProperty("kernelName", out var kernel) && kernel.ValueKind == JsonValueKind.String)
            {
                return kernel.GetString()!;
            }

            if (metadata.TryGetProperty("dotnet_interactive", out var dotnet) && dotnet.ValueKind == JsonValueKind.Object
                && dotnet.TryGetProperty("language", out var language) && language.ValueKind == JsonValueKind.String)
            {
                return language.GetString()!;
            }
        }

        return "csharp";
    }

    private static HandoutOutput ReadOutput(JsonElement output, string label)
    {
        if (output.ValueKind != JsonValueKind.Object || !output.TryGetProperty("output_type", out var type) || type.ValueKind != JsonValueKind.String)
        {
            throw new HandoutException($"{label}: an output needs an \"output_type\".");
        }

        var empty = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (type.GetString())
        {
            case "display_data":
            case "execute_result":
                var data = new Dictionary<string, string>(StringComparer.Ordinal);
                if (output.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object)
                {
                    foreach (var entry in d.EnumerateObject())
                    {
                        // JSON-valued MIME types (application/json, plotly's own) stay as their JSON text.
                        data[entry.Name] = entry.Value.ValueKind is JsonValueKind.String or JsonValueKind.Array
                            ? MultilineText(entry.Value, $"{label}: {entry.Name}")
                            : entry.Value.GetRawText();
                    }
                }

                var kind = type.GetString() == "display_data" ? HandoutOutputKind.DisplayData : HandoutOutputKind.ExecuteResult;
                return new HandoutOutput(kind, data, null, null, null, null, []);
            case "stream":
                var name = output.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : "stdout";
                var text = output.TryGetProperty("text", out var t) ? MultilineText(t, label + ": text") : string.Empty;
                return new HandoutOutput(HandoutOutputKind.Stream, empty, name, text, null, null, []);
            case "error":
                var ename = output.TryGetProperty("ename", out var en) && en.ValueKind == JsonValueKind.String ? en.GetString() : "Error";
                var evalue = output.TryGetProperty("evalue", out var ev) && ev.ValueKind == JsonValueKind.String ? ev.GetString() : string.Empty;
                var traceback = new List<string>();
                if (output.TryGetProperty("traceback", out var tb) && tb.ValueKind == JsonValueKind.Array)
                {
                    traceback.AddRange(tb.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
                }

                return new HandoutOutput(HandoutOutputKind.Error, empty, null, null, ename, evalue, traceback);
            default:
                throw new HandoutException($"{label}: unknown output_type \"{type.GetString()}\".");
        }
    }

    // nbformat stores multi-line text either as one string or as a list of lines that keep their newlines.
    private static string MultilineText(JsonElement value, string label) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Array => string.Concat(value.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String
            ? x.GetString()
            : throw new HandoutException($"{label}: expected a string or a list of strings."))),
        _ => throw new HandoutException($"{label}: expected a string or a list of strings."),
    };
}
