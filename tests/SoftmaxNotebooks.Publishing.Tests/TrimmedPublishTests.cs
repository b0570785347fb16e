using System.Diagnostics;
using System.Globalization;
using Xunit;
using static SoftmaxNotebooks.SoftmaxFunctions;

namespace SoftmaxNotebooks.Publishing.Tests;

/// <summary>
/// The core is marked trimmable and AOT-compatible; this publishes tests/SoftmaxNotebooks.TrimProbe (an app that
/// uses the core) with full trimming, requires a build without a single warning (warnings are errors here, and
/// the log is searched for IL warnings too), and checks that the trimmed app prints what the untrimmed core computes.
/// </summary>
public class TrimmedPublishTests
{
    [Fact]
    public void An_app_using_the_core_publishes_trimmed_without_warnings_and_computes_the_same_numbers()
    {
        string root = RepositoryRoot();
        string work = Directory.CreateTempSubdirectory("softmax-trim-").FullName;
        try
        {
            string output = Path.Combine(work, "app");
            // --artifacts-path keeps every obj/bin of this publish (the core's included) out of the repository, so
            // it neither races with nor invalidates the build that runs these tests.
            (int code, string log) = Run("dotnet", root,
                "publish", Path.Combine(root, "tests", "SoftmaxNotebooks.TrimProbe"), "-c", "Release", "-r", "linux-x64",
                "--self-contained", "-p:PublishTrimmed=true", "--artifacts-path", Path.Combine(work, "artifacts"),
                "-o", output, "-nologo", "-clp:NoSummary");
            Assert.True(code == 0, "dotnet publish failed:\n" + log);
            Assert.DoesNotContain("warning", log, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("Optimizing assemblies for size", log, StringComparison.Ordinal);

            (int exit, string printed) = Run(Path.Combine(output, "SoftmaxNotebooks.TrimProbe"), output);
            Assert.Equal(0, exit);
            Assert.Equal(Expected(), printed.Trim().Split('\n'));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The probe's lines, computed here by the untrimmed core (tests/SoftmaxNotebooks.TrimProbe/Program.cs).</summary>
    private static string[] Expected()
    {
        double[] z = [1.0, 2.0, 3.0, double.NegativeInfinity];
        double[] large = new double[300_000];
        for (int i = 0; i < large.Length; i++)
        {
            large[i] = Math.Sin(i) * 30;
        }

        var gibbs = GibbsState.FromBeta([0.0, 1.0, 2.0], 0.5, [1.0, 3.0, 5.0]);
        var maxEnt = MaxEntropy.Solve([1.0, 2.0, 3.0, 4.0, 5.0, 6.0], meanEnergy: 4.5);
        return
        [
            Line($"lse {LogSumExp([0.0, -40.0]):R}"),
            Line($"softmax {string.Join(' ', Softmax(z).Select(v => v.ToString("R", CultureInfo.InvariantCulture)))}"),
            Line($"weighted {WeightedLogSumExp(z, [1.0, 2.0, 3.0, 4.0]):R}"),
            Line($"logsoftmax {LogSoftmax([0.0, -800.0])[1]:R}"),
            Line($"large {LogSumExp(large):R}"),
            Line($"parallel {LogSumExp(large):R}"),
            Line($"float {LogSumExp([1f, 2f, 3f]):R}"),
            Line($"crossentropy {CrossEntropyWithLogits(1, [0.5, 2.0, -1.0]):R}"),
            Line($"gibbs {gibbs.LogZ:R} {gibbs.MeanEnergy:R}"),
            Line($"maxent {maxEnt.Beta:R}"),
            "claim True",
        ];
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static (int ExitCode, string Output) Run(string file, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's MSBuild variables would point a nested dotnet at the wrong SDK pieces.
        start.Environment.Remove("MSBuildExtensionsPath");
        start.Environment.Remove("MSBUILD_EXE_PATH");
        start.Environment.Remove("MSBuildSDKsPath");
        using var process = Process.Start(start)!;
        Task<string> error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within 8 minutes.");
        }

        return (process.ExitCode, output + error.Result);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SoftmaxNotebooks.sln")))
            {
                return folder.FullName;
            }
        }

        throw new DirectoryNotFoundException("SoftmaxNotebooks.sln not found above " + AppContext.BaseDirectory);
    }
}
