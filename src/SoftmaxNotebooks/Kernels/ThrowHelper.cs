using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Numerics;

namespace SoftmaxNotebooks.Kernels;

/// <summary>
/// Builds the exceptions of the public edge. Messages are formatted with the invariant culture so that they read
/// the same on every machine, and name the argument, the index (row and column for matrices) and the value.
/// </summary>
internal static class ThrowHelper
{
    internal static string Position(string paramName, int row, int index) => row < 0
        ? string.Create(CultureInfo.InvariantCulture, $"{paramName}[{index}]")
        : string.Create(CultureInfo.InvariantCulture, $"{paramName}[{row}, {index}]");

    [DoesNotReturn]
    internal static void ThrowNaN(string paramName, int row, int index) =>
        throw new ArgumentException(
            $"{Position(paramName, row, index)} is NaN; the functions are undefined for NaN inputs.", paramName);

    [DoesNotReturn]
    internal static void ThrowNaNScalar(string paramName) =>
        throw new ArgumentException($"{paramName} is NaN; the function is undefined for NaN.", paramName);

    [DoesNotReturn]
    internal static void ThrowLengthMismatch(string firstName, int firstLength, string secondName, int secondLength) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"Lengths differ: {firstName} has {firstLength} elements but {secondName} has {secondLength}."), secondName);

    [DoesNotReturn]
    internal static void ThrowLabelCount(int labels, int rows) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"Lengths differ: labels has {labels} elements but u has {rows} rows."), nameof(labels));

    [DoesNotReturn]
    internal static void ThrowShapeMismatch(string firstName, int firstRows, int firstColumns, string secondName,
        int secondRows, int secondColumns) =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"Shapes differ: {firstName} is {firstRows}×{firstColumns} but {secondName} is {secondRows}×{secondColumns}."),
            secondName);

    [DoesNotReturn]
    internal static void ThrowNoOutcomes(string paramName, int row) =>
        throw new ArgumentException(
            (row < 0 ? paramName : string.Create(CultureInfo.InvariantCulture, $"Row {row} of {paramName}"))
            + " is empty or all its entries are −∞ (masked): there is no outcome to give probability to.", paramName);

    [DoesNotReturn]
    internal static void ThrowTemperature<T>(T temperature, string paramName) where T : IFloatingPointIeee754<T> =>
        throw new ArgumentOutOfRangeException(paramName,
            $"{paramName} must be positive and finite, but was {temperature.ToString(null, CultureInfo.InvariantCulture)}.");

    [DoesNotReturn]
    internal static void ThrowNotNonnegative<T>(string paramName, int row, int index, T value)
        where T : IFloatingPointIeee754<T> =>
        throw new ArgumentException(
            $"{Position(paramName, row, index)} is {value.ToString(null, CultureInfo.InvariantCulture)}; "
            + "it must be finite and nonnegative.", paramName);

    [DoesNotReturn]
    internal static void ThrowNotFinite<T>(string paramName, int index, T value) where T : IFloatingPointIeee754<T> =>
        throw new ArgumentException(
            $"{Position(paramName, -1, index)} is {value.ToString(null, CultureInfo.InvariantCulture)}; it must be finite.",
            paramName);

    [DoesNotReturn]
    internal static void ThrowDestinationLength(int expected, int actual, string destinationName = "destination") =>
        throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
            $"Lengths differ: the result has {expected} elements but {destinationName} has {actual}."), destinationName);

    [DoesNotReturn]
    internal static void ThrowOverlap(string destinationName, string inputName) =>
        throw new ArgumentException(
            $"{destinationName} overlaps {inputName}, which is still read after {destinationName} is written.",
            destinationName);

    [DoesNotReturn]
    internal static void ThrowPartialOverlap(string destinationName, string inputName) =>
        throw new ArgumentException(
            $"{destinationName} overlaps {inputName} without starting at the same element; use the same span for in-place results.",
            destinationName);

    [DoesNotReturn]
    internal static void ThrowLabel(int label, int count, string paramName = "label") =>
        throw new ArgumentOutOfRangeException(paramName, string.Create(CultureInfo.InvariantCulture,
            $"{paramName} is {label} but the logits have {count} classes (valid labels are 0 to {count - 1})."));

    [DoesNotReturn]
    internal static void ThrowLabelSmoothing<T>(T labelSmoothing) where T : IFloatingPointIeee754<T> =>
        throw new ArgumentOutOfRangeException(nameof(labelSmoothing),
            $"labelSmoothing must lie in [0, 1], but was {labelSmoothing.ToString(null, CultureInfo.InvariantCulture)}.");

    [DoesNotReturn]
    internal static void ThrowColumns(int columns, int length) =>
        throw new ArgumentOutOfRangeException(nameof(columns), string.Create(CultureInfo.InvariantCulture,
            $"columns is {columns}; it must be positive and divide the length {length} of z."));

    [DoesNotReturn]
    internal static void ThrowNoRows(string paramName) =>
        throw new ArgumentException($"{paramName} has no rows: the mean over rows is undefined.", paramName);

    [DoesNotReturn]
    internal static void ThrowNoGradient(string paramName) =>
        throw new ArgumentException(
            $"All entries of {paramName} are −∞ while the target has positive mass: the loss is +∞ and has no gradient.",
            paramName);
}
