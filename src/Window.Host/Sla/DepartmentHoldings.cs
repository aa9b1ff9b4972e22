using Window.Contracts;
using Window.Host.Api;
using Window.Workflows.Calendar;

namespace Window.Host.Sla;

/// <summary>One step as a department held it: from ready to decided (or now), its returns and the working days counted.</summary>
/// <param name="Id">The step ("item.step").</param>
/// <param name="Step">The step as the case shows it.</param>
/// <param name="From">When it became ready.</param>
/// <param name="To">When it was decided, or null while it is still open.</param>
/// <param name="Returns">How many times it was returned for supplement.</param>
/// <param name="WorkingDays">Working days it was held, waiting for the talent excluded.</param>
/// <param name="TalentWorkingDays">Working days it waited for the talent's supplement.</param>
public sealed record HeldStep(string Id, CaseStepDto Step, DateTimeOffset From, DateTimeOffset? To, int Returns, int WorkingDays, int TalentWorkingDays);

/// <summary>
/// One department's part in a case: the working days it held the case (the working days on which any of its steps was open,
/// not waiting for the talent), the working days its returns waited for the talent, its returns and steps.
/// </summary>
public sealed record DepartmentHolding(string Department, int WorkingDays, int TalentWorkingDays, int Returns, bool Holding, IReadOnlyList<HeldStep> Steps);

/// <summary>
/// The trace for people: per department, how long it held a case, counted on the working calendar. A day counts as in
/// <see cref="WorkingCalendar.WorkingDaysBetween"/>: the working days after the start, up to and including the end, so a
/// step decided the day it arrived held the case 0 working days. A return pauses the department's clock from the return
/// to the talent's supplement (or now); several steps open at once count each working day once.
/// </summary>
public static class DepartmentHoldings
{
    /// <summary>The departments of <paramref name="view"/> in the order they first received a step.</summary>
    public static IReadOnlyList<DepartmentHolding> Of(CaseDto view, IReadOnlyList<TimelineEntryDto> timeline, WorkingCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(timeline);
        ArgumentNullException.ThrowIfNull(calendar);
        var ordered = timeline.OrderBy(t => t.Seq).ToList();
        var end = view.CompletedAt ?? (view.Status is "open" ? now : ordered.LastOrDefault()?.At ?? now);
        return [.. view.Steps
            .Where(s => s.Department is not null && s.ReadyAt is not null && s.Status is not "skipped" and not "cancelled")
            .GroupBy(s => s.Department!)
            .OrderBy(g => g.Min(s => s.ReadyAt))
            .Select(g =>
            {
                var steps = g.OrderBy(s => s.ReadyAt).Select(s => Held(s, ordered, calendar, s.CompletedAt ?? end)).ToList();
                var held = new HashSet<DateOnly>();
                var waiting = new HashSet<DateOnly>();
                foreach (var step in g)
                {
                    var (active, paused) = Spans(step, ordered, step.CompletedAt ?? end);
                    foreach (var (from, to) in active)
                    {
                        held.UnionWith(Days(from, to, calendar));
                    }

                    foreach (var (from, to) in paused)
                    {
                        waiting.UnionWith(Days(from, to, calendar));
                    }
                }

                held.ExceptWith(waiting);
                return new DepartmentHolding(g.Key, held.Count, waiting.Count, steps.Sum(s => s.Returns), g.Any(s => s.CompletedAt is null && view.Status is "open"), steps);
            })];
    }

    private static HeldStep Held(CaseStepDto step, IReadOnlyList<TimelineEntryDto> timeline, WorkingCalendar calendar, DateTimeOffset end)
    {
        var (active, paused) = Spans(step, timeline, end);
        var waiting = paused.SelectMany(p => Days(p.From, p.To, calendar)).ToHashSet();
        var held = active.SelectMany(a => Days(a.From, a.To, calendar)).Where(d => !waiting.Contains(d)).ToHashSet();
        return new HeldStep(step.Id, step, step.ReadyAt!.Value, step.CompletedAt, paused.Count, held.Count, waiting.Count);
    }

    /// <summary>The step's time with its department, and its returns (from each return to the supplement that resumed it, or the end).</summary>
    private static (List<(DateTimeOffset From, DateTimeOffset To)> Active, List<(DateTimeOffset From, DateTimeOffset To)> Paused) Spans(
        CaseStepDto step, IReadOnlyList<TimelineEntryDto> timeline, DateTimeOffset end)
    {
        var paused = new List<(DateTimeOffset, DateTimeOffset)>();
        DateTimeOffset? returnedAt = null;
        foreach (var entry in timeline.Where(t => t.Step == step.Id))
        {
            if (entry.Kind == TimelineKind.StepReturned.Stored)
            {
                returnedAt ??= entry.At;
            }
            else if (returnedAt is { } at && (entry.Kind == TimelineKind.MaterialsSupplied.Stored || entry.Kind == TimelineKind.StepResumed.Stored))
            {
                paused.Add((at, entry.At));
                returnedAt = null;
            }
        }

        if (returnedAt is { } open)
        {
            paused.Add((open, end));
        }

        return ([(step.ReadyAt!.Value, end)], paused);
    }

    private static IEnumerable<DateOnly> Days(DateTimeOffset from, DateTimeOffset to, WorkingCalendar calendar)
    {
        for (var d = OfficeTime.DateOf(from).AddDays(1); d <= OfficeTime.DateOf(to); d = d.AddDays(1))
        {
            if (calendar.IsWorkingDay(d))
            {
                yield return d;
            }
        }
    }
}
