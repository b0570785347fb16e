using System.Globalization;

namespace SoftmaxNotebooks;

/// <summary>
/// A named, validated set of energy levels with degeneracies and labels: the model spectra of the notebooks and any
/// spectrum a user defines. Immutable; hands out Gibbs states and maximum-entropy solutions.
/// </summary>
[Formatting.TypeFormatterSource(typeof(Formatting.DisplayFormatterSource<EnergySpectrum>))]
public sealed class EnergySpectrum
{
    private readonly Spectrum spectrum;

    private EnergySpectrum(Spectrum spectrum, string name)
    {
        this.spectrum = spectrum;
        Name = name;
        Energies = Array.AsReadOnly(spectrum.Energies);
        Degeneracies = Array.AsReadOnly(spectrum.Degeneracies);
        Labels = spectrum.Labels ?? Array.AsReadOnly(Enumerable.Range(0, spectrum.Energies.Length).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray());
        // Σg can overflow (g up to the largest double): weight by g/g_max, which leaves the ratio unchanged.
        double largest = 0;
        for (int i = 0; i < spectrum.Energies.Length; i++)
        {
            largest = Math.Max(largest, spectrum.Degeneracy(i));
        }

        double weight = 0, weighted = 0;
        for (int i = 0; i < spectrum.Energies.Length; i++)
        {
            double g = spectrum.Degeneracy(i) / largest;
            weight += g;
            weighted += g * (spectrum.Energies[i] - spectrum.Min);
        }

        DegeneracyWeightedMean = spectrum.Min + (weighted / weight);
    }

    /// <summary>A short name for displays, e.g. "rigid rotor, J ≤ 20".</summary>
    public string Name { get; }

    /// <summary>Number of levels.</summary>
    public int Count => spectrum.Energies.Length;

    /// <summary>Level energies E_i.</summary>
    public IReadOnlyList<double> Energies { get; }

    /// <summary>Degeneracies g_i (&gt; 0).</summary>
    public IReadOnlyList<double> Degeneracies { get; }

    /// <summary>Level labels (the index when none were given).</summary>
    public IReadOnlyList<string> Labels { get; }

    /// <summary>E_min, the ground energy.</summary>
    public double MinEnergy => spectrum.Min;

    /// <summary>E_max, the top energy.</summary>
    public double MaxEnergy => spectrum.Max;

    /// <summary>Σ g_i E_i / Σ g_i: the mean energy at β = 0, where the maximum-entropy β changes sign.</summary>
    public double DegeneracyWeightedMean { get; }

    /// <summary>A spectrum from arrays (validated like <see cref="GibbsState.FromBeta"/>: finite energies, g &gt; 0).</summary>
    /// <param name="energies">E_i, finite, not empty.</param>
    /// <param name="degeneracies">g_i &gt; 0, or null for all 1.</param>
    /// <param name="labels">Optional labels.</param>
    /// <param name="name">Optional name.</param>
    public static EnergySpectrum Create(double[] energies, double[]? degeneracies = null, IReadOnlyList<string>? labels = null, string? name = null)
        => new(Spectrum.Validate(energies, degeneracies, labels), name ?? "spectrum");

    /// <summary>
    /// Hydrogen-like levels E_n = −R/n², g_n = n², n = 1..n_max. The partition function Σ n² e^{βR/n²} diverges as
    /// n_max → ∞ at every β (the terms tend to n²), so every quantity depends on the stated cut-off n_max.
    /// </summary>
    /// <param name="nMax">Highest principal quantum number kept, ≥ 1.</param>
    /// <param name="rydberg">R &gt; 0, finite (1 by default: energies in Rydberg units).</param>
    public static EnergySpectrum HydrogenLike(int nMax, double rydberg = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nMax, 1);
        Positive(rydberg, nameof(rydberg));
        var e = new double[nMax];
        var g = new double[nMax];
        var l = new string[nMax];
        for (int n = 1; n <= nMax; n++)
        {
            e[n - 1] = -rydberg / ((double)n * n);
            g[n - 1] = (double)n * n;
            l[n - 1] = "n=" + n.ToString(CultureInfo.InvariantCulture);
        }

