using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Window.Ui.Tests;

/// <summary>
/// One person's browser (its own cookies) that records what the pages did wrong: console errors, uncaught
/// exceptions and any request that leaves 127.0.0.1. <see cref="AssertCleanAsync"/> fails on any of them.
/// </summary>
public sealed partial class StaffBrowser : IAsyncDisposable
{
    private readonly UiHost host;
    private readonly IBrowserContext context;
    private readonly List<string> problems = [];

    private StaffBrowser(UiHost host, IBrowserContext context, IPage page)
    {
        this.host = host;
        this.context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                Record($"console error on {page.Url}: {message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => Record($"page error on {page.Url}: {error}");
        page.Request += (_, request) =>
        {
            var uri = new Uri(request.Url);
            if (uri.Scheme is "http" or "https" or "ws" or "wss" && uri.Host != "127.0.0.1")
            {
                Record($"request left 127.0.0.1: {request.Url}");
            }
        };
    }

    public IPage Page { get; }

    public static async Task<StaffBrowser> OpenAsync(UiHost host, int width = 1366, int height = 768)
    {
        ArgumentNullException.ThrowIfNull(host);
        var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
        });
        context.SetDefaultTimeout(15_000);
        return new StaffBrowser(host, context, await context.NewPageAsync());
    }

    /// <summary>Signs in through the /login page and waits for the role's start page to be interactive.</summary>
    public async Task SignInAsync(string username)
    {
        await Page.GotoAsync("/login");
        await Page.FillAsync("#username", username);
        await Page.FillAsync("#password", UiHost.Password);
        await Page.ClickAsync("button[type=submit]");
        await Page.WaitForSelectorAsync("[data-testid=who]");
        await ReadyAsync();
    }

    /// <summary>Goes to a page and waits until its circuit is connected.</summary>
    public async Task GoAsync(string path)
    {
        await Page.GotoAsync(path);
        await ReadyAsync();
    }

    /// <summary>Waits for the interactive circuit (Blazor marks the document once it started).</summary>
    public async Task ReadyAsync()
    {
        await Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Page.WaitForFunctionAsync("() => window.Blazor !== undefined && document.querySelector('[data-ready=true]') !== null");
    }

    public async Task ShotAsync(string name) =>
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(UiHost.Artifacts, name + ".png"), FullPage = true });

    /// <summary>One element, cut from a full-page shot so that the sticky header does not cover it.</summary>
    public async Task ShotOfAsync(string selector, string name)
    {
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        var box = await Page.Locator(selector).BoundingBoxAsync() ?? throw new InvalidOperationException($"{selector} is not visible.");
        await Page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(UiHost.Artifacts, name + ".png"),
            FullPage = true,
            Clip = new Clip { X = box.X, Y = box.Y, Width = box.Width, Height = box.Height },
        });
    }

    public async Task AssertCleanAsync()
    {
        await Page.WaitForTimeoutAsync(100);
        lock (problems)
        {
            Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n--- host output ---\n" + Tail(host.HostOutput));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await context.CloseAsync();
    }

    private void Record(string problem)
    {
        lock (problems)
        {
            problems.Add(problem);
        }
    }

    private static string Tail(string text) => text.Length > 4000 ? text[^4000..] : text;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    /// <summary>The visible text of a locator with whitespace collapsed.</summary>
    public static async Task<string> TextOfAsync(ILocator locator)
    {
        ArgumentNullException.ThrowIfNull(locator);
        return Spaces().Replace(await locator.InnerTextAsync(), " ").Trim();
    }
}
