using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Window.Contracts;

namespace Window.Host.Hosting;

/// <summary>
/// The safe defaults of a deployment (issue 16): which hosts and proxies are believed, HTTPS-only cookies and HSTS
/// behind TLS, the response headers every answer carries, and Kestrel limits. Each is configuration with a default
/// that is safe on the embedded profile.
/// </summary>
public static class DeploymentDefaults
{
    /// <summary>
    /// Hosts answered when <c>AllowedHosts</c> is not configured: the machine itself. A deployment behind a proxy names
    /// its public host (<c>AllowedHosts=window.example.gov.cn</c>); any other <c>Host</c> header gets a 400 instead of
    /// being echoed into absolute redirects.
    /// </summary>
    public const string LocalHosts = "localhost;127.0.0.1;[::1]";

    /// <summary>
    /// No inline script anywhere (the only scripts are files of this host); inline styles are allowed because MudBlazor
    /// sets <c>style</c> attributes on its components. WebSockets of the same origin (Blazor's circuit) are 'self'.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";

    // Default connection limits: far below the ~20,000 open files the process had when one client exhausted it, far
    // above what one office's staff and talents use (a Blazor page holds one WebSocket, the upgraded connections).
    private const int DefaultMaxConnections = 4000;
    private const int DefaultMaxUpgradedConnections = 2000;

    public static WebApplicationBuilder AddWindowDeploymentDefaults(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (string.IsNullOrWhiteSpace(configuration["AllowedHosts"]))
        {
            // Read by the host filtering the web host adds before any middleware of ours.
            configuration["AllowedHosts"] = LocalHosts;
        }

        var maxConnections = Count(configuration["Window:Limits:MaxConnections"], DefaultMaxConnections, "Window:Limits:MaxConnections");
        var maxUpgraded = Count(configuration["Window:Limits:MaxUpgradedConnections"], DefaultMaxUpgradedConnections, "Window:Limits:MaxUpgradedConnections");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = maxConnections;
            kestrel.Limits.MaxConcurrentUpgradedConnections = maxUpgraded;
            kestrel.Limits.MaxRequestBodySize = TextRules.JsonBodyMaxBytes;
        });

        var proxies = configuration.GetSection("Window:ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

            // Only the configured proxies (and this machine, the default) are believed about the client's address and scheme.
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"Window:ForwardedHeaders:KnownProxies '{proxy}' is not an IP address."));
            }
        });
        builder.Services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);

            // HSTS is sent whenever the request came over HTTPS, the machine's own names included; subdomains are left
            // alone (intranet neighbours of the office's host may not have TLS).
            options.ExcludedHosts.Clear();
        });
        builder.Services.AddCookiePolicy(options => options.Secure = CookieSecurePolicy.SameAsRequest);
        return builder;
    }

    /// <summary>The proxies' view of the request, HSTS, secure cookies and the headers on every answer; first in the pipeline.</summary>
    public static WebApplication UseWindowDeploymentDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseHsts();
        app.UseCookiePolicy();
        app.Use((http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var headers = http.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "no-referrer";
                if (MayHoldPersonalData(http.Request.Path) && string.IsNullOrEmpty(headers.CacheControl))
                {
                    headers.CacheControl = "no-store";
                }

                return Task.CompletedTask;
            });
            return next(http);
        });
        return app;
    }

    // Case answers and pages carry case data and masked personal data: no browser or proxy may keep them. The public
    // catalogue, health and static assets (which set their own caching) carry none.
    private static bool MayHoldPersonalData(PathString path) =>
        !path.StartsWithSegments("/api/catalog") && !path.StartsWithSegments("/health");

    private static int Count(string? value, int fallback, string key) =>
        string.IsNullOrWhiteSpace(value) ? fallback
        : int.TryParse(value, out var count) && count > 0 ? count
        : throw new InvalidOperationException($"{key} '{value}' is not a positive whole number.");
}
