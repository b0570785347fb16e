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

    /// <summary>The CSV (RFC 4180, UTF-8): student, submission, passed, one column per exercise, note.</summary>
    /// <param name="exerciseIds">The reference's exercises, in order.</param>
    /// <param name="grades">One row per submission.</param>
    public static string Csv(IReadOnlyList<string> exerciseIds, IReadOnlyList<SubmissionGrade> grades)
    {
        ArgumentNullException.ThrowIfNull(exerciseIds);
        ArgumentNullException.ThrowIfNull(grades);
        var sb = new StringBuilder();
        Row(sb, ["student", "submission", "passed", .. exerciseIds.Select(id => "exercise " + id), "note"]);
        foreach (var g in grades)
        {
            Row(sb, [g.Student, g.Submission, g.Passed.ToString(CultureInfo.InvariantCulture) + "/" + exerciseIds.Count.ToString(CultureInfo.InvariantCulture),
                .. g.Exercises.Select(Text), g.Note ?? ""]);
        }

        return sb.ToString();
    }

    /// <summary>A self-contained HTML page with the same table, each grade coloured by its outcome.</summary>
    /// <param name="title">The page title (names the reference notebook).</param>
    /// <param name="exerciseIds">The reference's exercises, in order.</param>
    /// <param name="grades">One row per submission.</param>
    public static string Html(string title, IReadOnlyList<string> exerciseIds, IReadOnlyList<SubmissionGrade> grades)
    {
        ArgumentNullException.ThrowIfNull(exerciseIds);
        ArgumentNullException.ThrowIfNull(grades);
        var style = "body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse;font-size:14px}"
            + "th,td{border:1px solid #ccc;padding:4px 8px;vertical-align:top;text-align:left;max-width:28em}"
            + ".passed{background:#e6f4ea}.failed{background:#fde7e9}.timed-out{background:#fff4d6}.did-not-run{background:#eee;color:#666}";
        var sb = PageShell.Begin(title, PageShell.Style(style))
            .Append("<h1>").Append(WebUtility.HtmlEncode(title)).Append("</h1>\n<table>\n<thead><tr><th>student</th><th>submission</th><th>passed</th>");
        foreach (var id in exerciseIds)
        {
            sb.Append("<th>exercise ").Append(WebUtility.HtmlEncode(id)).Append("</th>");
        }

        sb.Append("<th>note</th></tr></thead>\n<tbody>\n");
        foreach (var g in grades)
        {
            sb.Append("<tr><td>").Append(WebUtility.HtmlEncode(g.Student)).Append("</td><td>").Append(WebUtility.HtmlEncode(g.Submission))
                .Append("</td><td>").Append(g.Passed.ToString(CultureInfo.InvariantCulture)).Append('/').Append(exerciseIds.Count.ToString(CultureInfo.InvariantCulture)).Append("</td>");
            foreach (var e in g.Exercises)
            {
                sb.Append("<td class=\"").Append(e.Outcome switch
                {
                    ExerciseOutcome.Passed => "passed",
                    ExerciseOutcome.Failed => "failed",
                    ExerciseOutcome.TimedOut => "timed-out",
                    _ => "did-not-run",
                }).Append("\">").Append(WebUtility.HtmlEncode(Text(e))).Append("</td>");
            }

            sb.Append("<td>").Append(WebUtility.HtmlEncode(g.Note ?? "")).Append("</td></tr>\n");
        }

        return PageShell.End(sb.Append("</tbody>\n</table>\n"));
    }

    /// <summary>Writes <c>gradebook.csv</c> and <c>gradebook.html</c> into a folder, each atomically.</summary>
    /// <param name="folder">The output folder.</param>
    /// <param name="title">The HTML page's title.</param>
    /// <param name="exerciseIds">The reference's exercises.</param>
    /// <param name="grades">The grades.</param>
    /// <returns>The two paths.</returns>
    public static (string Csv, string Html) Write(string folder, string title, IReadOnlyList<string> exerciseIds, IReadOnlyList<SubmissionGrade> grades)
    {
        Directory.CreateDirectory(folder);
        var csv = Path.Combine(folder, "gradebook.csv");
        var html = Path.Combine(folder, "gradebook.html");
        AtomicFile.WriteAllText(csv, Csv(exerciseIds, grades));
        AtomicFile.WriteAllText(html, Html(title, exerciseIds, grades));
        return (csv, html);
    }

    private static void Row(StringBuilder sb, IEnumerable<string> fields)
    {
        sb.Append(string.Join(',', fields.Select(Neutral).Select(f =>
            f.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f)));
        sb.Append("\r\n");
    }

    /// <summary>
    /// A field a spreadsheet shows as text: one starting with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage
    /// return (a formula to Excel, LibreOffice and Google Sheets; a student may be named <c>=HYPERLINK(…)</c>) gets a
    /// leading apostrophe, as OWASP's CSV-injection advice has it.
    /// </summary>
    internal static string Neutral(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + field : field;
}
