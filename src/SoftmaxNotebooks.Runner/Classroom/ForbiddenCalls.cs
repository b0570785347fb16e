using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SoftmaxNotebooks.Runner.Classroom;

/// <summary>A use of a forbidden name in a student's answer.</summary>
/// <param name="Name">The forbidden name as the exercise declares it, for example <c>MaxEntropy.Solve</c>.</param>
/// <param name="Cell">The index of the cell that holds it: in the answer's cells, or in the context cells for a helper (<see cref="InAnswer"/> false).</param>
/// <param name="Line">Its 1-based line in that cell.</param>
/// <param name="Code">The expression that uses it, on one line.</param>
/// <param name="InAnswer">True when it is in one of the exercise's own cells, false when in a helper they call.</param>
public sealed record ForbiddenCall(string Name, int Cell, int Line, string Code, bool InAnswer)
{
    /// <summary>"calls MaxEntropy.Solve (forbidden in this exercise): `MaxEntropy.Solve(faces, 2.5)`, line 3".</summary>
    public override string ToString() =>
        $"uses {Name}, which this exercise forbids: `{Code}` ({(InAnswer ? "" : "in a helper it calls, ")}line {Line})";
}

/// <summary>
/// Finds, by Roslyn syntax analysis, where a student's answer uses a name its exercise forbids. Code is parsed as the
/// kernel's C# script cells, so comments, string literals and <c>nameof(…)</c> never count, and interpolation holes do.
/// A forbidden <c>Type.Member</c> is found as <c>Type.Member</c> (also fully qualified, or through an alias of the type),
/// as <c>Member</c> alone where a <c>using static</c> of the type is in scope, and as a method group; a forbidden bare
/// name is found wherever it names something the student did not declare (after a dot always: <c>state.FreeEnergy</c>).
/// Helpers the answer calls that the student declared in other cells are searched too, transitively.
/// Syntax cannot see through reflection or <c>dynamic</c>: like every check, this grades honest work, it is not a proctor.
/// </summary>
public static partial class ForbiddenCalls
{
    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    /// <summary>Finds the uses of forbidden names in an exercise's answer.</summary>
    /// <param name="forbidden">The exercise's forbidden names (<see cref="Exercise.Forbidden"/>).</param>
    /// <param name="answer">The student's cells of the exercise, in order.</param>
    /// <param name="context">
    /// Every other code cell that runs before or beside the answer: the notebook's first cell (its <c>using static</c>
    /// directives count) and the student's other cells (helpers they declare are searched when the answer calls them).
    /// Cells the instructor gave unchanged belong here too; they are read for directives but never searched.
    /// </param>
    /// <param name="given">Sources of the instructor's given cells: a cell equal to one, among the answer's or the context's, is not searched and declares nothing of the student's.</param>
    /// <returns>The uses, answer cells first, in source order; empty when there are none.</returns>
    public static IReadOnlyList<ForbiddenCall> Find(IReadOnlyList<string> forbidden, IReadOnlyList<string> answer, IReadOnlyList<string> context, IReadOnlySet<string>? given = null)
    {
        ArgumentNullException.ThrowIfNull(forbidden);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(context);
        if (forbidden.Count == 0)
        {
            return [];
        }

        // The instructor's given cells belong to the exercise but not to its answer, wherever the caller put them.
        if (given is not null && answer.Any(given.Contains))
        {
            context = [.. context, .. answer.Where(given.Contains)];
            answer = answer.Where(a => !given.Contains(a)).ToList();
        }

        var answerRoots = answer.Select(Parse).ToList();
        var contextRoots = context.Select(Parse).ToList();
        var own = contextRoots.Where((_, i) => given?.Contains(context[i]) != true);
        var scope = Scope.Of(answerRoots.Concat(contextRoots), answerRoots.Concat(own));

        // The student's declarations outside the answer, by name: helpers the answer may call.
        var helpers = new Dictionary<string, List<(SyntaxNode Node, int Cell)>>(StringComparer.Ordinal);
        for (var i = 0; i < contextRoots.Count; i++)
        {
            if (given?.Contains(context[i]) == true)
            {
                continue;
            }

            foreach (var (declaredName, node) in Declarations(contextRoots[i]))
            {
                (helpers.TryGetValue(declaredName, out var list) ? list : helpers[declaredName] = []).Add((node, i));
            }
        }

        var found = new List<ForbiddenCall>();
        var searched = new HashSet<SyntaxNode>();
        var pending = new Queue<(SyntaxNode Node, int Cell, bool InAnswer)>(answerRoots.Select((root, i) => ((SyntaxNode)root, i, true)));
        while (pending.TryDequeue(out var item))
        {
            if (!searched.Add(item.Node))
            {
                continue;
            }

            foreach (var name in References(item.Node))
            {
                foreach (var forbid in forbidden.Where(f => Matches(f, name, scope)))
                {
                    var line = name.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
                    found.Add(new ForbiddenCall(forbid, item.Cell, line, Shown(name), item.InAnswer));
                }

                if (IsSimpleName(name) && helpers.TryGetValue(name.Identifier.ValueText, out var declarations))
                {
                    foreach (var (node, cell) in declarations)
                    {
                        pending.Enqueue((node, cell, false));
                    }
                }
            }
        }

        return found.DistinctBy(f => (f.Name, f.Cell, f.Line, f.Code, f.InAnswer)).ToList();
    }

