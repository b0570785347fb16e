using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static SoftmaxNotebooks.SoftmaxFunctions;

namespace SoftmaxNotebooks.Tests.Physics;

[Properties(Arbitrary = [typeof(PhysicsGenerators)])]
public class GibbsPropertyTests
{
    private static bool Near(double expected, double actual, double tolerance)
        => Math.Abs(expected - actual) <= tolerance;

    [Property(MaxTest = 10000)]
    public Property Log_partition_derivatives_are_minus_mean_energy_and_variance(RandomSpectrum r)
    {
        var s = GibbsState.FromBeta(r.Energies, r.Beta, r.Degeneracies);
        // Work in the dimensionless b = β·scale and energies relative to E_min, where a step of 1e−4 is well conditioned.
        double h = 1e-4 / r.Scale;
        var up = s.WithBeta(r.Beta + h);
        var down = s.WithBeta(r.Beta - h);
        double eMin = r.Energies.Min();
        double Shifted(GibbsState x) => x.LogZ + (x.Beta * eMin);
        double dLogZ = (Shifted(up) - Shifted(down)) / (2 * h);
        double dMean = (up.MeanEnergy - down.MeanEnergy) / (2 * h);
        // Truncation of the central difference, plus the rounding of log Z + β·E_min (both can be large when E_min
        // is far from 0 on the scale of the spectrum) amplified by 1/(2h).
        double rounding = 4.5e-16 * (Math.Abs(up.LogZ) + Math.Abs(up.Beta * eMin) + Math.Abs(down.LogZ) + Math.Abs(down.Beta * eMin) + 1) / (2 * h);
        double tolMean = (1e-6 * r.Scale) + rounding;
        double tolVar = 1e-5 * r.Scale * r.Scale;
        var dp = s.ProbabilityDerivative();
        bool probabilities = Enumerable.Range(0, s.Count).All(i =>
            Near(dp[i], (up.Probabilities[i] - down.Probabilities[i]) / (2 * h), 1e-6 * r.Scale));
        return (Near(-(s.MeanEnergy - eMin), dLogZ, tolMean)
                && Near(s.EnergyVariance, -dMean, tolVar)
                && probabilities)
            .Label($"d log Z/dβ {dLogZ} vs {-(s.MeanEnergy - eMin)}; −d⟨E⟩/dβ {-dMean} vs {s.EnergyVariance}; dp ok {probabilities}");
    }

    [Property(MaxTest = 10000)]
    public Property Variational_identity_holds_for_any_q_and_makes_Gibbs_extremal(RandomSpectrum r)
    {
        var s = GibbsState.FromBeta(r.Energies, r.Beta, r.Degeneracies);
        var random = new Random(r.Seed);
        double[] w = r.Energies.Select(_ => random.NextDouble() < 0.2 ? 0 : random.NextDouble()).ToArray();
        w[random.Next(w.Length)] += 1e-3;
        var q = Distribution.FromWeights(w);
        double lhs = s.ReducedFreeEnergyOf(q);
        double kl = q.KullbackLeibler(s.Distribution);
        double magnitude = Math.Abs(s.LogZ) + Math.Abs(r.Beta * r.Energies.Max(Math.Abs)) + kl + 1;
        bool identity = Near(-s.LogZ + kl, lhs, 1e-12 * magnitude);
        bool bound = lhs >= -s.LogZ - (1e-12 * magnitude);
        double fq = s.FreeEnergyOf(q);
        double fScale = Math.Abs(s.FreeEnergy) + (r.Beta == 0 ? 0 : (Math.Abs(s.Entropy) + 1) / Math.Abs(r.Beta));
        bool extremal = r.Beta == 0
            || (r.Beta > 0 ? fq >= s.FreeEnergy - (1e-12 * fScale) : fq <= s.FreeEnergy + (1e-12 * fScale));
        return (identity && bound && extremal).Label($"β⟨E⟩−S = {lhs}, −log Z + KL = {-s.LogZ + kl}; F[q] = {fq}, F = {s.FreeEnergy}");
    }

    [Property(MaxTest = 10000)]
    public Property Gibbs_is_softmax_of_minus_beta_E_plus_log_g_and_entropies_agree(RandomSpectrum r)
    {
        var s = GibbsState.FromBeta(r.Energies, r.Beta, r.Degeneracies);
        double[] logG = r.Degeneracies?.Select(x => Math.Log(x)).ToArray() ?? new double[r.Energies.Length];
        double eMin = r.Energies.Min();
        double[] z = r.Energies.Select((e, i) => (-r.Beta * (e - eMin)) + logG[i]).ToArray();
        double[] softmax = Softmax(z);
        bool same = Enumerable.Range(0, z.Length).All(i => Near(softmax[i], s.Probabilities[i], 1e-13));
        bool logZ = Near(LogSumExp(z) - (r.Beta * eMin), s.LogZ, 1e-13 * (1 + Math.Abs(s.LogZ)));
        double meanLogG = s.Distribution.Expectation(logG);
        bool entropies = Near(s.Entropy, s.MicrostateEntropyOf(s.Distribution), 1e-12 * (1 + Math.Abs(s.Entropy)))
            && Near(s.LevelEntropy, s.Entropy - meanLogG, 1e-12 * (1 + Math.Abs(s.Entropy) + Math.Abs(meanLogG)))
            && Near(s.Entropy, s.LogZ + (r.Beta * s.MeanEnergy), 1e-12 * (1 + Math.Abs(s.LogZ) + Math.Abs(r.Beta * s.MeanEnergy)));
        bool capacity = Near(s.HeatCapacity, r.Beta * r.Beta * s.EnergyVariance, 1e-12 * (1 + s.HeatCapacity));
        return (same && logZ && entropies && capacity).Label($"softmax {same}, log Z {logZ}, entropies {entropies}, C {capacity}");
    }

