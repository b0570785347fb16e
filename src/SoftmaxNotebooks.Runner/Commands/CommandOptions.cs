using System.CommandLine;
using SoftmaxNotebooks.Runner.Handouts;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary>The options several commands share, each defined once: its name, its rule and its validator.</summary>
internal static class CommandOptions
{
    /// <summary>The notebook files and folders a command works on (one or more).</summary>
    /// <param name="description">What the command does with them.</param>
    public static Argument<string[]> Paths(string description) => new("paths") { Description = description, Arity = ArgumentArity.OneOrMore };

    /// <summary><c>--output</c>/<c>-o</c> with a default.</summary>
    /// <param name="description">What goes there.</param>
    /// <param name="defaultValue">The default folder or file.</param>
    public static Option<string> Output(string description, string defaultValue) =>
        new("--output", "-o") { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary><c>--output</c>/<c>-o</c> whose absence means "beside the input".</summary>
    /// <param name="description">What goes there, and what its absence means.</param>
    public static Option<string?> OptionalOutput(string description) => new("--output", "-o") { Description = description };

    /// <summary><c>--pdf</c>: also print each handout to PDF.</summary>
    /// <param name="description">Where the PDFs go.</param>
    public static Option<bool> Pdf(string description = "Also print each handout to PDF with headless chromium.") => new("--pdf") { Description = description };

    /// <summary><c>--chromium</c>: the browser that prints PDFs.</summary>
    public static Option<string?> Chromium() => new("--chromium") { Description = "The chromium executable (default: $CHROMIUM, else /usr/bin/chromium)." };

    /// <summary><c>--parallel</c>: how many kernels run at once.</summary>
    /// <param name="description">What runs at once.</param>
    /// <param name="defaultValue">The default (normally the core count).</param>
    public static Option<int> Parallel(string description, int defaultValue) =>
        new("--parallel") { Description = description, DefaultValueFactory = _ => defaultValue };

    /// <summary><c>--cell-timeout</c>: seconds one cell may run.</summary>
    /// <param name="description">What the limit applies to.</param>
    /// <param name="defaultValue">The default limit.</param>
    public static Option<double> CellTimeout(string description, TimeSpan defaultValue) => Seconds("--cell-timeout", description, defaultValue);

    /// <summary>A time limit in seconds, which must be positive.</summary>
    /// <param name="name">The option's name.</param>
    /// <param name="description">What the limit applies to.</param>
    /// <param name="defaultValue">The default limit.</param>
    public static Option<double> Seconds(string name, string description, TimeSpan defaultValue)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => defaultValue.TotalSeconds };
        option.Validators.Add(r =>
        {
            if (!(r.GetValueOrDefault<double>() > 0))
            {
                r.AddError($"{r.Option.Name} must be a positive number of seconds.");
            }
        });
        return option;
    }

    /// <summary>The handouts' layout: <c>--code</c>, <c>--print-code</c>, <c>--single-file</c>.</summary>
    /// <returns>The three options, to add to a command.</returns>
    public static (Option<CodeFolding> Code, Option<PrintedCode> PrintCode, Option<bool> SingleFile) Layout() => (
        new Option<CodeFolding>("--code") { Description = "Code cells in the HTML: Folded (click to open) or Open; setup cells (first line // setup) stay folded.", DefaultValueFactory = _ => CodeFolding.Folded },
        new Option<PrintedCode>("--print-code") { Description = "Code cells on paper and in PDFs: Small (smaller type, setup cells left out), Full, or Omit (prose and outputs only).", DefaultValueFactory = _ => PrintedCode.Small },
        new Option<bool>("--single-file") { Description = "Inline plotly.js and KaTeX into every handout (one self-contained file each) instead of one shared copy in assets/ beside index.html." });
}
