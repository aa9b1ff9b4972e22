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

    /// <summary>For a 429: when to try again.</summary>
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>
/// Sign-in with a local account, shared by <c>POST /api/auth/login</c> and the <c>/login</c> page. Guessing is held
/// back per source (client address and user name: <see cref="RateLimitSettings.LoginLimits.FailuresPerSource"/>
/// failures make that source wait, nobody else) and per user name across sources; an unknown user name costs the
/// same password check and gets the same answers as a known one. A success starts a server-side session
/// (<see cref="Sessions"/>) and sets the cookie with the anti-forgery claim and the readable <c>XSRF-TOKEN</c> cookie.
/// </summary>
public sealed class LocalSignIn(
    UserStore users, IPasswordHasher<UserRecord> hasher, TimeProvider time, SecurityEvents security, IConfiguration configuration, RateLimits limits, Sessions sessions)
{
    // Checked for unknown user names, so that they take as long as a wrong password of a real account.
    private readonly Lazy<(UserRecord User, string Hash)> dummy = new(() =>
    {
        var user = new UserRecord("", "", "", null, "", 0, null, false);
        return (user, hasher.HashPassword(user, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24))));
    });

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
        var login = limits.Settings.Login;
        var source = RateLimits.SignInSource(http, username);
        var now = time.GetUtcNow();
        var reservation = await users.ReserveSignInAsync(source, login.FailuresPerSource, now, now - login.SourceLockout, http.RequestAborted);
        if (!reservation.Allowed)
        {
            security.SignInFailed(username, "locked out (this source)");
            var until = reservation.LockedUntil ?? now + login.SourceLockout;
            return new(null, StatusCodes.Status423Locked, "locked_out",
                $"Too many failed sign-ins from here: try again after {until.ToOffset(TimeSpan.FromHours(8)):HH:mm}.", "username");
        }

        if (limits.TakeSignIn(username) is { } wait)
        {
            // Refused before any password check: the attempt must not count against this source.
            await users.ReleaseSignInAsync(source, http.RequestAborted);
            security.SignInFailed(username, "user name rate limit");
            return new(null, StatusCodes.Status429TooManyRequests, "rate_limited", $"Too many sign-ins for this user name: try again in {(int)Math.Ceiling(wait.TotalSeconds)} seconds.", null)
            {
                RetryAfter = wait,
            };
        }

        // The stamp is read before the password is checked: a password changed in between leaves this session with
        // the old stamp, so it ends at once instead of outliving the change.
        var stamp = await users.SecurityStampAsync(username, http.RequestAborted) ?? "";
        var user = await users.FindAsync(username, http.RequestAborted);
        var checkedAgainst = user ?? dummy.Value.User;
        var matches = hasher.VerifyHashedPassword(checkedAgainst, user?.PasswordHash ?? dummy.Value.Hash, password) != PasswordVerificationResult.Failed;
        if (user is null || !matches || !user.Active)
        {
            await users.RecordSignInFailureAsync(source, login.FailuresPerSource, now + login.SourceLockout, http.RequestAborted);
            security.SignInFailed(username, user is null ? "unknown user" : "wrong password or inactive");
            return new(null, StatusCodes.Status401Unauthorized, "invalid_credentials", "The user name or password is wrong.", "password");
        }

        await users.ForgetSignInSourceAsync(source, http.RequestAborted);
        var token = Antiforgery.NewToken();
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, user.Username),
            new(ClaimTypes.GivenName, user.DisplayName),
            new(ClaimTypes.Role, user.Role),
            new(Antiforgery.Claim, token),
            await sessions.StartAsync(user.Username, stamp, http.RequestAborted),
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
