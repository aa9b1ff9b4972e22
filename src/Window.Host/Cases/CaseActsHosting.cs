using Window.Host.Api;
using Window.Storage;
using Window.Storage.ReadModel;
using Window.Storage.Refusals;

namespace Window.Host.Cases;

/// <summary>Registers and maps issue 20's acts: refusals at the window, handovers, rectifications.</summary>
public static class CaseActsHosting
{
    public static WebApplicationBuilder AddCaseActs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(services => new RefusalStore(services.GetRequiredService<WindowDatabase>()));
        builder.Services.AddSingleton(services => new OpenWork(services.GetRequiredService<WindowDatabase>()));
        builder.Services.AddSingleton<RefusalService>();
        builder.Services.AddSingleton<HandoverService>();
        builder.Services.AddSingleton<RectificationService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapCaseActs(this IEndpointRouteBuilder routes)
    {
        routes.MapRefusalsApi();
        routes.MapHandoverApi();
        routes.MapRectificationsApi();
        return routes;
    }
}
