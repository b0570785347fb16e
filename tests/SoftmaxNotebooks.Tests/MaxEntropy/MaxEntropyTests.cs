using System.Globalization;
using Xunit;

namespace SoftmaxNotebooks.Tests.Physics;

public class MaxEntropyTests
{
    private static readonly double[] Dice = [1, 2, 3, 4, 5, 6];
    private static readonly double[] JaynesFiveDigits = [0.05435, 0.07877, 0.11416, 0.16545, 0.23977, 0.34749];

    [Fact]
    public void Jaynes_dice_with_mean_4_5_matches_the_mpmath_reference_to_1e_12()
    {
        var reference = MaxEntropyReference.Solves.Single(s => s.Spectrum == "Dice" && s.Mean == 4.5);
        var result = MaxEntropy.Solve(Dice, 4.5);
        Assert.Equal(MaxEntropyTermination.Converged, result.Termination);
        Assert.True(Math.Abs(result.Beta - reference.Beta) <= 1e-12, result.ToString());
        for (int i = 0; i < 6; i++)
        {
            Assert.True(Math.Abs(result.Distribution[i] - reference.P[i]) <= 1e-12);
        }

        Assert.True(Math.Abs(result.Entropy - reference.Entropy) <= 1e-12);
        Assert.Equal(JaynesFiveDigits, result.Distribution.Probabilities.Select(p => Math.Round(p, 5)));
        Assert.Equal(-0.37105, Math.Round(result.Beta, 5));
        Assert.Equal(4.5, result.State.MeanEnergy, 14);
        Assert.True(result.Temperature < 0);
    }

    [Fact]
    public void Jaynes_dice_with_mean_3_5_is_uniform_at_beta_0()
    {
        var result = MaxEntropy.Solve(Dice, 3.5);
        Assert.Equal(0.0, result.Beta);
        Assert.Equal(double.PositiveInfinity, result.Temperature);
        Assert.All(result.Distribution.Probabilities, p => Assert.Equal(1.0 / 6, p, 15));
        Assert.Equal(Math.Log(6), result.Entropy, 15);
        Assert.Equal(1, result.Iterations);
    }

    public static TheoryData<int> ReferenceSolves() => new(Enumerable.Range(0, MaxEntropyReference.Solves.Length));

    [Theory]
    [MemberData(nameof(ReferenceSolves))]
    public void Degenerate_model_spectra_match_the_mpmath_reference(int index)
    {
        var r = MaxEntropyReference.Solves[index];
        var spectrum = Spectra.Named(r.Spectrum);
        var result = spectrum.MaxEntropy(r.Mean);
        Assert.Equal(MaxEntropyTermination.Converged, result.Termination);
        Assert.True(Math.Abs(result.Residual) <= result.Tolerance);
        // β is fixed only to tolerance/Var(E) by the stopping rule; the probabilities to about that times the spread.
        double betaTolerance = 1e-12 + (4 * result.Tolerance / result.State.EnergyVariance);
        Assert.True(Math.Abs(result.Beta - r.Beta) <= betaTolerance * Math.Max(1, Math.Abs(r.Beta)), string.Create(CultureInfo.InvariantCulture, $"β {result.Beta:R} vs {r.Beta:R}"));
        for (int i = 0; i < r.P.Length; i++)
        {
            Assert.True(Math.Abs(result.Distribution[i] - r.P[i]) <= 1e-12 + (betaTolerance * (spectrum.MaxEnergy - spectrum.MinEnergy) * r.P[i]), string.Create(CultureInfo.InvariantCulture, $"p[{i}] {result.Distribution[i]:R} vs {r.P[i]:R}"));
        }

        Assert.True(Math.Abs(result.Entropy - r.Entropy) <= 1e-11 * Math.Max(1, Math.Abs(r.Entropy)));
        Assert.True(result.Iterations <= 15, result.ToString());
    }

