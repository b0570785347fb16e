using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace SoftmaxNotebooks.Kernels;

/// <summary>Row-major views of rectangular arrays, so row-wise functions run the span kernels on each row.</summary>
internal static class MatrixSpan
{
    public static ReadOnlySpan<T> Read<T>(T[,] matrix) =>
        MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(matrix)),
            matrix.Length);

    public static Span<T> Write<T>(T[,] matrix) =>
        MemoryMarshal.CreateSpan(ref Unsafe.As<byte, T>(ref MemoryMarshal.GetArrayDataReference(matrix)),
            matrix.Length);
}
