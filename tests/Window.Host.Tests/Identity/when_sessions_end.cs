using System.Net;
using Window.Host.Tests.Cases;
using Window.Storage;
using Window.Testing;

namespace Window.Host.Tests.Identity;

/// <summary>Probes of issue 16: a sign-in must not outlive the account, its role, its password or its sign-out.</summary>
public sealed class when_sessions_end(SharedPostgres postgres) : IClassFixture<SharedPostgres>, IDisposable
{
    private readonly TempDirectory folder = new();

    public void Dispose() => folder.Dispose();

    private static object Desk(bool active = true, string? password = null) =>
        new { displayName = "窗口受理员 王敏", role = "desk", active, password };

    [Fact]
    public async Task a_deactivated_users_cookie_is_refused_at_once()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        using var desk = await app.SignInAsync("desk");
        using var admin = await app.SignInAsync("admin");
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync(new Uri("/api/cases", UriKind.Relative))).StatusCode);

        (await admin.UpdateUserAsync("desk", Desk(active: false))).EnsureSuccessStatusCode();

        await (await desk.GetAsync(new Uri("/api/cases", UriKind.Relative))).ProblemAsync(401);
        await (await desk.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).ProblemAsync(401);
        Assert.Contains(app.Logs.Lines, line => line.Contains("Session ended: desk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_desk_user_demoted_to_department_staff_can_no_longer_open_cases()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        using var desk = await app.SignInAsync("desk");
        using var admin = await app.SignInAsync("admin");
        var materials = (await desk.ChecklistAsync("medical-checkup")).Where(m => m.Required).Select(m => m.Id).ToArray();
        var body = new { talent = Window.Host.Tests.Cases.Api.Talent(), items = new[] { "medical-checkup" }, materials, deferred = Array.Empty<object>() };

        (await admin.UpdateUserAsync("desk", new { displayName = "住建局经办人", role = "department", department = "housing" })).EnsureSuccessStatusCode();
        var opened = await desk.CommandAsync("/api/cases", body);

        await opened.ProblemAsync(401);
        using var again = await app.SignInAsync("desk");
        await (await again.CommandAsync("/api/cases", body)).ProblemAsync(403);
    }

    [Fact]
    public async Task a_new_password_ends_the_sessions_that_began_with_the_old_one()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        using var desk = await app.SignInAsync("desk");
        using var admin = await app.SignInAsync("admin");

        (await admin.UpdateUserAsync("desk", Desk(password: "a-brand-new-password"))).EnsureSuccessStatusCode();

        await (await desk.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).ProblemAsync(401);
        using var renewed = await app.SignInAsync("desk", "a-brand-new-password");
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task a_profile_edit_that_changes_nothing_of_the_access_keeps_the_session()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        using var desk = await app.SignInAsync("desk");
        using var admin = await app.SignInAsync("admin");

        (await admin.UpdateUserAsync("desk", new { displayName = "窗口受理员 王敏敏", role = "desk" })).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task signing_out_everywhere_ends_the_sessions_in_every_browser()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        using var laptop = await app.SignInAsync("desk");
        using var phone = await app.SignInAsync("desk");
        using var colleague = await app.SignInAsync("officer");

        var everywhere = await laptop.PostAsync(new Uri("/api/auth/sign-out-everywhere", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NoContent, everywhere.StatusCode);
        await (await phone.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).ProblemAsync(401);
        await (await laptop.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).ProblemAsync(401);
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).StatusCode);
        using var back = await app.SignInAsync("desk");
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task an_administrator_signs_a_user_out_everywhere_and_nobody_else_may()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        using var desk = await app.SignInAsync("desk");
        using var admin = await app.SignInAsync("admin");
        using var supervisor = await app.SignInAsync("supervisor");

        var refused = await supervisor.CommandAsync("/api/admin/users/desk/sign-out", null);
        Assert.Equal(HttpStatusCode.OK, (await desk.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).StatusCode);
        var revoked = await admin.CommandAsync("/api/admin/users/desk/sign-out", null);
        var unknown = await admin.CommandAsync("/api/admin/users/nobody/sign-out", null);

        await refused.ProblemAsync(403);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await unknown.ProblemAsync(404);
        await (await desk.GetAsync(new Uri("/api/auth/me", UriKind.Relative))).ProblemAsync(401);
        Assert.Contains(app.Logs.Lines, line => line.Contains("Every session of desk ended by admin", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_copy_of_the_cookie_is_worthless_after_sign_out()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        var (cookie, token) = await app.SignInCookieAsync("desk");
        Assert.Equal(HttpStatusCode.OK, await app.MeWithCookieAsync(cookie));

        using var browser = app.Anonymous();
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("Cookie", cookie);
        logout.Headers.Add("X-XSRF-TOKEN", token);
        Assert.Equal(HttpStatusCode.NoContent, (await browser.SendAsync(logout)).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, await app.MeWithCookieAsync(cookie));
    }

    [Fact]
    public async Task a_busy_session_still_ends_at_its_absolute_lifetime()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false);
        using var desk = await app.SignInAsync("desk");

        app.Clock.Advance(TimeSpan.FromHours(6));
        var midday = await desk.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        app.Clock.Advance(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1));
        var evening = await desk.GetAsync(new Uri("/api/auth/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, midday.StatusCode);
        await evening.ProblemAsync(401);
    }

    [Fact]
    public async Task the_absolute_lifetime_is_configuration()
    {
        await using var app = await WindowApp.StartAsync(DatabaseProvider.Sqlite, postgres, folder, headerSignIn: false,
            configuration: new Dictionary<string, string> { ["Window:Sessions:AbsoluteLifetime"] = "01:00:00" });
        using var desk = await app.SignInAsync("desk");

        app.Clock.Advance(TimeSpan.FromMinutes(59));
        var before = await desk.GetAsync(new Uri("/api/auth/me", UriKind.Relative));
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var after = await desk.GetAsync(new Uri("/api/auth/me", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await after.ProblemAsync(401);
    }
}
