using System.Diagnostics.CodeAnalysis;

namespace SoftmaxNotebooks.Display;

/// <summary>The HTML and plain-text renderer of each kit type.</summary>
internal static class Renderers
{
    private static readonly Dictionary<Type, (Func<object, string> Html, Func<object, string> Text)> Table = new()
    {
        [typeof(VectorView)] = (v => ((VectorView)v).ToHtml(), v => ((VectorView)v).ToString()),
        [typeof(MatrixView)] = (m => ((MatrixView)m).ToHtml(), m => ((MatrixView)m).ToString()),
        [typeof(Figure)] = (f => ((Figure)f).ToHtml(), f => ((Figure)f).ToString()),
        [typeof(PlotlyJsLoader)] = (l => ((PlotlyJsLoader)l).ToHtml(), l => ((PlotlyJsLoader)l).ToString()),
    };

    public static bool TryGet(Type type, [NotNullWhen(true)] out Func<object, string>? html, [NotNullWhen(true)] out Func<object, string>? text)
    {
        if (Table.TryGetValue(type, out var pair))
        {
            (html, text) = pair;
            return true;
        }

        html = text = null;
        return false;
    }
}
