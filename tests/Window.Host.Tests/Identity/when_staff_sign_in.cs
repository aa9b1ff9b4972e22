using System.Net;
using System.Net.Http.Json;
using Window.Host.Api;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Identity;

public sealed class when_staff_sign_in(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task every_demo_user_signs_in_with_the_documented_password_and_sees_their_role()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        var expected = new Dictionary<string, (string Role, string? Department)>
        {
            ["desk"] = ("desk", null), ["officer"] = ("officer", null), ["supervisor"] = ("supervisor", null), ["admin"] = ("admin", null),
            ["talent-office"] = ("department", "talent-office"), ["housing"] = ("department", "housing"), ["health"] = ("department", "health"),
            ["education"] = ("department", "education"), ["hrss"] = ("department", "hrss"), ["public-security"] = ("department", "public-security"),
            ["finance"] = ("department", "finance"), ["science-tech"] = ("department", "science-tech"),
        };

        foreach (var (user, (role, department)) in expected)
        {
            using var client = await app.SignInAsync(user);
            var me = await client.GetJsonAsync<Window.Host.Identity.MeDto>("/api/auth/me");
            Assert.Equal((user, role, department), (me.Username, me.Role, me.Department));
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task five_wrong_passwords_lock_the_account_for_a_quarter_of_an_hour(DatabaseProvider provider)
    {
        await using var app = await WindowApp.StartAsync(provider, postgres, folder, headerSignIn: false);
        using var client = app.CookieClient();

        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var wrong = await client.PostAsync(new Uri("/api/auth/login", UriKind.Relative), JsonContent.Create(new { username = "desk", password = "guess" + attempt }));
            Assert.Equal("invalid_credentials", (await wrong.ProblemAsync(401)).GetProperty("code").GetString());
        }

        var locked = await client.PostAsync(new Uri("/api/auth/login", UriKind.Relative), JsonContent.Create(new { username = "desk", password = "window-demo" }));
        Assert.Equal("locked_out", (await locked.ProblemAsync(423)).GetProperty("code").GetString());

        app.Clock.Advance(TimeSpan.FromMinutes(16));
        using var after = await app.SignInAsync("desk");
        Assert.Equal(HttpStatusCode.OK, (await after.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).StatusCode);
        Assert.Contains(app.Logs.Lines, line => line.Contains("Sign-in failed for desk: locked out", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_change_with_the_sign_in_cookie_but_without_the_anti_forgery_header_is_refused()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        using var desk = await app.SignInAsync("desk");
        var materials = (await desk.ChecklistAsync("medical-checkup")).Where(m => m.Required).Select(m => m.Id).ToArray();
        var body = new { talent = Window.Host.Tests.Cases.Api.Talent(), items = new[] { "medical-checkup" }, materials, deferred = Array.Empty<object>() };

        desk.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        var forged = await desk.CommandAsync("/api/cases", body);
        desk.DefaultRequestHeaders.Add("X-XSRF-TOKEN", "0000");
        var wrong = await desk.CommandAsync("/api/cases", body);

        Assert.Equal("antiforgery_failed", (await forged.ProblemAsync(403)).GetProperty("code").GetString());
        await wrong.ProblemAsync(403);
        using var honest = await app.SignInAsync("desk");
        Assert.Equal(HttpStatusCode.Created, (await honest.CommandAsync("/api/cases", body)).StatusCode);
        Assert.Equal(1, (await honest.GetJsonAsync<PageDto<CaseSummaryDto>>("/api/cases")).Total);
    }

    [Fact]
    public async Task signing_out_ends_the_session()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        using var desk = await app.SignInAsync("desk");

        var logout = await desk.PostAsync(new Uri("/api/auth/logout", UriKind.Relative), null);
        var me = await desk.GetAsync(new Uri("/api/auth/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        await me.ProblemAsync(401);
    }

    [Fact]
    public async Task an_anonymous_api_request_is_a_401_problem_not_a_redirect()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);

        var response = await app.CookieClient().GetAsync(new Uri("/api/cases", UriKind.Relative));

        Assert.Equal("unauthenticated", (await response.ProblemAsync(401)).GetProperty("code").GetString());
        Assert.Contains(app.Logs.Lines, line => line.Contains("Denied 401: anonymous", StringComparison.Ordinal));
    }
}
