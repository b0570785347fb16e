using System.Globalization;
using Xunit;

namespace SoftmaxNotebooks.Tests.Physics;

/// <summary>Regression tests for the review of main @ 214455f (findings 6, 7 and the enum nit).</summary>
public class GradientCheckReviewFindingTests
{
    [Fact]
    public void A_function_with_no_components_or_null_is_an_argument_error_naming_f()
    {
        Assert.Equal("f", Assert.Throws<ArgumentException>(() => GradientCheck.CheckJacobian(_ => [], _ => new double[0, 1], [1.0])).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentException>(() => GradientCheck.SweepJacobian(_ => [], _ => new double[0, 1], [1.0])).ParamName);
        Assert.Equal("f", Assert.Throws<ArgumentException>(() => GradientCheck.CheckJacobian(_ => null!, _ => new double[1, 1], [1.0])).ParamName);
    }

    [Fact]
    public void An_undefined_scheme_is_rejected()
    {
        var options = new GradientCheckOptions { Scheme = (DifferenceScheme)99 };
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.CheckGradient(x => x[0], _ => [1.0], [1.0], options));
    }

    [Fact]
    public void Record_text_and_messages_do_not_depend_on_the_culture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var report = GradientCheck.CheckGradient(x => 0.5 * x[0] * x[0], x => [x[0]], [1.5]);
            Assert.Contains("Analytic = 1.5,", report.Worst.ToString(), StringComparison.Ordinal);
            var point = new StepSweepPoint(0.5, 0.25);
            Assert.Equal("StepSweepPoint { Step = 0.5, Error = 0.25 }", point.ToString());
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.CheckGradient(x => x[0], _ => [1.0], [1.0], new GradientCheckOptions { Tolerance = -0.5 }));
            Assert.DoesNotContain("0,5", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
