namespace Window.Workflows.Calendar;

/// <summary>
/// One year of the working calendar: the official days off (holidays, including the weekend days they cover) and the
/// make-up workdays (调休上班, usually a Saturday or Sunday). Any other Monday–Friday is a working day and any other
/// Saturday or Sunday is a day off.
/// </summary>
/// <param name="Year">The year.</param>
/// <param name="DaysOff">Days off besides ordinary weekends.</param>
/// <param name="MakeUpWorkdays">Weekend days worked in exchange for a longer holiday.</param>
public sealed record CalendarYear(int Year, IReadOnlySet<DateOnly> DaysOff, IReadOnlySet<DateOnly> MakeUpWorkdays)
{
    /// <summary>
    /// Whether the year is derived from the holiday rules (<see cref="ProvisionalYear"/>) because the State Council's
    /// notice for it has not been published yet; dates computed from it are printed 「暂定，遇法定节假日顺延」.
    /// </summary>
    public bool Provisional { get; init; }

    /// <summary>The Chinese name of a named day: a holiday, a compensating day off or a make-up workday.</summary>
    public IReadOnlyDictionary<DateOnly, string> Names { get; init; } = new Dictionary<DateOnly, string>();
}
