using System.CommandLine;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary><c>pack-kit</c>: the kit as packages in a local folder feed.</summary>
internal static class PackKitCommand
{
    /// <summary>Builds <c>pack-kit [--output feed]</c>.</summary>
    public static Command Create()
    {
        var output = CommandOptions.Output("Folder feed to pack into.", Path.Combine("artifacts", "packages"));
        var command = new Command("pack-kit", "Pack the kit (SoftmaxNotebooks, SoftmaxNotebooks.Display) into a local folder feed, versioned by a hash of its sources.") { output };
        command.SetGuardedAction(async (result, cancellationToken) =>
        {
            var (feed, version) = await KitPacking.PackAsync(result.GetValue(output)!, "run pack-kit", Console.Out, cancellationToken).ConfigureAwait(false);
            Console.WriteLine("in a notebook:");
            Console.WriteLine($"#i \"nuget: {feed}\"");
            Console.WriteLine($"#r \"nuget: SoftmaxNotebooks.Display, {version}\"");
            return 0;
        });
        return command;
    }
}
