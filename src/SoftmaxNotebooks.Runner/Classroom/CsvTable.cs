using System.Text;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>
/// The classroom's CSV (RFC 4180, comma-separated, CRLF line ends): written for spreadsheets and LMS imports, read for
/// the instructor's marks. A written cell that starts with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage
/// return gets a leading apostrophe, so a spreadsheet shows it as text instead of running it as a formula (a student
/// name or a check message is untrusted text: "CSV injection").
/// </summary>
internal static class CsvTable
{
    /// <summary>Appends one row.</summary>
    /// <param name="csv">The table so far.</param>
    /// <param name="fields">The row's cells, as text.</param>
    /// <returns>The table.</returns>
    public static StringBuilder Row(this StringBuilder csv, IEnumerable<string> fields)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(fields);
        return csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
    }

    /// <summary>One cell as CSV: formula characters defused, quoted when it holds a comma, a quote or a line break.</summary>
    /// <param name="text">The cell's text.</param>
    public static string Field(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var safe = text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    /// <summary>Reads a CSV text into rows of cells, with their 1-based line numbers; blank lines are skipped.</summary>
    /// <param name="text">The file's text.</param>
    /// <param name="name">Names the file in error messages.</param>
    /// <exception cref="FormatException">A quoted cell is not closed, or a quote stands inside an unquoted cell.</exception>
    public static IReadOnlyList<(int Line, IReadOnlyList<string> Cells)> Parse(string text, string name)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<(int, IReadOnlyList<string>)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var rowLine = 1;
        var quoted = false;
        var wasQuoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    cell.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0 && !wasQuoted:
                    quoted = wasQuoted = true;
                    break;
                case '"':
                    throw new FormatException($"{name} line {line}: a quote inside an unquoted cell (quote the whole cell and double the quote).");
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    wasQuoted = false;
                    break;
                case '\r':
                    break;
                case '\n':
                    EndRow();
                    line++;
                    rowLine = line;
                    break;
                default:
                    cell.Append(c);
                    break;
            }
        }

        if (quoted)
        {
            throw new FormatException($"{name} line {rowLine}: a quoted cell is not closed.");
        }

        EndRow();
        return rows;

        void EndRow()
        {
            cells.Add(cell.ToString());
            cell.Clear();
            wasQuoted = false;
            if (cells.Count > 1 || cells[0].Trim().Length > 0)
            {
                rows.Add((rowLine, cells.ToList()));
            }

            cells.Clear();
        }
    }
}
