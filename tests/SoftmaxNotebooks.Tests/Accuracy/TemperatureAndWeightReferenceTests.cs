using Xunit;

namespace SoftmaxNotebooks.Tests.Accuracy;

/// <summary>
/// Tempered (T·LSE(z/T), softmax(z/T), log-softmax(z/T)) and weighted (log Σ w e^z, weighted softmax) double
/// forms against the mpmath references, within the bounds of issue 3 taken on u = z/T (see <see cref="Condition"/>).
/// </summary>
public sealed class TemperatureAndWeightReferenceTests
{
    public static TheoryData<string> TemperatureCases => ReferenceData.Names("doubleTemperature");

    public static TheoryData<string> WeightedCases => ReferenceData.Names("doubleWeighted");

    [Theory]
    [MemberData(nameof(TemperatureCases))]
    public void TemperedLogSumExpIsWithinItsConditionBound(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open("doubleTemperature", name);
        double t = c.Temperature!.Value;
        ReferenceChecks.Lse(report, k, "LogSumExp(double[], temperature)", SoftmaxFunctions.LogSumExp(c.Z, t));
        ReferenceChecks.Lse(report, k, "LogSumExp(ReadOnlySpan<double>, temperature)",
            SoftmaxFunctions.LogSumExp(new ReadOnlySpan<double>(c.Z), t));
        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(TemperatureCases))]
    public void TemperedSoftmaxIsWithinItsConditionBound(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open("doubleTemperature", name);
        double t = c.Temperature!.Value;
        ReferenceChecks.Softmax(report, k, "Softmax(double[], temperature)", SoftmaxFunctions.Softmax(c.Z, t));
        var destination = new double[c.Z.Length];
        SoftmaxFunctions.Softmax(new ReadOnlySpan<double>(c.Z), t, destination);
        ReferenceChecks.Softmax(report, k, "Softmax(span, temperature, destination)", destination);
        ReferenceChecks.Softmax(report, k, "LogSumExpGradient(double[], temperature)",
            SoftmaxFunctions.LogSumExpGradient(c.Z, t));
        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(TemperatureCases))]
    public void TemperedLogSoftmaxIsWithinItsConditionBound(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open("doubleTemperature", name);
        double t = c.Temperature!.Value;
        ReferenceChecks.LogSoftmax(report, k, "LogSoftmax(double[], temperature)", SoftmaxFunctions.LogSoftmax(c.Z, t));
        var destination = new double[c.Z.Length];
        SoftmaxFunctions.LogSoftmax(new ReadOnlySpan<double>(c.Z), t, destination);
        ReferenceChecks.LogSoftmax(report, k, "LogSoftmax(span, temperature, destination)", destination);
        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(WeightedCases))]
    public void WeightedLogSumExpIsWithinItsConditionBound(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open("doubleWeighted", name);
        double[] w = c.Weights!;
        ReferenceChecks.Lse(report, k, "WeightedLogSumExp(double[], weights)", SoftmaxFunctions.WeightedLogSumExp(c.Z, w));
        ReferenceChecks.Lse(report, k, "WeightedLogSumExp(ReadOnlySpan<double>, weights)",
            SoftmaxFunctions.WeightedLogSumExp(new ReadOnlySpan<double>(c.Z), new ReadOnlySpan<double>(w)));
        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(WeightedCases))]
    public void WeightedSoftmaxIsWithinItsConditionBound(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open("doubleWeighted", name);
        double[] w = c.Weights!;
        ReferenceChecks.Softmax(report, k, "WeightedSoftmax(double[], weights)", SoftmaxFunctions.WeightedSoftmax(c.Z, w));
        var destination = new double[c.Z.Length];
        SoftmaxFunctions.WeightedSoftmax(new ReadOnlySpan<double>(c.Z), new ReadOnlySpan<double>(w), destination);
        ReferenceChecks.Softmax(report, k, "WeightedSoftmax(span, weights, destination)", destination);
        report.ThrowIfAny();
    }

    private static (ReferenceCase Case, Condition Condition, AccuracyReport Report) Open(string section, string name)
    {
        ReferenceCase c = ReferenceData.Case(section, name);
        return (c, Condition.Of(c, Precision.Double), new AccuracyReport(c, Precision.Double));
    }
}
