using System.Text;
using SoftmaxNotebooks.Display;

namespace SoftmaxNotebooks;

/// <summary>A vector shown as a numbered table (see <see cref="KitDisplay.Show(double[], string?, IReadOnlyList{string}?)"/>).</summary>
[TypeFormatterSource(typeof(DisplayFormatterSource<VectorView>))]
public sealed class VectorView
{
    internal VectorView(double[] values, string? name, IReadOnlyList<string>? labels)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (labels is not null && labels.Count != values.Length)
        {
            throw new ArgumentException($"Got {labels.Count} labels for {values.Length} values.", nameof(labels));
        }

        Values = (double[])values.Clone();
        Name = name;
        Labels = labels?.ToArray();
    }

    /// <summary>A copy of the numbers shown.</summary>
    public IReadOnlyList<double> Values { get; }

    /// <summary>The caption, or null.</summary>
    public string? Name { get; }

    /// <summary>The entry labels, or null.</summary>
    public IReadOnlyList<string>? Labels { get; }

    /// <summary>The HTML table: index, label (if any), value.</summary>
    public string ToHtml()
    {
        var shown = Shown(out var hidden);
        var sb = new StringBuilder();
        sb.Append(Html.PrintStyle).Append(Html.TableStart);
        sb.Append(Html.TableCaption(Html.Escape(Name ?? "vector") + " <span style=\"" + Html.Muted + ";font-weight:normal\">(" +
                                    Numbers.Int(Values.Count) + (Values.Count == 1 ? " entry" : " entries") + ")</span>"));
        sb.Append("<thead><tr>").Append(Html.Header("i"));
        if (Labels is not null)
        {
            sb.Append(Html.Header("label", left: true));
        }

        sb.Append(Html.Header("value")).Append("</tr></thead><tbody>");
        foreach (var i in shown)
        {
            sb.Append("<tr>").Append(Html.RowHeader(Numbers.Int(i)));
            if (Labels is not null)
            {
                sb.Append(Html.Cell(Html.Escape(Labels[i]), left: true));
            }

            sb.Append(Html.Cell(Numbers.Text(Values[i]))).Append("</tr>");
        }

        if (hidden > 0)
        {
            sb.Append("<tr><td colspan=\"").Append(Labels is null ? "2" : "3").Append("\" style=\"").Append(Html.TdLeft).Append(';')
              .Append(Html.Muted).Append("\">… ").Append(Numbers.Int(hidden)).Append(" more</td></tr>");
        }

        return sb.Append("</tbody></table>").ToString();
    }

    /// <summary>The plain-text table.</summary>
    public override string ToString()
    {
        var shown = Shown(out var hidden);
        var header = Labels is null ? new[] { "i", "value" } : ["i", "label", "value"];
        var rows = shown.Select(i => (IReadOnlyList<string>)(Labels is null
            ? [Numbers.Int(i), Numbers.Text(Values[i])]
            : [Numbers.Int(i), Labels[i], Numbers.Text(Values[i])]));
        var text = $"{Name ?? "vector"} ({Values.Count} {(Values.Count == 1 ? "entry" : "entries")})\n" +
                   TextTable.Render(header, rows, Labels is null ? 0 : 2);
        return hidden > 0 ? text + $"… {hidden} more\n" : text;
    }

    private int[] Shown(out int hidden)
    {
        var n = Values.Count;
        var max = DisplaySettings.MaxRows;
        if (n <= max)
        {
            hidden = 0;
            return Enumerable.Range(0, n).ToArray();
        }

        hidden = n - max;
        return Enumerable.Range(0, max).ToArray();
    }
}
