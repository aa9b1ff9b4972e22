using Microsoft.Extensions.Http.Resilience;
using Polly;
using Window.Storage;
using Window.Storage.Notifications;

namespace Window.Host.Notifications;

/// <summary>Plugs the notification pipeline (issue 21) into the host.</summary>
public static class NotificationHosting
{
    /// <summary>
    /// Adds the settings, the store, the channels that are configured (SMS gateway through an HTTP client whose
    /// resilience pipeline bounds each attempt; SMTP), the dispatcher (a background pass every
    /// <c>Window:Notifications:Period</c>) and the queries the API and pages use.
    /// </summary>
    public static WebApplicationBuilder AddWindowNotifications(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = NotificationOptions.From(builder.Configuration);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(provider => new NotificationStore(provider.GetRequiredService<WindowDatabase>()));
        if (options.SmsConfigured)
        {
            // One attempt per pass, bounded in time; the outbox's schedule (stored) does the retrying, across restarts.
            services.AddHttpClient(SmsChannel.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
                .AddResilienceHandler("window-sms", pipeline => pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Timeout = options.AttemptTimeout }));
            services.AddSingleton<INotificationChannel, SmsChannel>();
        }

        if (options.SmtpConfigured)
        {
            services.AddSingleton<INotificationChannel, EmailChannel>();
        }

        services.AddSingleton<NotificationDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<NotificationDispatcher>());
        services.AddSingleton<NotificationQueries>();
        services.AddScoped<InboxBell>();
        return builder;
    }

    /// <summary>Maps the notification API.</summary>
    public static WebApplication MapWindowNotifications(this WebApplication app) => app.MapNotificationsApi();
}
