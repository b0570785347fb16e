using System.Globalization;
using Xunit;
using static SoftmaxNotebooks.SoftmaxFunctions;

namespace SoftmaxNotebooks.Tests.Physics;

public class GibbsStateTests
{
    private static void Close(double expected, double actual, double relative, string what)
        => Assert.True(
            Math.Abs(expected - actual) <= relative * Math.Max(1.0, Math.Abs(expected)),
            string.Create(CultureInfo.InvariantCulture, $"{what}: expected {expected:R}, got {actual:R}"));

    private static void AllFinite(GibbsState s)
    {
        foreach (double x in new[] { s.MeanEnergy, s.EnergyVariance, s.Entropy, s.LevelEntropy, s.HeatCapacity, s.FreeEnergy })
        {
            Assert.False(double.IsNaN(x), s.ToString());
        }

        Assert.All(s.Probabilities, p => Assert.True(p >= 0 && p <= 1));
        Assert.False(double.IsNaN(s.LogZ));
    }

    [Fact]
    public void Huge_span_at_tiny_beta_has_a_finite_heat_capacity()
    {
        var s = GibbsState.FromBeta([0, 1e300], 1e-300);
        Close(MaxEntropyReference.HugeSpanHeatCapacity, s.HeatCapacity, 1e-13, "C");
        Close(MaxEntropyReference.HugeSpanEntropy, s.Entropy, 1e-13, "S");
        Assert.True(double.IsPositiveInfinity(s.EnergyVariance), "Var(E) ≈ 2e599 is honestly beyond the double range");
        AllFinite(s);
    }

    [Fact]
    public void Large_common_offset_does_not_cost_digits_of_the_entropy()
    {
        var s = GibbsState.FromBeta([1e12, 1e12 + 1], 1);
        Assert.True(Math.Abs(s.Entropy - MaxEntropyReference.TwoLevelHugeOffsetEntropy) <= 1e-12, s.Entropy.ToString("R", CultureInfo.InvariantCulture));
        Assert.Equal(0.5822031, s.Entropy, 7);
        Close(1e12 - Math.Log(1 + Math.Exp(-1)), s.FreeEnergy, 1e-16, "F");
    }

    [Fact]
    public void Huge_energies_at_large_beta_put_all_mass_on_the_ground_level()
    {
        var s = GibbsState.FromBeta([1e300, 2e300], 1e10);
        Assert.Equal([1.0, 0.0], s.Probabilities);
        Assert.Equal(1e300, s.MeanEnergy);
        Assert.Equal(0.0, s.EnergyVariance);
        Assert.Equal(0.0, s.Entropy);
        Assert.Equal(0.0, s.HeatCapacity);
        Assert.Equal(double.NegativeInfinity, s.LogZ); // −1e310 is beyond the double range; documented
        AllFinite(s);
    }

    [Fact]
    public void Energies_of_order_1e5_at_beta_1_match_the_shifted_spectrum()
    {
        double[] small = [0, 0.5, 1, 2];
        double[] large = small.Select(e => 1e5 + e).ToArray();
        var a = GibbsState.FromBeta(small, 1);
        var b = GibbsState.FromBeta(large, 1);
        Close(a.Entropy, b.Entropy, 1e-15, "S");
        Close(a.LogZ - 1e5, b.LogZ, 1e-15, "log Z");
        Close(a.MeanEnergy + 1e5, b.MeanEnergy, 1e-15, "⟨E⟩");
        Close(a.HeatCapacity, b.HeatCapacity, 1e-9, "C");
        for (int i = 0; i < small.Length; i++)
        {
            Close(a.Probabilities[i], b.Probabilities[i], 1e-15, "p");
        }

        Assert.Equal(double.PositiveInfinity, GibbsState.FromBeta([-1000.0], 1).Z); // Z overflows; log Z = 1000 does not
        Assert.Equal(1000, GibbsState.FromBeta([-1000.0], 1).LogZ);
    }

