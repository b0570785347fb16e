using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SoftmaxNotebooks.Runner.Export;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests.Export;

/// <summary>
/// The translation of notebooks into file-based apps, on notebooks built in memory. Apps without the kit are compiled
/// here with Roslyn (the helpers included), so a translation that C# rejects fails fast; the apps of the real
/// notebooks are built and run with <c>dotnet run</c> by the notebook tests (ExportedAppTests).
/// </summary>
public sealed class AppExporterTests
{
    private static readonly string Root = RunnerProcess.RepositoryRoot;
    private static readonly string NotebookPath = Path.Combine(Root, "notebooks", "99-example.dib");
    private static readonly string AppPath = Path.Combine(Root, "notebooks", "apps", "99-example.cs");

    private static readonly string[] KitLines =
    [
        "#r \"../artifacts/kit/SoftmaxNotebooks.dll\"",
        "#r \"../artifacts/kit/SoftmaxNotebooks.Display.dll\"",
        "#r \"../artifacts/kit/MathNet.Numerics.dll\"",
    ];

    private static Notebook Notebook(params (string Kernel, string Source)[] cells) =>
        new(Notebooks.Notebook.DefaultKernelInfo(), cells.Select(c => NotebookCell.Create(c.Kernel, c.Source)).ToList());

    private static string Translate(Notebook notebook, ExportOptions? options = null) =>
        AppExporter.Translate(notebook, NotebookPath, AppPath, options ?? new ExportOptions());

    private static (string, string) Code(string source) => (KernelNames.CSharp, source);

    private static (string, string) Markdown(string source) => (KernelNames.Markdown, source);

    [Fact]
    public void AppGoesToAppsBesideTheNotebookOrToTheFolderGiven()
    {
        Assert.Equal(AppPath, AppExporter.AppPath(NotebookPath, null));
        Assert.Equal(Path.Combine(Root, "out", "99-example.cs"), AppExporter.AppPath(NotebookPath, Path.Combine(Root, "out")));
    }

    [Fact]
    public void MarkdownBecomesCommentsWithTheMathAsWritten()
    {
        var app = Translate(Notebook(Markdown("# Title\n\n$$\\operatorname{LSE}(z) = \\log \\sum_i e^{z_i}$$"), Code("var x = 1;")));
        Assert.Contains("// # Title\n//\n// $$\\operatorname{LSE}(z) = \\log \\sum_i e^{z_i}$$\n\nvar x = 1;", app, StringComparison.Ordinal);
    }

    [Fact]
    public void KitReferencesBecomeProjectsWithPathsRelativeToTheApp()
    {
        var app = Translate(Notebook(Code(string.Join('\n', KitLines) + "\nusing SoftmaxNotebooks;\ndisplay(Check.That(true, \"true\"));")));
        Assert.Contains("#:project ../../src/SoftmaxNotebooks/SoftmaxNotebooks.csproj\n#:project ../../src/SoftmaxNotebooks.Display/SoftmaxNotebooks.Display.csproj\n", app, StringComparison.Ordinal);
        // MathNet.Numerics is a package dependency of the core project, so it comes with it.
        Assert.DoesNotContain("MathNet", app, StringComparison.Ordinal);
        Assert.DoesNotContain("#r \"", app, StringComparison.Ordinal);
        Assert.Contains("NotebookConsole.Start(notebookFolder: \"..\");", app, StringComparison.Ordinal);
        Assert.Contains("SoftmaxNotebooks.Display.KitFormatters.Render(value, \"text/plain\")", app, StringComparison.Ordinal);
        Assert.Contains("figure.SaveHtml(", app, StringComparison.Ordinal);
        Assert.Contains("using SoftmaxNotebooks;\nusing static NotebookConsole;", app, StringComparison.Ordinal);
    }

