using System.Globalization;
using System.Text.Json;
using Xunit;

namespace SoftmaxNotebooks.Tests.Accuracy;

/// <summary>One vector of reference-values.json with everything make_reference.py computed for it.</summary>
internal sealed class ReferenceCase
{
    public required string Name { get; init; }

    /// <summary>Logits; float cases hold binary32 values, so narrowing them is exact.</summary>
    public required double[] Z { get; init; }

    public double? Temperature { get; init; }

    public double[]? Weights { get; init; }

    public required ExactValue Lse { get; init; }

    public required ExactValue[] Softmax { get; init; }

    public ExactValue[]? LogSoftmax { get; init; }

    public double[]? P { get; init; }

    public int? Label { get; init; }

    public ExactValue? CrossEntropy { get; init; }

    public ExactValue[]? Gradient { get; init; }

    public double? LabelSmoothing { get; init; }

    public ExactValue? CrossEntropySmoothed { get; init; }

    public ExactValue[]? GradientSmoothed { get; init; }

    /// <summary>Whether entry i takes part at all: a −∞ logit or a zero weight removes it.</summary>
    public bool IsLive(int i) => !double.IsNegativeInfinity(Z[i]) && (Weights is null || Weights[i] > 0);

    public float[] ZSingle => Array.ConvertAll(Z, x => (float)x);
}

/// <summary>A batch of same-length cases for the row-wise forms.</summary>
internal sealed record RowGroup(string Name, ReferenceCase[] Rows, bool Labels, ExactValue CrossEntropyMean);

/// <summary>
/// reference-values.json, loaded once. Sections: "double", "doubleTemperature", "doubleWeighted", "float",
/// "floatTemperature", "floatWeighted" (cases) and "rowGroups".
/// </summary>
internal static class ReferenceData
{
    private static readonly Lazy<Loaded> Data = new(Load);

    public static ReferenceCase Case(string section, string name) => Data.Value.Sections[section][name];

    public static RowGroup Group(string name) => Data.Value.Groups[name];

    /// <summary>Case names of a section, as theory data so each case is its own named test.</summary>
    public static TheoryData<string> Names(string section) => new(Data.Value.Sections[section].Keys);

    public static TheoryData<string> Names(string section, Func<ReferenceCase, bool> predicate) =>
        new(Data.Value.Sections[section].Values.Where(predicate).Select(c => c.Name));

    public static TheoryData<string> GroupNames() => new(Data.Value.Groups.Keys);

    private sealed record Loaded(
        Dictionary<string, Dictionary<string, ReferenceCase>> Sections, Dictionary<string, RowGroup> Groups);

    private static Loaded Load()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Accuracy", "reference-values.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        JsonElement root = document.RootElement;
        var sections = new Dictionary<string, Dictionary<string, ReferenceCase>>(StringComparer.Ordinal);
        foreach (string section in new[]
                 { "double", "doubleTemperature", "doubleWeighted", "float", "floatTemperature", "floatWeighted" })
        {
            var cases = new Dictionary<string, ReferenceCase>(StringComparer.Ordinal);
            foreach (JsonElement item in root.GetProperty(section).EnumerateArray())
            {
                ReferenceCase c = ReadCase(item);
                cases.Add(c.Name, c);
            }

            sections.Add(section, cases);
        }

        var groups = new Dictionary<string, RowGroup>(StringComparer.Ordinal);
        foreach (JsonElement item in root.GetProperty("rowGroups").EnumerateArray())
        {
            string name = item.GetProperty("name").GetString()!;
            ReferenceCase[] rows = item.GetProperty("cases").EnumerateArray()
                .Select(n => sections["double"][n.GetString()!]).ToArray();
            groups.Add(name, new RowGroup(name, rows, item.GetProperty("labels").GetBoolean(),
                ExactValue.Parse(item.GetProperty("crossEntropyMean").GetString()!)));
        }

        return new Loaded(sections, groups);
    }

    private static ReferenceCase ReadCase(JsonElement item) => new()
    {
        Name = item.GetProperty("name").GetString()!,
        Z = Inputs(item.GetProperty("z")),
        Temperature = item.TryGetProperty("temperature", out JsonElement t) ? Input(t) : null,
        Weights = item.TryGetProperty("weights", out JsonElement w) ? Inputs(w) : null,
        Lse = ExactValue.Parse(item.GetProperty("lse").GetString()!),
        Softmax = Exacts(item.GetProperty("softmax")),
        LogSoftmax = item.TryGetProperty("logSoftmax", out JsonElement ls) ? Exacts(ls) : null,
        P = item.TryGetProperty("p", out JsonElement p) ? Inputs(p) : null,
        Label = item.TryGetProperty("label", out JsonElement label) ? label.GetInt32() : null,
        CrossEntropy = item.TryGetProperty("crossEntropy", out JsonElement h) ? ExactValue.Parse(h.GetString()!) : null,
        Gradient = item.TryGetProperty("gradient", out JsonElement g) ? Exacts(g) : null,
        LabelSmoothing = item.TryGetProperty("labelSmoothing", out JsonElement e) ? Input(e) : null,
        CrossEntropySmoothed = item.TryGetProperty("crossEntropySmoothed", out JsonElement hs)
            ? ExactValue.Parse(hs.GetString()!)
            : null,
        GradientSmoothed = item.TryGetProperty("gradientSmoothed", out JsonElement gs) ? Exacts(gs) : null,
    };

    // Shortest round-trip decimals (Python repr) parse back to the identical double under the invariant culture.
    private static double Input(JsonElement e) =>
        double.Parse(e.GetString()!, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static double[] Inputs(JsonElement array) => array.EnumerateArray().Select(Input).ToArray();

    private static ExactValue[] Exacts(JsonElement array) =>
        array.EnumerateArray().Select(e => ExactValue.Parse(e.GetString()!)).ToArray();
}
