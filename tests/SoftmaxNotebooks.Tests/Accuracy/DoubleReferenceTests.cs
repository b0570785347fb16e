using Xunit;

namespace SoftmaxNotebooks.Tests.Accuracy;

/// <summary>
/// Double LSE, softmax, log-softmax, cross-entropy and its gradient against the mpmath references
/// (make_reference.py), each value within the condition bound of issue 3; array and span forms alike.
/// </summary>
public sealed class DoubleReferenceTests
{
    private const string Section = "double";

    public static TheoryData<string> Cases => ReferenceData.Names(Section);

    public static TheoryData<string> TargetCases => ReferenceData.Names(Section, c => c.P is not null);

    [Fact]
    public void LogSumExpOfZeroAndMinusFortyIsCorrectToTheLastBit()
    {
        Assert.Equal(4.248354255291589e-18, SoftmaxFunctions.LogSumExp(new[] { 0.0, -40.0 }));
        Assert.Equal(4.248354255291589e-18, SoftmaxFunctions.LogSumExp(new ReadOnlySpan<double>([0.0, -40.0])));
        Assert.Equal(4.248354255291589e-18, ReferenceData.Case(Section, "fixed/lse-0-minus40").Lse.Hi);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogSumExpIsWithinItsConditionBound(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open(name);
        ReferenceChecks.Lse(report, k, "LogSumExp(double[])", SoftmaxFunctions.LogSumExp(c.Z));
        ReferenceChecks.Lse(report, k, "LogSumExp(ReadOnlySpan<double>)",
            SoftmaxFunctions.LogSumExp(new ReadOnlySpan<double>(c.Z)));
        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SoftmaxIsWithinItsConditionBound(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open(name);
        ReferenceChecks.Softmax(report, k, "Softmax(double[])", SoftmaxFunctions.Softmax(c.Z));
        var destination = new double[c.Z.Length];
        SoftmaxFunctions.Softmax(new ReadOnlySpan<double>(c.Z), destination);
        ReferenceChecks.Softmax(report, k, "Softmax(span, destination)", destination);
        ReferenceChecks.Softmax(report, k, "LogSumExpGradient(double[])", SoftmaxFunctions.LogSumExpGradient(c.Z));
        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogSoftmaxIsWithinItsConditionBound(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open(name);
        ReferenceChecks.LogSoftmax(report, k, "LogSoftmax(double[])", SoftmaxFunctions.LogSoftmax(c.Z));
        var destination = new double[c.Z.Length];
        SoftmaxFunctions.LogSoftmax(new ReadOnlySpan<double>(c.Z), destination);
        ReferenceChecks.LogSoftmax(report, k, "LogSoftmax(span, destination)", destination);
        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(TargetCases))]
    public void CrossEntropyIsWithinItsConditionBound(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open(name);
        double[] p = c.P!;
        ReferenceChecks.CrossEntropy(report, k, "CrossEntropyWithLogits(p, u)", p, c.CrossEntropy!.Value,
            SoftmaxFunctions.CrossEntropyWithLogits(p, c.Z));
        if (c.Label is int label)
        {
            ReferenceChecks.CrossEntropy(report, k, "CrossEntropyWithLogits(label, u)", p, c.CrossEntropy!.Value,
                SoftmaxFunctions.CrossEntropyWithLogits(label, c.Z));
        }

        if (c.LabelSmoothing is double smoothing)
        {
            double[] smoothed = ReferenceChecks.SmoothedTarget(c.Z.Length, c.Label!.Value, smoothing);
            ReferenceChecks.CrossEntropy(report, k, "CrossEntropyWithLogits(label, u, labelSmoothing)", smoothed,
                c.CrossEntropySmoothed!.Value, SoftmaxFunctions.CrossEntropyWithLogits(c.Label.Value, c.Z, smoothing));
        }

        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(TargetCases))]
    public void CrossEntropyGradientIsWithinItsConditionBound(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open(name);
        double[] p = c.P!;
        ReferenceChecks.Gradient(report, k, "CrossEntropyWithLogitsGradient(p, u)", p, c.Gradient!,
            SoftmaxFunctions.CrossEntropyWithLogitsGradient(p, c.Z));
        if (c.Label is int label)
        {
            ReferenceChecks.Gradient(report, k, "CrossEntropyWithLogitsGradient(label, u)", p, c.Gradient!,
                SoftmaxFunctions.CrossEntropyWithLogitsGradient(label, c.Z));
        }

        if (c.LabelSmoothing is double smoothing)
        {
            double[] smoothed = ReferenceChecks.SmoothedTarget(c.Z.Length, c.Label!.Value, smoothing);
            ReferenceChecks.Gradient(report, k, "CrossEntropyWithLogitsGradient(label, u, labelSmoothing)", smoothed,
                c.GradientSmoothed!, SoftmaxFunctions.CrossEntropyWithLogitsGradient(c.Label.Value, c.Z, smoothing));
        }

        report.ThrowIfAny();
    }

    private static (ReferenceCase Case, Condition Condition, AccuracyReport Report) Open(string name)
    {
        ReferenceCase c = ReferenceData.Case(Section, name);
        return (c, Condition.Of(c, Precision.Double), new AccuracyReport(c, Precision.Double));
    }
}
