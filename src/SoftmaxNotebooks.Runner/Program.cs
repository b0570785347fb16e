using System.CommandLine;
using SoftmaxNotebooks.Runner.Commands;

namespace SoftmaxNotebooks.Runner;

/// <summary>The command line: the runner's commands, one per file in <c>Commands/</c>.</summary>
internal static class Program
{
    /// <summary>Entry point.</summary>
    /// <param name="args">Command-line arguments.</param>
    /// <returns>The exit code: 0 on success.</returns>
    public static Task<int> Main(string[] args) => BuildCommand().Parse(args).InvokeAsync();

    /// <summary>Builds the command tree.</summary>
    public static RootCommand BuildCommand() =>
        new("Runs .dib and .ipynb notebooks headless in the real .NET Interactive kernel (the tool pinned in .config/dotnet-tools.json), renders offline handouts, writes classroom editions and gradebooks, exports notebooks as file-based apps, and converts between the formats.")
        {
            RunCommand.Create(),
            ConvertCommand.Create(),
            RenderCommand.Create(),
            PackKitCommand.Create(),
            EditionsCommand.Create(),
            GradeCommand.Create(),
            ExportCommand.Create(),
        };
}
