using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>What one cell of a <see cref="GradedNotebook"/> is to the grade.</summary>
/// <param name="ExerciseId">The exercise the cell belongs to; null for the reference's kit-loading cell.</param>
/// <param name="IsCheck">True for a reference check cell, whose outcome is the exercise's grade.</param>
internal sealed record GradedCell(string? ExerciseId, bool IsCheck);

/// <summary>
/// The notebook a submission is graded by: the reference's kit-loading cell, then the submission's exercise section
/// (its code and markdown, in its order) with each check cell replaced by the reference's check, so a student who edits
/// or deletes a check is graded by the real one; a deleted check runs after everything the student wrote.
/// </summary>
/// <param name="Notebook">The notebook to execute.</param>
/// <param name="Cells">For each of its cells, in order, what the cell is to the grade.</param>
internal sealed record GradedNotebook(Notebook Notebook, IReadOnlyList<GradedCell> Cells)
{
    /// <summary>Builds the graded notebook of a submission.</summary>
    /// <param name="reference">The reference's kit-loading cell and checks.</param>
    /// <param name="submitted">The student's notebook.</param>
    public static GradedNotebook Build(ReferenceNotebook reference, Notebook submitted)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(submitted);
        var checks = reference.Exercises.ToDictionary(e => e.Id, e => e.Check, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var cells = new List<NotebookCell> { reference.Setup };
        var roles = new List<GradedCell> { new(null, false) };
        var current = reference.Exercises[0].Id;
        foreach (var cell in submitted.Cells.Skip(Exercises.SectionStart(submitted)).Where(c => !c.IsRaw))
        {
            ExerciseTag? tag;
            try
            {
                tag = Exercises.TagOf(cell);
            }
            catch (NotebookFormatException)
            {
                tag = null;
            }

            if (tag is not null && checks.ContainsKey(tag.Id))
            {
                current = tag.Id;
            }

            if (tag?.Role == ExerciseRole.Check)
            {
                if (checks.TryGetValue(tag.Id, out var check) && placed.Add(tag.Id))
                {
                    // Always C#: the submission's cell metadata (html, value, mermaid) must not choose where the check runs.
                    cells.Add(NotebookCell.Create(KernelNames.CSharp, check));
                    roles.Add(new GradedCell(tag.Id, true));
                }

                continue;
            }

            cells.Add(cell with { Outputs = [], ExecutionCount = null });
            roles.Add(new GradedCell(current, false));
        }

        foreach (var exercise in reference.Exercises.Where(e => !placed.Contains(e.Id)))
        {
            cells.Add(NotebookCell.Create(KernelNames.CSharp, exercise.Check));
            roles.Add(new GradedCell(exercise.Id, true));
        }

        return new GradedNotebook(submitted with { Cells = cells }, roles);
    }
}
