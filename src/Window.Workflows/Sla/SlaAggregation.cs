namespace Window.Workflows.Sla;

/// <summary>
/// The SLA figures of one scope. Handling time is in working days from the opening day to the completion day
/// (<see cref="Calendar.WorkingCalendar.WorkingDaysBetween"/>); median and 90th percentile by nearest rank.
/// </summary>
/// <param name="Green">Open steps green now.</param>
/// <param name="Yellow">Open steps yellow now.</param>
/// <param name="Red">Open steps red now.</param>
/// <param name="BreachesInPeriod">Subjects (steps, cases) that turned red in the period.</param>
/// <param name="RedNow">Subjects red now.</param>
/// <param name="Completed">Cases completed in the period.</param>
/// <param name="OnTime">Of them, completed by the end of their promised day.</param>
/// <param name="OnTimeRate">OnTime / Completed, when any completed.</param>
/// <param name="MedianWorkingDays">The median handling time.</param>
/// <param name="P90WorkingDays">The 90th percentile of handling time.</param>
/// <param name="AverageTrips">In-person visits per completed case.</param>
/// <param name="AtMostOneTripShare">The share of completed cases with at most one visit (最多跑一次).</param>
/// <param name="Evaluations">Ratings counted by level: index 0 is level 1.</param>
public sealed record ScopeFigures(
    int Green, int Yellow, int Red, int BreachesInPeriod, int RedNow, int Completed, int OnTime, double? OnTimeRate, int? MedianWorkingDays,
    int? P90WorkingDays, double? AverageTrips, double? AtMostOneTripShare, IReadOnlyList<int> Evaluations);

/// <summary>The figures of a period: overall (within the filters), and one group per department and item seen.</summary>
public sealed record PeriodFigures(
    ScopeFigures Overall, IReadOnlyList<(string Department, ScopeFigures Figures)> Departments, IReadOnlyList<(string Item, ScopeFigures Figures)> Items);

/// <summary>
/// Adds up the SLA figures of a period from its days' tallies and the lights now; no I/O. Scoped to a department, lights
/// and breaches count that department's steps only (a case's own light belongs to no department) and completion figures
/// count cases with a step there; scoped to an item, steps of that item and cases holding it (a case's own breach counts
/// for each of its items).
/// </summary>
public static class SlaAggregation
{
    /// <summary>
    /// The figures of the days <paramref name="days"/> of a period starting on <paramref name="from"/> and the lights now,
    /// within the optional filters, with one group per department and item seen.
    /// </summary>
    public static PeriodFigures Summarize(
        IReadOnlyList<LitStepCount> lit, IReadOnlyList<RedCaseCount> redNow, IReadOnlyList<SlaDayTally> days, DateOnly from, string? department, string? item)
    {
        ArgumentNullException.ThrowIfNull(lit);
        ArgumentNullException.ThrowIfNull(redNow);
        ArgumentNullException.ThrowIfNull(days);
        const string all = SlaDayTally.All;
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

        ScopeFigures Figures(string? d, string? i)
        {
            bool StepIn(string stepDepartment, string stepItem) => (d is null || stepDepartment == d) && (i is null || stepItem == i);
            var scoped = lit.Where(s => StepIn(s.Department, s.ItemId)).ToList();
            int Lit(string light) => scoped.Where(s => s.Light == light).Sum(s => s.Count);
            var redStepsInPeriod = redSteps.Where(p => StepIn(p.Key.Department, p.Key.Item)).Sum(p => p.Value);
            var redCasesInPeriod = d is not null ? 0 : redCases.GetValueOrDefault(i ?? all);
            var redCasesNow = d is not null ? 0 : redNow.Where(r => i is null || r.Items.Contains(i, StringComparer.Ordinal)).Sum(r => r.Count);
            var c = completed.GetValueOrDefault((d ?? all, i ?? all)) ?? new CompletionTally();
            return new ScopeFigures(
                Lit("green"),
                Lit("yellow"),
                Lit("red"),
                redStepsInPeriod + redCasesInPeriod,
                Lit("red") + redCasesNow,
                c.Count,
                c.OnTime,
                c.Count == 0 ? null : (double)c.OnTime / c.Count,
                NearestRank(c.WorkingDays, 0.5),
                NearestRank(c.WorkingDays, 0.9),
                c.Count == 0 ? null : (double)c.Trips / c.Count,
                c.Count == 0 ? null : (double)c.AtMostOneTrip / c.Count,
                [.. c.Evaluations]);
        }

        return new PeriodFigures(
            Figures(department, item), [.. departments.Select(d => (d, Figures(d, item)))], [.. items.Select(i => (i, Figures(department, i)))]);
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
