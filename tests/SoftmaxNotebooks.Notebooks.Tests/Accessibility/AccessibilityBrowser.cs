using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SoftmaxNotebooks.Accessibility;

/// <summary>How a page is looked at: its width, its colour scheme, and whether every fold is opened.</summary>
/// <param name="Name">The state's name in reports.</param>
/// <param name="Width">The viewport width in CSS pixels.</param>
/// <param name="Dark">The browser asks for a dark colour scheme.</param>
/// <param name="Opened">Every <c>details</c> element (code cells, chart data, small multiples) is opened.</param>
public sealed record PageState(string Name, int Width, bool Dark, bool Opened)
{
    /// <summary>Code folded, 1280 px wide, light.</summary>
    public static PageState Folded { get; } = new("code folded, 1280 px", 1280, false, false);

    /// <summary>Everything opened, 1280 px wide, light.</summary>
    public static PageState Opened1280 { get; } = new("code opened, 1280 px", 1280, false, true);

    /// <summary>Everything opened in a 320 px view (a phone, or 400 % zoom of a 1280 px window).</summary>
    public static PageState Narrow { get; } = new("code opened, 320 px", 320, false, true);

    /// <summary>Everything opened, 1280 px wide, dark colour scheme.</summary>
    public static PageState DarkOpened { get; } = new("code opened, dark, 1280 px", 1280, true, true);

    /// <summary>The states every page is checked in.</summary>
    public static IReadOnlyList<PageState> All { get; } = [Folded, Opened1280, Narrow, DarkOpened];
}

/// <summary>
/// Debian's chromium driven by Playwright (never a browser Playwright downloads), with axe-core (Deque's package)
/// run on pages after their scripts, fonts, formulas and charts have settled. One browser serves many pages.
/// </summary>
public sealed class AccessibilityBrowser : IAsyncDisposable
{
    /// <summary>The chromium the tests drive.</summary>
    public const string Chromium = "/usr/bin/chromium";

    /// <summary>The axe-core tags of WCAG 2.0 and 2.1, levels A and AA.</summary>
    public static IReadOnlyList<string> WcagTags { get; } = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private AccessibilityBrowser(IPlaywright playwright, IBrowser browser) => (this.playwright, this.browser) = (playwright, browser);

    /// <summary>Starts the browser.</summary>
    /// <exception cref="InvalidOperationException">Chromium is not installed.</exception>
    public static async Task<AccessibilityBrowser> StartAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"The accessibility tests need chromium at {Chromium}: run `bash .ci/setup`, which installs it.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Handouts are offline by construction: a page that still names a host fails at once.
            Args = ["--host-resolver-rules=MAP * ~NOTFOUND", "--disable-background-networking", "--disable-component-update"],
        });
        return new AccessibilityBrowser(playwright, browser);
    }

    /// <summary>
    /// Opens a local page in <paramref name="state"/> and waits until it has settled: loaded, fonts ready, every kit
    /// chart drawn and refitted, formulas measured; then opens every fold if the state asks for it.
    /// </summary>
    /// <param name="file">The page.</param>
    /// <param name="state">Width, colour scheme and folds.</param>
    /// <returns>The page; <see cref="CloseAsync"/> closes it with its context.</returns>
    private async Task<IPage> OpenAsync(string file, PageState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = state.Width, Height = 900 },
            ColorScheme = state.Dark ? ColorScheme.Dark : ColorScheme.Light,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Path.GetFullPath(file)).AbsoluteUri, new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        await page.EvaluateAsync("() => document.fonts.ready");
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('.smx-chart')].every(e => e.querySelector('.main-svg'))",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
        // The charts' refits and the page's measurements run after the first draw (relayouts, a resize timer).
        await page.WaitForTimeoutAsync(800);
        if (state.Opened)
        {
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
            await page.WaitForTimeoutAsync(400);
        }

        return page;
    }

    /// <summary>Opens a page in <paramref name="state"/> (<see cref="OpenAsync"/>), looks at it, and closes it.</summary>
    /// <param name="file">The page.</param>
    /// <param name="state">Width, colour scheme and folds.</param>
    /// <param name="look">What to do with the settled page.</param>
    public async Task VisitAsync(string file, PageState state, Func<IPage, Task> look)
    {
        ArgumentNullException.ThrowIfNull(look);
        var page = await OpenAsync(file, state);
        try
        {
            await look(page);
        }
        finally
        {
            await CloseAsync(page);
        }
    }

    /// <summary>Closes a page opened by <see cref="OpenAsync"/> with its context.</summary>
    /// <param name="page">The page.</param>
    private static async Task CloseAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Context.CloseAsync();
    }

    /// <summary>Runs axe-core with the WCAG 2.0/2.1 A and AA rules; one line per violating node.</summary>
    /// <param name="page">A settled page.</param>
    /// <returns>"rule (impact): target: what fails", empty when the page passes.</returns>
    public static async Task<IReadOnlyList<string>> WcagViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        return [.. result.Violations.SelectMany(v => v.Nodes.Select(n =>
            $"{v.Id} ({v.Impact}): {n.Target}: {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"))];
    }

    /// <summary>How far the page scrolls sideways, in CSS pixels (0 when it fits its view).</summary>
    /// <param name="page">A settled page.</param>
    public static Task<int> SidewaysScrollAsync(IPage page) =>
        page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
    }
}
