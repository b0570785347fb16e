using System.Text;
using SoftmaxNotebooks.Display;

namespace SoftmaxNotebooks;

/// <summary>A matrix shown as a grid (see <see cref="KitDisplay.Show(double[,], string?, IReadOnlyList{string}?, IReadOnlyList{string}?)"/>).</summary>
[TypeFormatterSource(typeof(DisplayFormatterSource<MatrixView>))]
public sealed class MatrixView
{
    private readonly double[,] values;

    internal MatrixView(double[,] values, string? name, IReadOnlyList<string>? rowLabels, IReadOnlyList<string>? columnLabels)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (rowLabels is not null && rowLabels.Count != values.GetLength(0))
        {
            throw new ArgumentException($"Got {rowLabels.Count} row labels for {values.GetLength(0)} rows.", nameof(rowLabels));
        }

        if (columnLabels is not null && columnLabels.Count != values.GetLength(1))
        {
            throw new ArgumentException($"Got {columnLabels.Count} column labels for {values.GetLength(1)} columns.", nameof(columnLabels));
        }

        this.values = (double[,])values.Clone();
        Name = name;
        RowLabels = rowLabels?.ToArray();
        ColumnLabels = columnLabels?.ToArray();
    }

    /// <summary>Number of rows.</summary>
    public int Rows => values.GetLength(0);

    /// <summary>Number of columns.</summary>
    public int Columns => values.GetLength(1);

    /// <summary>An entry.</summary>
    /// <param name="row">Row index.</param>
    /// <param name="column">Column index.</param>
    public double this[int row, int column] => values[row, column];

    /// <summary>The caption, or null.</summary>
    public string? Name { get; }

    /// <summary>Row labels, or null for indices.</summary>
    public IReadOnlyList<string>? RowLabels { get; }

    /// <summary>Column labels, or null for indices.</summary>
    public IReadOnlyList<string>? ColumnLabels { get; }

    /// <summary>The HTML grid: at most <see cref="KitDisplay.MaxRows"/> rows and <see cref="KitDisplay.MaxColumns"/> columns, the cut counted below it.</summary>
    public string ToHtml()
    {
        var (rows, columns) = Shown();
        var sb = new StringBuilder();
        sb.Append(Html.PrintStyle).Append(Html.TableStart);
        sb.Append(Html.TableCaption(Html.Escape(Name ?? "matrix") + " <span style=\"" + Html.Muted + ";font-weight:normal\">(" +
                                    Numbers.Int(Rows) + " × " + Numbers.Int(Columns) + ")</span>"));
        // The corner names nothing: a data cell, not an empty header.
        sb.Append("<thead><tr><td style=\"").Append(Html.Th).Append("\"></td>");
        for (var j = 0; j < columns; j++)
        {
            sb.Append(Html.Header(Html.Escape(ColumnLabel(j))));
        }

        if (columns < Columns)
        {
            sb.Append(Html.Header("…"));
        }

        sb.Append("</tr></thead><tbody>");
        for (var i = 0; i < rows; i++)
        {
            sb.Append("<tr>").Append(Html.RowHeader(Html.Escape(RowLabel(i))));
            for (var j = 0; j < columns; j++)
            {
                sb.Append(Html.Cell(Numbers.Text(values[i, j])));
            }

            if (columns < Columns)
            {
                sb.Append(Html.Cell("…"));
            }

            sb.Append("</tr>");
        }

        if (Cut(rows, columns) is { } cut)
        {
            sb.Append("<tr><td colspan=\"").Append(Numbers.Int(columns + (columns < Columns ? 2 : 1))).Append("\" style=\"").Append(Html.TdLeft).Append(';')
              .Append(Html.Muted).Append("\">").Append(cut).Append("</td></tr>");
        }

        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>The plain-text grid, cut as <see cref="ToHtml"/> cuts it.</summary>
    public override string ToString()
    {
        var (rows, columns) = Shown();
        var header = new List<string> { "" };
        header.AddRange(Enumerable.Range(0, columns).Select(ColumnLabel));
        if (columns < Columns)
        {
            header.Add("…");
        }

        var lines = Enumerable.Range(0, rows).Select(i =>
        {
            var row = new List<string> { RowLabel(i) };
            row.AddRange(Enumerable.Range(0, columns).Select(j => Numbers.Text(values[i, j])));
            if (columns < Columns)
            {
                row.Add("…");
            }

            return (IReadOnlyList<string>)row;
        });
        var text = $"{Name ?? "matrix"} ({Rows} × {Columns})\n" + TextTable.Render(header, lines);
        return Cut(rows, columns) is { } cut ? text + cut + "\n" : text;
    }

    private (int Rows, int Columns) Shown() => (Math.Min(Rows, DisplaySettings.MaxRows), Math.Min(Columns, DisplaySettings.MaxColumns));

    // One line counts both cuts, the way long vectors and distributions count their hidden rows.
    private string? Cut(int rows, int columns)
    {
        var parts = new List<string>();
        if (rows < Rows)
        {
            parts.Add($"{Numbers.Int(Rows - rows)} more rows");
        }

        if (columns < Columns)
        {
            parts.Add($"{Numbers.Int(Columns - columns)} more columns");
        }

        return parts.Count == 0 ? null : "… " + string.Join(", ", parts);
    }

    private string RowLabel(int i) => RowLabels?[i] ?? Numbers.Int(i);

    private string ColumnLabel(int j) => ColumnLabels?[j] ?? Numbers.Int(j);
}
