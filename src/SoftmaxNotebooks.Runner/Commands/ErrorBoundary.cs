using System.CommandLine;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Commands;

/// <summary>
/// The one error boundary of every command: a <see cref="RunnerException"/> (a notebook that cannot be read, a kernel
/// that did not start, a handout or export that failed, …) becomes <c>error: message</c> on standard error and exit
/// code 1; anything else is a bug and keeps its stack trace.
/// </summary>
internal static class ErrorBoundary
{
    /// <summary>Sets a command's action inside the boundary.</summary>
    /// <param name="command">The command.</param>
    /// <param name="action">Parses its values, runs the workflow and prints the result; returns the exit code.</param>
    public static void SetGuardedAction(this Command command, Func<ParseResult, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(action);
        command.SetAction(async (result, cancellationToken) =>
        {
            try
            {
                return await action(result, cancellationToken).ConfigureAwait(false);
            }
            catch (RunnerException e)
            {
                await Console.Error.WriteLineAsync("error: " + e.Message).ConfigureAwait(false);
                return 1;
            }
        });
    }
}
