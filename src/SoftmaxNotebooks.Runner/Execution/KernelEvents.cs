using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>
/// An event the kernel sent, read once from its JSON envelope (the stdio protocol VS Code's Polyglot extension
/// speaks): the rest of the runner sees these records, never the protocol's JSON.
/// </summary>
/// <param name="Token">The token of the command the event answers, if any.</param>
internal abstract record KernelEvent(string? Token);

/// <summary><c>KernelReady</c>: the kernel accepts commands.</summary>
/// <param name="Token">Unused.</param>
internal sealed record KernelReady(string? Token) : KernelEvent(Token);

/// <summary><c>CommandSucceeded</c>.</summary>
/// <param name="Token">The command.</param>
internal sealed record CommandSucceeded(string? Token) : KernelEvent(Token);

/// <summary><c>CommandFailed</c>: for a cell, the exception's <c>ToString()</c> or the compiler's summary.</summary>
/// <param name="Token">The command.</param>
/// <param name="Message">The kernel's message.</param>
internal sealed record CommandFailed(string? Token, string Message) : KernelEvent(Token);

/// <summary><c>ErrorProduced</c>: an error the kernel shows without failing the command.</summary>
/// <param name="Token">The command.</param>
/// <param name="Message">The error's text.</param>
internal sealed record ErrorProduced(string? Token, string Message) : KernelEvent(Token);

/// <summary>How a value reached the kernel's output.</summary>
internal enum ValueKind
{
    /// <summary><c>DisplayedValueProduced</c>: <c>display(x)</c>.</summary>
    Displayed,

    /// <summary><c>DisplayedValueUpdated</c>: <c>Update(y)</c> on a displayed value.</summary>
    Updated,

    /// <summary><c>ReturnValueProduced</c>: a cell's trailing expression.</summary>
    Returned,
}

/// <summary>A value in one or more MIME types.</summary>
/// <param name="Token">The command.</param>
/// <param name="Kind">Displayed, updated or returned.</param>
/// <param name="ValueId">The id an update refers back to, if the kernel gave one.</param>
/// <param name="Values">The formatted values (line ends normalised to <c>\n</c>).</param>
internal sealed record ValueProduced(string? Token, ValueKind Kind, string? ValueId, IReadOnlyList<FormattedValue> Values) : KernelEvent(Token);

/// <summary>Text a cell wrote to standard output or standard error.</summary>
/// <param name="Token">The command.</param>
/// <param name="Stream"><c>stdout</c> or <c>stderr</c>.</param>
/// <param name="ValueId">The id the kernel gave the output, if any.</param>
/// <param name="Text">The text written.</param>
internal sealed record StreamProduced(string? Token, string Stream, string? ValueId, string Text) : KernelEvent(Token);

/// <summary>The compiler's diagnostics for a cell.</summary>
/// <param name="Token">The command.</param>
/// <param name="Diagnostics">Each diagnostic.</param>
internal sealed record DiagnosticsProduced(string? Token, IReadOnlyList<KernelDiagnostic> Diagnostics) : KernelEvent(Token);

/// <summary>Any other event (<c>CommandReceived</c>, <c>KernelInfoProduced</c>, …): passed on, never read.</summary>
/// <param name="Token">The command.</param>
/// <param name="EventType">The event's type.</param>
internal sealed record OtherKernelEvent(string? Token, string EventType) : KernelEvent(Token);

/// <summary>One compiler diagnostic.</summary>
/// <param name="Severity"><c>error</c>, <c>warning</c>, <c>info</c> or <c>hidden</c>.</param>
/// <param name="Code">For example <c>CS0103</c>.</param>
/// <param name="Message">The compiler's message.</param>
/// <param name="Line">The 1-based line in the cell where it starts, when given.</param>
internal sealed record KernelDiagnostic(string Severity, string Code, string Message, int? Line)
{
    /// <summary>True for an error (the cell did not compile).</summary>
    public bool IsError => Severity == "error";
}

