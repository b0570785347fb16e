using SoftmaxNotebooks.Runner.Packaging;

namespace SoftmaxNotebooks.Runner.Tests;

/// <summary>NuGet caches a package by id and version, so a changed kit must get a new version, and an unchanged one the same.</summary>
public sealed class PackageVersionTests
{
    [Fact]
    public void The_source_version_changes_with_every_source_change_and_only_then()
    {
        using var workFolder = new TempFolder("version");
        var work = workFolder.Path;
        var project = Path.Combine(work, "Lib");
        Directory.CreateDirectory(Path.Combine(project, "obj"));
        File.WriteAllText(Path.Combine(project, "Lib.csproj"), "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        File.WriteAllText(Path.Combine(project, "A.cs"), "class A { }\n");
        var props = Path.Combine(work, "Directory.Packages.props");
        File.WriteAllText(props, "<Project />\n");
        string Version() => LocalPackager.SourceVersion([project, props]);

        var first = Version();
        Assert.Matches("^0\\.1\\.0-dev\\.[0-9a-f]{12}$", first);
        // Build outputs, other file types and line ends are no source change.
        File.WriteAllText(Path.Combine(project, "obj", "A.g.cs"), "class G { }\n");
        File.WriteAllText(Path.Combine(project, "notes.txt"), "notes\n");
        File.WriteAllText(Path.Combine(project, "A.cs"), "class A { }\r\n");
        Assert.Equal(first, Version());

        var versions = new List<string> { first };
        File.WriteAllText(Path.Combine(project, "A.cs"), "class A { int x; }\n");
        versions.Add(Version());
        File.WriteAllText(Path.Combine(project, "B.cs"), "class B { }\n");
        versions.Add(Version());
        File.Move(Path.Combine(project, "B.cs"), Path.Combine(project, "C.cs"));
        versions.Add(Version());
        File.WriteAllText(props, "<Project><ItemGroup /></Project>\n");
        versions.Add(Version());
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public void The_kit_version_follows_the_core_display_and_build_files_but_not_the_runner()
    {
        using var workFolder = new TempFolder("kit-version");
        var work = workFolder.Path;
        string[] files = ["src/SoftmaxNotebooks/Core.cs", "src/SoftmaxNotebooks.Display/Display.cs", "src/SoftmaxNotebooks.Display/npm/package-lock.json", "Directory.Packages.props"];
        foreach (var file in files.Append("src/SoftmaxNotebooks.Runner/Runner.cs"))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(work, file))!);
            File.WriteAllText(Path.Combine(work, file), "// 1\n");
        }

        var first = LocalPackager.KitVersion(work);
        File.WriteAllText(Path.Combine(work, "src/SoftmaxNotebooks.Runner/Runner.cs"), "// 2\n");
        Assert.Equal(first, LocalPackager.KitVersion(work));
        var versions = new List<string> { first };
        foreach (var file in files)
        {
            File.WriteAllText(Path.Combine(work, file), "// 2\n");
            versions.Add(LocalPackager.KitVersion(work));
        }

        Assert.Equal(versions.Count, versions.Distinct().Count());
    }
}
