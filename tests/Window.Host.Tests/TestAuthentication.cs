using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Window.Host.Api;

namespace Window.Host.Tests;

/// <summary>
/// Signs requests in as the user named by the <c>X-Test-User</c> header (<c>name|role|department</c>), so that
/// API tests can act as any role without the sign-in flow.
/// </summary>
public sealed class TestAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "Test";
    public const string Header = "X-Test-User";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Headers[Header].ToString() is not { Length: > 0 } value)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var parts = value.Split('|');
        var claims = new List<Claim> { new(ClaimTypes.Name, parts[0]), new(ClaimTypes.Role, parts.ElementAtOrDefault(1) ?? "desk") };
        if (parts.ElementAtOrDefault(2) is { Length: > 0 } department)
        {
            claims.Add(new Claim(Actors.DepartmentClaim, department));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Name));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, Name)));
    }
}