    public static TheoryData<int> ReferenceStates() => new(Enumerable.Range(0, MaxEntropyReference.States.Length));

    [Theory]
    [MemberData(nameof(ReferenceStates))]
    public void Thermodynamic_quantities_match_the_mpmath_reference(int index)
    {
        var r = MaxEntropyReference.States[index];
        var s = Spectra.Named(r.Spectrum).AtBeta(r.Beta);
        Close(r.LogZ, s.LogZ, 1e-13, "log Z");
        Close(r.Mean, s.MeanEnergy, 1e-13, "⟨E⟩");
        Close(r.Variance, s.EnergyVariance, 1e-12, "Var");
        Close(r.Entropy, s.Entropy, 1e-13, "S");
        Close(r.LevelEntropy, s.LevelEntropy, 1e-13, "H");
        Close(r.FreeEnergy, s.FreeEnergy, 1e-13, "F");
        Close(r.HeatCapacity, s.HeatCapacity, 1e-12, "C");
    }

    [Fact]
    public void Zero_temperature_limit_splits_the_ground_mass_in_proportion_to_degeneracy()
    {
        double[] e = [2, 0, 0, 1];
        double[] g = [5, 1, 3, 2];
        foreach (var s in new[] { GibbsState.FromBeta(e, double.PositiveInfinity, g), GibbsState.FromTemperature(e, 0, g) })
        {
            Assert.True(s.IsLimit);
            Assert.Equal([0, 0.25, 0.75, 0], s.Probabilities);
            Assert.Equal(0, s.MeanEnergy);
            Assert.Equal(Math.Log(4), s.Entropy, 15);
            Assert.Equal(0, s.HeatCapacity);
            Assert.Equal(0, s.FreeEnergy);
            Assert.Equal(Math.Log(4), s.LogZ, 15);
            AllFinite(s);
        }

        // T → 0⁺ through finite temperatures approaches the limit without NaN.
        foreach (double t in new[] { 1e-2, 1e-5, 1e-100, 1e-300, double.Epsilon })
        {
            var s = GibbsState.FromTemperature(e, t, g);
            AllFinite(s);
            Assert.Equal(0.25, s.Probabilities[1], 12);
            Assert.Equal(0.75, s.Probabilities[2], 12);
        }

        var top = GibbsState.FromBeta(e, double.NegativeInfinity, g);
        Assert.Equal([1, 0, 0, 0], top.Probabilities);
        Assert.Equal(2, top.FreeEnergy);
        Assert.Equal(-0.0, top.Temperature);
        Assert.True(double.IsNegative(top.Temperature));
    }

    [Fact]
    public void Infinite_temperature_is_the_degeneracy_weighted_uniform_state()
    {
        double[] e = [3, 1, 2];
        double[] g = [1, 2, 5];
        foreach (var s in new[]
        {
            GibbsState.FromBeta(e, 0, g), GibbsState.FromBeta(e, -0.0, g),
            GibbsState.FromTemperature(e, double.PositiveInfinity, g), GibbsState.FromTemperature(e, double.NegativeInfinity, g),
        })
        {
            Assert.Equal(0.0, s.Beta);
            Assert.False(double.IsNegative(s.Beta));
            Assert.Equal(double.PositiveInfinity, s.Temperature);
            Assert.Equal(1.0 / 8, s.Probabilities[0], 15);
            Assert.Equal(2.0 / 8, s.Probabilities[1], 15);
            Assert.Equal(5.0 / 8, s.Probabilities[2], 15);
            Assert.Equal(Math.Log(8), s.Entropy, 15);
            Assert.Equal(0, s.HeatCapacity);
            Assert.Equal(double.NegativeInfinity, s.FreeEnergy);
        }

        // T → ∞ through finite temperatures: no NaN, C → 0.
        foreach (double t in new[] { 1e3, 1e100, 1e300, double.MaxValue })
        {
            var s = GibbsState.FromTemperature(e, t, g);
            AllFinite(s);
            Assert.Equal(5.0 / 8, s.Probabilities[2], 2);
        }

        Assert.Equal(2.0, GibbsState.FromBeta([2.0], 0).FreeEnergy); // one microstate: S = 0, F = E
    }

