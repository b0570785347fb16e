using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>What a tagged cell is to its exercise.</summary>
public enum ExerciseRole
{
    /// <summary>Part of the exercise in both editions: its statement (markdown) or code it gives the student.</summary>
    Given,

    /// <summary>The scaffold the student fills in (student edition only).</summary>
    Task,

    /// <summary>The instructor's answer, code or markdown (instructor edition only).</summary>
    Solution,

    /// <summary>The automatic check (both editions); grading always runs the reference notebook's copy.</summary>
    Check,
}

/// <summary>A cell's exercise tag: the exercise's id (for example <c>3.2</c>) and the cell's role.</summary>
/// <param name="Id">The exercise id.</param>
/// <param name="Role">What the cell is to the exercise.</param>
public sealed record ExerciseTag(string Id, ExerciseRole Role);

/// <summary>One exercise of a reference notebook.</summary>
/// <param name="Id">The id, for example <c>3.2</c>.</param>
/// <param name="Check">The check cell's source (the first line is its tag).</param>
public sealed record Exercise(string Id, string Check);

/// <summary>
/// The marking convention that keeps exercise notebooks plain <c>.dib</c>/<c>.ipynb</c> files: a code cell whose first
/// line is <c>// exercise 3.2: task</c> (or <c>solution</c>, <c>check</c>, or no role for given code), a markdown
/// cell whose first line is <c>&lt;!-- exercise 3.2 --&gt;</c> (the statement) or <c>&lt;!-- exercise 3.2: solution --&gt;</c>.
/// Both are comments, so VS Code and Jupyter show and run the notebook unchanged.
/// </summary>
public static partial class Exercises
{
    /// <summary>The heading that opens a notebook's exercise section.</summary>
    public const string SectionHeading = "## Exercises";

    /// <summary>Reads a cell's tag, or null for an untagged cell.</summary>
    /// <param name="cell">The cell.</param>
    /// <exception cref="NotebookFormatException">The tag names a role other than task, solution or check.</exception>
    public static ExerciseTag? TagOf(NotebookCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (cell.IsRaw)
        {
            return null;
        }

        var first = cell.Source.Split('\n', 2)[0].Trim();
        var match = (cell.IsMarkdown ? MarkdownTag() : CodeTag()).Match(first);
        if (!match.Success)
        {
            return null;
        }

        var role = match.Groups["role"].Success ? match.Groups["role"].Value.ToLowerInvariant() : "";
        return new ExerciseTag(match.Groups["id"].Value, role switch
        {
            "" => ExerciseRole.Given,
            "task" when !cell.IsMarkdown => ExerciseRole.Task,
            "solution" => ExerciseRole.Solution,
            "check" when !cell.IsMarkdown => ExerciseRole.Check,
            _ => throw new NotebookFormatException($"'{first}': an exercise tag's role is task, solution or check in a code cell, solution in a markdown cell, or none."),
        });
    }

    /// <summary>The index of the first cell of the exercise section: the <c>## Exercises</c> heading or the first tagged cell.</summary>
    /// <param name="notebook">The notebook.</param>
    /// <returns>The index, or <c>Cells.Count</c> when the notebook has no exercises.</returns>
    public static int SectionStart(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if ((cell.IsMarkdown && cell.Source.Split('\n', 2)[0].Trim() == SectionHeading) || TagOf(cell) is not null)
            {
                return i;
            }
        }

        return notebook.Cells.Count;
    }

    /// <summary>
    /// The exercises of a reference notebook (one with solutions), in order, validated: each has one check cell and
    /// at least one solution cell, and every task has a solution.
    /// </summary>
    /// <param name="notebook">The reference notebook.</param>
    /// <param name="name">Names the notebook in error messages.</param>
    /// <exception cref="NotebookFormatException">A tag is malformed, or an exercise lacks its check or solution.</exception>
    public static IReadOnlyList<Exercise> Read(Notebook notebook, string name)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var order = new List<string>();
        var checks = new Dictionary<string, string>(StringComparer.Ordinal);
        var solutions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in notebook.Cells)
        {
            var tag = TagOf(cell);
            if (tag is null)
            {
                continue;
            }

            if (!order.Contains(tag.Id))
            {
                order.Add(tag.Id);
            }

            if (tag.Role == ExerciseRole.Solution)
            {
                solutions.Add(tag.Id);
            }
            else if (tag.Role == ExerciseRole.Check && !checks.TryAdd(tag.Id, cell.Source))
            {
                throw new NotebookFormatException($"{name}: exercise {tag.Id} has more than one check cell.");
            }
        }

        foreach (var id in order)
        {
            if (!checks.ContainsKey(id))
            {
                throw new NotebookFormatException($"{name}: exercise {id} has no check cell ('// exercise {id}: check').");
            }

            if (!solutions.Contains(id))
            {
                throw new NotebookFormatException($"{name}: exercise {id} has no solution cell ('// exercise {id}: solution').");
            }
        }

        return order.Select(id => new Exercise(id, checks[id])).ToList();
    }

    [GeneratedRegex(@"^//\s*exercise\s+(?<id>[0-9A-Za-z][0-9A-Za-z._-]*)(?:\s*:\s*(?<role>[A-Za-z]+))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CodeTag();

    [GeneratedRegex(@"^<!--\s*exercise\s+(?<id>[0-9A-Za-z][0-9A-Za-z._-]*)(?:\s*:\s*(?<role>[A-Za-z]+))?\s*-->$", RegexOptions.IgnoreCase)]
    private static partial Regex MarkdownTag();
}
