using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SoftmaxNotebooks.Runner.Classroom;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Classroom;

/// <summary>
/// The exercise set as a course: enough exercises of every kind, each heading stating the kind and the points its
/// checks and rubrics add up to, and every high-precision number in a check traced to the mpmath script that made it.
/// </summary>
public sealed partial class ExerciseSetTests
{
    internal static readonly string[] Kinds = ["computation", "implementation", "derivation", "proof", "modelling"];

    /// <summary>The exercise list of the last run (kind and points per exercise, counts per kind).</summary>
    public static string KeptList => Path.Combine(AppContext.BaseDirectory, "classroom-exercise-list.md");

    private static string References => Path.Combine(RunnerProcess.RepositoryRoot, "data", "references", "exercises.csv");

    internal sealed record Listed(string Notebook, Exercise Exercise, string Title, string Kind, double Points);

    internal static IReadOnlyList<Listed> List() => ExercisesTests.RepositoryNotebooks.SelectMany(path =>
    {
        var notebook = NotebookFile.Read(path);
        return Exercises.Read(notebook, path).Select(exercise =>
        {
            var statement = notebook.Cells.First(c => c.IsMarkdown && Exercises.TagOf(c) is { Role: ExerciseRole.Given } t && t.Id == exercise.Id);
            var heading = Heading().Match(statement.Source);
            Assert.True(heading.Success && heading.Groups["id"].Value == exercise.Id,
                $"{path}: exercise {exercise.Id}'s statement starts '### Exercise {exercise.Id} · title · kind, N points'; it starts: {statement.Source.Split('\n').Skip(1).FirstOrDefault()}");
            return new Listed(Path.GetFileName(path), exercise, heading.Groups["title"].Value, heading.Groups["kind"].Value,
                double.Parse(heading.Groups["points"].Value, CultureInfo.InvariantCulture));
        });
    }).ToList();

    [Fact]
    public void EveryHeadingStatesAKindAndThePointsItsChecksAndRubricsAddUpTo()
    {
        var list = List();
        var table = new StringBuilder("# Exercises\n\n| notebook | exercise | title | kind | points | checks (hidden) | by hand | forbidden |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
        foreach (var e in list)
        {
            Assert.Contains(e.Kind, Kinds);
            Assert.True(e.Points == e.Exercise.Points, $"{e.Exercise.Id}: the heading says {e.Points} points, its checks and rubrics give {e.Exercise.Points}");
            table.Append(CultureInfo.InvariantCulture,
                $"| {e.Notebook} | {e.Exercise.Id} | {e.Title} | {e.Kind} | {e.Points} | {string.Join(" + ", e.Exercise.Checks.Select(c => c.Points.ToString(CultureInfo.InvariantCulture) + (c.Hidden ? " (h)" : "")))} | {e.Exercise.HandGradedPoints} | {string.Join(", ", e.Exercise.Forbidden)} |\n");
        }

        var counts = Kinds.ToDictionary(k => k, k => list.Count(e => e.Kind == k));
        table.Append(CultureInfo.InvariantCulture, $"\n{list.Count} exercises, {list.Sum(e => e.Points)} points. Per kind: ")
            .AppendJoin(", ", Kinds.Select(k => $"{k} {counts[k]}")).Append('\n');
        File.WriteAllText(KeptList, table.ToString());
        TestContext.Current.TestOutputHelper?.WriteLine(table.ToString());

        Assert.True(list.Count >= 36, $"{list.Count} exercises");
        // A course's spread: every kind, and proofs graded by hand with a rubric.
        Assert.All(Kinds, k => Assert.True(counts[k] >= 4, $"{counts[k]} exercises of kind {k}"));
        Assert.All(list.Where(e => e.Kind == "proof"), e => Assert.True(e.Exercise.HandGradedPoints > 0, $"{e.Exercise.Id} is a proof without a rubric"));
    }

    [Fact]
    public void EveryMpmathValueIsInItsExercisesChecksAndEveryLongLiteralIsAnMpmathValue()
    {
        var rows = File.ReadLines(References).Skip(1).Select(line => line.Split(','))
            .Select(f => (Exercise: f[0], Quantity: f[1], Value: double.Parse(f[2], CultureInfo.InvariantCulture))).ToList();
        Assert.NotEmpty(rows);
        var checks = List().ToDictionary(e => e.Exercise.Id, e => e.Exercise.Checks.Select(c => c.Source).ToList(), StringComparer.Ordinal);
        foreach (var (exercise, quantity, value) in rows)
        {
            Assert.True(checks.ContainsKey(exercise), $"exercises.csv names exercise {exercise}, which no notebook has");
            Assert.True(checks[exercise].SelectMany(Literals).Any(l => l.Value == Math.Abs(value)),
                $"{exercise}: {quantity} = {value.ToString("R", CultureInfo.InvariantCulture)} (exercises.csv) is in none of its check cells");
        }

        // Conversely, a literal written with more digits than a double needs came from somewhere: from the script.
        foreach (var (id, sources) in checks)
        {
            foreach (var literal in sources.SelectMany(Literals).Where(l => Digits(l.Text) > 17))
            {
                Assert.True(rows.Any(r => r.Exercise == id && Math.Abs(r.Value) == literal.Value),
                    $"{id}: the literal {literal.Text} in a check cell is not in data/references/exercises.csv");
            }
        }
    }

    private static IEnumerable<(string Text, double Value)> Literals(string source) =>
        CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)).GetRoot()
            // A minus sign is a separate token, so literals are magnitudes and are compared with |value|.
            .DescendantTokens().Where(t => t.IsKind(SyntaxKind.NumericLiteralToken) && t.Value is double)
            .Select(t => (t.Text, (double)t.Value!));

    private static int Digits(string literal) => literal.Split('e', 'E')[0].Count(char.IsAsciiDigit);

    [GeneratedRegex(@"^<!--[^\n]*-->\n### Exercise (?<id>[0-9A-Za-z._-]+) · (?<title>.+) · (?<kind>[a-z]+), (?<points>[0-9]+(?:\.[0-9]+)?) points?\s*$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
