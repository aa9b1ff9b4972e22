using System.Globalization;
using Window.Host.Components.Ui;
using Window.Workflows.Calendar;
using Window.Workflows.Catalog;
using Window.Testing;

namespace Window.Host.Tests.Ui;

/// <summary>
/// One date format on every page (2026年12月7日, 7 Dec 2026), and deadlines as the last working day with the working days
/// left, never the engine's "00:00 of the next day".
/// </summary>
public sealed class when_showing_dates_and_deadlines
{
    private static readonly WorkingCalendar Calendar = WorkflowCatalog.Load(Path.Combine(RepositoryPaths.Root, "workflows")).Calendar;

    [Fact]
    public void a_day_reads_as_year_month_day_in_chinese_and_day_month_year_in_english()
    {
        var day = new DateOnly(2026, 12, 7);

        Assert.Equal("2026年12月7日", InChinese(() => Text.Date(day)));
        Assert.Equal("7 Dec 2026", InEnglish(() => Text.Date(day)));
        Assert.Equal("—", InChinese(() => Text.Date(null)));
    }

    [Fact]
    public void an_instant_reads_in_office_time_with_the_same_day_format()
    {
        var at = new DateTimeOffset(2026, 12, 7, 6, 5, 0, TimeSpan.Zero);

        Assert.Equal("2026年12月7日 14:05", InChinese(() => Text.Time(at)));
        Assert.Equal("7 Dec 2026 14:05", InEnglish(() => Text.Time(at)));
    }

    [Fact]
    public void an_instant_late_in_the_utc_day_is_the_next_office_day()
    {
        var at = new DateTimeOffset(2026, 12, 6, 17, 30, 0, TimeSpan.Zero);

        Assert.Equal("2026年12月7日 01:30", InChinese(() => Text.Time(at)));
    }

    [Fact]
    public void a_due_at_midnight_means_the_day_before()
    {
        var due = OfficeTime.StartOf(new DateOnly(2026, 12, 8));

        Assert.Equal(new DateOnly(2026, 12, 7), Text.LastDay(due));
    }

    [Fact]
    public void a_due_during_a_day_moved_by_a_pause_is_on_that_day()
    {
        var due = new DateTimeOffset(2026, 12, 8, 14, 5, 0, OfficeTime.Offset);

        Assert.Equal(new DateOnly(2026, 12, 8), Text.LastDay(due));
    }

    [Fact]
    public void a_deadline_shows_its_weekday_and_the_working_days_left()
    {
        var due = OfficeTime.StartOf(new DateOnly(2026, 12, 11));
        var now = new DateTimeOffset(2026, 12, 8, 10, 0, 0, OfficeTime.Offset);

        Assert.Equal("2026年12月10日（周四） · 剩余2个工作日", InChinese(() => Text.Deadline(due, Calendar, now)));
        Assert.Equal("Thu 10 Dec 2026 · 2 working days left", InEnglish(() => Text.Deadline(due, Calendar, now)));
        Assert.DoesNotContain("00:00", InChinese(() => Text.Deadline(due, Calendar, now)));
    }

    [Fact]
    public void working_days_left_skip_the_national_day_holiday()
    {
        var today = new DateOnly(2026, 9, 30);

        Assert.Equal("剩余2个工作日", InChinese(() => Text.DaysLeft(new DateOnly(2026, 10, 9), Calendar, today)));
    }

    [Fact]
    public void a_deadline_of_today_is_due_today()
    {
        var day = new DateOnly(2026, 12, 7);

        Assert.Equal("2026年12月7日（周一） · 今天到期", InChinese(() => Text.Deadline(day, Calendar, day)));
        Assert.Equal("Due today", InEnglish(() => Text.DaysLeft(day, Calendar, day)));
    }

    [Fact]
    public void an_overdue_deadline_counts_the_working_days_since()
    {
        var lastDay = new DateOnly(2026, 12, 4);

        Assert.Equal("已超期2个工作日", InChinese(() => Text.DaysLeft(lastDay, Calendar, new DateOnly(2026, 12, 8))));
        Assert.Equal("1 working day overdue", InEnglish(() => Text.DaysLeft(lastDay, Calendar, new DateOnly(2026, 12, 7))));
        Assert.Equal("已超期", InChinese(() => Text.DaysLeft(lastDay, Calendar, new DateOnly(2026, 12, 5))));
        Assert.Equal(-2, Text.WorkingDaysLeft(lastDay, Calendar, new DateOnly(2026, 12, 8)));
    }

    [Fact]
    public void a_provisional_deadline_says_so()
    {
        var day = new DateOnly(2027, 3, 1);

        Assert.Equal("2027年3月1日（周一）（暂定，遇法定节假日顺延）", InChinese(() => Text.DeadlineDay(day, provisional: true)));
    }

    [Fact]
    public void every_weekday_has_its_chinese_name()
    {
        var monday = new DateOnly(2026, 12, 7);

        Assert.Equal(["周一", "周二", "周三", "周四", "周五", "周六", "周日"], InChinese(() => Enumerable.Range(0, 7).Select(d => Text.Weekday(monday.AddDays(d))).ToArray()));
    }

    internal static T InChinese<T>(Func<T> read) => In("zh-CN", read);

    internal static T InEnglish<T>(Func<T> read) => In("en", read);

    private static T In<T>(string culture, Func<T> read)
    {
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return read();
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
