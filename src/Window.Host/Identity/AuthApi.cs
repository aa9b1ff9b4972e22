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

/// <summary>Sign-in with a local account (cookie), sign-out and who-am-I.</summary>
public static class AuthApi
{
    /// <summary>Failed sign-ins in a row that lock an account.</summary>
    public const int LockoutAttempts = 5;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder routes)
    {
        var auth = routes.MapGroup("/api/auth").WithTags("Identity");
        auth.MapPost("/login", LoginAsync).AllowAnonymous().WithName("Login");
        auth.MapPost("/logout", LogoutAsync).RequireAuthorization().WithName("Logout");
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
        return result.User is { } user ? Results.Ok(user) : Problems.Create(result.Status, result.Code!, result.Message!, result.Field, []);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, SecurityEvents security)
    {
        var actor = Actors.Of(http.User);
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        http.Response.Cookies.Delete(Antiforgery.CookieName);
        security.SignedOut(actor.User);
        return Results.NoContent();
    }

    private static async Task<IResult> MeAsync(HttpContext http, UserStore users)
    {
        var actor = Actors.Of(http.User);
        var user = await users.FindAsync(actor.User, http.RequestAborted);
        return Results.Ok(new MeDto(actor.User, user?.DisplayName ?? http.User.FindFirstValue(ClaimTypes.GivenName) ?? actor.User, actor.Role, actor.Department));
    }
}