    [Fact]
    public void Mean_outside_the_spectrum_is_rejected_with_the_feasible_interval()
    {
        var below = Assert.Throws<ArgumentOutOfRangeException>(() => MaxEntropy.Solve(Dice, 0.5));
        Assert.Equal("meanEnergy", below.ParamName);
        Assert.Contains("[E_min, E_max] = [1, 6]", below.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => MaxEntropy.Solve(Dice, 6.000000001));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaxEntropy.Solve(Dice, double.PositiveInfinity));
        Assert.Equal("meanEnergy", Assert.Throws<ArgumentException>(() => MaxEntropy.Solve(Dice, double.NaN)).ParamName);
        Assert.False(MaxEntropy.TrySolve(Dice, 7, out var none));
        Assert.Null(none);
    }

    [Fact]
    public void Mean_at_the_ends_gives_the_infinite_beta_limits_split_by_degeneracy()
    {
        double[] e = [0, 1, 0, 2, 2];
        double[] g = [1, 4, 2, 3, 1];
        var ground = MaxEntropy.Solve(e, g, 0);
        Assert.Equal(double.PositiveInfinity, ground.Beta);
        Assert.Equal(MaxEntropyTermination.ZeroTemperatureLimit, ground.Termination);
        Assert.True(ground.IsLimit);
        Assert.Equal([1.0 / 3, 0, 2.0 / 3, 0, 0], ground.Distribution.Probabilities);
        Assert.Equal(Math.Log(3), ground.Entropy, 15);
        Assert.Equal(0, ground.Residual);

        var top = MaxEntropy.Solve(e, g, 2);
        Assert.Equal(double.NegativeInfinity, top.Beta);
        Assert.Equal(MaxEntropyTermination.NegativeZeroTemperatureLimit, top.Termination);
        Assert.Equal([0, 0, 0, 0.75, 0.25], top.Distribution.Probabilities);

        var near = MaxEntropy.Solve(Dice, 1 + 1e-10);
        Assert.Equal(MaxEntropyTermination.Converged, near.Termination);
        Assert.True(near.Beta > 20 && double.IsFinite(near.Beta));
        Assert.True(near.Iterations <= 6, near.ToString());
    }

    [Fact]
    public void Beta_is_zero_at_the_degeneracy_weighted_mean_and_for_a_flat_spectrum()
    {
        var rotor = EnergySpectrum.RigidRotor(5);
        Assert.Equal(17.5, rotor.DegeneracyWeightedMean); // Σ(2J+1)J(J+1)/Σ(2J+1) = 630/36
        var result = rotor.MaxEntropy(17.5);
        Assert.Equal(0.0, result.Beta);
        Assert.True(rotor.MaxEntropy(17.4).Beta > 0);
        Assert.True(rotor.MaxEntropy(17.6).Beta < 0);
        Assert.True(rotor.MaxEntropy(15).Beta > 0, "15 lies above the unweighted mean of the levels (35/3) but below the degeneracy-weighted one: β > 0");

        var flat = MaxEntropy.Solve([2.5, 2.5, 2.5], [1, 2, 1], 2.5);
        Assert.Equal(0.0, flat.Beta);
        Assert.Equal(0, flat.Iterations);
        Assert.Equal([0.25, 0.5, 0.25], flat.Distribution.Probabilities);
        Assert.Throws<ArgumentOutOfRangeException>(() => MaxEntropy.Solve([2.5, 2.5], 2.6));
    }

    [Fact]
    public void Invalid_spectra_get_clear_errors()
    {
        var nan = Assert.Throws<ArgumentException>(() => MaxEntropy.Solve([1, double.NaN, 3], 2));
        Assert.Contains("energies[1]", nan.Message, StringComparison.Ordinal);
        Assert.Contains("energies[2]", Assert.Throws<ArgumentException>(() => MaxEntropy.Solve([1, 2, double.NegativeInfinity], 2)).Message, StringComparison.Ordinal);
        var g = Assert.Throws<ArgumentException>(() => MaxEntropy.Solve([1, 2, 3], [1, -1, 1], 2));
        Assert.Contains("degeneracies[1]", g.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MaxEntropy.Solve([1, 2, 3], [1, double.NaN, 1], 2));
        Assert.Throws<ArgumentException>(() => MaxEntropy.Solve([], 2));
        Assert.False(MaxEntropy.TrySolve([1, double.NaN], 1, out _));
        Assert.Throws<ArgumentNullException>(() => MaxEntropy.TrySolve(null!, 1, out _));
    }

    [Fact]
    public void Slope_of_entropy_is_beta_and_beta_changes_as_minus_one_over_variance()
    {
        var rotor = EnergySpectrum.RigidRotor(30);
        foreach (double mean in new[] { 3.0, 20, 400, 700 })
        {
            double h = 1e-4 * mean;
            var center = rotor.MaxEntropy(mean);
            var up = rotor.MaxEntropy(mean + h);
            var down = rotor.MaxEntropy(mean - h);
            double dS = (up.Entropy - down.Entropy) / (2 * h);
            double dBeta = (up.Beta - down.Beta) / (2 * h);
            Assert.True(Math.Abs(dS - center.Beta) <= 1e-6 * Math.Max(1e-3, Math.Abs(center.Beta)), string.Create(CultureInfo.InvariantCulture, $"dS/dĒ {dS:R} vs β {center.Beta:R}"));
            double expected = -1 / center.State.EnergyVariance;
            Assert.True(Math.Abs(dBeta - expected) <= 1e-6 * Math.Abs(expected), string.Create(CultureInfo.InvariantCulture, $"dβ/dĒ {dBeta:R} vs {expected:R}"));
        }
    }

    [Fact]
    public void Hydrogen_like_partition_function_grows_without_bound_with_the_cutoff()
    {
        // Σ n² e^{β/n²} ≥ Σ n² = nMax(nMax+1)(2nMax+1)/6: log Z grows like 3·log nMax at any β.
        double previous = double.NegativeInfinity;
        foreach (int nMax in new[] { 10, 100, 1000, 10000 })
        {
            var s = EnergySpectrum.HydrogenLike(nMax).AtBeta(5);
            double floor = Math.Log(nMax * (nMax + 1.0) * ((2.0 * nMax) + 1) / 6);
            Assert.True(s.LogZ >= floor && s.LogZ > previous + 6, s.ToString());
            previous = s.LogZ;
        }

        Assert.Equal(-0.25, EnergySpectrum.HydrogenLike(3).Energies[1]);
        Assert.Equal(9, EnergySpectrum.HydrogenLike(3).Degeneracies[2]);
        Assert.Equal("n=2", EnergySpectrum.HydrogenLike(3).Labels[1]);
    }

    [Fact]
    public void Model_spectra_have_the_stated_levels()
    {
        var ladder = EnergySpectrum.HarmonicLadder(200, 2, 1);
        Assert.Equal(200, ladder.Count);
        Assert.Equal(1 + (2 * 199), ladder.MaxEnergy);
        var rotor = EnergySpectrum.RigidRotor(4, 0.5);
        Assert.Equal([0, 1, 3, 6, 10], rotor.Energies);
        Assert.Equal([1, 3, 5, 7, 9], rotor.Degeneracies);
        Assert.Equal(6, EnergySpectrum.Die().Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergySpectrum.HydrogenLike(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => EnergySpectrum.RigidRotor(3, -1));
        // Rigid rotor converges for β > 0: log Z hardly moves once J_max is well past the thermal population.
        Assert.Equal(EnergySpectrum.RigidRotor(60).AtBeta(0.1).LogZ, EnergySpectrum.RigidRotor(120).AtBeta(0.1).LogZ, 12);
    }

    [Fact]
    public void A_million_levels_converge_in_a_few_passes()
    {
        var random = new Random(42);
        double[] e = Enumerable.Range(0, 1_000_000).Select(_ => 10 * random.NextDouble()).ToArray();
        foreach (double mean in new[] { 3.0, 5.5, 8.0 })
        {
            var result = MaxEntropy.Solve(e, mean);
            Assert.Equal(MaxEntropyTermination.Converged, result.Termination);
            Assert.True(result.Iterations <= 8, result.ToString());
            Assert.True(Math.Abs(result.State.MeanEnergy - mean) <= result.Tolerance * 4);
        }
    }

    [Fact]
    public void Two_moment_dice_matches_the_mpmath_reference()
    {
        double[][] f = [Dice, Dice.Select(k => k * k).ToArray()];
        var result = MaxEntropy.SolveConstraints(f, [4.5, 22]);
        Assert.Equal(MaxEntropyTermination.Converged, result.Termination);
        for (int k = 0; k < 2; k++)
        {
            Assert.True(Math.Abs(result.Multipliers[k] - MaxEntropyReference.TwoMomentDiceMultipliers[k]) <= 1e-9, string.Create(CultureInfo.InvariantCulture, $"λ{k} {result.Multipliers[k]:R}"));
        }

        for (int i = 0; i < 6; i++)
        {
            Assert.True(Math.Abs(result.Distribution[i] - MaxEntropyReference.TwoMomentDiceP[i]) <= 1e-12);
        }

        Assert.Equal(4.5, result.Expectations[0], 11);
        Assert.Equal(22, result.Expectations[1], 10);
        double logZ = Math.Log(Dice.Sum(k => Math.Exp((-result.Multipliers[0] * k) - (result.Multipliers[1] * k * k))));
        Assert.Equal(logZ, result.LogZ, 12);
        Assert.Equal(result.Distribution.Entropy(), result.Entropy, 12);
    }

    [Fact]
    public void One_constraint_reproduces_the_single_constraint_solver()
    {
        var rotor = EnergySpectrum.RigidRotor(30);
        double[] e = rotor.Energies.ToArray();
        double[] g = rotor.Degeneracies.ToArray();
        var single = MaxEntropy.Solve(e, g, 20);
        var general = MaxEntropy.SolveConstraints([e], [20], g);
        Assert.Equal(single.Beta, general.Multipliers[0], 10);
        Assert.Equal(single.Entropy, general.Entropy, 11);
        Assert.True(MaxEntropy.TrySolveConstraints([e], [20], g, out var again));
        Assert.Equal(general.Multipliers, again.Multipliers);
    }

    [Fact]
    public void Infeasible_or_degenerate_constraint_sets_get_clear_errors()
    {
        double[] squares = Dice.Select(k => k * k).ToArray();
        // ⟨k²⟩ < ⟨k⟩² is impossible; ⟨k²⟩ = ⟨k⟩² needs a point mass (boundary): both lie inside the boxes.
        var below = Assert.Throws<ArgumentException>(() => MaxEntropy.SolveConstraints([Dice, squares], [4.5, 19]));
        Assert.Contains("not achievable", below.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MaxEntropy.SolveConstraints([Dice, squares], [4.5, 20.25]));
        Assert.False(MaxEntropy.TrySolveConstraints([Dice, squares], [4.5, 19], null, out var none));
        Assert.Null(none);

        var box = Assert.Throws<ArgumentOutOfRangeException>(() => MaxEntropy.SolveConstraints([Dice, squares], [4.5, 40]));
        Assert.Contains("[1, 36]", box.Message, StringComparison.Ordinal);

        var dependent = Assert.Throws<ArgumentException>(() => MaxEntropy.SolveConstraints([Dice, Dice.Select(k => (2 * k) + 1).ToArray()], [3, 7]));
        Assert.Contains("linearly dependent", dependent.Message, StringComparison.Ordinal);
        var constant = Assert.Throws<ArgumentException>(() => MaxEntropy.SolveConstraints([Dice, [1, 1, 1, 1, 1, 1]], [3, 1]));
        Assert.Contains("constant", constant.Message, StringComparison.Ordinal);
        Assert.Contains("[1][2]", Assert.Throws<ArgumentException>(() => MaxEntropy.SolveConstraints([Dice, [1, 2, double.NaN, 4, 5, 6]], [3, 3])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => MaxEntropy.SolveConstraints([Dice, [1, 2]], [3, 3]));
        Assert.Throws<ArgumentException>(() => MaxEntropy.SolveConstraints([Dice], [3, 3]));
        Assert.Throws<ArgumentException>(() => MaxEntropy.SolveConstraints([], []));
    }
}
