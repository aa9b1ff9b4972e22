using System.Collections.Concurrent;
using System.Text.Json;
using Window.Storage.Sla;
using Window.Workflows.Calendar;

namespace Window.Host.Sla;

/// <summary>Steps lit now by light.</summary>
public sealed record LightCountsDto(int Green, int Yellow, int Red);

/// <summary>Breaches: subjects (steps, cases) that turned red in the period, and those red now.</summary>
public sealed record BreachCountsDto(int InPeriod, int CurrentlyRed);

/// <summary>
/// The supervisor's figures for one scope. Handling time is in working days from the opening day to the completion
/// day (<see cref="WorkingCalendar.WorkingDaysBetween"/>); median and 90th percentile by nearest rank.
/// </summary>
public sealed record SlaFiguresDto(
    LightCountsDto OpenSteps,
    BreachCountsDto Breaches,
    int Completed,
    int OnTime,
    double? OnTimeRate,
    int? MedianWorkingDays,
    int? P90WorkingDays,
    double? AverageTrips,
    double? AtMostOneTripShare,
    IReadOnlyDictionary<string, int> Evaluations);

/// <summary>The figures of one department or item.</summary>
public sealed record SlaGroupDto(string Id, SlaFiguresDto Figures);

/// <summary>GET /api/sla/summary.</summary>
public sealed record SlaSummaryDto(
    DateOnly From, DateOnly To, string? Department, string? Item, SlaFiguresDto Overall, IReadOnlyList<SlaGroupDto> Departments,
    IReadOnlyList<SlaGroupDto> Items);

/// <summary>The completion figures of the cases of one scope: a department or all ("*") and an item or all ("*").</summary>
/// <param name="Department">A department the cases had a step in, or "*" for every case.</param>
/// <param name="Item">An item the cases hold, or "*" for every case.</param>
/// <param name="Count">Cases completed.</param>
/// <param name="OnTime">Of them, completed by the end of their promised day.</param>
/// <param name="Trips">Their in-person visits, summed.</param>
/// <param name="AtMostOneTrip">Of them, with at most one visit.</param>
/// <param name="Evaluations">Ratings 1..5, counted (index 0 is level 1).</param>
/// <param name="WorkingDays">Handling time in working days → how many cases (cases in a year the calendar does not know have none).</param>
public sealed record CompletedGroup(
    string Department, string Item, int Count, int OnTime, long Trips, int AtMostOneTrip, int[] Evaluations, Dictionary<int, int> WorkingDays);

/// <summary>Subjects that turned red, counted by where they were and when they had last turned red before.</summary>
/// <param name="Department">A step's department ("" for none); "" for cases, whose own light belongs to no department.</param>
/// <param name="Item">A step's item; for cases, an item they hold or "*" for every case.</param>
/// <param name="PreviousDay">The office day the subject last turned red before, or null if it never had.</param>
/// <param name="Count">How many subjects.</param>
public sealed record RedGroup(string Department, string Item, DateOnly? PreviousDay, int Count);

/// <summary>
/// What a stretch of days (one day that is over, or today so far) adds to the summary: completion figures per scope and
/// the subjects that turned red in it, each counted once, with the day it had last turned red before (so that a period
/// counts a subject once: on the first of its days in the period).
/// </summary>
public sealed record SlaDayFigures(IReadOnlyList<CompletedGroup> Completed, IReadOnlyList<RedGroup> RedSteps, IReadOnlyList<RedGroup> RedCases)
{
    /// <summary>The scope "every case" (or "every department") in <see cref="CompletedGroup"/> and <see cref="RedGroup"/>.</summary>
    public const string All = "*";

    /// <summary>Bumped when what a tally means changes, so that tallies stored by older code are computed again.</summary>
    private const string Format = "1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The stamp a stored tally carries: the tally format and the working calendar it counted handling time with.</summary>
    public static string Stamp(WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return $"{Format}:{calendar.Fingerprint}";
    }

