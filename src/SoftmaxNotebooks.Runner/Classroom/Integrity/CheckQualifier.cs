using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SoftmaxNotebooks.Runner.Export;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Classroom.Integrity;

/// <summary>
/// Rewrites a reference notebook's check cells so that every name they take from the kit, the framework or the kernel
/// is fully qualified (<c>global::SoftmaxNotebooks.Check.That</c>, <c>global::System.Math.Abs</c>,
/// <c>global::SoftmaxNotebooks.SoftmaxFunctions.Softmax</c>) and every extension call is a static call
/// (<c>global::System.Linq.Enumerable.Max(xs)</c>). In the kernel a submission's declarations shadow imported names
/// (a student's <c>class Check</c> or <c>double[] Softmax(…)</c> would be what an unqualified check calls), and
/// an assembly a submission loads can add a better-matching extension method; <c>global::</c> names reach past both.
/// Names the check takes from the notebook's own cells (the student's answers) stay as they are: they are what is checked.
/// </summary>
/// <remarks>
/// Each check is bound by Roslyn in the chain of script submissions the grader runs: the reference's kit-loading cell,
/// then its exercise cells up to the check (given code and solutions, which declare the names a student declares),
/// with the kernel's imports and <c>using static Microsoft.DotNet.Interactive.Kernel</c> (for <c>display</c>). A check
/// that does not compile there, or that uses a query expression (whose <c>Select</c>/<c>Where</c> cannot be
/// qualified), is refused. The rewrite keeps every line where it was: a failed claim's message names its line.
/// </remarks>
internal static class CheckQualifier
{
    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    // The kernel's C# imports (read from its ScriptOptions) and the submission it runs at start for display().
    private static readonly string[] KernelImports = ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];
    private const string KernelStartup = "using static Microsoft.DotNet.Interactive.Kernel;";
    private static readonly string[] KernelAssemblies = ["Microsoft.DotNet.Interactive.dll", "Microsoft.DotNet.Interactive.Formatting.dll"];

    /// <summary>Every check cell of a reference notebook (hidden ones included), qualified: the qualified source by the cell's own.</summary>
    /// <param name="reference">The reference notebook (solutions and checks).</param>
    /// <param name="referencePath">Its path: relative <c>#r</c> paths resolve against its folder.</param>
    /// <param name="kernelAssemblies">The folder of the kernel's own assemblies (where <c>display</c> is declared).</param>
    /// <exception cref="NotebookFormatException">A check does not compile against the reference's cells, or uses a query expression.</exception>
    public static IReadOnlyDictionary<string, string> QualifyChecks(Notebook reference, string referencePath, string kernelAssemblies)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(referencePath);
        ArgumentNullException.ThrowIfNull(kernelAssemblies);
        var folder = Path.GetDirectoryName(Path.GetFullPath(referencePath))!;
        var start = Exercises.SectionStart(reference);
        var setup = reference.Cells.Take(start).FirstOrDefault(c => c.IsCode)
            ?? throw new NotebookFormatException($"{referencePath}: has no code cell before its exercises to load the kit.");
        var cells = new List<NotebookCell> { setup };
        cells.AddRange(reference.Cells.Skip(start).Where(c => c.IsCode && Exercises.TagOf(c)?.Role != ExerciseRole.Task));

        var chain = new Chain(KernelAssemblies.Select(a => Path.Combine(kernelAssemblies, a)));
        chain.Add(KernelStartup, "the kernel's start");
        var qualified = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (cell, index) in cells.Select((c, i) => (c, i)))
        {
            var location = string.Create(CultureInfo.InvariantCulture, $"{referencePath}:{(index == 0 ? "kit-loading cell" : "exercise cell " + index)}");
            var (code, references) = CellDirectiveLines.Split(cell.Source, folder, location);
            chain.Reference(references.OfType<AssemblyFile>().Select(a => a.Path)
                .Concat(references.OfType<NuGetPackage>().SelectMany(p => NuGetCacheReferences.Resolve(p.Id, p.Version))));
            var tag = Exercises.TagOf(cell);
            if (tag?.Role == ExerciseRole.Check)
            {
                qualified[cell.Source] = Qualify(chain, code, cell.Source, $"{referencePath}: the check of exercise {tag.Id}");
            }

            chain.Add(code, location);
        }

        return qualified;
    }

    /// <summary>The check with its names qualified, its directive lines as they were.</summary>
    private static string Qualify(Chain chain, string code, string source, string name)
    {
        var (tree, model) = chain.Bind(code);
        if (model.Compilation.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == tree) is { } error)
        {
            throw new NotebookFormatException($"{name} does not compile against the notebook's own cells, so it cannot be protected from a submission's names: {error.GetMessage(CultureInfo.InvariantCulture)} (line {error.Location.GetLineSpan().StartLinePosition.Line + 1})");
        }

        if (tree.GetRoot().DescendantNodes().OfType<QueryExpressionSyntax>().FirstOrDefault() is { } query)
        {
            throw new NotebookFormatException($"{name} uses a query expression (line {query.GetLocation().GetLineSpan().StartLinePosition.Line + 1}), whose methods a submission can replace; write the method calls instead.");
        }

        var rewritten = new Qualifier(model).Visit(tree.GetRoot()).ToFullString();
        var (_, check) = chain.Bind(rewritten);
        if (check.Compilation.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == check.SyntaxTree) is { } broken)
        {
            throw new InvalidOperationException($"{name}: the qualified check does not compile ({broken.GetMessage(CultureInfo.InvariantCulture)}): {rewritten}");
        }

        // Directive lines were blanked for Roslyn; the kernel gets them back, on the same lines.
        var original = source.Split('\n');
        var lines = rewritten.Split('\n');
        if (lines.Length != original.Length)
        {
            throw new InvalidOperationException($"{name}: qualifying moved lines ({original.Length} → {lines.Length}).");
        }

        return string.Join('\n', lines.Select((l, i) => l.Length == 0 && original[i].TrimStart().StartsWith('#') ? original[i] : l));
    }

    /// <summary>The script submissions so far, as the kernel compiles them.</summary>
    private sealed class Chain(IEnumerable<string> kernelAssemblies)
    {
        private readonly List<MetadataReference> references = Framework().Concat(kernelAssemblies.Where(File.Exists).Select(p => MetadataReference.CreateFromFile(p))).ToList();
        private readonly HashSet<string> referenced = new(StringComparer.Ordinal);
        private CSharpCompilation? last;
        private int count;

        public void Reference(IEnumerable<string> assemblies)
        {
            foreach (var path in assemblies.Where(referenced.Add))
            {
                // The kit's copy of an assembly the framework also has (System.Numerics.Tensors) is the one the kernel loads.
                var simple = Path.GetFileNameWithoutExtension(path);
                references.RemoveAll(r => r is PortableExecutableReference { FilePath: { } f } && Path.GetFileNameWithoutExtension(f) == simple);
                references.Add(MetadataReference.CreateFromFile(path));
            }
        }

        public void Add(string code, string location)
        {
            var (tree, model) = Bind(code);
            if (model.Compilation.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == tree) is { } error)
            {
                throw new NotebookFormatException($"{location} does not compile ({error.GetMessage(CultureInfo.InvariantCulture)}), so its checks cannot be bound.");
            }

            last = (CSharpCompilation)model.Compilation;
        }

        public (SyntaxTree Tree, SemanticModel Model) Bind(string code)
        {
            var tree = CSharpSyntaxTree.ParseText(code, ScriptParse);
            var compilation = CSharpCompilation.CreateScriptCompilation(
                "submission-" + (++count).ToString(CultureInfo.InvariantCulture), tree, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: KernelImports, allowUnsafe: true),
                last);
            return (tree, compilation.GetSemanticModel(tree));
        }

        private static IEnumerable<MetadataReference> Framework() =>
            ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => MetadataReference.CreateFromFile(p));
    }

    /// <summary>The rewrite: simple names bound outside the notebook become <c>global::</c> names; extension calls become static calls.</summary>
    private sealed class Qualifier(SemanticModel model) : CSharpSyntaxRewriter
    {
        public override SyntaxNode? VisitIdentifierName(IdentifierNameSyntax node) =>
            Qualified(node, (SimpleNameSyntax)base.VisitIdentifierName(node)!);

        public override SyntaxNode? VisitGenericName(GenericNameSyntax node) =>
            Qualified(node, (SimpleNameSyntax)base.VisitGenericName(node)!);

        public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
        {
            var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
            if (node.Expression is not MemberAccessExpressionSyntax access
                || model.GetSymbolInfo(node).Symbol is not IMethodSymbol { MethodKind: MethodKind.ReducedExtension, ReducedFrom: { } extension }
                || !FromOutside(extension))
            {
                return visited;
            }

            // recv.M<T>(args) → global::Type.M<T>(recv, args), keeping the line breaks between recv and '(' on the comma.
            var call = (MemberAccessExpressionSyntax)visited.Expression;
            var moved = call.Expression.GetTrailingTrivia().AddRange(call.OperatorToken.LeadingTrivia).AddRange(call.OperatorToken.TrailingTrivia)
                .AddRange(call.Name.GetLeadingTrivia()).AddRange(call.Name.GetTrailingTrivia()).AddRange(visited.ArgumentList.OpenParenToken.LeadingTrivia)
                .Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToList();
            var receiver = SyntaxFactory.Argument(call.Expression.WithoutTrivia());
            var arguments = visited.ArgumentList.Arguments;
            var list = arguments.Count == 0
                ? SyntaxFactory.SeparatedList([receiver.WithTrailingTrivia(moved)])
                : SyntaxFactory.SeparatedList([receiver, .. arguments], [SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(moved.Append(SyntaxFactory.Space)), .. arguments.GetSeparators()]);
            var method = Under(extension, call.Name.WithoutTrivia());
            return SyntaxFactory.InvocationExpression(method.WithLeadingTrivia(visited.GetLeadingTrivia()),
                visited.ArgumentList.WithOpenParenToken(SyntaxFactory.Token(SyntaxKind.OpenParenToken)).WithArguments(list));
        }

        public override SyntaxNode? VisitQueryExpression(QueryExpressionSyntax node) => node;

        // In an interpolation hole a top-level ':' starts the format: {global::X.F(x)} would read as {global} formatted.
        public override SyntaxNode? VisitInterpolation(InterpolationSyntax node)
        {
            var visited = (InterpolationSyntax)base.VisitInterpolation(node)!;
            return visited.Expression.IsEquivalentTo(node.Expression) || visited.Expression is ParenthesizedExpressionSyntax
                ? visited
                : visited.WithExpression(SyntaxFactory.ParenthesizedExpression(visited.Expression.WithoutTrivia()).WithTriviaFrom(visited.Expression));
        }

        private SyntaxNode Qualified(SimpleNameSyntax original, SimpleNameSyntax visited)
        {
            if (!IsLookedUp(original) || (original is IdentifierNameSyntax { IsVar: true } or IdentifierNameSyntax { IsNint: true } or IdentifierNameSyntax { IsNuint: true }))
            {
                return visited;
            }

            var info = model.GetSymbolInfo(original);
            var symbol = info.Symbol ?? model.GetAliasInfo(original)?.Target;
            return symbol switch
            {
                INamespaceSymbol ns when !ns.IsGlobalNamespace =>
                    SyntaxFactory.ParseName(ns.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)).WithTriviaFrom(visited),
                INamedTypeSymbol or IMethodSymbol { IsStatic: true } or IFieldSymbol { IsStatic: true } or IPropertySymbol { IsStatic: true } or IEventSymbol { IsStatic: true }
                    when FromOutside(symbol) && symbol is not IMethodSymbol { MethodKind: MethodKind.ReducedExtension } =>
                    Under(symbol.OriginalDefinition, visited.WithoutTrivia()).WithTriviaFrom(visited),
                _ => visited,
            };
        }

        /// <summary>A name the compiler looks up in scope: not a member after a dot, a declaration, or an argument's name.</summary>
        private static bool IsLookedUp(SimpleNameSyntax name) => name.Parent switch
        {
            MemberAccessExpressionSyntax m => m.Expression == name,
            QualifiedNameSyntax q => q.Left == name,
            AliasQualifiedNameSyntax or MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax => false,
            _ => true,
        };

        private static bool FromOutside(ISymbol symbol) => symbol.Locations.All(l => l.IsInMetadata);

        /// <summary><c>global::Namespace.Type.name</c> for a member or type and the name it was written with.</summary>
        private static NameSyntax Under(ISymbol symbol, SimpleNameSyntax name)
        {
            ISymbol container = (ISymbol?)symbol.ContainingType ?? symbol.ContainingNamespace;
            return container is INamespaceSymbol { IsGlobalNamespace: true }
                ? SyntaxFactory.AliasQualifiedName(SyntaxFactory.IdentifierName(SyntaxFactory.Token(SyntaxKind.GlobalKeyword)), name)
                : SyntaxFactory.QualifiedName(SyntaxFactory.ParseName(container.OriginalDefinition.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)), name);
        }
    }
}
