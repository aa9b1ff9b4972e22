using System.Globalization;
using System.Text.Json;
using Window.Host.Identity;
using Window.Host.Sla;
using Window.Storage.Sla;
using Window.Workflows.Calendar;

namespace Window.Host.Api;

/// <summary>PUT /api/calendar/years/{year}: days off (dates or {from, to} ranges) and make-up working weekend days.</summary>
public sealed record CalendarYearDto(int Year, IReadOnlyList<DateOnly> DaysOff, IReadOnlyList<DateOnly> WorkingWeekends);

/// <summary>GET /api/calendar/add's query: a day (YYYY-MM-DD) and a count of working days, parsed with their own problems.</summary>
public sealed record CalendarAddQuery(string? From, string? WorkingDays);

/// <summary>The query of GET /api/calendar/between and /days: two days, YYYY-MM-DD, both required.</summary>
public sealed record CalendarPeriodQuery(string? From, string? To);

/// <summary>One day of GET /api/calendar/days.</summary>
/// <param name="Date">The day.</param>
/// <param name="Working">Whether the office works that day.</param>
/// <param name="Provisional">Whether the day's year is derived from the holiday rules, not yet published.</param>
/// <param name="Name">The Chinese name of a holiday, compensating day off or make-up workday; null for an ordinary day.</param>
public sealed record CalendarDayDto(DateOnly Date, bool Working, bool Provisional, string? Name);

/// <summary>
/// The working calendar's API: date arithmetic for staff, the days of a period, publishing a year (administrators:
/// the endpoint policy refuses everyone else).
/// </summary>
public static class CalendarApi
{
    private const int MaxWorkingDays = 3650;
    private const int MaxDays = 366;

