using System.Globalization;
using System.Text.RegularExpressions;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>What stopped a cell.</summary>
internal enum FailureKind
{
    /// <summary>The cell did not compile.</summary>
    Compilation,

    /// <summary>A <c>Check</c> claim failed (<see cref="ClaimFormat"/>).</summary>
    Claim,

    /// <summary>Any other exception.</summary>
    Exception,

    /// <summary>The cell ran past the cell time limit; its kernel was stopped.</summary>
    CellTimeout,

    /// <summary>The execution's overall time limit ran out during or before the cell; its kernel was stopped.</summary>
    Deadline,

    /// <summary>The kernel process exited while the cell ran (<c>Environment.Exit</c>, a crash).</summary>
    KernelStopped,

    /// <summary>The kernel did not start; no cell ran.</summary>
    KernelDidNotStart,

    /// <summary>The cell's outcome was forged on the kernel's output (a second completion, foreign bytes; see <see cref="CompletionLedger"/>).</summary>
    Tampered,
}

/// <summary>How a cell failed, read once from what the kernel sent.</summary>
/// <param name="Kind">What stopped it.</param>
/// <param name="Name">The error's name as an nbformat error output carries it: <c>CompilationError</c>, the exception's type name, or <c>KernelStopped</c>.</param>
/// <param name="Located">The runner's message: <c>notebook:cell N:line L: what</c> (the line when it is known).</param>
/// <param name="Message">The short message without location: <c>error CS0103: …</c>, <c>CHECK FAILED: …</c>, <c>InvalidOperationException: …</c>, or what happened to the kernel.</param>
/// <param name="Line">The 1-based line in the cell, when known.</param>
/// <param name="Details">The lines an error output shows (the located diagnostics, or the exception with its stack).</param>
internal sealed record CellFailure(FailureKind Kind, string Name, string Located, string Message, int? Line, IReadOnlyList<string> Details)
{
    /// <summary>True when the kernel is gone after this failure (a timeout, an exit, no start): no later cell can run in it.</summary>
    public bool StoppedKernel => Kind is FailureKind.CellTimeout or FailureKind.Deadline or FailureKind.KernelStopped or FailureKind.KernelDidNotStart;
}

/// <summary>Reads a cell's failure from the kernel's <c>CommandFailed</c> message and diagnostics.</summary>
internal static partial class CellFailures
{
    /// <summary>A failed command: the compiler's errors when there are any, else the exception the kernel reported.</summary>
    /// <param name="location"><c>notebook:cell N</c>.</param>
    /// <param name="source">The cell's text (to find a failed claim's line).</param>
    /// <param name="message">The <c>CommandFailed</c> message: the exception's <c>ToString()</c>.</param>
    /// <param name="diagnostics">The diagnostics the cell produced.</param>
    public static CellFailure FromCommand(string location, string source, string message, IReadOnlyList<KernelDiagnostic> diagnostics)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var errors = diagnostics.Where(d => d.IsError).ToList();
        if (errors.Count > 0)
        {
            var lines = errors.Select(d => $"{At(location, d.Line)}: error {d.Code}: {d.Message}").ToList();
            return new CellFailure(FailureKind.Compilation, "CompilationError", lines[0], $"error {errors[0].Code}: {errors[0].Message}", errors[0].Line, lines);
        }

        // A runtime failure's message is the exception's ToString(): the type, message and inner exceptions, then
        // the stack, whose frames carry no line numbers (the kernel compiles cells without debug information).
        var all = (message.Length > 0 ? message : "the command failed.").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var head = string.Join(" ", all.TakeWhile(l => !l.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !l.StartsWith("---", StringComparison.Ordinal)).Select(l => l.Trim())).Trim();
        var type = ExceptionType().Match(head);
        var name = type.Success ? type.Groups["name"].Value : "Error";
        if (ClaimFormat.TryParse(head, out var claimHead, out var compiledLine))
        {
            var line = compiledLine is { } compiled ? CellLine(source, compiled) : null;
            // The located message names the line in place of the claim's "(line L)", which counts the compiler's lines.
            return new CellFailure(FailureKind.Claim, name, $"{At(location, line)}: {(line is null ? head : claimHead)}", ClaimFormat.Claim(head), line, all);
        }

