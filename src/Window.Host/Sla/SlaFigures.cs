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
public sealed record SlaData(
    IReadOnlyList<LitSteps> LitSteps,
    IReadOnlyList<(string CaseId, string ItemId)> RedCasesNow,
    IReadOnlyList<RedEvent> RedEvents,
    IReadOnlyList<(string CaseId, string ItemId)> ItemsOfRedCases,
    IReadOnlyList<CompletedCase> Completed,
    IReadOnlyList<(string CaseId, string ItemId)> ItemsOfCompleted,
    IReadOnlyList<(string CaseId, string Department)> DepartmentsOfCompleted);

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
        var itemsOf = Lookup(data.ItemsOfCompleted.Concat(data.ItemsOfRedCases).Concat(data.RedCasesNow));
        var departmentsOf = Lookup(data.DepartmentsOfCompleted);

        // Each completed case's handling time once, not once per department and item group it falls in.
        var handling = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var c in data.Completed)
        {
            try
            {
                handling[c.CaseId] = calendar.WorkingDaysBetween(OfficeTime.DateOf(c.OpenedAt), OfficeTime.DateOf(c.CompletedAt));
            }
            catch (CalendarYearUnknownException)
            {
                // A case in a year the calendar does not know has no handling time; the other figures still count it.
            }
        }

        SlaFiguresDto Scope(string? d, string? i) => Figures(data, handling, itemsOf, departmentsOf, d, i);

        var departments = data.LitSteps.Select(s => s.Department).Concat(data.RedEvents.Select(e => e.Department)).Concat(data.DepartmentsOfCompleted.Select(p => p.Department))
            .OfType<string>().Where(d => d.Length > 0 && (department is null || d == department)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var items = data.LitSteps.Select(s => s.ItemId).Concat(data.RedEvents.Select(e => e.ItemId)).Concat(itemsOf.Values.SelectMany(v => v))
            .OfType<string>().Where(i => item is null || i == item).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        return new SlaSummaryDto(from, to, department, item, Scope(department, item),
            [.. departments.Select(d => new SlaGroupDto(d, Scope(d, item)))],
            [.. items.Select(i => new SlaGroupDto(i, Scope(department, i)))]);
    }

    private static SlaFiguresDto Figures(
        SlaData data, Dictionary<string, int> handling, Dictionary<string, HashSet<string>> itemsOf, Dictionary<string, HashSet<string>> departmentsOf,
        string? department, string? item)
    {
        bool Has(Dictionary<string, HashSet<string>> map, string caseId, string? value) =>
            value is null || (map.TryGetValue(caseId, out var values) && values.Contains(value));
        bool StepIn(string? stepDepartment, string? stepItem) =>
            (department is null || stepDepartment == department) && (item is null || stepItem == item);

        var lit = data.LitSteps.Where(s => StepIn(s.Department, s.ItemId)).ToList();
        int Lit(string light) => lit.Where(s => s.Light == light).Sum(s => s.Count);
        var redStepsInPeriod = data.RedEvents.Where(e => e.StepId is not null && StepIn(e.Department, e.ItemId))
            .Select(e => (e.CaseId, e.ItemId, e.StepId)).Distinct().Count();
        var redCasesInPeriod = department is not null ? 0
            : data.RedEvents.Where(e => e.StepId is null && Has(itemsOf, e.CaseId, item)).Select(e => e.CaseId).Distinct(StringComparer.Ordinal).Count();
        var redCasesNow = department is not null ? 0
            : data.RedCasesNow.Select(p => p.CaseId).Distinct(StringComparer.Ordinal).Count(c => Has(itemsOf, c, item));

        var completed = data.Completed.Where(c => Has(departmentsOf, c.CaseId, department) && Has(itemsOf, c.CaseId, item)).ToList();
        var onTime = completed.Count(c => c.CompletedAt <= OfficeTime.EndOf(c.PromisedBy));
        var days = completed.Where(c => handling.ContainsKey(c.CaseId)).Select(c => handling[c.CaseId]).ToList();
        days.Sort();
        var evaluations = Enumerable.Range(1, 5).ToDictionary(
            level => level.ToString(System.Globalization.CultureInfo.InvariantCulture), level => completed.Count(c => c.Evaluation == level));
        return new SlaFiguresDto(
            new LightCountsDto(Lit("green"), Lit("yellow"), Lit("red")),
            new BreachCountsDto(redStepsInPeriod + redCasesInPeriod, Lit("red") + redCasesNow),
            completed.Count,
            onTime,
            completed.Count == 0 ? null : (double)onTime / completed.Count,
            NearestRank(days, 0.5),
            NearestRank(days, 0.9),
            completed.Count == 0 ? null : completed.Average(c => c.Trips),
            completed.Count == 0 ? null : (double)completed.Count(c => c.Trips <= 1) / completed.Count,
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
}
