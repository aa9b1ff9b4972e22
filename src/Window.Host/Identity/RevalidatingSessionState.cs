using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace Window.Host.Identity;

/// <summary>
/// An open page (a Blazor circuit) keeps the principal it started with; this re-checks its session every
/// <see cref="SessionSettings.CircuitRecheckInterval"/>, so that a sign-out, a deactivation or a role change
/// elsewhere turns the page anonymous and sends it to the sign-in page instead of letting it act for hours.
/// </summary>
internal sealed class RevalidatingSessionState(ILoggerFactory loggerFactory, Sessions sessions, SessionSettings settings)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => settings.CircuitRecheckInterval;

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(authenticationState);
        var user = authenticationState.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return true;
        }

        // The cookie handler already refused any principal without a session; one that has none here came from
        // another scheme (tests' header sign-in) and is that scheme's business.
        if (user.FindFirstValue(Sessions.Claim) is null)
        {
            return true;
        }

        try
        {
            return await sessions.IsCurrentAsync(user, cancellationToken);
        }
        catch (Exception exception) when (Hosting.TransientFailures.Classify(exception) is not null)
        {
            // The database is away for a moment: that says nothing about the session, and the base class would sign the
            // page out. The next check, one interval later, decides; meanwhile the page's commands fail as busy anyway.
            return true;
        }
    }
}
