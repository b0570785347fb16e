using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Notebooks.Tests.Mutation;

/// <summary>One <c>Check</c> call in a notebook's lecture and the kit quantities whose values decide it.</summary>
/// <param name="Notebook">The notebook's file name, e.g. <c>07-one-idea.dib</c>.</param>
/// <param name="Section">The heading (after <c>## </c>) of the section holding the call.</param>
/// <param name="Cell">The cell's 1-based number, counted as the runner counts (markdown cells included).</param>
/// <param name="Line">The 1-based line of the call in the cell, as a failed check reports it.</param>
/// <param name="Claim">The claim's text as written (the interpolations left as code).</param>
/// <param name="Quantities">The kit quantities the claim depends on, as <c>Type.Member</c>.</param>
public sealed record NotebookClaim(string Notebook, string Section, int Cell, int Line, string Claim, IReadOnlySet<string> Quantities)
{
    public override string ToString() => $"{Notebook} cell {Cell}, line {Line} (§ {Section}): {Claim}";
}

/// <summary>
/// Reads the claims of the notebooks' lectures (everything before <c>## Exercises</c>) with Roslyn, binding the cells
/// as the kernel does (a chain of script submissions against the kit) and following each <c>Check</c> call's
/// arguments back through the variables, helper functions and loops that compute them to the kit members they use:
/// a backward slice over the notebook's data flow (every write of a variable counts, with the conditions that guard
/// it). A kit <em>quantity</em> is a public member of the core assembly whose value is a floating-point number, an
/// array or list of them, or a verdict (a truth value): what the kit computes. Counts and indices are structure, and a
/// factory that returns a kit object is not a quantity itself, its numbers are. The claim text
/// (the <c>claim</c> argument) is left out: numbers shown in a claim's words are not what it checks.
/// </summary>
public static partial class NotebookClaims
{
    /// <summary>The assembly name of the math core, whose members the notebooks' claims are about.</summary>
    public const string CoreAssembly = "SoftmaxNotebooks";

    private const string LectureEnd = "Exercises";

    // The kernel's implicit imports (dotnet/interactive's C# kernel), and its display function.
    private static readonly string[] KernelUsings =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    private const string Prelude = "object display(object value) => value;";

    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    // The framework, and the kit the notebooks #r from artifacts/kit (its System.Numerics.Tensors is newer than none).
    private static readonly Lazy<IReadOnlyList<string>> BaseReferences = new(() =>
    {
        var kit = Path.Combine(Repository.Root, "artifacts", "kit");
        if (!File.Exists(Path.Combine(kit, CoreAssembly + ".dll")))
        {
            throw new InvalidOperationException($"{kit} holds no {CoreAssembly}.dll: build src/SoftmaxNotebooks.Display first.");
        }

        var kitFiles = Directory.GetFiles(kit, "*.dll");
        var kitNames = kitFiles.Select(Path.GetFileName).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var framework = ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => (Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
                && !kitNames.Contains(Path.GetFileName(p)));
        return [.. framework, .. kitFiles];
    });

    // One analysis per notebook and test process: the coverage tests and the mutation test read the same claims.
    private static readonly ConcurrentDictionary<string, Lazy<IReadOnlyList<NotebookClaim>>> Analysed = new(StringComparer.Ordinal);

    // One metadata reference per file and process: compilations that share it share its metadata, read once.
    private static readonly ConcurrentDictionary<string, MetadataReference> References = new(StringComparer.Ordinal);

    private static MetadataReference Reference(string path) => References.GetOrAdd(path, p => MetadataReference.CreateFromFile(p));

    /// <summary>The claims of one notebook's lecture, in notebook order.</summary>
    /// <param name="dib">The notebook's path.</param>
    public static IReadOnlyList<NotebookClaim> Of(string dib) =>
        Analysed.GetOrAdd(Path.GetFullPath(dib), path => new Lazy<IReadOnlyList<NotebookClaim>>(() => Analyse(path))).Value;