        var claimInside = head.IndexOf(ClaimFormat.Prefix, StringComparison.Ordinal);
        var shortMessage = claimInside >= 0 ? head[claimInside..] : QualifiedName().Replace(head, "${name}");
        return new CellFailure(FailureKind.Exception, name, $"{location}: {head}", shortMessage, null, all);
    }

    /// <summary>A failure of the kernel process under a cell (a timeout, an exit) or before any cell (no start).</summary>
    /// <param name="location"><c>notebook:cell N</c>, or the notebook alone when no cell ran.</param>
    /// <param name="kind">What happened.</param>
    /// <param name="message">What happened, in words.</param>
    public static CellFailure FromKernel(string location, FailureKind kind, string message)
    {
        var located = $"{location}: {message}";
        return new CellFailure(kind, "KernelStopped", located, message, null, [located]);
    }

    /// <summary>
    /// The cell line of the failed <c>Check</c> call the compiler placed at <paramref name="compiledLine"/> (the line
    /// its invocation starts on). The kernel takes its own directives (<c>#r "nuget:…"</c>, <c>#i</c>, <c>#!…</c>)
    /// out of a cell before compiling it, so the cell line is that line or up to one line per directive further down
    /// (measured in the kernel: how many lines a directive removes depends on its neighbours); it is the one line in
    /// that window that calls <c>Check</c>. Null when there is not exactly one, e.g. when the failing call sits in a
    /// helper another cell declared (the message then names the cell alone).
    /// </summary>
    /// <param name="source">The cell's text.</param>
    /// <param name="compiledLine">The line the claim's message names.</param>
    internal static int? CellLine(string source, int compiledLine)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var directives = lines.Count(l => KernelDirective().IsMatch(l));
        var candidates = Enumerable.Range(compiledLine, directives + 1)
            .Where(n => n >= 1 && n <= lines.Length && lines[n - 1].Contains("Check.", StringComparison.Ordinal)).ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    private static string At(string location, int? line) =>
        line is { } l ? string.Create(CultureInfo.InvariantCulture, $"{location}:line {l}") : location;

    [GeneratedRegex(@"^\s*(?:#!|#i\s|#r\s+""nuget:)")]
    private static partial Regex KernelDirective();

    [GeneratedRegex(@"^(?:[\w]+\.)*(?<name>\w+(?:Exception|Error)):")]
    private static partial Regex ExceptionType();

    [GeneratedRegex(@"^(?:[A-Za-z_][\w]*\.)+(?<name>\w+(?:Exception|Error):)")]
    private static partial Regex QualifiedName();
}

/// <summary>
/// The kit's failed-claim format, read in this one place: <c>Check</c> throws <c>SoftmaxNotebooks.ClaimFailedException</c>
/// whose message reads <c>CHECK FAILED: claim — detail (line L)</c>, L being the line of the <c>Check</c> call as the
/// compiler numbered it. The exported apps' console code names the same type (<see cref="ExceptionType"/>).
/// </summary>
internal static partial class ClaimFormat
{
    /// <summary>The exception type a failed claim throws.</summary>
    public const string ExceptionType = "SoftmaxNotebooks.ClaimFailedException";

    /// <summary>How a failed claim's message starts.</summary>
    public const string Prefix = "CHECK FAILED";

    /// <summary>Reads an exception head (<c>Type: message</c>, no stack) as a failed claim.</summary>
    /// <param name="head">The exception's type and message.</param>
    /// <param name="withoutLine">The head without its trailing <c>(line L)</c>.</param>
    /// <param name="line">L, or null when the message names no line.</param>
    /// <returns>True when the head is a failed claim.</returns>
    public static bool TryParse(string head, out string withoutLine, out int? line)
    {
        ArgumentNullException.ThrowIfNull(head);
        withoutLine = head;
        line = null;
        if (!head.StartsWith(ExceptionType + ": " + Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var suffix = LineSuffix().Match(head);
        if (suffix.Success)
        {
            withoutLine = head[..suffix.Index];
            line = int.Parse(suffix.Groups["line"].Value, CultureInfo.InvariantCulture);
        }

        return true;
    }

    /// <summary>The claim's own message, <c>CHECK FAILED: …</c> with its <c>(line L)</c>, from a head <see cref="TryParse"/> accepted.</summary>
    /// <param name="head">The exception's type and message.</param>
    public static string Claim(string head)
    {
        ArgumentNullException.ThrowIfNull(head);
        return head[(ExceptionType.Length + 2)..];
    }

    [GeneratedRegex(@" \(line (?<line>[0-9]+)\)$")]
    private static partial Regex LineSuffix();
}
