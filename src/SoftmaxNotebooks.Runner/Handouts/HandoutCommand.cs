using System.CommandLine;
using SoftmaxNotebooks.Runner.Running;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>The command-line face of the handouts: the <c>render</c> command and the step <c>run --pdf</c> ends with.</summary>
public static class HandoutCommand
{
    /// <summary>The folder under a run's output root that receives the handouts.</summary>
    public const string FolderName = "handouts";

    /// <summary>Builds <c>render &lt;executed notebooks or folders&gt; [--output dir] [--pdf] [--chromium path]</c>.</summary>
    /// <returns>The command.</returns>
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Executed .ipynb notebooks or folders holding them.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--output", "-o") { Description = "Folder for the handouts and index.html.", DefaultValueFactory = _ => Path.Combine("artifacts", FolderName) };
        var pdf = new Option<bool>("--pdf") { Description = "Also print each handout to PDF with headless chromium." };
        var chromium = new Option<string?>("--chromium") { Description = "The chromium executable (default: $CHROMIUM, else /usr/bin/chromium)." };
        var (code, printCode, singleFile) = LayoutOptions();
        var command = new Command("render", "Render executed notebooks into offline HTML handouts (and PDFs) with an index.html.")
        {
            paths, output, pdf, chromium, code, printCode, singleFile,
        };
        command.SetAction((result, cancellationToken) => Task.FromResult(Render(
            result.GetValue(paths)!, Options(result.GetValue(output)!, result.GetValue(pdf), result.GetValue(chromium), result.GetValue(code), result.GetValue(printCode), result.GetValue(singleFile)),
            Console.Out, Console.Error, cancellationToken)));
        return command;
    }

    /// <summary>The options <c>render</c> and <c>run</c> share: <c>--code</c>, <c>--print-code</c>, <c>--single-file</c>.</summary>
    /// <returns>The three options, to add to a command.</returns>
    public static (Option<CodeFolding> Code, Option<PrintedCode> PrintCode, Option<bool> SingleFile) LayoutOptions() => (
        new Option<CodeFolding>("--code") { Description = "Code cells in the HTML: Folded (click to open) or Open; setup cells (first line // setup) stay folded.", DefaultValueFactory = _ => CodeFolding.Folded },
        new Option<PrintedCode>("--print-code") { Description = "Code cells on paper and in PDFs: Small (smaller type, setup cells left out), Full, or Omit (prose and outputs only).", DefaultValueFactory = _ => PrintedCode.Small },
        new Option<bool>("--single-file") { Description = "Inline plotly.js and KaTeX into every handout (one self-contained file each) instead of one shared copy in assets/ beside index.html." });

    /// <summary>The handout options from the command line's values.</summary>
    /// <param name="outputDirectory">Where the handouts go.</param>
    /// <param name="pdf">Also print PDFs.</param>
    /// <param name="chromiumPath">The chromium executable, or null to find it.</param>
    /// <param name="code">Code on screen.</param>
    /// <param name="printedCode">Code on paper.</param>
    /// <param name="singleFile">Inline the assets into each handout.</param>
    /// <returns>The options.</returns>
    public static HandoutOptions Options(string outputDirectory, bool pdf, string? chromiumPath, CodeFolding code, PrintedCode printedCode, bool singleFile) =>
        new() { OutputDirectory = outputDirectory, Pdf = pdf, ChromiumPath = chromiumPath, Code = code, PrintedCode = printedCode, SingleFile = singleFile };

    /// <summary>The handout step of <c>run</c>: renders the executed notebooks into <c>&lt;output&gt;/handouts</c>.</summary>
    /// <param name="options">The handout options; their output folder is replaced by <c>&lt;run output&gt;/handouts</c>.</param>
    /// <returns>The step.</returns>
    public static HandoutStep Step(HandoutOptions options) => (notebooks, outputDirectory, cancellationToken) => Task.FromResult(Render(
        notebooks, options with { OutputDirectory = Path.Combine(outputDirectory, FolderName) }, Console.Out, Console.Error, cancellationToken));

    /// <summary>Renders handouts and reports each one; a bad path or a failed handout is reported and the rest still render.</summary>
    /// <param name="paths">Executed notebooks or folders.</param>
    /// <param name="options">Where the handouts go and how they look.</param>
    /// <param name="stdout">Where written files are listed.</param>
    /// <param name="stderr">Where failures are reported.</param>
    /// <param name="cancellationToken">Stops between handouts.</param>
    /// <returns>0 when every handout (and PDF) was written, else 1.</returns>
    public static int Render(IReadOnlyList<string> paths, HandoutOptions options, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var exitCode = 0;
        var notebooks = new List<string>();
        foreach (var path in paths)
        {
            try
            {
                notebooks.AddRange(HandoutPublisher.FindNotebooks([path]));
            }
            catch (HandoutException e)
            {
                stderr.WriteLine("error: " + e.Message);
                exitCode = 1;
            }
        }

        var report = new HandoutPublisher(options).Publish(notebooks.Distinct(StringComparer.Ordinal), cancellationToken);
        foreach (var handout in report.Handouts)
        {
            if (handout.Error is null)
            {
                stdout.WriteLine("handout: " + Relative(handout.HtmlPath!) + (handout.PdfPath is null ? string.Empty : " + " + Relative(handout.PdfPath)));
            }
            else
            {
                stderr.WriteLine("error: handout " + handout.Name + ": " + handout.Error);
                exitCode = 1;
            }
        }

        stdout.WriteLine("index: " + Relative(report.IndexPath));
        return exitCode;
    }

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, path);
}
