using Window.Storage.Sla;
using Window.Workflows.Sla;

namespace Window.Host.Sla;

/// <summary>Steps lit now by light.</summary>
public sealed record LightCountsDto(int Green, int Yellow, int Red);

/// <summary>Breaches: subjects (steps, cases) that turned red in the period, and those red now.</summary>
public sealed record BreachCountsDto(int InPeriod, int CurrentlyRed);

/// <summary>
/// The supervisor's figures for one scope. Handling time is in working days from the opening day to the completion
/// day (<see cref="Workflows.Calendar.WorkingCalendar.WorkingDaysBetween"/>); median and 90th percentile by nearest rank.
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

/// <summary>
/// GET /api/sla/summary. <see cref="ByOfficer"/>: one row per case officer with open cases now or cases completed in the
/// period; <see cref="Matrix"/>: the steps lit now by department and item (the dashboard's 红黄牌 matrix).
/// </summary>
public sealed record SlaSummaryDto(
    DateOnly From, DateOnly To, string? Department, string? Item, SlaFiguresDto Overall, IReadOnlyList<SlaGroupDto> Departments,
    IReadOnlyList<SlaGroupDto> Items)
{
    /// <summary>The officer table, most open cases first.</summary>
    public IReadOnlyList<OfficerFiguresDto> ByOfficer { get; init; } = [];

    /// <summary>Steps lit now per department × item (within the filters), by department then item.</summary>
    public IReadOnlyList<MatrixCellDto> Matrix { get; init; } = [];

    /// <summary>The administrative acts of the period: statutory breaches, refusals, extensions, suspensions, terminations.</summary>
    public ActFiguresDto Acts { get; init; } = new(0, 0, 0, 0, 0);

    /// <summary>The period's ratings and 差评 with where their rectifications stand.</summary>
    public RatingFiguresDto Ratings { get; init; } = new(0, 0, 0, 0, 0);
}

/// <summary>
/// The ratings of the period's completed cases (within the filters): rated, of them 差评 (1 or 2), and of the 差评 those
/// whose rectification is open (整改中, <see cref="Appealed"/> included), waits for a supervisor's decision on an appeal,
/// or is closed (已整改). Each opens its case list (rating=rated|poor, rectification=open|appealed|closed).
/// </summary>
public sealed record RatingFiguresDto(int Rated, int Poor, int Rectifying, int Appealed, int Rectified);

/// <summary>
/// The acts of a period (by the day they happened, within the filters; refusals are made at the window and follow only
/// the period): cases that breached their statutory limit (each once), refusals at the window, approved extensions,
/// suspensions and terminations.
/// </summary>
public sealed record ActFiguresDto(int StatutoryBreaches, int Refusals, int Extensions, int Suspensions, int Terminations);

/// <summary>
/// One case officer's figures: open cases now; of the cases completed in the period, how many, how many within the
/// promised limit and their share, the average handling time in working days, and how many were rated 差评 (1 or 2).
/// </summary>
public sealed record OfficerFiguresDto(
    string Officer, int Open, int Completed, int OnTime, double? OnTimeRate, double? AvgWorkingDays, int PoorRatings);

/// <summary>Steps of one department and item lit now, by light.</summary>
public sealed record MatrixCellDto(string Department, string Item, int Green, int Yellow, int Red);

/// <summary>The SLA figures at the edge: storage rows in, the pure aggregation (<see cref="SlaAggregation"/>), API shapes out.</summary>
public static class SlaFigures
{
    /// <summary>
    /// The summary of the days <paramref name="days"/> of [<paramref name="from"/>, <paramref name="to"/>] and the lights now,
    /// within the optional filters, with one group per department and item seen.
    /// </summary>
    public static SlaSummaryDto Summarize(
        IReadOnlyList<LitSteps> lit, IReadOnlyList<RedCases> redNow, IReadOnlyList<SlaDayTally> days, DateOnly from, DateOnly to, string? department, string? item)
    {
        ArgumentNullException.ThrowIfNull(lit);
        ArgumentNullException.ThrowIfNull(redNow);
        var figures = SlaAggregation.Summarize(
            [.. lit.Select(s => new LitStepCount(s.Department, s.ItemId, s.Light, s.Count))], [.. redNow.Select(r => new RedCaseCount(r.Items, r.Count))],
            days, from, department, item);
        return new SlaSummaryDto(from, to, department, item, Dto(figures.Overall),
            [.. figures.Departments.Select(g => new SlaGroupDto(g.Department, Dto(g.Figures)))],
            [.. figures.Items.Select(g => new SlaGroupDto(g.Item, Dto(g.Figures)))])
        {
            Matrix = Matrix(lit, department, item),
        };
    }

