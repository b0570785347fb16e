using System.Globalization;
using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>What a tagged cell is to its exercise.</summary>
public enum ExerciseRole
{
    /// <summary>Part of the exercise in both editions: its statement (markdown) or code it gives the student.</summary>
    Given,

    /// <summary>
    /// What the student fills in (student edition only): the code scaffold, or a markdown cell for a written answer
    /// (a proof, an explanation) that is graded by hand.
    /// </summary>
    Task,

    /// <summary>
    /// The instructor's answer, code or markdown (instructor edition only). A markdown solution tagged <c>rubric</c>
    /// is the model answer and marking scheme of a part graded by hand, and carries that part's points.
    /// </summary>
    Solution,

    /// <summary>
    /// An automatic check; grading always runs the reference notebook's copy. A hidden check is in the instructor
    /// edition only: it runs when grading, and a student cannot tune an answer to it.
    /// </summary>
    Check,
}

/// <summary>A cell's exercise tag: the exercise's id (for example <c>3.2</c>), the cell's role, and for a check or a rubric its points.</summary>
/// <param name="Id">The exercise id.</param>
/// <param name="Role">What the cell is to the exercise.</param>
public sealed record ExerciseTag(string Id, ExerciseRole Role)
{
    /// <summary>The points a check or a rubric states, or null when its tag states none (a check is then worth 1).</summary>
    public double? Points { get; init; }

    /// <summary>True for a hidden check (<c>// exercise 3.2: check hidden</c>).</summary>
    public bool Hidden { get; init; }

    /// <summary>True for a rubric (<c>&lt;!-- exercise 3.2: rubric (2 points) --&gt;</c>): a solution graded by hand.</summary>
    public bool Rubric { get; init; }

    /// <summary>Whether the cell belongs in the student edition: not a solution or rubric, not a hidden check.</summary>
    public bool InStudentEdition => Role != ExerciseRole.Solution && !Hidden;

    /// <summary>Whether the cell belongs in the instructor edition: everything but the student's scaffolds.</summary>
    public bool InInstructorEdition => Role != ExerciseRole.Task;
}

/// <summary>One automatic check of an exercise.</summary>
/// <param name="Source">The check cell's source (its first line is its tag).</param>
/// <param name="Points">What passing it is worth.</param>
/// <param name="Hidden">Run when grading, absent from the student edition.</param>
public sealed record ExerciseCheck(string Source, double Points, bool Hidden);

/// <summary>One exercise of a reference notebook.</summary>
/// <param name="Id">The id, for example <c>3.2</c>.</param>
/// <param name="Checks">Its check cells, in notebook order (at least one of them visible).</param>
/// <param name="HandGradedPoints">The points of its rubrics (parts graded by hand); 0 when it has none.</param>
/// <param name="Forbidden">
/// What the student's answer must not use, from the check cells' <c>// forbid:</c> lines, in order: <c>Type.Member</c>
/// (a static member, reached also through <c>using static</c> and aliases) or a bare name (any member, type or
/// function of that name the student did not declare).
/// </param>
public sealed record Exercise(string Id, IReadOnlyList<ExerciseCheck> Checks, double HandGradedPoints, IReadOnlyList<string> Forbidden)
{
    /// <summary>The exercise's points: its checks' and its rubrics'.</summary>
    public double Points => Checks.Sum(c => c.Points) + HandGradedPoints;
}

/// <summary>
/// The marking convention that keeps exercise notebooks plain <c>.dib</c>/<c>.ipynb</c> files. A code cell's first line
/// <c>// exercise 3.2: task</c> (or <c>solution</c>, <c>check</c>, or no role for given code), a markdown cell's first
/// line <c>&lt;!-- exercise 3.2 --&gt;</c> (the statement), <c>&lt;!-- exercise 3.2: task --&gt;</c> (where the
/// student writes a proof or an explanation), <c>&lt;!-- exercise 3.2: solution --&gt;</c> or
/// <c>&lt;!-- exercise 3.2: rubric (2 points) --&gt;</c> (a part graded by hand). A check may state its points and be
/// hidden: <c>// exercise 3.2: check hidden (1 point)</c>; a check without points is worth 1. A line
/// <c>// forbid: MaxEntropy.Solve, FreeEnergy</c> in a check cell names what the answer must not use. Tags are
/// comments, so VS Code and Jupyter show and run the notebook unchanged.
/// </summary>
public static partial class Exercises
{
    /// <summary>The heading that opens a notebook's exercise section.</summary>
    public const string SectionHeading = "## Exercises";

    /// <summary>Reads a cell's tag, or null for an untagged cell.</summary>
    /// <param name="cell">The cell.</param>
    /// <exception cref="NotebookFormatException">The tag names an unknown role, or points or <c>hidden</c> where they do not belong.</exception>
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

        var id = match.Groups["id"].Value;
        if (!match.Groups["rest"].Success)
        {
            return new ExerciseTag(id, ExerciseRole.Given);
        }

        var spec = RoleSpec().Match(match.Groups["rest"].Value);
        if (!spec.Success)
        {
            throw Malformed(first, cell.IsMarkdown);
        }

