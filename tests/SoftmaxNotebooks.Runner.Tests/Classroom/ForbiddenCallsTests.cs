using SoftmaxNotebooks.Runner.Classroom;

namespace SoftmaxNotebooks.Runner.Tests.Classroom;

/// <summary>
/// The forbidden-call analysis: a use in code is caught however it is spelled (qualified, aliased, statically imported,
/// as a method group, in an interpolation hole, in a helper declared elsewhere); the same name in a comment, a string,
/// <c>nameof</c> or the student's own declaration is not.
/// </summary>
public sealed class ForbiddenCallsTests
{
    // The notebooks' first cell: the kit's functions are statically imported.
    private const string Setup = "#r \"../artifacts/kit/SoftmaxNotebooks.dll\"\nusing SoftmaxNotebooks;\nusing static SoftmaxNotebooks.SoftmaxFunctions;";

    private static readonly string[] Forbidden = ["MaxEntropy.Solve", "FreeEnergyOf", "SoftmaxFunctions.LogSumExp"];

    private static IReadOnlyList<ForbiddenCall> Find(string answer, params string[] others) => ForbiddenCalls.Find(Forbidden, [answer], [Setup, .. others]);

    public static TheoryData<string, string, string> Caught() => new()
    {
        { "a plain call", "double b = MaxEntropy.Solve(faces, 2.5).Beta;", "MaxEntropy.Solve" },
        { "fully qualified", "var r = SoftmaxNotebooks.MaxEntropy.Solve(faces, 2.5);", "MaxEntropy.Solve" },
        { "global-qualified", "var r = global::SoftmaxNotebooks.MaxEntropy.Solve(faces, 2.5);", "MaxEntropy.Solve" },
        { "through an alias", "using M = SoftmaxNotebooks.MaxEntropy;\nvar r = M.Solve(faces, 2.5);", "MaxEntropy.Solve" },
        { "through using static", "using static SoftmaxNotebooks.MaxEntropy;\nvar r = Solve(faces, 2.5);", "MaxEntropy.Solve" },
        { "as a method group", "Func<double[], double, MaxEntropyResult> solve = MaxEntropy.Solve;\nvar r = solve(faces, 2.5);", "MaxEntropy.Solve" },
        { "in an interpolation hole", "display($\"β = {MaxEntropy.Solve(faces, 2.5).Beta}\");", "MaxEntropy.Solve" },
        { "in a lambda", "var f = (double m) => MaxEntropy.Solve(faces, m).Beta;", "MaxEntropy.Solve" },
        { "an instance member", "double f = GibbsState.FromBeta(e, 0.7).FreeEnergyOf(q);", "FreeEnergyOf" },
        { "an instance member, null-conditional", "double? f = state?.FreeEnergyOf(q);", "FreeEnergyOf" },
        { "an instance member as a method group", "Func<Distribution, double> f = state.FreeEnergyOf;", "FreeEnergyOf" },
        { "a static import of the first cell", "double l = LogSumExp(z);", "SoftmaxFunctions.LogSumExp" },
        { "a static import, qualified", "double l = SoftmaxFunctions.LogSumExp(z);", "SoftmaxFunctions.LogSumExp" },
        { "a static import, as a method group", "var l = z.Select(x => new[] { x, 0.0 }).Select(LogSumExp);", "SoftmaxFunctions.LogSumExp" },
    };

