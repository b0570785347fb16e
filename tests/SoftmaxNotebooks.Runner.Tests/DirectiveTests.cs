using SoftmaxNotebooks.Runner.Execution;

namespace SoftmaxNotebooks.Runner.Tests;

public sealed class DirectiveTests
{
    [Fact]
    public void A_csharp_kernel_selector_inside_a_cell_is_dropped_keeping_line_numbers()
    {
        var directives = CellDirectives.Parse("#!csharp\nvar a = 1;\n#!c#\na", "/nb");
        Assert.Equal("\nvar a = 1;\n\na", directives.Code);
    }

    [Fact]
    public void Another_kernels_selector_inside_a_cell_fails_naming_the_line_and_kernel()
    {
        var error = Assert.Throws<UnsupportedDirectiveException>(() => CellDirectives.Parse("var a = 1;\n#!fsharp\nlet b = 2", "/nb"));
        Assert.Equal(2, error.Line);
        Assert.StartsWith("'#!fsharp' switches to the 'fsharp' kernel", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Magic_commands_fail_naming_the_line()
    {
        var error = Assert.Throws<UnsupportedDirectiveException>(() => CellDirectives.Parse("var a = 1;\n\n#!set --name x --value 1", "/nb"));
        Assert.Equal(3, error.Line);
        Assert.StartsWith("magic command '#!set --name x --value 1' is not supported", error.Message, StringComparison.Ordinal);
    }
}
