namespace SoftmaxNotebooks.Notebooks.Tests.Mutation;

/// <summary>
/// Coverage by construction: the claims of every notebook's lecture are read from the notebooks themselves
/// (<see cref="NotebookClaims"/>: each <c>Check</c> call and the kit quantities its values come from), and every
/// (notebook, quantity) pair they make must have a planted defect of that quantity that <see cref="MutationTests"/>
/// runs against that notebook, in a section whose claims are about the quantity. A new claim about an untested
/// quantity, or a new notebook without an entry in <see cref="Mutations"/>, fails here before any kernel starts.
/// </summary>
public sealed class MutationCoverageTests
{
    private static readonly Lazy<IReadOnlyList<NotebookClaim>> Claims = new(() =>
        Repository.DibSources.AsParallel().AsOrdered().SelectMany(d => NotebookClaims.Of(Path.Combine(Repository.Notebooks, d))).ToList());

    [Fact]
    public void EveryClaimAboutAKitQuantityIsCoveredByAMutationRunAgainstItsNotebook()
    {
        var covered = Mutations.All.SelectMany(m => m.Targets.SelectMany(t => m.Quantities.Select(q => (t.Notebook, q)))).ToHashSet();
        var missing = Claims.Value
            .SelectMany(c => c.Quantities.Select(q => (Claim: c, Quantity: q)))
            .Where(p => !covered.Contains((p.Claim.Notebook, p.Quantity)))
            .GroupBy(p => (p.Claim.Notebook, p.Quantity))
            .Select(g => $"{g.Key.Notebook} makes claims about {g.Key.Quantity}, and no mutation of it is run against that notebook; "
                + $"first: cell {g.First().Claim.Cell}, line {g.First().Claim.Line} (§ {g.First().Claim.Section}): {g.First().Claim.Claim}")
            .ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} (notebook, kit quantity) pairs are claimed but not mutation-tested; add a mutation (or a target) to Mutations.cs:\n"
            + string.Join('\n', missing));
    }

    [Fact]
    public void EveryNotebookHasAMutationEntry()
    {
        var named = Mutations.All.SelectMany(m => m.Targets).Select(t => t.Notebook).ToHashSet(StringComparer.Ordinal);
        var missing = Repository.DibSources.Where(d => !named.Contains(d)).ToList();
        Assert.True(missing.Count == 0,
            $"no mutation is run against {string.Join(", ", missing)}: every notebook's checks must be shown to catch a planted defect.");
    }

    [Fact]
    public void EveryTargetIsASectionThatMakesAClaimAboutItsQuantity()
    {
        var api = NotebookClaims.PublicQuantities();
        var problems = new List<string>();
        foreach (var mutation in Mutations.All)
        {
            problems.AddRange(mutation.Quantities.Where(q => !api.Contains(q))
                .Select(q => $"mutation {mutation.Id}: {q} is not a public quantity of the kit's core."));
            foreach (var target in mutation.Targets)
            {
                var sections = Claims.Value.Where(c => c.Notebook == target.Notebook && mutation.Quantities.Any(c.Quantities.Contains))
                    .Select(c => c.Section).Distinct(StringComparer.Ordinal).ToList();
                if (!sections.Contains(target.Section))
                {
                    problems.Add($"mutation {mutation.Id}: {target} makes no claim about {string.Join(" or ", mutation.Quantities)}; "
                        + (sections.Count == 0 ? "the notebook makes none." : "sections that do: " + string.Join("; ", sections)));
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }
}