    [Theory]
    [MemberData(nameof(Caught))]
    public void AForbiddenUseInCodeIsCaught(string how, string answer, string name)
    {
        var found = Find(answer);
        var call = Assert.Single(found);
        Assert.Equal(name, call.Name);
        Assert.True(call.InAnswer, how);
        Assert.Contains(name.Split('.')[^1], call.Code, StringComparison.Ordinal);
        Assert.Contains("which this exercise forbids", call.ToString(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> NotCaught() => new()
    {
        { "a line comment", "// MaxEntropy.Solve(faces, 2.5) would be the shortcut\ndouble b = 0.37;" },
        { "a block comment", "/* FreeEnergyOf(q), LogSumExp(z) */ double b = 0.37;" },
        { "a doc comment", "/// <see cref=\"MaxEntropy.Solve\"/>\ndouble F(double b) => b;" },
        { "a string", "display(\"not MaxEntropy.Solve(faces, 2.5), not FreeEnergyOf(q)\");" },
        { "a verbatim string", "var s = @\"LogSumExp(z)\";" },
        { "a raw string", "var s = \"\"\"\n  MaxEntropy.Solve(faces, 2.5)\n  \"\"\";" },
        { "an interpolated string's text", "display($\"FreeEnergyOf and {1 + 1} LogSumExp\");" },
        { "nameof", "display(nameof(MaxEntropy.Solve) + nameof(GibbsState.FreeEnergyOf));" },
        { "another member of the type", "var r = MaxEntropy.TrySolve(faces, 2.5, out var result);" },
        { "a member of that name on another type", "var r = MySolver.Solve(faces, 2.5);" },
        { "the student's own function of that name", "double LogSumExp(double[] z) { var m = z.Max(); return m + Math.Log(z.Sum(x => Math.Exp(x - m))); }\ndouble l = LogSumExp(z);" },
        { "the student's own variable of that name", "double FreeEnergyOf = 1.5;\ndouble f = FreeEnergyOf * 2;" },
    };

    [Theory]
    [MemberData(nameof(NotCaught))]
    public void TheSameNameOutsideCodeIsNotCaught(string how, string answer) =>
        Assert.True(Find(answer).Count == 0, how + ": " + string.Join("; ", Find(answer)));

    [Fact]
    public void AHelperDeclaredInAnotherCellIsSearchedWhenTheAnswerCallsIt()
    {
        const string helper = "double BetaFor(double mean) => MaxEntropy.Solve([1.0, 2, 3], mean).Beta;";
        var call = Assert.Single(Find("double b = BetaFor(2.5);", helper));
        Assert.False(call.InAnswer);
        Assert.Equal(1, call.Cell);
        Assert.Contains("in a helper it calls", call.ToString(), StringComparison.Ordinal);
        // Transitively, and only when called.
        Assert.Single(Find("double b = Outer(2.5);", helper, "double Outer(double m) => 2 * BetaFor(m);"));
        Assert.Empty(Find("double b = 0.37;", helper));
    }

    [Fact]
    public void TheInstructorsGivenCodeIsNotSearched()
    {
        const string given = "// exercise 1.3\ndouble SmoothMax(double[] z, double t) => t * LogSumExp(z.Select(zi => zi / t).ToArray());";
        var found = ForbiddenCalls.Find(["LogSumExp", "SmoothMax"], ["var g = SmoothMax(z, 0.5);"], [Setup, given], new HashSet<string> { given });
        // Calling the given function is what SmoothMax forbids; its body, which uses LogSumExp, is the instructor's.
        Assert.Equal(["SmoothMax"], found.Select(f => f.Name));
        // The same when the given cell comes among the exercise's own cells, as the grader attributes it.
        Assert.Equal(["SmoothMax"], ForbiddenCalls.Find(["LogSumExp", "SmoothMax"], [given, "var g = SmoothMax(z, 0.5);"], [Setup], new HashSet<string> { given }).Select(f => f.Name));
    }

    [Fact]
    public void ABareTypeNameForbidsEveryUseOfTheType()
    {
        var forbidden = new[] { "MaxEntropy" };
        Assert.Single(ForbiddenCalls.Find(forbidden, ["var r = MaxEntropy.SolveConstraints(f, c);"], [Setup]));
        Assert.Single(ForbiddenCalls.Find(forbidden, ["using static SoftmaxNotebooks.MaxEntropy;\nvar r = Solve(faces, 2.5);"], [Setup]));
        Assert.Single(ForbiddenCalls.Find(forbidden, ["using M = SoftmaxNotebooks.MaxEntropy;\nvar r = M.Solve(faces, 2.5);"], [Setup]));
        Assert.Empty(ForbiddenCalls.Find(forbidden, ["var r = \"MaxEntropy\"; // MaxEntropy"], [Setup]));
    }

    [Fact]
    public void KernelDirectivesAndBrokenCodeStillParse()
    {
        var found = ForbiddenCalls.Find(Forbidden, ["#!time\n#r \"nuget: Foo, 1.0\"\nvar r = MaxEntropy.Solve(faces,\n    2.5).Beta;\nvar broken = ;"], [Setup]);
        var call = Assert.Single(found);
        Assert.Equal(3, call.Line);
        Assert.Equal("MaxEntropy.Solve(faces, 2.5).Beta", call.Code);
    }

    [Fact]
    public void NothingIsForbiddenWhenTheListIsEmpty() =>
        Assert.Empty(ForbiddenCalls.Find([], ["var r = MaxEntropy.Solve(faces, 2.5);"], [Setup]));
}
