using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests;

public sealed class ExecutionTests(NotebookRunFixture run) : IClassFixture<NotebookRunFixture>
{
    private NotebookCell[] Cells(string name) => [.. IpynbFormat.Parse(File.ReadAllText(run.Executed(name)), name).Cells];

    private static string Text(CellOutput output) => output switch
    {
        StreamOutput s => s.Text,
        DisplayDataOutput d => d.Data.Single(v => v.MimeType == "text/plain").Value,
        ExecuteResultOutput r => r.Data.Single(v => v.MimeType == "text/plain").Value,
        _ => throw new InvalidOperationException(output.ToString()),
    };

    [Fact]
    public void State_is_shared_across_cells_and_console_output_is_a_stream()
    {
        var cells = Cells("basics");
        var stream = Assert.IsType<StreamOutput>(Assert.Single(cells[1].Outputs));
        Assert.Equal("stdout", stream.Name);
        Assert.Equal("sum=3.75\n", stream.Text);
        Assert.Equal([1, 2, 3, 4], cells.Skip(1).Select(c => c.ExecutionCount ?? 0));
    }

    [Fact]
    public void Display_gives_display_data_and_the_trailing_value_an_execute_result_in_html_and_plain_text()
    {
        var outputs = Cells("basics")[2].Outputs;
        Assert.Equal(2, outputs.Count);
        var display = Assert.IsType<DisplayDataOutput>(outputs[0]);
        var result = Assert.IsType<ExecuteResultOutput>(outputs[1]);
        Assert.Equal(["text/html", "text/plain"], display.Data.Select(d => d.MimeType));
        Assert.Equal("2", Text(display));
        Assert.Equal("7.5", Text(result));
        Assert.Equal(2, result.ExecutionCount);
        Assert.Contains("7.5", result.Data[0].Value, StringComparison.Ordinal);
    }

    [Fact]
    public void Updating_a_displayed_value_from_a_later_cell_replaces_that_output_in_place()
    {
        var cells = Cells("display-update");
        Assert.Equal(["second", "1"], cells[0].Outputs.Select(Text));
        Assert.Equal("updated\n", Text(Assert.Single(cells[1].Outputs)));
    }

    [Fact]
    public async Task The_same_notebook_gives_the_same_executed_bytes_in_another_run_and_locale()
    {
        var (exitCode, output) = await RunnerProcess.RunAsync(run.Work, null, "run", "nb/basics.dib", "nb/display-update.dib", "--output", "again", "--plain");
        Assert.True(exitCode == 0, output);
        foreach (var name in new[] { "basics", "display-update" })
        {
            Assert.Equal(File.ReadAllBytes(run.Executed(name)), File.ReadAllBytes(Path.Combine(run.Work, "again", "notebooks", name + ".ipynb")));
        }
    }

    [Fact]
    public void A_void_trailing_expression_gives_no_execute_result()
    {
        var outputs = Cells("basics")[4].Outputs;
        Assert.Equal("void trailing\n", Text(Assert.Single(outputs)));
    }

    [Fact]
    public void Cells_compile_as_CSharp_14_and_run_under_the_invariant_culture_in_a_German_environment()
    {
        var stream = Assert.IsType<StreamOutput>(Assert.Single(Cells("basics")[3].Outputs));
        // field-backed property and null-conditional assignment are C# 14; "1234.5" (not "1234,5") and an empty culture name show invariant culture.
        Assert.Equal("42\n1234.5\n0\n", stream.Text);
    }

    [Fact]
    public void The_executed_notebook_is_valid_nbformat_4_5()
    {
        Assert.Equal("", RunnerProcess.NbformatValidationErrors(run.Executed("basics")));
        Assert.Equal("", RunnerProcess.NbformatValidationErrors(run.Executed("nuget-local")));
        Assert.Equal("", RunnerProcess.NbformatValidationErrors(Path.Combine(run.OutputFolder, "notebooks", "runtime-error.failed.ipynb")));
    }

