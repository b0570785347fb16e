using SoftmaxNotebooks.Runner.IO;
using SoftmaxNotebooks.Runner.Notebooks;

namespace SoftmaxNotebooks.Runner.Tests;

public sealed class FormatTests
{
    // As Polyglot Notebooks writes it on Windows: CRLF, #!meta, a C# alias, a magic-command line, another kernel.
    private const string RealisticDib =
        "#!meta\r\n\r\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"},{\"aliases\":[],\"name\":\"fsharp\"}]}}\r\n\r\n" +
        "#!markdown\r\n\r\n# Softmax\r\n\r\nProse with $\\LaTeX$.\r\n\r\n" +
        "#!c#\r\n\r\n\r\n#!time\r\nvar z = new[] { 1.0, 2.0 };\r\n#!set --name x --value 1\r\nz\r\n\r\n\r\n" +
        "#!fsharp\r\n\r\nlet x = 1\r\n\r\n" +
        "#!csharp\r\n\r\n";

    [Fact]
    public void A_dib_splits_on_kernel_lines_only_and_trims_blank_lines_around_cells()
    {
        var notebook = DibFormat.Parse(RealisticDib, "sample.dib");
        // The trailing empty C# cell is dropped, as VS Code's parser (Microsoft.DotNet.Interactive.Documents) drops it.
        Assert.Equal(["markdown", "csharp", "fsharp"], notebook.Cells.Select(c => c.KernelName));
        Assert.Equal("# Softmax\n\nProse with $\\LaTeX$.", notebook.Cells[0].Source);
        Assert.Equal("#!time\nvar z = new[] { 1.0, 2.0 };\n#!set --name x --value 1\nz", notebook.Cells[1].Source);
        Assert.Equal("let x = 1", notebook.Cells[2].Source);
        Assert.Equal("csharp", notebook.DefaultKernelName);
    }

    [Fact]
    public void A_dib_without_meta_gets_the_csharp_kernel_info_and_text_before_any_separator_is_a_csharp_cell()
    {
        var notebook = DibFormat.Parse("var a = 1;\n\n#!markdown\n\ntext\n", "plain.dib");
        Assert.Equal(["csharp", "markdown"], notebook.Cells.Select(c => c.KernelName));
        Assert.Equal("var a = 1;", notebook.Cells[0].Source);
        Assert.Equal(Notebook.DefaultKernelInfo().ToJsonString(), notebook.KernelInfo.ToJsonString());
    }

    [Fact]
    public void Malformed_meta_json_names_the_file_and_line()
    {
        var error = Assert.Throws<NotebookFormatException>(() => DibFormat.Parse("#!meta\n\n{\"kernelInfo\": \n\n#!csharp\n\n1\n", "bad.dib"));
        Assert.StartsWith("bad.dib:line ", error.Message, StringComparison.Ordinal);
        Assert.Contains("#!meta is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Dib_to_ipynb_to_dib_keeps_cells_and_kernel_info_byte_for_byte()
    {
        var dib = DibFormat.Write(DibFormat.Parse(RealisticDib, "sample.dib"));
        var viaIpynb = DibFormat.Write(IpynbFormat.Parse(IpynbFormat.Write(DibFormat.Parse(dib, "a.dib")), "a.ipynb"));
        Assert.Equal(dib, viaIpynb);
        Assert.Contains("{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"},{\"aliases\":[],\"name\":\"fsharp\"}]}}", dib, StringComparison.Ordinal);
    }

    [Fact]
    public void Writing_the_same_notebook_twice_gives_the_same_bytes_and_unique_cell_ids()
    {
        var notebook = DibFormat.Parse("#!csharp\n\n1\n\n#!csharp\n\n1\n", "same.dib");
        var first = IpynbFormat.Write(notebook);
        Assert.Equal(first, IpynbFormat.Write(DibFormat.Parse("#!csharp\n\n1\n\n#!csharp\n\n1\n", "same.dib")));
        var ids = IpynbFormat.Parse(first, "same.ipynb").Cells.Select(c => c.Id).ToList();
        Assert.Equal(2, ids.Distinct().Count());
    }

    [Fact]
    public void A_written_ipynb_is_valid_nbformat_4_5_by_the_Debian_validator()
    {
        using var folderFolder = new TempFolder("validate");
        var folder = folderFolder.Path;
        var path = Path.Combine(folder, "sample.ipynb");
        var notebook = DibFormat.Parse(RealisticDib, "sample.dib");
        var cells = notebook.Cells.Select((c, i) => i == 1
            ? c with
            {
                ExecutionCount = 1,
                Outputs =
                [
                    new StreamOutput("stdout", "a\nb\n"),
                    new DisplayDataOutput([new FormattedValue("text/html", "<b>x</b>"), new FormattedValue("text/plain", "x")]),
                    new ExecuteResultOutput([new FormattedValue("text/plain", "2")], 1),
                    new ErrorOutput("InvalidOperationException", "boom", ["line 1", "line 2"]),
                ],
            }
            : c).ToList();
        AtomicFile.WriteAllText(path, IpynbFormat.Write(notebook with { Cells = cells }));
        Assert.Equal("", RunnerProcess.NbformatValidationErrors(path));
        var reread = IpynbFormat.Parse(File.ReadAllText(path), "sample.ipynb");
        Assert.Equal(File.ReadAllText(path), IpynbFormat.Write(reread));
        Assert.Equal(4, reread.Cells[1].Outputs.Count);
    }

    [Theory]
    [InlineData("{\"cells\": [}", "bad.ipynb:line 1:column 12: malformed JSON")]
    [InlineData("{\"nbformat\": 4}", "bad.ipynb:$.cells: missing or not an array")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\"}]}", "bad.ipynb:$.cells[0].source: missing")]
    [InlineData("{\"cells\": []}", "bad.ipynb:$.nbformat: missing or not an integer")]
    [InlineData("{\"nbformat\": 3, \"cells\": []}", "bad.ipynb:$.nbformat: nbformat 3 is not supported")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"source\": \"\", \"outputs\": [{\"output_type\": \"bogus\"}]}]}", "bad.ipynb:$.cells[0].outputs[0].output_type: unknown output type 'bogus'")]
    public void A_malformed_ipynb_names_the_file_and_position(string json, string expected)
    {
        var error = Assert.Throws<NotebookFormatException>(() => IpynbFormat.Parse(json, "bad.ipynb"));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipynb_cells_take_their_kernel_from_polyglot_metadata_and_convert_to_dib_dropping_outputs_with_a_note()
    {
        using var folderFolder = new TempFolder("convert");
        var folder = folderFolder.Path;
        var ipynb = Path.Combine(folder, "n.ipynb");
        File.WriteAllText(ipynb, """
            {"cells": [
              {"cell_type": "markdown", "id": "m", "metadata": {}, "source": ["# T\n", "text"]},
              {"cell_type": "code", "execution_count": 3, "id": "c", "metadata": {"polyglot_notebook": {"kernelName": "fsharp"}},
               "outputs": [{"output_type": "stream", "name": "stdout", "text": "hi\n"}], "source": "let a = 1"}
             ],
             "metadata": {"polyglot_notebook": {"kernelInfo": {"defaultKernelName": "csharp", "items": [{"aliases": [], "name": "csharp"}]}}},
             "nbformat": 4, "nbformat_minor": 5}
            """);
        var (written, note) = NotebookConverter.Convert(ipynb, null);
        Assert.Equal(Path.Combine(folder, "n.dib"), written);
        Assert.Contains("1 output(s)", note, StringComparison.Ordinal);
        Assert.Equal("#!meta\n\n{\"kernelInfo\":{\"defaultKernelName\":\"csharp\",\"items\":[{\"aliases\":[],\"name\":\"csharp\"}]}}\n\n#!markdown\n\n# T\ntext\n\n#!fsharp\n\nlet a = 1\n", File.ReadAllText(written));
    }
}
