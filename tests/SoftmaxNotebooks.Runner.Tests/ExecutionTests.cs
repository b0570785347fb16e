using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests;

[Collection(NotebookRunGroup.Name)]
public sealed class ExecutionTests(NotebookRunFixture run)
{
    private NotebookCell[] Cells(string name) => [.. IpynbFormat.Parse(File.ReadAllText(run.Executed(name)), name).Cells];

    private static string Text(CellOutput output) => output switch
    {
        StreamOutput s => s.Text,
        DisplayDataOutput d => d.Data.Single(v => v.MimeType == "text/plain").Value,
        ExecuteResultOutput r => r.Data.Single(v => v.MimeType == "text/plain").Value,
        _ => throw new InvalidOperationException(output.ToString()),
    };

    /// <summary>The kernel's HTML for a value without a formatter of its own: the plain text in a <c>pre</c>.</summary>
    private static string PlainHtml(CellOutput output)
    {
        var data = output switch
        {
            DisplayDataOutput d => d.Data,
            ExecuteResultOutput r => r.Data,
            _ => throw new InvalidOperationException(output.ToString()),
        };
        var html = Assert.Single(data);
        Assert.Equal("text/html", html.MimeType);
        var match = System.Text.RegularExpressions.Regex.Match(html.Value, "^<div class=\"dni-plaintext\"><pre>(?<text>[^<]*)</pre></div>");
        Assert.True(match.Success, html.Value);
        return match.Groups["text"].Value;
    }

    private string ErrorLine(string notebook) =>
        run.Output.Split('\n').First(l => l.StartsWith($"error: nb/{notebook}.dib:", StringComparison.Ordinal)).TrimEnd('\r');

    [Fact]
    public void State_is_shared_across_cells_and_console_output_is_a_stream()
    {
        var cells = Cells("basics");
        var stream = Assert.IsType<StreamOutput>(Assert.Single(cells[1].Outputs));
        Assert.Equal("stdout", stream.Name);
        // The kernel formats with the culture LANG names (de-DE here), as in VS Code.
        Assert.Equal("sum=3,75\n", stream.Text);
        Assert.Equal([1, 2, 3, 4], cells.Skip(1).Select(c => c.ExecutionCount ?? 0));
    }

    [Fact]
    public void A_value_without_a_formatter_of_its_own_shows_as_html_only_in_display_data_and_execute_result()
    {
        var outputs = Cells("basics")[2].Outputs;
        Assert.Equal(2, outputs.Count);
        var display = Assert.IsType<DisplayDataOutput>(outputs[0]);
        var result = Assert.IsType<ExecuteResultOutput>(outputs[1]);
        Assert.Equal("2", PlainHtml(display));
        // The kernel's formatter writes numbers invariantly; only the cell's own string formatting follows LANG.
        Assert.Equal("7.5", PlainHtml(result));
        Assert.Equal(2, result.ExecutionCount);
    }

    [Fact]
    public void Updating_a_displayed_value_appends_the_update_as_a_new_output_as_VS_Code_shows_it()
    {
        // The kernel gives the update its own value id, so VS Code appends it to the running cell.
        var cells = Cells("display-update");
        Assert.Equal("first", Text(cells[0].Outputs[0]));
        Assert.Equal("1", PlainHtml(cells[0].Outputs[1]));
        Assert.Equal(2, cells[0].Outputs.Count);
        Assert.Equal(["second", "updated\n"], cells[1].Outputs.Select(Text));
    }

