using Window.Storage.Sla;
using Window.Workflows.Calendar;

namespace Window.Host.Sla;

/// <summary>
/// The supervisors' reads for the API and the dashboard alike: the summary of a period with the one before it, the weekly
/// trend and the breach list. Pages read through it, never the store.
/// </summary>
public sealed class SupervisionService(SlaSummary summary, SqlSlaStore store, CalendarYears calendar, TimeProvider time)
{
    /// <summary>Today in office time.</summary>
    public DateOnly Today => OfficeTime.DateOf(time.GetUtcNow());

    /// <summary>The summary of [<paramref name="from"/>, <paramref name="to"/>] within the optional filters.</summary>
    public async Task<SlaSummaryDto> SummaryAsync(DateOnly from, DateOnly to, string? department, string? item, CancellationToken cancellationToken = default)
    {
        await calendar.EnsureLoadedAsync(cancellationToken);
        return await summary.ComputeAsync(calendar.Calendar, time.GetUtcNow(), from, to, department, item, cancellationToken);
    }

    /// <summary>The <paramref name="weeks"/> weeks (Monday start, office time) to this one: opened, completed, on time.</summary>
    public async Task<IReadOnlyList<TrendWeekDto>> TrendAsync(int weeks, CancellationToken cancellationToken = default)
    {
        var today = Today;
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var first = thisMonday.AddDays(-7 * (weeks - 1));
        var start = OfficeTime.StartOf(first);
        var end = OfficeTime.StartOf(thisMonday.AddDays(7));
        var opened = store.OpenedAsync(start, end, cancellationToken);
        var completions = await store.CompletionsAsync(start, end, cancellationToken);
        var openedAt = await opened;
        int Week(DateTimeOffset at) => (OfficeTime.DateOf(at).DayNumber - first.DayNumber) / 7;
        return [.. Enumerable.Range(0, weeks).Select(w =>
        {
            var done = completions.Where(c => Week(c.CompletedAt) == w).ToList();
            var onTime = done.Count(c => c.CompletedAt <= OfficeTime.EndOf(c.PromisedBy));
            return new TrendWeekDto(first.AddDays(7 * w), openedAt.Count(o => Week(o) == w), done.Count, onTime, done.Count == 0 ? null : (double)onTime / done.Count);
        })];
    }

    /// <summary>The most urgent <paramref name="limit"/> yellow and red steps and cases, and how many there are.</summary>
    public Task<(IReadOnlyList<Breach> Items, long Total)> BreachesAsync(int offset, int limit, CancellationToken cancellationToken = default) =>
        store.BreachesAsync(offset, limit, cancellationToken);

    /// <summary>The steps red now that a department holds (ready or claimed), most overdue first.</summary>
    public Task<IReadOnlyList<Breach>> RedOpenStepsAsync(CancellationToken cancellationToken = default) => store.RedOpenStepsAsync(cancellationToken);
}
