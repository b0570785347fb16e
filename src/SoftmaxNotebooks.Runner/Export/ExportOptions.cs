using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Export;

/// <summary>How an exported app gets the kit that the notebook <c>#r</c>'s from a project's build output.</summary>
internal enum KitSource
{
    /// <summary><c>#:project</c> of the repository's projects, with paths relative to the app (inside this repository).</summary>
    Project,

    /// <summary><c>#:package</c> of the packages <c>pack-kit</c> wrote to a folder feed, at their version (anywhere).</summary>
    Package,
}

/// <summary>Where exported apps go and how they reference the kit.</summary>
/// <param name="OutputFolder">The folder for the apps; null puts each into <c>apps/</c> beside its notebook.</param>
/// <param name="Kit">Projects or packed packages.</param>
/// <param name="PackageFeed">For <see cref="KitSource.Package"/>: the folder feed <c>pack-kit</c> wrote.</param>
/// <param name="PackageVersion">For <see cref="KitSource.Package"/>: the version the packages got.</param>
internal sealed record ExportOptions(string? OutputFolder = null, KitSource Kit = KitSource.Project, string? PackageFeed = null, string? PackageVersion = null);

/// <summary>A notebook cannot be exported: the message names the notebook, the cell and the line, and what to change.</summary>
internal sealed class ExportException : RunnerException
{
    /// <summary>Creates the exception.</summary>
    public ExportException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">Names the notebook, the cell and the line.</param>
    public ExportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">Names the notebook, the cell and the line.</param>
    /// <param name="innerException">The cause.</param>
    public ExportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
