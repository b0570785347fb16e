using SoftmaxNotebooks.Runner.Execution;

namespace SoftmaxNotebooks.Runner.Export;

/// <summary>
/// The class at the end of every exported app that does in a console what a notebook front-end does: it starts in the
/// notebook's folder, renders <c>display(x)</c> as text (the kit's text/plain formatters, when the app references the
/// kit's display assembly), saves charts as standalone HTML pages beside the app, and ends the run at a failed claim.
/// </summary>
internal static class NotebookConsoleSource
{
    /// <summary>The class's C# source.</summary>
    /// <param name="withKit">Whether the app references SoftmaxNotebooks.Display (its formatters, charts and claims).</param>
    /// <param name="withPlotlyNet">Whether the app references SoftmaxNotebooks.PlotlyNet (Plotly.NET charts become pages too).</param>
    public static string Text(bool withKit, bool withPlotlyNet)
    {
        var failure = withKit
            ? $"e.ExceptionObject is {ClaimFormat.ExceptionType} claim ? claim.Message : e.ExceptionObject.ToString()"
            : "e.ExceptionObject.ToString()";
        var kitCases = withKit
            ? """
                      // A chart page carries its own plotly.js, so the notebook's loader has nothing to do here.
                      SoftmaxNotebooks.Display.PlotlyJsLoader => null,
                      SoftmaxNotebooks.Display.Figure figure => $"chart \"{figure.Title}\": " +
                          figure.SaveHtml(System.IO.Path.Combine(AppFolder, $"{AppName}-chart-{++charts}.html")),
                      _ when SoftmaxNotebooks.Display.KitFormatters.For(value.GetType()).Any() =>
                          SoftmaxNotebooks.Display.KitFormatters.Render(value, "text/plain"),

              """
            : "";
        // The adapter references the display assembly, so its case comes with the kit's (and their chart numbering).
        var plotlyNetCase = withPlotlyNet
            ? """
                      Plotly.NET.GenericChart chart => "Plotly.NET chart: " + SavePage(SoftmaxNotebooks.PlotlyNet.PlotlyNetFormatter.ToHtmlDocument(chart)),

              """
            : "";
        var savePage = withPlotlyNet
            ? """
                  private static string SavePage(string page)
                  {
                      var path = System.IO.Path.Combine(AppFolder, $"{AppName}-chart-{++charts}.html");
                      System.IO.File.WriteAllText(path, page);
                      return path;
                  }


              """
            : "";
        var chartsField = withKit ? "    private static int charts;\n\n" : "";
        return $$"""
            // ---- What the notebook front-end did, done in a console ----

            /// <summary>display(x), the notebook's folder and failed claims, for a console.</summary>
            static class NotebookConsole
            {
            {{chartsField}}{{savePage}}    private static string AppFolder =>
                    AppContext.GetData("EntryPointFileDirectoryPath") as string ?? AppContext.BaseDirectory;

                private static string AppName =>
                    System.IO.Path.GetFileNameWithoutExtension(AppContext.GetData("EntryPointFilePath") as string ?? "app");

                /// <summary>Starts in the notebook's folder (relative to this file) and ends the run at an uncaught exception, with exit code 1.</summary>
                public static void Start(string notebookFolder)
                {
                    Console.OutputEncoding = Encoding.UTF8;
                    System.IO.Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(System.IO.Path.Combine(AppFolder, notebookFolder)));
                    AppDomain.CurrentDomain.UnhandledException += (_, e) =>
                    {
                        Console.Out.Flush();
                        Console.Error.WriteLine({{failure}});
                        Environment.Exit(1);
                    };
                }

                /// <summary>Prints the value as text; mime types choose among a notebook's renderings, and a console has one.</summary>
                public static DisplayedValue display(object? value, params string[] mimeTypes)
                {
                    if (Text(value) is { } text)
                    {
                        Console.WriteLine(text);
                    }

                    return new DisplayedValue();
                }

                private static string? Text(object? value) => value switch
                {
                    null => "<null>",
                    string s => s,
            {{plotlyNetCase}}{{kitCases}}        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
                    IEnumerable items => "[" + string.Join(", ", items.Cast<object?>().Select(Text)) + "]",
                    _ => value.ToString(),
                };
            }

            /// <summary>What display(x) returns: Update(y) replaces the output in a notebook; a console prints y below it.</summary>
            sealed class DisplayedValue
            {
                public void Update(object? value) => NotebookConsole.display(value);
            }

            """;
    }
}
