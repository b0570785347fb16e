using SoftmaxNotebooks.Display;

namespace SoftmaxNotebooks;

public static partial class Charts
{
    /// <summary>
    /// The kit's qualitative palette, every chart's colour cycle: mid-tone hues after Okabe and Ito's colour-blind-safe
    /// set, each with at least 3:1 contrast against white and against dark themes' backgrounds. Class k is drawn in
    /// <c>ClassColors[k % ClassColors.Count]</c> in every class chart, with its own marker symbol as well.
    /// </summary>
    public static IReadOnlyList<string> ClassColors => ChartPalette.Colors;

    // Classes differ in shape as well as colour (WCAG 1.4.1): k is drawn with ClassSymbols[k % 6].
    private static readonly MarkerSymbol[] ClassSymbols =
        [MarkerSymbol.Circle, MarkerSymbol.Square, MarkerSymbol.Diamond, MarkerSymbol.TriangleUp, MarkerSymbol.Cross, MarkerSymbol.Star];

    /// <summary>
    /// Decision regions of a classifier over a plane: the predicted class of every grid cell as a faint heatmap, and
    /// the data points on top in the same colour per class, one legend entry per class.
    /// </summary>
    /// <param name="xGrid">The grid's x coordinates, increasing.</param>
    /// <param name="yGrid">The grid's y coordinates, increasing.</param>
    /// <param name="classOfCell">
    /// <c>classOfCell[i, j]</c> is the class predicted at (<paramref name="xGrid"/>[i], <paramref name="yGrid"/>[j]):
    /// first index x, second index y, values 0 to <paramref name="classNames"/>.Count − 1.
    /// </param>
    /// <param name="classNames">The class names; class k is drawn in <see cref="ClassColors"/>[k].</param>
    /// <param name="points">The data points with their true labels (0 to <paramref name="classNames"/>.Count − 1).</param>
    /// <param name="xTitle">The x axis title (the first feature).</param>
    /// <param name="yTitle">The y axis title (the second feature).</param>
    /// <param name="title">The chart title.</param>
    /// <exception cref="ArgumentException">Sizes disagree, or a class or label is out of range.</exception>
    public static Figure DecisionRegions(double[] xGrid, double[] yGrid, int[,] classOfCell, IReadOnlyList<string> classNames,
        IReadOnlyList<(double X, double Y, int Label)> points, string xTitle, string yTitle, string title)
    {
        ArgumentNullException.ThrowIfNull(xGrid);
        ArgumentNullException.ThrowIfNull(yGrid);
        ArgumentNullException.ThrowIfNull(classOfCell);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(points);
        if (classNames.Count == 0)
        {
            throw new ArgumentException("Need at least one class name.", nameof(classNames));
        }

        if (classOfCell.GetLength(0) != xGrid.Length || classOfCell.GetLength(1) != yGrid.Length)
        {
            throw new ArgumentException(
                $"classOfCell is {classOfCell.GetLength(0)} × {classOfCell.GetLength(1)} but the grid is {xGrid.Length} x values × {yGrid.Length} y values; " +
                "classOfCell[i, j] belongs to (xGrid[i], yGrid[j]).", nameof(classOfCell));
        }

        var n = classNames.Count;
        // plotly.js wants one row per y value: row j, column i.
        var z = new IReadOnlyList<double>[yGrid.Length];
        for (var j = 0; j < yGrid.Length; j++)
        {
            var row = new double[xGrid.Length];
            for (var i = 0; i < xGrid.Length; i++)
            {
                var k = classOfCell[i, j];
                if (k < 0 || k >= n)
                {
                    throw new ArgumentException($"classOfCell[{i}, {j}] = {k} is not a class (0 to {n - 1}).", nameof(classOfCell));
                }

                row[i] = k;
            }

            z[j] = row;
        }

        for (var p = 0; p < points.Count; p++)
        {
            if (points[p].Label < 0 || points[p].Label >= n)
            {
                throw new ArgumentException($"points[{p}] has label {points[p].Label}, not a class (0 to {n - 1}).", nameof(points));
            }
        }

        var colors = Enumerable.Range(0, n).Select(ClassColor).ToArray();
        var traces = new List<Trace>
        {
            new()
            {
                Kind = TraceKind.Heatmap,
                Name = "predicted class",
                X = xGrid.ToArray(),
                Y = yGrid.ToArray(),
                Z = z,
                CellColors = colors,
                // Faint enough that points of the same colour stand out on their own region.
                Opacity = 0.3,
            },
        };
        for (var k = 0; k < n; k++)
        {
            var label = k;
            var mine = points.Where(p => p.Label == label).ToArray();
            traces.Add(new Trace
            {
                Kind = TraceKind.Markers,
                Name = classNames[k],
                X = mine.Select(p => p.X).ToArray(),
                Y = mine.Select(p => p.Y).ToArray(),
                Color = colors[k],
                Symbol = ClassSymbols[k % ClassSymbols.Length],
                MarkerSize = 7,
            });
        }

        return new Figure
        {
            Title = title,
            Traces = traces,
            XAxis = new Axis { Title = xTitle },
            YAxis = new Axis { Title = yTitle },
            Height = 480,
        };
    }