    private static CompilationUnitSyntax Parse(string source) =>
        (CompilationUnitSyntax)CSharpSyntaxTree.ParseText(KernelDirective().Replace(source, ""), ScriptParse).GetRoot();

    /// <summary>Every simple name in code (not in <c>nameof(…)</c>): identifiers, generic names, and the names after dots.</summary>
    private static IEnumerable<SimpleNameSyntax> References(SyntaxNode node) =>
        node.DescendantNodesAndSelf(n => !IsNameOf(n)).OfType<SimpleNameSyntax>();

    private static bool IsNameOf(SyntaxNode node) =>
        node is InvocationExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "nameof" } };

    /// <summary>A name that is not the right-hand side of a dot: it binds in scope (a local, a helper, a static import).</summary>
    private static bool IsSimpleName(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Name != name,
        QualifiedNameSyntax qualified => qualified.Right != name,
        MemberBindingExpressionSyntax => false,
        AliasQualifiedNameSyntax alias => alias.Name != name,
        _ => true,
    };

    private static bool Matches(string forbid, SimpleNameSyntax name, Scope scope)
    {
        var identifier = name.Identifier.ValueText;
        var dot = forbid.LastIndexOf('.');
        if (dot < 0)
        {
            // A bare name: any use, unless it is a simple name that the student's own declaration binds.
            return identifier == forbid && !(IsSimpleName(name) && scope.Declared.Contains(identifier));
        }

        var type = forbid[..dot];
        type = type[(type.LastIndexOf('.') + 1)..];
        var member = forbid[(dot + 1)..];
        if (identifier != member)
        {
            return false;
        }

        var receiver = name.Parent switch
        {
            MemberAccessExpressionSyntax access when access.Name == name => access.Expression,
            QualifiedNameSyntax qualified when qualified.Right == name => qualified.Left,
            _ => null,
        };
        if (receiver is not null)
        {
            return RightmostName(receiver) is { } receiverName && scope.TypeNameOf(receiverName) == type;
        }

        // Member alone: through a `using static` of the type, unless the student's own declaration binds the name.
        return IsSimpleName(name) && scope.StaticImports.Contains(type) && !scope.Declared.Contains(identifier);
    }

    private static string? RightmostName(ExpressionSyntax expression) => expression switch
    {
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax alias => alias.Name.Identifier.ValueText,
        _ => null,
    };

    private static string Shown(SimpleNameSyntax name)
    {
        SyntaxNode node = name;
        while (node.Parent is MemberAccessExpressionSyntax or QualifiedNameSyntax or ConditionalAccessExpressionSyntax or MemberBindingExpressionSyntax
               || (node.Parent is InvocationExpressionSyntax invocation && invocation.Expression == node))
        {
            node = node.Parent;
        }

        var text = Whitespace().Replace(node.ToString(), " ");
        return text.Length <= 80 ? text : text[..79] + "…";
    }

    /// <summary>Top-level declarations of a cell (its functions, variables and types), with the node to search when called.</summary>
    private static IEnumerable<(string Name, SyntaxNode Node)> Declarations(CompilationUnitSyntax root) => root.Members.SelectMany(member => member switch
    {
        GlobalStatementSyntax { Statement: LocalFunctionStatementSyntax function } => [(function.Identifier.ValueText, function)],
        GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => Variables(local.Declaration),
        FieldDeclarationSyntax field => Variables(field.Declaration),
        MethodDeclarationSyntax method => [(method.Identifier.ValueText, method)],
        PropertyDeclarationSyntax property => [(property.Identifier.ValueText, property)],
        BaseTypeDeclarationSyntax type => [(type.Identifier.ValueText, type)],
        _ => Enumerable.Empty<(string, SyntaxNode)>(),
    });

    private static IEnumerable<(string Name, SyntaxNode Node)> Variables(VariableDeclarationSyntax declaration) =>
        declaration.Variables.Select(v => (v.Identifier.ValueText, (SyntaxNode)v));

    /// <summary>What the directives and declarations of all the cells put in scope.</summary>
    private sealed record Scope(IReadOnlySet<string> StaticImports, IReadOnlyDictionary<string, string> Aliases, IReadOnlySet<string> Declared)
    {
        /// <param name="roots">Every cell: its directives count.</param>
        /// <param name="students">The student's cells: their declarations are the student's own names.</param>
        public static Scope Of(IEnumerable<CompilationUnitSyntax> roots, IEnumerable<CompilationUnitSyntax> students)
        {
            var imports = new HashSet<string>(StringComparer.Ordinal);
            var aliases = new Dictionary<string, string>(StringComparer.Ordinal);
            var declared = new HashSet<string>(StringComparer.Ordinal);
            foreach (var root in roots)
            {
                foreach (var directive in root.DescendantNodes().OfType<UsingDirectiveSyntax>())
                {
                    var target = directive.NamespaceOrType is { } type ? RightmostName(type) : null;
                    if (target is null)
                    {
                        continue;
                    }

                    if (directive.Alias is { } alias)
                    {
                        aliases[alias.Name.Identifier.ValueText] = target;
                    }
                    else if (!directive.StaticKeyword.IsKind(SyntaxKind.None))
                    {
                        imports.Add(target);
                    }
                }
            }

            foreach (var root in students)
            {
                declared.UnionWith(root.DescendantNodes().SelectMany(DeclaredNames));
            }

            return new Scope(imports, aliases, declared);
        }

        /// <summary>The type a receiver name stands for: the alias's target, or the name itself.</summary>
        public string TypeNameOf(string receiver) => Aliases.TryGetValue(receiver, out var target) ? target : receiver;

        private static IEnumerable<string> DeclaredNames(SyntaxNode node) => node switch
        {
            LocalFunctionStatementSyntax f => [f.Identifier.ValueText],
            MethodDeclarationSyntax m => [m.Identifier.ValueText],
            VariableDeclaratorSyntax v => [v.Identifier.ValueText],
            ParameterSyntax p => [p.Identifier.ValueText],
            PropertyDeclarationSyntax p => [p.Identifier.ValueText],
            BaseTypeDeclarationSyntax t => [t.Identifier.ValueText],
            SingleVariableDesignationSyntax d => [d.Identifier.ValueText],
            ForEachStatementSyntax e => [e.Identifier.ValueText],
            _ => [],
        };
    }

    // The kernel's own directives (#!magic, #i, #r) are not C#; they become empty lines, keeping line numbers.
    [GeneratedRegex(@"^[ \t]*#(?:!|i\b|r\b)[^\n]*", RegexOptions.Multiline)]
    private static partial Regex KernelDirective();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
