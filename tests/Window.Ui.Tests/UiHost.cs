using Microsoft.Playwright;
using Window.Testing;

namespace Window.Ui.Tests;

/// <summary>
/// One real host process (embedded profile, its own data folder, demo users) and one headless Chromium for every
/// UI test; each test opens its own browser contexts.
/// </summary>
public class UiHost : IAsyncLifetime, IDisposable
{
    public const string Password = "window-demo";

    private readonly TempDirectory data = new();
    private HostProcess? host;
    private IPlaywright? playwright;

    public Uri BaseAddress => host!.BaseAddress;

    public IBrowser Browser { get; private set; } = default!;

    public string HostOutput => host?.Output ?? "";

    /// <summary>Where screenshots go: tests/artifacts/ui at the repository root.</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(RepositoryPaths.Root, "tests", "artifacts", "ui")).FullName;

    public async Task InitializeAsync()
    {
        host = HostProcess.Start(Environment(data.Path));
        await host.WaitUntilReadyAsync(TimeSpan.FromSeconds(90));
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>The host's environment: its own data folder (a derived fixture adds settings).</summary>
    // The browser tests run at whatever hour CI runs them: no SMS quiet hours, so a talent's messages go out (and the
    // delivery log shows the masked phone) at 21:00 office time as at noon. Quiet hours are tested on a fake clock.
    protected virtual Dictionary<string, string> Environment(string dataDir) => new()
    {
        ["Window__DataDir"] = dataDir,
        ["Window__Notifications__QuietHours"] = "none",

        // Every journey of the collection signs in from one address to one host (some several people at once): more than
        // an office's morning per minute. The per-user and per-source failure limits stay as configured.
        ["Window__RateLimits__Login__PerClient"] = "1000",
    };

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        playwright?.Dispose();
        if (host is not null)
        {
            await host.DisposeAsync();
        }

        Dispose();
    }

    public void Dispose()
    {
        data.Dispose();
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name)]
public sealed class UiCollection : ICollectionFixture<UiHost>
{
    public const string Name = "ui";
}
