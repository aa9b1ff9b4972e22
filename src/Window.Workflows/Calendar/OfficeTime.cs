namespace Window.Workflows.Calendar;

/// <summary>
/// The office's clock: China Standard Time, a fixed UTC+08:00 offset (China has no daylight saving),
/// so nothing depends on the operating system's time-zone database.
/// </summary>
public static class OfficeTime
{
    /// <summary>The fixed UTC offset of China Standard Time.</summary>
    public static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>The local calendar date of an instant.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.ToOffset(Offset).DateTime);

    /// <summary>00:00 local time on <paramref name="date"/>.</summary>
    public static DateTimeOffset StartOf(DateOnly date) => new(date.ToDateTime(TimeOnly.MinValue), Offset);

    /// <summary>24:00 local time on <paramref name="date"/>, i.e. 00:00 of the next day.</summary>
    public static DateTimeOffset EndOf(DateOnly date) => StartOf(date.AddDays(1));
}
