using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Window.Host.Api;
using Window.Storage.Identity;

namespace Window.Host.Identity;

/// <summary><c>POST /api/auth/login</c> body.</summary>
public sealed record LoginRequest(string? Username, string? Password);

/// <summary>Who is signed in.</summary>
public sealed record MeDto(string Username, string DisplayName, string Role, string? Department);

/// <summary>Sign-in with a local account (cookie), sign-out (this session or every session of the account) and who-am-I.</summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/auth").WithTags("Identity");
        auth.MapPost("/login", LoginAsync).AllowAnonymous().WithName("Login");
        auth.MapPost("/logout", LogoutAsync).RequireAuthorization().WithName("Logout");
        auth.MapPost("/sign-out-everywhere", SignOutEverywhereAsync).RequireAuthorization().WithName("SignOutEverywhere");
        auth.MapGet("/me", (HttpContext http, UserStore users) => MeAsync(http, users)).RequireAuthorization().WithName("Me");
        auth.MapGet("/oidc", (HttpContext http, IConfiguration configuration, string? returnUrl) =>
            OpenIdConnectSignIn.IsConfigured(configuration)
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = returnUrl is { } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? url : "/" }, [OpenIdConnectSignIn.Scheme])
                : Problems.NotFound("No identity provider is configured.")).AllowAnonymous().WithName("OidcSignIn");
        return routes;
    }

    private static async Task<IResult> LoginAsync(LoginRequest? request, HttpContext http, LocalSignIn signIn)
    {
        var result = await signIn.SignInAsync(http, request?.Username, request?.Password);
        if (result.User is { } user)
        {
            return Results.Ok(user);
        }

        return result.RetryAfter is { } wait ? RateLimits.TooMany(http, wait) : Problems.Create(result.Status, result.Code!, result.Message!, result.Field, []);
    }

    /// <summary>Ends this session on the server too, so that a copy of the cookie is worthless.</summary>
    private static async Task<IResult> LogoutAsync(HttpContext http, Sessions sessions, SecurityEvents security)
    {
        var actor = Actors.Of(http.User);
        await sessions.RevokeAsync(http.User, http.RequestAborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        http.Response.Cookies.Delete(Antiforgery.CookieName);
        security.SignedOut(actor.User);
        return Results.NoContent();
    }

    /// <summary>Ends every session of the signed-in account, on every host and in every browser, this one included.</summary>
    private static async Task<IResult> SignOutEverywhereAsync(HttpContext http, Sessions sessions)
    {
        var actor = Actors.Of(http.User);
        await sessions.RevokeAsync(http.User, http.RequestAborted);
        await sessions.EndAllAsync(actor.User, actor.User, http.RequestAborted);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        http.Response.Cookies.Delete(Antiforgery.CookieName);
        return Results.NoContent();
    }

    private static async Task<IResult> MeAsync(HttpContext http, UserStore users)
    {
        var actor = Actors.Of(http.User);
        var user = await users.FindAsync(actor.User, http.RequestAborted);
        return Results.Ok(new MeDto(actor.User, user?.DisplayName ?? http.User.FindFirstValue(ClaimTypes.GivenName) ?? actor.User, actor.Role, actor.Department));
    }
}
