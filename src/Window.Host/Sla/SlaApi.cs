using System.Globalization;
using System.Text.Json;
using Window.Contracts;
using Window.Host.Api;
using Window.Host.Identity;
using Window.Storage.Sla;
using Window.Workflows.Calendar;

namespace Window.Host.Sla;

/// <summary>One inbox notification.</summary>
public sealed record InboxItemDto(
    long Id, string CaseId, string CaseNumber, string Kind, string? Light, string? ItemId, string? StepId, string? Department, DateTimeOffset At,
    bool Read);

/// <summary>GET /api/inbox: the newest notifications and how many of all are unread.</summary>
public sealed record InboxDto(int Unread, IReadOnlyList<InboxItemDto> Items);

/// <summary>One current yellow or red step (stepId set) or case.</summary>
public sealed record BreachDto(
    string CaseId, string CaseNumber, string? ItemId, string? StepId, string? Department, string Officer, DateTimeOffset? Due, string Light);

/// <summary>One week (Monday start, +08:00) of the trend.</summary>
public sealed record TrendWeekDto(DateOnly Week, int Opened, int Completed, int OnTime, double? OnTimeRate);

/// <summary>PUT /api/calendar/years/{year}: days off (dates or {from, to} ranges) and make-up working weekend days.</summary>
public sealed record CalendarYearDto(int Year, IReadOnlyList<DateOnly> DaysOff, IReadOnlyList<DateOnly> WorkingWeekends);

/// <summary>The inbox, supervisors' SLA figures, and the working calendar's API.</summary>
public static class SlaApi
{
    private const int InboxPage = 100;
    private const int BreachLimit = 500;
    private const int MaxPeriodDays = 366;
    private const int MaxWeeks = 104;

