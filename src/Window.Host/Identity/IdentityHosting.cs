using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Window.Grains;
using Window.Host.Api;
using Window.Storage.Identity;

namespace Window.Host.Identity;

/// <summary>Sign-in, roles, anti-forgery and the shared key ring.</summary>
public static class IdentityHosting
{
    /// <summary>The sign-in cookie.</summary>
    public const string CookieName = "window.auth";

    /// <summary>Registers identity; call after the migration service and before the silo (demo users are seeded in between).</summary>
    public static WebApplicationBuilder AddWindowIdentity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<UserStore>();
        services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        services.AddSingleton<SecurityEvents>();
        services.AddSingleton<LocalSignIn>();
        var sessions = SessionSettings.From(builder.Configuration);
        services.AddSingleton(sessions);
        services.AddSingleton<Sessions>();
        // Replaces the provider that the interactive components registered: open pages re-check their session.
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, RevalidatingSessionState>();
        builder.AddWindowRateLimits();
        services.AddSingleton<IOfficerDirectory, DatabaseOfficerDirectory>();
        services.AddSingleton<Sla.IStaffDirectory, DatabaseStaffDirectory>();
        services.AddHostedService<DemoUsers>();

        services.AddDataProtection().SetApplicationName("window");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new DatabaseKeyRepository(provider.GetRequiredService<UserStore>(), provider.GetRequiredService<TimeProvider>())));

        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.Cookie.Name = CookieName;
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Strict;
                options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                options.ExpireTimeSpan = sessions.SlidingLifetime;
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<Sessions>().ValidateAsync(context);
                options.LoginPath = "/login";
                options.AccessDeniedPath = "/denied";
            })
            .AddWindowOpenIdConnect(builder.Configuration);
        services.AddAuthorizationBuilder().AddWindowPolicies();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return builder;
    }

    /// <summary>
    /// The rate limits (first: a flood costs neither a cookie check nor a database read), authentication, the
    /// anti-forgery check (it needs the signed-in user), authorization, in that order.
    /// </summary>
    public static WebApplication UseWindowIdentity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWindowRateLimits();
        app.UseAuthentication();
        app.UseWindowAntiforgery();
        app.UseAuthorization();
        app.MapAuthApi();
        app.MapAdminApi();
        return app;
    }

    /// <summary>API denials are problem details (401 / 403) and security events; pages keep the cookie redirects.</summary>
    private sealed class ProblemAuthorizationResultHandler(SecurityEvents security) : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler fallback = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
        {
            if (authorizeResult.Succeeded || !context.Request.Path.StartsWithSegments("/api"))
            {
                await fallback.HandleAsync(next, context, policy, authorizeResult);
                return;
            }

            var actor = Actors.Of(context.User);
            var status = authorizeResult.Challenged ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            security.Denied(status, actor.User, actor.Role, context.Request.Method, context.Request.Path, authorizeResult.Challenged ? "not signed in" : "role not allowed");
            var problem = authorizeResult.Challenged
                ? Problems.Create(status, "unauthenticated", "Sign in first (POST /api/auth/login).", null, [])
                : Problems.Forbidden();
            await problem.ExecuteAsync(context);
        }
    }
}
