using System.Security.Claims;
using Window.Contracts;

namespace Window.Host.Api;

/// <summary>The actor of a request, from its signed-in principal (user name, role, department claims).</summary>
public static class Actors
{
    /// <summary>The claim carrying a department member's department id.</summary>
    public const string DepartmentClaim = "window:department";

    /// <summary>Who is asking; unauthenticated requests are the anonymous actor.</summary>
    public static Actor Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || user.Identity.Name is not { Length: > 0 } name)
        {
            return new Actor("anonymous", "anonymous", null);
        }

        return new Actor(name, user.FindFirstValue(ClaimTypes.Role) ?? "anonymous", user.FindFirstValue(DepartmentClaim));
    }
}
