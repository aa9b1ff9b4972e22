using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Window.Host.Api;
using Window.Storage.Identity;

namespace Window.Host.Identity;

/// <summary>The result of a local sign-in: the user, or the problem (status, code, message, field).</summary>
public sealed record SignInResult(MeDto? User, int Status, string? Code, string? Message, string? Field)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Sign-in with a local account, shared by <c>POST /api/auth/login</c> and the <c>/login</c> page: lock-out after
/// <see cref="AuthApi.LockoutAttempts"/> failures, the password hasher, the cookie with the anti-forgery claim and
/// the readable <c>XSRF-TOKEN</c> cookie.
/// </summary>
public sealed class LocalSignIn(UserStore users, IPasswordHasher<UserRecord> hasher, TimeProvider time, SecurityEvents security, IConfiguration configuration)
{
    public async Task<SignInResult> SignInAsync(HttpContext http, string? username, string? password)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (!OpenIdConnectSignIn.LocalUsersEnabled(configuration))
        {
            return new(null, StatusCodes.Status404NotFound, "local_sign_in_disabled", "Sign in through the identity provider: GET /api/auth/oidc.", null);
        }

        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            return new(null, StatusCodes.Status400BadRequest, "invalid_request", "username and password are required.", "username");
        }

        username = username.Trim();
        var user = await users.FindAsync(username, http.RequestAborted);
        var now = time.GetUtcNow();
        if (user is { LockedUntil: { } until } && until > now)
        {
            security.SignInFailed(username, "locked out");
            return new(null, StatusCodes.Status423Locked, "locked_out",
                $"Too many failed sign-ins: the account is locked until {until.ToOffset(TimeSpan.FromHours(8)):HH:mm}.", "username");
        }

        var verified = user is { Active: true } && hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;
        if (!verified)
        {
            if (user is not null)
            {
                await users.RecordFailureAsync(username, AuthApi.LockoutAttempts, now + AuthApi.LockoutDuration, http.RequestAborted);
            }

            security.SignInFailed(username, user is null ? "unknown user" : "wrong password or inactive");
            return new(null, StatusCodes.Status401Unauthorized, "invalid_credentials", "The user name or password is wrong.", "password");
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
        return new(new MeDto(user.Username, user.DisplayName, user.Role, user.Department), StatusCodes.Status200OK, null, null, null);
    }
}
