using System.Numerics;
using System.Runtime.CompilerServices;
using SoftmaxNotebooks.Kernels;

namespace SoftmaxNotebooks;

// Cross-entropy with logits. Rules shared by every overload (also stated in the XML docs):
// targets are finite and nonnegative; terms with p_i = 0 count 0 even where u_i = −∞; positive mass on a −∞ logit
// gives +∞; +∞ logits follow the softmax convention (+∞ loss if the target has mass on a finite logit).
public static partial class SoftmaxFunctions
{
    /// <summary>Cross-entropy with logits h(u) = −Σ_i p_i·log softmax(u)_i = −⟨p, u⟩ + (Σp)·LSE(u).</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="p">The target: any finite nonnegative vector; Σp = 1 gives the usual loss, whose minimum over u
    /// is the entropy H(p) (h − H(p) = KL(p ‖ softmax u)).</param>
    /// <param name="u">The logits, as many as targets.</param>
    /// <returns>Σ_i p_i·((a − u_i) + log1p(s)), a sum of nonnegative terms; 0 when p is all zero (or empty).</returns>
    /// <remarks>
    /// <para>0·(−∞) counts as 0: a masked logit with zero target probability costs nothing. A target with positive
    /// probability on a −∞ logit gives +∞. With +∞ logits the softmax convention applies (the c infinite logits share
    /// the mass): the loss is (Σp)·log c when the target lives on them and +∞ otherwise. Never NaN.</para>
    /// <para>Accuracy: |error| ≤ 8ε·Σ_i p_i·(|u_i − a| + |log-softmax_i| + κ) + 4 ulp(h). Allocation-free.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">Lengths differ; a target is negative, NaN or +∞; or a logit is NaN.</exception>
    public static T CrossEntropyWithLogits<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> u) where T : IFloatingPointIeee754<T> =>
        CrossEntropyKernel.Loss(Target<T>.Explicit(p, u.Length, -1), u);

    /// <summary>Cross-entropy with logits for a hard label: −log softmax(u)_label = LSE(u) − u_label.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="label">The class index, 0 ≤ label &lt; u.Length.</param>
    /// <param name="u">The logits.</param>
    /// <returns>(a − u_label) + log1p(s); +∞ if u_label = −∞ (or is finite while some logit is +∞).</returns>
    /// <remarks>Equals the explicit-target overload with the one-hot target. Allocation-free.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="label"/> is not a class index.</exception>
    /// <exception cref="ArgumentException">A logit is NaN.</exception>
    public static T CrossEntropyWithLogits<T>(int label, ReadOnlySpan<T> u) where T : IFloatingPointIeee754<T> =>
        CrossEntropyKernel.Loss(Target<T>.Label(label, u.Length, T.Zero), u);

    /// <summary>Cross-entropy with logits for a label-smoothed target (1 − ε)·onehot(label) + ε/n.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="label">The class index, 0 ≤ label &lt; u.Length.</param>
    /// <param name="u">The logits (n = u.Length classes).</param>
    /// <param name="labelSmoothing">ε in [0, 1]; 0 is the hard label, 1 the uniform target.</param>
    /// <returns>(1 − ε)·h_label + (ε/n)·Σ_i h_i with h_i = −log softmax(u)_i; +∞ if ε &gt; 0 and some logit is −∞.</returns>
    /// <remarks>Allocation-free: the smoothed target is never materialised.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="label"/> is not a class index, or
    /// <paramref name="labelSmoothing"/> lies outside [0, 1].</exception>
    /// <exception cref="ArgumentException">A logit is NaN.</exception>
    public static T CrossEntropyWithLogits<T>(int label, ReadOnlySpan<T> u, T labelSmoothing)
        where T : IFloatingPointIeee754<T> =>
        CrossEntropyKernel.Loss(Target<T>.Label(label, u.Length, labelSmoothing), u);

    /// <summary>Gradient of the cross-entropy with logits with respect to u: (Σp)·softmax(u) − p.</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="p">The target: finite and nonnegative, as many as logits.</param>
    /// <param name="u">The logits.</param>
    /// <param name="destination">Receives the gradient; as long as u; may be u itself but must not overlap p.</param>
    /// <remarks>
    /// <para>Σp = 1 gives softmax(u) − p, zero exactly at softmax(u) = p (the minimum: h is convex). Each component is
    /// one fused multiply-add, so |error_i| ≤ 8ε·((Σp)·s_i·(1 + |u_i − a| + κ) + p_i).</para>
    /// <para>At the largest logit k, where s_k &gt; ½, that absolute bound is all there is to (Σp)·s_k − p_k when it
    /// cancels (the right label: s_k − 1 is rounding error only once s_k rounds to 1, at u = (40, 0, 0)). There the
    /// entry is formed as g_k = (Σ_{j≠k} p_j) − (Σp)·(1 − s_k) instead, with 1 − s_k = s/(1 + s) from the softmax
    /// kernel and Σ_{j≠k} p_j from the unrounded compensated Σp (exact subtraction of p_k): |error_k| ≤
    /// (Σp)·(1 − s_k)·max_{j≠k} η_j + 2ε·(Σ_{j≠k} p_j + |g_k|), η_j = 8ε·(1 + |u_j − a| + κ), a few ε relative for a
    /// one-hot target on k however close s_k is to 1 (against mpmath up to u = (700, 0, 0):
    /// tests/SoftmaxNotebooks.Tests/Accuracy/CancellationReferenceTests).</para>
    /// <para>p all zero gives the zero gradient. +∞ logits use the softmax convention. All logits −∞ with positive
    /// target mass: the loss is +∞ and has no gradient, an <see cref="ArgumentException"/>.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">Lengths differ; a target is negative, NaN or +∞; a logit is NaN; all
    /// logits are −∞ while p has mass; or the destination overlaps p (or u partially).</exception>
    public static void CrossEntropyWithLogitsGradient<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> u, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Target<T> target = Target<T>.Explicit(p, u.Length, -1);
        CheckGradientDestination(p, u, destination);
        CrossEntropyKernel.Gradient(target, u, destination, T.One);
    }

    /// <summary>Gradient of the hard-label cross-entropy: softmax(u) − onehot(label).</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="label">The class index, 0 ≤ label &lt; u.Length.</param>
    /// <param name="u">The logits.</param>
    /// <param name="destination">Receives the gradient; as long as u, or u itself.</param>
    /// <remarks>+∞ logits use the softmax convention. Allocation-free. Accuracy as in
    /// <see cref="CrossEntropyWithLogitsGradient{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>: at a label with
    /// s_label &gt; ½ the entry s_label − 1 is formed as −(1 − s_label), without cancellation.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="label"/> is not a class index.</exception>
    /// <exception cref="ArgumentException">A logit is NaN, all logits are −∞, or the destination does not fit.</exception>
    public static void CrossEntropyWithLogitsGradient<T>(int label, ReadOnlySpan<T> u, Span<T> destination)
        where T : IFloatingPointIeee754<T>
    {
        Target<T> target = Target<T>.Label(label, u.Length, T.Zero);
        SoftmaxKernel.CheckDestination(u, destination, nameof(u));
        CrossEntropyKernel.Gradient(target, u, destination, T.One);
    }

    /// <summary>Gradient of the label-smoothed cross-entropy: softmax(u) − ((1 − ε)·onehot(label) + ε/n).</summary>
    /// <typeparam name="T">double, float or another IEEE 754 type.</typeparam>
    /// <param name="label">The class index, 0 ≤ label &lt; u.Length.</param>
    /// <param name="u">The logits.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <param name="destination">Receives the gradient; as long as u, or u itself.</param>
    /// <remarks>Allocation-free. Accuracy as in
    /// <see cref="CrossEntropyWithLogitsGradient{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>; at a label with
    /// s_label &gt; ½, Σ_{j≠label} p_j = ε − ε/n.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="label"/> is not a class index, or
    /// <paramref name="labelSmoothing"/> lies outside [0, 1].</exception>
    /// <exception cref="ArgumentException">A logit is NaN, all logits are −∞, or the destination does not fit.</exception>
    public static void CrossEntropyWithLogitsGradient<T>(int label, ReadOnlySpan<T> u, T labelSmoothing,
        Span<T> destination) where T : IFloatingPointIeee754<T>
    {
        Target<T> target = Target<T>.Label(label, u.Length, labelSmoothing);
        SoftmaxKernel.CheckDestination(u, destination, nameof(u));
        CrossEntropyKernel.Gradient(target, u, destination, T.One);
    }

    /// <summary>Cross-entropy with logits −⟨p, u⟩ + (Σp)·LSE(u); see <see cref="CrossEntropyWithLogits{T}(ReadOnlySpan{T}, ReadOnlySpan{T})"/>.</summary>
    /// <param name="p">The target: finite and nonnegative; Σp = 1 gives the usual loss.</param>
    /// <param name="u">The logits, as many as targets.</param>
    /// <returns>The loss Σ_i p_i·(−log softmax(u)_i) ≥ 0; +∞ where the target has mass on a −∞ logit.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">Lengths differ; a target is negative, NaN or +∞; or a logit is NaN.</exception>
    [OverloadResolutionPriority(1)]
    public static double CrossEntropyWithLogits(double[] p, double[] u)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(u);
        return CrossEntropyWithLogits(new ReadOnlySpan<double>(p), new ReadOnlySpan<double>(u));
    }

    /// <summary>Hard-label cross-entropy LSE(u) − u_label; see <see cref="CrossEntropyWithLogits{T}(int, ReadOnlySpan{T})"/>.</summary>
    /// <param name="label">The class index, 0 ≤ label &lt; u.Length.</param>
    /// <param name="u">The logits.</param>
    /// <returns>−log softmax(u)_label.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="u"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="label"/> is not a class index.</exception>
    /// <exception cref="ArgumentException">A logit is NaN.</exception>
    [OverloadResolutionPriority(1)]
    public static double CrossEntropyWithLogits(int label, double[] u)
    {
        ArgumentNullException.ThrowIfNull(u);
        return CrossEntropyWithLogits(label, new ReadOnlySpan<double>(u));
    }

    /// <summary>Label-smoothed cross-entropy; see <see cref="CrossEntropyWithLogits{T}(int, ReadOnlySpan{T}, T)"/>.</summary>
    /// <param name="label">The class index, 0 ≤ label &lt; u.Length.</param>
    /// <param name="u">The logits.</param>
    /// <param name="labelSmoothing">ε in [0, 1]: the target is (1 − ε)·onehot(label) + ε/n.</param>
    /// <returns>The loss against the smoothed target.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="u"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="label"/> is not a class index, or ε lies outside [0, 1].</exception>
    /// <exception cref="ArgumentException">A logit is NaN.</exception>
    [OverloadResolutionPriority(1)]
    public static double CrossEntropyWithLogits(int label, double[] u, double labelSmoothing)
    {
        ArgumentNullException.ThrowIfNull(u);
        return CrossEntropyWithLogits(label, new ReadOnlySpan<double>(u), labelSmoothing);
    }

    /// <summary>Gradient (Σp)·softmax(u) − p of the cross-entropy with logits, as a new array.</summary>
    /// <param name="p">The target: finite and nonnegative, as many as logits.</param>
    /// <param name="u">The logits.</param>
    /// <returns>The gradient with respect to u.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">See <see cref="CrossEntropyWithLogitsGradient{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Span{T})"/>.</exception>
    [OverloadResolutionPriority(1)]
    public static double[] CrossEntropyWithLogitsGradient(double[] p, double[] u) =>
        NewArray(u, NotNull(p), static (logits, target, destination) => CrossEntropyWithLogitsGradient<double>(target, logits, destination));

    /// <summary>Gradient softmax(u) − onehot(label) of the hard-label cross-entropy, as a new array.</summary>
    /// <param name="label">The class index, 0 ≤ label &lt; u.Length.</param>
    /// <param name="u">The logits.</param>
    /// <returns>The gradient with respect to u.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="u"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="label"/> is not a class index.</exception>
    /// <exception cref="ArgumentException">A logit is NaN, or all logits are −∞.</exception>
    [OverloadResolutionPriority(1)]
    public static double[] CrossEntropyWithLogitsGradient(int label, double[] u) =>
        NewArray(u, label, static (logits, y, destination) => CrossEntropyWithLogitsGradient(y, logits, destination));

    /// <summary>Gradient of the label-smoothed cross-entropy, as a new array.</summary>
    /// <param name="label">The class index, 0 ≤ label &lt; u.Length.</param>
    /// <param name="u">The logits.</param>
    /// <param name="labelSmoothing">ε in [0, 1].</param>
    /// <returns>softmax(u) − ((1 − ε)·onehot(label) + ε/n).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="u"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="label"/> is not a class index, or ε lies outside [0, 1].</exception>
    /// <exception cref="ArgumentException">A logit is NaN, or all logits are −∞.</exception>
    [OverloadResolutionPriority(1)]
    public static double[] CrossEntropyWithLogitsGradient(int label, double[] u, double labelSmoothing) =>
        NewArray(u, (label, labelSmoothing), static (logits, target, destination) =>
            CrossEntropyWithLogitsGradient(target.label, logits, target.labelSmoothing, destination));

    /// <summary>Mean cross-entropy with logits over the rows of a batch: (1/m)·Σ_r h(p_r, u_r).</summary>
    /// <param name="p">One target per row, finite and nonnegative; the same shape as <paramref name="u"/>.</param>
    /// <param name="u">One logit vector per row.</param>
    /// <returns>The mean loss (the average negative log-likelihood for one-hot targets); +∞ if a row's loss is.</returns>
    /// <remarks>Each row follows the rules of <see cref="CrossEntropyWithLogits(double[], double[])"/>; the mean is a
    /// compensated sum divided by the row count. Errors name the entry as p[row, column] or u[row, column].</remarks>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes differ, there are no rows, or an entry is invalid.</exception>
    public static double CrossEntropyWithLogitsRows(double[,] p, double[,] u)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(u);
        CheckSameShape(p, u);
        return MeanLoss(new RowTargets(MatrixSpan.Read(p), null, 0.0), u);
    }

    /// <summary>Mean hard-label cross-entropy over the rows of a batch (the negative log-likelihood per sample).</summary>
    /// <param name="labels">One class index per row.</param>
    /// <param name="u">One logit vector per row.</param>
    /// <returns>(1/m)·Σ_r (LSE(u_r) − u_r[labels_r]).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is not a class index.</exception>
    /// <exception cref="ArgumentException">The label count differs from the row count, there are no rows, or a logit is NaN.</exception>
    public static double CrossEntropyWithLogitsRows(int[] labels, double[,] u) =>
        CrossEntropyWithLogitsRows(labels, u, 0.0);

    /// <summary>Mean label-smoothed cross-entropy over the rows of a batch.</summary>
    /// <param name="labels">One class index per row.</param>
    /// <param name="u">One logit vector per row.</param>
    /// <param name="labelSmoothing">ε in [0, 1], the same for every row.</param>
    /// <returns>The mean over rows of <see cref="CrossEntropyWithLogits(int, double[], double)"/>.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is not a class index, or ε lies outside [0, 1].</exception>
    /// <exception cref="ArgumentException">The label count differs from the row count, there are no rows, or a logit is NaN.</exception>
    public static double CrossEntropyWithLogitsRows(int[] labels, double[,] u, double labelSmoothing)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(u);
        CheckLabels(labels, u);
        return MeanLoss(new RowTargets(default, labels, labelSmoothing), u);
    }

    /// <summary>Gradient of <see cref="CrossEntropyWithLogitsRows(double[,], double[,])"/>: row r is
    /// ((Σp_r)·softmax(u_r) − p_r)/m.</summary>
    /// <param name="p">One target per row, finite and nonnegative; the same shape as <paramref name="u"/>.</param>
    /// <param name="u">One logit vector per row.</param>
    /// <returns>The gradient of the mean loss with respect to u, the shape of u.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The shapes differ, there are no rows, an entry is invalid, or a row of u is
    /// all −∞ while its target has mass.</exception>
    public static double[,] CrossEntropyWithLogitsGradientRows(double[,] p, double[,] u)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(u);
        CheckSameShape(p, u);
        return GradientRows(new RowTargets(MatrixSpan.Read(p), null, 0.0), u);
    }

    /// <summary>Gradient of <see cref="CrossEntropyWithLogitsRows(int[], double[,])"/>: row r is
    /// (softmax(u_r) − onehot(labels_r))/m.</summary>
    /// <param name="labels">One class index per row.</param>
    /// <param name="u">One logit vector per row.</param>
    /// <returns>The gradient of the mean loss with respect to u, the shape of u.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is not a class index.</exception>
    /// <exception cref="ArgumentException">The label count differs from the row count, there are no rows, a logit is
    /// NaN, or a row is all −∞.</exception>
    public static double[,] CrossEntropyWithLogitsGradientRows(int[] labels, double[,] u) =>
        CrossEntropyWithLogitsGradientRows(labels, u, 0.0);

    /// <summary>Gradient of <see cref="CrossEntropyWithLogitsRows(int[], double[,], double)"/>.</summary>
    /// <param name="labels">One class index per row.</param>
    /// <param name="u">One logit vector per row.</param>
    /// <param name="labelSmoothing">ε in [0, 1], the same for every row.</param>
    /// <returns>Row r is (softmax(u_r) − ((1 − ε)·onehot(labels_r) + ε/n))/m.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is not a class index, or ε lies outside [0, 1].</exception>
    /// <exception cref="ArgumentException">The label count differs from the row count, there are no rows, a logit is
    /// NaN, or a row is all −∞.</exception>
    public static double[,] CrossEntropyWithLogitsGradientRows(int[] labels, double[,] u, double labelSmoothing)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(u);
        CheckLabels(labels, u);
        return GradientRows(new RowTargets(default, labels, labelSmoothing), u);
    }

    /// <summary>The targets of a batch: the rows of p, or one (smoothed) label per row.</summary>
    private readonly ref struct RowTargets(ReadOnlySpan<double> p, int[]? labels, double labelSmoothing)
    {
        private readonly ReadOnlySpan<double> p = p;

        public Target<double> Row(int r, int columns) => labels is null
            ? Target<double>.Explicit(p.Slice(r * columns, columns), columns, r)
            : Target<double>.Label(labels[r], columns, labelSmoothing, LabelName(r));
    }

    private static double MeanLoss(RowTargets targets, double[,] u)
    {
        int columns = u.GetLength(1);
        int rows = CheckRows(u);
        ReadOnlySpan<double> us = MatrixSpan.Read(u);
        var sum = new CompensatedSum<double>();
        for (int r = 0; r < rows; r++)
        {
            sum.Add(CrossEntropyKernel.Loss(targets.Row(r, columns), us.Slice(r * columns, columns), r));
        }

        return Mean(sum.Total, rows);
    }

    // Both forms reject a batch without rows, as their docs say (the label form used to return an empty matrix).
    private static double[,] GradientRows(RowTargets targets, double[,] u)
    {
        int rows = CheckRows(u);
        int columns = u.GetLength(1);
        var result = new double[rows, columns];
        ReadOnlySpan<double> us = MatrixSpan.Read(u);
        Span<double> gs = MatrixSpan.Write(result);
        for (int r = 0; r < rows; r++)
        {
            CrossEntropyKernel.Gradient(targets.Row(r, columns), us.Slice(r * columns, columns),
                gs.Slice(r * columns, columns), rows, r);
        }

        return result;
    }

    private static double Mean(double total, int rows) => double.IsPositiveInfinity(total) ? total : total / rows;

    private static int CheckRows(double[,] u)
    {
        if (u.GetLength(0) == 0)
        {
            ThrowHelper.ThrowNoRows(nameof(u));
        }

        return u.GetLength(0);
    }

    private static void CheckSameShape(double[,] p, double[,] u)
    {
        if (p.GetLength(0) != u.GetLength(0) || p.GetLength(1) != u.GetLength(1))
        {
            ThrowHelper.ThrowShapeMismatch(nameof(p), p.GetLength(0), p.GetLength(1), nameof(u), u.GetLength(0),
                u.GetLength(1));
        }
    }

    private static void CheckLabels(int[] labels, double[,] u)
    {
        if (labels.Length != u.GetLength(0))
        {
            ThrowHelper.ThrowLabelCount(labels.Length, u.GetLength(0));
        }
    }

    private static string LabelName(int row) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"labels[{row}]");

    private static void CheckGradientDestination<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> u, Span<T> destination)
    {
        SoftmaxKernel.CheckDestination(u, destination, nameof(u));
        if (p.Overlaps(destination))
        {
            ThrowHelper.ThrowOverlap(nameof(destination), nameof(p));
        }
    }
}