    /// <summary>Maps /api/calendar.</summary>
    public static WebApplication MapCalendarApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/calendar/add", AddAsync).RequireAuthorization(Policies.Staff);
        app.MapGet("/api/calendar/between", BetweenAsync).RequireAuthorization(Policies.Staff);
        app.MapGet("/api/calendar/days", DaysAsync).RequireAuthorization(Policies.Staff);
        app.MapPut("/api/calendar/years/{year:int}", PutYearAsync).RequireAuthorization(Policies.Administrators);
        return app;
    }

    private static async Task<IResult> AddAsync([AsParameters] CalendarAddQuery query, CalendarYears calendar, CancellationToken cancellationToken)
    {
        var from = default(DateOnly);
        if (DateQuery.Required(query.From, "from", ref from) is { } bad)
        {
            return bad;
        }

        if (!int.TryParse(query.WorkingDays, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > MaxWorkingDays)
        {
            return Problems.Invalid("workingDays", $"workingDays must be a whole number from 0 to {MaxWorkingDays}.");
        }

        await calendar.EnsureLoadedAsync(cancellationToken);
        var date = calendar.Calendar.AddWorkingDays(from, days);
        return Results.Ok(new { date = DateQuery.Format(date), provisional = calendar.Calendar.IsProvisional(from, date) });
    }

    private static async Task<IResult> BetweenAsync([AsParameters] CalendarPeriodQuery query, CalendarYears calendar, CancellationToken cancellationToken)
    {
        DateOnly from = default, to = default;
        if (Period(query, ref from, ref to) is { } bad)
        {
            return bad;
        }

        await calendar.EnsureLoadedAsync(cancellationToken);
        return Results.Ok(new { workingDays = calendar.Calendar.WorkingDaysBetween(from, to), provisional = calendar.Calendar.IsProvisional(from, to) });
    }

    private static async Task<IResult> DaysAsync([AsParameters] CalendarPeriodQuery query, CalendarYears calendar, CancellationToken cancellationToken)
    {
        DateOnly from = default, to = default;
        if (Period(query, ref from, ref to) is { } bad)
        {
            return bad;
        }

        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
        {
            return Problems.Invalid("to", $"to must not be before from, and the period spans at most {MaxDays} days.");
        }

        await calendar.EnsureLoadedAsync(cancellationToken);
        var days = Days(calendar.Calendar, from, to);
        return Results.Ok(days);
    }

    private static IResult? Period(CalendarPeriodQuery query, ref DateOnly from, ref DateOnly to) =>
        DateQuery.Required(query.From, "from", ref from) ?? DateQuery.Required(query.To, "to", ref to);

    /// <summary>The days of [<paramref name="from"/>, <paramref name="to"/>] as the calendar answers them.</summary>
    public static IReadOnlyList<CalendarDayDto> Days(WorkingCalendar calendar, DateOnly from, DateOnly to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var days = new List<CalendarDayDto>(Math.Max(0, to.DayNumber - from.DayNumber + 1));
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            days.Add(new CalendarDayDto(day, calendar.IsWorkingDay(day), calendar.IsProvisional(day.Year), calendar.NameOf(day)));
        }

        return days;
    }

    private static async Task<IResult> PutYearAsync(int year, HttpContext http, CalendarYears calendar, CancellationToken cancellationToken)
    {
        var actor = Actors.Of(http.User);
        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        if (!WorkingCalendar.Covers(year))
        {
            return Problems.Invalid("year", $"The year must be between {WorkingCalendar.FirstYear} and {WorkingCalendar.LastYear}.");
        }

        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException)
        {
            return Problems.Invalid("body", "The body must be JSON: { \"daysOff\": [...], \"workingWeekends\": [...] }.");
        }

        if (body.ValueKind != JsonValueKind.Object)
        {
            return Problems.Invalid("body", "The body must be a JSON object.");
        }

        var (daysOff, offProblem) = Days(body, "daysOff", year, ranges: true);
        if (offProblem is not null)
        {
            return offProblem;
        }

        var (weekends, weekendProblem) = Days(body, "workingWeekends", year, ranges: false);
        if (weekendProblem is not null)
        {
            return weekendProblem;
        }

        if (weekends.FirstOrDefault(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) is var weekday && weekday != default)
        {
            return Problems.Invalid("workingWeekends", $"{weekday:yyyy-MM-dd} is not a Saturday or Sunday.");
        }

        var stored = new StoredCalendarYear(year, [.. daysOff.Distinct().Order()], [.. weekends.Distinct().Order()]);
        await calendar.PublishAsync(stored, actor.User, cancellationToken);
        return Results.Ok(new CalendarYearDto(year, stored.DaysOff, stored.MakeUpWorkdays));
    }

    private static (List<DateOnly> Days, IResult? Problem) Days(JsonElement body, string field, int year, bool ranges)
    {
        var days = new List<DateOnly>();
        if (!body.TryGetProperty(field, out var array) || array.ValueKind == JsonValueKind.Null)
        {
            return (days, null);
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            return (days, Problems.Invalid(field, $"{field} must be an array."));
        }

        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"{field}[{index++}]";
            DateOnly? from = null, to = null;
            if (element.ValueKind == JsonValueKind.String)
            {
                from = to = Day(element.GetString());
            }
            else if (ranges && element.ValueKind == JsonValueKind.Object)
            {
                from = element.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String ? Day(f.GetString()) : null;
                to = element.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.String ? Day(t.GetString()) : from;
            }

            if (from is not { } first || to is not { } last)
            {
                return (days, Problems.Invalid(path, ranges ? "Each entry is a YYYY-MM-DD date or {\"from\": \"YYYY-MM-DD\", \"to\": \"YYYY-MM-DD\"}." : "Each entry is a YYYY-MM-DD date."));
            }

            if (first.Year != year || last.Year != year || last < first)
            {
                return (days, Problems.Invalid(path, $"The dates must fall in {year} and a range must run forwards."));
            }

            for (var day = first; day <= last; day = day.AddDays(1))
            {
                days.Add(day);
            }
        }

        return (days, null);
    }

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
