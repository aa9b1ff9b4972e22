using System.Globalization;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using Window.Host.Components;
using Window.Host.Components.Ui;

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
        builder.Services.AddSingleton<INameSource, StoredNameSource>();
        builder.Services.AddSingleton<Names>();
        builder.Services.AddSingleton<Window.Host.Components.Studio.StudioUsage>();
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

        // Pages name their icon (the emblem), but a browser showing a file itself (a material's PDF or photo opened in
        // a tab) still asks for /favicon.ico: answer with the emblem rather than a 404 in its console.
        app.MapGet("/favicon.ico", () => Results.LocalRedirect("/img/emblem.svg")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/ui/culture/{culture}", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = Cultures.Contains(culture, StringComparer.Ordinal) ? culture : Cultures[0];
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), SameSite = SameSiteMode.Lax, HttpOnly = true, IsEssential = true, Path = "/", Secure = http.Request.IsHttps });
            return Results.LocalRedirect(IsLocalPath(returnUrl) ? returnUrl! : "/");
        }).AllowAnonymous().ExcludeFromDescription();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>
    /// A path of this site and nothing else: one leading slash, no second slash or backslash after it (browsers read
    /// <c>//host</c> and <c>/\host</c> as another site) and no control character anywhere (browsers drop tabs and
    /// line breaks, turning <c>/%09/evil</c> into <c>//evil</c>; a CR/LF would split the Location header).
    /// </summary>
    public static bool IsLocalPath(string? url) =>
        url is ['/', ..] && (url.Length == 1 || url[1] is not ('/' or '\\')) && !url.Any(char.IsControl);
}
