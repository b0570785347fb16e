using System.Text.Json;

namespace SoftmaxNotebooks.Display.Tests;

/// <summary>Reads a figure's plotly.js JSON back, so tests check what plotly.js will see.</summary>
internal static class FigureJson
{
    public static JsonElement Parse(Figure figure) => JsonDocument.Parse(figure.ToJson()).RootElement.Clone();

    public static JsonElement[] Traces(this JsonElement root) => root.GetProperty("data").EnumerateArray().ToArray();

    public static JsonElement Layout(this JsonElement root) => root.GetProperty("layout");

    public static string Text(this JsonElement e, string property) => e.GetProperty(property).GetProperty("text").GetString()!;

    public static double[] Numbers(this JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();

    public static string[] Strings(this JsonElement e, string property) =>
        e.GetProperty(property).EnumerateArray().Select(v => v.GetString()!).ToArray();

    public static bool[][] StepMasks(this JsonElement root) =>
        root.Layout().GetProperty("sliders")[0].GetProperty("steps").EnumerateArray()
            .Select(s => s.GetProperty("args")[0].GetProperty("visible").EnumerateArray().Select(v => v.GetBoolean()).ToArray())
            .ToArray();
}
