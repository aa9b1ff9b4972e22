using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Window.Storage;
using Window.Storage.Identity;
using Window.Testing;

namespace Window.Cluster.Tests;

[Collection(PostgresCollection.Name)]
public sealed class when_an_account_changes_on_one_host(PostgresServer postgres)
{
    [Fact]
    public async Task deactivating_a_user_on_host_a_ends_its_session_on_host_b_within_seconds()
    {
        await using var cluster = await LocalCluster.StartAsync(postgres, size: 2);
        var admin = new UserRecord("cluster-admin", "系统管理员", "admin", null, "", 0, null, true);
        await new UserStore(WindowDatabase.PostgreSql(cluster.ConnectionString)).CreateAsync(
            admin with { PasswordHash = new PasswordHasher<UserRecord>().HashPassword(admin, LocalCluster.Password) }, DateTimeOffset.UtcNow);
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false });
        var (deskCookie, _) = await SignInAsync(http, cluster.BaseAddress(1), "desk");
        var (adminCookie, adminToken) = await SignInAsync(http, cluster.BaseAddress(0), "cluster-admin");
        Assert.Equal(HttpStatusCode.OK, await MeAsync(http, cluster.BaseAddress(1), deskCookie));

        using var deactivate = new HttpRequestMessage(HttpMethod.Put, new Uri(cluster.BaseAddress(0), "/api/admin/users/desk"))
        {
            Content = JsonContent.Create(new { displayName = "desk", role = "desk", active = false }),
        };
        deactivate.Headers.Add("Cookie", adminCookie);
        deactivate.Headers.Add("X-XSRF-TOKEN", adminToken);
        deactivate.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(deactivate)).StatusCode);

        var watch = Stopwatch.StartNew();
        var status = HttpStatusCode.OK;
        while (watch.Elapsed < TimeSpan.FromSeconds(15) && status == HttpStatusCode.OK)
        {
            await Task.Delay(200);
            status = await MeAsync(http, cluster.BaseAddress(1), deskCookie);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"host B still accepted the session {watch.Elapsed.TotalSeconds:F1} s after the change");
    }

    private static async Task<(string Cookie, string Token)> SignInAsync(HttpClient http, Uri host, string user)
    {
        using var response = await http.PostAsJsonAsync(new Uri(host, "/api/auth/login"), new { username = user, password = LocalCluster.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        return (cookies.Single(c => c.StartsWith("window.auth=", StringComparison.Ordinal)), cookies.Single(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal))["XSRF-TOKEN=".Length..]);
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient http, Uri host, string cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host, "/api/auth/me"));
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
