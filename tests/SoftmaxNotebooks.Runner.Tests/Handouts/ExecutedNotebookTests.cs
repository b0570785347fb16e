using SoftmaxNotebooks.Runner.Handouts;
using Xunit;

namespace SoftmaxNotebooks.Runner.Tests.Handouts;

public sealed class ExecutedNotebookTests
{
    [Fact]
    public void Reads_cells_outputs_and_languages_as_the_runner_writes_them()
    {
        var notebook = ExecutedNotebook.Parse(Fixtures.Softmax, "softmax");

        Assert.Equal(5, notebook.Cells.Count);
        Assert.Equal(HandoutCellKind.Markdown, notebook.Cells[0].Kind);
        Assert.StartsWith("# Softmax and log-sum-exp\n\nThe softmax", notebook.Cells[0].Source, StringComparison.Ordinal);
        var first = notebook.Cells[1];
        Assert.Equal(("csharp", 1), (first.Language, first.ExecutionCount));
        Assert.Equal([HandoutOutputKind.DisplayData, HandoutOutputKind.Stream], first.Outputs.Select(o => o.Kind));
        Assert.Equal("sum = 1\nmax = 0.6652 <ok>\n", first.Outputs[1].Text);
        Assert.Equal(["text/html", "text/plain"], first.Outputs[0].Data.Keys.Order(StringComparer.Ordinal));
        var error = notebook.Cells[4].Outputs.Single();
        Assert.Equal(("System.InvalidOperationException", "temperature must be positive"), (error.ErrorName, error.ErrorValue));
        Assert.True(notebook.HasError);
        Assert.Equal(HandoutStatus.Failed, HandoutPage.Status(notebook));
        Assert.Equal(HandoutStatus.Executed, HandoutPage.Status(ExecutedNotebook.Parse(Fixtures.Plain, "plain")));
    }

    [Fact]
    public void A_notebook_without_execution_results_is_not_executed()
    {
        var notebook = ExecutedNotebook.Parse("""
            {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "source": "1", "outputs": []}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """, "fresh");
        Assert.Equal(HandoutStatus.NotExecuted, HandoutPage.Status(notebook));
    }

    [Theory]
    [InlineData("{\"cells\": [", "broken.ipynb: malformed JSON at line 1")]
    [InlineData("{\"nbformat\": 3, \"cells\": []}", "broken.ipynb: not an nbformat 4 notebook")]
    [InlineData("{\"nbformat\": 4}", "broken.ipynb: the notebook has no \"cells\" array")]
    [InlineData("{\"nbformat\": 4, \"cells\": [{\"cell_type\": \"code\", \"outputs\": [{\"output_type\": \"bogus\"}]}]}", "broken.ipynb: cell 1: output 1: unknown output_type \"bogus\"")]
    public void Malformed_notebooks_fail_naming_the_file_and_position(string json, string message)
    {
        var e = Assert.Throws<HandoutException>(() => ExecutedNotebook.Parse(json, "broken", "broken.ipynb"));
        Assert.StartsWith(message, e.Message, StringComparison.Ordinal);
    }
}
