using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SoftmaxNotebooks.Runner.Execution;
using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Running;

/// <summary>What a child process reports about the notebook it executed.</summary>
/// <param name="Error">Null on success; otherwise the located error message.</param>
/// <param name="CellMilliseconds">Cell number → elapsed milliseconds.</param>
internal sealed record ChildResult(string? Error, IReadOnlyDictionary<int, double> CellMilliseconds);

[JsonSerializable(typeof(ChildResult))]
internal sealed partial class ChildResultJson : JsonSerializerContext;

/// <summary>
/// The child side of <c>run</c>: the hidden <c>execute-one</c> command executes one notebook in a fresh process
/// (formatters and loaded assemblies are process-wide), writes the executed <c>.ipynb</c>, and reports progress on
/// standard output as <c>progress N COUNT</c> lines and its result as JSON in a file.
/// </summary>
internal static class ExecuteOne
{
    public const string ProgressPrefix = "progress ";

    public static async Task<int> RunAsync(string notebookPath, string displayName, string executedPath, string resultPath, CancellationToken cancellationToken)
    {
        var progress = Console.Out;
        ChildResult result;
        try
        {
            var notebook = NotebookFile.Read(notebookPath, displayName);
            var execution = await NotebookExecutor.ExecuteAsync(notebook, notebookPath, displayName,
                (cell, count) =>
                {
                    progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{ProgressPrefix}{cell} {count}"));
                    progress.Flush();
                },
                cancellationToken).ConfigureAwait(false);
            WriteExecuted(executedPath, execution);
            result = new ChildResult(execution.Error, execution.Timings.ToDictionary(t => t.CellNumber, t => t.Elapsed.TotalMilliseconds));
        }
        catch (NotebookFormatException e)
        {
            result = new ChildResult(e.Message, new Dictionary<int, double>());
        }

        AtomicFile.WriteAllText(resultPath, JsonSerializer.Serialize(result, ChildResultJson.Default.ChildResult));
        return result.Error is null ? 0 : 1;
    }

    /// <summary>The path a failed run writes its partial executed notebook to, so the last good one stays.</summary>
    public static string FailedPath(string executedPath) => Path.ChangeExtension(executedPath, ".failed.ipynb");

    private static void WriteExecuted(string executedPath, ExecutionResult execution)
    {
        var json = IpynbFormat.Write(execution.Executed);
        if (execution.Succeeded)
        {
            AtomicFile.WriteAllText(executedPath, json);
            File.Delete(FailedPath(executedPath));
        }
        else
        {
            AtomicFile.WriteAllText(FailedPath(executedPath), json);
        }
    }
}