/// <summary>Reads event envelopes and writes command envelopes of the kernel's stdio protocol.</summary>
internal static class KernelProtocol
{
    /// <summary>Reads one line of the kernel's standard output: the event it holds, or null for anything else (the tool's banner, a command echo).</summary>
    /// <param name="line">One line.</param>
    public static KernelEvent? ReadEvent(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (!line.StartsWith('{'))
        {
            return null;
        }

        EventEnvelope? envelope;
        try
        {
            envelope = JsonSerializer.Deserialize(line, KernelJson.Default.EventEnvelope);
        }
        catch (JsonException)
        {
            return null;
        }

        if (envelope?.EventType is not { } type || envelope.Event.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var token = envelope.Command?.Token;
        switch (type)
        {
            case "KernelReady":
                return new KernelReady(token);
            case "CommandSucceeded":
                return new CommandSucceeded(token);
            case "CommandFailed" or "ErrorProduced" or "DisplayedValueProduced" or "DisplayedValueUpdated" or "ReturnValueProduced"
                or "StandardOutputValueProduced" or "StandardErrorValueProduced" or "DiagnosticsProduced":
                break;
            default:
                return new OtherKernelEvent(token, type);
        }

        // Only the payloads the runner reads are read, so an event type it ignores can never lose a line it needs.
        EventPayload e;
        try
        {
            e = envelope.Event.Deserialize(KernelJson.Default.EventPayload)!;
        }
        catch (JsonException)
        {
            return new OtherKernelEvent(token, type);
        }

        return type switch
        {
            "CommandFailed" => new CommandFailed(token, e.Message ?? ""),
            "ErrorProduced" => new ErrorProduced(token, e.Message ?? ""),
            "DisplayedValueProduced" => new ValueProduced(token, ValueKind.Displayed, e.ValueId, Values(e)),
            "DisplayedValueUpdated" => new ValueProduced(token, ValueKind.Updated, e.ValueId, Values(e)),
            "ReturnValueProduced" => new ValueProduced(token, ValueKind.Returned, e.ValueId, Values(e)),
            "StandardOutputValueProduced" => new StreamProduced(token, "stdout", e.ValueId, string.Concat(Values(e).Select(v => v.Value))),
            "StandardErrorValueProduced" => new StreamProduced(token, "stderr", e.ValueId, string.Concat(Values(e).Select(v => v.Value))),
            "DiagnosticsProduced" => new DiagnosticsProduced(token, (e.Diagnostics ?? []).Select(d =>
                new KernelDiagnostic(d.Severity ?? "", d.Code ?? "", d.Message ?? "", d.LinePositionSpan?.Start is { } start ? start.Line + 1 : null)).ToList()),
            _ => throw new UnreachableException(type),
        };
    }

    /// <summary>The <c>SubmitCode</c> command envelope, one line of JSON.</summary>
    /// <param name="code">The cell's text.</param>
    /// <param name="kernelName">The target kernel (<c>csharp</c>, <c>fsharp</c>, <c>value</c>, …).</param>
    /// <param name="token">The token its events will carry.</param>
    public static string SubmitCode(string code, string kernelName, string token) =>
        JsonSerializer.Serialize(new CommandEnvelope("SubmitCode", new SubmitCodeCommand(code, kernelName), token), KernelJson.Default.CommandEnvelope);

    /// <remarks>The kernel's formatters write CRLF on every platform; LF keeps executed notebooks the same everywhere.</remarks>
    private static List<FormattedValue> Values(EventPayload e) =>
        (e.FormattedValues ?? [])
        .Select(v => new FormattedValue(v.MimeType ?? "text/plain", (v.Value ?? "").Replace("\r\n", "\n", StringComparison.Ordinal)))
        .ToList();
}

/// <summary>An event envelope: <c>{"eventType": …, "event": {…}, "command": {"token": …}}</c>.</summary>
internal sealed record EventEnvelope(string? EventType, JsonElement Event, CommandReference? Command);

/// <summary>The command an event answers.</summary>
internal sealed record CommandReference(string? Token);

/// <summary>The union of the event fields the runner reads; each event type fills its own.</summary>
internal sealed record EventPayload(string? Message, string? ValueId, IReadOnlyList<FormattedValueJson>? FormattedValues, IReadOnlyList<DiagnosticJson>? Diagnostics);

/// <summary>A formatted value as the kernel writes it.</summary>
internal sealed record FormattedValueJson(string? MimeType, string? Value);

/// <summary>A diagnostic as the kernel writes it (its line is 0-based).</summary>
internal sealed record DiagnosticJson(string? Severity, string? Code, string? Message, LinePositionSpanJson? LinePositionSpan);

/// <summary>Where a diagnostic is.</summary>
internal sealed record LinePositionSpanJson(LinePositionJson? Start);

/// <summary>A 0-based line and character.</summary>
internal sealed record LinePositionJson(int Line, int Character);

/// <summary>A command envelope: <c>{"commandType": …, "command": {…}, "token": …}</c>.</summary>
internal sealed record CommandEnvelope(string CommandType, SubmitCodeCommand Command, string Token);

/// <summary>The <c>SubmitCode</c> command.</summary>
internal sealed record SubmitCodeCommand(string Code, string TargetKernelName);

/// <summary>The protocol's JSON, compiled ahead of time.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EventEnvelope))]
[JsonSerializable(typeof(EventPayload))]
[JsonSerializable(typeof(CommandEnvelope))]
internal sealed partial class KernelJson : JsonSerializerContext;
