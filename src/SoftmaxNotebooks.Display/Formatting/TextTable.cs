using System.Text;

namespace SoftmaxNotebooks.Display;

/// <summary>Aligned plain-text columns: the first column left-aligned, the others right-aligned.</summary>
internal static class TextTable
{
    public static string Render(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, int leftColumns = 1)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = new int[header.Count];
        foreach (var row in all)
        {
            for (var c = 0; c < row.Count; c++)
            {
                widths[c] = Math.Max(widths[c], row[c].Length);
            }
        }

        var sb = new StringBuilder();
        for (var r = 0; r < all.Count; r++)
        {
            var row = all[r];
            var line = new StringBuilder();
            for (var c = 0; c < row.Count; c++)
            {
                if (c > 0)
                {
                    line.Append("  ");
                }

                line.Append(c < leftColumns ? row[c].PadRight(widths[c]) : row[c].PadLeft(widths[c]));
            }

            sb.Append(line.ToString().TrimEnd()).Append('\n');
            if (r == 0)
            {
                sb.Append(new string('-', widths.Sum() + 2 * (widths.Length - 1))).Append('\n');
            }
        }

        return sb.ToString();
    }
}
