using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace SoftmaxNotebooks.Runner.Export;

/// <summary>One code cell's C#, without its kernel directives, at its position in the notebook.</summary>
/// <param name="Number">The cell's 1-based position in the notebook (markdown cells count).</param>
/// <param name="Code">The cell's text; directive lines are blank so line numbers stay the cell's.</param>
internal sealed record CellCode(int Number, string Code);

/// <summary>A code cell as top-level statements, and what had to leave it for the top or the end of the file.</summary>
/// <param name="Number">The cell's 1-based position in the notebook.</param>
/// <param name="Statements">Statements and local functions, in the cell's order, with a comment wherever the code changed.</param>
/// <param name="Usings">Using directives (with their comments), which C# allows only before any statement.</param>
/// <param name="Types">Type declarations (with their comments), which C# allows only after the top-level statements.</param>
internal sealed record TranslatedCell(int Number, string Statements, IReadOnlyList<string> Usings, IReadOnlyList<string> Types);

/// <summary>
/// Turns a chain of C# script cells (the kernel's semantics: each cell a submission that sees the previous ones'
/// variables and functions) into the top-level statements of one file, changing code only where C# requires it.
/// </summary>
/// <remarks>
/// Each cell is bound on its own as a script, with the framework only: a name that binds to one of the cell's locals
/// or its own top-level declarations means that; a name that binds to nothing means what the kernel would find first
/// among the earlier cells' top-level declarations (submission members come before imports, so also before the kit's
/// names). So a variable a later cell declares again is renamed from there on, and a loop or block variable that would
/// clash with a top-level name (one scope in a file, one per cell in a notebook) is renamed within its cell.
/// </remarks>
internal static class CellTranslator
{
    private static readonly CSharpParseOptions ScriptParse = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    // The parameter of a file-based app's generated Main: a top-level variable may not be called so.
    private static readonly string[] ReservedNames = ["args"];

