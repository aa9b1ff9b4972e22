using Microsoft.Extensions.DependencyInjection.Extensions;
using Window.Host.Api;
using Window.Storage;
using Window.Storage.ReadModel;
using Window.Storage.Refusals;
using Window.Storage.Sla;
using Window.Workflows.Catalog;
using Window.Workflows.Engine;

namespace Window.Host.Sla;

/// <summary>Plugs SLA supervision (issue 6) into the host: the watcher, the escalation dispatcher, the inbox and SLA APIs.</summary>
public static class SlaHosting
{
    /// <summary>
    /// Adds the watcher and dispatcher (background passes every <c>Window:Sla:WatchPeriod</c>), the notification senders
    /// (Inbox, LogOnly; chosen by <c>Window:Notifications:Sender</c>), the configured <see cref="IStaffDirectory"/> unless
    /// one is registered, and an engine whose calendar administrators can extend at run time.
    /// </summary>
    public static WebApplicationBuilder AddWindowSla(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton(SlaOptions.From(builder.Configuration));
        services.AddSingleton(provider => new SqlSlaStore(provider.GetRequiredService<WindowDatabase>()));

        // The parts of the SLA store the passes take, each as the one interface its consumer needs.
        services.AddSingleton<IOutbox>(provider => provider.GetRequiredService<SqlSlaStore>());
        services.AddSingleton<IInbox>(provider => provider.GetRequiredService<SqlSlaStore>());
        services.AddSingleton<IRectifications>(provider => provider.GetRequiredService<SqlSlaStore>());
        services.AddSingleton<ICalendarYearStore>(provider => provider.GetRequiredService<SqlSlaStore>());
        services.AddSingleton(provider => new LitCounts(provider.GetRequiredService<WindowDatabase>()));
        services.AddSingleton(provider => new CatalogSource(provider.GetRequiredService<WorkflowCatalog>()));

        // The engine reads its catalogue through the source, so a calendar year published at run time reaches running cases.
        services.Replace(ServiceDescriptor.Singleton(provider =>
            new WorkflowEngine(provider.GetRequiredService<CatalogSource>(), provider.GetRequiredService<TimeProvider>())));
        services.AddSingleton<CalendarYears>();
        services.AddSingleton(provider => new SqlCalendarRecounts(provider.GetRequiredService<WindowDatabase>()));
        services.AddSingleton<CalendarRecountPass>();
        services.AddSingleton<ProvisionalCases>();
        services.AddSingleton(provider => new SlaSummary(provider.GetRequiredService<SqlSlaStore>(), provider.GetRequiredService<PendingActs>(), provider.GetRequiredService<RefusalStore>()));
        services.TryAddSingleton<IStaffDirectory, ConfiguredStaffDirectory>();
        services.AddSingleton<INotificationSender, InboxNotificationSender>();
        services.AddSingleton<INotificationSender, LogOnlyNotificationSender>();
        services.AddSingleton<SlaGate>();
        services.AddSingleton<SlaWatcher>();
        services.AddSingleton<EscalationDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<SlaWatcher>());
        services.AddHostedService(provider => provider.GetRequiredService<EscalationDispatcher>());
        services.AddHostedService(provider => provider.GetRequiredService<CalendarRecountPass>());
        return builder;
    }

    /// <summary>Maps /api/inbox, /api/sla/* and /api/calendar/*.</summary>
    public static WebApplication MapWindowSla(this WebApplication app) => app.MapSlaApi().MapCalendarApi();
}
