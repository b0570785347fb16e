using System.Security.Cryptography;

namespace SoftmaxNotebooks.Runner.Execution;

/// <summary>How a check came out, read from the kernel's protocol stream.</summary>
internal enum CheckVerdict
{
    /// <summary>Exactly one completion, a success, with a clean stream until the barrier answered.</summary>
    Passed,

    /// <summary>Exactly one completion, a failure, with a clean stream until the barrier answered.</summary>
    Failed,

    /// <summary>A second completion for the check, or bytes on the stream that are not the kernel's events: the submission wrote into the protocol.</summary>
    Tampered,

    /// <summary>No completion, or the barrier after it never answered (the kernel died or went silent).</summary>
    Unanswered,
}

/// <summary>
/// Reads a check's outcome from the kernel's protocol so that a line a submission forges on the kernel's standard
/// output cannot decide it. The kernel writes exactly one completion (<c>CommandSucceeded</c> or <c>CommandFailed</c>)
/// per command the runner sends (commands a cell starts itself carry child tokens, <c>token.1</c>, and no completion
/// of their own on the stream), runs commands one at a time, and writes nothing but event envelopes after it is ready.
/// So each command gets an unguessable token, and after a check's first completion the runner sends a barrier (an empty
/// cell) that the kernel runs only after the check has really ended: by the barrier's completion, the check's real
/// completion is on the stream. The check passed if its token had exactly one completion, a success, and every line
/// from sending the check to the barrier's completion was an event envelope (code that writes into the stream while
/// the kernel writes breaks the kernel's lines, and a line written whole is a second completion).
/// </summary>
/// <remarks>
/// What this cannot see: code in the kernel process that replaces the kernel's own writer (or patches the check's
/// methods) changes what the kernel itself reports. That is the limit of grading inside one process; see the README.
/// </remarks>
internal sealed class CompletionLedger
{
    private readonly Dictionary<string, SentCommand> commands = new(StringComparer.Ordinal);
    private long position;
    private long foreign;
    private readonly List<long> foreignAt = [];

    /// <summary>A new unguessable token for a command about to be sent (<paramref name="kind"/> names it in the stream, for reading).</summary>
    /// <param name="kind">For example <c>cell</c>, <c>check</c> or <c>barrier</c>.</param>
    public string Send(string kind)
    {
        var token = kind + "-" + RandomNumberGenerator.GetHexString(24, lowercase: true);
        lock (commands)
        {
            commands[token] = new SentCommand(position);
        }

        return token;
    }

    /// <summary>Records an event read from the stream.</summary>
    /// <param name="e">The event.</param>
    public void Event(KernelEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        lock (commands)
        {
            position++;
            if (e is CommandSucceeded or CommandFailed && e.Token is { } token && commands.TryGetValue(token, out var command))
            {
                command.Completions.Add((position, e is CommandSucceeded));
            }
        }
    }

    /// <summary>Records a line on the stream, after the kernel was ready, that is not an event envelope.</summary>
    public void Foreign()
    {
        lock (commands)
        {
            position++;
            foreign++;
            foreignAt.Add(position);
        }
    }

    /// <summary>Lines that were not event envelopes, so far.</summary>
    public long ForeignLines
    {
        get
        {
            lock (commands)
            {
                return foreign;
            }
        }
    }

    /// <summary>True once the command has a completion on the stream (forged or real).</summary>
    /// <param name="token">A token from <see cref="Send"/>.</param>
    public bool Completed(string token)
    {
        lock (commands)
        {
            return commands.TryGetValue(token, out var c) && c.Completions.Count > 0;
        }
    }

    /// <summary>The check's verdict given the barrier sent after it (call once the barrier completed, or the stream ended).</summary>
    /// <param name="check">The check's token.</param>
    /// <param name="barrier">The token of the barrier sent after the check's first completion.</param>
    public CheckVerdict Verdict(string check, string barrier)
    {
        lock (commands)
        {
            var c = commands[check];
            var b = commands[barrier];
            if (c.Completions.Count > 1)
            {
                return CheckVerdict.Tampered;
            }

            if (c.Completions.Count == 0 || b.Completions.Count == 0)
            {
                return CheckVerdict.Unanswered;
            }

            var end = b.Completions[0].Position;
            if (foreignAt.Any(p => p > c.SentAt && p < end))
            {
                return CheckVerdict.Tampered;
            }

            return c.Completions[0].Succeeded ? CheckVerdict.Passed : CheckVerdict.Failed;
        }
    }

    private sealed record SentCommand(long SentAt)
    {
        public List<(long Position, bool Succeeded)> Completions { get; } = [];
    }
}
