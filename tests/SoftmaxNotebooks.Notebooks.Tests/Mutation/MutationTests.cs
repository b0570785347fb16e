using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SoftmaxNotebooks.Notebooks.Tests.Mutation;

/// <summary>
/// The notebooks are mutation-tested: each entry of <see cref="Mutations.All"/> plants one defect of one kit quantity
/// in a copy of the math core, and each notebook it names, run by the runner's <c>run</c> command with that defect
/// switched on, must stop at a failing claim about that quantity in the section named for it. A defect that a
/// notebook misses, that only another section catches, or that stops the notebook with something other than a claim
/// about the quantity fails the test. The table of what caught what is written to the test output and to
/// <c>artifacts/mutation/mutations.md</c>.
/// </summary>
public sealed partial class MutationTests
{
    private const string OnlyVariable = "SOFTMAX_NOTEBOOKS_MUTATIONS";

    private static readonly TimeSpan NotebookLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public void EveryAnchorOccursExactlyOnceAndEveryPatchChangesTheCore()
    {
        var sources = MutantWorkspace.CoreSources();
        var problems = new List<string>();
        try
        {
            MutantWorkspace.PatchAll(Mutations.All, sources);
        }
        catch (InvalidOperationException e)
        {
            problems.Add(e.Message);
        }

        foreach (var mutation in Mutations.All)
        {
            problems.AddRange(mutation.Patches.Where(p => p.Find == p.Replace).Select(p => $"mutation {mutation.Id}: the patch of {p.File} changes nothing."));
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.Equal(Mutations.All.Count, Mutations.All.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task EveryPlantedDefectIsCaughtInTheSectionThatTeachesIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        // SOFTMAX_NOTEBOOKS_MUTATIONS=id,id… runs only those defects (while working on them); the table then goes to
        // mutations.partial.md, so that mutations.md always describes a whole run.
        var only = Environment.GetEnvironmentVariable(OnlyVariable)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var runs = Mutations.All.Where(m => only is null || only.Contains(m.Id))
            .SelectMany(m => m.Targets.Select(t => new MutantRun(m, t))).ToList();
        Assert.True(runs.Count > 0, $"{OnlyVariable} names no mutation of Mutations.cs.");
        var claims = runs.Select(r => r.Target.Notebook).Distinct(StringComparer.Ordinal)
            .ToDictionary(n => n, n => NotebookClaims.Of(Path.Combine(Repository.Notebooks, n)), StringComparer.Ordinal);

        var total = Stopwatch.StartNew();
        using var workspace = MutantWorkspace.Create(Mutations.All);
        await workspace.BuildAsync(claims.Keys, cancellationToken);
        var built = total.Elapsed;

        // In notebook order: 01–04, the longest, first, so that the last runs to finish are short ones.
        var order = Enumerable.Range(0, runs.Count).OrderBy(i => runs[i].Target.Notebook, StringComparer.Ordinal).ToList();
        var outcomes = new Outcome[runs.Count];
        await Parallel.ForEachAsync(order,
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (i, token) => outcomes[i] = await RunAsync(runs[i], workspace.Root, claims[runs[i].Target.Notebook], token));
        total.Stop();

        var table = Table(runs, outcomes, built, total.Elapsed);
        TestContext.Current.TestOutputHelper?.WriteLine(table);
        WriteAtomically(Path.Combine(Repository.Root, "artifacts", "mutation", only is null ? "mutations.md" : "mutations.partial.md"), table);

        var failures = runs.Zip(outcomes).Where(p => !p.Second.Caught(p.First))
            .Select(p => $"{p.First.Mutation.Id} in {p.First.Target}: {p.Second.Verdict(p.First)}")
            .ToList();
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {runs.Count} runs of a planted defect were not caught by a claim about its quantity in the section named for it:\n" + string.Join('\n', failures));
    }

    /// <summary>One mutation switched on against one notebook.</summary>
    private sealed record MutantRun(Mutation Mutation, Target Target);

    /// <summary>How the notebook ended with the defect switched on.</summary>
    /// <param name="Passed">The whole notebook ran without a failing cell.</param>
    /// <param name="Cell">The failing cell's 1-based number, or 0.</param>
    /// <param name="Line">The failing line in that cell, or null.</param>
    /// <param name="Section">The heading of the section holding the failing cell, or null.</param>
    /// <param name="Claim">The lecture claim at that cell and line, or null (not a claim, or in the exercises).</param>
    /// <param name="Message">The runner's message for the failing cell.</param>
    /// <param name="Elapsed">The runner's wall time.</param>
    private sealed record Outcome(bool Passed, int Cell, int? Line, string? Section, NotebookClaim? Claim, string Message, TimeSpan Elapsed)
    {
        public bool Caught(MutantRun run) =>
            !Passed && Section == run.Target.Section && Claim is not null && run.Mutation.Quantities.Any(Claim.Quantities.Contains);

        /// <summary>The claim of a failed check, or the message of whatever else stopped the notebook.</summary>
        public string Catcher => Message.IndexOf("CHECK FAILED: ", StringComparison.Ordinal) is var at and >= 0
            ? Message[(at + "CHECK FAILED: ".Length)..].Split(" — ", 2)[0]
            : "not a check: " + (Message.Length > 160 ? Message[..160] + "…" : Message);

        public string Verdict(MutantRun run) =>
            Passed ? "NOT CAUGHT: the whole notebook passed"
            : Caught(run) ? "caught"
            : Section != run.Target.Section ? $"caught only in another section, § {Section ?? "(before the first section)"} (cell {Cell}): {Catcher}"
            : Claim is null ? $"stopped by something that is not a lecture claim (cell {Cell}, line {Line}): {Catcher}"
            : $"stopped by a claim that is not about {string.Join(" or ", run.Mutation.Quantities)} (cell {Cell}, line {Line}: {Catcher}; it is about {string.Join(", ", Claim.Quantities.Order(StringComparer.Ordinal))})";
    }

    private static async Task<Outcome> RunAsync(MutantRun run, string root, IReadOnlyList<NotebookClaim> claims, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var output = Path.Combine(root, "out", run.Mutation.Id + "-" + run.Target.Notebook[..2]);
        var (exitCode, text) = await Processes.RunAsync(Processes.Dotnet,
            [typeof(SoftmaxNotebooks.Runner.Program).Assembly.Location, "run", "notebooks/" + run.Target.Notebook, "--output", output, "--plain"],
            root, NotebookLimit, new Dictionary<string, string> { [MutantWorkspace.SwitchVariable] = run.Mutation.Id }, cancellationToken);
        stopwatch.Stop();
        if (exitCode == 0)
        {
            return new Outcome(true, 0, null, null, null, "", stopwatch.Elapsed);
        }

        var failure = FailingCell().Match(text);
        if (!failure.Success)
        {
            throw new InvalidOperationException($"mutation {run.Mutation.Id} in {run.Target}: the runner failed ({exitCode}) without naming a cell:\n{Processes.Tail(text, 40)}");
        }

        var cell = int.Parse(failure.Groups["cell"].Value, CultureInfo.InvariantCulture);
        int? line = failure.Groups["line"].Success ? int.Parse(failure.Groups["line"].Value, CultureInfo.InvariantCulture) : null;
        var claim = claims.FirstOrDefault(c => c.Cell == cell && c.Line == line);
        var section = claim?.Section ?? NotebookClaims.SectionOf(Path.Combine(Repository.Notebooks, run.Target.Notebook), cell);
        return new Outcome(false, cell, line, section, claim, failure.Groups["message"].Value.Trim(), stopwatch.Elapsed);
    }

    private static string Table(IReadOnlyList<MutantRun> runs, IReadOnlyList<Outcome> outcomes, TimeSpan built, TimeSpan total)
    {
        static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        var caught = runs.Zip(outcomes).Count(p => p.Second.Caught(p.First));
        var mutations = runs.Select(r => r.Mutation.Id).Distinct(StringComparer.Ordinal).Count();
        var notebooks = runs.Select(r => r.Target.Notebook).Distinct(StringComparer.Ordinal).Count();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"# Mutation test of the notebooks: {caught} of {runs.Count} runs caught in the section that teaches the quantity");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"{mutations} planted defects of {runs.SelectMany(r => r.Mutation.Quantities).Distinct(StringComparer.Ordinal).Count()} kit quantities, run against {notebooks} notebooks ({runs.Count} runs). "
            + $"One mutant core with every defect behind a switch, built in {built.TotalSeconds:F0} s; whole test {total.TotalSeconds:F0} s on {Environment.ProcessorCount} cores.");
        text.AppendLine();
        text.AppendLine("| notebook | section | caught by (cell, line: claim) | mutation | defect | quantities | result | run |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- | --- | --- |");
        foreach (var (run, outcome) in runs.Zip(outcomes).OrderBy(p => p.First.Target.Notebook, StringComparer.Ordinal))
        {
            var result = outcome.Caught(run) ? "caught" : "**" + outcome.Verdict(run).Split(':')[0] + "**";
            var by = outcome.Passed ? "—" : string.Create(CultureInfo.InvariantCulture,
                $"cell {outcome.Cell}{(outcome.Line is int l ? $", line {l}" : "")}: {outcome.Catcher}");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {run.Target.Notebook[..2]} | {Cell(run.Target.Section)} | {Cell(by)} | {run.Mutation.Id} | {Cell(run.Mutation.Defect)} | {string.Join(", ", run.Mutation.Quantities.Select(q => $"`{q}`"))} | {result} | {outcome.Elapsed.TotalSeconds:F0} s |");
        }

        return text.ToString();
    }

    private static void WriteAtomically(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    // The runner's located error: "<notebook>:cell N:line L: message" (the line is absent for some errors).
    [GeneratedRegex(@":cell (?<cell>\d+)(?::line (?<line>\d+))?: (?<message>[^\n]*)")]
    private static partial Regex FailingCell();
}