    [Fact]
    public async Task The_same_notebook_gives_the_same_executed_bytes_in_another_run()
    {
        var (exitCode, output) = await RunnerProcess.RunAsync(run.Work, NotebookRunFixture.German, "run", "nb/basics.dib", "nb/display-update.dib", "--output", "again", "--plain");
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
    public void Cells_compile_as_CSharp_14_and_run_under_the_culture_LANG_names()
    {
        var stream = Assert.IsType<StreamOutput>(Assert.Single(Cells("basics")[3].Outputs));
        // field-backed property and null-conditional assignment are C# 14; "1234,5" and the 5-letter culture name (de-DE) show LANG's culture.
        Assert.Equal("42\n1234,5\n5\n", stream.Text);
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
    public void A_runtime_exception_names_the_cell_and_the_exception()
    {
        // The kernel compiles cells without debug information: its stack frames carry no line numbers.
        Assert.Equal("error: nb/runtime-error.dib:cell 2: System.InvalidOperationException: negative expected", ErrorLine("runtime-error"));
    }

    [Fact]
    public void A_failed_claim_names_the_line_of_its_Check_call_counting_the_directive_lines_the_kernel_drops()
    {
        Assert.Equal(
            "error: nb/failed-claim.dib:cell 3:line 6: SoftmaxNotebooks.ClaimFailedException: CHECK FAILED: LSE(0, 0) = log 2 is 1/2 (deliberately false) — " +
            "actual = 0.6931471805599453, expected = 0.5, |Δ| = 0.1931471805599453 > tolerance = 0.001",
            ErrorLine("failed-claim"));
        // What VS Code shows is the kernel's own message: the line as the compiler saw it (the #i line taken out or not).
        var failed = IpynbFormat.Parse(File.ReadAllText(Path.Combine(run.OutputFolder, "notebooks", "failed-claim.failed.ipynb")), "failed");
        var error = Assert.IsType<ErrorOutput>(failed.Cells[2].Outputs[^1]);
        Assert.Matches(@"tolerance = 0\.001 \(line [56]\)$", error.Traceback[0]);
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
    public void Magic_commands_and_an_FSharp_cell_run_in_the_kernel()
    {
        var cells = Cells("magic-commands");
        Assert.StartsWith("Wall time: ", Text(Assert.Single(cells[1].Outputs)), StringComparison.Ordinal);
        Assert.Contains("t", Assert.IsType<DisplayDataOutput>(Assert.Single(cells[2].Outputs)).Data.Single().Value, StringComparison.Ordinal);
        Assert.Contains("<td>t</td>", Assert.IsType<DisplayDataOutput>(Assert.Single(cells[3].Outputs)).Data.Single().Value, StringComparison.Ordinal);
        Assert.Equal("hello", Text(Assert.Single(cells[4].Outputs)));
        Assert.Equal("hello", Text(Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[5].Outputs))));
        Assert.Equal("42", PlainHtml(Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[6].Outputs))));
        Assert.Equal([1, 2, 3, 4, 5, 6], cells.Skip(1).Select(c => c.ExecutionCount ?? 0));
    }

    [Fact]
    public void A_top_level_return_shows_its_value_and_the_kernel_API_is_there()
    {
        var cells = Cells("kernel-api");
        Assert.Equal("7", PlainHtml(Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[1].Outputs))));
        Assert.Equal("True", PlainHtml(Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[2].Outputs))));
        var html = Assert.Single(Assert.IsType<ExecuteResultOutput>(Assert.Single(cells[3].Outputs)).Data);
        Assert.Equal(new FormattedValue("text/html", "<b>hi</b>"), html);
    }

    [Fact]
    public void A_package_reference_loads_the_version_it_names_and_shows_the_installed_packages()
    {
        var cells = Cells("package-version");
        var installed = Assert.Single(Assert.IsType<DisplayDataOutput>(Assert.Single(cells[1].Outputs)).Data);
        Assert.Contains("<strong>Installed Packages</strong>", installed.Value, StringComparison.Ordinal);
        Assert.Contains("Markdig, 0.31.0", installed.Value, StringComparison.Ordinal);
        Assert.Equal("0.31.0.0", Text(Assert.Single(cells[2].Outputs)));
    }

    [Fact]
    public void A_relative_package_source_fails_as_in_the_kernel()
    {
        Assert.StartsWith("error: nb/nuget-relative.dib:cell 2", ErrorLine("nuget-relative"), StringComparison.Ordinal);
        Assert.Contains("999", ErrorLine("nuget-relative"), StringComparison.Ordinal);
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
    public void A_type_from_an_earlier_reference_is_another_type_after_a_later_reference_as_in_the_kernel()
    {
        var line = ErrorLine("later-reference");
        Assert.StartsWith("error: nb/later-reference.dib:cell 5:line 1: error CS1503: ", line, StringComparison.Ordinal);
        Assert.Contains("Greeter.Card", line, StringComparison.Ordinal);
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
        var line = ErrorLine("fsharp-core-10-1");
        Assert.StartsWith("error: nb/fsharp-core-10-1.dib:cell 3: ", line, StringComparison.Ordinal);
        Assert.Contains("FSharp.Core, Version=10.1.0.0", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_renders_the_handouts_of_the_notebooks_that_passed_under_its_output_root()
    {
        var handouts = Path.Combine(run.OutputFolder, "handouts");
        Assert.True(File.Exists(Path.Combine(handouts, "index.html")));
        Assert.True(File.Exists(Path.Combine(handouts, "basics.html")));
        Assert.False(File.Exists(Path.Combine(handouts, "runtime-error.html")));
        Assert.Contains("handout: out/handouts/basics.html", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_summary_lists_every_notebook_and_the_exit_code_is_non_zero()
    {
        Assert.Equal(1, run.ExitCode);
        foreach (var (name, status) in new[] { ("basics.dib", "passed"), ("compile-error.dib", "FAILED"), ("runtime-error.dib", "FAILED"), ("nuget-local.dib", "passed"), ("relative-reference.dib", "passed"), ("malformed.ipynb", "FAILED"), ("twin.dib", "passed"), ("working-directory.dib", "passed"), ("display-update.dib", "passed"), ("later-reference.dib", "FAILED"), ("magic-commands.dib", "passed"), ("kernel-api.dib", "passed"), ("package-version.dib", "passed"), ("nuget-relative.dib", "FAILED"), ("fsharp-core-10-1.dib", "FAILED"), ("failed-claim.dib", "FAILED") })
        {
            Assert.Matches($@"(?m)^nb/{System.Text.RegularExpressions.Regex.Escape(name)}\s+{status}\s+\d+\.\d\d s$", run.Output);
        }

        Assert.Contains("slowest cells:", run.Output, StringComparison.Ordinal);
        Assert.Contains("9 passed, 7 failed, 0 cancelled", run.Output, StringComparison.Ordinal);
    }
}
