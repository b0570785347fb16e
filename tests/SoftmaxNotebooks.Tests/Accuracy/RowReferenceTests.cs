using Xunit;

namespace SoftmaxNotebooks.Tests.Accuracy;

/// <summary>
/// The row-wise forms on batches of four same-length reference cases: every row within its own bound, the mean
/// cross-entropy within the mean of the row bounds plus the rounding of a sum of four and a division.
/// </summary>
public sealed class RowReferenceTests
{
    private const int Rows = 4;

    public static TheoryData<string> Groups => ReferenceData.GroupNames();

    [Theory]
    [MemberData(nameof(Groups))]
    public void RowWiseLseSoftmaxAndLogSoftmaxAreWithinTheirConditionBounds(string name)
    {
        RowGroup group = ReferenceData.Group(name);
        (double[,] u, _) = Matrices(group);
        double[] lse = SoftmaxFunctions.LogSumExpRows(u);
        double[,] softmax = SoftmaxFunctions.SoftmaxRows(u);
        double[,] logSoftmax = SoftmaxFunctions.LogSoftmaxRows(u);
        var report = new AccuracyReport($"row group '{name}'", Precision.Double);
        for (int r = 0; r < Rows; r++)
        {
            Condition k = Condition.Of(group.Rows[r], Precision.Double);
            string row = $"row {r} ('{group.Rows[r].Name}') ";
            ReferenceChecks.Lse(report, k, row + "LogSumExpRows", lse[r]);
            ReferenceChecks.Softmax(report, k, row + "SoftmaxRows", Row(softmax, r));
            ReferenceChecks.LogSoftmax(report, k, row + "LogSoftmaxRows", Row(logSoftmax, r));
        }

        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void MeanCrossEntropyOverRowsIsWithinItsConditionBound(string name)
    {
        RowGroup group = ReferenceData.Group(name);
        (double[,] u, double[,] p) = Matrices(group);
        double rowBounds = 0;
        for (int r = 0; r < Rows; r++)
        {
            ReferenceCase c = group.Rows[r];
            rowBounds += Condition.Of(c, Precision.Double).CrossEntropyBound(c.P!, c.CrossEntropy!.Value);
        }

        double bound = (rowBounds / Rows) + (Rows * Precision.Double.Epsilon * group.CrossEntropyMean.Magnitude);
        var report = new AccuracyReport($"row group '{name}' [{string.Join(", ", group.Rows.Select(c => c.Name))}]",
            Precision.Double);
        report.Check("CrossEntropyWithLogitsRows(p, u)", double.NaN, group.CrossEntropyMean,
            SoftmaxFunctions.CrossEntropyWithLogitsRows(p, u), bound);
        if (group.Labels)
        {
            int[] labels = group.Rows.Select(c => c.Label!.Value).ToArray();
            report.Check("CrossEntropyWithLogitsRows(labels, u)", double.NaN, group.CrossEntropyMean,
                SoftmaxFunctions.CrossEntropyWithLogitsRows(labels, u), bound);
        }

        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(Groups))]
    public void GradientOfTheMeanCrossEntropyIsWithinItsConditionBound(string name)
    {
        RowGroup group = ReferenceData.Group(name);
        (double[,] u, double[,] p) = Matrices(group);
        double[,] gradient = SoftmaxFunctions.CrossEntropyWithLogitsGradientRows(p, u);
        var report = new AccuracyReport($"row group '{name}'", Precision.Double);
        for (int r = 0; r < Rows; r++)
        {
            ReferenceCase c = group.Rows[r];
            Condition k = Condition.Of(c, Precision.Double);
            for (int i = 0; i < c.Z.Length; i++)
            {
                // The mean divides each row's gradient by 4, which scales reference and bound exactly.
                ExactValue expected = c.Gradient![i].Scaled(-2);
                string output = $"row {r} ('{c.Name}') CrossEntropyWithLogitsGradientRows[{i}]";
                if (c.IsLive(i))
                {
                    report.Check(output, c.Z[i], expected, gradient[r, i], k.GradientBound(i, c.P!) / Rows);
                }
                else
                {
                    report.CheckExact(output, c.Z[i], expected, gradient[r, i]);
                }
            }
        }

        report.ThrowIfAny();
    }

    private static (double[,] U, double[,] P) Matrices(RowGroup group)
    {
        Assert.Equal(Rows, group.Rows.Length);
        int n = group.Rows[0].Z.Length;
        var u = new double[Rows, n];
        var p = new double[Rows, n];
        for (int r = 0; r < Rows; r++)
        {
            for (int i = 0; i < n; i++)
            {
                u[r, i] = group.Rows[r].Z[i];
                p[r, i] = group.Rows[r].P![i];
            }
        }

        return (u, p);
    }

    private static double[] Row(double[,] matrix, int r)
    {
        var row = new double[matrix.GetLength(1)];
        for (int i = 0; i < row.Length; i++)
        {
            row[i] = matrix[r, i];
        }

        return row;
    }
}