    /// <summary>
    /// A reliability diagram: predictions grouped by confidence into equal-width bins on [0, 1], each bin's accuracy
    /// against its mean confidence, beside the diagonal of perfect calibration. The legend gives the expected
    /// calibration error ECE = Σ_b (n_b / N)·|accuracy_b − confidence_b|, and each point is labelled with its bin's
    /// count n_b. Empty bins are left out.
    /// </summary>
    /// <param name="confidence">The probability the model gave its predicted class, one per prediction, in [0, 1].</param>
    /// <param name="correct">Whether each prediction was right.</param>
    /// <param name="bins">Number of bins, at least 1.</param>
    /// <param name="title">The chart title.</param>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A confidence outside [0, 1] (or NaN), or fewer than one bin.</exception>
    public static Figure Reliability(IReadOnlyList<double> confidence, IReadOnlyList<bool> correct, int bins = 10, string title = "Reliability")
    {
        ArgumentNullException.ThrowIfNull(confidence);
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        if (confidence.Count != correct.Count || confidence.Count == 0)
        {
            throw new ArgumentException($"Got {confidence.Count} confidences and {correct.Count} outcomes (need the same number, at least one).", nameof(correct));
        }

        var count = new int[bins];
        var confidenceSum = new double[bins];
        var correctCount = new int[bins];
        for (var i = 0; i < confidence.Count; i++)
        {
            var c = confidence[i];
            if (!(c >= 0 && c <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(confidence), c, $"confidence[{i}] is not in [0, 1].");
            }

            // Bins are [b/B, (b+1)/B); confidence 1 belongs to the last one.
            var b = Math.Min((int)(c * bins), bins - 1);
            count[b]++;
            confidenceSum[b] += c;
            correctCount[b] += correct[i] ? 1 : 0;
        }

        var used = Enumerable.Range(0, bins).Where(b => count[b] > 0).ToArray();
        var meanConfidence = used.Select(b => confidenceSum[b] / count[b]).ToArray();
        var accuracy = used.Select(b => (double)correctCount[b] / count[b]).ToArray();
        var ece = used.Select((b, k) => (double)count[b] / confidence.Count * Math.Abs(accuracy[k] - meanConfidence[k])).Sum();
        return new Figure
        {
            Title = title,
            Traces =
            [
                new Trace { Kind = TraceKind.Lines, Name = "perfect calibration", X = [0.0, 1.0], Y = [0.0, 1.0], Dash = LineDash.Dash },
                // Each point says how many predictions its bin holds: an accuracy of 0 or 1 over two predictions
                // is a different claim from one over two hundred.
                new Trace
                {
                    Kind = TraceKind.LinesAndMarkers,
                    Name = $"model (ECE = {Label(ece)}; n = predictions per bin)",
                    X = meanConfidence,
                    Y = accuracy,
                    MarkerSize = 9,
                    PointLabels = used.Select(b => "n = " + count[b].ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray(),
                },
            ],
            XAxis = new Axis { Title = "confidence (mean per bin)", Range = (0, 1) },
            // Headroom above 1 for the count over a bin at accuracy 1.
            YAxis = new Axis { Title = "accuracy (per bin)", Range = (0, 1.1) },
        };
    }

    private static string ClassColor(int k) => ClassColors[k % ClassColors.Count];
}
