using System.Text.RegularExpressions;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>How code cells show on screen in an HTML handout.</summary>
internal enum CodeFolding
{
    /// <summary>Each code cell is a one-line summary that opens on a click (a <c>&lt;details&gt;</c> element).</summary>
    Folded,

    /// <summary>Code cells are open; setup cells (see <see cref="HandoutLayout.IsSetupCell"/>) stay folded.</summary>
    Open,
}

/// <summary>How code cells print (and so how the PDF shows them); outputs always print.</summary>
internal enum PrintedCode
{
    /// <summary>Every code cell at the print size, setup cells included: the whole notebook.</summary>
    Full,

    /// <summary>Code in a smaller type, setup cells left out.</summary>
    Small,

    /// <summary>No code at all: prose and outputs.</summary>
    Omit,
}

/// <summary>What a handout page shows of its code and where it finds its shared assets and licence texts.</summary>
internal sealed partial record HandoutLayout
{
    /// <summary>Code cells on screen.</summary>
    public CodeFolding Code { get; init; } = CodeFolding.Folded;

    /// <summary>Code cells on paper.</summary>
    public PrintedCode PrintedCode { get; init; } = PrintedCode.Small;

    /// <summary>
    /// The relative URL of the folder that holds plotly.js and KaTeX (see <see cref="SharedAssets"/>), or null to
    /// inline them so the page is one self-contained file.
    /// </summary>
    public string? SharedAssetsFolder { get; init; }

    /// <summary>
    /// The relative URL of the page with the full licence texts (see <see cref="LicencesPage"/>), or null when the
    /// page has none beside it; then the texts travel inside the page (on screen only).
    /// </summary>
    public string? LicencesPage { get; init; }

    /// <summary>Links to the index and the neighbouring handouts, or null for a page on its own.</summary>
    public HandoutNavigation? Navigation { get; init; }

    /// <summary>
    /// Whether a code cell is a setup cell: its first non-blank line is the comment <c>// setup</c>, optionally
    /// followed by a colon or dash and what it sets up (<c>// setup: helpers for the plots</c>). A plain comment
    /// keeps .dib and .ipynb files free of tool-specific metadata and runs unchanged.
    /// </summary>
    /// <param name="cell">A cell.</param>
    /// <param name="description">What the comment says the cell sets up, or empty.</param>
    /// <returns>True for a code cell marked as setup.</returns>
    public static bool IsSetupCell(NotebookCell cell, out string description)
    {
        ArgumentNullException.ThrowIfNull(cell);
        description = string.Empty;
        if (cell.IsMarkdown || cell.IsRaw)
        {
            return false;
        }

        var first = cell.Source.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.Length > 0);
        var match = first is null ? Match.Empty : SetupMarker().Match(first);
        if (!match.Success)
        {
            return false;
        }

        description = match.Groups["what"].Value.Trim();
        return true;
    }

    [GeneratedRegex(@"^//\s*setup\b\s*(?:[:—–-]\s*(?<what>.*))?$")]
    private static partial Regex SetupMarker();
}

/// <summary>A link to another handout: its page, relative to this one, and its title.</summary>
/// <param name="Href">The page's relative URL.</param>
/// <param name="Title">The handout's title.</param>
internal sealed record HandoutLink(string Href, string Title);

/// <summary>Where a handout sits among the others: the index and its neighbours in the index's order.</summary>
/// <param name="Index">The index page's relative URL.</param>
/// <param name="Previous">The handout before this one, or null for the first.</param>
/// <param name="Next">The handout after this one, or null for the last.</param>
internal sealed record HandoutNavigation(string Index, HandoutLink? Previous, HandoutLink? Next);
