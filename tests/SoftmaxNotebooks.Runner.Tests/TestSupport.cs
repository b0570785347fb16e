using System.Diagnostics;

namespace SoftmaxNotebooks.Runner.Tests;

/// <summary>A temporary folder deleted when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "test") => Path = Directory.CreateTempSubdirectory("softmax-runner-" + prefix + "-").FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

internal static class Tools
{
    /// <summary>Runs a command-line tool (pdftoppm, pdftotext, python3, …) to its end.</summary>
    public static (int ExitCode, string Output, string Errors) Execute(string tool, params string[] arguments) =>
        ExecuteWith(tool, new Dictionary<string, string>(), arguments);

    /// <summary>Runs a tool to its end with extra environment variables (chromium under a given FONTCONFIG_FILE).</summary>
    public static (int ExitCode, string Output, string Errors) ExecuteWith(string tool, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        Process? started;
        try
        {
            started = Process.Start(start);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"This test needs {tool}, which could not be started ({e.Message}): run `bash .ci/setup`, which installs the tools the tests use.", e);
        }

        using var process = started!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(1)), tool + " timed out");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>Runs a tool that must succeed and returns its standard output.</summary>
    public static string Run(string tool, params string[] arguments)
    {
        var (exitCode, output, errors) = Execute(tool, arguments);
        Assert.True(exitCode == 0, $"{tool} failed ({exitCode}): {errors}");
        return output;
    }
}
