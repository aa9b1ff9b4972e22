using FsCheck.Xunit;
using Window.Workflows.Calendar;
using Window.Workflows.Definitions;
using Window.Workflows.Sla;

namespace Window.Workflows.Tests.Sla;

public class when_running_an_sla_clock
{
    private static readonly WorkingCalendar Calendar = Support.Calendar;

    // Monday 2026-09-21 10:00: the next working days are 9/22, 9/23, 9/24, 9/28 (Mid-Autumn 9/25–27), 9/29, 9/30, 10/8 (National Day).
    private static readonly DateTimeOffset Start = new(2026, 9, 21, 10, 0, 0, OfficeTime.Offset);

    private static DateTimeOffset EndOf(int month, int day) => OfficeTime.EndOf(new DateOnly(2026, month, day));

    [Fact]
    public void due_is_the_end_of_the_nth_working_day_after_the_start_day()
    {
        var clock = ClockState.Start(Start, 5, WarningThreshold.Default);

        var deadline = SlaClock.Evaluate(clock, Calendar, Start);

        Assert.Equal(EndOf(9, 29), deadline.DueAt);
        Assert.Equal(EndOf(9, 24), deadline.WarnAt);
        Assert.Equal(SlaLight.Green, deadline.Light);
    }

    [Fact]
    public void a_fraction_threshold_warns_after_that_share_of_the_limit()
    {
        var clock = ClockState.Start(Start, 5, new WarningThreshold(null, 0.8));

        Assert.Equal(EndOf(9, 28), SlaClock.Evaluate(clock, Calendar, Start).WarnAt);
    }

    [Fact]
    public void the_light_turns_yellow_at_the_warning_and_red_at_the_due_instant()
    {
        var clock = ClockState.Start(Start, 5, WarningThreshold.Default);

        Assert.Equal(SlaLight.Green, SlaClock.Evaluate(clock, Calendar, EndOf(9, 24).AddTicks(-1)).Light);
        Assert.Equal(SlaLight.Yellow, SlaClock.Evaluate(clock, Calendar, EndOf(9, 24)).Light);
        Assert.Equal(SlaLight.Yellow, SlaClock.Evaluate(clock, Calendar, EndOf(9, 29).AddTicks(-1)).Light);
        Assert.Equal(SlaLight.Red, SlaClock.Evaluate(clock, Calendar, EndOf(9, 29)).Light);
    }

    [Fact]
    public void a_pause_shifts_the_due_instant_by_the_paused_working_time_and_hides_it_while_paused()
    {
        var pausedAt = EndOf(9, 22);
        var paused = ClockState.Start(Start, 5, WarningThreshold.Default).Pause(true, pausedAt);
        var resumed = paused.Pause(false, EndOf(9, 24));

        var whilePaused = SlaClock.Evaluate(paused, Calendar, EndOf(9, 23));

        Assert.Null(whilePaused.DueAt);
        Assert.Null(whilePaused.WarnAt);
        Assert.True(whilePaused.IsPaused);
        Assert.Equal(TimeSpan.FromDays(1), whilePaused.Counted);
        Assert.Equal(EndOf(10, 8), SlaClock.Evaluate(resumed, Calendar, EndOf(9, 24)).DueAt);
    }

    [Fact]
    public void a_stopped_clock_keeps_the_light_it_stopped_with()
    {
        var clock = ClockState.Start(Start, 5, WarningThreshold.Default).Stop(EndOf(9, 22));

        var later = SlaClock.Evaluate(clock, Calendar, EndOf(10, 30));

        Assert.Equal(SlaLight.Green, later.Light);
        Assert.Null(later.DueAt);
    }

    [Property(MaxTest = 150)]
    public bool a_due_date_never_lands_on_a_day_off_and_counts_no_paused_time(ushort startOffset, byte limit, byte[] pauses)
    {
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, OfficeTime.Offset).AddHours(startOffset % (24 * 500));
        var clock = ClockState.Start(start, 1 + (limit % 20), WarningThreshold.Default);
        var at = start;
        var periods = new List<(DateTimeOffset From, DateTimeOffset To)>();
        var countFrom = OfficeTime.EndOf(OfficeTime.DateOf(start));
        foreach (var hours in (pauses ?? []).Take(6))
        {
            at = at.AddHours(1 + (hours % 50));
            var resumeAt = at.AddHours(1 + (hours % 30));
            clock = clock.Pause(true, at).Pause(false, resumeAt);
            periods.Add((at, resumeAt));
            at = resumeAt;
        }

        var due = SlaClock.Evaluate(clock, Calendar, at).DueAt!.Value;

        static DateTimeOffset Clip(DateTimeOffset t, DateTimeOffset low, DateTimeOffset high) => t < low ? low : t > high ? high : t;
        var paused = periods.Aggregate(TimeSpan.Zero, (sum, p) => sum + Calendar.WorkingTimeBetween(Clip(p.From, countFrom, due), Clip(p.To, countFrom, due)));
        var dueDate = OfficeTime.DateOf(due.AddTicks(-1));
        var countedTowardsLimit = Calendar.WorkingTimeBetween(countFrom, due) - paused;
        return Calendar.IsWorkingDay(dueDate)
            && countedTowardsLimit == TimeSpan.FromDays(clock.LimitDays)
            && SlaClock.CountedTime(clock, Calendar, due) == TimeSpan.FromDays(clock.LimitDays);
    }
}