    private static List<NotebookClaim> Analyse(string dib)
    {
        var name = Path.GetFileName(dib);
        var cells = new List<(int Number, string Section, SyntaxTree Tree)>();
        var packages = new List<string>();
        foreach (var (number, section, cell) in Lecture(dib).Where(c => c.Cell.IsCode))
        {
            packages.AddRange(cell.Source.Split('\n').Select(l => NuGetDirective().Match(l)).Where(m => m.Success)
                .SelectMany(m => NuGetPackages.Closure(m.Groups["id"].Value, m.Groups["version"].Value)));
            cells.Add((number, section, CSharpSyntaxTree.ParseText(WithoutDirectives(cell.Source), ScriptParse, path: $"{name}:cell {number}")));
        }

        // One script submission per cell, each seeing the previous ones, as in the kernel.
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: KernelUsings);
        var references = BaseReferences.Value.Concat(packages).Distinct(StringComparer.Ordinal).Select(Reference).ToList();
        var compilation = CSharpCompilation.CreateScriptCompilation("prelude", CSharpSyntaxTree.ParseText(Prelude, ScriptParse), references, options);
        var models = new Dictionary<SyntaxTree, SemanticModel>();
        foreach (var (number, _, tree) in cells)
        {
            compilation = CSharpCompilation.CreateScriptCompilation($"cell{number}", tree, references, options, compilation);
            // The kernel runs these cells, so they compile; a cell that does not here means a reference is missing,
            // and a claim bound against it would silently lose its quantities.
            if (compilation.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
            {
                throw new InvalidOperationException($"{name}: cell {number} does not compile for the claim analysis: {error}");
            }

            models[tree] = compilation.GetSemanticModel(tree);
        }

        var flow = new DataFlow(models);
        var claims = new List<NotebookClaim>();
        foreach (var (number, cellSection, tree) in cells)
        {
            var model = models[tree];
            foreach (var call in tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>())
            {
                if (model.GetSymbolInfo(call).Symbol is not IMethodSymbol { ContainingType: { Name: "Check" } type } method
                    || type.ContainingAssembly?.Name != CoreAssembly)
                {
                    continue;
                }

                var claimIndex = method.Parameters.IndexOf(method.Parameters.First(p => p.Name == "claim"));
                var arguments = call.ArgumentList.Arguments;
                var claimText = arguments.Count > claimIndex ? arguments[claimIndex].Expression.ToString() : "";
                var checkedValues = arguments.Where((_, i) => i != claimIndex).Select(a => (SyntaxNode)a.Expression);
                var name2 = call.Expression is MemberAccessExpressionSyntax access ? access.Name : call.Expression;
                var line = name2.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                claims.Add(new NotebookClaim(name, cellSection, number, line, claimText, flow.QuantitiesOf(checkedValues)));
            }
        }

        return claims;
    }

    /// <summary>The heading (after <c>## </c>) of the section that holds cell <paramref name="cell"/> (1-based), or null before the first.</summary>
    public static string? SectionOf(string dib, int cell)
    {
        string? section = null;
        foreach (var (number, heading, _) in Sections(dib))
        {
            if (number > cell)
            {
                break;
            }

            section = heading;
        }

        return section;
    }

    /// <summary>The lecture's cells (up to <c>## Exercises</c>) with their numbers and the sections they are in.</summary>
    private static IEnumerable<(int Number, string Section, NotebookCell Cell)> Lecture(string dib) =>
        Sections(dib).TakeWhile(c => c.Section != LectureEnd).Select(c => (c.Number, c.Section ?? "(before the first section)", c.Cell));

    private static IEnumerable<(int Number, string? Section, NotebookCell Cell)> Sections(string dib)
    {
        var notebook = NotebookFile.Read(dib);
        string? section = null;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.IsMarkdown)
            {
                foreach (var line in cell.Source.Split('\n').Where(l => l.StartsWith("## ", StringComparison.Ordinal)))
                {
                    section = line[3..].TrimEnd();
                }
            }

