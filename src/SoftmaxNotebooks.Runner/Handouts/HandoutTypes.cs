using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>How a notebook's handout came out.</summary>
internal enum HandoutStatus
{
    /// <summary>Every code cell ran without error.</summary>
    Executed,

    /// <summary>The notebook stopped at an error (shown in the handout).</summary>
    Failed,

    /// <summary>The notebook holds no execution results.</summary>
    NotExecuted,

    /// <summary>
    /// Some code cells ran without error and others were left to run (a student edition: its exercise cells are the
    /// student's to run).
    /// </summary>
    PartlyExecuted,

    /// <summary>
    /// A graded submission: every cell ran with continue-on-error, so failed checks and errors are the feedback, not a
    /// stop.
    /// </summary>
    Graded,

    /// <summary>The handout could not be rendered or printed; the previous handout, if any, was kept.</summary>
    RenderFailed,
}

/// <summary>Options for <see cref="HandoutPublisher"/>.</summary>
internal sealed record HandoutOptions
{
    /// <summary>The folder that receives the handouts and <c>index.html</c>.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>Also print each handout to PDF with headless chromium.</summary>
    public bool Pdf { get; init; }

    /// <summary>The chromium executable for PDFs; null finds it (<see cref="HeadlessChromium.Locate"/>).</summary>
    public string? ChromiumPath { get; init; }

    /// <summary>Code cells on screen: folded (the default) or open.</summary>
    public CodeFolding Code { get; init; } = CodeFolding.Folded;

    /// <summary>Code cells on paper and in the PDFs: small (the default), full or omitted.</summary>
    public PrintedCode PrintedCode { get; init; } = PrintedCode.Small;

    /// <summary>
    /// Inline plotly.js and KaTeX into every handout (each one file of about 4 MB) instead of sharing one copy in
    /// <c>assets/</c> beside <c>index.html</c> (the default).
    /// </summary>
    public bool SingleFile { get; init; }

    /// <summary>Time limit of one chromium run.</summary>
    public TimeSpan PdfTimeout { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>An executed notebook to render.</summary>
/// <param name="NotebookPath">Its file: the handout's name comes from the file name, and images beside it are inlined.</param>
/// <param name="Notebook">The notebook when it is in memory already (an edition made from another); null reads <paramref name="NotebookPath"/>.</param>
/// <param name="Status">The status its page shows; null derives it from the outputs (a graded submission says so instead).</param>
internal sealed record HandoutSource(string NotebookPath, Notebook? Notebook = null, HandoutStatus? Status = null);

/// <summary>The outcome for one notebook.</summary>
/// <param name="NotebookPath">The executed notebook that was rendered.</param>
/// <param name="Name">The handout's file name without extension.</param>
/// <param name="Title">The handout's title.</param>
/// <param name="Status">How it came out.</param>
/// <param name="HtmlPath">The handout (present unless rendering failed and no earlier handout exists).</param>
/// <param name="PdfPath">The PDF, when one was asked for and printed.</param>
/// <param name="Error">Why rendering or printing failed, otherwise null.</param>
internal sealed record HandoutResult(
    string NotebookPath, string Name, string Title, HandoutStatus Status, string? HtmlPath, string? PdfPath, string? Error);

/// <summary>The outcome of a publishing run.</summary>
/// <param name="IndexPath">The written <c>index.html</c>.</param>
/// <param name="Handouts">One result per notebook, in the order of the index.</param>
internal sealed record HandoutReport(string IndexPath, IReadOnlyList<HandoutResult> Handouts)
{
    /// <summary>True when every handout (and PDF, when asked for) was written.</summary>
    public bool AllRendered => Handouts.All(h => h.Status != HandoutStatus.RenderFailed);
}
