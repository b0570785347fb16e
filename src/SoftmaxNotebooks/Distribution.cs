using System.Collections.ObjectModel;
using System.Numerics.Tensors;
using SoftmaxNotebooks.Kernels;

namespace SoftmaxNotebooks;

/// <summary>
/// A validated probability vector over a finite set of outcomes, with optional outcome labels and numeric outcome
/// values. Instances are immutable: the probabilities are checked once in a factory method, normalised exactly once,
/// and trusted afterwards.
/// </summary>
/// <remarks>
/// Conventions: logarithms are natural (nats) unless a member says bits; 0·log 0 = 0; a divergence or cross entropy that
/// needs q_i = 0 where p_i &gt; 0 is +∞, never NaN.
/// </remarks>
[Formatting.TypeFormatterSource(typeof(Formatting.DisplayFormatterSource<Distribution>))]
public sealed class Distribution
{
    /// <summary>Default tolerance of <see cref="FromProbabilities"/> on |Σp − 1|.</summary>
    public const double DefaultSumTolerance = 1e-9;

    private readonly double[] probabilities;
    private readonly double[]? values;

    private Distribution(double[] probabilities, IReadOnlyList<string>? labels, double[]? values)
    {
        this.probabilities = probabilities;
        this.values = values;
        Probabilities = Array.AsReadOnly(probabilities);
        Labels = labels;
        Values = values is null ? null : Array.AsReadOnly(values);
    }

    /// <summary>Number of outcomes (≥ 1).</summary>
    public int Count => probabilities.Length;

    /// <summary>The probabilities p_i: finite, in [0, 1], summing to 1 up to rounding.</summary>
    public IReadOnlyList<double> Probabilities { get; }

    /// <summary>Outcome labels, one per outcome, or null when none were given.</summary>
    public IReadOnlyList<string>? Labels { get; }

    /// <summary>Numeric outcome values x_i (used by <see cref="Expectation()"/> and <see cref="Variance()"/>), or null.</summary>
    public IReadOnlyList<double>? Values { get; }

