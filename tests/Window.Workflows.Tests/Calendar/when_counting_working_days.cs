using FsCheck.Xunit;
using Window.Workflows.Calendar;

namespace Window.Workflows.Tests.Calendar;

public class when_counting_working_days
{
    private static readonly WorkingCalendar Calendar = Support.Calendar;

    [Theory]
    [InlineData("2026-09-24", true)]
    [InlineData("2026-09-25", false)]
    [InlineData("2026-09-27", false)]
    [InlineData("2026-09-20", true)]
    [InlineData("2026-10-01", false)]
    [InlineData("2026-10-07", false)]
    [InlineData("2026-10-08", true)]
    [InlineData("2026-10-10", true)]
    [InlineData("2026-10-11", false)]
    [InlineData("2025-01-26", true)]
    [InlineData("2025-10-08", false)]
    [InlineData("2025-10-11", true)]
    public void national_day_and_mid_autumn_holidays_and_make_up_days_are_respected(string date, bool working)
    {
        Assert.Equal(working, Calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void adding_working_days_skips_the_mid_autumn_holiday()
    {
        Assert.Equal(new DateOnly(2026, 9, 28), Calendar.AddWorkingDays(new DateOnly(2026, 9, 24), 1));
    }

    [Fact]
    public void adding_working_days_jumps_the_golden_week_and_lands_on_the_make_up_saturday()
    {
        Assert.Equal(new DateOnly(2026, 10, 8), Calendar.AddWorkingDays(new DateOnly(2026, 9, 30), 1));
        Assert.Equal(new DateOnly(2026, 10, 10), Calendar.AddWorkingDays(new DateOnly(2026, 9, 30), 3));
    }

    [Fact]
    public void the_make_up_sunday_before_the_holiday_counts()
    {
        Assert.Equal(new DateOnly(2026, 9, 20), Calendar.AddWorkingDays(new DateOnly(2026, 9, 18), 1));
    }

    [Fact]
    public void working_days_between_count_the_end_but_not_the_start()
    {
        Assert.Equal(6, Calendar.WorkingDaysBetween(new DateOnly(2026, 9, 24), new DateOnly(2026, 10, 10)));
        Assert.Equal(-6, Calendar.WorkingDaysBetween(new DateOnly(2026, 10, 10), new DateOnly(2026, 9, 24)));
    }

    [Fact]
    public void a_date_beyond_the_published_years_is_counted_on_the_provisional_year_and_marked_so()
    {
        var due = Calendar.AddWorkingDays(new DateOnly(2026, 12, 28), 5);

        Assert.Equal(new DateOnly(2027, 1, 5), due);
        Assert.True(Calendar.IsProvisional(new DateOnly(2026, 12, 28), due));
        Assert.False(Calendar.IsProvisional(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 28)));
    }

    [Fact]
    public void an_administrator_can_add_a_year()
    {
        var year2027 = new CalendarYear(2027, new HashSet<DateOnly> { new(2027, 1, 1) }, new HashSet<DateOnly>());

        var extended = Calendar.WithYear(year2027);

        Assert.Equal([2025, 2026, 2027], extended.Years);
        Assert.False(extended.IsWorkingDay(new DateOnly(2027, 1, 1)));
        Assert.Equal(new DateOnly(2027, 1, 4), extended.AddWorkingDays(new DateOnly(2026, 12, 31), 1));
    }

    [Fact]
    public void working_time_counts_only_working_days_in_office_time()
    {
        var thursdayNoon = new DateTimeOffset(2026, 9, 24, 12, 0, 0, OfficeTime.Offset);
        var mondayNoon = new DateTimeOffset(2026, 9, 28, 12, 0, 0, OfficeTime.Offset);

        Assert.Equal(TimeSpan.FromHours(24), Calendar.WorkingTimeBetween(thursdayNoon, mondayNoon));
        Assert.Equal(mondayNoon, Calendar.AddWorkingTime(thursdayNoon, TimeSpan.FromHours(24)));
    }

    [Property(MaxTest = 200)]
    public bool add_then_between_round_trips(ushort offset, byte days)
    {
        var start = new DateOnly(2025, 1, 1).AddDays(offset % 600);
        var n = days % 40;
        return Calendar.WorkingDaysBetween(start, Calendar.AddWorkingDays(start, n)) == n;
    }

    [Property(MaxTest = 200)]
    public bool a_positive_addition_always_lands_on_a_working_day(ushort offset, byte days)
    {
        var start = new DateOnly(2025, 1, 1).AddDays(offset % 600);
        return Calendar.IsWorkingDay(Calendar.AddWorkingDays(start, 1 + (days % 40)));
    }
}
