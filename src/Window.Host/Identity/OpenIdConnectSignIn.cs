using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Window.Contracts;
using Window.Host.Api;

namespace Window.Host.Identity;

/// <summary>
/// Sign-in through the government's identity provider instead of local accounts, by configuration alone:
/// <c>Window:Oidc:Authority</c>, <c>ClientId</c>, <c>ClientSecret</c>, and the names of the claims that carry the
/// user name (<c>NameClaim</c>, default <c>preferred_username</c>), the Window role (<c>RoleClaim</c>, default
/// <c>role</c>, values desk / officer / department / supervisor / admin) and the department (<c>DepartmentClaim</c>,
/// default <c>department</c>). Local sign-in is then switched off unless <c>Window:Oidc:KeepLocalUsers</c> is true.
/// </summary>
public static class OpenIdConnectSignIn
{
    public const string Scheme = "oidc";
    private static readonly string[] WindowRoles = [Roles.FrontDesk, Roles.Officer, Roles.Department, Roles.Supervisor, Roles.Administrator];

    /// <summary>Whether the configuration names an identity provider.</summary>
    public static bool IsConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration["Window:Oidc:Authority"]);

    /// <summary>Whether local accounts still sign in.</summary>
    public static bool LocalUsersEnabled(IConfiguration configuration) =>
        !IsConfigured(configuration) || string.Equals(configuration["Window:Oidc:KeepLocalUsers"], "true", StringComparison.OrdinalIgnoreCase);

    public static AuthenticationBuilder AddWindowOpenIdConnect(this AuthenticationBuilder authentication, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(configuration);
        if (!IsConfigured(configuration))
        {
            return authentication;
        }

        var section = configuration.GetSection("Window:Oidc");
        return authentication.AddOpenIdConnect(Scheme, options =>
        {
            options.Authority = section["Authority"];
            options.MetadataAddress = section["MetadataAddress"];
            options.ClientId = section["ClientId"];
            options.ClientSecret = section["ClientSecret"];
            options.RequireHttpsMetadata = !string.Equals(section["RequireHttpsMetadata"], "false", StringComparison.OrdinalIgnoreCase);
            options.ResponseType = "code";
            options.UsePkce = true;
            options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            options.MapInboundClaims = false;
            options.Scope.Clear();
            foreach (var scope in (section["Scopes"] ?? "openid profile").Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                options.Scope.Add(scope);
            }

            options.Events.OnTokenValidated = async context =>
            {
                var principal = ToWindowPrincipal(context.Principal!, section["NameClaim"] ?? "preferred_username", section["RoleClaim"] ?? "role", section["DepartmentClaim"] ?? "department", out var token);
                if (principal is null)
                {
                    context.Fail("The identity provider gave no Window role for this user.");
                    return;
                }

                // The provider owns the account, so only sign-out and the absolute end apply (a session without a stamp).
                var session = await context.HttpContext.RequestServices.GetRequiredService<Sessions>()
                    .StartAsync(principal.Identity!.Name!, stamp: null, context.HttpContext.RequestAborted);
                ((ClaimsIdentity)principal.Identity).AddClaim(session);
                context.Principal = principal;
                Antiforgery.SetCookie(context.Response, token);
            };
        });
    }

    /// <summary>
    /// The identity provider's claims in Window's terms (name, role, department, a fresh anti-forgery token);
    /// <see langword="null"/> when the role is not one of Window's or department staff have no department.
    /// </summary>
    public static ClaimsPrincipal? ToWindowPrincipal(ClaimsPrincipal external, string nameClaim, string roleClaim, string departmentClaim, out string antiforgeryToken)
    {
        ArgumentNullException.ThrowIfNull(external);
        antiforgeryToken = Antiforgery.NewToken();
        var name = external.FindFirstValue(nameClaim);
        var role = external.FindAll(roleClaim).Select(c => c.Value).FirstOrDefault(WindowRoles.Contains);
        var department = external.FindFirstValue(departmentClaim);
        if (string.IsNullOrEmpty(name) || role is null || (role == Roles.Department && string.IsNullOrEmpty(department)))
        {
            return null;
        }

        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, name),
            new(ClaimTypes.GivenName, external.FindFirstValue("name") ?? name),
            new(ClaimTypes.Role, role),
            new(Antiforgery.Claim, antiforgeryToken),
        };
        if (role == Roles.Department)
        {
            claims.Add(new Claim(Actors.DepartmentClaim, department!));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
