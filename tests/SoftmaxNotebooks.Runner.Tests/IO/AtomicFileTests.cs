using SoftmaxNotebooks.Runner.IO;
using Xunit;

namespace SoftmaxNotebooks.Runner.Tests.IO;

public sealed class AtomicFileTests
{
    [Fact]
    public void A_writer_that_throws_leaves_the_old_file_and_no_temporary_file()
    {
        using var temp = new TempFolder();
        var path = temp.File("handout.html");
        AtomicFile.WriteAllText(path, "good");

        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a page"u8);
            throw new InvalidOperationException("render failed");
        }));

        Assert.Equal("good", File.ReadAllText(path));
        Assert.Equal(["handout.html"], Directory.GetFiles(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_producer_that_writes_nothing_fails_and_keeps_the_old_file()
    {
        using var temp = new TempFolder();
        var path = temp.File("out.pdf");
        AtomicFile.WriteAllText(path, "old pdf");

        Assert.Throws<IOException>(() => AtomicFile.WriteVia(path, _ => { }));

        Assert.Equal("old pdf", File.ReadAllText(path));
    }

    [Fact]
    public void Replaces_the_file_when_writing_succeeds_utf8_without_bom()
    {
        using var temp = new TempFolder();
        var path = temp.File("sub/page.html");
        AtomicFile.WriteAllText(path, "one");
        AtomicFile.WriteAllText(path, "σ two");

        Assert.Equal("σ two"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void An_atomic_write_that_fails_leaves_the_previous_file_and_no_temporary_file()
    {
        using var temp = new TempFolder("atomic");
        var folder = temp.Path;
        var target = Path.Combine(folder, "out.ipynb");
        File.WriteAllText(target, "previous");
        // A lone surrogate cannot be encoded by a throwing UTF-8 encoder; the default one replaces it, so use a target that is a directory instead.
        Directory.CreateDirectory(Path.Combine(folder, "dir.ipynb"));
        Assert.ThrowsAny<IOException>(() => AtomicFile.WriteAllText(Path.Combine(folder, "dir.ipynb"), "new"));
        Assert.Equal("previous", File.ReadAllText(target));
        Assert.Empty(Directory.EnumerateFiles(folder, "*.tmp"));
    }
}
