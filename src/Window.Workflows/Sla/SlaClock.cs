using System.Collections.Immutable;
using Window.Workflows.Calendar;
using Window.Workflows.Definitions;

namespace Window.Workflows.Sla;

/// <summary>A traffic light of electronic supervision (电子监察).</summary>
public enum SlaLight
{
    /// <summary>On time.</summary>
    Green,

    /// <summary>Close to the limit (the definition's warning threshold has been passed).</summary>
    Yellow,

    /// <summary>Over the limit: a breach.</summary>
    Red,
}

/// <summary>A period during which a clock did not count.</summary>
public sealed record PausePeriod(DateTimeOffset From, DateTimeOffset To);

/// <summary>
/// The stored state of one SLA clock (a case's, an item's or a step's). Limits count working days;
/// paused time (supplements, expert reviews, non-counting waits) does not count.
/// <para>
/// The rule: the clock counts working time (each working day's full 24 local hours, see
/// <see cref="WorkingCalendar.WorkingTimeBetween"/>) from 00:00 of the day after
/// <see cref="StartedAt"/>, leaving out paused periods. The clock is due when it has counted
/// <see cref="LimitDays"/> working days: without pauses that is 24:00 local on the
/// <see cref="LimitDays"/>-th working day after the start day; each paused stretch of working
/// time pushes it later by exactly that much. It warns when it has counted
/// <see cref="WarningThreshold.WarnAfter"/> of the limit, and it is red once it has counted the whole
/// limit. A stopped clock keeps the light it had when it stopped.
/// </para>
/// </summary>
public sealed record ClockState(
    DateTimeOffset StartedAt,
    int LimitDays,
    WarningThreshold Warning,
    ImmutableArray<PausePeriod> Pauses,
    DateTimeOffset? PausedSince,
    DateTimeOffset? StoppedAt)
{
    /// <summary>A running clock.</summary>
    public static ClockState Start(DateTimeOffset at, int limitDays, WarningThreshold warning) => new(at, limitDays, warning, [], null, null);

    /// <summary>Whether the clock is paused now.</summary>
    public bool IsPaused => PausedSince is not null;

    /// <summary>Whether the clock has stopped.</summary>
    public bool IsStopped => StoppedAt is not null;

    /// <summary>Pauses or resumes so that the clock is paused exactly when <paramref name="paused"/>.</summary>
    public ClockState Pause(bool paused, DateTimeOffset at) => (paused, PausedSince) switch
    {
        _ when IsStopped => this,
        (true, null) => this with { PausedSince = at },
        (false, { } since) when since < at => this with { Pauses = Pauses.Add(new PausePeriod(since, at)), PausedSince = null },
        (false, not null) => this with { PausedSince = null },
        _ => this,
    };

    /// <summary>Stops the clock (the step is done or the item or case is decided).</summary>
    public ClockState Stop(DateTimeOffset at) => IsStopped ? this : Pause(false, at) with { StoppedAt = at };
}

/// <summary>A clock as seen at one instant: what a watcher stores and what a dashboard shows.</summary>
/// <param name="WarnAt">When the clock turns (or turned) yellow; null while paused or stopped.</param>
/// <param name="DueAt">When the clock turns (or turned) red; null while paused or stopped.</param>
/// <param name="Light">The light at the instant asked about.</param>
/// <param name="IsPaused">Whether the clock is paused.</param>
/// <param name="Counted">The working time counted so far.</param>
/// <param name="Provisional">
/// Whether <see cref="DueAt"/> was counted through a year whose holidays are not published yet, so that it may move
/// when they are (<see cref="WorkingCalendar.IsProvisional(DateOnly, DateOnly)"/>).
/// </param>
public sealed record Deadline(DateTimeOffset? WarnAt, DateTimeOffset? DueAt, SlaLight Light, bool IsPaused, TimeSpan Counted, bool Provisional = false);

/// <summary>Computes deadlines and lights of <see cref="ClockState"/>s on a <see cref="WorkingCalendar"/>.</summary>
public static class SlaClock
{
    /// <summary>The clock at <paramref name="now"/>.</summary>
    public static Deadline Evaluate(ClockState clock, WorkingCalendar calendar, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(calendar);
        var limit = TimeSpan.FromDays(clock.LimitDays);
        var warnAfter = clock.Warning.WarnAfter(limit);
        var counted = CountedTime(clock, calendar, now);
        var light = counted >= limit ? SlaLight.Red : counted >= warnAfter ? SlaLight.Yellow : SlaLight.Green;
        var running = !clock.IsPaused && !clock.IsStopped;
        var due = running ? InstantCounting(clock, calendar, limit) : (DateTimeOffset?)null;
        return new Deadline(
            running ? InstantCounting(clock, calendar, warnAfter) : null,
            due,
            light,
            clock.IsPaused,
            counted,
            due is { } d && calendar.IsProvisional(OfficeTime.DateOf(clock.StartedAt), OfficeTime.DateOf(d)));
    }

    /// <summary>The working time the clock has counted by <paramref name="at"/> (never past its stop).</summary>
    public static TimeSpan CountedTime(ClockState clock, WorkingCalendar calendar, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(calendar);
        var end = clock.StoppedAt is { } stopped && stopped < at ? stopped : at;
        var sum = TimeSpan.Zero;
        foreach (var (from, to) in new ActiveIntervals(clock))
        {
            sum += calendar.WorkingTimeBetween(from, to is { } t && t < end ? t : end);
        }

        return sum;
    }

    /// <summary>The instant at which a running clock will have counted <paramref name="amount"/>.</summary>
    private static DateTimeOffset InstantCounting(ClockState clock, WorkingCalendar calendar, TimeSpan amount)
    {
        var remaining = amount;
        foreach (var (from, to) in new ActiveIntervals(clock))
        {
            if (to is not { } end)
            {
                return calendar.AddWorkingTime(from, remaining);
            }

            var available = calendar.WorkingTimeBetween(from, end);
            if (remaining <= available)
            {
                return calendar.AddWorkingTime(from, remaining);
            }

            remaining -= available;
        }

        throw new InvalidOperationException("A running clock always ends with an open interval.");
    }

    /// <summary>
    /// The counting intervals: from the first counted instant, between pauses; the last is open (null end) unless paused or
    /// stopped. Enumerated in place: every view evaluates each clock three times, so a list per call was a measurable
    /// share of a command's garbage (issue 26).
    /// </summary>
    private struct ActiveIntervals(ClockState clock)
    {
        private DateTimeOffset from = OfficeTime.EndOf(OfficeTime.DateOf(clock.StartedAt));
        private int next;
        private bool ended;

        public (DateTimeOffset From, DateTimeOffset? To) Current { get; private set; }

        public readonly ActiveIntervals GetEnumerator() => this;

        public bool MoveNext()
        {
            while (next < clock.Pauses.Length)
            {
                var pause = clock.Pauses[next++];
                var start = from;
                from = pause.To > from ? pause.To : from;
                if (pause.From > start)
                {
                    Current = (start, pause.From);
                    return true;
                }
            }

            if (ended)
            {
                return false;
            }

            ended = true;
            DateTimeOffset? last = clock.PausedSince ?? clock.StoppedAt;
            Current = (from, last);
            return last is null || last > from;
        }
    }
}
