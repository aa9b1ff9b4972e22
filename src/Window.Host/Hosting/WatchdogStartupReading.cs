using System.Diagnostics;

namespace Window.Host.Hosting;

/// <summary>
/// Drops the one false warning Orleans' silo watchdog writes at every start, and nothing else of it.
/// <para>
/// Orleans 10.4.2's <c>Watchdog.Start</c> starts its platform thread before it sets the timestamp of the last
/// participant check, and that thread checks at once: it measures "participant check thread has not completed for"
/// from timestamp 0, which is the machine's uptime (13:02:13 on a machine up 13 hours), and warns of a deadlock. A
/// reading longer than the watchdog has existed cannot be a real stall, so only such a reading is dropped (and written at
/// Debug); a real stall is never longer than that and is still a warning, as is every other line of the category.
/// </para>
/// </summary>
internal static class WatchdogStartupReading
{
    /// <summary>Orleans' <c>ErrorCode.SiloHeartbeatTimerStalled</c>, shared by the platform and participant warnings.</summary>
    private const int StalledEventId = 100150;

    private const string ParticipantTemplate = "Participant check thread has not completed";

    private static readonly Action<ILogger, TimeSpan, TimeSpan, Exception?> Dropped = LoggerMessage.Define<TimeSpan, TimeSpan>(
        LogLevel.Debug, new EventId(StalledEventId, "WatchdogStartupReading"),
        "Watchdog start-up reading dropped: participant check 'not completed for {Reading}', but the watchdog exists for {Lifetime} (Orleans sets the timestamp after starting the thread)");

    /// <summary>Gives Orleans' internal watchdog a logger that drops its impossible start-up reading.</summary>
    public static IServiceCollection AddWatchdogStartupReadingFilter(this IServiceCollection services)
    {
        // The watchdog is internal to Orleans; when a later version renames it the warning comes back and the start-up
        // test says so.
        if (Type.GetType("Orleans.Runtime.Watchdog, Orleans.Runtime") is { } watchdog)
        {
            var logger = typeof(ILogger<>).MakeGenericType(watchdog);
            services.AddSingleton(logger, typeof(FilteringLogger<>).MakeGenericType(watchdog));
        }

        return services;
    }

    /// <summary>True for the participant-stall warning whose reading is longer than <paramref name="lifetime"/>.</summary>
    internal static bool IsImpossible<TState>(LogLevel level, EventId eventId, TState state, TimeSpan lifetime) =>
        level == LogLevel.Warning && eventId.Id == StalledEventId && state is IReadOnlyList<KeyValuePair<string, object?>> values
        && values.Any(value => value.Key == "{OriginalFormat}" && value.Value is string format && format.StartsWith(ParticipantTemplate, StringComparison.Ordinal))
        && values.Any(value => value.Value is TimeSpan reading && reading > lifetime);

    private sealed class FilteringLogger<T>(ILoggerFactory factory) : ILogger<T>
    {
        private readonly ILogger inner = factory.CreateLogger<T>();
        private readonly long created = Stopwatch.GetTimestamp();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var lifetime = Stopwatch.GetElapsedTime(created);
            if (!IsImpossible(logLevel, eventId, state, lifetime))
            {
                inner.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            var reading = ((IReadOnlyList<KeyValuePair<string, object?>>)state!).Select(value => value.Value).OfType<TimeSpan>().First();
            Dropped(inner, reading, lifetime, null);
        }
    }
}
