using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>A reference notebook as grading uses it: its kit-loading cell and its exercises with their checks.</summary>
/// <param name="Path">The reference's file.</param>
/// <param name="Setup">The first code cell before the exercises, with relative <c>#r</c> paths made absolute (submissions run in a copy elsewhere).</param>
/// <param name="Exercises">The exercises, in order.</param>
/// <param name="GivenCode">The sources of the code cells the exercises give the student (searched for nothing: they are the instructor's).</param>
internal sealed partial record ReferenceNotebook(string Path, NotebookCell Setup, IReadOnlyList<Exercise> Exercises, IReadOnlySet<string> GivenCode)
{
    /// <summary>Reads and validates a reference notebook.</summary>
    /// <param name="path">The reference (tasks, solutions and checks).</param>
    /// <exception cref="NotebookFormatException">The reference cannot be read, has no exercises, or no code cell before them.</exception>
    public static ReferenceNotebook Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var notebook = NotebookFile.Read(path);
        var exercises = Classroom.Exercises.Read(notebook, path);
        if (exercises.Count == 0)
        {
            throw new NotebookFormatException($"{path}: has no exercises (cells tagged '// exercise N: check').");
        }

        var setup = notebook.Cells.Take(Classroom.Exercises.SectionStart(notebook)).FirstOrDefault(c => c.IsCode)
            ?? throw new NotebookFormatException($"{path}: has no code cell before its exercises to load the kit.");
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!;
        // The submission runs in a copy elsewhere, so the kit is loaded from where the reference finds it.
        var absolute = RelativeReference().Replace(setup.Source, m =>
            m.Groups["path"].Value.Contains("nuget:", StringComparison.Ordinal) || System.IO.Path.IsPathRooted(m.Groups["path"].Value)
                ? m.Value
                : m.Groups["directive"].Value + "\"" + System.IO.Path.GetFullPath(System.IO.Path.Combine(folder, m.Groups["path"].Value)) + "\"");
        var given = notebook.Cells.Where(c => c.IsCode && Classroom.Exercises.TagOf(c)?.Role == ExerciseRole.Given).Select(c => c.Source).ToHashSet(StringComparer.Ordinal);
        return new ReferenceNotebook(path, NotebookCell.Create(setup.KernelName, absolute), exercises, given);
    }

    /// <summary>
    /// What the kit-loading cell reads (a sandbox binds it read-only): the folders of the assemblies it references by
    /// path, and NuGet's packages folder when it loads packages (<c>#r "nuget: …"</c> restores from there, offline).
    /// </summary>
    public IReadOnlyList<string> ReadPaths => RelativeReference().Matches(Setup.Source)
        .Select(m => m.Groups["path"].Value)
        .Select(p => p.Contains("nuget:", StringComparison.Ordinal) ? Execution.KernelTool.PackagesRoot : System.IO.Path.IsPathRooted(p) ? System.IO.Path.GetDirectoryName(p)! : null)
        .OfType<string>().Distinct(StringComparer.Ordinal).ToList();

    [GeneratedRegex("""(?<directive>#r\s+)"(?<path>[^"]+)"(?=\s*$)""", RegexOptions.Multiline)]
    private static partial Regex RelativeReference();
}
