using System.Numerics;

namespace SoftmaxNotebooks.Benchmarks;

/// <summary>Seeded inputs shared by the benchmark classes, so every method of one case sees the same numbers.</summary>
public static class Inputs
{
    /// <summary>
    /// Logits uniform in [−8, 8]: the exponentials stay in range, so the unstable TensorPrimitives.SoftMax is a fair
    /// speed reference, and about half of the terms are far below the maximum as in real classifier outputs.
    /// </summary>
    public static T[] Logits<T>(int n, int seed) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var z = new T[n];
        for (int i = 0; i < n; i++)
        {
            z[i] = T.CreateTruncating(16.0 * random.NextDouble() - 8.0);
        }

        return z;
    }

    /// <summary>A soft target: nonnegative, summing to 1.</summary>
    public static T[] Target<T>(int n, int seed) where T : IFloatingPointIeee754<T>
    {
        var random = new Random(seed);
        var p = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            p[i] = random.NextDouble();
            total += p[i];
        }

        var target = new T[n];
        for (int i = 0; i < n; i++)
        {
            target[i] = T.CreateTruncating(p[i] / total);
        }

        return target;
    }
}
