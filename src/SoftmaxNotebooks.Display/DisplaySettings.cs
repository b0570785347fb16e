namespace SoftmaxNotebooks.Display;

/// <summary>
/// The notebook-wide display settings every renderer reads (precision, row and column cuts, plotly.js embedding, the
/// session), kept apart from the notebook facade (<c>KitDisplay</c>) that sets them, so renderers and the facade
/// depend on this store and not on each other.
/// </summary>
/// <remarks>
/// Settings live in <see cref="AppContext"/> data rather than in static fields, so a host that happens to load two
/// copies of this assembly still sees one setting, and a host without a reference to the kit (the notebook runner)
/// can set them by the names below (listed for users on the facade's page).
/// </remarks>
internal static class DisplaySettings
{
    public const string PrecisionKey = "SoftmaxNotebooks.Display.Precision";
    public const string MaxRowsKey = "SoftmaxNotebooks.Display.MaxRows";
    public const string MaxColumnsKey = "SoftmaxNotebooks.Display.MaxColumns";
    public const string EmbeddingKey = "SoftmaxNotebooks.Display.PlotlyJsEmbedding";
    public const string SessionKey = "SoftmaxNotebooks.Display.Session";

    /// <summary>Significant digits (1 to 17; default 4).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set outside 1 to 17.</exception>
    public static int Precision
    {
        get => AppContext.GetData(PrecisionKey) is int p and >= 1 and <= 17 ? p : 4;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 17);
            AppContext.SetData(PrecisionKey, value);
        }
    }

    /// <summary>Rows before a "… N more" line (at least 4; default 12).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 4.</exception>
    public static int MaxRows
    {
        get => AppContext.GetData(MaxRowsKey) is int n and >= 4 ? n : 12;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 4);
            AppContext.SetData(MaxRowsKey, value);
        }
    }

    /// <summary>Matrix columns before a "… N more columns" cut (at least 2; default 6).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set below 2.</exception>
    public static int MaxColumns
    {
        get => AppContext.GetData(MaxColumnsKey) is int n and >= 2 ? n : 6;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 2);
            AppContext.SetData(MaxColumnsKey, value);
        }
    }

    /// <summary>Where chart outputs get plotly.js from (default <see cref="SoftmaxNotebooks.PlotlyJsEmbedding.FirstChart"/>).</summary>
    public static PlotlyJsEmbedding PlotlyJsEmbedding
    {
        get => AppContext.GetData(EmbeddingKey) switch
        {
            PlotlyJsEmbedding e => e,
            string s when Enum.TryParse<PlotlyJsEmbedding>(s, out var e) => e,
            _ => PlotlyJsEmbedding.FirstChart,
        };
        set => AppContext.SetData(EmbeddingKey, value);
    }

    /// <summary>The host's session marker (see the remarks), or null.</summary>
    public static object? Session => AppContext.GetData(SessionKey);
}
