using Xunit;
using static SoftmaxNotebooks.SoftmaxFunctions;

namespace SoftmaxNotebooks.Tests.Physics;

public class GradientCheckTests
{
    private static readonly double[] Z = [0.3, -1.2, 2.5, 0.0, 1.1];
    private static readonly double[] Target = [0.1, 0.2, 0.3, 0.15, 0.25];
    private static readonly double CubeRootEpsilon = Math.Cbrt(Math.Pow(2, -52));

    public static TheoryData<DifferenceScheme> Schemes() => new(DifferenceScheme.Central, DifferenceScheme.Richardson);

    [Theory]
    [MemberData(nameof(Schemes))]
    public void Softmax_Jacobian_LSE_gradient_and_cross_entropy_gradient_pass(DifferenceScheme scheme)
    {
        var options = new GradientCheckOptions { Scheme = scheme };
        var jacobian = GradientCheck.CheckJacobian(Softmax, SoftmaxJacobian, Z, options);
        Assert.True(jacobian.Passed, jacobian.ToString());
        Assert.Equal(25, jacobian.Entries.Count);
        Assert.Equal(5, jacobian.Outputs);
        Assert.Equal(scheme, jacobian.Scheme);

        var lse = GradientCheck.CheckGradient(LogSumExp, LogSumExpGradient, Z, options);
        Assert.True(lse.Passed, lse.ToString());
        Assert.Equal(1, lse.Outputs);

        var ce = GradientCheck.CheckGradient(u => CrossEntropyWithLogits(Target, u), u => CrossEntropyWithLogitsGradient(Target, u), Z, options);
        Assert.True(ce.Passed, ce.ToString());
        Assert.True(ce.Worst.ScaledError < (scheme == DifferenceScheme.Richardson ? 1e-10 : 1e-8), ce.ToString());
    }

    [Fact]
    public void A_wrong_gradient_fails_and_names_the_worst_coordinate()
    {
        double[] Wrong(double[] z)
        {
            var g = LogSumExpGradient(z);
            g[3] += 1e-3;
            g[1] += 1e-5;
            return g;
        }

        var report = GradientCheck.CheckGradient(LogSumExp, Wrong, Z);
        Assert.False(report.Passed);
        Assert.Equal(3, report.Worst.Input);
        Assert.Equal(1e-3, report.Worst.AbsoluteError, 6);
        Assert.Contains("FAILED", report.ToString(), StringComparison.Ordinal);

        double[,] WrongJacobian(double[] z)
        {
            var j = SoftmaxJacobian(z);
            j[2, 4] = -j[2, 4];
            return j;
        }

        var jr = GradientCheck.CheckJacobian(Softmax, WrongJacobian, Z);
        Assert.False(jr.Passed);
        Assert.Equal((2, 4), (jr.Worst.Output, jr.Worst.Input));
        Assert.Equal(jr.Worst, jr.Entries[(2 * 5) + 4]);
    }

    [Fact]
    public void Entries_report_steps_and_errors_per_coordinate()
    {
        double[] x = [100, -3, 0.5];
        var report = GradientCheck.CheckGradient(v => v.Sum(t => t * t * 0.5), v => v.ToArray(), x);
        Assert.True(report.Passed);
        Assert.Equal(CubeRootEpsilon * 100, report.Entries[0].Step, 1e-6 * CubeRootEpsilon * 100);
        Assert.Equal(CubeRootEpsilon * 3, report.Entries[1].Step, 1e-6 * CubeRootEpsilon * 3);
        Assert.Equal(CubeRootEpsilon, report.Entries[2].Step, 1e-6 * CubeRootEpsilon);
        foreach (var e in report.Entries)
        {
            Assert.Equal(Math.Abs(e.Analytic - e.Numeric), e.AbsoluteError);
            Assert.Equal(e.AbsoluteError / Math.Max(1, Math.Max(Math.Abs(e.Analytic), Math.Abs(e.Numeric))), e.ScaledError);
        }

        // A coordinate whose effect is below the rounding of |f| cannot be checked by differences: it fails, not passes.
        var swamped = GradientCheck.CheckGradient(v => v.Sum(t => t * t * 0.5), v => v.ToArray(), [1e6, -3, 0.5]);
        Assert.False(swamped.Passed);
        Assert.Equal(2, swamped.Worst.Input);

        var nan = GradientCheck.CheckGradient(v => v[0] > 0.5 ? double.NaN : v[0], v => [1.0], [0.5]);
        Assert.False(nan.Passed);
        Assert.Equal(double.PositiveInfinity, nan.Worst.ScaledError);
    }

    [Fact]
    public void Step_sweep_has_its_minimum_near_the_cube_root_of_epsilon()
    {
        var sweeps = new[]
        {
            GradientCheck.SweepJacobian(Softmax, SoftmaxJacobian, Z),
            GradientCheck.SweepGradient(LogSumExp, LogSumExpGradient, Z),
            GradientCheck.SweepGradient(u => CrossEntropyWithLogits(Target, u), u => CrossEntropyWithLogitsGradient(Target, u), Z),
        };
        foreach (var sweep in sweeps)
        {
            Assert.Equal(25, sweep.Points.Count);
            Assert.Equal(1e-1, sweep.Points[0].Step, 1e-15);
            Assert.Equal(1e-13, sweep.Points[^1].Step, 1e-25);
            Assert.Equal(CubeRootEpsilon, sweep.TheoreticalOptimalStep, 1e-20);
            Assert.InRange(sweep.Best.Step, CubeRootEpsilon / 100, CubeRootEpsilon * 100);
            // The V: truncation on the right, rounding on the left, both far above the bottom.
            Assert.True(sweep.Points[0].Error > 100 * sweep.Best.Error, sweep.ToString());
            Assert.True(sweep.Points[^1].Error > 100 * sweep.Best.Error, sweep.ToString());
        }
    }

    [Fact]
    public void Bad_arguments_are_named()
    {
        Assert.Contains("x[1]", Assert.Throws<ArgumentException>(() => GradientCheck.CheckGradient(LogSumExp, LogSumExpGradient, [0, double.NaN])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => GradientCheck.CheckGradient(LogSumExp, LogSumExpGradient, []));
        Assert.Equal("gradient", Assert.Throws<ArgumentException>(() => GradientCheck.CheckGradient(LogSumExp, _ => [1.0], Z)).ParamName);
        Assert.Equal("jacobian", Assert.Throws<ArgumentException>(() => GradientCheck.CheckJacobian(Softmax, _ => new double[2, 2], Z)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.CheckGradient(LogSumExp, LogSumExpGradient, Z, new GradientCheckOptions { Tolerance = 0 }));
        Assert.Throws<ArgumentException>(() => GradientCheck.SweepJacobian(Softmax, _ => new double[5, 4], Z));
    }

    [Fact]
    public void The_point_given_is_not_modified()
    {
        double[] x = [1, 2, 3];
        GradientCheck.CheckGradient(
            v =>
            {
                double s = v.Sum();
                v[0] = 99;
                return s;
            },
            v => [1.0, 1, 1],
            x);
        Assert.Equal([1.0, 2, 3], x);
    }
}