            yield return (i + 1, section, cell);
        }
    }

    /// <summary>
    /// Every quantity of the core's public API, as <c>Type.Member</c>: the members a claim can be about, whether or
    /// not a notebook uses them.
    /// </summary>
    public static IReadOnlySet<string> PublicQuantities()
    {
        var compilation = CSharpCompilation.Create("api", references: BaseReferences.Value.Select(Reference));
        var core = compilation.References.Select(compilation.GetAssemblyOrModuleSymbol).OfType<IAssemblySymbol>()
            .Single(a => a.Name == CoreAssembly);
        return AllTypes(core.GlobalNamespace)
            .Where(t => t.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public)
            .SelectMany(t => t.GetMembers())
            .Where(m => m.DeclaredAccessibility == Microsoft.CodeAnalysis.Accessibility.Public && IsQuantity(m))
            .Select(Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The key a quantity is known by: its declaring type's name and its own.</summary>
    public static string Key(ISymbol member) => member.ContainingType.Name + "." + member.Name;

    private static IEnumerable<INamedTypeSymbol> AllTypes(INamespaceSymbol ns) =>
        ns.GetTypeMembers().Concat(ns.GetNamespaceMembers().SelectMany(AllTypes));

    /// <summary>A public member of the core (not the checking API) whose value is floating-point numbers or a verdict.</summary>
    private static bool IsQuantity(ISymbol symbol)
    {
        if (symbol.ContainingAssembly?.Name != CoreAssembly || symbol.ContainingType is null
            || symbol.ContainingType.Name is "Check" or "CheckedClaim" or "ClaimFailedException"
            || symbol.Name is "Equals" or "GetHashCode" or "ToString" || symbol.IsImplicitlyDeclared
            || symbol.DeclaredAccessibility != Microsoft.CodeAnalysis.Accessibility.Public)
        {
            return false;
        }

        return symbol switch
        {
            IMethodSymbol { MethodKind: MethodKind.Ordinary } m => IsNumeric(m.ReturnType),
            IPropertySymbol p => IsNumeric(p.Type),
            IFieldSymbol { IsConst: false } f => IsNumeric(f.Type),
            _ => false,
        };
    }

    private static bool IsNumeric(ITypeSymbol type) => type switch
    {
        ITypeParameterSymbol => true,
        IArrayTypeSymbol array => IsNumeric(array.ElementType),
        INamedTypeSymbol { IsGenericType: true } generic when generic.Name is "IReadOnlyList" or "IEnumerable" or "IList" =>
            IsNumeric(generic.TypeArguments[0]),
        _ => type.SpecialType is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Boolean,
    };

    [GeneratedRegex(@"^\s*#r\s+""nuget:\s*(?<id>[^,""]+?)\s*,\s*(?<version>[^""]+?)\s*""")]
    private static partial Regex NuGetDirective();

    // The kernel takes its directives (#r, #i, #!…) out before compiling; blank lines keep the cell's line numbers.
    private static string WithoutDirectives(string source) =>
        string.Join('\n', source.Split('\n').Select(l => l.TrimStart().StartsWith('#') && (l.TrimStart().StartsWith("#r ", StringComparison.Ordinal)
            || l.TrimStart().StartsWith("#i ", StringComparison.Ordinal) || l.TrimStart().StartsWith("#!", StringComparison.Ordinal)) ? "" : l));

    /// <summary>Where each variable of the notebook gets its values, and the backward slice built on that.</summary>
    private sealed class DataFlow
    {
        private readonly IReadOnlyDictionary<SyntaxTree, SemanticModel> models;
        private readonly Dictionary<ISymbol, List<SyntaxNode>> writes = new(SymbolEqualityComparer.Default);

        public DataFlow(IReadOnlyDictionary<SyntaxTree, SemanticModel> models)
        {
            this.models = models;
            foreach (var (tree, model) in models)
            {
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    switch (node)
                    {
                        case VariableDeclaratorSyntax { Initializer: { } init } declarator:
                            Add(model.GetDeclaredSymbol(declarator), init.Value);
                            break;
                        case AssignmentExpressionSyntax assignment:
                            foreach (var target in Targets(model, assignment.Left))
                            {
                                Add(target, assignment.Right);
                                Add(target, assignment.Left);
                            }

                            break;
                        case PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax when node.IsKind(SyntaxKind.PostIncrementExpression)
                            || node.IsKind(SyntaxKind.PostDecrementExpression) || node.IsKind(SyntaxKind.PreIncrementExpression)
                            || node.IsKind(SyntaxKind.PreDecrementExpression):
                            var operand = node is PostfixUnaryExpressionSyntax post ? post.Operand : ((PrefixUnaryExpressionSyntax)node).Operand;
                            foreach (var target in Targets(model, operand))
                            {
                                Add(target, node);
                            }

                            break;
                        case ForEachStatementSyntax each:
                            Add(model.GetDeclaredSymbol(each), each.Expression);
                            break;
                        case ForEachVariableStatementSyntax eachVariable:
                            foreach (var target in Targets(model, eachVariable.Variable))
                            {
                                Add(target, eachVariable.Expression);
                            }

                            break;
                        case SingleVariableDesignationSyntax designation when designation.Parent is DeclarationPatternSyntax or RecursivePatternSyntax
                            || designation.Parent?.Parent is ArgumentSyntax:
                            // `x is { } y`, `out var y`: y comes from the expression it was matched against or passed to.
                            Add(model.GetDeclaredSymbol(designation), designation.Ancestors().First(a => a is ExpressionSyntax and not DeclarationExpressionSyntax));
                            break;
                    }
                }
            }
        }

        /// <summary>The kit quantities reachable backwards from <paramref name="roots"/>.</summary>
        public HashSet<string> QuantitiesOf(IEnumerable<SyntaxNode> roots)
        {
            var quantities = new HashSet<string>(StringComparer.Ordinal);
            var visitedNodes = new HashSet<SyntaxNode>();
            var visitedSymbols = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var work = new Stack<SyntaxNode>(roots);
            while (work.TryPop(out var node))
            {
                if (!visitedNodes.Add(node) || !models.TryGetValue(node.SyntaxTree, out var model))
                {
                    continue;
                }

                foreach (var name in node.DescendantNodesAndSelf().OfType<SimpleNameSyntax>())
                {
                    // `new GradientCheckOptions { Tolerance = 1e-9 }` sets an input; it is not a value the kit computes.
                    if (name.Parent is AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } member && member.Left == name)
                    {
                        continue;
                    }

                    var info = model.GetSymbolInfo(name);
                    var symbol = info.Symbol ?? (info.CandidateSymbols.Length == 1 ? info.CandidateSymbols[0] : null);
                    if (symbol is IMethodSymbol { ReducedFrom: { } reduced })
                    {
                        symbol = reduced;
                    }

                    symbol = symbol?.OriginalDefinition;
                    if (symbol is null || !visitedSymbols.Add(symbol))
                    {
                        continue;
                    }

                    if (IsQuantity(symbol))
                    {
                        quantities.Add(Key(symbol));
                    }

                    if (symbol.ContainingAssembly?.Name == CoreAssembly)
                    {
                        continue;
                    }

                    // A variable: every write of it. A function of the notebook: its body.
                    if (writes.TryGetValue(symbol, out var sources))
                    {
                        foreach (var source in sources)
                        {
                            work.Push(source);
                        }
                    }

                    if (symbol is IMethodSymbol or ILocalSymbol or IFieldSymbol or IPropertySymbol)
                    {
                        foreach (var reference in symbol.DeclaringSyntaxReferences)
                        {
                            var declaration = reference.GetSyntax();
                            if (declaration is LocalFunctionStatementSyntax or MethodDeclarationSyntax && models.ContainsKey(declaration.SyntaxTree))
                            {
                                work.Push(declaration);
                            }
                        }
                    }
                }
            }

            return quantities;
        }

        private void Add(ISymbol? symbol, SyntaxNode source)
        {
            if (symbol is null)
            {
                return;
            }

            symbol = symbol.OriginalDefinition;
            if (!writes.TryGetValue(symbol, out var list))
            {
                writes[symbol] = list = [];
            }

            list.Add(source);
            // A write guarded by a condition depends on it: `if (l < m) violations++` counts what l and m count.
            list.AddRange(source.Ancestors().Select(guard => guard switch
            {
                IfStatementSyntax s => s.Condition,
                WhileStatementSyntax s => s.Condition,
                ForStatementSyntax s => s.Condition,
                ForEachStatementSyntax s => s.Expression,
                ConditionalExpressionSyntax s => s.Condition,
                _ => null,
            }).OfType<ExpressionSyntax>());
        }

        // The variables an assignment writes: `x = …`, `x[i] = …`, `(a, b) = …`, `var (a, b) = …`.
        private static IEnumerable<ISymbol> Targets(SemanticModel model, ExpressionSyntax left) => left switch
        {
            ElementAccessExpressionSyntax element => Targets(model, element.Expression),
            ParenthesizedExpressionSyntax parenthesized => Targets(model, parenthesized.Expression),
            TupleExpressionSyntax tuple => tuple.Arguments.SelectMany(a => Targets(model, a.Expression)),
            DeclarationExpressionSyntax declaration => declaration.Designation.DescendantNodesAndSelf()
                .OfType<SingleVariableDesignationSyntax>().Select(d => model.GetDeclaredSymbol(d)).OfType<ISymbol>(),
            _ => model.GetSymbolInfo(left).Symbol is { } symbol ? [symbol] : [],
        };
    }
}

