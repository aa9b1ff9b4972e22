using System.Runtime.InteropServices;
using Window.Workflows.Calendar;

namespace Window.Workflows.Sla;

/// <summary>A case completed in a period, with what the SLA figures group and measure it by.</summary>
/// <param name="OpenedAt">When it was accepted.</param>
/// <param name="CompletedAt">When it was completed.</param>
/// <param name="PromisedBy">The promised completion day.</param>
/// <param name="Trips">The talent's in-person visits.</param>
/// <param name="Evaluation">The talent's rating 1..5, if given.</param>
/// <param name="Items">The case's service items, distinct.</param>
/// <param name="Departments">The departments its steps were routed to, distinct.</param>
/// <param name="Officer">The case officer (the officer table's row), if known.</param>
public sealed record CompletedCaseFact(
    DateTimeOffset OpenedAt, DateTimeOffset CompletedAt, DateOnly PromisedBy, int Trips, int? Evaluation, IReadOnlyList<string> Items,
    IReadOnlyList<string> Departments, string? Officer = null);

/// <summary>A subject (step or case) turning red; <see cref="StepId"/> null for the case's own light.</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Seq">The change's place in the case's journal (the first change of a subject counts).</param>
/// <param name="ItemId">The step's item.</param>
/// <param name="StepId">The step, or null for the case.</param>
/// <param name="Department">The step's department.</param>
/// <param name="PreviousAt">When the same subject last turned red before, or null if never.</param>
/// <param name="CaseItems">For a case's own light, the case's items; empty for a step.</param>
public sealed record RedChangeFact(
    string CaseId, int Seq, string? ItemId, string? StepId, string? Department, DateTimeOffset? PreviousAt, IReadOnlyList<string> CaseItems);

/// <summary>How many open steps of a department and item show a light now.</summary>
public sealed record LitStepCount(string Department, string ItemId, string Light, int Count);

/// <summary>How many open cases red now hold the same items.</summary>
public sealed record RedCaseCount(IReadOnlyList<string> Items, int Count);

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

/// <summary>One case officer's completions in one scope (a department or "*", an item or "*"): the officer table's figures.</summary>
/// <param name="Officer">The case officer.</param>
/// <param name="Department">A department the cases had a step in, or "*".</param>
/// <param name="Item">An item the cases hold, or "*".</param>
/// <param name="Count">Cases completed.</param>
/// <param name="OnTime">Of them, completed by the end of their promised day.</param>
/// <param name="WorkingDays">Their handling time in working days, summed (over <paramref name="Timed"/> cases).</param>
/// <param name="Timed">Of them, those whose handling time the calendar could count.</param>
/// <param name="Poor">Of them, rated 差评 (1 or 2).</param>
public sealed record OfficerGroup(string Officer, string Department, string Item, int Count, int OnTime, long WorkingDays, int Timed, int Poor);

/// <summary>Subjects that turned red, counted by where they were and when they had last turned red before.</summary>
/// <param name="Department">A step's department ("" for none); "" for cases, whose own light belongs to no department.</param>
/// <param name="Item">A step's item; for cases, an item they hold or "*" for every case.</param>
/// <param name="PreviousDay">The office day the subject last turned red before, or null if it never had.</param>
/// <param name="Count">How many subjects.</param>
public sealed record RedGroup(string Department, string Item, DateOnly? PreviousDay, int Count);

/// <summary>
/// What a stretch of days (one day that is over, or today so far) adds to the SLA figures: completion figures per scope
/// and the subjects that turned red in it, each counted once, with the day it had last turned red before (so that a
/// period counts a subject once: on the first of its days in the period). The host stores it as it is.
/// </summary>
public sealed record SlaDayTally(IReadOnlyList<CompletedGroup> Completed, IReadOnlyList<RedGroup> RedSteps, IReadOnlyList<RedGroup> RedCases)
{
    /// <summary>The scope "every case" (or "every department") in <see cref="CompletedGroup"/> and <see cref="RedGroup"/>.</summary>
    public const string All = "*";

    /// <summary>The officer table's completions by officer and scope (empty in tallies stored before it was kept).</summary>
    public IReadOnlyList<OfficerGroup> Officers { get; init; } = [];

