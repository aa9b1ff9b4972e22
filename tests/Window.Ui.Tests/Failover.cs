using System.Net.Http.Json;
using System.Text.Json;
using Npgsql;
using Window.Testing;

namespace Window.Ui.Tests;

/// <summary>
/// The host on its own PostgreSQL server, which the test crashes under an open page. Its sessions commit durably: the
/// tests' server acknowledges commits before their WAL is flushed, and a crash would lose what the page was told.
/// </summary>
public sealed class PostgresUiHost : UiHost, IAsyncLifetime
{
    private string connectionString = "";

    public PostgresServer Postgres { get; } = new();

    public new async Task InitializeAsync()
    {
        await Postgres.InitializeAsync();
        connectionString = new NpgsqlConnectionStringBuilder(await Postgres.CreateDatabaseAsync()) { Options = "-c synchronous_commit=on" }.ConnectionString;
        await base.InitializeAsync();
    }

    public new async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Postgres.DisposeAsync();
    }

    protected override Dictionary<string, string> Environment(string dataDir)
    {
        var environment = base.Environment(dataDir);
        environment["Window__Database__Provider"] = "PostgreSql";
        environment["Window__Database__ConnectionString"] = connectionString;
        return environment;
    }

    /// <summary>A signed-in API client (cookie, anti-forgery header), for setting up and checking what the pages did.</summary>
    public async Task<HttpClient> ApiAsync(string user)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), UseCookies = true }) { BaseAddress = BaseAddress };
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { username = user, password = Password });
        login.EnsureSuccessStatusCode();
        var token = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal))["XSRF-TOKEN=".Length..];
        client.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token);
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresUiCollection : ICollectionFixture<PostgresUiHost>
{
    public const string Name = "ui-postgres";
}

[Collection(PostgresUiCollection.Name)]
public sealed class when_the_database_goes_away_under_a_page(PostgresUiHost host)
{
    private const string Step = "medical-checkup.checkup-arrangement";

    [Fact]
    public async Task a_decision_rides_through_a_short_outage_says_busy_through_a_long_one_and_the_same_click_applies_once()
    {
        using var desk = await host.ApiAsync("desk");
        var longOutage = await OpenCheckupAsync(desk, "33010619870303101");
        var shortOutage = await OpenCheckupAsync(desk, "33010619870303102");
        await using var health = await StaffBrowser.OpenAsync(host, 1440, 900);
        await health.SignInAsync("health");
        var page = health.Page;

        // The database stays away longer than the page retries (6 s): the dialog says so, and keeps the decision.
        await health.GoAsync($"/cases/{longOutage}/steps/{Step}");
        await page.ClickAsync("[data-testid=approve]");
        await page.WaitForSelectorAsync("[data-testid=dialog]");
        await host.Postgres.CrashAsync();
        try
        {
            await page.ClickAsync("[data-testid=confirm]");
            await page.WaitForSelectorAsync("[data-testid=dialog-error]", new() { Timeout = 20_000 });
            Assert.Equal("系统繁忙，请稍后重试。", (await page.InnerTextAsync("[data-testid=dialog-error]")).Trim());
            await health.ShotAsync("30-step-busy");

            // A page opened meanwhile (another tab, on a phone) says the same, answered 503, and reloads itself after Retry-After.
            var tab = await page.Context.NewPageAsync();
            await tab.SetViewportSizeAsync(390, 844);
            var opened = await tab.GotoAsync("/queue");
            Assert.Equal(503, opened!.Status);
            Assert.Contains("系统繁忙，请稍后重试", await tab.InnerTextAsync("[data-testid=busy-page]"));
            await tab.ScreenshotAsync(new() { Path = Path.Combine(UiHost.Artifacts, "32-page-busy-phone.png"), FullPage = true });
            await tab.SetViewportSizeAsync(1440, 900);
            await tab.ScreenshotAsync(new() { Path = Path.Combine(UiHost.Artifacts, "33-page-busy.png"), FullPage = true });
            await tab.CloseAsync();
        }
        finally
        {
            await host.Postgres.RestartAsync();
        }

        // The same click once it is back: the same idempotency key, applied once.
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=done]", new() { Timeout = 20_000 });

        // A short outage (1.5 s) is ridden through: the page retries by itself and the person sees only a slower answer.
        await health.GoAsync($"/cases/{shortOutage}/steps/{Step}");
        await page.ClickAsync("[data-testid=approve]");
        await page.WaitForSelectorAsync("[data-testid=dialog]");
        await host.Postgres.CrashAsync();
        var restart = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            await host.Postgres.RestartAsync();
        });
        await page.ClickAsync("[data-testid=confirm]");
        await page.WaitForSelectorAsync("[data-testid=done]", new() { Timeout = 20_000 });
        await restart;
        Assert.Equal(0, await page.Locator("[data-testid=dialog-error]").CountAsync());
        await health.ShotAsync("31-step-rode-through");

        using var officer = await host.ApiAsync("officer");
        foreach (var id in new[] { longOutage, shortOutage })
        {
            var timeline = await officer.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/timeline");
            Assert.Single(timeline.EnumerateArray(), entry => entry.GetProperty("kind").GetString() == "step-completed");
        }

        await health.AssertCleanAsync();
    }

    private static async Task<string> OpenCheckupAsync(HttpClient desk, string first17)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases")
        {
            Content = JsonContent.Create(new
            {
                talent = new { name = "赵六", idNumber = Talents.IdNumber(first17), phone = "13600136000", tier = "C" },
                items = new[] { "medical-checkup" },
                materials = new[] { "identity-card", "health-questionnaire" },
                deferred = Array.Empty<object>(),
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await desk.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;
    }
}
