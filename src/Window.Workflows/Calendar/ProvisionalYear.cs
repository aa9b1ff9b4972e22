using System.Collections.Concurrent;
using System.Globalization;

namespace Window.Workflows.Calendar;

/// <summary>
/// A year derived from the rules of 《全国年节及纪念日放假办法》 (2024 revision), used until an administrator publishes the
/// State Council's notice for it: 元旦 1/1; 春节 农历除夕 and 正月初一至初三; 清明 (the solar-term day); 劳动节 5/1–5/2;
/// 端午 农历五月初五; 中秋 农历八月十五; 国庆 10/1–10/3. A statutory day on a Saturday or Sunday is compensated (补假) on the
/// next working day. The rules fix no make-up workdays (调休): only the notice does, so a provisional year has none, and
/// its holidays are never longer than the published ones (every derived day off is off in the published 2025 and 2026).
/// </summary>
public static class ProvisionalYear
{
    private static readonly ChineseLunisolarCalendar Lunar = new();
    private static readonly ConcurrentDictionary<int, CalendarYear> Derived = new();

    /// <summary>The year as the rules make it (computed once per year and process).</summary>
    public static CalendarYear Derive(int year) => Derived.GetOrAdd(year, Compute);

    private static CalendarYear Compute(int year)
    {
        var statutory = new SortedDictionary<DateOnly, string>();
        void Add(DateOnly day, string name) => statutory.TryAdd(day, name);

        if (year is < 1 or > 9999)
        {
            throw new ArgumentOutOfRangeException(nameof(year), year, "A calendar year is between 1 and 9999.");
        }

        Add(new DateOnly(year, 1, 1), "元旦");
        if (LunarDate(year, 1, 1) is { } newYear)
        {
            Add(newYear.AddDays(-1), "春节");
            for (var d = 0; d < 3; d++)
            {
                Add(newYear.AddDays(d), "春节");
            }
        }

        if (year is >= 1900 and <= 2100)
        {
            Add(Qingming(year), "清明节");
        }

        Add(new DateOnly(year, 5, 1), "劳动节");
        Add(new DateOnly(year, 5, 2), "劳动节");
        if (LunarDate(year, 5, 5) is { } dragonBoat)
        {
            Add(dragonBoat, "端午节");
        }

        if (LunarDate(year, 8, 15) is { } midAutumn)
        {
            Add(midAutumn, "中秋节");
        }

        for (var d = 1; d <= 3; d++)
        {
            Add(new DateOnly(year, 10, d), "国庆节");
        }

        var names = new Dictionary<DateOnly, string>(statutory);
        var daysOff = new HashSet<DateOnly>(statutory.Keys);
        foreach (var (day, name) in statutory.Where(s => IsWeekend(s.Key)))
        {
            var compensation = day.AddDays(1);
            while (IsWeekend(compensation) || daysOff.Contains(compensation))
            {
                compensation = compensation.AddDays(1);
            }

            // A compensation in the next January belongs to that year's own derivation, which knows nothing of it; the
            // rules only place New Year in January, so it never happens with these holidays.
            if (compensation.Year == year)
            {
                daysOff.Add(compensation);
                names[compensation] = $"{name}（补假）";
            }
        }

        return new CalendarYear(year, daysOff, new HashSet<DateOnly>()) { Provisional = true, Names = names };
    }

    /// <summary>
    /// The day of the solar term 清明 (the sun at 15° ecliptic longitude), in China Standard Time, for 1900–2100: the
    /// widely used 寿星 formula <c>⌊Y·0.2422 + C⌋ − L</c> with Y the year in its century, C = 5.59 (1900–2000) or 4.81
    /// (2001–2100) and L the leap days since the century began; it has no known exception for 清明 in these years.
    /// </summary>
    public static DateOnly Qingming(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1900);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 2100);
        var (centuryStart, c) = year <= 2000 ? (1900, 5.59) : (2000, 4.81);
        var y = year - centuryStart;
        var leapDays = Enumerable.Range(centuryStart + 1, y).Count(DateTime.IsLeapYear);
        return new DateOnly(year, 4, (int)Math.Floor((y * 0.2422) + c) - leapDays);
    }

    /// <summary>
    /// The Gregorian date of a lunar month and day in the lunar year that begins in <paramref name="year"/>; null outside
    /// the years <see cref="ChineseLunisolarCalendar"/> covers (1901–2100).
    /// </summary>
    private static DateOnly? LunarDate(int year, int month, int day)
    {
        if (year is < 1901 or > 2100)
        {
            return null;
        }

        // In a year with a leap month, GetLeapMonth names the leap month's position: months from there on shift by one.
        var leap = Lunar.GetLeapMonth(year);
        var index = leap != 0 && month >= leap ? month + 1 : month;
        return DateOnly.FromDateTime(Lunar.ToDateTime(year, index, day, 0, 0, 0, 0));
    }

    private static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
}
