using Xunit;

namespace SoftmaxNotebooks.Tests.Accuracy;

/// <summary>
/// The float kernels against mpmath references computed from the binary32 inputs, with ε = 2⁻²³ and the float
/// normal range (1.2e−38) in the bounds of issue 3.
/// </summary>
public sealed class FloatReferenceTests
{
    public static TheoryData<string> Cases => ReferenceData.Names("float");

    public static TheoryData<string> TemperatureCases => ReferenceData.Names("floatTemperature");

    public static TheoryData<string> WeightedCases => ReferenceData.Names("floatWeighted");

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogSumExpIsWithinItsConditionBound(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open("float", name);
        ReferenceChecks.Lse(report, k, "LogSumExp(ReadOnlySpan<float>)",
            SoftmaxFunctions.LogSumExp(new ReadOnlySpan<float>(c.ZSingle)));
        ReferenceChecks.Lse(report, k, "LogSumExp(float[])", SoftmaxFunctions.LogSumExp(c.ZSingle));
        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SoftmaxIsWithinItsConditionBound(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open("float", name);
        var destination = new float[c.Z.Length];
        SoftmaxFunctions.Softmax(new ReadOnlySpan<float>(c.ZSingle), destination);
        ReferenceChecks.Softmax(report, k, "Softmax(ReadOnlySpan<float>, destination)",
            ReferenceChecks.Widen(destination));
        ReferenceChecks.Softmax(report, k, "Softmax(float[])", ReferenceChecks.Widen(SoftmaxFunctions.Softmax(c.ZSingle)));
        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void LogSoftmaxIsWithinItsConditionBound(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open("float", name);
        var destination = new float[c.Z.Length];
        SoftmaxFunctions.LogSoftmax(new ReadOnlySpan<float>(c.ZSingle), destination);
        ReferenceChecks.LogSoftmax(report, k, "LogSoftmax(ReadOnlySpan<float>, destination)",
            ReferenceChecks.Widen(destination));
        ReferenceChecks.LogSoftmax(report, k, "LogSoftmax(float[])",
            ReferenceChecks.Widen(SoftmaxFunctions.LogSoftmax(c.ZSingle)));
        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(TemperatureCases))]
    public void TemperedFormsAreWithinTheirConditionBounds(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open("floatTemperature", name);
        float t = (float)c.Temperature!.Value;
        var z = new ReadOnlySpan<float>(c.ZSingle);
        ReferenceChecks.Lse(report, k, "LogSumExp(ReadOnlySpan<float>, temperature)", SoftmaxFunctions.LogSumExp(z, t));
        var destination = new float[c.Z.Length];
        SoftmaxFunctions.Softmax(z, t, destination);
        ReferenceChecks.Softmax(report, k, "Softmax(ReadOnlySpan<float>, temperature, destination)",
            ReferenceChecks.Widen(destination));
        SoftmaxFunctions.LogSoftmax(z, t, destination);
        ReferenceChecks.LogSoftmax(report, k, "LogSoftmax(ReadOnlySpan<float>, temperature, destination)",
            ReferenceChecks.Widen(destination));
        ReferenceChecks.Lse(report, k, "LogSumExp(float[], temperature)", SoftmaxFunctions.LogSumExp(c.ZSingle, t));
        ReferenceChecks.Softmax(report, k, "Softmax(float[], temperature)",
            ReferenceChecks.Widen(SoftmaxFunctions.Softmax(c.ZSingle, t)));
        ReferenceChecks.LogSoftmax(report, k, "LogSoftmax(float[], temperature)",
            ReferenceChecks.Widen(SoftmaxFunctions.LogSoftmax(c.ZSingle, t)));
        report.ThrowIfAny();
    }

    [Theory]
    [MemberData(nameof(WeightedCases))]
    public void WeightedFormsAreWithinTheirConditionBounds(string name)
    {
        (ReferenceCase c, Condition k, AccuracyReport report) = Open("floatWeighted", name);
        var z = new ReadOnlySpan<float>(c.ZSingle);
        float[] weights = Array.ConvertAll(c.Weights!, x => (float)x);
        var w = new ReadOnlySpan<float>(weights);
        ReferenceChecks.Lse(report, k, "WeightedLogSumExp(ReadOnlySpan<float>, weights)", SoftmaxFunctions.WeightedLogSumExp(z, w));
        var destination = new float[c.Z.Length];
        SoftmaxFunctions.WeightedSoftmax(z, w, destination);
        ReferenceChecks.Softmax(report, k, "WeightedSoftmax(ReadOnlySpan<float>, weights, destination)",
            ReferenceChecks.Widen(destination));
        ReferenceChecks.Lse(report, k, "WeightedLogSumExp(float[], weights)", SoftmaxFunctions.WeightedLogSumExp(c.ZSingle, weights));
        ReferenceChecks.Softmax(report, k, "WeightedSoftmax(float[], weights)",
            ReferenceChecks.Widen(SoftmaxFunctions.WeightedSoftmax(c.ZSingle, weights)));
        report.ThrowIfAny();
    }

    private static (ReferenceCase Case, Condition Condition, AccuracyReport Report) Open(string section, string name)
    {
        ReferenceCase c = ReferenceData.Case(section, name);
        return (c, Condition.Of(c, Precision.Single), new AccuracyReport(c, Precision.Single));
    }
}
