using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary>The notebooks a command's path arguments name, for the commands that go on past a bad path.</summary>
internal static class NotebookPaths
{
    /// <summary>Finds the notebooks (<see cref="NotebookSet"/>) and reports each path that names none as <c>error: …</c>.</summary>
    /// <param name="paths">The command's paths.</param>
    /// <param name="stderr">Where bad paths are reported.</param>
    /// <param name="kinds">Sources, or executed notebooks only.</param>
    public static NotebookSet Find(IReadOnlyList<string> paths, TextWriter stderr, NotebookKinds kinds = NotebookKinds.Sources)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var set = NotebookSet.Find(paths, kinds);
        foreach (var (_, message) in set.Problems)
        {
            stderr.WriteLine("error: " + message);
        }

        return set;
    }
}