    /// <summary>The tally of <paramref name="rows"/>.</summary>
    public static SlaDayFigures Tally(SlaDayRows rows, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(calendar);
        var completed = new Dictionary<(string, string), CompletionTally>();
        var handling = new Dictionary<(DateOnly, DateOnly), int?>();
        foreach (var c in rows.Completed)
        {
            var days = HandlingDays(calendar, handling, c);
            foreach (var department in c.Departments.Prepend(All))
            {
                foreach (var item in c.Items.Prepend(All))
                {
                    if (!completed.TryGetValue((department, item), out var tally))
                    {
                        completed[(department, item)] = tally = new CompletionTally();
                    }

                    tally.Add(c, days);
                }
            }
        }

        // A subject counts once, with the previous red change of its first change here. A case's own light and its
        // items' lights (step null) are one subject: the case.
        var first = rows.RedChanges.GroupBy(e => e.StepId is null ? (e.CaseId, (string?)null, (string?)null, (string?)null) : (e.CaseId, e.ItemId, e.StepId, e.Department))
            .Select(g => g.MinBy(e => e.Seq)!).ToList();
        static DateOnly? Previous(RedChange e) => e.PreviousAt is { } at ? OfficeTime.DateOf(at) : null;
        var steps = first.Where(e => e.StepId is not null)
            .CountBy(e => (e.Department ?? "", e.ItemId ?? "", Previous(e)))
            .Select(p => new RedGroup(p.Key.Item1, p.Key.Item2, p.Key.Item3, p.Value));
        var cases = first.Where(e => e.StepId is null)
            .SelectMany(e => e.CaseItems.Distinct(StringComparer.Ordinal).Prepend(All).Select(item => (Item: item, Previous: Previous(e))))
            .CountBy(p => p)
            .Select(p => new RedGroup("", p.Key.Item, p.Key.Previous, p.Value));
        return new SlaDayFigures(
            [.. completed.Select(p => p.Value.Group(p.Key.Item1, p.Key.Item2))], [.. steps], [.. cases]);
    }

    /// <summary>The tally as stored.</summary>
    public string Serialize() => JsonSerializer.Serialize(this, Json);

    /// <summary>A stored tally.</summary>
    public static SlaDayFigures Deserialize(string json) =>
        JsonSerializer.Deserialize<SlaDayFigures>(json, Json) ?? throw new InvalidOperationException("A stored SLA day tally is empty.");

    private static int? HandlingDays(WorkingCalendar calendar, Dictionary<(DateOnly, DateOnly), int?> known, CompletedCase c)
    {
        var key = (OfficeTime.DateOf(c.OpenedAt), OfficeTime.DateOf(c.CompletedAt));
        if (!known.TryGetValue(key, out var days))
        {
            days = calendar.WorkingDaysBetween(key.Item1, key.Item2);

            known[key] = days;
        }

        return days;
    }
}

/// <summary>
/// Reads and computes the summary of a period: lit steps and cases red now from their aggregates; each day of the period
/// from its stored tally, tallying and storing the days not stored yet, marked stale since, or counted with another
/// calendar; today from a tally at most <see cref="TodayRefresh"/> old plus its rows since, read live. A request reads a
/// few hundred rows per day of the period and the rows of the last minute, whatever the number of cases. A stored tally
/// is parsed once per process: later requests check that it is still the stored one (same day and tally instant, not
/// marked stale) and reuse it.
/// </summary>
public sealed class SlaSummary(SqlSlaStore store)
{
    /// <summary>How many days the dashboard's default period spans (today and the 29 before).</summary>
    public const int DefaultDays = 30;

    /// <summary>Parsed tallies kept at most (a year of days for a few calendars); past that the cache starts again.</summary>
    private const int MaxKept = 2048;

    /// <summary>How old today's stored tally may be before a summary tallies today again instead of reading the rows since.</summary>
    public static readonly TimeSpan TodayRefresh = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(DateOnly Day, DateTimeOffset ComputedAt, DateTimeOffset Upto, string Calendar), SlaDayFigures> parsed = new();

