using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Window.Workflows.Calendar;

/// <summary>
/// The office's working calendar, built from data (<see cref="CalendarYear"/>) so that an
/// administrator can publish a new year with <see cref="WithYear"/>. Every question about a date in
/// a year it does not know throws <see cref="CalendarYearUnknownException"/> naming that year
/// instead of guessing.
/// </summary>
public sealed class WorkingCalendar
{
    private readonly IReadOnlyDictionary<int, CalendarYear> _years;
    private string? _fingerprint;

    /// <summary>Creates a calendar from published years (each year at most once).</summary>
    public WorkingCalendar(IEnumerable<CalendarYear> years)
    {
        ArgumentNullException.ThrowIfNull(years);
        _years = years.ToDictionary(y => y.Year);
    }

    /// <summary>The years this calendar knows, ascending.</summary>
    public IReadOnlyList<int> Years => [.. _years.Keys.Order()];

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

    /// <summary>Whether the office works on <paramref name="date"/>.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (!_years.TryGetValue(date.Year, out var year))
        {
            throw new CalendarYearUnknownException(date.Year, [.. _years.Keys]);
        }

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
