using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>
/// The two editions of a notebook with exercises. The instructor edition drops the scaffolds and keeps the
/// solutions, rubrics and hidden checks; the student edition drops every solution cell, rubric and hidden check and, in
/// its handout, every output of the exercise section (a check's output would show the solution's numbers). Which cell
/// belongs where is the tag's to say (<see cref="ExerciseTag.InStudentEdition"/>, <see cref="ExerciseTag.InInstructorEdition"/>).
/// </summary>
internal static class Editions
{
    /// <summary>The instructor edition: the source without its task (scaffold) cells.</summary>
    /// <param name="source">The notebook with tasks and solutions.</param>
    public static Notebook Instructor(Notebook source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source with { Cells = source.Cells.Where(c => Exercises.TagOf(c)?.InInstructorEdition != false).ToList() };
    }

    /// <summary>The student notebook to hand out: the source without solutions, rubrics and hidden checks, and without any outputs.</summary>
    /// <param name="source">The notebook with tasks and solutions.</param>
    public static Notebook Student(Notebook source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return source with
        {
            Cells = source.Cells
                .Where(c => Exercises.TagOf(c)?.InStudentEdition != false)
                .Select(c => c with { Outputs = [], ExecutionCount = null })
                .ToList(),
        };
    }

    /// <summary>
    /// The student handout's notebook: the executed instructor edition with each solution replaced by the source's
    /// task cells, and no outputs or execution counts from the exercise section on (the lecture keeps its outputs).
    /// </summary>
    /// <param name="source">The notebook with tasks and solutions.</param>
    /// <param name="executedInstructor">The executed <see cref="Instructor"/> edition of <paramref name="source"/>.</param>
    /// <exception cref="ArgumentException">The executed notebook is not the instructor edition of the source.</exception>
    public static Notebook StudentHandout(Notebook source, Notebook executedInstructor)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(executedInstructor);
        var instructorCells = executedInstructor.Cells;
        var start = Exercises.SectionStart(source);
        var cells = new List<NotebookCell>();
        var next = 0;
        for (var i = 0; i < source.Cells.Count; i++)
        {
            var cell = source.Cells[i];
            var tag = Exercises.TagOf(cell);
            if (tag?.InInstructorEdition == false)
            {
                cells.Add(cell with { Outputs = [], ExecutionCount = null });
                continue;
            }

            if (next >= instructorCells.Count || instructorCells[next].Source != cell.Source)
            {
                throw new ArgumentException("The executed notebook is not the instructor edition of the source.", nameof(executedInstructor));
            }

            var executed = instructorCells[next++];
            if (tag?.InStudentEdition == false)
            {
                continue;
            }

            cells.Add(i >= start ? executed with { Outputs = [], ExecutionCount = null } : executed);
        }

        return executedInstructor with { Cells = cells };
    }
}
