using System.CommandLine;
using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary><c>render</c>: executed notebooks to offline HTML handouts (and PDFs) with an index.</summary>
internal static class RenderCommand
{
    /// <summary>Builds <c>render &lt;executed notebooks or folders&gt; [--output dir] [--pdf] [--chromium path] [layout]</c>.</summary>
    public static Command Create()
    {
        var paths = CommandOptions.Paths("Executed .ipynb notebooks or folders holding them.");
        var output = CommandOptions.Output("Folder for the handouts and index.html.", Path.Combine("artifacts", HandoutOutput.FolderName));
        var pdf = CommandOptions.Pdf();
        var chromium = CommandOptions.Chromium();
        var (code, printCode, singleFile) = CommandOptions.Layout();
        var command = new Command("render", "Render executed notebooks into offline HTML handouts (and PDFs) with an index.html.")
        {
            paths, output, pdf, chromium, code, printCode, singleFile,
        };
        command.SetGuardedAction((result, cancellationToken) => Task.FromResult(Render(
            result.GetValue(paths)!,
            new HandoutOptions
            {
                OutputDirectory = result.GetValue(output)!, Pdf = result.GetValue(pdf), ChromiumPath = result.GetValue(chromium),
                Code = result.GetValue(code), PrintedCode = result.GetValue(printCode), SingleFile = result.GetValue(singleFile),
            },
            Console.Out, Console.Error, cancellationToken)));
        return command;
    }

    /// <summary>Renders handouts and reports each one; a bad path or a failed handout is reported and the rest still render.</summary>
    /// <param name="paths">Executed notebooks or folders (<see cref="NotebookKinds.Executed"/>).</param>
    /// <param name="options">Where the handouts go and how they look.</param>
    /// <param name="stdout">Where written files are listed.</param>
    /// <param name="stderr">Where failures are reported.</param>
    /// <param name="cancellationToken">Stops between handouts.</param>
    /// <returns>0 when every handout (and PDF) was written, else 1.</returns>
    public static int Render(IReadOnlyList<string> paths, HandoutOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var set = NotebookPaths.Find(paths, stderr, NotebookKinds.Executed);
        var exitCode = HandoutOutput.Publish(options, set.Notebooks.Select(n => new HandoutSource(n.FullPath)), stdout, stderr, cancellationToken);
        return set.Problems.Count > 0 ? 1 : exitCode;
    }
}