    /// <summary>The probability of outcome <paramref name="index"/>.</summary>
    /// <param name="index">0 ≤ index &lt; <see cref="Count"/>, else <see cref="ArgumentOutOfRangeException"/>.</param>
    public double this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            return probabilities[index];
        }
    }

    /// <summary>Index of the most probable outcome (the first one on ties).</summary>
    public int Mode
    {
        get
        {
            int best = 0;
            for (int i = 1; i < probabilities.Length; i++)
            {
                if (probabilities[i] > probabilities[best])
                {
                    best = i;
                }
            }

            return best;
        }
    }

    /// <summary>
    /// A distribution from probabilities. Every p_i must be finite and ≥ 0 and |Σp − 1| ≤ <paramref name="sumTolerance"/>;
    /// the vector is then divided by its sum once, so the stored probabilities sum to 1 up to rounding.
    /// </summary>
    /// <param name="probabilities">p_i, not empty. NaN, ±∞ or a negative entry → <see cref="ArgumentException"/> naming the index.</param>
    /// <param name="labels">Optional labels, one per outcome.</param>
    /// <param name="values">Optional finite outcome values, one per outcome.</param>
    /// <param name="sumTolerance">Allowed |Σp − 1|, in [0, 1); a sum outside it → <see cref="ArgumentException"/> stating the sum.</param>
    public static Distribution FromProbabilities(
        double[] probabilities,
        IReadOnlyList<string>? labels = null,
        double[]? values = null,
        double sumTolerance = DefaultSumTolerance)
    {
        if (!(sumTolerance >= 0 && sumTolerance < 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(sumTolerance), PhysicsGuard.Format($"The sum tolerance must lie in [0, 1), but was {PhysicsGuard.Format(sumTolerance)}."));
        }

        double[] p = Nonnegative(probabilities, nameof(probabilities), "probabilities");
        double sum = p.Sum();
        if (!(Math.Abs(sum - 1.0) <= sumTolerance))
        {
            throw new ArgumentException(
                PhysicsGuard.Format($"The probabilities sum to {PhysicsGuard.Format(sum)}, not 1 within {PhysicsGuard.Format(sumTolerance)}; use FromWeights to normalise arbitrary weights."),
                nameof(probabilities));
        }

        Normalize(p, sum);
        return new Distribution(p, CopyLabels(labels, p.Length), CopyValues(values, p.Length));
    }

    /// <summary>
    /// A distribution proportional to nonnegative weights: p_i = w_i / Σw. Weights may be any finite size; the sum is
    /// formed after scaling by the largest weight, so it cannot overflow.
    /// </summary>
    /// <param name="weights">w_i, finite and ≥ 0, not all 0 (else <see cref="ArgumentException"/> naming the index or the rule).</param>
    /// <param name="labels">Optional labels, one per outcome.</param>
    /// <param name="values">Optional finite outcome values, one per outcome.</param>
    public static Distribution FromWeights(double[] weights, IReadOnlyList<string>? labels = null, double[]? values = null)
    {
        double[] p = Nonnegative(weights, nameof(weights), "weights");
        double max = p.Max();
        if (max == 0)
        {
            throw new ArgumentException("All weights are 0; at least one weight must be positive.", nameof(weights));
        }

        for (int i = 0; i < p.Length; i++)
        {
            p[i] /= max;
        }

        Normalize(p, p.Sum());
        return new Distribution(p, CopyLabels(labels, p.Length), CopyValues(values, p.Length));
    }

    /// <summary>
    /// The softmax distribution of logits at a temperature: p = Softmax(z / T), computed by the core's stable
    /// <see cref="SoftmaxFunctions.Softmax(double[], double)"/> (so −∞ masks an outcome, +∞ logits share the mass equally,
    /// NaN → <see cref="ArgumentException"/> naming the index, T ≤ 0 or non-finite → <see cref="ArgumentOutOfRangeException"/>).
    /// </summary>
    /// <param name="logits">z, not empty.</param>
    /// <param name="temperature">T &gt; 0, finite.</param>
    /// <param name="labels">Optional labels, one per outcome.</param>
    /// <param name="values">Optional finite outcome values, one per outcome.</param>
    public static Distribution FromLogits(double[] logits, double temperature = 1.0, IReadOnlyList<string>? labels = null, double[]? values = null)
    {
        ArgumentNullException.ThrowIfNull(logits);
        if (logits.Length == 0)
        {
            throw new ArgumentException("There are no logits; at least one outcome is required.", nameof(logits));
        }

        double[] p = SoftmaxFunctions.Softmax(logits, temperature);
        return new Distribution(p, CopyLabels(labels, p.Length), CopyValues(values, p.Length));
    }

    /// <summary>Wraps probabilities that the caller has already produced normalised (Gibbs states); no copy, no checks.</summary>
    internal static Distribution FromTrusted(double[] probabilities, IReadOnlyList<string>? labels, double[]? values)
        => new(probabilities, labels, values);

    /// <summary>Shannon entropy H(p) = −Σ p_i log p_i in nats, with 0·log 0 = 0; in [0, log Count].</summary>
    /// <remarks>
    /// <para>When one outcome is almost certain, its term −p_k log p_k ≈ 1 − p_k is as large as the others' terms
    /// together, and log p_k of a p_k that has rounded to 1 (or to 1 − ulp) loses it: at softmax(z/0.01) for
    /// z = (1, 2, 3, 2.5), 1 − p_k = 1.9e−22 and log p_k would drop 2 % of H. So where p_k &gt; ½ the kit takes
    /// log p_k = log1p(−r) with r = Σ_{i≠k} p_i (compensated): the probability of the others, which they carry to
    /// full relative precision.</para>
    /// <para>Accuracy: with η_i the relative error of p_i (for a softmax, 8ε·(1 + |z_i − a|/T + κ)),
    /// |ΔH| ≤ Σ_{i≠k} p_i·(|log p_i| + 1)·η_i + 4·p_k·r·max_{i≠k} η_i + (n + 4)·ε·H to first order, ε = 2⁻⁵²: each
    /// term moves by its derivative −(log p + 1) times its input's error; the k term through r (slope ≤ 2p_k for
    /// r ≤ ½) and p_k (η_k ≤ η_i); the logs, products, log1p and the sum add (n + 4)ε·H. A relative error of a few η,
    /// however close p_k is to 1 (tests/SoftmaxNotebooks.Tests/Accuracy/CancellationReferenceTests).</para>
    /// </remarks>
    public double Entropy()
    {
        // Only a probability above ½ needs its log from the others: k stays −1 (no entry) otherwise.
        int k = -1;
        double logLargest = 0.0;
        double largest = TensorPrimitives.Max(probabilities);
        if (largest > 0.5)
        {
            k = ExpSum.IndexOf<double>(probabilities, largest);
            var others = new CompensatedSum<double>();
            others.AddRange(probabilities.AsSpan(0, k));
            others.AddRange(probabilities.AsSpan(k + 1));
            logLargest = SoftmaxKernel.Log1P(-others.Total);
        }

        double h = 0.0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i];
            if (p > 0)
            {
                double logP = i == k ? logLargest : Math.Log(p);
                h -= p * logP;
            }
        }

        return Math.Max(0.0, h);
    }

    /// <summary>Shannon entropy in bits: <see cref="Entropy"/> / ln 2.</summary>
    public double EntropyBits() => Entropy() / Math.Log(2.0);

    /// <summary>Mean of the outcome values, Σ p_i x_i. No <see cref="Values"/> → <see cref="InvalidOperationException"/>.</summary>
    public double Expectation() => Expectation(RequireValues());

    /// <summary>Mean of a quantity given per outcome, Σ p_i f_i. Outcomes with p_i = 0 are skipped, so f_i = ±∞ there does not give NaN.</summary>
    /// <param name="quantity">f_i, one per outcome (length mismatch → <see cref="ArgumentException"/>; NaN where p_i &gt; 0 →
    /// <see cref="ArgumentException"/> naming the index).</param>
    public double Expectation(ReadOnlySpan<double> quantity)
    {
        CheckQuantity(quantity);
        double sum = 0.0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] > 0)
            {
                sum += probabilities[i] * quantity[i];
            }
        }

        return sum;
    }

    /// <summary>Mean of a quantity computed from the outcome index, Σ p_i f(i).</summary>
    /// <param name="quantity">f(i), called once per outcome with p_i &gt; 0.</param>
    public double Expectation(Func<int, double> quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        return Expectation(Evaluate(quantity));
    }

    /// <summary>Variance of the outcome values, Σ p_i (x_i − μ)² (two-pass, ≥ 0). No <see cref="Values"/> → <see cref="InvalidOperationException"/>.</summary>
    public double Variance() => Variance(RequireValues());

    /// <summary>
    /// Variance Σ p_i (f_i − μ)² of a quantity given per outcome (≥ 0), shift-invariant: deviations are taken from
    /// f_ref = the quantity at the most probable outcome (a value of f, so f_i − f_ref is exact for nearby values), their
    /// mean m is summed with compensation, and the variance is Σ p_i (f_i − f_ref − m)². A rounded mean μ is never
    /// subtracted, so an offset such as f = [1e16, 1e16 + 2] costs no accuracy.
    /// </summary>
    /// <param name="quantity">f_i, one per outcome (NaN where p_i &gt; 0 → <see cref="ArgumentException"/> naming the index).</param>
    public double Variance(ReadOnlySpan<double> quantity)
    {
        CheckQuantity(quantity);
        double reference = quantity[Mode];
        var deviation = new CompensatedSum<double>();
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] > 0)
            {
                deviation.Add(probabilities[i] * (quantity[i] - reference));
            }
        }

        double mean = deviation.Total;
        double sum = 0.0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] > 0)
            {
                double d = (quantity[i] - reference) - mean;
                sum += probabilities[i] * d * d;
            }
        }

        return sum;
    }

    /// <summary>Variance of a quantity computed from the outcome index.</summary>
    /// <param name="quantity">f(i).</param>
    public double Variance(Func<int, double> quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        return Variance(Evaluate(quantity));
    }

    /// <summary>
    /// Kullback–Leibler divergence KL(this ‖ q) = Σ p_i log(p_i / q_i) in nats: terms with p_i = 0 are 0; a term with
    /// p_i &gt; 0 and q_i = 0 makes it +∞.
    /// </summary>
    /// <remarks>
    /// Computed without cancellation, so that nearby distributions (KL ≈ ½ δᵀFδ, far below ε) keep their digits: with
    /// r_i = (q_i − p_i)/p_i, p_i log(p_i/q_i) = p_i·φ(r_i) − (q_i − p_i) where φ(r) = r − log(1 + r) ≥ 0, so
    /// KL = Σ p_i φ(r_i) − Σ_{p_i &gt; 0} (q_i − p_i). Every term of the first sum is ≥ 0, the differences q_i − p_i are exact
    /// for nearby values and are summed with compensation, and the second sum is ≤ 0 up to rounding of the stored sums.
    /// </remarks>
    /// <param name="q">A distribution over the same number of outcomes (else <see cref="ArgumentException"/>).</param>
    public double KullbackLeibler(Distribution q)
    {
        ArgumentNullException.ThrowIfNull(q);
        CheckLength(q.Count, nameof(q));
        double divergence = 0.0;
        var difference = new CompensatedSum<double>();
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i];
            if (p > 0)
            {
                double qi = q.probabilities[i];
                if (qi == 0)
                {
                    return double.PositiveInfinity;
                }

                double d = qi - p;
                divergence += p * Phi(d / p, qi / p);
                difference.Add(d);
            }
        }

        return Math.Max(0.0, divergence - difference.Total);
    }

    // φ(r) = r − log(1 + r) ≥ 0 for r = q/p − 1 > −1: the series r²/2 − r³/3 + … where the two terms would cancel,
    // else log of the ratio itself (1 + r loses q/p when q ≪ p).
    private static double Phi(double r, double ratio)
    {
        if (Math.Abs(r) > 0.125)
        {
            return r - Math.Log(ratio);
        }

        // |r|^k/k for k up to 21 leaves a relative truncation below 0.125^19 ≈ 8e−18 of r²/2.
        double sum = 0.0;
        for (int k = 21; k >= 2; k--)
        {
            sum = (((k & 1) == 0 ? 1.0 : -1.0) / k) + (r * sum);
        }

        return r * r * sum;
    }

    /// <summary>
    /// Cross entropy H(this, q) = −Σ p_i log q_i = H(p) + KL(p ‖ q) in nats; +∞ when q_i = 0 for some p_i &gt; 0.
    /// </summary>
    /// <param name="q">A distribution over the same number of outcomes.</param>
    public double CrossEntropy(Distribution q)
    {
        ArgumentNullException.ThrowIfNull(q);
        CheckLength(q.Count, nameof(q));
        double sum = 0.0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            double p = probabilities[i];
            if (p > 0)
            {
                if (q.probabilities[i] == 0)
                {
                    return double.PositiveInfinity;
                }

                sum -= p * Math.Log(q.probabilities[i]);
            }
        }

        return sum;
    }

    /// <summary>The k most probable outcomes, most probable first; ties keep index order.</summary>
    /// <param name="k">0 ≤ k ≤ <see cref="Count"/>, else <see cref="ArgumentOutOfRangeException"/>.</param>
    public IReadOnlyList<Outcome> TopK(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(k, Count);
        var order = Enumerable.Range(0, Count)
            .OrderByDescending(i => probabilities[i])
            .ThenBy(i => i)
            .Take(k)
            .Select(i => new Outcome(i, Labels?[i], values?[i], probabilities[i]))
            .ToArray();
        return new ReadOnlyCollection<Outcome>(order);
    }

    /// <summary>
    /// Draws outcome indices by inversion of the cumulative distribution, reproducibly: the same seed gives the same
    /// draws on every platform (<see cref="Random(int)"/> with a seed is a fixed algorithm). Outcomes with p_i = 0 are never drawn.
    /// </summary>
    /// <param name="count">Number of draws, ≥ 0.</param>
    /// <param name="seed">Seed of the generator.</param>
    public int[] Sample(int count, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var cumulative = new double[probabilities.Length];
        double running = 0.0;
        int last = 0;
        for (int i = 0; i < probabilities.Length; i++)
        {
            running += probabilities[i];
            cumulative[i] = running;
            if (probabilities[i] > 0)
            {
                last = i;
            }
        }

#pragma warning disable CA5394 // Teaching draws need reproducibility, not unpredictability.
        var random = new Random(seed);
        var draws = new int[count];
        for (int d = 0; d < count; d++)
        {
            double u = random.NextDouble() * running;
            int index = Array.BinarySearch(cumulative, u);
            index = index >= 0 ? index + 1 : ~index;
            // u can land on a boundary that ends a zero-probability run, or at the very end after rounding.
            while (index < last && probabilities[index] == 0)
            {
                index++;
            }

            draws[d] = Math.Min(index, last);
        }
#pragma warning restore CA5394

        return draws;
    }

    /// <summary>A short description: count, entropy and mode, culture-invariant.</summary>
    public override string ToString()
        => PhysicsGuard.Format($"Distribution(n={Count}, H={PhysicsGuard.Format(Math.Round(Entropy(), 6))} nats, mode={Mode})");

    private double[] RequireValues()
        => values ?? throw new InvalidOperationException("This distribution has no outcome values; pass a quantity explicitly.");

    private double[] Evaluate(Func<int, double> quantity)
    {
        var f = new double[Count];
        for (int i = 0; i < f.Length; i++)
        {
            f[i] = probabilities[i] > 0 ? quantity(i) : 0.0;
        }

        return f;
    }

    private void CheckQuantity(ReadOnlySpan<double> quantity)
    {
        CheckLength(quantity.Length, nameof(quantity));
        for (int i = 0; i < quantity.Length; i++)
        {
            if (double.IsNaN(quantity[i]) && probabilities[i] > 0)
            {
                throw new ArgumentException(PhysicsGuard.Format($"quantity[{i}] is NaN (outcome {i} has probability {PhysicsGuard.Format(probabilities[i])})."), nameof(quantity));
            }
        }
    }

    private void CheckLength(int length, string paramName)
    {
        if (length != Count)
        {
            throw new ArgumentException(
                PhysicsGuard.Format($"{paramName} has {length} entries but the distribution has {Count} outcomes."), paramName);
        }
    }

    private static double[] Nonnegative(double[] source, string paramName, string what)
    {
        ArgumentNullException.ThrowIfNull(source, paramName);
        if (source.Length == 0)
        {
            throw new ArgumentException(PhysicsGuard.Format($"There are no {what}; at least one outcome is required."), paramName);
        }

        var copy = new double[source.Length];
        for (int i = 0; i < source.Length; i++)
        {
            double x = source[i];
            if (!double.IsFinite(x) || x < 0)
            {
                throw new ArgumentException(
                    PhysicsGuard.Format($"{paramName}[{i}] is {PhysicsGuard.Format(x)}; {what} must be finite and ≥ 0."), paramName);
            }

            // + 0.0 turns −0 into +0, so that no stored probability displays as "−0".
            copy[i] = x + 0.0;
        }

        return copy;
    }

    private static void Normalize(double[] p, double sum)
    {
        for (int i = 0; i < p.Length; i++)
        {
            p[i] /= sum;
        }
    }

    private static ReadOnlyCollection<string>? CopyLabels(IReadOnlyList<string>? labels, int count)
    {
        if (labels is null)
        {
            return null;
        }

        if (labels.Count != count)
        {
            throw new ArgumentException(
                PhysicsGuard.Format($"labels has {labels.Count} entries but there are {count} outcomes."), nameof(labels));
        }

        var copy = new string[count];
        for (int i = 0; i < count; i++)
        {
            copy[i] = labels[i] ?? throw new ArgumentException(PhysicsGuard.Format($"labels[{i}] is null."), nameof(labels));
        }

        return Array.AsReadOnly(copy);
    }

    private static double[]? CopyValues(double[]? values, int count)
    {
        if (values is null)
        {
            return null;
        }

        if (values.Length != count)
        {
            throw new ArgumentException(
                PhysicsGuard.Format($"values has {values.Length} entries but there are {count} outcomes."), nameof(values));
        }

        for (int i = 0; i < count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    PhysicsGuard.Format($"values[{i}] is {PhysicsGuard.Format(values[i])}; outcome values must be finite."), nameof(values));
            }
        }

        return (double[])values.Clone();
    }
}

/// <summary>One outcome of a <see cref="Distribution"/>, as returned by <see cref="Distribution.TopK"/>.</summary>
/// <param name="Index">Position of the outcome.</param>
/// <param name="Label">Its label, or null.</param>
/// <param name="Value">Its numeric value, or null.</param>
/// <param name="Probability">Its probability.</param>
public readonly record struct Outcome(int Index, string? Label, double? Value, double Probability)
{
    /// <summary>The members with culture-invariant numbers (the compiler-generated form would use the current culture).</summary>
    public override string ToString()
        => PhysicsGuard.Format($"Outcome {{ Index = {Index}, Label = {Label}, Value = {(Value is double v ? PhysicsGuard.Format(v) : string.Empty)}, Probability = {PhysicsGuard.Format(Probability)} }}");
}