    /// <summary>The summary of [<paramref name="from"/>, <paramref name="to"/>] as of <paramref name="now"/>, within the optional filters.</summary>
    public async Task<SlaSummaryDto> ComputeAsync(
        WorkingCalendar calendar, DateTimeOffset now, DateOnly from, DateOnly to, string? department, string? item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var lit = store.LitStepsAsync(cancellationToken);
        var redNow = store.RedCasesNowAsync(cancellationToken);
        var days = await DaysAsync(calendar, now, from, to, cancellationToken);
        return SlaFigures.Summarize(await lit, await redNow, days, from, to, department, item);
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

    private async Task<List<SlaDayFigures>> DaysAsync(WorkingCalendar calendar, DateTimeOffset now, DateOnly from, DateOnly to, CancellationToken cancellationToken)
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

        var days = new List<SlaDayFigures>();
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
        var tallied = new Dictionary<DateOnly, SlaDayFigures>();
        await store.RollUpAsync(missing, stamp, now, (day, rows) => (tallied[day.Day] = SlaDayFigures.Tally(rows, calendar)).Serialize(), cancellationToken);
        days.AddRange(tallied.Values);
        days.Add(SlaDayFigures.Tally(await live, calendar));
        return days;
    }

    private static (DateOnly, DateTimeOffset, DateTimeOffset, string) Key(StoredSlaDay day) => (day.Day, day.ComputedAt, day.Upto, day.Calendar);
}

