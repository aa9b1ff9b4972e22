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

/// <summary>Everything the summary is computed from (rows of the period and lights now).</summary>
/// <param name="LitSteps">Steps lit now, counted by department, item and light.</param>
/// <param name="RedCasesNow">Open cases red now, one row per case and item.</param>
/// <param name="RedEvents">Steps and cases that turned red in the period.</param>
/// <param name="ItemsOfRedCases">The items of the cases that turned red in the period.</param>
/// <param name="Completed">The cases completed in the period, each with its items and departments.</param>
public sealed record SlaData(
    IReadOnlyList<LitSteps> LitSteps,
    IReadOnlyList<(string CaseId, string ItemId)> RedCasesNow,
    IReadOnlyList<RedEvent> RedEvents,
    IReadOnlyList<(string CaseId, string ItemId)> ItemsOfRedCases,
    IReadOnlyList<CompletedCase> Completed)
{
    /// <summary>
    /// Reads what the summary of [<paramref name="start"/>, <paramref name="end"/>) needs: five independent queries, run
    /// side by side on connections of their own (the summary then waits for the slowest, not for their sum).
    /// </summary>
    public static async Task<SlaData> ReadAsync(SqlSlaStore store, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var lit = store.LitStepsAsync(cancellationToken);
        var redNow = store.RedCasesAsync(cancellationToken);
        var redEvents = store.RedEventsAsync(start, end, cancellationToken);
        var itemsOfRed = store.ItemsOfRedCasesAsync(start, end, cancellationToken);
        var completed = store.CompletedCasesAsync(start, end, cancellationToken);
        await Task.WhenAll(lit, redNow, redEvents, itemsOfRed, completed);
        return new SlaData(await lit, await redNow, await redEvents, await itemsOfRed, await completed);
    }
}

/// <summary>
/// Computes the summary. Scoped to a department, lights and breaches count that department's steps only (a case's own
/// light belongs to no department) and completion figures count cases with a step there; scoped to an item, steps of
/// that item and cases holding it (a case's own breach counts for each of its items).
/// </summary>
public static class SlaFigures
{
    /// <summary>The summary of <paramref name="data"/> within the optional filters, with one group per department and item seen.</summary>
    public static SlaSummaryDto Summarize(SlaData data, WorkingCalendar calendar, DateOnly from, DateOnly to, string? department, string? item)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(calendar);
        var itemsOfRed = Lookup(data.ItemsOfRedCases.Concat(data.RedCasesNow));

        var departments = data.LitSteps.Select(s => s.Department).Concat(data.RedEvents.Select(e => e.Department)).Concat(data.Completed.SelectMany(c => c.Departments))
            .OfType<string>().Where(d => d.Length > 0 && (department is null || d == department)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var items = data.LitSteps.Select(s => s.ItemId).Concat(data.RedEvents.Select(e => e.ItemId)).Concat(itemsOfRed.Values.SelectMany(v => v))
            .Concat(data.Completed.SelectMany(c => c.Items))
            .OfType<string>().Where(i => item is null || i == item).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        // One pass over the completed cases: each adds to the overall tally and to those of its departments and items in
        // scope, instead of every group filtering every case. Handling time is computed once per (opening day, completion
        // day), and the cases go in order of it, so that every tally's list of days comes out sorted for the percentiles.
        var overall = new Tally();
        var byDepartment = departments.ToDictionary(d => d, _ => new Tally(), StringComparer.Ordinal);
        var byItem = items.ToDictionary(i => i, _ => new Tally(), StringComparer.Ordinal);
        var handling = new Dictionary<(DateOnly, DateOnly), int?>();
        var ordered = data.Completed.Select(c => (Case: c, Days: HandlingDays(calendar, handling, c))).OrderBy(p => p.Days ?? int.MaxValue);
        foreach (var (c, days) in ordered)
        {
            var inDepartment = department is null || c.Departments.Contains(department, StringComparer.Ordinal);
            var inItem = item is null || c.Items.Contains(item, StringComparer.Ordinal);
            if (!inDepartment && !inItem)
            {
                continue;
            }

            if (inDepartment && inItem)
            {
                overall.Add(c, days);
            }

            if (inItem)
            {
                foreach (var d in c.Departments)
                {
                    if (byDepartment.TryGetValue(d, out var tally))
                    {
                        tally.Add(c, days);
                    }
                }
            }

            if (inDepartment)
            {
                foreach (var i in c.Items)
                {
                    if (byItem.TryGetValue(i, out var tally))
                    {
                        tally.Add(c, days);
                    }
                }
            }
        }

        var red = new RedTally(data, itemsOfRed);
        return new SlaSummaryDto(from, to, department, item, Figures(data.LitSteps, red, overall, department, item),
            [.. departments.Select(d => new SlaGroupDto(d, Figures(data.LitSteps, red, byDepartment[d], d, item)))],
            [.. items.Select(i => new SlaGroupDto(i, Figures(data.LitSteps, red, byItem[i], department, i)))]);
    }

