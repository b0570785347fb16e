using System.Diagnostics;
using System.Globalization;
using System.Text;
using SoftmaxNotebooks.Runner.IO;

namespace SoftmaxNotebooks.Runner.Handouts;

/// <summary>
/// Runs headless chromium on a local page: print to PDF, dump the rendered DOM, or take a screenshot. Each call
/// starts one browser with a fresh profile (deleted afterwards), with networking features that would reach out
/// (background networking, component updates, sync, QUIC) turned off and every host name unresolvable.
/// </summary>
internal sealed class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];

    /// <summary>Uses the chromium at <paramref name="executablePath"/>.</summary>
    /// <param name="executablePath">The chromium executable.</param>
    /// <param name="timeout">How long one browser run may take before it is killed.</param>
    public HeadlessChromium(string executablePath, TimeSpan timeout)
    {
        ArgumentException.ThrowIfNullOrEmpty(executablePath);
        ExecutablePath = executablePath;
        Timeout = timeout;
    }

    /// <summary>The chromium executable.</summary>
    public string ExecutablePath { get; }

    /// <summary>The time limit of one browser run.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>
    /// Finds chromium: <paramref name="executablePath"/> when given, else the <c>CHROMIUM</c> environment variable,
    /// else the usual install locations.
    /// </summary>
    /// <param name="executablePath">An explicit path, or null.</param>
    /// <param name="timeout">The time limit of one browser run (default two minutes).</param>
    /// <returns>The browser.</returns>
    /// <exception cref="HandoutException">No chromium executable exists; the message says how to install one.</exception>
    public static HeadlessChromium Locate(string? executablePath = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(2);
        var explicitPath = executablePath ?? Environment.GetEnvironmentVariable("CHROMIUM");
        if (!string.IsNullOrEmpty(explicitPath))
        {
            return File.Exists(explicitPath)
                ? new HeadlessChromium(explicitPath, limit)
                : throw new HandoutException($"Chromium was not found at '{explicitPath}'. PDF handouts need headless chromium: install it (Debian: apt-get install -y chromium) or point CHROMIUM at it.");
        }

        var found = Candidates.FirstOrDefault(File.Exists)
            ?? throw new HandoutException($"Chromium was not found ({string.Join(", ", Candidates)}). PDF handouts need headless chromium: install it (Debian: apt-get install -y chromium; in a clone of the kit, `bash .ci/setup`) or set CHROMIUM to its path.");
        return new HeadlessChromium(found, limit);
    }

    /// <summary>Prints a local HTML file to PDF (A4 from the page's print stylesheet, no header or footer), atomically.</summary>
    /// <param name="htmlPath">The page.</param>
    /// <param name="pdfPath">The PDF to write; replaced only when printing succeeds.</param>
    public void PrintToPdf(string htmlPath, string pdfPath) =>
        AtomicFile.WriteVia(pdfPath, temp =>
        {
            // The outline gives the PDF bookmarks from the page's headings; chromium tags the PDF either way.
            Run(htmlPath, ["--print-to-pdf=" + temp, "--no-pdf-header-footer", "--generate-pdf-document-outline"]);
            if (!File.Exists(temp) || new FileInfo(temp).Length == 0)
            {
                throw new HandoutException($"{pdfPath}: chromium wrote no PDF for {htmlPath}.");
            }
        });

    /// <summary>Loads the page, runs its scripts and returns the serialized DOM.</summary>
    /// <param name="htmlPath">The page.</param>
    /// <returns>The DOM after scripts ran.</returns>
    public string DumpDom(string htmlPath) => Run(htmlPath, ["--dump-dom"]);

    /// <summary>Takes a PNG screenshot of the top of the page.</summary>
    /// <param name="htmlPath">The page.</param>
    /// <param name="pngPath">The PNG to write.</param>
    /// <param name="width">Window width in CSS pixels.</param>
    /// <param name="height">Window height in CSS pixels.</param>
    public void Screenshot(string htmlPath, string pngPath, int width, int height) =>
        AtomicFile.WriteVia(pngPath, temp => Run(htmlPath,
        [
            "--screenshot=" + temp,
            "--window-size=" + width.ToString(CultureInfo.InvariantCulture) + "," + height.ToString(CultureInfo.InvariantCulture),
            "--hide-scrollbars",
        ]));

    private string Run(string htmlPath, IEnumerable<string> action)
    {
        var page = Path.GetFullPath(htmlPath);
        if (!File.Exists(page))
        {
            throw new HandoutException($"{htmlPath}: no such page.");
        }

        var profile = Directory.CreateTempSubdirectory("softmax-chromium-");
        try
        {
            var start = new ProcessStartInfo(ExecutablePath)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            foreach (var argument in (string[])[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--mute-audio", "--user-data-dir=" + profile.FullName,
                // Handouts are offline by construction; should a page still name a host, it fails at once
                // instead of stalling the print until the time budget runs out.
                "--host-resolver-rules=MAP * ~NOTFOUND",
                "--virtual-time-budget=10000", "--run-all-compositor-stages-before-draw"])
            {
                start.ArgumentList.Add(argument);
            }

            foreach (var argument in action)
            {
                start.ArgumentList.Add(argument);
            }

            start.ArgumentList.Add(new Uri(page).AbsoluteUri);
            using var process = Process.Start(start) ?? throw new HandoutException($"Could not start {ExecutablePath}.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new HandoutException($"{htmlPath}: chromium did not finish within {Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new HandoutException($"{htmlPath}: chromium exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)}: {LastLines(stderr.Result)}");
            }

            return stdout.Result;
        }
        finally
        {
            try
            {
                profile.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A crashed browser can leave a file open for a moment; a stale temp profile is harmless.
            }
        }
    }

    private static string LastLines(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(" | ", lines.TakeLast(3));
    }
}