/// <summary>
/// The assemblies of a package that a notebook loads with <c>#r "nuget: Id, Version"</c> and of its dependencies, taken
/// from NuGet's global packages folder (the kernel restores into the same folder; the test project's own restore of
/// the solution fills it with the packages the notebooks name).
/// </summary>
internal static class NuGetPackages
{
    private static readonly string[] Frameworks = ["net10.0", "net9.0", "net8.0", "netstandard2.1", "netstandard2.0"];

    private static string Root =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } folder ? folder
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>The .dll files of the package and its dependency closure, each package at the highest version asked for.</summary>
    public static IEnumerable<string> Closure(string id, string version)
    {
        var chosen = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var work = new Queue<(string Id, string Version)>([(id, version)]);
        while (work.TryDequeue(out var package))
        {
            var folder = Folder(package.Id, package.Version);
            if (chosen.TryGetValue(package.Id, out var earlier) && Parse(Path.GetFileName(earlier)) >= Parse(Path.GetFileName(folder)))
            {
                continue;
            }

            chosen[package.Id] = folder;
            var nuspec = XDocument.Load(Directory.EnumerateFiles(folder, "*.nuspec").Single());
            var groups = nuspec.Descendants().Where(e => e.Name.LocalName == "group").ToList();
            var group = Frameworks.Select(f => groups.FirstOrDefault(g => Tfm((string?)g.Attribute("targetFramework")) == f)).FirstOrDefault(g => g is not null);
            foreach (var dependency in group?.Elements().Where(e => e.Name.LocalName == "dependency") ?? [])
            {
                work.Enqueue(((string)dependency.Attribute("id")!, (string)dependency.Attribute("version")!));
            }
        }

        return chosen.Values
            .Select(folder => Frameworks.Select(f => Path.Combine(folder, "lib", f)).FirstOrDefault(Directory.Exists))
            .OfType<string>()
            .SelectMany(lib => Directory.EnumerateFiles(lib, "*.dll"));
    }

    private static Version? Parse(string version) => Version.TryParse(version.Split('-')[0], out var v) ? v : null;

    // ".NETStandard2.0" → "netstandard2.0", "net10.0" stays.
    private static string? Tfm(string? framework) =>
        framework?.Replace(".NETStandard", "netstandard", StringComparison.OrdinalIgnoreCase).Replace(".NETCoreApp", "net", StringComparison.OrdinalIgnoreCase).ToLowerInvariant();

    // A version or a range "[8.0.0, 9.0.0)": its lower bound if restored, else the lowest restored version above it.
    private static string Folder(string id, string version)
    {
        var packageFolder = Path.Combine(Root, id.ToLowerInvariant());
        var lower = version.Trim('[', '(', ']', ')').Split(',')[0].Trim();
        var exact = Path.Combine(packageFolder, lower.ToLowerInvariant());
        if (Directory.Exists(exact))
        {
            return exact;
        }

        var floor = Parse(lower) ?? new Version(0, 0);
        return Directory.Exists(packageFolder)
            ? Directory.EnumerateDirectories(packageFolder)
                .Select(d => (Folder: d, Version: Parse(Path.GetFileName(d))))
                .Where(d => d.Version is not null && d.Version >= floor)
                .OrderBy(d => d.Version).Select(d => d.Folder).FirstOrDefault()
              ?? throw new InvalidOperationException($"NuGet package {id} {version} is not in {Root}; restore the solution first.")
            : throw new InvalidOperationException($"NuGet package {id} {version} is not in {Root}; restore the solution first.");
    }
}
