using System.Text;

namespace SoftmaxNotebooks.Display;

/// <summary>The building blocks the result renderers share: captions, key–value summaries, probability rows.</summary>
internal static class Blocks
{
    public static string Wrap(string inner) =>
        "<div class=\"smx-result\" style=\"color:inherit;background:transparent;line-height:1.4\">" + Html.PrintStyle + inner + "</div>";

    public static string Heading(string html) => $"<div style=\"font-weight:600;margin:0.2em 0\">{html}</div>";

    public static string Note(string html) => $"<div style=\"{Html.Muted};margin:0.2em 0\">{html}</div>";

    /// <summary>
    /// A row of "symbol = value" pairs, HTML (symbols are kit constants, values already rendered). A narrow page
    /// wraps the row between pairs, never inside one ("F =" at a line end, its value on the next).
    /// </summary>
    public static string Summary(IEnumerable<(string Symbol, string Value)> pairs) =>
        "<div style=\"margin:0.2em 0;font-variant-numeric:tabular-nums\">" +
        string.Join("<span style=\"opacity:0.5\"> · </span>", pairs.Select(p => $"<span style=\"white-space:nowrap\">{p.Symbol} = {p.Value}</span>")) + "</div>";

    public static string SummaryText(IEnumerable<(string Symbol, string Value)> pairs) =>
        string.Join("  ", pairs.Select(p => $"{p.Symbol} = {p.Value}"));

    /// <summary>
    /// A table with a caption and a header row; cells already rendered as HTML. Columns listed in
    /// <paramref name="left"/> align left; the cells of column <paramref name="rowHeader"/> name their rows.
    /// </summary>
    public static string Table(string caption, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, int rowHeader,
        ISet<int>? left = null, string? footer = null)
    {
        var sb = new StringBuilder();
        sb.Append(Html.TableStart).Append(Html.TableCaption(caption)).Append("<thead><tr>");
        for (var c = 0; c < header.Count; c++)
        {
            sb.Append(Html.Header(header[c], left?.Contains(c) == true));
        }

        sb.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (var c = 0; c < row.Count; c++)
            {
                sb.Append(c == rowHeader ? Html.RowHeader(row[c], left?.Contains(c) == true) : Html.Cell(row[c], left?.Contains(c) == true));
            }

            sb.Append("</tr>");
        }

        if (footer is not null)
        {
            sb.Append("<tr><td colspan=\"").Append(Numbers.Int(header.Count)).Append("\" style=\"").Append(Html.TdLeft).Append(';')
              .Append(Html.Muted).Append("\">").Append(footer).Append("</td></tr>");
        }

        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>
    /// Rows of a probability table: every outcome when they fit in <see cref="DisplaySettings.MaxRows"/>, otherwise the
    /// most probable ones (most probable first) and how much probability the rest carry.
    /// </summary>
    public static (int[] Shown, int Hidden, double HiddenMass) Select(IReadOnlyList<double> p)
    {
        var max = DisplaySettings.MaxRows;
        if (p.Count <= max)
        {
            return (Enumerable.Range(0, p.Count).ToArray(), 0, 0);
        }

        var shown = Enumerable.Range(0, p.Count).OrderByDescending(i => p[i]).ThenBy(i => i).Take(max).ToArray();
        var hiddenMass = 1 - shown.Sum(i => p[i]);
        return (shown, p.Count - max, Math.Max(0, hiddenMass));
    }

    public static string MoreHtml(int hidden, double mass, string noun = "more") =>
        $"… {Numbers.Int(hidden)} {noun} (total probability {Numbers.Text(mass)})";

    public static string MoreText(int hidden, double mass, string noun = "more") =>
        $"… {hidden} {noun} (total probability {Numbers.Text(mass)})";
}