    [Property(MaxTest = 10000)]
    public Property Shifting_every_energy_changes_only_log_Z_and_the_mean(RandomSpectrum r)
    {
        double shift = new Random(r.Seed).Next(3) switch { 0 => 1e6 * r.Scale, 1 => -1e9 * r.Scale, _ => 1e12 };
        double[] moved = r.Energies.Select(e => e + shift).ToArray();
        var a = GibbsState.FromBeta(r.Energies, r.Beta, r.Degeneracies);
        var b = GibbsState.FromBeta(moved, r.Beta, r.Degeneracies);
        // Rounding of E + shift perturbs each energy by up to ε·|E + shift|; everything below is bounded by that.
        double de = 2.3e-16 * moved.Max(Math.Abs);
        double db = Math.Abs(r.Beta) * de * 4;
        bool p = Enumerable.Range(0, moved.Length).All(i => Near(a.Probabilities[i], b.Probabilities[i], 1e-13 + db));
        bool s = Near(a.Entropy, b.Entropy, 1e-12 * (1 + Math.Abs(a.Entropy)) + (db * 40));
        bool mean = Near(a.MeanEnergy + shift, b.MeanEnergy, 4 * de + (1e-13 * r.Scale));
        bool c = Near(a.HeatCapacity, b.HeatCapacity, 1e-10 * (1 + a.HeatCapacity) + (db * 100));
        return (p && s && mean && c).Label($"p {p}, S {a.Entropy} vs {b.Entropy}, mean {mean}, C {a.HeatCapacity} vs {b.HeatCapacity}");
    }

    [Property(MaxTest = 10000)]
    public Property Solver_recovers_beta_from_the_mean_it_produces(RandomSpectrum r)
    {
        var s = GibbsState.FromBeta(r.Energies, r.Beta, r.Degeneracies);
        double target = Math.Clamp(s.MeanEnergy, r.Energies.Min(), r.Energies.Max());
        bool ok = MaxEntropy.TrySolve(r.Energies, r.Degeneracies, target, out var result);
        if (!ok)
        {
            return false.Label("TrySolve failed");
        }

        bool residual = result!.IsLimit || Math.Abs(result.Residual) <= result.Tolerance || result.Termination == MaxEntropyTermination.PrecisionLimit;
        bool meanMatches = Near(target, result.State.MeanEnergy, (4 * result.Tolerance) + (1e-13 * r.Scale));
        // dβ = dĒ/Var: β is only determined to tolerance/Var, and not at all on a one-level or flat spectrum.
        double var = s.EnergyVariance;
        bool beta = var == 0 || result.IsLimit || Near(r.Beta, result.Beta, (10 * result.Tolerance / var) + (1e-9 / r.Scale));
        bool entropy = Near(s.Entropy, result.Entropy, 1e-9 * (1 + Math.Abs(s.Entropy)));
        return (residual && meanMatches && beta && entropy && result.Iterations <= 40)
            .Label($"{result}; expected β {r.Beta}, S {s.Entropy}");
    }

    [Property(MaxTest = 10000)]
    public Property Solver_converges_for_any_feasible_target_with_the_right_sign_of_beta(RandomSpectrum r)
    {
        double min = r.Energies.Min(), max = r.Energies.Max();
        double u = new Random(r.Seed).NextDouble();
        u = u < 0.05 ? 0 : u > 0.95 ? 1 : u < 0.1 ? 1e-9 : u;
        double target = u == 1 ? max : Math.Min(max, min + (u * (max - min)));
        var result = MaxEntropy.Solve(r.Energies, r.Degeneracies, target);
        double[] g = r.Degeneracies ?? r.Energies.Select(_ => 1.0).ToArray();
        double weightedMean = min + (r.Energies.Select((e, i) => g[i] * (e - min)).Sum() / g.Sum());
        bool sign = Math.Abs(target - weightedMean) <= 1e-9 * Math.Max(max - min, 1e-300)
            || (target < weightedMean ? result.Beta > 0 : result.Beta < 0);
        bool done = result.Termination is MaxEntropyTermination.Converged or MaxEntropyTermination.PrecisionLimit
            || (result.IsLimit && (target == min || target == max));
        bool residual = Math.Abs(result.State.MeanEnergy - target) <= (4 * result.Tolerance) + (1e-13 * (max - min));
        return (done && residual && (max == min || sign) && result.Iterations <= 40).Label(result.ToString());
    }
}
