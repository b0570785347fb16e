using System.Globalization;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>
/// The instructor's marks for the parts graded by hand (<c>grade --manual marks.csv</c>): a CSV with the header
/// <c>student,exercise,points,comment</c> and one row per student and exercise that has a rubric. A part without a row
/// is "not marked yet" and earns nothing so far.
/// </summary>
internal static class ManualMarks
{
    /// <summary>The header the file starts with.</summary>
    public static readonly IReadOnlyList<string> Header = ["student", "exercise", "points", "comment"];

    /// <summary>Reads and checks a marks file against the reference's exercises.</summary>
    /// <param name="path">The CSV file.</param>
    /// <param name="exercises">The reference's exercises (their rubrics' points bound each mark).</param>
    /// <returns>Each row's mark and line, by student and exercise.</returns>
    /// <exception cref="RunnerException">The file cannot be read, or a row names an unknown exercise, one without a rubric, points out of range, or repeats a student and exercise.</exception>
    public static IReadOnlyDictionary<(string Student, string Exercise), (HandMark Mark, int Line)> Read(string path, IReadOnlyList<Exercise> exercises)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(exercises);
        IReadOnlyList<(int Line, IReadOnlyList<string> Cells)> rows;
        try
        {
            rows = CsvTable.Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            throw new RunnerException($"{path}: the marks cannot be read: {e.Message}", e);
        }

        if (rows.Count == 0 || !rows[0].Cells.Select(c => c.Trim().ToLowerInvariant()).SequenceEqual(Header))
        {
            throw new RunnerException($"{path} line 1: the header must be '{string.Join(',', Header)}'.");
        }

        var byId = exercises.ToDictionary(e => e.Id, StringComparer.Ordinal);
        var marks = new Dictionary<(string, string), (HandMark, int)>();
        foreach (var (line, cells) in rows.Skip(1))
        {
            string Where() => $"{path} line {line}";
            if (cells.Count != Header.Count)
            {
                throw new RunnerException($"{Where()}: {cells.Count} cells; a row has {Header.Count}: {string.Join(", ", Header)} (quote a comment that holds a comma).");
            }

            var (student, id, text, comment) = (cells[0].Trim(), cells[1].Trim(), cells[2].Trim(), cells[3].Trim());
            if (!byId.TryGetValue(id, out var exercise))
            {
                throw new RunnerException($"{Where()}: exercise '{id}' is not in the reference notebook (its exercises: {string.Join(", ", byId.Keys)}).");
            }

            if (exercise.HandGradedPoints == 0)
            {
                throw new RunnerException($"{Where()}: exercise {id} has no part graded by hand (no rubric states its points).");
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var points) || !(points >= 0 && points <= exercise.HandGradedPoints))
            {
                throw new RunnerException(string.Create(CultureInfo.InvariantCulture,
                    $"{Where()}: points '{text}' for exercise {id}: a number from 0 to {exercise.HandGradedPoints}, the points of its parts graded by hand."));
            }

            if (!marks.TryAdd((student, id), (new HandMark(points, comment), line)))
            {
                throw new RunnerException($"{Where()}: student '{student}' has a mark for exercise {id} already (line {marks[(student, id)].Item2}).");
            }
        }

        return marks;
    }

    /// <summary>Puts each mark on its student's exercise.</summary>
    /// <param name="grades">The graded submissions.</param>
    /// <param name="marks">The marks (see <see cref="Read"/>).</param>
    /// <param name="path">Names the marks file in error messages.</param>
    /// <returns>The grades with the marks.</returns>
    /// <exception cref="RunnerException">A mark names a student without a submission.</exception>
    public static IReadOnlyList<SubmissionGrade> Apply(IReadOnlyList<SubmissionGrade> grades, IReadOnlyDictionary<(string Student, string Exercise), (HandMark Mark, int Line)> marks, string path)
    {
        ArgumentNullException.ThrowIfNull(grades);
        ArgumentNullException.ThrowIfNull(marks);
        var students = grades.Select(g => g.Student).ToHashSet(StringComparer.Ordinal);
        if (marks.FirstOrDefault(m => !students.Contains(m.Key.Student)) is { Key.Student: not null } stray)
        {
            throw new RunnerException($"{path} line {stray.Value.Line}: no submission from student '{stray.Key.Student}' (the students: {string.Join(", ", students.Order(StringComparer.Ordinal))}).");
        }

        return grades.Select(g => g with
        {
            Exercises = g.Exercises.Select(e => marks.TryGetValue((g.Student, e.ExerciseId), out var m) ? e with { Mark = m.Mark } : e).ToList(),
        }).ToList();
    }
}
