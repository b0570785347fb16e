using System.Globalization;
using System.Runtime.CompilerServices;

namespace SoftmaxNotebooks;

/// <summary>
/// Claims a notebook states and proves as it runs: each call either returns a <see cref="CheckedClaim"/> that
/// displays as a compact "✔ claim" line, or throws a <see cref="ClaimFailedException"/> that stops the notebook
/// (and a handout build) at the claim that no longer holds.
/// </summary>
public static class Check
{
    /// <summary>Passes when <paramref name="condition"/> is true.</summary>
    /// <param name="condition">What the claim says, evaluated.</param>
    /// <param name="claim">The claim in words, for example "softmax sums to 1".</param>
    /// <param name="line">The line of the call, filled in by the compiler; a failure's message ends "(line L)" with it.</param>
    /// <returns>The passed claim, for display.</returns>
    /// <exception cref="ClaimFailedException"><paramref name="condition"/> is false.</exception>
    /// <exception cref="ArgumentException"><paramref name="claim"/> is null, empty or white space.</exception>
    public static CheckedClaim That(bool condition, string claim, [CallerLineNumber] int line = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claim);
        if (!condition)
        {
            throw new ClaimFailedException(claim, "the condition is false", line);
        }

        return new CheckedClaim(claim, null, null, null, null);
    }

    /// <summary>
    /// Passes when |<paramref name="actual"/> − <paramref name="expected"/>| ≤ <paramref name="tolerance"/>, or when
    /// both are the same infinity. A NaN or an infinite difference never passes.
    /// </summary>
    /// <param name="actual">The computed value.</param>
    /// <param name="expected">The value the claim predicts (a closed form, a reference value).</param>
    /// <param name="tolerance">The largest allowed absolute difference, ≥ 0.</param>
    /// <param name="claim">The claim in words, for example "log Z = log 2 at β = 0".</param>
    /// <param name="line">The line of the call, filled in by the compiler; a failure's message ends "(line L)" with it.</param>
    /// <returns>The passed claim with its difference and tolerance, for display.</returns>
    /// <exception cref="ClaimFailedException">The difference exceeds the tolerance or is infinite, or a value is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tolerance"/> is negative or NaN.</exception>
    /// <exception cref="ArgumentException"><paramref name="claim"/> is null, empty or white space.</exception>
    public static CheckedClaim Close(double actual, double expected, double tolerance, string claim, [CallerLineNumber] int line = 0)
    {
        var difference = Difference(actual, expected, tolerance, nameof(tolerance), "The tolerance", claim);
        if (!Within(difference, tolerance))
        {
            throw Failed(claim, actual, expected, difference, " > tolerance = " + Exact(tolerance), line, tolerance);
        }

        return new CheckedClaim(claim, actual, expected, tolerance, difference);
    }

    /// <summary>
    /// Passes when |<paramref name="actual"/> − <paramref name="expected"/>| ≤ <paramref name="relativeTolerance"/>·|<paramref name="expected"/>|,
    /// or when both are the same infinity. A NaN or an infinite difference never passes; against an expected 0 only
    /// an exact 0 passes.
    /// </summary>
    /// <param name="actual">The computed value.</param>
    /// <param name="expected">The value the claim predicts (a closed form, a reference value).</param>
    /// <param name="relativeTolerance">The largest allowed difference as a fraction of |<paramref name="expected"/>|, ≥ 0 (for example 1e−12).</param>
    /// <param name="claim">The claim in words, for example "Z(β) matches the closed form".</param>
    /// <param name="line">The line of the call, filled in by the compiler; a failure's message ends "(line L)" with it.</param>
    /// <returns>The passed claim with its relative difference and tolerance, for display ("rel. Δ = 1.2e−16 ≤ 1e−12").</returns>
    /// <exception cref="ClaimFailedException">The difference exceeds the tolerance or is infinite, or a value is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="relativeTolerance"/> is negative or NaN.</exception>
    /// <exception cref="ArgumentException"><paramref name="claim"/> is null, empty or white space.</exception>
    public static CheckedClaim CloseRelative(double actual, double expected, double relativeTolerance, string claim, [CallerLineNumber] int line = 0)
    {
        var difference = Difference(actual, expected, relativeTolerance, nameof(relativeTolerance), "The relative tolerance", claim);
        // 0·∞ is 0 here, not NaN: a zero tolerance or a zero expected value allows no difference at all.
        var bound = relativeTolerance == 0 || expected == 0 ? 0.0 : relativeTolerance * Math.Abs(expected);
        var relative = difference == 0 ? 0.0 : difference / Math.Abs(expected);
        if (!Within(difference, bound))
        {
            throw Failed(claim, actual, expected, difference,
                ", rel. Δ = " + Exact(relative) + " > relative tolerance = " + Exact(relativeTolerance), line, relativeTolerance);
        }

        return new CheckedClaim(claim, actual, expected, bound, difference, relativeTolerance, relative);
    }

    /// <summary>Validates the claim and the tolerance of a numeric claim, then returns |actual − expected|.</summary>
    private static double Difference(double actual, double expected, double tolerance, string toleranceName,
        string toleranceWords, string claim)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claim);
        if (!(tolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(toleranceName, toleranceWords + " must be ≥ 0; it is " + tolerance.ToString("R", CultureInfo.InvariantCulture) + ".");
        }

        // Equal infinities have no finite difference but agree; ∞ − ∞ would otherwise be NaN.
        return actual == expected ? 0.0 : Math.Abs(actual - expected);
    }

    // A NaN difference fails, and so does an infinite one even against an infinite bound: "close" means a finite gap.
    private static bool Within(double difference, double bound) => difference <= bound && !double.IsInfinity(difference);

    private static ClaimFailedException Failed(string claim, double actual, double expected, double difference, string verdict,
        int line, double tolerance) =>
        new(claim, "actual = " + Exact(actual) + ", expected = " + Exact(expected) + ", |Δ| = " + Exact(difference) + verdict,
            line, actual, expected, tolerance);

    // Failure messages show every digit, with ASCII minus signs: two values that differ beyond the display precision
    // must not look equal, and a value copied from the message must paste back into code.
    internal static string Exact(double x) => Invariant(x, "R");

    // Displayed details are read, not parsed: the typographic minus of every kit display (KitDisplay.Format).
    internal static string Display(double x) => Exact(x).Replace('-', '−');

    // A difference only needs its order of magnitude and a digit.
    internal static string Short(double x) => Invariant(x, "G2").Replace('-', '−');

    private static string Invariant(double x, string format)
    {
        if (double.IsInfinity(x))
        {
            return x > 0 ? "∞" : "−∞";
        }

        var s = x.ToString(format, CultureInfo.InvariantCulture);
        var e = s.IndexOf('E', StringComparison.Ordinal);
        // .NET writes "1E-05"; "1e-5" is how the kit's displays write it.
        return e < 0 ? s : string.Concat(s.AsSpan(0, e), "e",
            int.Parse(s.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>
/// A claim that held when it was checked (see <see cref="Check"/>). Immutable; displays as "✔ claim" with the
/// difference and tolerance of a numeric claim. Failed claims never produce one: they throw.
/// </summary>
[Formatting.TypeFormatterSource(typeof(Formatting.DisplayFormatterSource<CheckedClaim>))]
public sealed class CheckedClaim
{
    internal CheckedClaim(string claim, double? actual, double? expected, double? tolerance, double? difference,
        double? relativeTolerance = null, double? relativeDifference = null)
    {
        Claim = claim;
        Actual = actual;
        Expected = expected;
        Tolerance = tolerance;
        Difference = difference;
        RelativeTolerance = relativeTolerance;
        RelativeDifference = relativeDifference;
    }

    /// <summary>The claim in words.</summary>
    public string Claim { get; }

    /// <summary>Always true: a claim that fails throws <see cref="ClaimFailedException"/> instead.</summary>
    public bool Passed { get; } = true;

    /// <summary>The computed value of a numeric claim (<see cref="Check.Close"/>), or null.</summary>
    public double? Actual { get; }

    /// <summary>The predicted value of a numeric claim, or null.</summary>
    public double? Expected { get; }

    /// <summary>
    /// The allowed absolute difference of a numeric claim (for <see cref="Check.CloseRelative"/>, the relative
    /// tolerance times |expected|), or null.
    /// </summary>
    public double? Tolerance { get; }

    /// <summary>|actual − expected| of a numeric claim (0 for equal infinities), or null.</summary>
    public double? Difference { get; }

    /// <summary>The relative tolerance of a <see cref="Check.CloseRelative"/> claim, or null.</summary>
    public double? RelativeTolerance { get; }

    /// <summary>|actual − expected| / |expected| of a <see cref="Check.CloseRelative"/> claim (0 when they are equal), or null.</summary>
    public double? RelativeDifference { get; }

    /// <summary>
    /// "|Δ| = 1.1e−16 ≤ 1e−12" for a <see cref="Check.Close"/> claim, "rel. Δ = 1.2e−16 ≤ 1e−12" for a
    /// <see cref="Check.CloseRelative"/> claim, null otherwise: culture-invariant, with the typographic minus of
    /// every kit display, Δ to two digits and the tolerance as the notebook wrote it.
    /// </summary>
    public string? Detail =>
        RelativeDifference is { } r && RelativeTolerance is { } rt ? "rel. Δ = " + Check.Short(r) + " ≤ " + Check.Display(rt)
        : Difference is { } d && Tolerance is { } t ? "|Δ| = " + Check.Short(d) + " ≤ " + Check.Display(t)
        : null;

    /// <summary>"✔ claim", followed by the detail in parentheses for a numeric claim.</summary>
    public override string ToString() => Detail is { } detail ? $"✔ {Claim} ({detail})" : "✔ " + Claim;
}

/// <summary>
/// Thrown by <see cref="Check"/> when a claim does not hold. The message reads "CHECK FAILED: claim — detail (line L)",
/// with every number culture-invariant and at full precision. L is the line of the <see cref="Check"/> call as the
/// compiler saw it: the kernel compiles notebook cells without debug information, so a stack trace has no line
/// numbers and this is the only place a failed claim's line survives. (The kernel drops the lines of its own directives,
/// <c>#r "nuget:…"</c>, <c>#i</c> and <c>#!…</c>, before compiling a cell; the runner counts them back in when it names
/// the failing line.)
/// </summary>
public sealed class ClaimFailedException : Exception
{
    /// <summary>A failure with a generic message.</summary>
    public ClaimFailedException()
        : base("CHECK FAILED")
    {
        Claim = "";
    }

    /// <summary>A failure with the given message.</summary>
    /// <param name="message">The message.</param>
    public ClaimFailedException(string message)
        : base(message)
    {
        Claim = "";
    }

    /// <summary>A failure with the given message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ClaimFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Claim = "";
    }

    internal ClaimFailedException(string claim, string detail, int line, double? actual = null, double? expected = null, double? tolerance = null)
        : base("CHECK FAILED: " + claim + " — " + detail + (line > 0 ? string.Create(CultureInfo.InvariantCulture, $" (line {line})") : ""))
    {
        Claim = claim;
        Line = line > 0 ? line : null;
        Actual = actual;
        Expected = expected;
        Tolerance = tolerance;
    }

    /// <summary>The claim that failed (empty when built with a plain message).</summary>
    public string Claim { get; }

    /// <summary>The line of the failed <see cref="Check"/> call in the code the compiler saw, or null when unknown.</summary>
    public int? Line { get; }

    /// <summary>The computed value of a failed numeric claim, or null.</summary>
    public double? Actual { get; }

    /// <summary>The predicted value of a failed numeric claim, or null.</summary>
    public double? Expected { get; }

    /// <summary>The tolerance of a failed numeric claim (the relative tolerance for <see cref="Check.CloseRelative"/>), or null.</summary>
    public double? Tolerance { get; }
}