    /// <summary>The tally of the completions and red changes of a stretch of days; handling time counted on <paramref name="calendar"/>.</summary>
    public static SlaDayTally Of(IEnumerable<CompletedCaseFact> completions, IEnumerable<RedChangeFact> redChanges, WorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(completions);
        ArgumentNullException.ThrowIfNull(redChanges);
        ArgumentNullException.ThrowIfNull(calendar);
        // A case adds to every pair of its departments and items (and "*"): a month is millions of additions, so the
        // scopes and officers are numbered once and their figures are added in place, with no allocation per addition.
        var scopes = new Dictionary<(string Department, string Item), int>();
        var scopeKeys = new List<(string Department, string Item)>();
        var completed = new List<CompletionTally>();
        var officerNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var officerNames = new List<string>();
        var officers = new Dictionary<(int Officer, int Scope), OfficerTally>();
        var handling = new Dictionary<(DateOnly, DateOnly), int?>();
        foreach (var c in completions)
        {
            var days = HandlingDays(calendar, handling, c);
            var onTime = c.CompletedAt <= OfficeTime.EndOf(c.PromisedBy);
            var poor = c.Evaluation is >= 1 and <= PoorRating;
            var officer = -1;
            if (c.Officer is { } name)
            {
                ref var number = ref CollectionsMarshal.GetValueRefOrAddDefault(officerNumbers, name, out var known);
                if (!known)
                {
                    number = officerNames.Count;
                    officerNames.Add(name);
                }

                officer = number;
            }

            for (var d = -1; d < c.Departments.Count; d++)
            {
                var department = d < 0 ? All : c.Departments[d];
                for (var i = -1; i < c.Items.Count; i++)
                {
                    var item = i < 0 ? All : c.Items[i];
                    ref var scope = ref CollectionsMarshal.GetValueRefOrAddDefault(scopes, (department, item), out var seen);
                    if (!seen)
                    {
                        scope = completed.Count;
                        completed.Add(new CompletionTally());
                        scopeKeys.Add((department, item));
                    }

                    completed[scope].Add(c, days, onTime);
                    if (officer >= 0)
                    {
                        CollectionsMarshal.GetValueRefOrAddDefault(officers, (officer, scope), out _).Add(onTime, days, poor);
                    }
                }
            }
        }

        // A subject counts once, with the previous red change of its first change here. A case's own light and its
        // items' lights (step null) are one subject: the case.
        var first = redChanges.GroupBy(e => e.StepId is null ? (e.CaseId, (string?)null, (string?)null, (string?)null) : (e.CaseId, e.ItemId, e.StepId, e.Department))
            .Select(g => g.MinBy(e => e.Seq)!).ToList();
        static DateOnly? Previous(RedChangeFact e) => e.PreviousAt is { } at ? OfficeTime.DateOf(at) : null;
        var steps = first.Where(e => e.StepId is not null)
            .CountBy(e => (e.Department ?? "", e.ItemId ?? "", Previous(e)))
            .Select(p => new RedGroup(p.Key.Item1, p.Key.Item2, p.Key.Item3, p.Value));
        var cases = first.Where(e => e.StepId is null)
            .SelectMany(e => e.CaseItems.Distinct(StringComparer.Ordinal).Prepend(All).Select(item => (Item: item, Previous: Previous(e))))
            .CountBy(p => p)
            .Select(p => new RedGroup("", p.Key.Item, p.Key.Previous, p.Value));
        // Numbers index the lists they were added to (a dictionary's enumeration order is not promised to be insertion order).
        return new SlaDayTally([.. scopeKeys.Select((key, scope) => completed[scope].Group(key.Department, key.Item))], [.. steps], [.. cases])
        {
            Officers = [.. officers.Select(p => p.Value.Group(officerNames[p.Key.Officer], scopeKeys[p.Key.Scope].Department, scopeKeys[p.Key.Scope].Item))],
        };
    }

    /// <summary>The highest 差评 level (GB/T 39734-2020: 不满意 2, 非常不满意 1).</summary>
    public const int PoorRating = 2;

    private static int? HandlingDays(WorkingCalendar calendar, Dictionary<(DateOnly, DateOnly), int?> known, CompletedCaseFact c)
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
    public void Add(CompletedCaseFact c, int? days, bool onTime)
    {
        Count++;
        OnTime += onTime ? 1 : 0;
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

/// <summary>One officer's completion figures in one scope, added up in place (see <see cref="OfficerGroup"/>).</summary>
internal struct OfficerTally
{
    private int count;
    private int onTime;
    private long workingDays;
    private int timed;
    private int poor;

    /// <summary>One completed case: on time or not, handled in <paramref name="days"/> working days (null when unknown), rated 差评 or not.</summary>
    public void Add(bool onTime, int? days, bool poor)
    {
        count++;
        this.onTime += onTime ? 1 : 0;
        workingDays += days ?? 0;
        timed += days is null ? 0 : 1;
        this.poor += poor ? 1 : 0;
    }

    /// <summary>The figures as a day's tally stores them.</summary>
    public readonly OfficerGroup Group(string officer, string department, string item) => new(officer, department, item, count, onTime, workingDays, timed, poor);
}
