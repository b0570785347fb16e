using SoftmaxNotebooks.Runner.Commands;
using SoftmaxNotebooks.Runner.Handouts;
using Xunit;

namespace SoftmaxNotebooks.Runner.Tests.Handouts;

public sealed class RenderCommandTests
{
    [Fact]
    public void Render_reports_a_bad_path_and_still_renders_the_rest()
    {
        using var temp = new TempFolder();
        var plain = Fixtures.Write(temp.Path, "plain.ipynb", Fixtures.Plain);
        var output = Path.Combine(temp.Path, "out");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = RenderCommand.Render([temp.File("missing.ipynb"), plain], new HandoutOptions { OutputDirectory = output }, stdout, stderr, TestContext.Current.CancellationToken);

        Assert.Equal(1, exit);
        Assert.Contains("missing.ipynb: no such file or folder.", stderr.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(output, "plain.html")));
        Assert.Contains("plain.html", File.ReadAllText(Path.Combine(output, "index.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_cli_has_render_and_run_pdf()
    {
        var root = Program.BuildCommand();
        Assert.Contains(root.Subcommands, c => c.Name == "render" && c.Options.Any(o => o.Name == "--pdf"));
        Assert.Contains(root.Subcommands, c => c.Name == "run" && c.Options.Any(o => o.Name == "--pdf"));
        foreach (var name in new[] { "render", "run" })
        {
            var options = root.Subcommands.Single(c => c.Name == name).Options.Select(o => o.Name).ToList();
            Assert.Contains("--code", options);
            Assert.Contains("--print-code", options);
            Assert.Contains("--single-file", options);
        }
    }

    [Fact]
    public void The_layout_flags_reach_the_handouts()
    {
        using var temp = new TempFolder();
        var softmax = Fixtures.Write(temp.Path, "softmax.ipynb", Fixtures.Softmax);
        var output = Path.Combine(temp.Path, "out");

        var exit = Program.BuildCommand().Parse(["render", softmax, "-o", output, "--code", "Open", "--print-code", "Omit", "--single-file"]).Invoke();

        Assert.Equal(0, exit);
        var html = File.ReadAllText(Path.Combine(output, "softmax.html"));
        Assert.Contains("<body class=\"print-code-omit\">", html, StringComparison.Ordinal);
        Assert.Contains("<details open><summary>", html, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(output, "assets")), "--single-file writes no shared folder");
        Assert.DoesNotContain("<script src=", html, StringComparison.Ordinal);
        // The index and licences pages carry the kit's text faces too, inline when there is no shared folder.
        foreach (var page in new[] { "index.html", "licences.html" })
        {
            var text = File.ReadAllText(Path.Combine(output, page));
            Assert.Contains("@font-face { font-family: \"Kit Serif\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<link rel=\"stylesheet\"", text, StringComparison.Ordinal);
        }
    }
}
