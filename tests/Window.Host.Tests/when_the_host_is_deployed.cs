using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests;

/// <summary>The deployment probes of issue 16 (items 5 and 6): headers, hosts, cookies, documents, keys and files.</summary>
public sealed class when_the_host_is_deployed(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task every_answer_carries_a_script_tight_csp_nosniff_and_no_referrer_and_case_answers_are_not_stored()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();
        var opened = await desk.OpenAsync("medical-checkup");

        foreach (var path in new[] { "/login", $"/api/cases/{opened.Id}", "/api/cases", "/api/catalog" })
        {
            using var response = await (path == "/login" ? app.Anonymous() : desk).GetAsync(new Uri(path, UriKind.Relative));
            var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
            Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp, StringComparison.Ordinal);
            Assert.Contains("frame-ancestors 'self'", csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.False(response.Headers.Contains("Server"));
            if (path != "/api/catalog")
            {
                Assert.True(response.Headers.CacheControl?.NoStore, $"{path} may be stored");
            }
        }
    }

    [Fact]
    public async Task over_https_cookies_are_secure_and_hsts_is_sent()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        using var client = app.CookieClient();

        using var login = await client.PostAsync(new Uri("https://localhost/api/auth/login"), JsonContent.Create(new { username = "desk", password = "window-demo" }));
        using var culture = await client.GetAsync(new Uri("https://localhost/ui/culture/en?returnUrl=/"));

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var cookies = login.Headers.GetValues("Set-Cookie").Concat(culture.Headers.GetValues("Set-Cookie")).ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("max-age=", login.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_foreign_host_header_is_refused_and_never_reflected()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        using var client = app.CookieClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/cases");
        request.Headers.Host = "evil.example";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("evil.example", response.Headers.Location?.ToString() ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task the_openapi_document_is_for_signed_in_staff_only()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var anonymous = app.Anonymous();
        using var desk = app.Desk();

        using var hidden = await anonymous.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var shown = await desk.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.OK, hidden.StatusCode);
        Assert.DoesNotContain("/api/admin", await hidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
    }

    [Theory]
    [InlineData("%2F%09%2Fevil.example")]
    [InlineData("%2F%0D%0ASet-Cookie:x")]
    [InlineData("%2F%2Fevil.example")]
    [InlineData("%2F%5Cevil.example")]
    [InlineData("https%3A%2F%2Fevil.example")]
    public async Task the_culture_switch_sends_a_foreign_return_url_home(string returnUrl)
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var client = app.CookieClient();

        using var response = await client.GetAsync(new Uri($"/ui/culture/en?returnUrl={returnUrl}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task the_key_ring_is_stored_encrypted_and_keys_stored_in_clear_before_still_read()
    {
        string cookie;

        // An earlier version stored its keys without encryption: a cookie it issued must survive the upgrade.
        await using (var before = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false,
            configureServices: services => services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = null)))
        {
            using var client = before.CookieClient();
            using var login = await client.PostAsync(new Uri("/api/auth/login", UriKind.Relative), JsonContent.Create(new { username = "desk", password = "window-demo" }));
            cookie = login.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("window.auth=", StringComparison.Ordinal));
            Assert.Equal(1, await before.SqlAsync("SELECT COUNT(*) FROM window_dataprotection_keys WHERE xml LIKE '%<masterKey%'"));
        }

        await using var after = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        using var again = after.Anonymous();
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        me.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await again.SendAsync(me)).StatusCode);

        // A new key (the next rotation, or a fresh database) is encrypted with the key derived from the master key.
        using var fresh = new TempDirectory();
        await using var encrypted = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, fresh, headerSignIn: false);
        using var signIn = await encrypted.CookieClient().PostAsync(new Uri("/api/auth/login", UriKind.Relative), JsonContent.Create(new { username = "desk", password = "window-demo" }));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.True(await encrypted.SqlAsync("SELECT COUNT(*) FROM window_dataprotection_keys") > 0);
        Assert.Equal(0, await encrypted.SqlAsync("SELECT COUNT(*) FROM window_dataprotection_keys WHERE xml LIKE '%<masterKey%' OR xml NOT LIKE '%windowEncryptedKey%'"));
    }

    [Fact]
    public async Task the_database_and_key_files_are_readable_by_their_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using (var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder))
        {
            await app.Desk().OpenAsync("medical-checkup");
            foreach (var file in Directory.GetFiles(folder.Path, "window.db*").Append(Path.Combine(folder.Path, "keys", "master.key")))
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
            }
        }
    }

    [Fact]
    public async Task a_database_created_world_readable_before_is_tightened_at_start()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using (await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder))
        {
        }

        var database = Path.Combine(folder.Path, "window.db");
        File.SetUnixFileMode(database, (UnixFileMode)0b110_100_100);
        await using var restarted = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(database));
    }

    [Fact]
    public async Task a_problem_is_json_with_the_field_even_for_an_unsupported_content_type()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder);
        using var desk = app.Desk();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/cases") { Content = new StringContent("talent=x") };
        request.Headers.Add(IdempotencyGate.Header, "k1");

        var problem = await (await desk.SendAsync(request)).ProblemAsync(415);

        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(JsonValueKind.String, problem.GetProperty("field").ValueKind);
    }
}