    [Fact]
    public void Free_energy_identity_and_its_minimum_and_maximum()
    {
        double[] e = [0, 1, 1.5, 4];
        double[] g = [1, 3, 2, 1];
        var q = Distribution.FromProbabilities([0.1, 0.2, 0.3, 0.4]);
        foreach (double beta in new[] { 2.0, 0.3, -0.3, -2.0 })
        {
            var s = GibbsState.FromBeta(e, beta, g);
            double lhs = s.ReducedFreeEnergyOf(q);
            double kl = q.KullbackLeibler(s.Distribution);
            Close(-s.LogZ + kl, lhs, 1e-14, "β⟨E⟩_q − S[q]");
            Assert.True(lhs >= -s.LogZ);
            Close(-s.LogZ, s.ReducedFreeEnergyOf(s.Distribution), 1e-14, "at Gibbs");
            double fq = s.FreeEnergyOf(q);
            if (beta > 0)
            {
                Assert.True(fq > s.FreeEnergy, "Gibbs minimises F for T > 0");
            }
            else
            {
                Assert.True(fq < s.FreeEnergy, "Gibbs maximises F for T < 0");
            }

            Close(s.FreeEnergy, s.FreeEnergyOf(s.Distribution), 1e-14, "F[p] = F");
            Close(s.MeanEnergy - (s.Temperature * s.Entropy), s.FreeEnergy, 1e-14, "F = ⟨E⟩ − TS");
            Close(s.LogZ + (beta * s.MeanEnergy), s.Entropy, 1e-14, "S = log Z + β⟨E⟩");
            Close(s.Entropy, s.MicrostateEntropyOf(s.Distribution), 1e-14, "S[p]");
            Close(s.Entropy - s.Distribution.Expectation(i => Math.Log(g[i])), s.LevelEntropy, 1e-14, "H = S − ⟨log g⟩");
        }

        Assert.Throws<InvalidOperationException>(() => GibbsState.FromBeta(e, double.PositiveInfinity).ReducedFreeEnergyOf(q));
    }

    [Fact]
    public void Softmax_of_minus_beta_E_with_log_degeneracy_weights_is_the_Gibbs_distribution()
    {
        double[] e = [0.5, -1, 2, 2, 7];
        double[] g = [1, 4, 2, 9, 30];
        double beta = 1.7;
        var s = GibbsState.FromBeta(e, beta, g);
        double[] logits = e.Select((x, i) => (-beta * x) + Math.Log(g[i])).ToArray();
        double[] viaLogs = Softmax(logits);
        double[] viaWeights = WeightedSoftmax(e.Select(x => -beta * x).ToArray(), g);
        for (int i = 0; i < e.Length; i++)
        {
            Close(viaLogs[i], s.Probabilities[i], 1e-15, "softmax(−βE + log g)");
            Close(viaWeights[i], s.Probabilities[i], 1e-15, "softmax(−βE; g)");
        }

        Close(LogSumExp(logits), s.LogZ, 1e-15, "log Z = LSE(−βE + log g)");
    }

    [Fact]
    public void Derivative_identities_hold_by_finite_differences()
    {
        var rotor = EnergySpectrum.RigidRotor(30);
        foreach (double beta in new[] { 0.05, 0.4, -0.002 })
        {
            var s = rotor.AtBeta(beta);
            double h = 1e-4 * Math.Max(Math.Abs(beta), 1e-2);
            var up = s.WithBeta(beta + h);
            var down = s.WithBeta(beta - h);
            Close(-s.MeanEnergy, (up.LogZ - down.LogZ) / (2 * h), 1e-7, "d log Z/dβ");
            Close(s.EnergyVariance, (down.MeanEnergy - up.MeanEnergy) / (2 * h), 1e-6, "d² log Z/dβ² = −d⟨E⟩/dβ");
            var dp = s.ProbabilityDerivative();
            for (int i = 0; i < s.Count; i++)
            {
                Assert.True(Math.Abs(dp[i] - ((up.Probabilities[i] - down.Probabilities[i]) / (2 * h))) <= 1e-6 * Math.Max(1, Math.Abs(dp[i])));
            }
        }
    }

