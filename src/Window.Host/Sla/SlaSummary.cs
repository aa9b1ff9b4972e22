using System.Collections.Concurrent;
using Window.Storage;
using Window.Storage.ReadModel;
using Window.Storage.Refusals;
using Window.Storage.Sla;
using Window.Workflows.Calendar;
using Window.Workflows.Sla;

namespace Window.Host.Sla;

/// <summary>
/// Reads and computes the summary of a period: lit steps and cases red now from their aggregates; each day of the period
/// from its stored tally, tallying and storing the days not stored yet, marked stale since, or counted with another
/// calendar; today from a tally at most <see cref="TodayRefresh"/> old plus its rows since, read live. A request reads a
/// few hundred rows per day of the period and the rows of the last minute, whatever the number of cases. A stored tally
/// is parsed once per process: later requests check that it is still the stored one (same day and tally instant, not
/// marked stale) and reuse it.
/// </summary>
public sealed class SlaSummary(SqlSlaStore store, PendingActs acts, RefusalStore refusals)
{
    /// <summary>A summary over <paramref name="database"/> with its own stores (tests and the bench; the host registers the shared ones).</summary>
    public static SlaSummary Of(WindowDatabase database) => new(new SqlSlaStore(database), new PendingActs(database), new RefusalStore(database));

    /// <summary>How many days the dashboard's default period spans (today and the 29 before).</summary>
    public const int DefaultDays = 30;

    /// <summary>Parsed tallies kept at most (a year of days for a few calendars); past that the cache starts again.</summary>
    private const int MaxKept = 2048;

    /// <summary>How old today's stored tally may be before a summary tallies today again instead of reading the rows since.</summary>
    public static readonly TimeSpan TodayRefresh = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(DateOnly Day, DateTimeOffset ComputedAt, DateTimeOffset Upto, string Calendar), SlaDayTally> parsed = new();

    /// <summary>The summary of [<paramref name="from"/>, <paramref name="to"/>] as of <paramref name="now"/>, within the optional filters.</summary>
    public async Task<SlaSummaryDto> ComputeAsync(
        WorkingCalendar calendar, DateTimeOffset now, DateOnly from, DateOnly to, string? department, string? item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var lit = store.LitStepsAsync(cancellationToken);
        var redNow = store.RedCasesNowAsync(cancellationToken);
        var open = store.OpenByOfficerAsync(cancellationToken);
        var tally = acts.TallyAsync(OfficeTime.StartOf(from), OfficeTime.EndOf(to), department, item, cancellationToken);
        var refused = refusals.CountAsync(OfficeTime.StartOf(from), OfficeTime.EndOf(to), cancellationToken);
        var poor = store.PoorRatingsAsync(OfficeTime.StartOf(from), OfficeTime.EndOf(to), cancellationToken);
        var days = await DaysAsync(calendar, now, from, to, cancellationToken);
        var act = await tally;
        var summary = SlaFigures.Summarize(await lit, await redNow, days, from, to, department, item);
        return summary with
        {
            Ratings = SlaFigures.Ratings(summary.Overall, await poor, department, item),
            ByOfficer = SlaFigures.ByOfficer(days, await open, department, item),
            Acts = new ActFiguresDto(act.StatutoryBreaches, await refused, act.Extensions, act.Suspensions, act.Terminations),
        };
    }

    /// <summary>
    /// Tallies and stores the days of the default period that are not stored, stale, or (today) older than
    /// <see cref="TodayRefresh"/>, so that summaries find them ready: the watcher's pass calls it.
    /// </summary>
    public Task PrepareAsync(WorkingCalendar calendar, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var today = OfficeTime.DateOf(now);
        return DaysAsync(calendar, now, today.AddDays(1 - DefaultDays), today, cancellationToken);
    }

    private async Task<List<SlaDayTally>> DaysAsync(WorkingCalendar calendar, DateTimeOffset now, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var today = OfficeTime.DateOf(now);
        var lastStored = to < today ? to : today;
        var stamp = SlaDayFigures.Stamp(calendar);
        var stored = from <= lastStored ? await store.StoredDaysAsync(from, lastStored.AddDays(1), figures: false, cancellationToken) : [];
        var usable = stored.Where(d => d.Calendar == stamp && (d.Day < today ? d.Upto == OfficeTime.EndOf(d.Day) : now - d.Upto < TodayRefresh))
            .ToDictionary(d => d.Day);
        var unparsed = usable.Values.Where(d => !parsed.ContainsKey(Key(d))).ToList();
        if (unparsed.Count > 0)
        {
            if (parsed.Count > MaxKept)
            {
                parsed.Clear();
            }

            // A day tallied again since the first read comes back with another instant: it is tallied here instead.
            var read = await store.StoredDaysAsync(unparsed.Min(d => d.Day), unparsed.Max(d => d.Day).AddDays(1), figures: true, cancellationToken);
            foreach (var day in read.Where(d => usable.TryGetValue(d.Day, out var header) && header.ComputedAt == d.ComputedAt))
            {
                parsed[Key(day)] = SlaDayFigures.Deserialize(day.Figures);
            }
        }

        var days = new List<SlaDayTally>();
        var missing = new List<SlaDay>();
        for (var day = from; day <= lastStored; day = day.AddDays(1))
        {
            if (usable.TryGetValue(day, out var header) && parsed.TryGetValue(Key(header), out var tally))
            {
                days.Add(tally);
            }
            else
            {
                missing.Add(new SlaDay(day, OfficeTime.StartOf(day), day < today ? OfficeTime.EndOf(day) : now));
            }
        }

        // Read live: today's rows after its tally (or after now, when it is tallied here), and any later day asked for.
        DateTimeOffset? liveFrom = from > today ? OfficeTime.StartOf(from)
            : to < today ? null
            : missing.Any(d => d.Day == today) ? now : usable[today].Upto;
        var live = liveFrom is { } start
            ? store.DayRowsAsync(start, OfficeTime.EndOf(to), cancellationToken)
            : Task.FromResult(new SlaDayRows([], []));
        var tallied = new Dictionary<DateOnly, SlaDayTally>();
        await store.RollUpAsync(missing, stamp, now, (day, rows) => SlaDayFigures.Serialize(tallied[day.Day] = SlaDayFigures.Tally(rows, calendar)), cancellationToken);
        days.AddRange(tallied.Values);
        days.Add(SlaDayFigures.Tally(await live, calendar));
        return days;
    }

    private static (DateOnly, DateTimeOffset, DateTimeOffset, string) Key(StoredSlaDay day) => (day.Day, day.ComputedAt, day.Upto, day.Calendar);
}
