namespace SoftmaxNotebooks.Runner.Tests;

/// <summary>The options the commands share are one definition each, with one rule.</summary>
public sealed class CommandLineTests
{
    [Theory]
    [InlineData("run", "--cell-timeout")]
    [InlineData("editions", "--cell-timeout")]
    [InlineData("grade", "--cell-timeout")]
    [InlineData("grade", "--submission-timeout")]
    public void Every_time_limit_must_be_a_positive_number_of_seconds(string command, string option)
    {
        string[] arguments = command == "grade" ? [command, "submissions", "--notebook", "reference.dib"] : [command, "notebooks"];
        foreach (var value in new[] { "0", "-5" })
        {
            var errors = Program.BuildCommand().Parse([.. arguments, option, value]).Errors.Select(e => e.Message);
            Assert.Contains($"{option} must be a positive number of seconds.", errors);
        }

        Assert.Empty(Program.BuildCommand().Parse([.. arguments, option, "2.5"]).Errors);
    }

    [Fact]
    public void The_commands_that_write_take_output_and_those_that_run_kernels_take_parallel()
    {
        var root = Program.BuildCommand();
        Assert.Equal(["convert", "editions", "export", "grade", "pack-kit", "render", "run"], root.Subcommands.Select(c => c.Name).Order(StringComparer.Ordinal));
        Assert.All(root.Subcommands, c => Assert.Contains(c.Options, o => o.Name == "--output" && o.Aliases.Contains("-o")));
        foreach (var name in new[] { "run", "editions", "grade" })
        {
            Assert.Contains(root.Subcommands.Single(c => c.Name == name).Options, o => o.Name == "--parallel");
        }
    }
}
