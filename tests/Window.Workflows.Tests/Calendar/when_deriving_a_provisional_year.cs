using System.Globalization;
using Window.Workflows.Calendar;

namespace Window.Workflows.Tests.Calendar;

public class when_deriving_a_provisional_year
{
    private static readonly WorkingCalendar Published = Support.Calendar;

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData(2025)]
    [InlineData(2026)]
    public void every_day_the_rules_give_off_is_off_in_the_published_year(int year)
    {
        var derived = ProvisionalYear.Derive(year);

        var workedInPublished = derived.DaysOff.Where(Published.IsWorkingDay).Order().ToList();

        Assert.Empty(workedInPublished);
        Assert.False(Published.IsProvisional(year));
    }

    [Theory]
    [InlineData(2025, "2025-01-28", "2025-01-31")]
    [InlineData(2026, "2026-02-16", "2026-02-19")]
    [InlineData(2027, "2027-02-05", "2027-02-08")]
    public void spring_festival_is_new_years_eve_and_the_first_three_lunar_days(int year, string eve, string third)
    {
        var derived = ProvisionalYear.Derive(year);

        for (var day = Day(eve); day <= Day(third); day = day.AddDays(1))
        {
            Assert.Contains(day, derived.DaysOff);
            Assert.Equal("春节", derived.Names[day]);
        }

        Assert.Equal(1, new ChineseLunisolarCalendar().GetDayOfMonth(Day(eve).AddDays(1).ToDateTime(TimeOnly.MinValue)));
    }

    [Fact]
    public void provisional_2027_has_the_statutory_days_and_their_compensations()
    {
        var calendar = Published;

        string[] statutory = ["2027-01-01", "2027-02-05", "2027-02-06", "2027-02-07", "2027-02-08", "2027-04-05", "2027-05-01", "2027-05-02",
            "2027-06-09", "2027-09-15", "2027-10-01", "2027-10-02", "2027-10-03"];
        Assert.All(statutory, day => Assert.False(calendar.IsWorkingDay(Day(day)), day));

        // 初一 and 初二 fall on Saturday and Sunday: compensated on the next two working days; so are 5/1 (Sat), 5/2 (Sun), 10/2 and 10/3.
        string[] compensations = ["2027-02-09", "2027-02-10", "2027-05-03", "2027-05-04", "2027-10-04", "2027-10-05"];
        Assert.All(compensations, day => Assert.False(calendar.IsWorkingDay(Day(day)), day));
        Assert.True(calendar.IsWorkingDay(Day("2027-02-11")));
        Assert.True(calendar.IsWorkingDay(Day("2027-10-06")));
        Assert.True(calendar.IsProvisional(2027));
        Assert.Equal("春节（补假）", calendar.NameOf(Day("2027-02-09")));
        Assert.Equal("端午节", calendar.NameOf(Day("2027-06-09")));
        Assert.Equal("中秋节", calendar.NameOf(Day("2027-09-15")));
    }

    [Theory]
    [InlineData(2027, 6, 9, 5, 5)]
    [InlineData(2027, 9, 15, 8, 15)]
    [InlineData(2028, 5, 28, 5, 5)]
    [InlineData(2028, 10, 3, 8, 15)]
    [InlineData(2023, 6, 22, 5, 5)]
    public void lunar_festivals_come_from_the_lunisolar_calendar_even_in_years_with_a_leap_month(int year, int month, int day, int lunarMonth, int lunarDay)
    {
        var lunar = new ChineseLunisolarCalendar();
        var date = new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified);
        var leap = lunar.GetLeapMonth(lunar.GetYear(date));
        var index = lunar.GetMonth(date);
        Assert.Equal(lunarMonth, leap != 0 && index >= leap ? index - 1 : index);
        Assert.Equal(lunarDay, lunar.GetDayOfMonth(date));

        Assert.Contains(DateOnly.FromDateTime(date), ProvisionalYear.Derive(year).DaysOff);
    }

    [Theory]
    [InlineData(2000, 4)]
    [InlineData(2008, 4)]
    [InlineData(2019, 5)]
    [InlineData(2020, 4)]
    [InlineData(2022, 5)]
    [InlineData(2024, 4)]
    [InlineData(2025, 4)]
    [InlineData(2026, 5)]
    [InlineData(2027, 5)]
    [InlineData(2028, 4)]
    public void qingming_is_the_day_of_the_solar_term(int year, int day)
    {
        Assert.Equal(new DateOnly(year, 4, day), ProvisionalYear.Qingming(year));
    }

    [Fact]
    public void qingming_stays_in_early_april_for_every_year_the_calendar_covers()
    {
        for (var year = WorkingCalendar.FirstYear; year <= WorkingCalendar.LastYear; year++)
        {
            Assert.InRange(ProvisionalYear.Qingming(year).Day, 4, 6);
        }
    }

    [Fact]
    public void a_published_year_wins_over_the_derived_one()
    {
        var year2027 = new CalendarYear(2027, new HashSet<DateOnly> { Day("2027-01-01"), Day("2027-02-11") }, new HashSet<DateOnly> { Day("2027-02-20") });

        var calendar = Published.WithYear(year2027);

        Assert.False(calendar.IsProvisional(2027));
        Assert.True(calendar.IsWorkingDay(Day("2027-02-09")));
        Assert.False(calendar.IsWorkingDay(Day("2027-02-11")));
        Assert.True(calendar.IsWorkingDay(Day("2027-02-20")));
        Assert.Equal("春节调休上班", calendar.NameOf(Day("2027-02-20")));
    }

    [Fact]
    public void every_year_of_the_range_is_answered_without_an_exception()
    {
        var calendar = Published;

        var due = calendar.AddWorkingDays(new DateOnly(WorkingCalendar.FirstYear, 1, 1), 300);
        var last = calendar.AddWorkingDays(new DateOnly(WorkingCalendar.LastYear, 12, 1), 30);

        Assert.Equal(WorkingCalendar.FirstYear + 1, due.Year);
        Assert.Equal(WorkingCalendar.LastYear + 1, last.Year);
    }
}
