namespace SoftmaxNotebooks;

/// <summary>
/// The Gibbs (Boltzmann) distribution of a finite spectrum, p_i = g_i·e^{−βE_i} / Z, with every thermodynamic
/// quantity computed relative to a reference energy (the lowest level for β ≥ 0, the highest for β &lt; 0), never
/// from raw βE. Units: k_B = 1 unless a Boltzmann constant is given to <see cref="FromTemperature"/>; entropies and the
/// heat capacity are always in units of k_B.
/// </summary>
/// <remarks>
/// <para>Edge rules. β may be any double but NaN: β = 0 (T = ±∞) is the degeneracy-weighted uniform state; β = +∞ is
/// the limit T → 0⁺ and β = −∞ the limit T → 0⁻, where the mass splits over the lowest (highest) level(s) in
/// proportion to g. No quantity is NaN in these limits.</para>
/// <para><see cref="LogZ"/> is the quantity to use: <see cref="Z"/> = e^{log Z} overflows to +∞ or underflows to 0
/// whenever |log Z| exceeds about 709.78, and log Z itself is ±∞ when −β·E_ref is beyond the double range
/// (e.g. E = 1e300, β = 1e10). <see cref="EnergyVariance"/> can overflow for spectra wider than about 1e154, while
/// <see cref="HeatCapacity"/> = Var(β(E − ⟨E⟩)) stays finite.</para>
/// </remarks>
[Formatting.TypeFormatterSource(typeof(Formatting.DisplayFormatterSource<GibbsState>))]
public sealed class GibbsState
{
    /// <summary>The Boltzmann constant in J/K (exact in the 2019 SI), for <see cref="FromTemperature"/> with energies in joules.</summary>
    public const double BoltzmannConstantSI = 1.380649e-23;

    private readonly Spectrum spectrum;
    private readonly double[] energies;
    private readonly double referenceEnergy;
    private readonly double shift;
    private readonly double sum;
    private readonly double limitScale;
    private readonly Lazy<double[]> probabilities;
    private readonly Lazy<Distribution> distribution;

    private GibbsState(Spectrum spectrum, double beta, double boltzmannConstant, in Summary summary)
    {
        this.spectrum = spectrum;
        energies = spectrum.Energies;
        Labels = spectrum.Labels;
        Beta = beta == 0 ? 0.0 : beta;
        BoltzmannConstant = boltzmannConstant;
        referenceEnergy = summary.ReferenceEnergy;
        shift = summary.Shift;
        sum = summary.Sum;
        limitScale = summary.LimitScale;
        MeanEnergy = summary.MeanEnergy;
        EnergyVariance = summary.EnergyVariance;
        HeatCapacity = summary.HeatCapacity;
        Entropy = summary.Entropy;
        LogZ = summary.LogZ;
        FreeEnergy = summary.FreeEnergy;
        probabilities = new Lazy<double[]>(ComputeProbabilities);
        distribution = new Lazy<Distribution>(() => Distribution.FromTrusted(probabilities.Value, Labels, energies));
        Energies = Array.AsReadOnly(energies);
    }

    /// <summary>Number of levels.</summary>
    public int Count => energies.Length;

    /// <summary>Inverse temperature β = 1/(k_B T); ±∞ for the limit states, 0 (never −0) for T = ±∞.</summary>
    public double Beta { get; }

    /// <summary>Temperature T = 1/(k_B β): +∞ at β = 0, +0 at β = +∞, −0 at β = −∞, negative for β &lt; 0.</summary>
    public double Temperature => Beta == 0 ? double.PositiveInfinity : 1.0 / (BoltzmannConstant * Beta);

    /// <summary>The Boltzmann constant k_B used to relate β and T (1 by default).</summary>
    public double BoltzmannConstant { get; }

    /// <summary>True for the limit states β = ±∞ (T → 0⁺ or T → 0⁻).</summary>
    public bool IsLimit => double.IsInfinity(Beta);

    /// <summary>The level energies E_i (a private copy).</summary>
    public IReadOnlyList<double> Energies { get; }

    /// <summary>The degeneracies g_i (all 1 when none were given).</summary>
    public IReadOnlyList<double> Degeneracies => Array.AsReadOnly(spectrum.Degeneracies);

