using System.Globalization;

namespace SoftmaxNotebooks.Runner.IO;

/// <summary>Byte counts as messages write them.</summary>
internal static class ByteCount
{
    private const long MiB = 1024 * 1024;

    /// <summary>"1.5 GiB" for whole eighths of a GiB from 1 GiB, else "64 MiB", "0.5 MiB".</summary>
    /// <param name="bytes">The count.</param>
    public static string Format(long bytes) => bytes >= 1024 * MiB && bytes % (128 * MiB) == 0
        ? (bytes / (1024.0 * MiB)).ToString("0.###", CultureInfo.InvariantCulture) + " GiB"
        : (bytes / (double)MiB).ToString("0.##", CultureInfo.InvariantCulture) + " MiB";
}