    private static int? HandlingDays(WorkingCalendar calendar, Dictionary<(DateOnly, DateOnly), int?> known, CompletedCase c)
    {
        var key = (OfficeTime.DateOf(c.OpenedAt), OfficeTime.DateOf(c.CompletedAt));
        if (!known.TryGetValue(key, out var days))
        {
            try
            {
                days = calendar.WorkingDaysBetween(key.Item1, key.Item2);
            }
            catch (CalendarYearUnknownException)
            {
                // A case in a year the calendar does not know has no handling time; the other figures still count it.
                days = null;
            }

            known[key] = days;
        }

        return days;
    }

    private static SlaFiguresDto Figures(IReadOnlyList<LitSteps> litSteps, RedTally red, Tally completed, string? department, string? item)
    {
        bool StepIn(string? stepDepartment, string? stepItem) =>
            (department is null || stepDepartment == department) && (item is null || stepItem == item);

        var lit = litSteps.Where(s => StepIn(s.Department, s.ItemId)).ToList();
        int Lit(string light) => lit.Where(s => s.Light == light).Sum(s => s.Count);
        var redStepsInPeriod = red.Steps.Where(p => StepIn(p.Key.Department, p.Key.Item)).Sum(p => p.Value);
        var redCasesInPeriod = department is not null ? 0 : red.CasesInPeriod.Holding(item);
        var redCasesNow = department is not null ? 0 : red.CasesNow.Holding(item);

        var evaluations = Enumerable.Range(1, 5).ToDictionary(
            level => level.ToString(System.Globalization.CultureInfo.InvariantCulture), level => completed.Evaluations[level - 1]);
        var count = completed.Count;
        return new SlaFiguresDto(
            new LightCountsDto(Lit("green"), Lit("yellow"), Lit("red")),
            new BreachCountsDto(redStepsInPeriod + redCasesInPeriod, Lit("red") + redCasesNow),
            count,
            completed.OnTime,
            count == 0 ? null : (double)completed.OnTime / count,
            NearestRank(completed.Days, 0.5),
            NearestRank(completed.Days, 0.9),
            count == 0 ? null : (double)completed.Trips / count,
            count == 0 ? null : (double)completed.AtMostOneTrip / count,
            evaluations);
    }

    /// <summary>The nearest-rank percentile of sorted values: the value at rank ceil(p·n).</summary>
    public static int? NearestRank(IReadOnlyList<int> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        return sorted.Count == 0 ? null : sorted[Math.Max(0, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    private static Dictionary<string, HashSet<string>> Lookup(IEnumerable<(string Key, string Value)> pairs)
    {
        var map = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            if (!map.TryGetValue(key, out var values))
            {
                map[key] = values = new HashSet<string>(StringComparer.Ordinal);
            }

            values.Add(value);
        }

        return map;
    }

    /// <summary>
    /// The period's red steps and cases and the cases red now, each counted once, so that a scope sums a few counts
    /// instead of going through every event again. A step has one department, so a step counted per (department, item)
    /// is counted once in any scope.
    /// </summary>
    private sealed class RedTally
    {
        public RedTally(SlaData data, Dictionary<string, HashSet<string>> itemsOf)
        {
            Steps = data.RedEvents.Where(e => e.StepId is not null).Select(e => (e.CaseId, e.ItemId, e.StepId, e.Department)).Distinct()
                .CountBy(e => (e.Department, e.ItemId)).ToDictionary(p => p.Key, p => p.Value);
            CasesInPeriod = new RedCases(data.RedEvents.Where(e => e.StepId is null).Select(e => e.CaseId), itemsOf);
            CasesNow = new RedCases(data.RedCasesNow.Select(p => p.CaseId), itemsOf);
        }

        /// <summary>Distinct red steps of the period by (department, item).</summary>
        public Dictionary<(string? Department, string? Item), int> Steps { get; }

        public RedCases CasesInPeriod { get; }

        public RedCases CasesNow { get; }
    }

    /// <summary>Distinct cases, counted in all and per item they hold.</summary>
    private sealed class RedCases
    {
        private readonly int all;
        private readonly Dictionary<string, int> byItem = new(StringComparer.Ordinal);

        public RedCases(IEnumerable<string> caseIds, Dictionary<string, HashSet<string>> itemsOf)
        {
            foreach (var caseId in caseIds.Distinct(StringComparer.Ordinal))
            {
                all++;
                foreach (var item in itemsOf.TryGetValue(caseId, out var items) ? items : [])
                {
                    byItem[item] = byItem.GetValueOrDefault(item) + 1;
                }
            }
        }

        /// <summary>How many of the cases hold <paramref name="item"/>; all of them when it is null.</summary>
        public int Holding(string? item) => item is null ? all : byItem.GetValueOrDefault(item);
    }

    /// <summary>The completion figures of one scope, added up case by case.</summary>
    private sealed class Tally
    {
        public int Count { get; private set; }

        public int OnTime { get; private set; }

        public long Trips { get; private set; }

        public int AtMostOneTrip { get; private set; }

        public int[] Evaluations { get; } = new int[5];

        /// <summary>Handling times in working days of the cases that have one, in order (cases are added in that order).</summary>
        public List<int> Days { get; } = [];

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
                Days.Add(value);
            }
        }
    }
}
