using SoftmaxNotebooks.Runner.Execution;
using Xunit;

namespace SoftmaxNotebooks.Runner.Tests.Execution;

/// <summary>
/// Where a failed claim's line lands in its cell: the compiler's line, pushed down by at most one line per kernel
/// directive, and only ever onto a line that calls Check.
/// </summary>
public sealed class ClaimLineTests
{
    [Fact]
    public void Without_directives_the_compiled_line_is_the_cell_line()
    {
        Assert.Equal(2, CellFailures.CellLine("var x = 1;\nCheck.That(x == 2, \"x is 2\");", 2));
    }

    [Fact]
    public void Kernel_directives_move_the_line_down_onto_the_Check_call()
    {
        const string cell = "#!time\n#r \"nuget: Markdig, 0.31.0\"\nvar x = 1;\nCheck.That(x == 2, \"x is 2\");";
        Assert.Equal(4, CellFailures.CellLine(cell, 2));
        Assert.Equal(4, CellFailures.CellLine(cell, 3));
        Assert.Equal(4, CellFailures.CellLine(cell, 4));
    }

    [Fact]
    public void A_file_reference_is_compiled_as_a_line_and_does_not_widen_the_window()
    {
        // C# scripting reads #r of a file itself: no line is taken out, so a Check two lines down is not this one.
        const string cell = "#r \"lib/Greeter.dll\"\nvar x = 1;\nvar y = 2;\nCheck.That(x == y, \"x is y\");";
        Assert.Null(CellFailures.CellLine(cell, 2));
        Assert.Equal(4, CellFailures.CellLine(cell, 4));
    }

    [Fact]
    public void A_line_that_does_not_call_Check_is_never_named()
    {
        // The failing Check sat in a helper another cell declared: this cell's line 1 is not it.
        Assert.Null(CellFailures.CellLine("var report = Verify(rows);", 1));
        Assert.Null(CellFailures.CellLine("Check.That(true, \"a\");", 7));
    }

    [Fact]
    public void Two_Check_calls_in_the_window_name_no_line()
    {
        Assert.Null(CellFailures.CellLine("#i \"nuget: ./feed\"\nCheck.That(true, \"a\");\nCheck.That(false, \"b\");", 2));
    }
}
