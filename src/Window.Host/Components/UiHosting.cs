using System.Globalization;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using Window.Host.Components;

namespace Window.Host.Hosting;

/// <summary>
/// The staff and talent web UI: Blazor components in this process (static rendering for sign-in, interactive server
/// elsewhere) with MudBlazor; every asset is a static web asset of this host, nothing comes from another address.
/// </summary>
public static class UiHosting
{
    /// <summary>The cultures of the UI; Chinese first, whatever the browser prefers.</summary>
    public static readonly string[] Cultures = ["zh-CN", "en"];

    public static WebApplicationBuilder AddWindowUi(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Serves package assets (MudBlazor's css/js, blazor.web.js) from the build output too, not only when published.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddMudServices();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = Cultures.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new RequestCulture("zh-CN");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication MapWindowUi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseRequestLocalization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapGet("/ui/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = Cultures.Contains(culture, StringComparer.Ordinal) ? culture : Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true, Path = "/" });
            return Results.LocalRedirect(returnUrl is { } url && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal) ? url : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