    /// <summary>Level labels, or null.</summary>
    public IReadOnlyList<string>? Labels { get; }

    /// <summary>log Z = −β·E_ref + log Σ g_i e^{−β(E_i − E_ref)}; ±∞ only when the true value is beyond the double range.</summary>
    public double LogZ { get; }

    /// <summary>Z = e^{log Z} (in a limit state with E_ref = 0, Σg over the extreme levels directly); overflows to +∞ or underflows to 0 as a double long before log Z does — prefer <see cref="LogZ"/>.</summary>
    public double Z => IsLimit && referenceEnergy == 0 ? limitScale * sum : Math.Exp(LogZ);

    /// <summary>Mean energy ⟨E⟩ = Σ p_i E_i = −d log Z/dβ.</summary>
    public double MeanEnergy { get; }

    /// <summary>Energy variance Var(E) = d² log Z/dβ² (centred two-pass; may overflow to +∞ for spectra wider than ~1e154).</summary>
    public double EnergyVariance { get; }

    /// <summary>
    /// Microstate entropy S = −Σ p_i log(p_i/g_i) = log Z + β⟨E⟩ in units of k_B, computed as
    /// log Z′ + β⟨E − E_ref⟩ so that large energies do not cancel. The quantity of the maximum-entropy principle.
    /// </summary>
    public double Entropy { get; }

    /// <summary>Shannon entropy of the level probabilities, −Σ p_i log p_i (equals <see cref="Entropy"/> only when all g_i = 1).</summary>
    public double LevelEntropy => Distribution.Entropy();

    /// <summary>Free energy F = −k_B·T·log Z = −log Z/β = ⟨E⟩ − k_B·T·S (energy units; S in units of k_B): E_min at β = +∞, E_max at β = −∞, −∞ at β = 0 when Σg &gt; 1.</summary>
    public double FreeEnergy { get; }

    /// <summary>Heat capacity C = β²·Var(E) = Var(β(E − ⟨E⟩)) in units of k_B; finite even when β² or Var(E) alone is not; 0 in the limit states.</summary>
    public double HeatCapacity { get; }

    /// <summary>Level probabilities p_i = g_i e^{−β(E_i − E_ref)} / Z′ (computed on first use, by division, not by exp(x − log Z)).</summary>
    public IReadOnlyList<double> Probabilities => Array.AsReadOnly(probabilities.Value);

    /// <summary>The level probabilities as a <see cref="SoftmaxNotebooks.Distribution"/> whose outcome values are the energies.</summary>
    public Distribution Distribution => distribution.Value;

    /// <summary>
    /// The Gibbs state at inverse temperature β.
    /// </summary>
    /// <param name="energies">E_i, finite, not empty, with a finite span (else <see cref="ArgumentException"/> naming the index).</param>
    /// <param name="beta">β; any value but NaN (±∞ give the limit states).</param>
    /// <param name="degeneracies">g_i &gt; 0 and finite, one per level; null means all 1.</param>
    /// <param name="labels">Optional level labels.</param>
    public static GibbsState FromBeta(double[] energies, double beta, double[]? degeneracies = null, IReadOnlyList<string>? labels = null)
    {
        var spectrum = Spectrum.Validate(energies, degeneracies, labels);
        PhysicsGuard.NotNaN(beta, nameof(beta));
        return Create(spectrum, beta, 1.0);
    }

    /// <summary>
    /// The Gibbs state at temperature T, β = 1/(k_B T). T = 0 is read as the limit T → 0⁺ (β = +∞); T = ±∞ gives β = 0;
    /// negative T is allowed (population inversion).
    /// </summary>
    /// <param name="energies">E_i, finite, not empty.</param>
    /// <param name="temperature">T; any value but NaN.</param>
    /// <param name="degeneracies">g_i &gt; 0, or null for all 1.</param>
    /// <param name="boltzmannConstant">k_B &gt; 0 and finite: 1 for natural units, <see cref="BoltzmannConstantSI"/> for joules and kelvins.</param>
    /// <param name="labels">Optional level labels.</param>
    public static GibbsState FromTemperature(
        double[] energies,
        double temperature,
        double[]? degeneracies = null,
        double boltzmannConstant = 1.0,
        IReadOnlyList<string>? labels = null)
    {
        var spectrum = Spectrum.Validate(energies, degeneracies, labels);
        PhysicsGuard.NotNaN(temperature, nameof(temperature));
        CheckBoltzmann(boltzmannConstant);
        return Create(spectrum, BetaOf(temperature, boltzmannConstant), boltzmannConstant);
    }

