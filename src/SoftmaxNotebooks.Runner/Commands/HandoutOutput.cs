using SoftmaxNotebooks.Runner.Handouts;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary>Renders handouts for <c>render</c>, <c>run</c> and <c>editions</c> and prints what was written.</summary>
internal static class HandoutOutput
{
    /// <summary>The folder under a run's output root that receives the handouts.</summary>
    public const string FolderName = "handouts";

    /// <summary>Renders the handouts and reports each one; a failed handout is reported and the rest still render.</summary>
    /// <param name="options">Where the handouts go and how they look.</param>
    /// <param name="sources">The executed notebooks.</param>
    /// <param name="stdout">Where written files are listed.</param>
    /// <param name="stderr">Where failures are reported.</param>
    /// <param name="cancellationToken">Stops between handouts.</param>
    /// <returns>0 when every handout (and PDF) was written, else 1.</returns>
    public static int Publish(HandoutOptions options, IEnumerable<HandoutSource> sources, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var exitCode = 0;
        var report = new HandoutPublisher(options).Publish(sources, cancellationToken);
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
