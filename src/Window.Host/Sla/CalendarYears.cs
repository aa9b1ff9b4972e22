using Window.Storage.Sla;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;

namespace Window.Host.Sla;

/// <summary>
/// Calendar years published by administrators: stored in window_calendar_years and applied to the running engine's
/// catalogue (<see cref="CatalogSource"/>). Loaded on first use and refreshed by every watcher tick, so that every silo
/// of a cluster sees a year another one stored.
/// </summary>
public sealed class CalendarYears(ICalendarYearStore store, CatalogSource catalog, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim loading = new(1, 1);
    private volatile bool loaded;

    /// <summary>The calendar the engine uses now.</summary>
    public WorkingCalendar Calendar => catalog.Current.Calendar;

    /// <summary>Loads the stored years once.</summary>
    public async Task EnsureLoadedAsync(CancellationToken cancellationToken = default)
    {
        if (!loaded)
        {
            await RefreshAsync(cancellationToken);
        }
    }

    /// <summary>Applies every stored year to the engine's calendar.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await loading.WaitAsync(cancellationToken);
        try
        {
            foreach (var year in await store.CalendarYearsAsync(cancellationToken))
            {
                catalog.WithCalendarYear(ToYear(year));
            }

            loaded = true;
        }
        finally
        {
            loading.Release();
        }
    }

    /// <summary>Stores a year and applies it at once.</summary>
    public async Task PublishAsync(StoredCalendarYear year, string by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(year);
        await store.SaveCalendarYearAsync(year, by, time.GetUtcNow(), cancellationToken);
        catalog.WithCalendarYear(ToYear(year));
    }

    /// <inheritdoc />
    public void Dispose() => loading.Dispose();

    private static CalendarYear ToYear(StoredCalendarYear year) =>
        new(year.Year, year.DaysOff.ToHashSet(), year.MakeUpWorkdays.ToHashSet());
}
