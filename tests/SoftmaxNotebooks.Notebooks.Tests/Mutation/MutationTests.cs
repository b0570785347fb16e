using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SoftmaxNotebooks.Notebooks.Tests.Mutation;

/// <summary>
/// The notebooks are mutation-tested: each entry of <see cref="Mutations.All"/> plants one defect in a copy of the
/// math core, and its notebook, run by the runner's <c>run</c> command against that core, must stop with a failing
/// cell in the section that teaches the mutated quantity. A defect that the whole notebook misses, or that only a
/// later section catches, fails the test. The table of what caught what is written to the test output and to
/// <c>artifacts/mutation/mutations.md</c>.
/// </summary>
public sealed partial class MutationTests
{
    private static readonly TimeSpan NotebookLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public void EveryAnchorOccursExactlyOnceInTheCore()
    {
        var sources = MutantWorkspace.CoreSources();
        var problems = new List<string>();
        foreach (var mutation in Mutations.All)
        {
            try
            {
                var patched = MutantWorkspace.Patch(mutation, sources);
                problems.AddRange(patched.Where(p => p.Value == sources[p.Key]).Select(p => $"mutation {mutation.Id}: the patch of {p.Key} changes nothing."));
            }
            catch (InvalidOperationException e)
            {
                problems.Add(e.Message);
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void EveryMutationNamesANotebookSectionThatExists()
    {
        var problems = new List<string>();
        foreach (var mutation in Mutations.All)
        {
            var path = Path.Combine(Repository.Notebooks, mutation.Notebook);
            if (!File.Exists(path))
            {
                problems.Add($"mutation {mutation.Id}: notebooks/{mutation.Notebook} does not exist.");
            }
            else if (!File.ReadLines(path).Any(line => line.TrimEnd() == "## " + mutation.Section))
            {
                problems.Add($"mutation {mutation.Id}: notebooks/{mutation.Notebook} has no heading «## {mutation.Section}».");
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems) + "\nUpdate Mutations.cs to the notebooks' headings.");
        Assert.True(Mutations.All.Count >= 15, $"only {Mutations.All.Count} mutations");
        Assert.Equal(Mutations.All.Count, Mutations.All.Select(m => m.Id).Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public async Task EveryPlantedDefectIsCaughtInTheSectionThatTeachesIt()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var mutations = Mutations.All;
        var total = Stopwatch.StartNew();
        using var workspace = MutantWorkspace.Create(mutations);
        await workspace.BuildAsync(mutations, cancellationToken);
        var built = total.Elapsed;

        var outcomes = new Outcome[mutations.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, mutations.Count),
            new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            async (i, token) => outcomes[i] = await RunAsync(mutations[i], workspace.FolderOf(i), token));
        total.Stop();

        var table = Table(mutations, outcomes, built, total.Elapsed);
        TestContext.Current.TestOutputHelper?.WriteLine(table);
        WriteAtomically(Path.Combine(Repository.Root, "artifacts", "mutation", "mutations.md"), table);

        var failures = mutations.Zip(outcomes).Where(p => !p.Second.InDeclaredSection(p.First))
            .Select(p => $"{p.First.Id} ({p.First.Notebook} § {p.First.Section}): {p.Second.Verdict(p.First)}")
            .ToList();
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {mutations.Count} planted defects are not caught in the section that teaches them:\n" + string.Join('\n', failures));
    }

    /// <summary>How the declared notebook ended against one mutant core.</summary>
    /// <param name="Passed">The whole notebook ran without a failing cell.</param>
    /// <param name="Cell">The failing cell's 1-based number, or 0.</param>
    /// <param name="Line">The failing line in that cell, or null.</param>
    /// <param name="Section">The heading of the section holding the failing cell (after <c>## </c>), or null.</param>
    /// <param name="Message">The runner's message for the failing cell (for a failed claim: "CHECK FAILED: claim — numbers").</param>
    /// <param name="Elapsed">The runner's wall time.</param>
    private sealed record Outcome(bool Passed, int Cell, int? Line, string? Section, string Message, TimeSpan Elapsed)
    {
        public bool InDeclaredSection(Mutation mutation) => !Passed && Section == mutation.Section;

        /// <summary>The claim of a failed check, or the message of whatever else stopped the notebook.</summary>
        public string Catcher => Message.IndexOf("CHECK FAILED: ", StringComparison.Ordinal) is var at and >= 0
            ? Message[(at + "CHECK FAILED: ".Length)..].Split(" — ", 2)[0]
            : "not a check: " + (Message.Length > 160 ? Message[..160] + "…" : Message);

        public string Verdict(Mutation mutation) =>
            Passed ? "NOT CAUGHT: the whole notebook passed"
            : InDeclaredSection(mutation) ? "caught"
            : $"caught only in another section, § {Section ?? "(before the first section)"} (cell {Cell}): {Catcher}";
    }

    private static async Task<Outcome> RunAsync(Mutation mutation, string folder, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var output = Path.Combine(folder, "out");
        var (exitCode, text) = await Processes.RunAsync(Processes.Dotnet,
            [typeof(SoftmaxNotebooks.Runner.Program).Assembly.Location, "run", "notebooks/" + mutation.Notebook, "--output", output, "--plain"],
            folder, NotebookLimit, cancellationToken);
        stopwatch.Stop();
        if (exitCode == 0)
        {
            return new Outcome(true, 0, null, null, "", stopwatch.Elapsed);
        }

        var failure = FailingCell().Match(text);
        if (!failure.Success)
        {
            throw new InvalidOperationException($"mutation {mutation.Id}: the runner failed ({exitCode}) without naming a cell:\n{Processes.Tail(text, 40)}");
        }

        var cell = int.Parse(failure.Groups["cell"].Value, CultureInfo.InvariantCulture);
        int? line = failure.Groups["line"].Success ? int.Parse(failure.Groups["line"].Value, CultureInfo.InvariantCulture) : null;
        return new Outcome(false, cell, line, SectionOf(ExecutedNotebook(mutation, output), cell), failure.Groups["message"].Value.Trim(), stopwatch.Elapsed);
    }

    /// <summary>The executed notebook the runner wrote (on failure too: its cells carry the runner's cell numbers).</summary>
    private static string ExecutedNotebook(Mutation mutation, string output)
    {
        var stem = Path.GetFileNameWithoutExtension(mutation.Notebook);
        return Directory.Exists(output)
            ? Directory.EnumerateFiles(output, stem + "*.ipynb", SearchOption.AllDirectories).FirstOrDefault()
              ?? throw new InvalidOperationException($"mutation {mutation.Id}: the runner wrote no executed notebook under {output}.")
            : throw new InvalidOperationException($"mutation {mutation.Id}: the runner wrote nothing to {output}.");
    }

    /// <summary>The last <c>## </c> heading in the markdown cells up to cell <paramref name="cell"/> (1-based), or null.</summary>
    private static string? SectionOf(string ipynb, int cell)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(ipynb));
        string? section = null;
        foreach (var c in document.RootElement.GetProperty("cells").EnumerateArray().Take(cell))
        {
            if (c.GetProperty("cell_type").GetString() != "markdown")
            {
                continue;
            }

            var source = c.GetProperty("source");
            var text = source.ValueKind == JsonValueKind.Array
                ? string.Concat(source.EnumerateArray().Select(s => s.GetString()))
                : source.GetString() ?? "";
            foreach (var line in text.Split('\n'))
            {
                if (line.StartsWith("## ", StringComparison.Ordinal))
                {
                    section = line[3..].TrimEnd();
                }
            }
        }

        return section;
    }

    private static string Table(IReadOnlyList<Mutation> mutations, IReadOnlyList<Outcome> outcomes, TimeSpan built, TimeSpan total)
    {
        static string Cell(string s) => s.Replace("|", "\\|", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
        var caught = mutations.Zip(outcomes).Count(p => p.Second.InDeclaredSection(p.First));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"# Mutation test of the notebooks: {caught} of {mutations.Count} planted defects caught in the section that teaches them");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Built {mutations.Count} mutant cores in {built.TotalSeconds:F0} s; whole test {total.TotalSeconds:F0} s on {Environment.ProcessorCount} cores.");
        text.AppendLine();
        text.AppendLine("| mutation | defect | must be caught in | result | caught by (cell, claim) | run |");
        text.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var (mutation, outcome) in mutations.Zip(outcomes))
        {
            var result = outcome.Passed ? "**NOT CAUGHT**"
                : outcome.InDeclaredSection(mutation) ? "caught"
                : $"**wrong section**: § {outcome.Section ?? "(before the first section)"}";
            var by = outcome.Passed ? "—" : string.Create(CultureInfo.InvariantCulture,
                $"cell {outcome.Cell}{(outcome.Line is int l ? $", line {l}" : "")}: {outcome.Catcher}");
            text.AppendLine(CultureInfo.InvariantCulture,
                $"| {mutation.Id} | {Cell(mutation.Defect)} | {mutation.Notebook[..2]} § {Cell(mutation.Section)} | {result} | {Cell(by)} | {outcome.Elapsed.TotalSeconds:F0} s |");
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
