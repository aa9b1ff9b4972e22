using Window.Workflows.Calendar;
using Window.Workflows.Definitions;
using Window.Workflows.Sla;

namespace Window.Workflows.Tests.Sla;

public class when_lights_cross_a_holiday
{
    private static readonly WorkingCalendar Calendar = Support.Calendar;

    private static DateTimeOffset EndOf(int month, int day) => OfficeTime.EndOf(new DateOnly(2026, month, day));

    private static SlaLight LightAt(ClockState clock, DateTimeOffset at) => SlaClock.Evaluate(clock, Calendar, at).Light;

    [Fact]
    public void a_clock_over_national_day_counts_the_make_up_saturday_and_skips_the_holiday()
    {
        // Tuesday 9/29: working days after it are 9/30, 10/8, 10/9, Saturday 10/10 (make-up), 10/12; 10/1–10/7 are off.
        var clock = ClockState.Start(new DateTimeOffset(2026, 9, 29, 10, 0, 0, OfficeTime.Offset), 4, new WarningThreshold(1, null));

        var deadline = SlaClock.Evaluate(clock, Calendar, EndOf(9, 30));

        Assert.Equal((EndOf(10, 9), EndOf(10, 10)), (deadline.WarnAt, deadline.DueAt));
        Assert.Equal(SlaLight.Green, LightAt(clock, EndOf(10, 7)));
        Assert.Equal(SlaLight.Green, LightAt(clock, EndOf(10, 9).AddTicks(-1)));
        Assert.Equal(SlaLight.Yellow, LightAt(clock, EndOf(10, 9)));
        Assert.Equal(SlaLight.Yellow, LightAt(clock, EndOf(10, 10).AddTicks(-1)));
        Assert.Equal(SlaLight.Red, LightAt(clock, EndOf(10, 10)));
    }

    [Fact]
    public void a_clock_before_mid_autumn_counts_the_make_up_sunday()
    {
        // Friday 9/18: Sunday 9/20 is a make-up workday, so 3 working days end with Tuesday 9/22.
        var clock = ClockState.Start(new DateTimeOffset(2026, 9, 18, 15, 0, 0, OfficeTime.Offset), 3, new WarningThreshold(1, null));

        Assert.Equal(SlaLight.Green, LightAt(clock, EndOf(9, 21).AddTicks(-1)));
        Assert.Equal(SlaLight.Yellow, LightAt(clock, EndOf(9, 21)));
        Assert.Equal(SlaLight.Red, LightAt(clock, EndOf(9, 22)));
    }

    [Fact]
    public void a_paused_clock_never_changes_light_and_resumes_where_it_stopped()
    {
        var clock = ClockState.Start(new DateTimeOffset(2026, 9, 29, 10, 0, 0, OfficeTime.Offset), 4, new WarningThreshold(1, null));
        // Returned for supplement at 10/9 12:00 (yellow is at the end of 10/9: half a working day left before it).
        var paused = clock.Pause(true, new DateTimeOffset(2026, 10, 9, 12, 0, 0, OfficeTime.Offset));

        foreach (var at in new[] { EndOf(10, 9), EndOf(10, 10), EndOf(10, 30), EndOf(12, 31) })
        {
            var whilePaused = SlaClock.Evaluate(paused, Calendar, at);
            Assert.Equal((SlaLight.Green, (DateTimeOffset?)null, (DateTimeOffset?)null), (whilePaused.Light, whilePaused.WarnAt, whilePaused.DueAt));
        }

        // Supplied on Monday 10/12 at 09:00: the 12 hours left before yellow run from there.
        var resumed = paused.Pause(false, new DateTimeOffset(2026, 10, 12, 9, 0, 0, OfficeTime.Offset));
        var deadline = SlaClock.Evaluate(resumed, Calendar, new DateTimeOffset(2026, 10, 12, 9, 0, 0, OfficeTime.Offset));
        Assert.Equal(new DateTimeOffset(2026, 10, 12, 21, 0, 0, OfficeTime.Offset), deadline.WarnAt);
        Assert.Equal(new DateTimeOffset(2026, 10, 13, 21, 0, 0, OfficeTime.Offset), deadline.DueAt);
    }
}
