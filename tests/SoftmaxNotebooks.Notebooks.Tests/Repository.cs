namespace SoftmaxNotebooks.Notebooks.Tests;

/// <summary>Paths inside the repository the tests run from.</summary>
internal static class Repository
{
    /// <summary>The folder that holds SoftmaxNotebooks.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string Notebooks => Path.Combine(Root, "notebooks");

    public static string Data => Path.Combine(Root, "data");

    /// <summary>The notebook sources, by file name (the .dib files are the source format).</summary>
    public static IReadOnlyList<string> DibSources =>
        Directory.GetFiles(Notebooks, "*.dib").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SoftmaxNotebooks.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SoftmaxNotebooks.sln not found above " + AppContext.BaseDirectory);
    }
}