    /// <summary>The same spectrum at another β (no re-validation of the spectrum).</summary>
    /// <param name="beta">β; any value but NaN.</param>
    public GibbsState WithBeta(double beta)
    {
        PhysicsGuard.NotNaN(beta, nameof(beta));
        return Create(spectrum, beta, BoltzmannConstant);
    }

    /// <summary>The same spectrum at another temperature, with this state's Boltzmann constant.</summary>
    /// <param name="temperature">T; any value but NaN (0 means T → 0⁺).</param>
    public GibbsState WithTemperature(double temperature)
    {
        PhysicsGuard.NotNaN(temperature, nameof(temperature));
        return Create(spectrum, BetaOf(temperature, BoltzmannConstant), BoltzmannConstant);
    }

    /// <summary>
    /// The microstate entropy of any distribution q on these levels, S[q] = −Σ q_i log(q_i/g_i) (0·log 0 = 0),
    /// the entropy used in the free-energy identities.
    /// </summary>
    /// <param name="q">A distribution with <see cref="Count"/> outcomes.</param>
    public double MicrostateEntropyOf(Distribution q)
    {
        CheckSameLevels(q);
        double s = 0.0;
        for (int i = 0; i < energies.Length; i++)
        {
            double qi = q[i];
            if (qi > 0)
            {
                s -= qi * (Math.Log(qi) - Math.Log(spectrum.Degeneracy(i)));
            }
        }

        return s;
    }

    /// <summary>
    /// The free energy of any distribution q, F[q] = ⟨E⟩_q − k_B·T·S[q] (microstate entropy). For T &gt; 0 it is at least
    /// <see cref="FreeEnergy"/>, with equality only at the Gibbs state; for T &lt; 0 it is at most that. At T → 0⁺ it is ⟨E⟩_q.
    /// </summary>
    /// <param name="q">A distribution with <see cref="Count"/> outcomes.</param>
    public double FreeEnergyOf(Distribution q)
    {
        CheckSameLevels(q);
        double meanEnergy = q.Expectation(energies);
        // k_B·T·S with S in units of k_B is S/β.
        return IsLimit ? meanEnergy : Beta == 0 ? FreeEnergyAtInfiniteTemperature(MicrostateEntropyOf(q), meanEnergy) : meanEnergy - (MicrostateEntropyOf(q) / Beta);
    }

    /// <summary>
    /// β⟨E⟩_q − S[q], which equals −log Z + KL(q ‖ p) ≥ −log Z for every finite β (the variational form of log Z).
    /// The limit states (β = ±∞) → <see cref="InvalidOperationException"/>: the expression has no finite value there.
    /// </summary>
    /// <param name="q">A distribution with <see cref="Count"/> outcomes.</param>
    public double ReducedFreeEnergyOf(Distribution q)
    {
        if (IsLimit)
        {
            throw new InvalidOperationException("β⟨E⟩_q − S[q] is not finite at β = ±∞; use a finite β.");
        }

        CheckSameLevels(q);
        // β⟨E − E_ref⟩_q is formed first so that large energies cancel exactly rather than through β·E.
        double relative = q.Expectation(i => energies[i] - referenceEnergy);
        double shifted = (Beta * relative) - MicrostateEntropyOf(q);
        return referenceEnergy == 0 ? shifted : shifted + (Beta * referenceEnergy);
    }

    /// <summary>dp_i/dβ = −p_i (E_i − ⟨E⟩), the sensitivity of each level's probability to β (zero in the limit states).</summary>
    public double[] ProbabilityDerivative()
    {
        var p = probabilities.Value;
        var d = new double[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            // p·(⟨E⟩ − E) rather than −p·(E − ⟨E⟩): a level at the mean gets +0, not −0.
            d[i] = p[i] == 0 ? 0.0 : p[i] * (MeanEnergy - energies[i]);
        }

        return d;
    }