        var role = spec.Groups["role"].Value.ToLowerInvariant();
        var hidden = spec.Groups["hidden"].Success;
        double? points = spec.Groups["points"].Success ? double.Parse(spec.Groups["points"].Value, CultureInfo.InvariantCulture) : null;
        var tag = (role, cell.IsMarkdown) switch
        {
            ("task", _) => new ExerciseTag(id, ExerciseRole.Task),
            ("solution", _) => new ExerciseTag(id, ExerciseRole.Solution),
            ("check", false) => new ExerciseTag(id, ExerciseRole.Check) { Points = points, Hidden = hidden },
            ("rubric", true) => new ExerciseTag(id, ExerciseRole.Solution) { Points = points, Rubric = true },
            _ => throw Malformed(first, cell.IsMarkdown),
        };
        if ((hidden && tag.Role != ExerciseRole.Check) || (points is not null && tag.Role != ExerciseRole.Check && !tag.Rubric))
        {
            throw new NotebookFormatException($"'{first}': only a check may be hidden, and only a check or a rubric has points.");
        }

        if (points is <= 0)
        {
            throw new NotebookFormatException($"'{first}': points are a positive number.");
        }

        if (tag.Rubric && points is null)
        {
            throw new NotebookFormatException($"'{first}': a rubric states its points, for example '<!-- exercise {id}: rubric (2 points) -->'.");
        }

        return tag;
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
    /// The exercises of a reference notebook (one with solutions), in order, validated: each has at least one check
    /// cell that is not hidden and at least one solution cell (a rubric counts), and every forbidden name is a
    /// dotted C# name.
    /// </summary>
    /// <param name="notebook">The reference notebook.</param>
    /// <param name="name">Names the notebook in error messages.</param>
    /// <exception cref="NotebookFormatException">A tag or a forbid line is malformed, or an exercise lacks its check or solution.</exception>
    public static IReadOnlyList<Exercise> Read(Notebook notebook, string name)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var order = new List<string>();
        var checks = new Dictionary<string, List<ExerciseCheck>>(StringComparer.Ordinal);
        var handGraded = new Dictionary<string, double>(StringComparer.Ordinal);
        var forbidden = new Dictionary<string, List<string>>(StringComparer.Ordinal);
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
                checks[tag.Id] = [];
                handGraded[tag.Id] = 0;
                forbidden[tag.Id] = [];
            }

            if (tag.Role == ExerciseRole.Solution)
            {
                solutions.Add(tag.Id);
                handGraded[tag.Id] += tag.Rubric ? tag.Points!.Value : 0;
            }
            else if (tag.Role == ExerciseRole.Check)
            {
                checks[tag.Id].Add(new ExerciseCheck(cell.Source, tag.Points ?? 1, tag.Hidden));
                foreach (var forbid in ForbiddenNames(cell.Source, name, tag.Id))
                {
                    if (!forbidden[tag.Id].Contains(forbid))
                    {
                        forbidden[tag.Id].Add(forbid);
                    }
                }
            }
        }

        foreach (var id in order)
        {
            if (!checks[id].Any(c => !c.Hidden))
            {
                throw new NotebookFormatException($"{name}: exercise {id} has no check cell that the student sees ('// exercise {id}: check').");
            }

            if (!solutions.Contains(id))
            {
                throw new NotebookFormatException($"{name}: exercise {id} has no solution cell ('// exercise {id}: solution').");
            }
        }

        return order.Select(id => new Exercise(id, checks[id], handGraded[id], forbidden[id])).ToList();
    }

    /// <summary>The names on a check cell's <c>// forbid: A.B, C</c> lines.</summary>
    private static IEnumerable<string> ForbiddenNames(string checkSource, string notebookName, string id)
    {
        foreach (Match line in ForbidLine().Matches(checkSource))
        {
            foreach (var item in line.Groups["names"].Value.Split(','))
            {
                var forbid = item.Trim();
                if (!DottedName().IsMatch(forbid))
                {
                    throw new NotebookFormatException(
                        $"{notebookName}: exercise {id}: '{line.Value.Trim()}': each forbidden name is a C# name or Type.Member, separated by commas ('{forbid}' is not).");
                }

                yield return forbid;
            }
        }
    }

    private static NotebookFormatException Malformed(string first, bool markdown) => new(markdown
        ? $"'{first}': an exercise tag's role is task, solution or check (optionally 'hidden' and with '(N points)') in a code cell; task, solution or rubric (with '(N points)') in a markdown cell; or none."
        : $"'{first}': an exercise tag's role is task, solution or check (optionally 'hidden' and with '(N points)') in a code cell, or none.");

    [GeneratedRegex(@"^//\s*exercise\s+(?<id>[0-9A-Za-z][0-9A-Za-z._-]*)\s*(?::\s*(?<rest>.*?))?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex CodeTag();

    [GeneratedRegex(@"^<!--\s*exercise\s+(?<id>[0-9A-Za-z][0-9A-Za-z._-]*)\s*(?::\s*(?<rest>.*?))?\s*-->$", RegexOptions.IgnoreCase)]
    private static partial Regex MarkdownTag();

    [GeneratedRegex(@"^(?<role>[A-Za-z]+)(?:\s+(?<hidden>hidden))?(?:\s*\(\s*(?<points>[0-9]+(?:\.[0-9]+)?)\s+points?\s*\))?$", RegexOptions.IgnoreCase)]
    private static partial Regex RoleSpec();

    [GeneratedRegex(@"^[ \t]*//[ \t]*forbid:(?<names>[^\n]*)$", RegexOptions.Multiline)]
    private static partial Regex ForbidLine();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$")]
    private static partial Regex DottedName();
}
