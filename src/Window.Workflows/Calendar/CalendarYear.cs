namespace Window.Workflows.Calendar;

/// <summary>
/// One published year of the working calendar: the official days off (holidays, including the
/// weekend days they cover) and the make-up workdays (调休上班, usually a Saturday or Sunday).
/// Any other Monday–Friday is a working day and any other Saturday or Sunday is a day off.
/// </summary>
public sealed record CalendarYear(int Year, IReadOnlySet<DateOnly> DaysOff, IReadOnlySet<DateOnly> MakeUpWorkdays);

/// <summary>Thrown when a calendar question needs a year the calendar has not been given.</summary>
public sealed class CalendarYearUnknownException(int year, IReadOnlyCollection<int> knownYears)
    : InvalidOperationException(
        $"The working calendar has no data for {year} (known years: {string.Join(", ", knownYears.Order())}); " +
        $"an administrator must publish workflows/calendar/{year}.json.")
{
    /// <summary>The year that is missing.</summary>
    public int Year { get; } = year;
}