    /// <summary>A short description: β, ⟨E⟩, S, log Z, culture-invariant.</summary>
    public override string ToString()
        => PhysicsGuard.Format($"GibbsState(n={Count}, β={PhysicsGuard.Format(Beta)}, ⟨E⟩={PhysicsGuard.Format(MeanEnergy)}, S={PhysicsGuard.Format(Entropy)}, log Z={PhysicsGuard.Format(LogZ)})");

    internal static double BetaOf(double temperature, double boltzmannConstant)
        => temperature == 0 ? double.PositiveInfinity
            : double.IsInfinity(temperature) ? 0.0
            : 1.0 / (boltzmannConstant * temperature);

    internal static void CheckBoltzmann(double boltzmannConstant)
    {
        if (!(boltzmannConstant > 0) || !double.IsFinite(boltzmannConstant))
        {
            throw new ArgumentOutOfRangeException(
                nameof(boltzmannConstant),
                PhysicsGuard.Format($"The Boltzmann constant must be finite and > 0, but was {PhysicsGuard.Format(boltzmannConstant)}."));
        }
    }

    /// <summary>Builds a state from a finite-β pass that the maximum-entropy solver has already made (centred near ⟨E⟩).</summary>
    internal static GibbsState FromSolverPass(Spectrum spectrum, double beta, double referenceEnergy, double center, double scale, in GibbsMoments moments)
        => new(spectrum, beta, 1.0, Summarize(beta, referenceEnergy, scale, center, moments, center, moments));

    internal static GibbsState Create(Spectrum spectrum, double beta, double boltzmannConstant)
    {
        if (double.IsInfinity(beta))
        {
            return new GibbsState(spectrum, beta, boltzmannConstant, LimitSummary(spectrum, beta));
        }

        double eRef = beta >= 0 ? spectrum.Min : spectrum.Max;
        double scale = spectrum.Max > spectrum.Min ? spectrum.Max - spectrum.Min : 1.0;
        var first = GibbsKernel.Evaluate(spectrum.Energies, spectrum.LogDegeneracies, beta, eRef, eRef, scale);
        // Centre the second pass on the first pass's mean so that the variance has no cancellation.
        double center = eRef + (scale * first.Mean);
        var second = GibbsKernel.Evaluate(spectrum.Energies, spectrum.LogDegeneracies, beta, eRef, center, scale);
        var summary = Summarize(beta, eRef, scale, eRef, first, center, second);
        return new GibbsState(spectrum, beta, boltzmannConstant, summary);
    }

    private static Summary Summarize(
        double beta, double eRef, double scale, double firstCenter, in GibbsMoments first, double secondCenter, in GibbsMoments second)
    {
        double logZPrime = first.Shift + Math.Log(first.Sum);
        // ⟨E − E_ref⟩ from the pass whose centre is E_ref or near ⟨E⟩: no large energies cancel.
        double meanOffset = (firstCenter - eRef) + (scale * first.Mean);
        double entropy = logZPrime + (meanOffset == 0 ? 0.0 : beta * meanOffset);
        double meanEnergy = secondCenter + (scale * second.Mean);
        double sdUnits = Math.Sqrt(second.Variance);
        double sd = scale * sdUnits;
        double variance = sd * sd;
        double betaSd = sdUnits == 0 ? 0.0 : double.IsFinite(sd) ? beta * sd : beta * scale * sdUnits;
        double logZ = eRef == 0 ? logZPrime : (-beta * eRef) + logZPrime;
        double freeEnergy = beta != 0 ? eRef - (logZPrime / beta) : FreeEnergyAtInfiniteTemperature(logZPrime, meanEnergy);
        return new Summary(eRef, first.Shift, first.Sum, meanEnergy, variance, betaSd * betaSd, entropy, logZ, freeEnergy);
    }

    // F = −T·log Z as T → ±∞ with β = 0 exactly: −∞·sign(S), and ⟨E⟩ when S = 0 (a single microstate).
    private static double FreeEnergyAtInfiniteTemperature(double entropy, double meanEnergy)
        => entropy > 0 ? double.NegativeInfinity : entropy < 0 ? double.PositiveInfinity : meanEnergy;

