using System.Globalization;

namespace Window.Workflows.Definitions;

/// <summary>
/// The date a <see cref="StepKind.WaitUntil"/> step waits for: a fixed day (<c>"2026-08-20"</c>), or a month and day that
/// recurs every year (<c>{ "month": 8, "day": 20 }</c>), as the yearly placement batch of school places does.
/// </summary>
public sealed record WaitDate
{
    private WaitDate(DateOnly? fixedDay, int month, int day) => (Fixed, Month, Day) = (fixedDay, month, day);

    /// <summary>The fixed day, or null for an annual date.</summary>
    public DateOnly? Fixed { get; }

    /// <summary>The month (1–12).</summary>
    public int Month { get; }

    /// <summary>The day of the month.</summary>
    public int Day { get; }

    /// <summary>A fixed day.</summary>
    public static WaitDate On(DateOnly day) => new(day, day.Month, day.Day);

    /// <summary>A month and day every year; null when that day does not occur in every year (e.g. 2-30, 2-29).</summary>
    public static WaitDate? Annually(int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2025, month) ? new WaitDate(null, month, day) : null;

    /// <summary>The day the wait ends for a step that starts on <paramref name="start"/>: the fixed day, or the next such month and day on or after it.</summary>
    public DateOnly EndFor(DateOnly start)
    {
        if (Fixed is { } day)
        {
            return day;
        }

        var thisYear = new DateOnly(start.Year, Month, Day);
        return thisYear >= start ? thisYear : thisYear.AddYears(1);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Fixed?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Create(CultureInfo.InvariantCulture, $"--{Month:00}-{Day:00}");
}
