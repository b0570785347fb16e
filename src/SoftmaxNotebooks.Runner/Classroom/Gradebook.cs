using System.Globalization;
using System.Net;
using System.Text;
using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>The gradebook: one row per student, one column per exercise, as CSV and as an HTML page.</summary>
internal static class Gradebook
{
    /// <summary>The text of one grade: <c>passed</c>, <c>failed: message</c>, <c>did not run: why</c> or <c>timed out: why</c>.</summary>
    /// <param name="grade">The grade.</param>
    public static string Text(ExerciseGrade grade)
    {
        ArgumentNullException.ThrowIfNull(grade);
        var word = grade.Outcome switch
        {
            ExerciseOutcome.Passed => "passed",
            ExerciseOutcome.Failed => "failed",
            ExerciseOutcome.TimedOut => "timed out",
            _ => "did not run",
        };
        return grade.Message is null ? word : word + ": " + grade.Message;
    }

    /// <summary>The points of a grade as the gradebook writes them, for example <c>2.5/3</c>.</summary>
    /// <param name="points">Earned.</param>
    /// <param name="max">Possible.</param>
    public static string Points(double points, double max) => Number(points) + "/" + Number(max);

    /// <summary>A number of points, culture-invariant and as short as it is exact (<c>2</c>, <c>2.5</c>).</summary>
    /// <param name="points">The points.</param>
    public static string Number(double points) => points.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>The hand-graded part of a grade: <c>2/3: comment</c>, <c>not marked (of 3)</c>, or empty when there is none.</summary>
    /// <param name="grade">The grade.</param>
    public static string ByHand(ExerciseGrade grade)
    {
        ArgumentNullException.ThrowIfNull(grade);
        return grade.HandGradedMaxPoints == 0 ? ""
            : grade.Mark is { } mark ? Points(mark.Points, grade.HandGradedMaxPoints) + (mark.Comment.Length > 0 ? ": " + mark.Comment : "")
            : "not marked (of " + Number(grade.HandGradedMaxPoints) + ")";
    }

    /// <summary>
    /// The CSV (RFC 4180, UTF-8): student, submission, points, max points, passed, then per exercise its points, its
    /// result and (for an exercise with a rubric) its hand-graded mark, then the note.
    /// </summary>
    /// <param name="exercises">The reference's exercises, in order.</param>
    /// <param name="grades">One row per submission.</param>
    public static string Csv(IReadOnlyList<Exercise> exercises, IReadOnlyList<SubmissionGrade> grades)
    {
        ArgumentNullException.ThrowIfNull(exercises);
        ArgumentNullException.ThrowIfNull(grades);
        var sb = new StringBuilder().Row(["student", "submission", "points", "max points", "passed",
            .. exercises.SelectMany(e => (IEnumerable<string>)(e.HandGradedPoints > 0
                ? [$"{e.Id} points (of {Number(e.Points)})", $"{e.Id} result", $"{e.Id} by hand"]
                : [$"{e.Id} points (of {Number(e.Points)})", $"{e.Id} result"])),
            "note"]);
        foreach (var g in grades)
        {
            sb.Row([g.Student, g.Submission, Number(g.Points), Number(g.MaxPoints), g.Passed.ToString(CultureInfo.InvariantCulture) + "/" + exercises.Count.ToString(CultureInfo.InvariantCulture),
                .. g.Exercises.Zip(exercises).SelectMany(x => (IEnumerable<string>)(x.Second.HandGradedPoints > 0
                    ? [Number(x.First.Points), Text(x.First), ByHand(x.First)]
                    : [Number(x.First.Points), Text(x.First)])),
                g.Note ?? ""]);
        }

        return sb.ToString();
    }