    private static Summary LimitSummary(Spectrum spectrum, double beta)
    {
        double eRef = beta > 0 ? spectrum.Min : spectrum.Max;
        // Σg over the extreme levels can overflow although its log cannot: sum g/g_max and add log g_max.
        double largest = 0.0;
        for (int i = 0; i < spectrum.Energies.Length; i++)
        {
            if (spectrum.Energies[i] == eRef)
            {
                largest = Math.Max(largest, spectrum.Degeneracy(i));
            }
        }

        double scaled = 0.0;
        for (int i = 0; i < spectrum.Energies.Length; i++)
        {
            if (spectrum.Energies[i] == eRef)
            {
                scaled += spectrum.Degeneracy(i) / largest;
            }
        }

        double logWeight = Math.Log(largest) + Math.Log(scaled);
        double logZ = eRef == 0 ? logWeight : (-beta * eRef) + logWeight;
        // Shift = −∞ marks the limit for ComputeProbabilities; Sum holds Σ g/g_max and LimitScale g_max.
        return new Summary(eRef, double.NegativeInfinity, scaled, eRef, 0.0, 0.0, logWeight, logZ, eRef, largest);
    }

    private double[] ComputeProbabilities()
    {
        var p = new double[energies.Length];
        if (double.IsNegativeInfinity(shift))
        {
            for (int i = 0; i < p.Length; i++)
            {
                p[i] = energies[i] == referenceEnergy ? spectrum.Degeneracy(i) / limitScale / sum : 0.0;
            }

            return p;
        }

        for (int i = 0; i < p.Length; i++)
        {
            double a = -Beta * (energies[i] - referenceEnergy);
            if (spectrum.LogDegeneracies is not null)
            {
                a += spectrum.LogDegeneracies[i];
            }

            p[i] = Math.Exp(a - shift) / sum;
        }

        return p;
    }

    private void CheckSameLevels(Distribution q)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (q.Count != Count)
        {
            throw new ArgumentException(
                PhysicsGuard.Format($"q has {q.Count} outcomes but the spectrum has {Count} levels."), nameof(q));
        }
    }

    private readonly record struct Summary(
        double ReferenceEnergy,
        double Shift,
        double Sum,
        double MeanEnergy,
        double EnergyVariance,
        double HeatCapacity,
        double Entropy,
        double LogZ,
        double FreeEnergy,
        double LimitScale = 1.0);
}

/// <summary>A validated spectrum shared by states and solvers; arrays are private copies and never mutated.</summary>
/// <param name="Energies">Finite energies.</param>
/// <param name="GivenDegeneracies">g_i, or null for all 1 (the array of ones is only built when someone asks for it).</param>
/// <param name="LogDegeneracies">log g_i, or null when every g_i = 1.</param>
/// <param name="Labels">Level labels, or null.</param>
/// <param name="Min">E_min.</param>
/// <param name="Max">E_max.</param>
internal sealed record Spectrum(
    double[] Energies, double[]? GivenDegeneracies, double[]? LogDegeneracies, IReadOnlyList<string>? Labels, double Min, double Max)
{
    private double[]? ones;

    public double[] Degeneracies => GivenDegeneracies ?? LazyInitializer.EnsureInitialized(ref ones, () =>
    {
        var g = new double[Energies.Length];
        Array.Fill(g, 1.0);
        return g;
    });

    public double Degeneracy(int i) => GivenDegeneracies is null ? 1.0 : GivenDegeneracies[i];

    public static Spectrum Validate(double[] energies, double[]? degeneracies, IReadOnlyList<string>? labels)
    {
        var e = PhysicsGuard.Energies(energies, nameof(energies), out double min, out double max);
        var g = PhysicsGuard.Degeneracies(degeneracies, e.Length, nameof(degeneracies), out var logG);

        IReadOnlyList<string>? l = null;
        if (labels is not null)
        {
            if (labels.Count != e.Length)
            {
                throw new ArgumentException(
                    PhysicsGuard.Format($"labels has {labels.Count} entries but the spectrum has {e.Length} levels."), nameof(labels));
            }

            l = Array.AsReadOnly(labels.ToArray());
        }

        return new Spectrum(e, g, logG, l, min, max);
    }
}
