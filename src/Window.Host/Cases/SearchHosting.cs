using Window.Host.Components.Ui;
using Window.Storage.ReadModel;

namespace Window.Host.Cases;

/// <summary>Wires the case search (issue 18): the terms of a case and of a query, their table, the backfill of stored cases, the header's state.</summary>
public static class SearchHosting
{
    public static WebApplicationBuilder AddWindowSearch(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<CaseSearchKeys>();
        builder.Services.AddSingleton<CaseSearchIndex>();
        builder.Services.AddSingleton<ICaseSearchIndex>(services => services.GetRequiredService<CaseSearchIndex>());
        builder.Services.AddSingleton<SearchBackfill>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SearchBackfill>());

        // One per circuit: the header hands the query to the results page in memory, never through the address.
        builder.Services.AddScoped<HeaderSearch>();
        return builder;
    }
}
