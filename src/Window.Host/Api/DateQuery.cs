using System.Globalization;
using Window.Workflows.Calendar;

namespace Window.Host.Api;

/// <summary>
/// Dates in query strings (YYYY-MM-DD), checked once for every endpoint: a date outside the years the working calendar
/// covers (<see cref="WorkingCalendar.FirstYear"/>–<see cref="WorkingCalendar.LastYear"/>) is invalid input, a 400
/// naming the field, never a 500 deeper down.
/// </summary>
public static class DateQuery
{
    /// <summary>Parses an optional date into <paramref name="value"/> (left as it is when absent); a problem when malformed.</summary>
    public static IResult? Optional(string? text, string field, ref DateOnly value)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return Problems.Invalid(field, $"{field} must be a date YYYY-MM-DD.");
        }

        if (!WorkingCalendar.Covers(day.Year))
        {
            return Problems.Invalid(field, $"{field} must fall in the years {WorkingCalendar.FirstYear}–{WorkingCalendar.LastYear}.");
        }

        value = day;
        return null;
    }

    /// <summary>Parses a required date; a problem when absent or malformed.</summary>
    public static IResult? Required(string? text, string field, ref DateOnly value) =>
        string.IsNullOrWhiteSpace(text) ? Problems.Invalid(field, $"{field} is required (YYYY-MM-DD).") : Optional(text, field, ref value);

    /// <summary>The date as the API writes it.</summary>
    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