    private static readonly Lazy<IReadOnlyList<MetadataReference>> FrameworkReferences = new(() =>
        ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Where(p => Path.GetFileName(p).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(p) is "mscorlib.dll" or "netstandard.dll")
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))
            .ToList());

    /// <summary>Translates the cells in order.</summary>
    /// <param name="cells">The C# cells in notebook order.</param>
    /// <param name="notebookName">Names the notebook in error messages.</param>
    /// <exception cref="ExportException">A cell does not parse, or holds something top-level statements cannot hold.</exception>
    public static IReadOnlyList<TranslatedCell> Translate(IReadOnlyList<CellCode> cells, string notebookName)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var units = new List<Unit>();
        foreach (var cell in cells)
        {
            var tree = CSharpSyntaxTree.ParseText(cell.Code, ScriptParse);
            if (tree.GetDiagnostics().FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) is { } error)
            {
                throw Fail(notebookName, cell.Number, error.Location.GetLineSpan().StartLinePosition.Line, "does not parse: " + error.GetMessage(CultureInfo.InvariantCulture));
            }

            var compilation = CSharpCompilation.CreateScriptCompilation(
                AssemblyPrefix + cell.Number.ToString(CultureInfo.InvariantCulture), tree, FrameworkReferences.Value,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, usings: AppConventions.KernelUsings));
            units.Add(new Unit(cell, tree, compilation.GetSemanticModel(tree)));
        }

        var identifiers = units.SelectMany(u => u.Tree.GetRoot().DescendantTokens())
            .Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).ToHashSet(StringComparer.Ordinal);
        var topLevel = new HashSet<string>(ReservedNames, StringComparer.Ordinal);
        var appNames = new Dictionary<string, string>(StringComparer.Ordinal);
        var visible = new Dictionary<string, string>(StringComparer.Ordinal);

        // First every top-level name of the whole file, in notebook order: a later declaration of a name gets a new one.
        foreach (var unit in units)
        {
            unit.Visible = new Dictionary<string, string>(visible, StringComparer.Ordinal);
            foreach (var (node, symbol) in unit.Declarations().Where(d => IsCellGlobal(d.Symbol)))
            {
                var key = Key(symbol);
                if (appNames.ContainsKey(key))
                {
                    continue;
                }

                var name = symbol.Name;
                if (topLevel.Contains(name))
                {
                    name = Fresh(symbol.Name, identifiers, topLevel);
                    var reason = ReservedNames.Contains(symbol.Name)
                        ? $"'{symbol.Name}' is the app's command-line arguments"
                        : $"the notebook declares '{symbol.Name}' again here, and one C# file declares a name once";
                    unit.Note(node, $"'{symbol.Name}' is '{name}' from here on: {reason}.");
                }

                topLevel.Add(name);
                appNames[key] = name;
                visible[symbol.Name] = key;
            }
        }

        return units.Select((unit, i) => TranslateCell(unit, i == 0, notebookName, appNames, topLevel, identifiers)).ToList();
    }

    private const string AssemblyPrefix = "notebook-cell-";

    private static TranslatedCell TranslateCell(Unit unit, bool isFirst, string notebookName, Dictionary<string, string> appNames, HashSet<string> topLevel, HashSet<string> identifiers)
    {
        var root = (CompilationUnitSyntax)unit.Tree.GetRoot();
        var model = unit.Model;
        var edits = new List<(TextSpan Span, string Text)>();
        var usings = new List<string>();
        var types = new List<string>();

        // Names bound to a top-level declaration (this cell's, or an earlier cell's when nothing here binds them) take the app's name for it.
        foreach (var id in root.DescendantNodes().OfType<SimpleNameSyntax>().Where(IsLookedUp))
        {
            var info = model.GetSymbolInfo(id);
            var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
            var key = symbol is null ? unit.Visible.GetValueOrDefault(id.Identifier.ValueText)
                : IsCellGlobal(symbol) ? Key(symbol)
                : null;
            if (key is not null && appNames.TryGetValue(key, out var name) && name != id.Identifier.ValueText)
            {
                edits.Add((id.Identifier.Span, name));
            }
        }

        foreach (var (node, symbol) in unit.Declarations())
        {
            var token = DeclaredToken(node);
            if (IsCellGlobal(symbol))
            {
                if (appNames[Key(symbol)] is var name && name != token.ValueText)
                {
                    edits.Add((token.Span, name));
                }
            }
            else if (symbol is ILocalSymbol local && !InsideFunction(node) && topLevel.Contains(local.Name))
            {
                // A block or loop variable whose name the file's top level also declares (anywhere: its scope is the file).
                var fresh = Fresh(local.Name, identifiers, topLevel);
                identifiers.Add(fresh);
                unit.Note(node, $"'{local.Name}' is '{fresh}' in this cell: a C# file has one top-level scope, where '{local.Name}' is declared too.");
                edits.Add((token.Span, fresh));
                edits.AddRange(root.DescendantNodes().OfType<IdentifierNameSyntax>()
                    .Where(id => SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(id).Symbol, local))
                    .Select(id => (id.Identifier.Span, fresh)));
            }
        }

        foreach (var member in root.Members)
        {
            switch (member)
            {
                case FieldDeclarationSyntax field:
                    TranslateField(unit, field, edits);
                    break;
                case MethodDeclarationSyntax method:
                    var dropped = method.Modifiers.Where(m => !m.IsKind(SyntaxKind.StaticKeyword) && !m.IsKind(SyntaxKind.AsyncKeyword) && !m.IsKind(SyntaxKind.UnsafeKeyword)).ToList();
                    if (dropped.Count > 0)
                    {
                        unit.Note(method, $"'{string.Join(' ', dropped)}' dropped: the function is a local function of the app's top level.");
                        edits.AddRange(dropped.Select(m => (TextSpan.FromBounds(m.SpanStart, m.GetNextToken().SpanStart), "")));
                    }

                    break;
                case BaseTypeDeclarationSyntax or DelegateDeclarationSyntax:
                    types.Add(TextWithComments(member));
                    edits.Add((LinesOf(member), ""));
                    unit.Note(member, $"{Describe(member)} is at the end of the file: C# puts types after the top-level statements.");
                    break;
                case GlobalStatementSyntax global:
                    if (global.Statement is ExpressionStatementSyntax { SemicolonToken.IsMissing: true } last)
                    {
                        TranslateTrailingExpression(unit, last, edits);
                    }

                    if (global.DescendantNodesAndSelf().OfType<ReturnStatementSyntax>().FirstOrDefault(r => !InsideFunction(r)) is { } ret)
                    {
                        throw Fail(notebookName, unit.Cell.Number, Line(ret), "a return at the top of a cell ends the cell in a notebook but would end the whole app; move the rest of the cell into an if/else");
                    }

                    break;
                default:
                    throw Fail(notebookName, unit.Cell.Number, Line(member),
                        $"{member.Kind()} at the top of a cell has no top-level-statement equivalent; declare a variable or a function instead");
            }
        }

        foreach (var directive in root.Usings)
        {
            usings.Add(TextWithComments(directive));
            edits.Add((LinesOf(directive), ""));
            if (!isFirst)
            {
                unit.Note(directive, $"'{directive.ToString().Trim()}' is with the using directives at the top: C# allows them only before statements.");
            }
        }

        if (root.Externs.FirstOrDefault() is { } alias)
        {
            throw Fail(notebookName, unit.Cell.Number, Line(alias), "extern alias is not supported in an exported app");
        }

        return new TranslatedCell(unit.Cell.Number, Apply(unit, edits), usings, types);
    }

    private static void TranslateField(Unit unit, FieldDeclarationSyntax field, List<(TextSpan Span, string Text)> edits)
    {
        var dropped = field.Modifiers.Where(m => !m.IsKind(SyntaxKind.ConstKeyword)).ToList();
        if (dropped.Count > 0)
        {
            unit.Note(field, $"'{string.Join(' ', dropped)}' dropped: the variable is a local of the app's top level.");
            edits.AddRange(dropped.Select(m => (TextSpan.FromBounds(m.SpanStart, m.GetNextToken().SpanStart), "")));
        }

        foreach (var declarator in field.Declaration.Variables.Where(v => v.Initializer is null && !field.Modifiers.Any(SyntaxKind.ConstKeyword)))
        {
            // A cell variable is a field, which starts at its default value; a local must be assigned before use.
            edits.Add((new TextSpan(declarator.Span.End, 0), " = default"));
            unit.Note(field, $"'{declarator.Identifier.ValueText}' starts at default as the notebook's variable did; a C# local needs the '= default'.");
        }
    }

    private static void TranslateTrailingExpression(Unit unit, ExpressionStatementSyntax last, List<(TextSpan Span, string Text)> edits)
    {
        var type = unit.Model.GetTypeInfo(last.Expression).Type;
        if (type is { SpecialType: SpecialType.System_Void })
        {
            edits.Add((new TextSpan(last.Expression.Span.End, 0), ";"));
            return;
        }

        edits.Add((new TextSpan(last.Expression.SpanStart, 0), "display("));
        edits.Add((new TextSpan(last.Expression.Span.End, 0), ");"));
        unit.Note(last, "the notebook showed the cell's last value; the app displays it explicitly.");
    }

    private static string Apply(Unit unit, List<(TextSpan Span, string Text)> edits)
    {
        var text = unit.Tree.GetText();
        var removed = edits.Where(e => e.Span.Length > 0 && e.Text.Length == 0).Select(e => e.Span).ToList();
        bool Inside(TextSpan span) => removed.Any(r => r != span &&
            (span.Length == 0 ? r.Start < span.Start && span.Start < r.End : r.Contains(span)));

        // Comments go at the start of the statement's line, with its indentation, before any other edit there.
        var notes = unit.Notes.Select(entry =>
        {
            var line = text.Lines.GetLineFromPosition(entry.Key);
            var lineText = line.ToString();
            var indent = lineText[..(lineText.Length - lineText.TrimStart().Length)];
            return (Span: new TextSpan(line.Start, 0), Text: string.Concat(entry.Value.Select(n => indent + "// In the app: " + n + "\n")), Order: 0);
        });
        var changes = edits.Distinct().Select(e => (e.Span, e.Text, Order: 1)).Concat(notes)
            .Where(e => !Inside(e.Span))
            .OrderBy(e => e.Span.Start).ThenBy(e => e.Span.Length).ThenBy(e => e.Order)
            .Select(e => new TextChange(e.Span, e.Text));
        return TrimBlankLines(text.WithChanges(changes).ToString());
    }

    private static string TrimBlankLines(string text)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[0]))
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && string.IsNullOrWhiteSpace(lines[^1]))
        {
            lines.RemoveAt(lines.Count - 1);
        }

        // Removed directives and usings can leave runs of blank lines; one separates paragraphs.
        var result = new List<string>();
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line) && result.Count > 0 && string.IsNullOrWhiteSpace(result[^1]))
            {
                continue;
            }

            result.Add(string.IsNullOrWhiteSpace(line) ? "" : line.TrimEnd());
        }

        return string.Join('\n', result);
    }

    /// <summary>Whole lines from the node's leading comments to its end, so removing it leaves no stray comment or line.</summary>
    private static TextSpan LinesOf(SyntaxNode node)
    {
        var text = node.SyntaxTree.GetText();
        var start = text.Lines.GetLineFromPosition(CommentStart(node)).Start;
        var endLine = text.Lines.GetLineFromPosition(node.Span.End);
        return TextSpan.FromBounds(start, endLine.EndIncludingLineBreak);
    }

    private static string TextWithComments(SyntaxNode node)
    {
        var text = node.SyntaxTree.GetText();
        var start = text.Lines.GetLineFromPosition(CommentStart(node)).Start;
        return TrimBlankLines(text.ToString(TextSpan.FromBounds(start, node.Span.End)));
    }

    /// <summary>Where the node's own comments begin: its leading trivia after the last blank line.</summary>
    private static int CommentStart(SyntaxNode node)
    {
        var trivia = node.GetLeadingTrivia();
        var start = node.SpanStart;
        for (var i = trivia.Count - 1; i >= 0; i--)
        {
            var t = trivia[i];
            if (t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia) ||
                t.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || t.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia))
            {
                start = t.SpanStart;
                continue;
            }

            if (t.IsKind(SyntaxKind.WhitespaceTrivia))
            {
                continue;
            }

            // An end of line directly after another end of line (or at the start) is a blank line: the comments above it are not the node's.
            if (t.IsKind(SyntaxKind.EndOfLineTrivia) && i > 0 && !trivia[i - 1].IsKind(SyntaxKind.EndOfLineTrivia) && !IsBlankLineEnd(trivia, i))
            {
                continue;
            }

            break;
        }

        return start;
    }

    private static bool IsBlankLineEnd(SyntaxTriviaList trivia, int i)
    {
        var j = i - 1;
        while (j >= 0 && trivia[j].IsKind(SyntaxKind.WhitespaceTrivia))
        {
            j--;
        }

        return j < 0 || trivia[j].IsKind(SyntaxKind.EndOfLineTrivia);
    }

    private static string Describe(MemberDeclarationSyntax member) => member switch
    {
        TypeDeclarationSyntax t => $"{t.Keyword.ValueText} {t.Identifier.ValueText}",
        EnumDeclarationSyntax e => $"enum {e.Identifier.ValueText}",
        DelegateDeclarationSyntax d => $"delegate {d.Identifier.ValueText}",
        _ => member.Kind().ToString(),
    };

    private static bool IsCellGlobal(ISymbol? symbol) =>
        symbol is IFieldSymbol or IMethodSymbol { MethodKind: MethodKind.Ordinary } && symbol.ContainingType is { IsScriptClass: true } &&
        symbol.ContainingAssembly?.Name?.StartsWith(AssemblyPrefix, StringComparison.Ordinal) == true;

    private static string Key(ISymbol symbol) => symbol.ContainingAssembly.Name + "|" + symbol.Name;

    /// <summary>Whether the name is looked up in scope (not a member name after a dot, an argument or initializer name).</summary>
    private static bool IsLookedUp(SimpleNameSyntax name) => name.Parent switch
    {
        MemberAccessExpressionSyntax access => access.Expression == name,
        MemberBindingExpressionSyntax or NameColonSyntax or NameEqualsSyntax or QualifiedNameSyntax or AliasQualifiedNameSyntax => false,
        AssignmentExpressionSyntax { Parent: InitializerExpressionSyntax } assignment => assignment.Left != name,
        _ => !name.Ancestors().Any(a => a is UsingDirectiveSyntax),
    };

    private static bool InsideFunction(SyntaxNode node) =>
        node.Ancestors().Any(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BaseMethodDeclarationSyntax or BasePropertyDeclarationSyntax or BaseTypeDeclarationSyntax);

    private static string Fresh(string name, HashSet<string> identifiers, HashSet<string> topLevel)
    {
        for (var k = 2; ; k++)
        {
            var candidate = name + "_" + k.ToString(CultureInfo.InvariantCulture);
            if (!identifiers.Contains(candidate) && !topLevel.Contains(candidate))
            {
                return candidate;
            }
        }
    }

    private static SyntaxToken DeclaredToken(SyntaxNode node) => node switch
    {
        VariableDeclaratorSyntax v => v.Identifier,
        MethodDeclarationSyntax m => m.Identifier,
        LocalFunctionStatementSyntax f => f.Identifier,
        ForEachStatementSyntax f => f.Identifier,
        CatchDeclarationSyntax c => c.Identifier,
        SingleVariableDesignationSyntax s => s.Identifier,
        _ => throw new ArgumentException("not a declaration", nameof(node)),
    };

    private static int Line(SyntaxNode node) => node.GetLocation().GetLineSpan().StartLinePosition.Line;

    private static ExportException Fail(string notebook, int cell, int zeroBasedLine, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{notebook}:cell {cell}:line {zeroBasedLine + 1}: {message}"));

    private sealed class Unit(CellCode cell, SyntaxTree tree, SemanticModel model)
    {
        private readonly SortedDictionary<int, List<string>> notes = [];

        public CellCode Cell { get; } = cell;

        public SyntaxTree Tree { get; } = tree;

        public SemanticModel Model { get; } = model;

        /// <summary>Each name the earlier cells declared at top level, with the key of its latest declaration.</summary>
        public Dictionary<string, string> Visible { get; set; } = [];

        public IEnumerable<KeyValuePair<int, List<string>>> Notes => notes;

        /// <summary>Records a comment for the line where the top-level member holding <paramref name="node"/> starts.</summary>
        public void Note(SyntaxNode node, string note)
        {
            var member = node.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().LastOrDefault(m => m.Parent is CompilationUnitSyntax) as SyntaxNode
                ?? node.AncestorsAndSelf().OfType<UsingDirectiveSyntax>().FirstOrDefault() ?? node;
            // A nested declaration is noted at its own statement, a top-level one at its member.
            var statement = node.AncestorsAndSelf().OfType<StatementSyntax>().FirstOrDefault(s => s.Parent is not GlobalStatementSyntax);
            var anchor = member is GlobalStatementSyntax && statement is not null ? statement : member;
            // A type or using moves away with its comments, so its note goes above them.
            var position = anchor is BaseTypeDeclarationSyntax or DelegateDeclarationSyntax or UsingDirectiveSyntax ? CommentStart(anchor) : anchor.SpanStart;
            if (!notes.TryGetValue(position, out var list))
            {
                notes[position] = list = [];
            }

            if (!list.Contains(note))
            {
                list.Add(note);
            }
        }

        /// <summary>Every named declaration in the cell with its symbol, in text order.</summary>
        public IEnumerable<(SyntaxNode Node, ISymbol Symbol)> Declarations()
        {
            foreach (var node in Tree.GetRoot().DescendantNodes())
            {
                if (node is VariableDeclaratorSyntax or MethodDeclarationSyntax or LocalFunctionStatementSyntax or ForEachStatementSyntax or CatchDeclarationSyntax or SingleVariableDesignationSyntax
                    && node.Ancestors().All(a => a is not BaseTypeDeclarationSyntax)
                    && Model.GetDeclaredSymbol(node) is { } symbol)
                {
                    yield return (node, symbol);
                }
            }
        }
    }
}