    /// <summary>A self-contained HTML page with the same table: each exercise's points, coloured by its outcome, with its result and hand-graded mark.</summary>
    /// <param name="title">The page title (names the reference notebook).</param>
    /// <param name="exercises">The reference's exercises, in order.</param>
    /// <param name="grades">One row per submission.</param>
    public static string Html(string title, IReadOnlyList<Exercise> exercises, IReadOnlyList<SubmissionGrade> grades)
    {
        ArgumentNullException.ThrowIfNull(exercises);
        ArgumentNullException.ThrowIfNull(grades);
        var style = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;font-size:14px}"
            + "th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left;max-width:28em}caption{text-align:left;padding:0.3em 0}"
            + ".table-scroll{max-width:100%;overflow-x:auto}@media (max-width:480px){body{margin:1em 12px}}"
            + ".passed{background:#e6f4ea}.failed{background:#fde7e9}.timed-out{background:#fff4d6}.did-not-run{background:#eee;color:#666}"
            + ".points{font-weight:bold;display:block}.by-hand{display:block;margin-top:.3em;font-style:italic}";
        var sb = PageShell.Begin(title, PageShell.Style(style))
            // A wide gradebook scrolls inside its own box (reachable by keyboard), not the page, down to 320 px.
            .Append("<main>\n<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>\n")
            .Append("<div class=\"table-scroll\" role=\"region\" aria-label=\"Grades\" tabindex=\"0\">\n<table>\n")
            .Append("<caption>One row per student: points in all, then each exercise's points (of its maximum) and whether its checks passed, failed, timed out or did not run</caption>\n")
            .Append("<thead><tr><th scope=\"col\">student</th><th scope=\"col\">submission</th><th scope=\"col\">points</th><th scope=\"col\">passed</th>");
        foreach (var e in exercises)
        {
            sb.Append("<th scope=\"col\">exercise ").Append(WebUtility.HtmlEncode(e.Id)).Append(" (").Append(Number(e.Points)).Append(")</th>");
        }

        sb.Append("<th scope=\"col\">note</th></tr></thead>\n<tbody>\n");
        foreach (var g in grades)
        {
            sb.Append("<tr><th scope=\"row\">").Append(WebUtility.HtmlEncode(g.Student)).Append("</th><td>").Append(WebUtility.HtmlEncode(g.Submission))
                .Append("</td><td>").Append(Points(g.Points, g.MaxPoints)).Append("</td><td>")
                .Append(g.Passed.ToString(CultureInfo.InvariantCulture)).Append('/').Append(exercises.Count.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            foreach (var e in g.Exercises)
            {
                sb.Append("<td class=\"").Append(e.Outcome switch
                {
                    ExerciseOutcome.Passed => "passed",
                    ExerciseOutcome.Failed => "failed",
                    ExerciseOutcome.TimedOut => "timed-out",
                    _ => "did-not-run",
                }).Append("\"><span class=\"points\">").Append(Points(e.Points, e.MaxPoints)).Append("</span>").Append(WebUtility.HtmlEncode(Text(e)));
                if (ByHand(e) is { Length: > 0 } byHand)
                {
                    sb.Append("<span class=\"by-hand\">by hand: ").Append(WebUtility.HtmlEncode(byHand)).Append("</span>");
                }

                sb.Append("</td>");
            }

            sb.Append("<td>").Append(WebUtility.HtmlEncode(g.Note ?? "")).Append("</td></tr>\n");
        }

        return PageShell.End(sb.Append("</tbody>\n</table>\n</div>\n</main>\n"));
    }

    /// <summary>Writes <c>gradebook.csv</c> and <c>gradebook.html</c> into a folder, each atomically.</summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="title">The HTML page's title.</param>
    /// <param name="exercises">The reference's exercises.</param>
    /// <param name="grades">The grades.</param>
    /// <returns>The two paths.</returns>
    public static (string Csv, string Html) Write(string folder, string title, IReadOnlyList<Exercise> exercises, IReadOnlyList<SubmissionGrade> grades)
    {
        Directory.CreateDirectory(folder);
        var csv = Path.Combine(folder, "gradebook.csv");
        var html = Path.Combine(folder, "gradebook.html");
        AtomicFile.WriteAllText(csv, Csv(exercises, grades));
        AtomicFile.WriteAllText(html, Html(title, exercises, grades));
        return (csv, html);
    }
}
