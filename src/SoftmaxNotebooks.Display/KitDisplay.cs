using SoftmaxNotebooks.Display;

namespace SoftmaxNotebooks;

/// <summary>
/// The notebook's entry point to the display package: display settings, number formatting for prose, and the helpers
/// that make arrays and matrices display as tables.
/// </summary>
/// <remarks>
/// The settings are stored where a host without a reference to the kit (the notebook runner) can set them by name:
/// <c>SoftmaxNotebooks.Display.Precision</c> (int), <c>SoftmaxNotebooks.Display.MaxRows</c> (int),
/// <c>SoftmaxNotebooks.Display.MaxColumns</c> (int), <c>SoftmaxNotebooks.Display.PlotlyJsEmbedding</c> (a
/// <see cref="PlotlyJsEmbedding"/> name) and <c>SoftmaxNotebooks.Display.Session</c> (any value; changing it restarts
/// chart numbering and plotly.js embedding, for example once per notebook).
/// </remarks>
public static class KitDisplay
{
    /// <summary>Significant digits of every number the kit displays (1 to 17; default 4).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Outside 1 to 17.</exception>
    public static int Precision
    {
        get => DisplaySettings.Precision;
        set => DisplaySettings.Precision = value;
    }

    /// <summary>
    /// Rows shown for long distributions, vectors and matrices before a "… N more" line (at least 4; default 12).
    /// Distributions show their most probable outcomes first.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 4.</exception>
    public static int MaxRows
    {
        get => DisplaySettings.MaxRows;
        set => DisplaySettings.MaxRows = value;
    }

    /// <summary>
    /// Matrix columns shown before a "… N more columns" cut (at least 2; default 6: six columns of six-digit
    /// numbers fit the text width of an A4 page).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 2.</exception>
    public static int MaxColumns
    {
        get => DisplaySettings.MaxColumns;
        set => DisplaySettings.MaxColumns = value;
    }

    /// <summary>Where chart outputs get plotly.js from (default <see cref="SoftmaxNotebooks.PlotlyJsEmbedding.FirstChart"/>).</summary>
    public static PlotlyJsEmbedding PlotlyJsEmbedding
    {
        get => DisplaySettings.PlotlyJsEmbedding;
        set => DisplaySettings.PlotlyJsEmbedding = value;
    }

    /// <summary>
    /// A number as the kit displays it, for prose built in code: culture-invariant, <paramref name="digits"/>
    /// significant digits, exponents as "1.2e−11", and "∞", "−∞", "NaN".
    /// </summary>
    /// <remarks>
    /// Minus signs are the typographic minus "−" (U+2212), as in every table, summary and chart label of the kit, in
    /// HTML and plain text alike: the text is for reading, so a label built with <c>Format</c> matches the numbers
    /// beside it. It does not parse back with <see cref="double.Parse(string, IFormatProvider?)"/>; keep the
    /// <see cref="double"/> for computing.
    /// </remarks>
    /// <param name="x">The number.</param>
    /// <param name="digits">Significant digits (1 to 17), or null for <see cref="Precision"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digits"/> is outside 1 to 17.</exception>
    public static string Format(double x, int? digits = null) => Numbers.Text(x, Digits(digits));

    /// <summary>Numbers as the kit displays them (see <see cref="Format(double, int?)"/>), in brackets: "[0.09003, −0.2447, 0.6652]".</summary>
    /// <param name="xs">The numbers.</param>
    /// <param name="digits">Significant digits (1 to 17), or null for <see cref="Precision"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="digits"/> is outside 1 to 17.</exception>
    public static string Format(IEnumerable<double> xs, int? digits = null)
    {
        ArgumentNullException.ThrowIfNull(xs);
        var d = Digits(digits);
        return "[" + string.Join(", ", xs.Select(x => Numbers.Text(x, d))) + "]";
    }

    /// <summary>A vector that displays as a numbered table at <see cref="Precision"/>.</summary>
    /// <param name="values">The numbers, for example a gradient or a softmax output.</param>
    /// <param name="name">An optional caption.</param>
    /// <param name="labels">Optional labels, one per entry.</param>
    public static VectorView Show(double[] values, string? name = null, IReadOnlyList<string>? labels = null) =>
        new(values, name, labels);

    /// <summary>A single-precision vector that displays as a numbered table.</summary>
    /// <param name="values">The numbers.</param>
    /// <param name="name">An optional caption.</param>
    /// <param name="labels">Optional labels, one per entry.</param>
    public static VectorView Show(float[] values, string? name = null, IReadOnlyList<string>? labels = null)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(Array.ConvertAll(values, v => (double)v), name, labels);
    }

    /// <summary>A matrix (for example a Jacobian or a batch of rows) that displays as a grid at <see cref="Precision"/>.</summary>
    /// <param name="values">The matrix, row-major as C# stores it.</param>
    /// <param name="name">An optional caption.</param>
    /// <param name="rowLabels">Optional row labels.</param>
    /// <param name="columnLabels">Optional column labels.</param>
    public static MatrixView Show(double[,] values, string? name = null, IReadOnlyList<string>? rowLabels = null,
        IReadOnlyList<string>? columnLabels = null) => new(values, name, rowLabels, columnLabels);

    /// <summary>
    /// An output that carries plotly.js (2.28.0, about 3.6 MB) into the notebook view. Later charts reuse it; charts
    /// waiting for it draw as soon as it arrives. Put it in a notebook's setup cell to make every chart output small.
    /// </summary>
    public static PlotlyJsLoader LoadPlotlyJs() => new();

    /// <summary>Restarts chart numbering and plotly.js embedding, as at the start of a new notebook.</summary>
    public static void ResetSession() => ChartSession.Reset();

    private static int Digits(int? digits)
    {
        if (digits is { } d)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(d, 1, nameof(digits));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(d, 17, nameof(digits));
            return d;
        }

        return DisplaySettings.Precision;
    }
}
