using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Window.Host.Tests.Cases;

namespace Window.Host.Tests.Identity;

/// <summary>Sign-in requests the session and rate-limit tests share.</summary>
public static class SignInRequests
{
    /// <summary>The header that stands for the client's address (the test server has none).</summary>
    public const string ClientHeader = "X-Test-Client";

    /// <summary>Lets a test choose the client address of each request through <see cref="ClientHeader"/>.</summary>
    public static void ClientAddressFromHeader(IServiceCollection services) =>
        services.AddSingleton<IStartupFilter, ClientAddressFilter>();

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string username, string password, string? clientAddress = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { username, password }) };
        if (clientAddress is not null)
        {
            request.Headers.Add(ClientHeader, clientAddress);
        }

        return client.SendAsync(request);
    }

    /// <summary>
    /// The sign-in cookie (<c>window.auth=...</c>) and anti-forgery token a successful login set, to replay them later
    /// as a stolen copy would be.
    /// </summary>
    public static async Task<(string Cookie, string Token)> SignInCookieAsync(this WindowApp app, string username, string password = "window-demo")
    {
        using var client = app.CookieClient();
        using var response = await client.LoginAsync(username, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookies = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).ToList();
        return (cookies.Single(c => c.StartsWith("window.auth=", StringComparison.Ordinal)), cookies.Single(c => c.StartsWith("XSRF-TOKEN=", StringComparison.Ordinal))["XSRF-TOKEN=".Length..]);
    }

    /// <summary><c>GET /api/auth/me</c> with nothing but the given cookie.</summary>
    public static async Task<HttpStatusCode> MeWithCookieAsync(this WindowApp app, string cookie)
    {
        using var client = app.Anonymous();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/auth/me");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    /// <summary>An administrator's <c>PUT /api/admin/users/{username}</c>.</summary>
    public static async Task<HttpResponseMessage> UpdateUserAsync(this HttpClient admin, string username, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/admin/users/{username}") { Content = JsonContent.Create(body) };
        request.Headers.Add(Window.Host.Api.IdempotencyGate.Header, Guid.NewGuid().ToString());
        return await admin.SendAsync(request);
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[ClientHeader].ToString() is { Length: > 0 } address)
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(address);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
