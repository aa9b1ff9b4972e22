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

/// <summary>GET /api/sla/summary.</summary>
public sealed record SlaSummaryDto(
    DateOnly From, DateOnly To, string? Department, string? Item, SlaFiguresDto Overall, IReadOnlyList<SlaGroupDto> Departments,
    IReadOnlyList<SlaGroupDto> Items);

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
            [.. figures.Items.Select(g => new SlaGroupDto(g.Item, Dto(g.Figures)))]);
    }

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