    [Fact]
    public void SI_units_use_the_Boltzmann_constant_for_beta_only()
    {
        double[] e = [0, 1e-21, 3e-21]; // joules
        var s = GibbsState.FromTemperature(e, 300, null, GibbsState.BoltzmannConstantSI);
        Close(1 / (1.380649e-23 * 300), s.Beta, 1e-15, "β");
        Close(300, s.Temperature, 1e-15, "T");
        var natural = GibbsState.FromBeta(e.Select(x => x * s.Beta).ToArray(), 1);
        Close(natural.Entropy, s.Entropy, 1e-14, "S in units of k_B");
        Close(natural.HeatCapacity, s.HeatCapacity, 1e-12, "C in units of k_B");
        Close(300, s.WithTemperature(300).Temperature, 1e-15, "WithTemperature keeps k_B");
        Assert.Throws<ArgumentOutOfRangeException>(() => GibbsState.FromTemperature(e, 1, null, 0));
    }

    [Fact]
    public void Invalid_input_names_the_argument_the_index_and_the_rule()
    {
        var nan = Assert.Throws<ArgumentException>(() => GibbsState.FromBeta([0, double.NaN], 1));
        Assert.Equal("energies", nan.ParamName);
        Assert.Contains("energies[1]", nan.Message, StringComparison.Ordinal);
        Assert.Contains("finite", nan.Message, StringComparison.Ordinal);
        var inf = Assert.Throws<ArgumentException>(() => GibbsState.FromBeta([double.PositiveInfinity], 1));
        Assert.Contains("energies[0]", inf.Message, StringComparison.Ordinal);
        var g = Assert.Throws<ArgumentException>(() => GibbsState.FromBeta([0, 1, 2], 1, [1, 0, 1]));
        Assert.Equal("degeneracies", g.ParamName);
        Assert.Contains("degeneracies[1]", g.Message, StringComparison.Ordinal);
        Assert.Contains("> 0", g.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => GibbsState.FromBeta([0, 1], 1, [1]));
        Assert.Equal("beta", Assert.Throws<ArgumentException>(() => GibbsState.FromBeta([0, 1], double.NaN)).ParamName);
        Assert.Throws<ArgumentException>(() => GibbsState.FromBeta([], 1));
        Assert.Throws<ArgumentException>(() => GibbsState.FromBeta([-1e308, 1e308], 1));
        Assert.Throws<ArgumentException>(() => GibbsState.FromBeta([0, 1], 1, labels: ["a"]));
    }

    [Fact]
    public void State_is_a_private_copy_and_ToString_is_culture_invariant()
    {
        double[] e = [0, 1.5];
        var s = GibbsState.FromBeta(e, 1, labels: ["ground", "excited"]);
        e[1] = 99;
        Assert.Equal(1.5, s.Energies[1]);
        Assert.Equal(["ground", "excited"], s.Distribution.Labels!);
        Assert.Equal(1.5, s.Distribution.Values![1]);
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Contains("⟨E⟩=0.27363", s.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}

internal static class Spectra
{
    public static EnergySpectrum Named(string name) => name switch
    {
        "Dice" => EnergySpectrum.Die(),
        "Hydrogen20" => EnergySpectrum.HydrogenLike(20),
        "Harmonic200" => EnergySpectrum.HarmonicLadder(200),
        "Rotor30" => EnergySpectrum.RigidRotor(30),
        _ => throw new ArgumentException(name, nameof(name)),
    };
}