        return new(Spectrum.Validate(e, g, l), "hydrogen-like, n ≤ " + nMax.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A harmonic ladder E_n = zeroPoint + spacing·n, n = 0..levels−1, g = 1 (a truncated quantum oscillator).</summary>
    /// <param name="levels">Number of levels, ≥ 1.</param>
    /// <param name="spacing">Level spacing ħω &gt; 0.</param>
    /// <param name="zeroPoint">Energy of the lowest level (ħω/2 for the oscillator; it shifts log Z by −β·zeroPoint and nothing else).</param>
    public static EnergySpectrum HarmonicLadder(int levels, double spacing = 1.0, double zeroPoint = 0.0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(levels, 1);
        Positive(spacing, nameof(spacing));
        var e = new double[levels];
        var l = new string[levels];
        for (int n = 0; n < levels; n++)
        {
            e[n] = zeroPoint + (spacing * n);
            l[n] = "n=" + n.ToString(CultureInfo.InvariantCulture);
        }

        return new(Spectrum.Validate(e, null, l), "harmonic ladder, " + levels.ToString(CultureInfo.InvariantCulture) + " levels");
    }

    /// <summary>Rigid-rotor levels E_J = B·J(J+1), g_J = 2J+1, J = 0..jMax (Z converges as jMax → ∞ for β &gt; 0).</summary>
    /// <param name="jMax">Highest J kept, ≥ 0.</param>
    /// <param name="rotationalConstant">B &gt; 0, finite.</param>
    public static EnergySpectrum RigidRotor(int jMax, double rotationalConstant = 1.0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(jMax);
        Positive(rotationalConstant, nameof(rotationalConstant));
        var e = new double[jMax + 1];
        var g = new double[jMax + 1];
        var l = new string[jMax + 1];
        for (int j = 0; j <= jMax; j++)
        {
            e[j] = rotationalConstant * j * (j + 1.0);
            g[j] = (2.0 * j) + 1;
            l[j] = "J=" + j.ToString(CultureInfo.InvariantCulture);
        }

        return new(Spectrum.Validate(e, g, l), "rigid rotor, J ≤ " + jMax.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>A fair die read as a spectrum: E_k = k, k = 1..faces (Jaynes' Brandeis dice for faces = 6).</summary>
    /// <param name="faces">Number of faces, ≥ 2.</param>
    public static EnergySpectrum Die(int faces = 6)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(faces, 2);
        var e = Enumerable.Range(1, faces).Select(k => (double)k).ToArray();
        var l = e.Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();
        return new(Spectrum.Validate(e, null, l), faces.ToString(CultureInfo.InvariantCulture) + "-sided die");
    }

    /// <summary>
    /// Reads a spectrum from a CSV file with the header <c>level,energy,degeneracy,label</c>, as
    /// data/scripts/generate_spectra.py writes data/spectra/*.csv: one level per row, numbers culture-invariant,
    /// the label the rest of the row (it may contain commas). Blank lines are skipped. The name is the file name
    /// without its extension.
    /// </summary>
    /// <param name="path">The CSV file.</param>
    /// <returns>The spectrum, validated like <see cref="Create"/>.</returns>
    /// <exception cref="InvalidDataException">A wrong header, a malformed row (named as <c>file:line</c>) or no levels.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static EnergySpectrum FromCsv(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        const string Header = "level,energy,degeneracy,label";
        var file = Path.GetFileName(path);
        var energies = new List<double>();
        var degeneracies = new List<double>();
        var labels = new List<string>();
        var lineNumber = 0;
        var sawHeader = false;
        foreach (var raw in File.ReadLines(path))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var where = file + ":" + lineNumber.ToString(CultureInfo.InvariantCulture);
            if (!sawHeader)
            {
                if (!string.Equals(line.Trim(), Header, StringComparison.Ordinal))
                {
                    throw new InvalidDataException($"{where}: expected the header \"{Header}\", found \"{line}\".");
                }

                sawHeader = true;
                continue;
            }

            var fields = line.Split(',', 4);
            if (fields.Length != 4)
            {
                throw new InvalidDataException($"{where}: expected 4 fields (level,energy,degeneracy,label), found {fields.Length.ToString(CultureInfo.InvariantCulture)}.");
            }

            if (!int.TryParse(fields[0].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
            {
                throw new InvalidDataException($"{where}: level \"{fields[0]}\" is not an integer.");
            }

            if (!double.TryParse(fields[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var energy) || !double.IsFinite(energy))
            {
                throw new InvalidDataException($"{where}: energy \"{fields[1]}\" is not a finite number.");
            }

            if (!double.TryParse(fields[2].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var degeneracy)
                || !double.IsFinite(degeneracy) || !(degeneracy > 0))
            {
                throw new InvalidDataException($"{where}: degeneracy \"{fields[2]}\" is not a finite number > 0.");
            }

            energies.Add(energy);
            degeneracies.Add(degeneracy);
            labels.Add(fields[3].Trim());
        }

        if (energies.Count == 0)
        {
            throw new InvalidDataException(sawHeader ? $"{file}: the file has a header but no levels." : $"{file}: the file is empty (expected the header \"{Header}\").");
        }

        return new(Spectrum.Validate([.. energies], [.. degeneracies], labels), Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>The Gibbs state of this spectrum at β (any value but NaN).</summary>
    /// <param name="beta">β.</param>
    public GibbsState AtBeta(double beta)
    {
        PhysicsGuard.NotNaN(beta, nameof(beta));
        return GibbsState.Create(spectrum, beta, 1.0);
    }

    /// <summary>The Gibbs state at temperature T (k_B = 1; T = 0 means T → 0⁺).</summary>
    /// <param name="temperature">T, not NaN.</param>
    public GibbsState AtTemperature(double temperature)
    {
        PhysicsGuard.NotNaN(temperature, nameof(temperature));
        return GibbsState.Create(spectrum, GibbsState.BetaOf(temperature, 1.0), 1.0);
    }

    /// <summary>The maximum-entropy distribution with mean energy Ē (see <see cref="SoftmaxNotebooks.MaxEntropy.Solve(double[], double[], double)"/>).</summary>
    /// <param name="meanEnergy">Ē in [<see cref="MinEnergy"/>, <see cref="MaxEnergy"/>].</param>
    public MaxEntropyResult MaxEntropy(double meanEnergy) => SoftmaxNotebooks.MaxEntropy.Solve(spectrum, meanEnergy);

    /// <summary>The name and level count.</summary>
    public override string ToString() => Name + " (" + Count.ToString(CultureInfo.InvariantCulture) + " levels)";

    private static void Positive(double value, string paramName)
    {
        if (!(value > 0) || !double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(
                paramName, PhysicsGuard.Format($"{paramName} must be finite and > 0, but was {PhysicsGuard.Format(value)}."));
        }
    }
}