    /// <summary>Maps /api/inbox, /api/sla and /api/calendar.</summary>
    public static WebApplication MapSlaApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/api/inbox", InboxAsync).RequireAuthorization(Policies.Staff);
        app.MapPost("/api/inbox/{id:long}/read", ReadAsync).RequireAuthorization(Policies.Staff);
        app.MapGet("/api/sla/summary", SummaryAsync).RequireAuthorization(Policies.Oversight);
        app.MapGet("/api/sla/breaches", BreachesAsync).RequireAuthorization(Policies.Oversight);
        app.MapGet("/api/sla/trend", TrendAsync).RequireAuthorization(Policies.Oversight);
        app.MapPost("/api/sla/watch", WatchAsync).RequireAuthorization(Policies.Oversight);
        app.MapGet("/api/calendar/add", AddAsync).RequireAuthorization(Policies.Staff);
        app.MapGet("/api/calendar/between", BetweenAsync).RequireAuthorization(Policies.Staff);
        app.MapPut("/api/calendar/years/{year:int}", PutYearAsync).RequireAuthorization(Policies.Administrators);
        return app;
    }

    private static async Task<IResult> InboxAsync(HttpContext http, SqlSlaStore store, CancellationToken cancellationToken)
    {
        if (SignedIn(http) is not { } user)
        {
            return Unauthenticated();
        }

        var (entries, unread) = await store.InboxAsync(user, InboxPage, cancellationToken);
        return Results.Ok(new InboxDto(unread, [.. entries.Select(e => new InboxItemDto(
            e.Id, e.CaseId, e.CaseNumber, e.Kind, e.Light, e.ItemId, e.StepId, e.Department, e.At, e.ReadAt is not null))]));
    }

    private static async Task<IResult> ReadAsync(long id, HttpContext http, SqlSlaStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (SignedIn(http) is not { } user)
        {
            return Unauthenticated();
        }

        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        // Marking read twice keeps the first read time: a retry has the same effect.
        return await store.MarkReadAsync(user, id, time.GetUtcNow(), cancellationToken) ? Results.NoContent() : Problems.NotFound("No such notification in your inbox.");
    }

    private static async Task<IResult> SummaryAsync(
        HttpContext http, SlaSummary summary, CalendarYears calendar, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Supervising(http) is { } refused)
        {
            return refused;
        }

        var query = http.Request.Query;
        var to = OfficeTime.DateOf(time.GetUtcNow());
        if (Date(query["to"], "to", ref to) is { } badTo)
        {
            return badTo;
        }

        var from = to.AddDays(-29);
        if (Date(query["from"], "from", ref from) is { } badFrom)
        {
            return badFrom;
        }

        if (from > to || to.DayNumber - from.DayNumber >= MaxPeriodDays)
        {
            return Problems.Invalid("to", $"The period must run forwards and span at most {MaxPeriodDays} days.");
        }

        var department = Optional(query["department"]);
        var item = Optional(query["item"]);
        await calendar.EnsureLoadedAsync(cancellationToken);
        return Results.Ok(await summary.ComputeAsync(calendar.Calendar, time.GetUtcNow(), from, to, department, item, cancellationToken));
    }

    private static async Task<IResult> BreachesAsync(HttpContext http, SqlSlaStore store, CancellationToken cancellationToken)
    {
        if (Supervising(http) is { } refused)
        {
            return refused;
        }

        var breaches = await store.BreachesAsync(BreachLimit, cancellationToken);
        return Results.Ok(breaches.Select(b => new BreachDto(b.CaseId, b.CaseNumber, b.ItemId, b.StepId, b.Department, b.Officer, b.DueAt, b.Light)).ToList());
    }

    private static async Task<IResult> TrendAsync(HttpContext http, SqlSlaStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        if (Supervising(http) is { } refused)
        {
            return refused;
        }

        var weeks = 12;
        if (Optional(http.Request.Query["weeks"]) is { } text && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out weeks) || weeks is < 1 or > MaxWeeks))
        {
            return Problems.Invalid("weeks", $"weeks must be a whole number from 1 to {MaxWeeks}.");
        }

        var today = OfficeTime.DateOf(time.GetUtcNow());
        var thisMonday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var first = thisMonday.AddDays(-7 * (weeks - 1));
        var start = OfficeTime.StartOf(first);
        var end = OfficeTime.StartOf(thisMonday.AddDays(7));
        var opened = await store.OpenedAsync(start, end, cancellationToken);
        var completions = await store.CompletionsAsync(start, end, cancellationToken);
        int Week(DateTimeOffset at) => (OfficeTime.DateOf(at).DayNumber - first.DayNumber) / 7;
        var result = Enumerable.Range(0, weeks).Select(w =>
        {
            var done = completions.Where(c => Week(c.CompletedAt) == w).ToList();
            var onTime = done.Count(c => c.CompletedAt <= OfficeTime.EndOf(c.PromisedBy));
            return new TrendWeekDto(first.AddDays(7 * w), opened.Count(o => Week(o) == w), done.Count, onTime, done.Count == 0 ? null : (double)onTime / done.Count);
        }).ToList();
        return Results.Ok(result);
    }

    private static async Task<IResult> WatchAsync(HttpContext http, SlaWatcher watcher, EscalationDispatcher dispatcher, CancellationToken cancellationToken)
    {
        if (Supervising(http) is { } refused)
        {
            return refused;
        }

        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        // A pass is naturally idempotent (it acts on stored deadlines), so a retried request simply runs another.
        var watched = await watcher.WatchOnceAsync(cancellationToken);
        var dispatched = await dispatcher.DispatchOnceAsync(cancellationToken);
        return Results.Ok(new { watched.CasesLooked, watched.CasesChanged, watched.RectificationChanges, Dispatched = dispatched });
    }

    private static async Task<IResult> AddAsync(HttpContext http, CalendarYears calendar, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var from = default(DateOnly);
        if (Required(query["from"], "from", ref from) is { } bad)
        {
            return bad;
        }

        if (!int.TryParse(query["workingDays"], NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days > 3650)
        {
            return Problems.Invalid("workingDays", "workingDays must be a whole number from 0 to 3650.");
        }

        await calendar.EnsureLoadedAsync(cancellationToken);
        return Calendar(() => Results.Ok(new { date = calendar.Calendar.AddWorkingDays(from, days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }));
    }

    private static async Task<IResult> BetweenAsync(HttpContext http, CalendarYears calendar, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        DateOnly from = default, to = default;
        if (Required(query["from"], "from", ref from) is { } badFrom)
        {
            return badFrom;
        }

        if (Required(query["to"], "to", ref to) is { } badTo)
        {
            return badTo;
        }

        await calendar.EnsureLoadedAsync(cancellationToken);
        return Calendar(() => Results.Ok(new { workingDays = calendar.Calendar.WorkingDaysBetween(from, to) }));
    }

    private static async Task<IResult> PutYearAsync(int year, HttpContext http, CalendarYears calendar, CancellationToken cancellationToken)
    {
        var actor = Actors.Of(http.User);
        if (actor.Role == "anonymous")
        {
            return Unauthenticated();
        }

        if (actor.Role != Roles.Administrator)
        {
            return Problems.Create(StatusCodes.Status403Forbidden, "forbidden", "Only administrators publish calendar years.", null, []);
        }

        if (IdempotencyGate.Key(http) is null)
        {
            return IdempotencyGate.MissingKey();
        }

        if (year is < 2000 or > 2100)
        {
            return Problems.Invalid("year", "The year must be between 2000 and 2100.");
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
                from = to = ParseDay(element.GetString());
            }
            else if (ranges && element.ValueKind == JsonValueKind.Object)
            {
                from = element.TryGetProperty("from", out var f) && f.ValueKind == JsonValueKind.String ? ParseDay(f.GetString()) : null;
                to = element.TryGetProperty("to", out var t) && t.ValueKind == JsonValueKind.String ? ParseDay(t.GetString()) : from;
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

    private static IResult Calendar(Func<IResult> answer)
    {
        try
        {
            return answer();
        }
        catch (CalendarYearUnknownException unknown)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, "calendar_year_unknown",
                $"The working calendar has no data for {unknown.Year}; an administrator must publish that year first.", null, [],
                new Dictionary<string, object?> { ["year"] = unknown.Year });
        }
    }

    private static IResult? Date(string? text, string field, ref DateOnly value)
    {
        if (Optional(text) is not { } given)
        {
            return null;
        }

        if (ParseDay(given) is not { } day)
        {
            return Problems.Invalid(field, $"{field} must be a date YYYY-MM-DD.");
        }

        value = day;
        return null;
    }

    private static IResult? Required(string? text, string field, ref DateOnly value) =>
        Optional(text) is null ? Problems.Invalid(field, $"{field} is required (YYYY-MM-DD).") : Date(text, field, ref value);

    private static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string? SignedIn(HttpContext http) => Actors.Of(http.User) is { Role: not "anonymous" } actor ? actor.User : null;

    private static IResult Unauthenticated() =>
        Problems.Create(StatusCodes.Status401Unauthorized, "unauthenticated", "Sign in first.", null, []);

    private static IResult? Supervising(HttpContext http) => Actors.Of(http.User).Role switch
    {
        "anonymous" => Unauthenticated(),
        Roles.Supervisor or Roles.Administrator => null,
        _ => Problems.Create(StatusCodes.Status403Forbidden, "forbidden", "SLA figures are for supervisors and administrators.", null, []),
    };
}
