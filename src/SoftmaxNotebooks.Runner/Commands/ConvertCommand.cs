using System.CommandLine;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary><c>convert</c>: <c>.dib</c> ↔ <c>.ipynb</c>.</summary>
internal static class ConvertCommand
{
    /// <summary>Builds <c>convert &lt;input&gt; [--output file]</c>.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "A .dib or .ipynb file." };
        var output = CommandOptions.OptionalOutput("Target file (default: the input with the other extension).");
        var command = new Command("convert", ".dib → .ipynb (cells and kernel info) or .ipynb → .dib (drops outputs and other metadata).") { input, output };
        command.SetGuardedAction(async (result, _) =>
        {
            var (written, note) = NotebookConverter.Convert(result.GetValue(input)!, result.GetValue(output));
            if (note is not null)
            {
                await Console.Error.WriteLineAsync("note: " + note).ConfigureAwait(false);
            }

            await Console.Out.WriteLineAsync(written).ConfigureAwait(false);
            return 0;
        });
        return command;
    }
}
