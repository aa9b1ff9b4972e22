using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
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

    private static async Task<IResult> LoginAsync(
        LoginRequest? request, HttpContext http, UserStore users, IPasswordHasher<UserRecord> hasher, TimeProvider time, SecurityEvents security, IConfiguration configuration)
    {
        if (!OpenIdConnectSignIn.LocalUsersEnabled(configuration))
        {
            return Problems.Create(StatusCodes.Status404NotFound, "local_sign_in_disabled", "Sign in through the identity provider: GET /api/auth/oidc.", null, []);
        }

        if (string.IsNullOrWhiteSpace(request?.Username) || string.IsNullOrEmpty(request.Password))
        {
            return Problems.Invalid("username", "username and password are required.");
        }

        var username = request.Username.Trim();
        var user = await users.FindAsync(username, http.RequestAborted);
        var now = time.GetUtcNow();
        if (user is { LockedUntil: { } until } && until > now)
        {
            security.SignInFailed(username, "locked out");
            return Problems.Create(StatusCodes.Status423Locked, "locked_out",
                $"Too many failed sign-ins: the account is locked until {until.ToOffset(TimeSpan.FromHours(8)):HH:mm}.", "username", []);
        }

        var verified = user is { Active: true } && hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password) != PasswordVerificationResult.Failed;
        if (!verified)
        {
            if (user is not null)
            {
                await users.RecordFailureAsync(username, LockoutAttempts, now + LockoutDuration, http.RequestAborted);
            }

            security.SignInFailed(username, user is null ? "unknown user" : "wrong password or inactive");
            return Problems.Create(StatusCodes.Status401Unauthorized, "invalid_credentials", "The user name or password is wrong.", "password", []);
        }

        await users.RecordSuccessAsync(username, http.RequestAborted);
        var token = Antiforgery.NewToken();
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user!.Username),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(ClaimTypes.Role, user.Role),
            new(Antiforgery.Claim, token),
        };
        if (user.Department is { } department)
        {
            claims.Add(new Claim(Actors.DepartmentClaim, department));
        }

        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme)));
        Antiforgery.SetCookie(http.Response, token);
        security.SignedIn(user.Username, user.Role);
        return Results.Ok(new MeDto(user.Username, user.DisplayName, user.Role, user.Department));
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
