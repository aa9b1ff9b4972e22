using System.Security.Cryptography;
using Window.Host.Api;

namespace Window.Host.Identity;

/// <summary>
/// CSRF protection by double submit, as browsers' HTTP libraries know it: sign-in sets an <c>XSRF-TOKEN</c>
/// cookie (readable by the page's script) whose value is also a claim of the sign-in; a change (POST, PUT,
/// PATCH, DELETE) that carries the sign-in cookie must repeat the value in <c>X-XSRF-TOKEN</c>, or it is 403.
/// Another site can make the browser send the cookies but cannot read them to fill in the header.
/// </summary>
public static class Antiforgery
{
    public const string CookieName = "XSRF-TOKEN";
    public const string HeaderName = "X-XSRF-TOKEN";
    public const string Claim = "window:xsrf";

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static void SetCookie(HttpResponse response, string token)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(CookieName, token, new CookieOptions { HttpOnly = false, SameSite = SameSiteMode.Strict, Secure = response.HttpContext.Request.IsHttps, Path = "/" });
    }

    /// <summary>
    /// The UI's requests that Blazor protects itself, exempt from the header check (a page cannot add the header to
    /// them): the circuit's SignalR traffic under <c>/_blazor</c> (negotiate and long-polling POSTs), which only works
    /// with the data-protected circuit descriptors that the host rendered into its own page and that another site
    /// cannot read; and form posts to endpoints that demand ASP.NET Core's form anti-forgery token
    /// (<see cref="Microsoft.AspNetCore.Antiforgery.IAntiforgeryMetadata"/>, e.g. the <c>/login</c> page), which
    /// <c>UseAntiforgery</c> validates against the token bound to the signed-in user before the endpoint runs.
    /// </summary>
    private static bool ProtectedByBlazor(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/_blazor")
        || (context.Request.HasFormContentType
            && context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Antiforgery.IAntiforgeryMetadata>() is { RequiresValidation: true });

    /// <summary>The check, after authentication so that the sign-in's token claim is known.</summary>
    public static IApplicationBuilder UseWindowAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        var changes = !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method));
        if (changes && request.Cookies.ContainsKey(IdentityHosting.CookieName) && context.User.Identity?.IsAuthenticated == true && !ProtectedByBlazor(context))
        {
            var expected = context.User.FindFirst(Claim)?.Value;
            var given = request.Headers[HeaderName].ToString();
            if (expected is null || !CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(given)))
            {
                var actor = Actors.Of(context.User);
                context.RequestServices.GetRequiredService<SecurityEvents>().Denied(403, actor.User, actor.Role, request.Method, request.Path, "missing or wrong anti-forgery token");
                await Problems.Create(StatusCodes.Status403Forbidden, "antiforgery_failed",
                    $"A change made with the sign-in cookie must send the {CookieName} cookie's value in the {HeaderName} header.", HeaderName, []).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    });
}