    [Fact]
    public void KitReferencesBecomePackagesOfThePackedFeed()
    {
        using var feed = new TempFolder("feed");
        const string version = "0.1.0-dev.0123456789ab";
        File.WriteAllText(feed.File($"SoftmaxNotebooks.{version}.nupkg"), "");
        File.WriteAllText(feed.File($"SoftmaxNotebooks.Display.{version}.nupkg"), "");
        var notebook = Notebook(Code(string.Join('\n', KitLines)));
        var app = Translate(notebook, new ExportOptions(Kit: KitSource.Package, PackageFeed: feed.Path, PackageVersion: version));
        Assert.Contains($"#:package SoftmaxNotebooks@{version}\n#:package SoftmaxNotebooks.Display@{version}\n", app, StringComparison.Ordinal);
        Assert.Contains("#:property RestoreAdditionalProjectSources=" + feed.Path.Replace('\\', '/'), app, StringComparison.Ordinal);
        Assert.DoesNotContain("#:project", app, StringComparison.Ordinal);

        var missing = Assert.Throws<ExportException>(() => Translate(notebook, new ExportOptions(Kit: KitSource.Package, PackageFeed: feed.Path, PackageVersion: "0.1.0-dev.other")));
        Assert.Contains("no package SoftmaxNotebooks 0.1.0-dev.other in " + feed.Path, missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NuGetDirectivesBecomePackageDirectives()
    {
        var app = Translate(Notebook(Code("#i \"nuget: https://example.org/v3/index.json\"\n#r \"nuget: Humanizer.Core, 2.14.1\"\n#r \"nuget: Markdig\"\nvar x = 1;")));
        Assert.Contains("#:package Humanizer.Core@2.14.1\n#:package Markdig@*\n", app, StringComparison.Ordinal);
        Assert.Contains("#:property RestoreAdditionalProjectSources=https://example.org/v3/index.json\n", app, StringComparison.Ordinal);
        // The notebook's versions win over a Directory.Packages.props above the app (this repository's would reject them).
        Assert.Contains("#:property ManagePackageVersionsCentrally=false\n", app, StringComparison.Ordinal);
        Assert.DoesNotContain("ManagePackageVersionsCentrally", Translate(Notebook(Code(string.Join('\n', KitLines)))), StringComparison.Ordinal);
    }

    [Fact]
    public void TheAppOfAPlotlyNetNotebookSavesPlotlyNetChartsAsPages()
    {
        var adapter = "#r \"../artifacts/kit/SoftmaxNotebooks.PlotlyNet.dll\"";
        var app = Translate(Notebook(Code(string.Join('\n', KitLines) + "\n#r \"nuget: Plotly.NET.CSharp, 0.14.0\"\n" + adapter)));
        Assert.Contains("#:project ../../src/SoftmaxNotebooks.PlotlyNet/SoftmaxNotebooks.PlotlyNet.csproj\n", app, StringComparison.Ordinal);
        Assert.Contains("Plotly.NET.GenericChart chart => \"Plotly.NET chart: \" + SavePage(SoftmaxNotebooks.PlotlyNet.PlotlyNetFormatter.ToHtmlDocument(chart)),", app, StringComparison.Ordinal);
        Assert.DoesNotContain("GenericChart", Translate(Notebook(Code(string.Join('\n', KitLines)))), StringComparison.Ordinal);
    }

    [Fact]
    public void AnAssemblyThatNoProjectBuildsIsRejectedNamingTheCell()
    {
        var e = Assert.Throws<ExportException>(() => Translate(Notebook(Markdown("text"), Code("var x = 1;"), Code("#r \"lib/Unknown.Library.dll\""))));
        Assert.StartsWith($"{NotebookPath}:cell 3: #r \"lib/Unknown.Library.dll\": no project in {Root} builds Unknown.Library.dll", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("#!time", "the magic command '#!time' works only in a notebook front-end")]
    [InlineData("#!set --name x --value 1", "the magic command '#!set --name x --value 1' works only in a notebook front-end")]
    [InlineData("#!fsharp", "'#!fsharp' switches to the fsharp kernel; an exported app holds C# only")]
    [InlineData("#load \"helpers.csx\"", "the directive '#load \"helpers.csx\"' has no equivalent in a file-based app")]
    public void NotebookOnlyLinesAreRejectedNamingTheCellAndLine(string line, string message)
    {
        var e = Assert.Throws<ExportException>(() => Translate(Notebook(Code("var x = 1;"), Code("var y = 2;\n" + line + "\nvar z = 3;"))));
        Assert.Equal($"{NotebookPath}:cell 2:line 2: {message}", e.Message[..(NotebookPath.Length + ":cell 2:line 2: ".Length + message.Length)]);
    }

    [Fact]
    public void ACellOfAnotherKernelIsRejectedNamingTheCell()
    {
        var e = Assert.Throws<ExportException>(() => Translate(Notebook(Code("var x = 1;"), ("fsharp", "let x = 1"))));
        Assert.StartsWith($"{NotebookPath}:cell 2: a fsharp cell; an exported app holds the C# cells only", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KernelSelectorLinesOfCSharpAreDropped()
    {
        var app = Translate(Notebook(Code("#!csharp\nvar x = 1;")));
        Assert.DoesNotContain("#!", app, StringComparison.Ordinal);
        Assert.Contains("\nvar x = 1;\n", app, StringComparison.Ordinal);
    }

    [Fact]
    public void ANameDeclaredAgainIsRenamedFromThereOnAndEarlierCodeKeepsItsOwn()
    {
        var app = Translate(Notebook(
            Code("double Scale(double x) => 2 * x;\nvar s = 1.5;\ndouble Twice() => Scale(s);\ndisplay(Twice());"),
            Code("var Scale = 0.5;\nvar s = \"text\";\ndisplay(s + Scale + Twice());"),
            Code("display(s.Length * Scale);")));
        Assert.Contains("double Scale(double x) => 2 * x;\nvar s = 1.5;\ndouble Twice() => Scale(s);", app, StringComparison.Ordinal);
        Assert.Contains("// In the app: 'Scale' is 'Scale_2' from here on: the notebook declares 'Scale' again here, and one C# file declares a name once.\nvar Scale_2 = 0.5;", app, StringComparison.Ordinal);
        Assert.Contains("var s_2 = \"text\";\ndisplay(s_2 + Scale_2 + Twice());", app, StringComparison.Ordinal);
        Assert.Contains("display(s_2.Length * Scale_2);", app, StringComparison.Ordinal);
        AssertCompiles(app);
    }

    [Fact]
    public void ABlockVariableNamedLikeATopLevelOneIsRenamedInItsCell()
    {
        var app = Translate(Notebook(
            Code("var sum = 0;\nfor (int i = 0; i < 3; i++)\n{\n    sum += i;\n}\nforeach (var v in new[] { 1, 2 })\n{\n    var k = v;\n    sum += k;\n}"),
            Code("var i = 10;\nvar k = 1;\nint[] Squares() => new[] { 1, 2 }.Select(v => v * v).ToArray();\ndisplay(sum + i + k + Squares().Sum());")));
        Assert.Contains("// In the app: 'i' is 'i_2' in this cell: a C# file has one top-level scope, where 'i' is declared too.\nfor (int i_2 = 0; i_2 < 3; i_2++)\n{\n    sum += i_2;\n}", app, StringComparison.Ordinal);
        Assert.Contains("    // In the app: 'k' is 'k_2' in this cell", app, StringComparison.Ordinal);
        Assert.Contains("    var k_2 = v;\n    sum += k_2;", app, StringComparison.Ordinal);
        // Lambda and function parameters may reuse a top-level name; they stay.
        Assert.Contains(".Select(v => v * v)", app, StringComparison.Ordinal);
        AssertCompiles(app);
    }

    [Fact]
    public void UsingsMoveToTheTopAndTypesToTheEndWithACommentWhereTheyWere()
    {
        var app = Translate(Notebook(
            Code("var x = 1;"),
            Code("// Parsing with a fixed culture.\nusing System.Globalization;\nvar p = new Point(1, 2);\ndisplay(p.X.ToString(CultureInfo.InvariantCulture));\n\n// A point.\nrecord Point(double X, double Y);\ndisplay(p);")));
        Assert.Contains("using System.Threading.Tasks;\n// Parsing with a fixed culture.\nusing System.Globalization;\nusing static NotebookConsole;", app, StringComparison.Ordinal);
        Assert.Contains("// In the app: 'using System.Globalization;' is with the using directives at the top: C# allows them only before statements.\nvar p = new Point(1, 2);", app, StringComparison.Ordinal);
        Assert.Contains("// In the app: record Point is at the end of the file: C# puts types after the top-level statements.\ndisplay(p);", app, StringComparison.Ordinal);
        Assert.Contains("// Types the notebook declared in its cells (C# puts them after the top-level statements).\n\n// A point.\nrecord Point(double X, double Y);", app, StringComparison.Ordinal);
        AssertCompiles(app);
    }

    [Fact]
    public void ATrailingExpressionIsDisplayedAndAnUnassignedVariableStartsAtDefault()
    {
        var app = Translate(Notebook(Code("int count;\ncount += 2;\nConsole.WriteLine(count)"), Code("$\"count = {count}\"")));
        Assert.Contains("int count = default;", app, StringComparison.Ordinal);
        Assert.Contains("Console.WriteLine(count);", app, StringComparison.Ordinal);
        Assert.DoesNotContain("display(Console", app, StringComparison.Ordinal);
        Assert.Contains("// In the app: the notebook showed the cell's last value; the app displays it explicitly.\ndisplay($\"count = {count}\");", app, StringComparison.Ordinal);
        AssertCompiles(app);
    }

    [Fact]
    public void DisplayUpdateIsPrintedAgain()
    {
        var app = Translate(Notebook(Code("var shown = display(\"step 1\");\nshown.Update(\"step 2\");")));
        Assert.Contains("shown.Update(\"step 2\");", app, StringComparison.Ordinal);
        Assert.Contains("public void Update(object? value) => NotebookConsole.display(value);", app, StringComparison.Ordinal);
        AssertCompiles(app);
    }

    [Fact]
    public void AReturnAtTheTopOfACellIsRejected()
    {
        var e = Assert.Throws<ExportException>(() => Translate(Notebook(Code("var x = 1;\nif (x > 0)\n{\n    return;\n}\nFunc<int> f = () => { return 1; };"))));
        Assert.StartsWith($"{NotebookPath}:cell 1:line 4: a return at the top of a cell ends the cell in a notebook but would end the whole app", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ACellThatDoesNotParseIsRejectedWithItsLine()
    {
        var e = Assert.Throws<ExportException>(() => Translate(Notebook(Code("var x = 1;\nvar y = (2;"))));
        Assert.StartsWith($"{NotebookPath}:cell 1:line 2: does not parse: ", e.Message, StringComparison.Ordinal);
    }

    /// <summary>Compiles an app that does not reference the kit, as `dotnet run` would (the #: lines are the SDK's, not the compiler's).</summary>
    private static void AssertCompiles(string app)
    {
        Assert.DoesNotContain("SoftmaxNotebooks.Display", app, StringComparison.Ordinal);
        var code = string.Join('\n', app.Split('\n').Where(l => !l.StartsWith("#:", StringComparison.Ordinal)));
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create("app", [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))], references,
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors) + "\n\n" + app);
    }
}
