using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>What one cell of a <see cref="GradedNotebook"/> is to the grade.</summary>
/// <param name="ExerciseId">The exercise the cell belongs to; null for the reference's kit-loading cell.</param>
/// <param name="Check">For a reference check cell, its index in <see cref="Exercise.Checks"/> (its outcome earns that check's points); null for the student's own cells.</param>
internal sealed record GradedCell(string? ExerciseId, int? Check)
{
    /// <summary>True for a reference check cell.</summary>
    public bool IsCheck => Check is not null;
}

/// <summary>
/// The notebook a submission is graded by: the reference's kit-loading cell, then the submission's exercise section
/// (its code and markdown, in its order) with the check cells of each exercise replaced by all of the reference's
/// checks of that exercise, hidden ones included, one cell each, where the first of them stood. A student who edits
/// or deletes a check is graded by the real ones; an exercise whose checks were all deleted is checked after
/// everything the student wrote.
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
        var exercises = reference.Exercises.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var placed = new HashSet<string>(StringComparer.Ordinal);
        var cells = new List<NotebookCell> { reference.Setup };
        var roles = new List<GradedCell> { new(null, null) };
        void PlaceChecks(Exercise exercise)
        {
            for (var i = 0; i < exercise.Checks.Count; i++)
            {
                // Always C#: the submission's cell metadata (html, value, mermaid) must not choose where a check runs.
                cells.Add(NotebookCell.Create(KernelNames.CSharp, exercise.Checks[i].Source));
                roles.Add(new GradedCell(exercise.Id, i));
            }
        }

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

            if (tag is not null && exercises.ContainsKey(tag.Id))
            {
                current = tag.Id;
            }

            if (tag?.Role == ExerciseRole.Check)
            {
                if (exercises.TryGetValue(tag.Id, out var exercise) && placed.Add(tag.Id))
                {
                    PlaceChecks(exercise);
                }

                continue;
            }

            cells.Add(cell with { Outputs = [], ExecutionCount = null });
            roles.Add(new GradedCell(current, null));
        }

        foreach (var exercise in reference.Exercises.Where(e => !placed.Contains(e.Id)))
        {
            PlaceChecks(exercise);
        }

        return new GradedNotebook(submitted with { Cells = cells }, roles);
    }

    /// <summary>The student's own code cells of an exercise, in order (never the reference's checks or kit cell).</summary>
    /// <param name="exerciseId">The exercise.</param>
    public IEnumerable<string> AnswerCode(string exerciseId) =>
        Notebook.Cells.Where((c, i) => c.IsCode && Cells[i] is { IsCheck: false } role && role.ExerciseId == exerciseId).Select(c => c.Source);

    /// <summary>The student's own code cells of every other exercise, in order.</summary>
    /// <param name="exerciseId">The exercise whose cells are left out.</param>
    public IEnumerable<string> OtherCode(string exerciseId) =>
        Notebook.Cells.Where((c, i) => c.IsCode && Cells[i] is { IsCheck: false, ExerciseId: { } id } && id != exerciseId).Select(c => c.Source);
}
