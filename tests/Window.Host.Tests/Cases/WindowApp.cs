using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Privacy;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Cases;

/// <summary>
/// The whole host in-process on SQLite or PostgreSQL, with a fake clock (Monday 2026-11-23 09:00 in Beijing)
/// and header-based test sign-in; restartable on the same data.
/// </summary>
public sealed class WindowApp : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<string, string> settings;
    private Factory factory;

    private readonly bool headerSignIn;

    private readonly Action<IServiceCollection>? configureServices;

    private WindowApp(Dictionary<string, string> settings, bool headerSignIn, Action<IServiceCollection>? configureServices)
    {
        this.settings = settings;
        this.headerSignIn = headerSignIn;
        this.configureServices = configureServices;
        factory = new Factory(settings, Clock, Logs, headerSignIn, configureServices);
    }

    /// <summary>Every log line the host wrote, for tests that look for what must never be logged.</summary>
    public CapturedLogs Logs { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public IGrainFactory Grains => factory.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The host's services, for tests that reach behind the API (storage, silo).</summary>
    public IServiceProvider Services => factory.Services;

    /// <summary>Runs SQL on the host's database (tests that damage or inspect it); returns the first value a statement returns, as a number (0 when none does).</summary>
    public async Task<long> SqlAsync(string sql)
    {
        await using var connection = await Services.GetRequiredService<WindowDatabase>().OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Starts the host. With <paramref name="headerSignIn"/> requests sign in by the test header; without it
    /// only the real cookie sign-in works (see <see cref="SignInAsync"/>).
    /// </summary>
    public static async Task<WindowApp> StartAsync(
        DatabaseProvider provider, PostgresServer postgres, TempDirectory folder, bool headerSignIn = true, Action<IServiceCollection>? configureServices = null,
        IReadOnlyDictionary<string, string>? configuration = null)
    {
        var settings = new Dictionary<string, string>(configuration ?? new Dictionary<string, string>()) { ["Window:DataDir"] = folder.Path };
        if (provider == DatabaseProvider.PostgreSql)
        {
            settings["Window:Database:Provider"] = "PostgreSql";
            settings["Window:Database:ConnectionString"] = await postgres.CreateDatabaseAsync();
        }

        var app = new WindowApp(settings, headerSignIn, configureServices);
        app.factory.CreateClient().Dispose();
        return app;
    }

    /// <summary>Stops the host and starts a new one on the same data (the clock keeps its time).</summary>
    public async Task RestartAsync()
    {
        await factory.DisposeAsync();
        factory = new Factory(settings, Clock, Logs, headerSignIn, configureServices);
        factory.CreateClient().Dispose();
    }

    /// <summary>A client signed in through <c>POST /api/auth/login</c>, sending the anti-forgery header as a browser page would.</summary>
    public async Task<HttpClient> SignInAsync(string user, string password = "window-demo")
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        var response = await client.PostAsync(new Uri("/api/auth/login", UriKind.Relative), JsonContent.Create(new { username = user, password }));
        await response.ReadAsync<JsonElement>();
        var token = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal))["XSRF-TOKEN=".Length..];
        client.DefaultRequestHeaders.Add("X-XSRF-TOKEN", token);
        return client;
    }

    /// <summary>A client with cookie handling and no sign-in.</summary>
    public HttpClient CookieClient() => factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    /// <summary>A client signed in as <paramref name="user"/> with a role and, for department staff, a department.</summary>
    public HttpClient As(string user, string role, string? department = null)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(TestAuthentication.Header, $"{user}|{role}|{department}");
        return client;
    }

    public HttpClient Desk() => As("desk", Roles.FrontDesk);

    public HttpClient Officer() => As("officer", Roles.Officer);

    public HttpClient Department(string department) => As(department, Roles.Department, department);

    public HttpClient Anonymous() => factory.CreateClient();

    public ValueTask DisposeAsync() => factory.DisposeAsync();

    private sealed class Factory(
        Dictionary<string, string> settings, FakeTimeProvider clock, CapturedLogs logs, bool headerSignIn, Action<IServiceCollection>? configureServices)
        : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton<TimeProvider>(clock);

                // Window's clock is the fake one; Orleans' own loops (membership, probes, directory, messaging) stay on
                // real time: a membership table that saw the clock jump days ahead declared the only silo dead and
                // killed the test process.
                services.AddKeyedSingleton<TimeProvider>(KeyedService.AnyKey, (_, _) => TimeProvider.System);
                services.AddKeyedSingleton<TimeProvider>(TimeProviderNames.Grains, (provider, _) => provider.GetRequiredService<TimeProvider>());
                if (headerSignIn)
                {
                    services.AddAuthentication(TestAuthentication.Name)
                        .AddScheme<AuthenticationSchemeOptions, TestAuthentication>(TestAuthentication.Name, _ => { });
                }

                configureServices?.Invoke(services);
            });
        }
    }
}

/// <summary>Requests and assertions the case tests share.</summary>
public static class Api
{
    private static int people;

    /// <summary>A valid resident ID number nobody else in the test run has.</summary>
    public static string NewIdNumber()
    {
        // Unique across the whole run (test classes run in parallel and draw from the one counter): a thousand
        // sequence numbers per birth date, dates from 1970 on. It was the counter modulo 1,000, which a test that
        // took numbers 1,000 draws apart met again as a talent with an open case.
        var serial = Interlocked.Increment(ref people);
        var birth = new DateOnly(1970, 1, 1).AddDays(serial / 1000);
        var first17 = $"330106{birth:yyyyMMdd}{serial % 1000:D3}";
        return first17 + IdNumbers.CheckCharacter(first17);
    }

    public static object Talent(string? idNumber = null, string tier = "C") =>
        new { name = "张三丰", idNumber = idNumber ?? NewIdNumber(), phone = "13812345678", tier };

    public static async Task<HttpResponseMessage> CommandAsync(this HttpClient client, string path, object? body, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Add(IdempotencyGate.Header, key ?? Guid.NewGuid().ToString());
        return await client.SendAsync(request);
    }

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {response.RequestMessage?.RequestUri}: {text}");
        return JsonSerializer.Deserialize<T>(text, WindowApp.Json)!;
    }

    public static async Task<T> GetJsonAsync<T>(this HttpClient client, string path) => await (await client.GetAsync(new Uri(path, UriKind.Relative))).ReadAsync<T>();

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement;
    }

    /// <summary>Every required material of the items or bundle, from the catalogue.</summary>
    public static async Task<List<CatalogMaterialDto>> ChecklistAsync(this HttpClient client, string itemOrBundle)
    {
        var catalog = await client.GetJsonAsync<CatalogDto>("/api/catalog");
        return catalog.Bundles.FirstOrDefault(b => b.Id == itemOrBundle)?.Materials.ToList()
            ?? [.. catalog.Items.First(i => i.Id == itemOrBundle).Materials];
    }

    /// <summary>Opens a case with every required material.</summary>
    public static async Task<CaseDto> OpenAsync(this HttpClient desk, string itemOrBundle, string? idNumber = null, string tier = "C")
    {
        var materials = (await desk.ChecklistAsync(itemOrBundle)).Where(m => m.Required).Select(m => m.Id).ToList();
        var response = await desk.CommandAsync("/api/cases", new { talent = Talent(idNumber, tier), items = new[] { itemOrBundle }, materials, deferred = Array.Empty<object>() });
        return await response.ReadAsync<CaseDto>();
    }
}