/// <summary>
/// Adds up the summary. Scoped to a department, lights and breaches count that department's steps only (a case's own
/// light belongs to no department) and completion figures count cases with a step there; scoped to an item, steps of
/// that item and cases holding it (a case's own breach counts for each of its items).
/// </summary>
public static class SlaFigures
{
    /// <summary>
    /// The summary of the days <paramref name="days"/> of [<paramref name="from"/>, <paramref name="to"/>) and the lights now,
    /// within the optional filters, with one group per department and item seen.
    /// </summary>
    public static SlaSummaryDto Summarize(
        IReadOnlyList<LitSteps> lit, IReadOnlyList<RedCases> redNow, IReadOnlyList<SlaDayFigures> days, DateOnly from, DateOnly to, string? department, string? item)
    {
        ArgumentNullException.ThrowIfNull(lit);
        ArgumentNullException.ThrowIfNull(redNow);
        ArgumentNullException.ThrowIfNull(days);
        const string all = SlaDayFigures.All;
        var completed = new Dictionary<(string, string), CompletionTally>();
        foreach (var group in days.SelectMany(d => d.Completed))
        {
            if (!completed.TryGetValue((group.Department, group.Item), out var sum))
            {
                completed[(group.Department, group.Item)] = sum = new CompletionTally();
            }

            sum.Add(group);
        }

        // A subject that turned red on several days of the period counts on the first: there it had not turned red since before the period.
        bool FirstInPeriod(RedGroup g) => g.PreviousDay is not { } previous || previous < from;
        var redSteps = days.SelectMany(d => d.RedSteps).Where(FirstInPeriod).GroupBy(g => (g.Department, g.Item)).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var redCases = days.SelectMany(d => d.RedCases).Where(FirstInPeriod).GroupBy(g => g.Item).ToDictionary(g => g.Key, g => g.Sum(x => x.Count), StringComparer.Ordinal);

        var departments = lit.Select(s => s.Department).Concat(days.SelectMany(d => d.RedSteps).Select(g => g.Department))
            .Concat(completed.Keys.Select(k => k.Item1))
            .Where(d => d.Length > 0 && d != all && (department is null || d == department)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var items = lit.Select(s => s.ItemId).Concat(days.SelectMany(d => d.RedSteps.Concat(d.RedCases)).Select(g => g.Item))
            .Concat(redNow.SelectMany(r => r.Items)).Concat(completed.Keys.Select(k => k.Item2))
            .Where(i => i.Length > 0 && i != all && (item is null || i == item)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        SlaFiguresDto Figures(string? d, string? i)
        {
            bool StepIn(string stepDepartment, string stepItem) => (d is null || stepDepartment == d) && (i is null || stepItem == i);
            var scoped = lit.Where(s => StepIn(s.Department, s.ItemId)).ToList();
            int Lit(string light) => scoped.Where(s => s.Light == light).Sum(s => s.Count);
            var redStepsInPeriod = redSteps.Where(p => StepIn(p.Key.Department, p.Key.Item)).Sum(p => p.Value);
            var redCasesInPeriod = d is not null ? 0 : redCases.GetValueOrDefault(i ?? all);
            var redCasesNow = d is not null ? 0 : redNow.Where(r => i is null || r.Items.Contains(i, StringComparer.Ordinal)).Sum(r => r.Count);
            var c = completed.GetValueOrDefault((d ?? all, i ?? all)) ?? new CompletionTally();
            var evaluations = Enumerable.Range(1, 5).ToDictionary(
                level => level.ToString(System.Globalization.CultureInfo.InvariantCulture), level => c.Evaluations[level - 1]);
            return new SlaFiguresDto(
                new LightCountsDto(Lit("green"), Lit("yellow"), Lit("red")),
                new BreachCountsDto(redStepsInPeriod + redCasesInPeriod, Lit("red") + redCasesNow),
                c.Count,
                c.OnTime,
                c.Count == 0 ? null : (double)c.OnTime / c.Count,
                NearestRank(c.WorkingDays, 0.5),
                NearestRank(c.WorkingDays, 0.9),
                c.Count == 0 ? null : (double)c.Trips / c.Count,
                c.Count == 0 ? null : (double)c.AtMostOneTrip / c.Count,
                evaluations);
        }

        return new SlaSummaryDto(from, to, department, item, Figures(department, item),
            [.. departments.Select(d => new SlaGroupDto(d, Figures(d, item)))],
            [.. items.Select(i => new SlaGroupDto(i, Figures(department, i)))]);
    }

    /// <summary>The nearest-rank percentile of sorted values: the value at rank ceil(p·n).</summary>
    public static int? NearestRank(IReadOnlyList<int> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>The nearest-rank percentile of values given as value → how many times.</summary>
    public static int? NearestRank(IReadOnlyDictionary<int, int> counts, double p)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var n = counts.Values.Sum();
        if (n == 0)
        {
            return null;
        }

        var rank = Math.Max(1, (int)Math.Ceiling(p * n));
        foreach (var (value, times) in counts.OrderBy(c => c.Key))
        {
            rank -= times;
            if (rank <= 0)
            {
                return value;
            }
        }

        throw new InvalidOperationException("Unreachable: the rank is within the counts.");
    }
}

/// <summary>
/// The completion figures of one scope, added up case by case (a day's tally) or group by group (the days of a period).
/// </summary>
internal sealed class CompletionTally
{
    public int Count { get; private set; }

    public int OnTime { get; private set; }

    public long Trips { get; private set; }

    public int AtMostOneTrip { get; private set; }

    /// <summary>Ratings 1..5, counted (index 0 is level 1).</summary>
    public int[] Evaluations { get; } = new int[5];

    /// <summary>Handling time in working days → how many cases.</summary>
    public Dictionary<int, int> WorkingDays { get; } = [];

    /// <summary>One completed case, handled in <paramref name="days"/> working days (null when the calendar cannot say).</summary>
    public void Add(CompletedCase c, int? days)
    {
        Count++;
        OnTime += c.CompletedAt <= OfficeTime.EndOf(c.PromisedBy) ? 1 : 0;
        Trips += c.Trips;
        AtMostOneTrip += c.Trips <= 1 ? 1 : 0;
        if (c.Evaluation is { } level and >= 1 and <= 5)
        {
            Evaluations[level - 1]++;
        }

        if (days is { } value)
        {
            WorkingDays[value] = WorkingDays.GetValueOrDefault(value) + 1;
        }
    }

    /// <summary>A day's tally of the scope.</summary>
    public void Add(CompletedGroup group)
    {
        Count += group.Count;
        OnTime += group.OnTime;
        Trips += group.Trips;
        AtMostOneTrip += group.AtMostOneTrip;
        for (var level = 0; level < 5; level++)
        {
            Evaluations[level] += group.Evaluations[level];
        }

        foreach (var (days, times) in group.WorkingDays)
        {
            WorkingDays[days] = WorkingDays.GetValueOrDefault(days) + times;
        }
    }

    /// <summary>The figures as a day's tally stores them.</summary>
    public CompletedGroup Group(string department, string item) => new(department, item, Count, OnTime, Trips, AtMostOneTrip, Evaluations, WorkingDays);
}
