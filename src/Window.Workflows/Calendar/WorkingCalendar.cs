using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Window.Workflows.Calendar;

/// <summary>
/// The office's working calendar, built from published data (<see cref="CalendarYear"/>) so that an administrator can
/// publish a new year with <see cref="WithYear"/>. It answers for every year: a year nobody has published is derived
/// from the holiday rules (<see cref="ProvisionalYear"/>) and marked provisional, so that the window never stops
/// accepting because next year's notice is late. A published year always wins over the derived one.
/// </summary>
public sealed class WorkingCalendar
{
    /// <summary>The first year a caller may ask about (the solar-term and lunar rules hold from here).</summary>
    public const int FirstYear = 1900;

    /// <summary>The last year a caller may ask about.</summary>
    public const int LastYear = 2100;

    private readonly IReadOnlyDictionary<int, CalendarYear> _years;
    private string? _fingerprint;

    /// <summary>Creates a calendar from published years (each year at most once).</summary>
    public WorkingCalendar(IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        _years = years.ToDictionary(y => y.Year);
    }

    /// <summary>The published years, ascending.</summary>
    public IReadOnlyList<int> Years => [.. _years.Keys.Order()];

    /// <summary>Whether <paramref name="year"/> is one a caller may ask about (<see cref="FirstYear"/>–<see cref="LastYear"/>).</summary>
    public static bool Covers(int year) => year is >= FirstYear and <= LastYear;

    /// <summary>The year as the calendar answers it: the published one, or else the provisional one the rules derive.</summary>
    public CalendarYear Year(int year) =>
        _years.TryGetValue(year, out var published) ? published : ProvisionalYear.Derive(year);

    /// <summary>Whether <paramref name="year"/> has not been published, so that its dates are provisional.</summary>
    public bool IsProvisional(int year) => !_years.ContainsKey(year);

    /// <summary>
    /// Whether a date counted from <paramref name="from"/> to <paramref name="to"/> (either order) passed through a year
    /// that has not been published, and so may move when that year is.
    /// </summary>
    public bool IsProvisional(DateOnly from, DateOnly to)
    {
        var (first, last) = from <= to ? (from.Year, to.Year) : (to.Year, from.Year);
        for (var year = first; year <= last; year++)
        {
            if (IsProvisional(year))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The Chinese name of <paramref name="date"/> when it is a holiday, a compensating day off or a make-up workday;
    /// null for an ordinary day. A published year without names borrows the rules' name for the run of days off (or
    /// the nearest such run, for a make-up workday) that holds a statutory holiday.
    /// </summary>
    public string? NameOf(DateOnly date)
    {
        var year = Year(date.Year);
        if (year.Names.TryGetValue(date, out var name))
        {
            return name;
        }

        var rules = ProvisionalYear.Derive(date.Year).Names;
        if (year.MakeUpWorkdays.Contains(date))
        {
            var nearest = Enumerable.Range(1, 30).SelectMany(d => new[] { date.AddDays(-d), date.AddDays(d) })
                .Select(RunName).FirstOrDefault(n => n is not null);
            return nearest is null ? "调休上班" : $"{nearest}调休上班";
        }

        return year.DaysOff.Contains(date) ? RunName(date) : null;

        string? RunName(DateOnly day)
        {
            if (day.Year != date.Year || IsWorkingDay(day))
            {
                return null;
            }

            for (var d = day; d.Year == date.Year && !IsWorkingDay(d); d = d.AddDays(-1))
            {
                if (rules.TryGetValue(d, out var found))
                {
                    return StripCompensation(found);
                }
            }

            for (var d = day.AddDays(1); d.Year == date.Year && !IsWorkingDay(d); d = d.AddDays(1))
            {
                if (rules.TryGetValue(d, out var found))
                {
                    return StripCompensation(found);
                }
            }

            return null;
        }

        static string StripCompensation(string holiday) => holiday.Replace("（补假）", string.Empty, StringComparison.Ordinal);
    }

    /// <summary>
    /// A short fingerprint of everything the calendar knows: equal for calendars that answer every question alike, so
    /// that figures computed with one calendar (stored working-day counts) can tell when it was replaced.
    /// </summary>
    public string Fingerprint => _fingerprint ??= ComputeFingerprint();

    /// <summary>A new calendar that also knows <paramref name="year"/> (replacing an earlier copy of the same year).</summary>
    public WorkingCalendar WithYear(CalendarYear year)
    {
        ArgumentNullException.ThrowIfNull(year);
        return new WorkingCalendar(_years.Values.Where(y => y.Year != year.Year).Append(year));
    }

    /// <summary>Whether the office works on <paramref name="date"/> (provisionally so in an unpublished year).</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        var year = Year(date.Year);
        if (year.MakeUpWorkdays.Contains(date))
        {
            return true;
        }

        return !year.DaysOff.Contains(date) && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The <paramref name="days"/>-th working day after <paramref name="date"/> (the date itself is
    /// never counted); with 0 days, the date itself.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var current = date;
        for (var counted = 0; counted < days;)
        {
            current = current.AddDays(1);
            if (IsWorkingDay(current))
            {
                counted++;
            }
        }

        return current;
    }

    /// <summary>
    /// The number of working days in (<paramref name="from"/>, <paramref name="to"/>]: after
    /// <paramref name="from"/>, up to and including <paramref name="to"/>; negative when
    /// <paramref name="to"/> is earlier. <c>WorkingDaysBetween(d, AddWorkingDays(d, n)) == n</c>.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var d = from.AddDays(1); d <= to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The working time between two instants: the part of [<paramref name="from"/>, <paramref name="to"/>)
    /// that falls on working days, each working day counting as its full 24 local hours. Zero when
    /// <paramref name="to"/> is not after <paramref name="from"/>.
    /// </summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to)
    {
        var total = TimeSpan.Zero;
        if (to <= from)
        {
            return total;
        }

        for (var d = OfficeTime.DateOf(from); OfficeTime.StartOf(d) < to; d = d.AddDays(1))
        {
            if (IsWorkingDay(d))
            {
                var start = Max(from, OfficeTime.StartOf(d));
                var end = Min(to, OfficeTime.EndOf(d));
                total += end - start;
            }
        }

        return total;
    }

    /// <summary>
    /// The earliest instant at or after <paramref name="from"/> by which <paramref name="amount"/> of
    /// working time (see <see cref="WorkingTimeBetween"/>) has passed. When the amount runs out exactly
    /// at the end of a working day the answer is that day's 24:00, never a later day off.
    /// </summary>
    public DateTimeOffset AddWorkingTime(DateTimeOffset from, TimeSpan amount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(amount, TimeSpan.Zero);
        if (amount == TimeSpan.Zero)
        {
            return from;
        }

        var remaining = amount;
        for (var d = OfficeTime.DateOf(from); ; d = d.AddDays(1))
        {
            if (!IsWorkingDay(d))
            {
                continue;
            }

            var start = Max(from, OfficeTime.StartOf(d));
            var available = OfficeTime.EndOf(d) - start;
            if (remaining <= available)
            {
                return start + remaining;
            }

            remaining -= available;
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private string ComputeFingerprint()
    {
        static string Days(IEnumerable<DateOnly> days) => string.Join(',', days.Order().Select(d => d.DayNumber.ToString(CultureInfo.InvariantCulture)));
        var text = string.Join(';', _years.Values.OrderBy(y => y.Year)
            .Select(y => string.Create(CultureInfo.InvariantCulture, $"{y.Year}:{Days(y.DaysOff)}:{Days(y.MakeUpWorkdays)}")));
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 8);
    }
}
