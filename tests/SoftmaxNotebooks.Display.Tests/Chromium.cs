using System.Diagnostics;

namespace SoftmaxNotebooks.Display.Tests;

/// <summary>Headless Debian chromium with networking features off and a fresh profile per run.</summary>
internal static class Chromium
{
    public const string Executable = "/usr/bin/chromium";

    public static string DumpDom(string htmlFile) => Run(htmlFile, "--dump-dom");

    public static void Screenshot(string htmlFile, string pngFile, int width = 900, int height = 600) =>
        Run(htmlFile, $"--screenshot={pngFile}", $"--window-size={width},{height}", "--hide-scrollbars");

    private static string Run(string htmlFile, params string[] extra)
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException($"These tests need chromium at {Executable}, which is missing: run `bash .ci/setup`, which installs it.");
        }

        var profile = Directory.CreateTempSubdirectory("smx-chromium-");
        try
        {
            var start = new ProcessStartInfo(Executable)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
                     {
                         "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                         "--disable-background-networking", "--disable-component-update", "--disable-sync",
                         "--disable-dev-shm-usage", $"--user-data-dir={profile.FullName}", "--virtual-time-budget=5000",
                     }.Concat(extra))
            {
                start.ArgumentList.Add(arg);
            }

            start.ArgumentList.Add(new Uri(htmlFile).AbsoluteUri);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("chromium did not start");
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(TimeSpan.FromSeconds(90)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("chromium did not finish within 90 s");
            }

            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"chromium exited with {process.ExitCode}: {stderr.Result}");
            }

            return stdout;
        }
        finally
        {
            profile.Delete(recursive: true);
        }
    }
}
