using System.Numerics;
using SoftmaxNotebooks.Kernels;

namespace SoftmaxNotebooks;

// Row-wise batches: each row of a row-major matrix is one logit vector, and each result equals the single-vector
// function applied to that row (the same kernel runs on every row). Errors name the row and column.
public static partial class SoftmaxFunctions
{
    /// <summary>Log-sum-exp of every row of a row-major matrix stored in a span.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The matrix, row after row; its length is a multiple of <paramref name="columns"/>.</param>
    /// <param name="columns">The row length, positive.</param>
    /// <param name="destination">Receives one log-sum-exp per row (z.Length / columns values).</param>
    /// <remarks>Each value equals <see cref="LogSumExp{T}(ReadOnlySpan{T})"/> of its row. Allocation-free.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is not positive or does not divide the length.</exception>
    /// <exception cref="ArgumentException">An entry is NaN (named as z[row, column]), or the destination length is not the row count.</exception>
    public static void LogSumExpRows<T>(ReadOnlySpan<T> z, int columns, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        int rows = RowCount(z.Length, columns);
        if (destination.Length != rows)
        {
            ThrowHelper.ThrowDestinationLength(rows, destination.Length);
        }

        for (int r = 0; r < rows; r++)
        {
            destination[r] = SoftmaxKernel.LogSumExp(z.Slice(r * columns, columns), T.One, scaled: false, nameof(z), r);
        }
    }

    /// <summary>Softmax of every row of a row-major matrix stored in a span.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The matrix, row after row; its length is a multiple of <paramref name="columns"/>.</param>
    /// <param name="columns">The row length, positive.</param>
    /// <param name="destination">Receives the row softmaxes; as long as <paramref name="z"/>, or <paramref name="z"/> itself.</param>
    /// <remarks>Each row equals <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T})"/> of that row. Allocation-free.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is not positive or does not divide the length.</exception>
    /// <exception cref="ArgumentException">A row is all −∞, an entry is NaN, or the destination does not fit.</exception>
    public static void SoftmaxRows<T>(ReadOnlySpan<T> z, int columns, Span<T> destination)
        where T : IFloatingPointIeee754<T> =>
        NormalizeRows(z, columns, destination, log: false);

    /// <summary>Log-softmax of every row of a row-major matrix stored in a span.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="z">The matrix, row after row; its length is a multiple of <paramref name="columns"/>.</param>
    /// <param name="columns">The row length, positive.</param>
    /// <param name="destination">Receives the row log-softmaxes; as long as <paramref name="z"/>, or <paramref name="z"/> itself.</param>
    /// <remarks>Each row equals <see cref="LogSoftmax{T}(ReadOnlySpan{T}, Span{T})"/> of that row. Allocation-free.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="columns"/> is not positive or does not divide the length.</exception>
    /// <exception cref="ArgumentException">A row is all −∞, an entry is NaN, or the destination does not fit.</exception>
    public static void LogSoftmaxRows<T>(ReadOnlySpan<T> z, int columns, Span<T> destination)
        where T : IFloatingPointIeee754<T> =>
        NormalizeRows(z, columns, destination, log: true);

    // Softmax or log-softmax of every row: the same checks, and the single-vector kernel on each row.
    private static void NormalizeRows<T>(ReadOnlySpan<T> z, int columns, Span<T> destination, bool log)
        where T : IFloatingPointIeee754<T>
    {
        int rows = RowCount(z.Length, columns);
        SoftmaxKernel.CheckDestination(z, destination, nameof(z));
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = z.Slice(r * columns, columns);
            Span<T> target = destination.Slice(r * columns, columns);
            if (log)
            {
                SoftmaxKernel.LogSoftmax(row, T.One, scaled: false, target, nameof(z), r);
            }
            else
            {
                SoftmaxKernel.Softmax(row, T.One, scaled: false, target, nameof(z), r);
            }
        }
    }

    /// <summary>Log-sum-exp of every row of <paramref name="z"/>.</summary>
    /// <param name="z">One logit vector per row.</param>
    /// <returns>One value per row, equal to <see cref="LogSumExp(double[])"/> of the row; −∞ for every row when
    /// there are no columns.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">An entry is NaN (named as z[row, column]).</exception>
    public static double[] LogSumExpRows(double[,] z)
    {
        ArgumentNullException.ThrowIfNull(z);
        int rows = z.GetLength(0);
        int columns = z.GetLength(1);
        var result = new double[rows];
        if (columns == 0)
        {
            Array.Fill(result, double.NegativeInfinity);
            return result;
        }

        LogSumExpRows<double>(MatrixSpan.Read(z), columns, result);
        return result;
    }

    /// <summary>Softmax of every row of <paramref name="z"/>.</summary>
    /// <param name="z">One logit vector per row.</param>
    /// <returns>A matrix of the same shape whose rows equal <see cref="Softmax(double[])"/> of the rows of z.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">A row is empty or all −∞, or an entry is NaN.</exception>
    public static double[,] SoftmaxRows(double[,] z) => NewMatrix(z, SoftmaxRows<double>);

    /// <summary>Log-softmax of every row of <paramref name="z"/>.</summary>
    /// <param name="z">One logit vector per row.</param>
    /// <returns>A matrix of the same shape whose rows equal <see cref="LogSoftmax(double[])"/> of the rows of z.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="z"/> is null.</exception>
    /// <exception cref="ArgumentException">A row is empty or all −∞, or an entry is NaN.</exception>
    public static double[,] LogSoftmaxRows(double[,] z) => NewMatrix(z, LogSoftmaxRows<double>);

    // The body of the matrix overloads that return a matrix: rows without columns have no outcomes (the span form
    // cannot say so: its column count must be positive), and a matrix without rows gives an empty one.
    private static double[,] NewMatrix(double[,] z, Action<ReadOnlySpan<double>, int, Span<double>> rowFunction)
    {
        ArgumentNullException.ThrowIfNull(z);
        var result = new double[z.GetLength(0), z.GetLength(1)];
        if (z.GetLength(1) == 0 && z.GetLength(0) > 0)
        {
            ThrowHelper.ThrowNoOutcomes(nameof(z), 0);
        }

        if (z.Length > 0)
        {
            rowFunction(MatrixSpan.Read(z), z.GetLength(1), MatrixSpan.Write(result));
        }

        return result;
    }

    private static int RowCount(int length, int columns)
    {
        if (columns <= 0 || length % columns != 0)
        {
            ThrowHelper.ThrowColumns(columns, length);
        }

        return length / columns;
    }
}
