using SoftmaxNotebooks.Runner.Handouts;
using SoftmaxNotebooks.Runner.Notebooks;
using Xunit;

namespace SoftmaxNotebooks.Runner.Tests.Handouts;

/// <summary>Executed notebooks as the handouts read them: through the runner's own .ipynb model.</summary>
public sealed class ExecutedNotebookTests
{
    [Fact]
    public void Reads_cells_outputs_and_languages_as_the_runner_writes_them()
    {
        var notebook = Fixtures.Parse(Fixtures.Softmax, "softmax");

        Assert.Equal(5, notebook.Cells.Count);
        Assert.True(notebook.Cells[0].IsMarkdown);
        Assert.StartsWith("# Softmax and log-sum-exp\n\nThe softmax", notebook.Cells[0].Source, StringComparison.Ordinal);
        var first = notebook.Cells[1];
        Assert.Equal(("csharp", 1), (first.KernelName, first.ExecutionCount));
        var display = Assert.IsType<DisplayDataOutput>(first.Outputs[0]);
        Assert.Equal("sum = 1\nmax = 0.6652 <ok>\n", Assert.IsType<StreamOutput>(first.Outputs[1]).Text);
        Assert.Equal(["text/html", "text/plain"], display.Data.Select(d => d.MimeType).Order(StringComparer.Ordinal));
        var error = Assert.IsType<ErrorOutput>(notebook.Cells[4].Outputs.Single());
        Assert.Equal(("System.InvalidOperationException", "temperature must be positive"), (error.EName, error.EValue));
        Assert.True(notebook.HasError);
        Assert.Equal(HandoutStatus.Failed, HandoutPage.Status(notebook));
        Assert.Equal(HandoutStatus.Executed, HandoutPage.Status(Fixtures.Parse(Fixtures.Plain, "plain")));
    }

    [Fact]
    public void A_notebook_without_execution_results_is_not_executed()
    {
        var notebook = Fixtures.Parse("""
            {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {}, "source": "1", "outputs": []}], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """, "fresh");
        Assert.Equal(HandoutStatus.NotExecuted, HandoutPage.Status(notebook));
    }

    [Fact]
    public void A_notebook_with_cells_left_to_run_is_partly_executed_and_says_so()
    {
        var notebook = Fixtures.Parse("""
            {"cells": [{"cell_type": "code", "execution_count": 1, "metadata": {}, "source": "1", "outputs": []},
                       {"cell_type": "code", "execution_count": null, "metadata": {}, "source": "// exercise 1.1: task", "outputs": []}],
             "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
            """, "student");
        Assert.Equal(HandoutStatus.PartlyExecuted, HandoutPage.Status(notebook));
        Assert.Contains("partly executed: cells without output are left to run", HandoutPage.Render(notebook, "student", null, HandoutAssets.Default), StringComparison.Ordinal);
    }
}