    /// <summary>The lit steps per department × item within the filters, ordinal order.</summary>
    public static IReadOnlyList<MatrixCellDto> Matrix(IReadOnlyList<LitSteps> lit, string? department, string? item)
    {
        ArgumentNullException.ThrowIfNull(lit);
        int Count(IEnumerable<LitSteps> cell, string light) => cell.Where(s => s.Light == light).Sum(s => s.Count);
        return [.. lit.Where(s => (department is null || s.Department == department) && (item is null || s.ItemId == item))
            .GroupBy(s => (s.Department, s.ItemId))
            .Select(g => new MatrixCellDto(g.Key.Department, g.Key.ItemId, Count(g, "green"), Count(g, "yellow"), Count(g, "red")))
            .Where(c => c.Green + c.Yellow + c.Red > 0)
            .OrderBy(c => c.Department, StringComparer.Ordinal).ThenBy(c => c.Item, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The officer table of a period within the filters: each officer's completions summed from the period's day tallies
    /// (<see cref="SlaDayTally.Officers"/>, the scope of the filters) and their open cases now.
    /// </summary>
    public static IReadOnlyList<OfficerFiguresDto> ByOfficer(
        IReadOnlyList<SlaDayTally> days, IReadOnlyList<OfficerOpenCases> open, string? department, string? item)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentNullException.ThrowIfNull(open);
        var scopeDepartment = department ?? SlaDayTally.All;
        var scopeItem = item ?? SlaDayTally.All;
        var done = days.SelectMany(d => d.Officers).Where(g => g.Department == scopeDepartment && g.Item == scopeItem)
            .GroupBy(g => g.Officer, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (Count: g.Sum(x => x.Count), OnTime: g.Sum(x => x.OnTime), Days: g.Sum(x => x.WorkingDays), Timed: g.Sum(x => x.Timed), Poor: g.Sum(x => x.Poor)), StringComparer.Ordinal);
        var holding = open.Where(o => (department is null || o.Departments.Contains(department)) && (item is null || o.Items.Contains(item)))
            .GroupBy(o => o.Officer, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(o => o.Count), StringComparer.Ordinal);
        return [.. done.Keys.Union(holding.Keys, StringComparer.Ordinal).Select(officer =>
            {
                var (count, onTime, workingDays, timed, poor) = done.GetValueOrDefault(officer);
                return new OfficerFiguresDto(
                    officer,
                    holding.GetValueOrDefault(officer),
                    count,
                    onTime,
                    count == 0 ? null : (double)onTime / count,
                    timed == 0 ? null : (double)workingDays / timed,
                    poor);
            })
            .OrderByDescending(o => o.Open).ThenBy(o => o.Officer, StringComparer.Ordinal)];
    }

    /// <summary>The rating figures: rated and 差评 from the period's figures, the rectification states from <paramref name="poor"/>.</summary>
    public static RatingFiguresDto Ratings(SlaFiguresDto overall, IReadOnlyList<PoorRating> poor, string? department, string? item)
    {
        ArgumentNullException.ThrowIfNull(overall);
        ArgumentNullException.ThrowIfNull(poor);
        var scoped = poor.Where(p => (department is null || p.Departments.Contains(department)) && (item is null || p.Items.Contains(item))).ToList();
        return new RatingFiguresDto(
            overall.Evaluations.Values.Sum(),
            Enumerable.Range(1, PoorRating).Sum(level => overall.Evaluations.GetValueOrDefault(level.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            scoped.Count(p => p.Open), scoped.Count(p => p.Appealed), scoped.Count(p => p.Closed));
    }

    /// <summary>The highest 差评 level (GB/T 39734-2020: 不满意 2, 非常不满意 1).</summary>
    public const int PoorRating = SlaDayTally.PoorRating;

    private static SlaFiguresDto Dto(ScopeFigures f) => new(
        new LightCountsDto(f.Green, f.Yellow, f.Red),
        new BreachCountsDto(f.BreachesInPeriod, f.RedNow),
        f.Completed,
        f.OnTime,
        f.OnTimeRate,
        f.MedianWorkingDays,
        f.P90WorkingDays,
        f.AverageTrips,
        f.AtMostOneTripShare,
        Enumerable.Range(1, 5).ToDictionary(level => level.ToString(System.Globalization.CultureInfo.InvariantCulture), level => f.Evaluations[level - 1]));
}
