using System.Text.Json.Nodes;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Notebooks;

/// <summary>A notebook read from a <c>.dib</c> or <c>.ipynb</c> file: its cells and the kernel information of Polyglot Notebooks.</summary>
/// <remarks>
/// The notebook model is public, unlike the rest of the runner, because the exercise tag parser
/// (<c>Classroom/Exercises.cs</c>) is public and takes notebooks and cells.
/// </remarks>
/// <param name="KernelInfo">The <c>kernelInfo</c> object (the <c>#!meta</c> line of a <c>.dib</c>, <c>metadata.polyglot_notebook.kernelInfo</c> of an <c>.ipynb</c>).</param>
/// <param name="Cells">The cells in document order.</param>
public sealed record Notebook(JsonObject KernelInfo, IReadOnlyList<NotebookCell> Cells)
{
    /// <summary>The kernel a cell without its own kernel name belongs to.</summary>
    public string DefaultKernelName =>
        KernelInfo["defaultKernelName"] is JsonValue value && value.TryGetValue(out string? name) ? name : KernelNames.CSharp;

    /// <summary>True when a code cell carries an <c>error</c> output: the run stopped there.</summary>
    public bool HasError => Cells.Any(c => c.Outputs.Any(o => o is ErrorOutput));

    /// <summary>True when at least one code cell exists and every code cell carries an execution count or outputs.</summary>
    public bool WasExecuted
    {
        get
        {
            var code = Cells.Where(c => c.IsCode).ToList();
            return code.Count > 0 && code.All(c => c.WasRun);
        }
    }

    /// <summary>The kernel information Polyglot Notebooks writes for a C# notebook.</summary>
    public static JsonObject DefaultKernelInfo() => new()
    {
        ["defaultKernelName"] = KernelNames.CSharp,
        ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = KernelNames.CSharp }),
    };
}

/// <summary>One cell of a notebook.</summary>
/// <param name="KernelName">The canonical kernel name (<c>csharp</c>, <c>markdown</c>, <c>fsharp</c>, …); <c>raw</c> for nbformat raw cells.</param>
/// <param name="Source">The cell's text, lines separated by <c>\n</c>.</param>
/// <param name="Outputs">Outputs stored with the cell (always empty for a <c>.dib</c>).</param>
/// <param name="Id">The cell id an <c>.ipynb</c> carried, if any.</param>
/// <param name="ExecutionCount">The execution count an <c>.ipynb</c> carried, if any.</param>
public sealed record NotebookCell(string KernelName, string Source, IReadOnlyList<CellOutput> Outputs, string? Id = null, int? ExecutionCount = null)
{
    /// <summary>True for markdown prose, which is rendered and never executed.</summary>
    public bool IsMarkdown => KernelName == KernelNames.Markdown;

    /// <summary>True for nbformat raw cells, which are neither rendered nor executed.</summary>
    public bool IsRaw => KernelName == KernelNames.Raw;

    /// <summary>True for code cells (of any kernel).</summary>
    public bool IsCode => !IsMarkdown && !IsRaw;

    /// <summary>True for a code cell that carries an execution count or outputs.</summary>
    public bool WasRun => IsCode && (ExecutionCount is not null || Outputs.Count > 0);

    /// <summary>Creates a cell without outputs.</summary>
    public static NotebookCell Create(string kernelName, string source) => new(kernelName, source, []);
}

/// <summary>An output of an executed cell, shaped after nbformat's output types.</summary>
public abstract record CellOutput;

/// <summary>A value rendered in one or more MIME types.</summary>
/// <param name="MimeType">The MIME type, e.g. <c>text/html</c>.</param>
/// <param name="Value">The rendered text; for JSON MIME types (ending in <c>json</c>) raw JSON text.</param>
public sealed record FormattedValue(string MimeType, string Value);

/// <summary>A <c>display_data</c> output, as produced by <c>display(x)</c>.</summary>
/// <param name="Data">The value in each MIME type, in the order they are written.</param>
public sealed record DisplayDataOutput(IReadOnlyList<FormattedValue> Data) : CellOutput;

/// <summary>An <c>execute_result</c> output: the value of a cell's trailing expression.</summary>
/// <param name="Data">The value in each MIME type.</param>
/// <param name="ExecutionCount">The execution count of the cell.</param>
public sealed record ExecuteResultOutput(IReadOnlyList<FormattedValue> Data, int ExecutionCount) : CellOutput;