    [Fact]
    public void A_compile_error_names_the_cell_and_the_line_inside_it()
    {
        Assert.Contains("compile-error.dib:cell 3:line 2: error CS0029:", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runtime_exception_names_the_cell_and_the_line_inside_it()
    {
        Assert.Contains("runtime-error.dib:cell 2:line 3: System.InvalidOperationException: negative expected", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_failed_run_keeps_the_last_good_executed_notebook_and_writes_the_failed_one_beside_it()
    {
        Assert.Equal(NotebookRunFixture.LastGood, File.ReadAllText(run.Executed("runtime-error")));
        var failed = IpynbFormat.Parse(File.ReadAllText(Path.Combine(run.OutputFolder, "notebooks", "runtime-error.failed.ipynb")), "failed");
        var error = Assert.IsType<ErrorOutput>(Assert.Single(failed.Cells[1].Outputs));
        Assert.Equal("InvalidOperationException", error.EName);
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(run.OutputFolder, "notebooks"), "*.tmp"));
    }

    [Fact]
    public void A_cell_of_another_kernel_fails_naming_the_cell()
    {
        Assert.Contains("other-kernel.dib:cell 2: cells of the 'fsharp' kernel cannot run here", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_magic_command_fails_naming_the_cell_and_line()
    {
        Assert.Contains("magic-command.dib:cell 1:line 2: magic command '#!time' is not supported", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_ipynb_fails_naming_file_and_position_while_the_others_run()
    {
        Assert.Contains("malformed.ipynb:line 4:column 2: malformed JSON", run.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(run.Executed("basics")));
    }

    [Fact]
    public void A_folder_holding_X_dib_and_X_ipynb_runs_only_the_dib_and_says_so_once()
    {
        var stream = Assert.IsType<StreamOutput>(Assert.Single(Cells("twin")[0].Outputs));
        Assert.Equal("from the dib\n", stream.Text);
        Assert.DoesNotContain("the generated twin must not run", run.Output, StringComparison.Ordinal);
        var mention = Assert.Single(run.Output.Split('\n'), line => line.Contains("twin.ipynb", StringComparison.Ordinal));
        Assert.Equal("running the .dib source, not its generated .ipynb twin, for 1 notebook(s); skipped: nb/twin.ipynb", mention);
    }

    [Fact]
    public void Cells_run_in_the_notebooks_own_folder()
    {
        // The runner itself was started in the folder above nb/.
        var stream = Assert.IsType<StreamOutput>(Assert.Single(Cells("working-directory")[1].Outputs));
        Assert.Equal("nb\nTrue\n", stream.Text);
    }

    [Fact]
    public void A_relative_reference_loads_the_library_and_its_dependency_beside_it_once()
    {
        var stream = Assert.IsType<StreamOutput>(Assert.Single(Cells("relative-reference")[1].Outputs));
        Assert.Equal("Hello, notebook\n1\n", stream.Text);
    }

    [Fact]
    public void A_type_from_an_earlier_reference_stays_one_type_after_a_later_reference()
    {
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(Cells("later-reference")[4].Outputs));
        Assert.Equal("Hello, again", Text(result));
    }

    [Fact]
    public void A_package_from_a_local_folder_feed_loads_and_its_name_convention_formatter_applies()
    {
        var result = Assert.IsType<ExecuteResultOutput>(Assert.Single(Cells("nuget-local")[1].Outputs));
        Assert.Equal("<b class=\"doubler\">42</b>", result.Data.Single(d => d.MimeType == "text/html").Value);
    }

    [Fact]
    public void A_cell_needing_FSharp_Core_10_1_fails_as_in_the_kernel()
    {
        var line = run.Output.Split('\n').First(l => l.StartsWith("error: nb/fsharp-core-10-1.dib:", StringComparison.Ordinal));
        Assert.StartsWith("error: nb/fsharp-core-10-1.dib:cell 3:line 2: System.IO.FileLoadException: ", line, StringComparison.Ordinal);
        Assert.Contains("FSharp.Core, Version=10.1.0.0", line, StringComparison.Ordinal);
        Assert.Contains("manifest definition does not match", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_runner_pins_the_kernels_FSharp_Core_assembly_version()
    {
        Assert.Equal(new Version(10, 0, 0, 0), typeof(Microsoft.FSharp.Core.FSharpOption<int>).Assembly.GetName().Version);
    }

    [Fact]
    public void The_summary_lists_every_notebook_and_the_exit_code_is_non_zero()
    {
        Assert.Equal(1, run.ExitCode);
        foreach (var (name, status) in new[] { ("basics.dib", "passed"), ("compile-error.dib", "FAILED"), ("runtime-error.dib", "FAILED"), ("nuget-local.dib", "passed"), ("relative-reference.dib", "passed"), ("malformed.ipynb", "FAILED"), ("twin.dib", "passed"), ("working-directory.dib", "passed"), ("display-update.dib", "passed"), ("later-reference.dib", "passed") })
        {
            Assert.Matches($@"(?m)^nb/{System.Text.RegularExpressions.Regex.Escape(name)}\s+{status}\s+\d+\.\d\d s$", run.Output);
        }

        Assert.Contains("slowest cells:", run.Output, StringComparison.Ordinal);
        Assert.Contains("7 passed, 6 failed, 0 cancelled", run.Output, StringComparison.Ordinal);
    }
}