/// <summary>A <c>stream</c> output: text written to the console.</summary>
/// <param name="Name"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="Text">The text written.</param>
public sealed record StreamOutput(string Name, string Text) : CellOutput;

/// <summary>An <c>error</c> output.</summary>
/// <param name="EName">The error's name (an exception type, or <c>CompilationError</c>).</param>
/// <param name="EValue">The error message.</param>
/// <param name="Traceback">Lines describing where the error happened.</param>
public sealed record ErrorOutput(string EName, string EValue, IReadOnlyList<string> Traceback) : CellOutput;

/// <summary>Kernel names and the aliases Polyglot Notebooks accepts for them.</summary>
internal static class KernelNames
{
    /// <summary>The C# kernel.</summary>
    public const string CSharp = "csharp";

    /// <summary>Markdown cells.</summary>
    public const string Markdown = "markdown";

    /// <summary>nbformat raw cells (no kernel).</summary>
    public const string Raw = "raw";

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["csharp"] = CSharp, ["c#"] = CSharp, ["cs"] = CSharp,
        ["fsharp"] = "fsharp", ["f#"] = "fsharp", ["fs"] = "fsharp",
        ["pwsh"] = "pwsh", ["powershell"] = "pwsh",
        ["markdown"] = Markdown, ["md"] = Markdown,
        ["javascript"] = "javascript", ["js"] = "javascript",
        ["html"] = "html", ["mermaid"] = "mermaid", ["value"] = "value", ["sql"] = "sql", ["kql"] = "kql",
        ["http"] = "http", ["python"] = "python", ["r"] = "r",
    };

    /// <summary>Every kernel a separator line may name: the known kernels and the notebook's own, each with its aliases.</summary>
    /// <param name="kernelInfo">The notebook's kernel information (its items may declare more names and aliases).</param>
    public static IReadOnlyList<(string Name, string[] Aliases)> All(JsonObject? kernelInfo)
    {
        var all = Aliases.GroupBy(pair => pair.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(pair => pair.Key).Where(alias => alias != g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase), StringComparer.Ordinal);
        foreach (var item in (kernelInfo?["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (item["name"] is JsonValue v && v.TryGetValue(out string? itemName))
            {
                var canonical = Aliases.TryGetValue(itemName, out var known) ? known : itemName;
                if (!all.TryGetValue(canonical, out var aliases))
                {
                    all[canonical] = aliases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                }

                if (itemName != canonical)
                {
                    aliases.Add(itemName);
                }

                aliases.UnionWith((item["aliases"] as JsonArray ?? []).Select(a => a is JsonValue av && av.TryGetValue(out string? t) ? t : null).OfType<string>());
            }
        }

        return all.Select(pair => (pair.Key, pair.Value.Order(StringComparer.Ordinal).ToArray())).ToList();
    }

    /// <summary>Maps a kernel name or alias to its canonical name, using the notebook's own kernel list as well.</summary>
    /// <param name="name">A name as written after <c>#!</c> or in cell metadata.</param>
    /// <param name="kernelInfo">The notebook's kernel information (its items may declare more names and aliases).</param>
    /// <returns>The canonical name, or null when the name is no kernel (then a <c>#!name</c> line is a magic command).</returns>
    public static string? Canonical(string name, JsonObject? kernelInfo)
    {
        if (Aliases.TryGetValue(name, out var canonical))
        {
            return canonical;
        }

        if (kernelInfo?["items"] is JsonArray items)
        {
            foreach (var item in items.OfType<JsonObject>())
            {
                var itemName = item["name"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
                if (itemName is null)
                {
                    continue;
                }

                var aliases = item["aliases"] is JsonArray a ? a.Select(x => x is JsonValue av && av.TryGetValue(out string? t) ? t : null) : [];
                if (string.Equals(itemName, name, StringComparison.OrdinalIgnoreCase) ||
                    aliases.Any(alias => string.Equals(alias, name, StringComparison.OrdinalIgnoreCase)))
                {
                    return Aliases.TryGetValue(itemName, out var known) ? known : itemName;
                }
            }
        }

        return null;
    }
}

/// <summary>A notebook file could not be read: the message names the file and the position.</summary>
internal sealed class NotebookFormatException : RunnerException
{
    /// <summary>Creates the exception.</summary>
    public NotebookFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Names the file and the position.</param>
    public NotebookFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">Names the file and the position.</param>
    /// <param name="innerException">The parser error underneath.</param>
    public NotebookFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
